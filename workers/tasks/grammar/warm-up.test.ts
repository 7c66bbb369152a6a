/**
 * The grammar warm-up: it lints the built-in text paragraph by paragraph, never while a check
 * is under way, stops once real text has warmed the host as much, and leaves check results as
 * they were. The last part runs real harper.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GrammarChecker } from './grammar-checker.ts';
import { loadHarper, type ParagraphLinter } from './harper-linter.ts';
import { HARPER_WASM } from './test-assets.ts';
import { warmUp, warmUpParagraphs, type WarmUpTarget } from './warm-up.ts';
import { WARM_UP_TEXT } from './warm-up-text.ts';

/** A target whose lints are recorded with whether a check was under way at that moment. */
function recordingTarget(): WarmUpTarget & { linted: string[]; lintedWhileBusy: number; checking: boolean; real: number } {
  const target = {
    linted: [] as string[],
    lintedWhileBusy: 0,
    checking: false,
    real: 0,
    lint: (text: string) => {
      if (target.checking) target.lintedWhileBusy += 1;
      target.linted.push(text);
      return Promise.resolve();
    },
    busy: () => target.checking,
    lintedUnits: () => target.real,
  };
  return target;
}

describe('grammar warm-up', () => {
  it('lints every paragraph of the built-in text once, in order, and reports it', async () => {
    const paragraphs = warmUpParagraphs();
    expect(paragraphs.length).toBeGreaterThan(10);
    expect(paragraphs.every((paragraph) => paragraph.length > 0 && !paragraph.includes('\n\n'))).toBe(true);
    const target = recordingTarget();
    const report = await warmUp(target);
    expect(target.linted).toEqual(paragraphs);
    expect(report.paragraphs).toBe(paragraphs.length);
    expect(report.units).toBe(paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0));
    expect(report.units).toBeGreaterThan(3_500);
  });

  it('waits while a check is under way, then carries on', async () => {
    const target = recordingTarget();
    target.checking = true;
    const warming = warmUp(target, ['one paragraph', 'two paragraph']);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(target.linted).toEqual([]);
    target.checking = false;
    const report = await warming;
    expect(target.linted).toEqual(['one paragraph', 'two paragraph']);
    expect(target.lintedWhileBusy).toBe(0);
    expect(report.paragraphs).toBe(2);
  });

  it('stops once the host has linted as much real text, and does nothing if it had', async () => {
    const paragraphs = ['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(100)];
    const warm = recordingTarget();
    warm.real = 300;
    expect(await warmUp(warm, paragraphs)).toMatchObject({ paragraphs: 0, units: 0 });
    expect(warm.linted).toEqual([]);
    const partly = recordingTarget();
    partly.real = 150;
    expect(await warmUp(partly, paragraphs)).toMatchObject({ paragraphs: 2, units: 200 });
  });

  describe('in a real checker', () => {
    let linter: ParagraphLinter;
    beforeAll(async () => {
      linter = await loadHarper(HARPER_WASM, () => undefined);
    }, 60_000);

    const checker = () => new GrammarChecker({ linter, ignoredRules: [], emitProgress: () => undefined, log: () => undefined });
    const text = 'This is an test of the warm-up.\n\nIt leaves every result as it was, and it caches nothing.\n';

    it('warms once per host, caches none of its text and leaves results as they were', async () => {
      const cold = checker();
      cold.open({ uri: 'file:///cold.md', version: 1, text, path: null });
      const expected = await cold.check({ version: 1 }, new AbortController().signal);
      expect(expected.issues.map((issue) => issue.rule)).toContain('AnA');

      const warmed = checker();
      const first = warmed.warmUp();
      expect(warmed.warmUp()).toBe(first);
      expect((await first).paragraphs).toBe(warmUpParagraphs().length);
      // The warm-up's own text is not cached: checking it lints every paragraph.
      warmed.open({ uri: 'file:///warm.md', version: 1, text: WARM_UP_TEXT, path: null });
      const own = await warmed.check({ version: 1 }, new AbortController().signal);
      expect(own.paragraphs.cached).toBe(0);
      warmed.open({ uri: 'file:///cold.md', version: 1, text, path: null });
      expect(await warmed.check({ version: 1 }, new AbortController().signal)).toEqual(expected);
    }, 60_000);

    it('does not warm a host that has checked as much real text already', async () => {
      const used = checker();
      used.open({ uri: 'file:///used.md', version: 1, text: WARM_UP_TEXT.replaceAll('writer', 'reader'), path: null });
      await used.check({ version: 1 }, new AbortController().signal);
      expect(await used.warmUp()).toMatchObject({ paragraphs: 0, units: 0 });
    }, 60_000);
  });
});
