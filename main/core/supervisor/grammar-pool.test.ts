/**
 * The grammar pool with the real grammar task in forked processes: a pooled check equals the
 * single host's, live resizing loses no call, a crashed replica is restarted and the check
 * completes, ignored rules reach every replica, and inline stays one host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '../../../workers/common/document.ts';
import type { Client } from '../../../workers/common/rpc.ts';
import type { GrammarResult, TaskApi } from '../../../workers/common/task-api.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import { splitBlocks } from '../../../workers/tasks/grammar/paragraphs.ts';
import { sampleDocument } from '../../../workers/tasks/text/sample-document.ts';
import { loadRegisteredTask } from '../../../workers/tasks/registry.ts';
import { sourceEntryPaths } from '../hosts/entry-paths.ts';
import { taskAssets } from '../task-assets.ts';
import type { RestartPolicyOptions } from './restart-policy.ts';
import type { TaskSupervisor } from './supervisor-api.ts';
import { createTaskSupervisor } from './task-supervisor.ts';

const URI = 'file:///pool.md';

/** The session's side: the document every new grammar replica is primed with. */
class Doc {
  version = 1;
  text = sampleDocument(12 * 1024, 5);
  edit(edits: readonly TextEdit[]) {
    this.text = applyEdits(this.text, edits);
    this.version += 1;
    return { uri: URI, version: this.version, edits };
  }
}

let running: { supervisor: TaskSupervisor; dir: string } | undefined;
afterEach(async () => {
  await running?.supervisor.dispose();
  if (running) await rm(running.dir, { recursive: true, force: true });
  running = undefined;
});

async function startPool(doc: Doc, grammar: HostKind, restartPolicy?: RestartPolicyOptions, log: (line: string) => void = () => undefined): Promise<TaskSupervisor> {
  const dir = await mkdtemp(join(tmpdir(), 'forkpad-pool-'));
  const supervisor = createTaskSupervisor({
    entries: sourceEntryPaths(),
    loadInline: loadRegisteredTask,
    primer: async <T extends TaskId>(task: T, api: Client<TaskApi<T>>) => {
      if (task === 'grammar') await (api as Client<TaskApi<'grammar'>>).open({ uri: URI, version: doc.version, text: doc.text, path: null });
    },
    dataDir: dir,
    assets: taskAssets,
    maxGrammarPool: 2,
    ...(restartPolicy ? { restartPolicy } : {}),
    log,
  });
  running = { supervisor, dir };
  await supervisor.start({ keystroke: 'inline', render: 'inline', spellcheck: 'inline', grammar });
  return supervisor;
}

/** A word replaced in the middle of the `index`-th prose paragraph of at least 200 units. */
function wordEdit(text: string, index: number, word: string): TextEdit {
  const paragraphs = splitBlocks(text).filter((unit) => !unit.code && unit.end - unit.start > 200 && !text.startsWith('|', unit.start));
  const paragraph = paragraphs[index % paragraphs.length];
  if (!paragraph) throw new Error('the sample document has no paragraphs');
  const at = text.indexOf(' ', paragraph.start + 100) + 1;
  return { offset: at, length: text.indexOf(' ', at) - at, text: word };
}

const strip = (result: GrammarResult) => ({ version: result.version, issues: result.issues, total: result.paragraphs.total });

describe('grammar pool', () => {
  it('gives the single host’s result, split over two processes, through edits', async () => {
    const doc = new Doc();
    const supervisor = await startPool(doc, 'process');
    const grammar = supervisor.client('grammar');
    for (const [round, word] of ['teh', 'an', 'their'].entries()) {
      if (round > 0) await grammar.change(doc.edit([wordEdit(doc.text, round * 3, word)]));
      await supervisor.setGrammarPoolSize(1);
      const single = await grammar.check({ version: doc.version });
      const pool = await supervisor.setGrammarPoolSize(2);
      expect(pool.effective).toBe(2);
      expect(pool.replicas.map((replica) => replica.kind)).toEqual(['process', 'process']);
      const pooled = await grammar.check({ version: doc.version });
      expect(strip(pooled)).toEqual(strip(single));
      expect(single.issues.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('loses no call while it is resized live, and a killed replica is restarted under a check', async () => {
    const doc = new Doc();
    const supervisor = await startPool(doc, 'process');
    const grammar = supervisor.client('grammar');
    const reference = await grammar.check({ version: doc.version });
    const calls: Promise<unknown>[] = [];
    for (const size of [2, 1, 2]) {
      const resizing = supervisor.setGrammarPoolSize(size);
      calls.push(grammar.change(doc.edit([wordEdit(doc.text, size, 'teh')])), grammar.check({ version: doc.version }));
      await resizing;
    }
    const settled = await Promise.allSettled(calls);
    expect(settled.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(supervisor.grammarPool().effective).toBe(2);
    await supervisor.setGrammarPoolSize(1);
    const single = await grammar.check({ version: doc.version });
    // Replica 1 starts afresh, with an empty cache: the check below makes it lint its share.
    await supervisor.setGrammarPoolSize(2);
    const victim = supervisor.grammarPool().replicas[1]?.pid;
    expect(victim).toBeTypeOf('number');
    const checking = grammar.check({ version: doc.version });
    process.kill(victim ?? 0, 'SIGKILL');
    const after = await checking;
    expect(strip(after)).toEqual(strip(single));
    expect(reference.issues.length).toBeGreaterThan(0);
    expect(supervisor.grammarPool().replicas[1]?.restarts).toBe(1);
  }, 120_000);

  it('runs one host under inline, says why, and grows when moved to threads', async () => {
    const doc = new Doc();
    const supervisor = await startPool(doc, 'inline');
    const pool = await supervisor.setGrammarPoolSize(2);
    expect(pool).toMatchObject({ requested: 2, effective: 1 });
    expect(pool.reason).toMatch(/inline/);
    expect(pool.replicas).toHaveLength(1);
    await supervisor.move('grammar', 'thread');
    expect(supervisor.grammarPool().replicas.map((replica) => replica.kind)).toEqual(['thread', 'thread']);
    // The monitor gets replica 1 beside the task's own row, which stays one per task.
    const deadline = Date.now() + 10_000;
    while (!supervisor.latestMetrics()?.replicas && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const snapshot = supervisor.latestMetrics();
    expect(snapshot?.replicas).toMatchObject([{ task: 'grammar', replica: 1, kind: 'thread' }]);
    expect(snapshot?.tasks.filter((sample) => sample.task === 'grammar')).toHaveLength(1);
    // End leaves the task down with no replicas; a restart brings the whole pool back.
    await supervisor.end('grammar');
    expect(supervisor.grammarPool().replicas).toHaveLength(1);
    await supervisor.restart('grammar');
    // Up again; each restarted replica may be busy with its warm-up (warm-up.ts) for a moment.
    expect(supervisor.grammarPool().replicas.map((replica) => (replica.state === 'busy' ? 'ready' : replica.state))).toEqual(['ready', 'ready']);
    await supervisor.move('grammar', 'inline');
    expect(supervisor.grammarPool().replicas).toHaveLength(1);
  }, 120_000);

  it('warms every new replica once, off the checks, and a restarted replica again', async () => {
    const doc = new Doc();
    const lines: string[] = [];
    const supervisor = await startPool(doc, 'process', undefined, (line) => lines.push(line));
    const grammar = supervisor.client('grammar');
    const single = await grammar.check({ version: doc.version });
    await supervisor.setGrammarPoolSize(2);
    const warmed = (replica: number) => lines.filter((line) => line.startsWith(`[grammar pool] replica ${replica} warmed up`));
    const waitFor = async (done: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`no ${what} within 60 s: ${lines.join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor(() => warmed(0).length === 1 && warmed(1).length === 1, 'warm-up of both replicas');
    // Replica 0 had checked the whole 12 KB document alone: real text had warmed it already.
    expect(warmed(0)[0]).toMatch(/warmed up: 0 paragraphs/);
    expect(warmed(1)[0]).toMatch(/warmed up: [1-9]\d* paragraphs/);
    expect(strip(await grammar.check({ version: doc.version }))).toEqual(strip(single));
    process.kill(supervisor.grammarPool().replicas[1]?.pid ?? 0, 'SIGKILL');
    await waitFor(() => supervisor.grammarPool().replicas[1]?.restarts === 1 && supervisor.grammarPool().replicas[1]?.state === 'ready', 'restart of replica 1');
    expect(strip(await grammar.check({ version: doc.version }))).toEqual(strip(single));
    await waitFor(() => warmed(1).length === 2, 'warm-up of the restarted replica');
    expect(warmed(0)).toHaveLength(1);
  }, 120_000);

  it('tells every replica of a running pool the rules the user ignores', async () => {
    const doc = new Doc();
    const supervisor = await startPool(doc, 'thread');
    const grammar = supervisor.client('grammar');
    await supervisor.setGrammarPoolSize(2);
    const before = await grammar.check({ version: doc.version });
    // Shares are contiguous runs in document order: the last issue is in replica 1's share.
    const rule = before.issues.at(-1)?.rule ?? '';
    expect(rule).not.toBe('');
    await supervisor.updateSettings({ ignoredRules: [rule] });
    const after = await grammar.check({ version: doc.version });
    expect(after.issues.filter((issue) => issue.rule === rule)).toEqual([]);
    expect(after.issues.length).toBeGreaterThan(0);
  }, 120_000);

  it('leaves out a replica the restart policy gave up on, and still checks the whole document', async () => {
    const doc = new Doc();
    const supervisor = await startPool(doc, 'process', { maxCrashes: 0 });
    const grammar = supervisor.client('grammar');
    const single = await grammar.check({ version: doc.version });
    await supervisor.setGrammarPoolSize(2);
    process.kill(supervisor.grammarPool().replicas[1]?.pid ?? 0, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (supervisor.grammarPool().replicas[1]?.state !== 'stopped' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(supervisor.grammarPool().replicas[1]?.state).toBe('stopped');
    await grammar.change(doc.edit([wordEdit(doc.text, 2, 'teh')]));
    const after = await grammar.check({ version: doc.version });
    expect(after.paragraphs.total).toBe(single.paragraphs.total);
    expect(after.version).toBe(doc.version);
  }, 120_000);
});
