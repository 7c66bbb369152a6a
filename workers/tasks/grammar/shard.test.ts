import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../text/sample-document.ts';
import { GrammarChecker } from './grammar-checker.ts';
import type { HarperLint, ParagraphLinter } from './harper-linter.ts';
import { shardOf } from './shard.ts';

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
  it('hash a text to the same shard every time, and spread texts over all shards', () => {
    const texts = Array.from({ length: 400 }, (_, index) => `paragraph number ${index} of the test`);
    expect(texts.map((text) => shardOf(text, 3))).toEqual(texts.map((text) => shardOf(text, 3)));
    const counts = [0, 1, 2].map((shard) => texts.filter((text) => shardOf(text, 3) === shard).length);
    for (const count of counts) expect(count).toBeGreaterThan(80);
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
