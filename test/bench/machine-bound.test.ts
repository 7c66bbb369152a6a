/**
 * The parallel-grammar budget against the machine's own ceiling (bare harper.js processes, no
 * Forkpad, measured in the same run): a miss is excused as machine-bound only when the ceiling
 * itself is short of the budget and Forkpad reached 90% of it, and never silently.
 */
import { describe, expect, it } from 'vitest';
import { checkBudgets, ROWS } from '../../bench/budgets.ts';
import { resultsMarkdown } from '../../bench/report/markdown.ts';
import type { BenchRun, Measurement } from '../../bench/results.ts';

const COLUMN = '2 processes';

function pool(speedup: number, ceiling?: number): Measurement[] {
  const items: Measurement[] = [{ scenario: 6, row: ROWS.poolSpeedup, column: COLUMN, value: speedup, unit: '×' }];
  if (ceiling !== undefined) items.push({ scenario: 6, row: ROWS.bareCeiling, column: COLUMN, value: ceiling, unit: '×' });
  return items;
}

function judge(speedup: number, ceiling?: number) {
  const said: string[] = [];
  const [verdict] = checkBudgets(pool(speedup, ceiling), new Set([6]), undefined, (line) => said.push(line));
  if (!verdict) throw new Error('no verdict for the parallel-grammar budget');
  return { verdict, said };
}

describe('the parallel-grammar budget and the machine’s ceiling', () => {
  it('passes plainly when the pool meets the budget, whatever the ceiling', () => {
    const { verdict, said } = judge(1.75, 1.5);
    expect(verdict.passed).toBe(true);
    expect(verdict.machineBound).toBeUndefined();
    expect(said).toEqual([]);
  });

  it('excuses a miss loudly when the ceiling is below the budget and Forkpad reached 90% of it', () => {
    const { verdict, said } = judge(1.4, 1.5);
    expect(verdict.passed).toBe(true);
    expect(verdict.machineBound).toMatchObject({ ceiling: 1.5, excused: true, minShare: 0.9 });
    expect(verdict.machineBound?.share).toBeCloseTo(1.4 / 1.5);
    expect(verdict.why).toMatch(/MACHINE-BOUND.*1\.5×.*1\.7×.*1\.4×.*93%/);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/excused.*parallel-grammar.*MACHINE-BOUND/);
  });

  it('fails a machine-bound miss when Forkpad got under 90% of the ceiling, and says so', () => {
    const { verdict, said } = judge(1.2, 1.5);
    expect(verdict.passed).toBe(false);
    expect(verdict.machineBound).toMatchObject({ excused: false });
    expect(verdict.why).toMatch(/MACHINE-BOUND.*80%.*regression/);
    expect(said[0]).toMatch(/NOT excused/);
  });

  it('fails a miss when the machine could meet the budget, or when no ceiling was measured', () => {
    const couldMeet = judge(1.6, 1.9);
    expect(couldMeet.verdict.passed).toBe(false);
    expect(couldMeet.verdict.machineBound).toBeUndefined();
    expect(couldMeet.verdict.why).toMatch(/Forkpad’s own/);
    const unmeasured = judge(1.6);
    expect(unmeasured.verdict.passed).toBe(false);
    expect(unmeasured.verdict.why).toMatch(/no machine ceiling/);
  });

  it('says when other work on the machine made the comparison unreliable', () => {
    const said: string[] = [];
    const busy: Measurement = { scenario: 6, row: ROWS.poolOtherWork, column: COLUMN, value: 60, unit: '%' };
    const [verdict] = checkBudgets([...pool(1.4, 1.5), busy], new Set([6]), undefined, (line) => said.push(line));
    expect(verdict?.why).toMatch(/other work used 60% of the machine.*unreliable/);
    const quiet = checkBudgets([...pool(1.4, 1.5), { ...busy, value: 2 }], new Set([6]), undefined, () => undefined);
    expect(quiet[0]?.why).not.toMatch(/unreliable/);
  });

  it('marks the verdict in the report’s table and spells it out under it', () => {
    const { verdict } = judge(1.4, 1.5);
    const run: BenchRun = {
      mode: 'quick',
      machine: { cpuModel: 'test CPU', cores: 2, memoryGb: 1, os: 'test', node: 'v24', chromium: 'none', commit: 'abc', date: '2026-01-01T00:00:00.000Z' },
      seconds: 1,
      measurements: pool(1.4, 1.5),
      contention: {},
      verdicts: [verdict],
      notes: [],
      steps: [],
    };
    const markdown = resultsMarkdown(run);
    expect(markdown).toContain('2 processes: 1.4× ⚠ MACHINE-BOUND (bare ceiling 1.5×, 93% of it: excused)');
    expect(markdown).toContain('Budgets met: 1 of 1 (1 of them only excused as machine-bound).');
    expect(markdown).toMatch(/- ⚠ \*\*parallel-grammar \[2 processes\]\*\* MACHINE-BOUND/);
  });
});
