import { beforeAll, describe, expect, it } from 'vitest';
import type { TextEdit } from '../../common/document.ts';
import { percentile } from '../../common/percentile.ts';
import type { GrammarEvents, GrammarIssue } from '../../common/task-api.ts';
import { sampleDocument } from '../text/sample-document.ts';
import { planCheck } from './check-plan.ts';
import { GrammarChecker } from './grammar-checker.ts';
import { loadHarper, type ParagraphLinter } from './harper-linter.ts';
import { splitBlocks } from './paragraphs.ts';
import { HARPER_WASM } from './test-assets.ts';

const URI = 'file:///big.md';
const TEXT = sampleDocument(200 * 1024);
/** Big enough that a check runs for seconds, small enough to finish one quickly afterwards. */
const MEDIUM = sampleDocument(48 * 1024, 2);
let harper: ParagraphLinter;

beforeAll(async () => {
  harper = await loadHarper(HARPER_WASM, () => undefined);
}, 60_000);

/** A checker over a linter that records every text it is asked to lint, and calls `onLint` after recording it. */
function spiedChecker(text = TEXT, onLint: (calls: readonly string[]) => void = () => undefined): { checker: GrammarChecker; calls: string[]; progress: GrammarEvents['progress'][] } {
  const calls: string[] = [];
  const progress: GrammarEvents['progress'][] = [];
  const linter: ParagraphLinter = {
    rules: harper.rules,
    droppedLints: 0,
    lint: (text) => {
      calls.push(text);
      onLint(calls);
      return harper.lint(text);
    },
  };
  const checker = new GrammarChecker({ linter, ignoredRules: [], emitProgress: (event) => progress.push(event), log: () => undefined, progressIntervalMs: 100 });
  checker.open({ uri: URI, version: 1, text, path: null });
  return { checker, calls, progress };
}

/** A one-word replacement inside the `index`-th prose paragraph of at least 200 units. */
function wordEdit(text: string, index: number, word: string): TextEdit {
  const paragraphs = splitBlocks(text).filter((unit) => !unit.code && unit.end - unit.start > 200 && !text.startsWith('|', unit.start));
  const paragraph = paragraphs[index % paragraphs.length];
  if (!paragraph) throw new Error('the sample document has no paragraphs');
  const middle = text.indexOf(' ', paragraph.start + 100) + 1;
  const end = text.indexOf(' ', middle);
  return { offset: middle, length: end - middle, text: word };
}

/** Issues outside `paragraph`, those after it moved by `shift`: what an edit inside it must not change. */
function outside(issues: readonly GrammarIssue[], paragraph: { start: number; end: number }, shift: number): GrammarIssue[] {
  return issues
    .filter((issue) => issue.end < paragraph.start || issue.start > paragraph.end)
    .map((issue) => (issue.start > paragraph.end ? { ...issue, start: issue.start + shift, end: issue.end + shift } : issue));
}

describe('grammar on a 200 KB document', () => {
  it('checks it first with progress, then re-lints exactly one paragraph per one-word edit', async () => {
    const { checker, calls, progress } = spiedChecker();
    const started = performance.now();
    const first = await checker.check({ version: 1 }, new AbortController().signal);
    const firstMs = performance.now() - started;
    const units = planCheck(TEXT, undefined).units;
    const distinct = new Set(units.map((unit) => TEXT.slice(unit.start, unit.end))).size;
    expect(first.paragraphs).toEqual({ total: units.length, linted: distinct, cached: units.length - distinct });
    expect(first.paragraphs.total).toBeGreaterThan(500);
    expect(calls).toHaveLength(distinct);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((event) => event.phase === 'checking' && event.version === 1 && event.total === first.paragraphs.total)).toBe(true);
    expect(progress.map((event) => event.done)).toEqual([...progress.map((event) => event.done)].sort((a, b) => a - b));
    expect(progress.at(-1)?.done).toBe(first.paragraphs.total);

    let previous = first;
    let text = TEXT;
    const times: number[] = [];
    for (let version = 2; version <= 31; version++) {
      const edit = wordEdit(text, version * 37, `edited${version}`);
      text = text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
      calls.length = 0;
      const editStarted = performance.now();
      checker.change({ uri: URI, version, edits: [edit] });
      const result = await checker.check({ version }, new AbortController().signal);
      times.push(performance.now() - editStarted);
      expect(result.paragraphs).toEqual({ total: first.paragraphs.total, linted: 1, cached: first.paragraphs.total - 1 });
      expect(calls).toHaveLength(1);
      expect(calls[0]).toContain(`edited${version}`);
      const paragraph = splitBlocks(text).find((unit) => unit.start <= edit.offset && edit.offset <= unit.end) ?? { start: 0, end: 0 };
      const delta = edit.text.length - edit.length;
      expect(outside(result.issues, paragraph, -delta)).toEqual(outside(previous.issues, { start: paragraph.start, end: paragraph.end - delta }, 0));
      previous = result;
    }
    console.info(
      `grammar 200 KB: first check ${firstMs.toFixed(0)} ms for ${first.paragraphs.total} paragraphs; ` +
        `one-word edit to result p50 ${percentile(times, 50)?.toFixed(1)} ms, p95 ${percentile(times, 95)?.toFixed(1)} ms over ${times.length} edits`,
    );
  }, 180_000);

  // The cancel and the newer version arrive on a later turn of the event loop once the first
  // paragraph is being linted, not after a fixed 250 ms that a loaded machine may spend before
  // the first lint: the check sees them only if it lets the loop run between paragraphs.
  it('stops between paragraphs when cancelled, keeps what it linted, and lints the visible part first', async () => {
    const controller = new AbortController();
    const { checker, calls } = spiedChecker(MEDIUM, (seen) => {
      if (seen.length === 1) setImmediate(() => controller.abort('test'));
    });
    const visibleAt = MEDIUM.indexOf('\n\n', Math.floor(MEDIUM.length * 0.9)) + 2;
    const pending = checker.check({ version: 1, visible: { start: visibleAt, end: visibleAt + 500 } }, controller.signal);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    const abortedAfter = calls.length;
    expect(abortedAfter).toBeGreaterThan(0);
    expect(MEDIUM.indexOf(calls[0] ?? '\u0000')).toBeGreaterThanOrEqual(visibleAt - (calls[0]?.length ?? 0));
    expect(MEDIUM.indexOf(calls[0] ?? '\u0000')).toBeLessThanOrEqual(visibleAt + 500);

    const resumed = await checker.check({ version: 1 }, new AbortController().signal);
    expect(resumed.paragraphs.cached).toBeGreaterThanOrEqual(abortedAfter - 1);
    expect(resumed.paragraphs.linted + resumed.paragraphs.cached).toBe(resumed.paragraphs.total);
  }, 180_000);

  it('gives up a check superseded by a newer version, and the next check reuses its work', async () => {
    let firstLint: () => void = () => undefined;
    const linting = new Promise<void>((resolve) => (firstLint = resolve));
    const { checker } = spiedChecker(MEDIUM, (seen) => {
      if (seen.length === 1) setImmediate(firstLint);
    });
    const stale = checker.check({ version: 1 }, new AbortController().signal);
    await linting;
    checker.change({ uri: URI, version: 2, edits: [wordEdit(MEDIUM, 3, 'changed')] });
    await expect(stale).rejects.toThrow(/superseded/);
    const fresh = await checker.check({ version: 2 }, new AbortController().signal);
    expect(fresh.version).toBe(2);
    expect(fresh.paragraphs.cached).toBeGreaterThan(0);
  }, 180_000);
});
