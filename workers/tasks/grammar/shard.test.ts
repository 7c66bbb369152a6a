import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../text/sample-document.ts';
import { GrammarChecker } from './grammar-checker.ts';
import type { HarperLint, ParagraphLinter } from './harper-linter.ts';
import { splitUnits } from './paragraphs.ts';
import { ownersByLength, shareOf } from './shard.ts';

/** A fast stand-in for harper: one lint per "the", so shares can be compared without WASM. */
function fakeLinter(calls: string[]): ParagraphLinter {
  return {
    rules: ['The'],
    droppedLints: 0,
    lint: (text) => {
      calls.push(text);
      const lints: HarperLint[] = [];
      for (let at = text.indexOf('the'); at >= 0; at = text.indexOf('the', at + 1)) lints.push({ start: at, end: at + 3, message: 'the', kind: 'Test', rule: 'The', suggestions: [] });
      return Promise.resolve(lints);
    },
  };
}

function checker(text: string, calls: string[] = []): GrammarChecker {
  const made = new GrammarChecker({ linter: fakeLinter(calls), ignoredRules: [], emitProgress: () => undefined, log: () => undefined });
  made.open({ uri: 'file:///s.md', version: 1, text, path: null });
  return made;
}

describe('grammar shards', () => {
  it('cut the units into contiguous runs of about equal text length', () => {
    const units = splitUnits(sampleDocument(60 * 1024, 11)).filter((unit) => !unit.code);
    const owner = ownersByLength(units, 3);
    const owners = units.map((unit) => owner.get(unit) ?? -1);
    // Contiguous: the owner never goes down along the document, and every replica gets a run.
    expect(owners.every((value, index) => index === 0 || value >= (owners[index - 1] ?? 0))).toBe(true);
    expect(new Set(owners)).toEqual(new Set([0, 1, 2]));
    const total = units.reduce((sum, unit) => sum + unit.end - unit.start, 0);
    const longest = Math.max(...units.map((unit) => unit.end - unit.start));
    for (const index of [0, 1, 2]) {
      const length = shareOf(units, { index, count: 3 }).reduce((sum, unit) => sum + unit.end - unit.start, 0);
      expect(Math.abs(length - total / 3)).toBeLessThanOrEqual(longest);
    }
  });

  it('keep the units in the order asked (visible first), and all of them without a shard', () => {
    const units = [
      { start: 200, end: 300 },
      { start: 0, end: 100 },
      { start: 100, end: 200 },
      { start: 300, end: 400 },
    ];
    expect(shareOf(units, { index: 1, count: 2 })).toEqual([units[0], units[3]]);
    expect(shareOf(units, { index: 0, count: 2 })).toEqual([units[1], units[2]]);
    expect(shareOf(units, undefined)).toEqual(units);
    expect(shareOf([], { index: 0, count: 2 })).toEqual([]);
  });

  it('move only the paragraph at a border when a small edit shifts the text', () => {
    const text = sampleDocument(40 * 1024, 5);
    const before = splitUnits(text).filter((unit) => !unit.code);
    const edited = `Inserted words here. ${text}`;
    const after = splitUnits(edited).filter((unit) => !unit.code);
    const ownerOf = (units: typeof before, source: string) => {
      const owner = ownersByLength(units, 2);
      return new Map(units.map((unit) => [source.slice(unit.start, unit.end), owner.get(unit)]));
    };
    const old = ownerOf(before, text);
    const moved = [...ownerOf(after, edited)].filter(([key, owner]) => old.has(key) && old.get(key) !== owner);
    expect(moved.length).toBeLessThanOrEqual(1);
  });

  it('together lint every unit exactly once and find the same issues as one whole check', async () => {
    const text = sampleDocument(40 * 1024, 7);
    const whole = await checker(text).check({ version: 1 }, new AbortController().signal);
    const calls: string[] = [];
    const shares = await Promise.all([0, 1, 2].map((index) => checker(text, calls).check({ version: 1, shard: { index, count: 3 } }, new AbortController().signal)));
    const merged = shares.flatMap((share) => share.issues).sort((a, b) => a.start - b.start);
    expect(merged).toEqual(whole.issues);
    expect(shares.reduce((sum, share) => sum + share.paragraphs.total, 0)).toBe(whole.paragraphs.total);
    expect(calls.length).toBe(whole.paragraphs.linted);
    for (const share of shares) expect(share.paragraphs.total).toBeGreaterThan(0);
  });

  it('refuses a shard index outside its count', async () => {
    const { grammarApi } = await import('./index.ts');
    const api = grammarApi(checker('Some text.'));
    expect(() => api.check({ version: 1, shard: { index: 3, count: 3 } }, new AbortController().signal)).toThrow(/shard/);
  });
});
