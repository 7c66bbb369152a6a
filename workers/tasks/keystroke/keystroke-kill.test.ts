/**
 * The keystroke task in a real child process (the real process entry, speaking the real RPC),
 * SIGKILLed in the middle of typing. What the journal recovers plus the edits the host still
 * holds unacknowledged must equal the typed text exactly, and every acknowledged edit must be in
 * the journal.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '../../common/document.ts';
import type { Port } from '../../common/rpc-messages.ts';
import { createRpcClient, type RpcClient } from '../../common/rpc.ts';
import type { KeystrokeChange, KeystrokeEvents, OpenRequest, TaskApi } from '../../common/task-api.ts';
import { createKeystrokeService } from './keystroke-task.ts';

const ENTRY = resolve(import.meta.dirname, '../../entry/process.ts');
const URI = 'file:///typed.md';
const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

interface TaskProcess {
  readonly child: ChildProcess;
  readonly client: RpcClient<TaskApi<'keystroke'>, KeystrokeEvents>;
  readonly exited: Promise<NodeJS.Signals | null>;
}

async function startTask(dataDir: string): Promise<TaskProcess> {
  const child = fork(ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
  const port: Port = {
    post: (message) => {
      if (child.connected) child.send(message);
    },
    listen(handler) {
      child.on('message', handler);
      return () => child.off('message', handler);
    },
  };
  const client = createRpcClient<TaskApi<'keystroke'>, KeystrokeEvents>(port, { label: `[keystroke process pid=${child.pid}]`, log: () => undefined });
  const assets = { harperWasm: 'unused', dictionaryAff: 'unused', dictionaryDic: 'unused' };
  await client.api.start({ task: 'keystroke', dataDir, assets, settings: { ignoredRules: [] } });
  return { child, client, exited };
}

/** The host's side: the mirror, every change sent, and the highest acknowledged version. */
class Typist {
  text: string;
  version: number;
  acked: number;
  readonly sent: KeystrokeChange[] = [];
  readonly textAt = new Map<number, string>();
  private seed: number;

  constructor(base: OpenRequest, seed: number) {
    this.text = base.text;
    this.version = base.version;
    this.acked = base.version;
    this.seed = seed;
    this.textAt.set(base.version, base.text);
  }

  private random(): number {
    this.seed = (Math.imul(this.seed, 1_103_515_245) + 12_345) >>> 0;
    return this.seed / 2 ** 32;
  }

  /** One keystroke: mostly typing at a random place, sometimes a backspace, sometimes an emoji. */
  next(): KeystrokeChange {
    const roll = this.random();
    const offset = Math.floor(this.random() * (this.text.length + 1));
    const edit: TextEdit =
      roll < 0.15 && offset > 0 ? { offset: offset - 1, length: 1, text: '' } : { offset, length: 0, text: roll > 0.95 ? '🙂' : 'abcdefghij '[Math.floor(roll * 11)] ?? 'x' };
    this.version += 1;
    this.text = applyEdits(this.text, [edit]);
    this.textAt.set(this.version, this.text);
    const change: KeystrokeChange = { uri: URI, version: this.version, edits: [edit], keys: [{ kind: edit.text ? 'character' : 'backspace', at: Date.now() }] };
    this.sent.push(change);
    return change;
  }

  unacknowledged(after: number): KeystrokeChange[] {
    return this.sent.filter((change) => change.version > after);
  }
}

async function typeUntilKilled(task: TaskProcess, typist: Typist, killAfterMs: number, burst: number): Promise<void> {
  task.client.on('durable', ({ uri, version }) => {
    if (uri === URI) typist.acked = Math.max(typist.acked, version);
  });
  const killAt = performance.now() + killAfterMs;
  const ackedBefore = typist.acked;
  // The kill waits for this round's first acknowledgement too, so a starved machine (the task
  // not yet scheduled when the window ends) still tests a kill after durable keys, not before.
  while (performance.now() < killAt || typist.acked === ackedBefore) {
    // Like the host: send without waiting for the answer, a few keys per event-loop turn.
    for (let key = 0; key < 3; key++) task.client.api.change(typist.next()).catch(() => undefined);
    await new Promise((done) => setTimeout(done, 2));
  }
  // Mid-typing: a burst still on its way to (or inside) the task when it dies.
  for (let key = 0; key < burst; key++) task.client.api.change(typist.next()).catch(() => undefined);
  await new Promise((done) => setImmediate(done));
  task.child.kill('SIGKILL');
  expect(await task.exited).toBe('SIGKILL');
  task.client.close();
}

async function recover(dataDir: string) {
  const service = await createKeystrokeService({ dataDir, log: () => undefined, emitDurable: () => undefined });
  const documents = await service.api.recover(null, new AbortController().signal);
  await service.store.close();
  const document = documents.find((entry) => entry.uri === URI);
  if (!document) throw new Error('no journal was recovered');
  return document;
}

describe('keystroke task killed with SIGKILL mid-typing', () => {
  it('loses nothing: the journal plus the unacknowledged edits is the typed text, through kills and re-opens', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'forkpad-kill-'));
    const base: OpenRequest = { uri: URI, version: 1, text: 'Start: ', path: null };
    const typist = new Typist(base, 7);
    let snapshot = base;
    const rounds: string[] = [];
    for (let round = 0; round < 4; round++) {
      const task = await startTask(dataDir);
      // As the host does after a restart: open at the last acknowledged snapshot, re-send the rest.
      await task.client.api.open(snapshot);
      for (const change of typist.unacknowledged(snapshot.version)) task.client.api.change(change).catch(() => undefined);
      await typeUntilKilled(task, typist, 150 + round * 120, 5 + round * 20);

      const recovered = await recover(dataDir);
      expect(recovered.version).toBeGreaterThanOrEqual(typist.acked);
      expect(recovered.version).toBeLessThanOrEqual(typist.version);
      expect(recovered.text).toBe(typist.textAt.get(recovered.version));
      let text = recovered.text;
      for (const change of typist.unacknowledged(recovered.version)) text = applyEdits(text, change.edits);
      expect(text).toBe(typist.text);
      expect(typist.version - typist.acked).toBeLessThan(typist.version - 1);
      rounds.push(`round ${round}: typed to v${typist.version}, acknowledged v${typist.acked}, journal v${recovered.version}`);
      snapshot = { uri: URI, version: typist.acked, text: typist.textAt.get(typist.acked) ?? '', path: null, dirty: true };
    }
    console.info(`keystroke SIGKILL: ${rounds.join('; ')}`);
  }, 60_000);
});
