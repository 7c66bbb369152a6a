/**
 * Resource bounds on the host side: a 10 MB file opens and takes keystrokes quickly, with the
 * degraded checking announced; a 5 MB single line does not wedge the mirror; a 50 MB file is
 * refused with a clear message before it is read.
 */
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/core/files/workspace.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { documentStats } from '../../workers/common/document.ts';
import { FakeSupervisor } from './fake-supervisor.ts';

let root: string;
let core: HostCore;
const signal = new AbortController().signal;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-large-'));
  const workspace = join(root, 'workspace');
  await mkdir(workspace);
  const paragraph = 'Forkpad opens large files without freezing, and says what it checks.\n\n';
  await writeFile(join(workspace, 'ten.md'), paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length)));
  await writeFile(join(workspace, 'line.txt'), 'one long line of words '.repeat(230_000));
  await writeFile(join(workspace, 'fifty.md'), '');
  await truncate(join(workspace, 'fifty.md'), 50 * 1000 * 1000);
  core = await createHostCore({
    platform: 'web',
    dataDir: join(root, 'data'),
    files: await Workspace.open(workspace),
    log: () => undefined,
    createSupervisor: ({ primer }) => new FakeSupervisor({ primer }),
  });
  core.attach(() => undefined);
  await core.ready;
});

afterAll(async () => {
  await core.dispose();
  await rm(root, { recursive: true, force: true });
});

/** Types `count` characters in the middle of the document; returns the median and slowest answer in ms. */
function typeInMiddle(count: number): { median: number; slowest: number } {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const startedAt = performance.now();
    const offset = Math.floor(core.session.length / 2);
    core.session.change({ uri: core.session.uri, version: core.session.version + 1, edits: [{ offset, length: 0, text: 'x' }], keys: [] });
    times.push(performance.now() - startedAt);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, slowest: times.at(-1) ?? 0 };
}

describe('large documents', () => {
  it('opens a 10 MB file, says grammar is limited, and answers keystrokes fast', async () => {
    const startedAt = performance.now();
    const opened = await core.api.open({ path: 'ten.md' }, signal);
    const openMs = performance.now() - startedAt;
    expect(opened.text.length).toBeGreaterThan(10 * 1024 * 1024 - 100);
    expect(opened.degraded).toMatch(/Large document.*grammar checks only the part you can see/);
    expect(openMs).toBeLessThan(3_000);
    const { median, slowest } = typeInMiddle(100);
    console.log(`[large documents] 10 MB: open ${openMs.toFixed(0)} ms, keystroke median ${median.toFixed(2)} ms, slowest ${slowest.toFixed(1)} ms`);
    // A whole-text copy per keystroke costs about 5 ms at 10 MB (plus GC pauses); the mirror copies one chunk.
    expect(median).toBeLessThan(1);
    expect(slowest).toBeLessThan(50);
    expect(core.session.document().text.length).toBe(opened.text.length + 100);
  });

  it('keeps stats exact and keystrokes fast in a 5 MB single line', async () => {
    const opened = await core.api.open({ path: 'line.txt', discardUnsaved: true }, signal);
    expect(opened.text.includes('\n')).toBe(false);
    const { median, slowest } = typeInMiddle(100);
    console.log(`[large documents] 5 MB line: keystroke median ${median.toFixed(2)} ms, slowest ${slowest.toFixed(1)} ms`);
    expect(median).toBeLessThan(1);
    expect(slowest).toBeLessThan(50);
    const answer = core.session.change({ uri: core.session.uri, version: core.session.version + 1, edits: [{ offset: 0, length: 0, text: 'y ' }], keys: [] });
    expect(answer.stats).toEqual(documentStats(core.session.text));
  });

  it('refuses a 50 MB file before reading it', async () => {
    await expect(core.api.open({ path: 'fifty.md', discardUnsaved: true }, signal)).rejects.toThrow(/fifty\.md is 47\.7 MB; Forkpad opens files up to 32 MB/);
  });
});
