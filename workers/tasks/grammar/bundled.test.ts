/**
 * The grammar and keystroke tasks from the built bundles (`npm run build` first; `npm test` does
 * it): out/main/task-thread.js in a real worker thread and out/main/task-process.js in a real
 * child process load them, grammar with the WASM file the build emitted, and answer as the
 * sources do. FORKPAD_OUT_DIR points the test at another build.
 */
import { fork } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Port } from '../../common/rpc-messages.ts';
import { createRpcClient, type Client } from '../../common/rpc.ts';
import type { ControlApi, GrammarApi, KeystrokeApi, TaskInit } from '../../common/task-api.ts';

const outMain = resolve(import.meta.dirname, '../../..', process.env.FORKPAD_OUT_DIR ?? 'out', 'main');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function builtWasm(): Promise<string> {
  const chunks = join(outMain, 'chunks');
  const names = await readdir(chunks).catch(() => [] as string[]);
  const wasm = names.find((name) => name.endsWith('.wasm'));
  if (wasm === undefined) throw new Error(`the build in ${outMain} holds no harper WASM (run npm run build)`);
  return join(chunks, wasm);
}

function spawnBuilt(kind: 'thread' | 'process', task: string): Port {
  if (kind === 'thread') {
    const worker = new Worker(join(outMain, 'task-thread.js'), { name: task });
    stops.push(async () => void (await worker.terminate()));
    return {
      post: (message) => worker.postMessage(message),
      listen(handler) {
        worker.on('message', handler);
        return () => worker.off('message', handler);
      },
    };
  }
  const child = fork(join(outMain, 'task-process.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  stops.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return {
    post: (message) => {
      if (child.connected) child.send(message);
    },
    listen(handler) {
      child.on('message', handler);
      return () => child.off('message', handler);
    },
  };
}

/** The client comes back wrapped: a proxy that answers every property, `then` included, is not awaitable. */
async function startBuilt<A>(kind: 'thread' | 'process', init: TaskInit): Promise<{ api: Client<A> }> {
  const client = createRpcClient<A>(spawnBuilt(kind, init.task), { label: `[built ${init.task} ${kind}]`, defaultTimeoutMs: 60_000 });
  await (client.api as unknown as Client<ControlApi>).start(init);
  return { api: client.api };
}

async function init(task: 'grammar' | 'keystroke'): Promise<TaskInit> {
  return {
    task,
    dataDir: await mkdtemp(join(tmpdir(), `forkpad-built-${task}-`)),
    assets: { harperWasm: await builtWasm(), dictionaryAff: 'unused', dictionaryDic: 'unused' },
    settings: { ignoredRules: [] },
  };
}

describe('grammar and keystroke from the built bundles', () => {
  for (const kind of ['thread', 'process'] as const) {
    it(`grammar finds its WASM and lints with exact offsets in a ${kind}`, async () => {
      const { api } = await startBuilt<GrammarApi>(kind, await init('grammar'));
      const text = '👩‍💻 This is an test.';
      await api.open({ uri: 'file:///b.md', version: 1, text, path: null });
      const result = await api.check({ version: 1 });
      expect(result.issues.map((issue) => ({ text: text.slice(issue.start, issue.end), rule: issue.rule }))).toEqual([{ text: 'an', rule: 'AnA' }]);
    }, 60_000);

    it(`keystroke journals and recovers in a ${kind}`, async () => {
      const { api } = await startBuilt<KeystrokeApi>(kind, await init('keystroke'));
      await api.open({ uri: 'file:///k.md', version: 1, text: 'a', path: null });
      await api.change({ uri: 'file:///k.md', version: 2, edits: [{ offset: 1, length: 0, text: 'b' }], keys: [{ kind: 'character', at: Date.now() }] });
      expect(await api.recover(null)).toEqual([expect.objectContaining({ uri: 'file:///k.md', version: 2, text: 'ab', dirty: true })]);
    }, 60_000);
  }
});
