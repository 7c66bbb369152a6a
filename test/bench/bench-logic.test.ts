/**
 * The benchmark's own logic, which decides what a run reports: percentiles, the budget check,
 * Event Timing's reporting floor, the grammar pool's shares, the edit picker and the docs block.
 */
import { describe, expect, it } from 'vitest';
import { ROWS } from '../../bench/budgets.ts';
import { parseBenchArgs } from '../../bench/options.ts';
import { checkBudgets } from '../../bench/budget-check.ts';
import { eventTimingP95, typedText } from '../../bench/browser/typing.ts';
import { pickWord } from '../../bench/host/checking.ts';
import { DOCS_BEGIN, DOCS_END, refreshesDocs, replaceBetweenMarkers, resultsBaseName } from '../../bench/report/write.ts';
import type { Measurement } from '../../bench/results.ts';
import { percentile, summarize } from '../../bench/stats.ts';
import { sampleDocument } from '../../workers/tasks/text/sample-document.ts';

describe('percentiles', () => {
  it('are nearest-rank: always a sample that happened', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
    expect(summarize([5, 1, 9, 3]).max).toBe(9);
  });
});

describe('budget check', () => {
  const measured = (column: string, value: number | null): Measurement => ({ scenario: 4, row: ROWS.durableP95, column, value, unit: 'ms' });

  it('passes within the limit, fails over it, and fails what was not measured', () => {
    const verdicts = checkBudgets([measured('threads', 20), measured('processes', 151), measured('mix', null)], new Set([4]));
    expect(verdicts.map((verdict) => [verdict.column, verdict.passed])).toEqual([['threads', true], ['processes', false], ['mix', false]]);
    expect(verdicts[2]?.why).toBe('not measured');
  });

  it('checks only the scenarios that ran, and inline never', () => {
    const verdicts = checkBudgets([measured('inline', 9999)], new Set([4]));
    expect(verdicts.every((verdict) => verdict.column !== 'inline')).toBe(true);
    expect(verdicts.every((verdict) => verdict.budget === 'durability')).toBe(true);
  });

  it('bounds a thread host’s heap growth over the shared document, and judges the thread column only', () => {
    const held = (row: string, column: string, value: number): Measurement => ({ scenario: 11, row, column, value, unit: '%' });
    const verdicts = checkBudgets([held(ROWS.spellcheckHeldMemory, 'thread', 0.1), held(ROWS.grammarHeldMemory, 'thread', 12), held(ROWS.spellcheckHeldMemory, 'process', 209)], new Set([11]));
    expect(verdicts.map((verdict) => [verdict.budget, verdict.column, verdict.passed])).toEqual([
      ['shared-document-heap-spellcheck', 'thread', true],
      ['shared-document-heap-grammar', 'thread', false],
    ]);
    const options = parseBenchArgs(['--only', 'sharing']);
    expect('plan' in options && [...(options.only ?? [])]).toEqual([11]);
  });

  it('reads "at least" budgets the other way round', () => {
    const pool = (value: number): Measurement => ({ scenario: 6, row: ROWS.poolSpeedup, column: '2 processes', value, unit: '×' });
    expect(checkBudgets([pool(1.8)], new Set([6]))[0]?.passed).toBe(true);
    expect(checkBudgets([pool(1.6)], new Set([6]))[0]?.passed).toBe(false);
  });
});

describe('Event Timing p95 with its 16 ms reporting floor', () => {
  it('is below the floor when at most 5% of keydowns were reported', () => {
    expect(eventTimingP95(100, [24, 32, 40, 48, 56])).toEqual({ value: 16, belowFloor: true });
  });

  it('is a reported duration once more than 5% were', () => {
    expect(eventTimingP95(100, [16, 24, 24, 32, 40, 48])).toEqual({ value: 16, belowFloor: false });
    expect(eventTimingP95(20, [40, 48])).toEqual({ value: 40, belowFloor: false });
  });
});

describe('single-word edits', () => {
  it('pick a whole word inside prose, at places spread through the document', () => {
    const text = sampleDocument(60 * 1024, 1);
    const offsets = Array.from({ length: 20 }, (_, edit) => pickWord(text, edit));
    for (const { offset, length } of offsets) {
      expect(text.slice(offset, offset + length)).toMatch(/^[A-Za-z]{3,}$/);
      expect(/[A-Za-z]/.test(text[offset - 1] ?? ' ')).toBe(false);
    }
    const spread = Math.max(...offsets.map((target) => target.offset)) - Math.min(...offsets.map((target) => target.offset));
    expect(spread).toBeGreaterThan(text.length / 2);
  });

  it('type the requested number of keys', () => {
    expect(typedText(500)).toHaveLength(500);
  });
});

describe('the docs page block', () => {
  it('replaces only the text between the markers', () => {
    const page = `# Title\n\nIntro.\n\n${DOCS_BEGIN}\nold\n${DOCS_END}\n\nAfter.\n`;
    const updated = replaceBetweenMarkers(page, 'new table');
    expect(updated).toBe(`# Title\n\nIntro.\n\n${DOCS_BEGIN}\n\nnew table\n\n${DOCS_END}\n\nAfter.\n`);
    expect(replaceBetweenMarkers('no markers here', 'x')).toBeUndefined();
  });

  it('is refreshed only by a full run of every scenario, so --only keeps the others’ results', () => {
    expect(refreshesDocs('full', undefined)).toBe(true);
    expect(refreshesDocs('full', new Set([9]))).toBe(false);
    expect(refreshesDocs('quick', undefined)).toBe(false);
  });

  it('names a partial run’s files apart from the last complete run’s', () => {
    expect(resultsBaseName('full', undefined)).toBe('latest-full');
    expect(resultsBaseName('quick', new Set([10, 2, 6]))).toBe('latest-quick-only-2-6-10');
  });
});
