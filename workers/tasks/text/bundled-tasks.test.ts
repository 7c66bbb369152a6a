/**
 * The render and spellcheck tasks from the built bundles (`npm run build` first; `npm test` does
 * it): out/main/task-thread.js in a real worker thread and out/main/task-process.js in a real
 * child process load them, with the dictionary files the build emitted, and answer as the
 * sources do. FORKPAD_OUT_DIR points the test at another build.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Port } from '../../common/rpc-messages.ts';
import { createRpcClient, type Client } from '../../common/rpc.ts';
import type { ControlApi, TaskApi, TaskAssets } from '../../common/task-api.ts';
import { auditHtml } from '../render/test/html-audit.ts';

const outMain = resolve(import.meta.dirname, '../../..', process.env.FORKPAD_OUT_DIR ?? 'out', 'main');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function builtFile(pattern: RegExp, what: string): Promise<string> {
  const found: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) await visit(join(folder, entry.name));
      else if (pattern.test(entry.name)) found.push(join(folder, entry.name));
    }
  };
  await visit(outMain);
  const [file] = found;
  if (file === undefined) throw new Error(`the build in ${outMain} holds no ${what}`);
  return file;
}

async function builtAssets(): Promise<TaskAssets> {
  return {
    harperWasm: await builtFile(/\.wasm$/, "harper's WASM"),
    dictionaryAff: await builtFile(/\.aff$/, 'dictionary affix file'),
    dictionaryDic: await builtFile(/\.dic$/, 'dictionary word list'),
  };
}

function spawnBuilt(kind: 'thread' | 'process', task: string): Port {
  if (kind === 'thread') {
    const worker = new Worker(join(outMain, 'task-thread.js'), { name: task });
    stops.push(async () => void (await worker.terminate()));
    return { post: (message) => worker.postMessage(message), listen: (handler) => (worker.on('message', handler), () => worker.off('message', handler)) };
  }
  const child = fork(join(outMain, 'task-process.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  stops.push(async () => (child.kill('SIGKILL'), await exited));
  return {
    post: (message) => void (child.connected && child.send(message)),
    listen: (handler) => (child.on('message', handler), () => child.off('message', handler)),
  };
}

async function startBuilt<T extends 'render' | 'spellcheck'>(kind: 'thread' | 'process', task: T) {
  const client = createRpcClient<TaskApi<T>>(spawnBuilt(kind, task), { label: `[${task} ${kind} bundled test]`, defaultTimeoutMs: 30_000 });
  stops.push(() => Promise.resolve(client.close()));
  const dataDir = await mkdtemp(join(tmpdir(), `forkpad-bundled-${task}-`));
  // `start` is on every task's API; TypeScript cannot see that through the generic T.
  const control = client.api as unknown as Client<ControlApi>;
  await control.start({ task, dataDir, assets: await builtAssets(), settings: { ignoredRules: [] } });
  // Wrapped: the RPC proxy answers every property, `then` included, so it must not be awaited.
  return { api: client.api };
}

const uri = 'file:///bundled.md';
const TEXT = '# Tilte\n\nWe will recieve it `tomorow` [here](javascript:alert(1)).\n';

describe.each(['thread', 'process'] as const)('built bundles in a %s', (kind) => {
  it('has been built', () => {
    expect(existsSync(join(outMain, 'task-thread.js')) && existsSync(join(outMain, 'task-process.js')), `no build in ${outMain}: run npm run build`).toBe(true);
  });

  it('load spellcheck with its dictionary and check', async () => {
    const { api } = await startBuilt(kind, 'spellcheck');
    await api.open({ uri, version: 1, text: TEXT, path: null });
    const result = await api.check({ version: 1 });
    expect(result.issues.map((issue) => issue.word)).toEqual(['Tilte', 'recieve']);
    expect((await api.suggest({ word: 'recieve' })).suggestions).toContain('receive');
  }, 30_000);

  it('load render and render safely', async () => {
    const { api } = await startBuilt(kind, 'render');
    await api.open({ uri, version: 1, text: TEXT, path: null });
    const result = await api.render({ version: 1 });
    expect(result.outline).toEqual([{ level: 1, text: 'Tilte', line: 0 }]);
    const html = result.blocks.map((block) => block.html).join('');
    expect(html).toContain('[here](javascript:alert(1))');
    expect(auditHtml(html)).toEqual([]);
  }, 30_000);
});
