/**
 * Budgets against the machine's own bound, measured in the same run without Forkpad: the
 * parallel-grammar speedup against bare harper.js processes (a ceiling), typing latency against
 * Monaco alone (a floor). A miss is excused as machine-bound only when the bound itself is short
 * of the budget and Forkpad came near enough to it, and never silently.
 */
import { describe, expect, it } from 'vitest';
import { BARE_CONTROL, BARE_MONACO, ROWS } from '../../bench/budgets.ts';
import { checkBudgets } from '../../bench/budget-check.ts';
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

  it('treats a ceiling within its own run-to-run spread above the budget as not reliably reachable', () => {
    const { verdict, said } = judge(1.64, 1.72);
    expect(verdict).toMatchObject({ passed: true, machineBound: { ceiling: 1.72, excused: true } });
    expect(verdict.why).toMatch(/MACHINE-BOUND: the bare ceiling .* 1\.72×, within its 5% run-to-run spread of the budget’s 1\.7×.*95%/);
    expect(said[0]).toMatch(/excused/);
    // Clearly past the spread, the machine can meet it: the same 95% is then Forkpad's own miss.
    const clearly = judge(1.7 * 1.05 * 0.95, 1.7 * 1.05);
    expect(clearly.verdict.passed).toBe(false);
    expect(clearly.verdict.why).toMatch(/by more than its 5% run-to-run spread.*Forkpad’s own/);
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

describe('the typing budget and the bare-Monaco floor', () => {
  const MODELS = ['threads', 'processes', 'mix'] as const;

  /** Each model's p95 and slow-key count, with bare Monaco's (or without it). */
  function typing(p95: Record<(typeof MODELS)[number], number>, over: number, bare?: { p95: number; over: number }): Measurement[] {
    const items: Measurement[] = MODELS.flatMap((column) => [
      { scenario: 5, row: ROWS.keydownP95, column, value: p95[column], unit: 'ms' as const },
      { scenario: 5, row: ROWS.keydownsOver, column, value: over, unit: 'count' as const },
    ]);
    if (bare) {
      items.push({ scenario: 5, row: ROWS.keydownP95, column: BARE_MONACO, value: bare.p95, unit: 'ms' });
      items.push({ scenario: 5, row: ROWS.keydownsOver, column: BARE_MONACO, value: bare.over, unit: 'count' });
    }
    return items;
  }

  function verdicts(items: Measurement[]) {
    const said: string[] = [];
    const byColumn = Object.fromEntries(checkBudgets(items, new Set([5]), undefined, (line) => said.push(line)).map((verdict) => [verdict.column, verdict]));
    return { byColumn, said };
  }

  it('passes plainly what meets 16 ms, whatever Monaco alone did', () => {
    const { byColumn, said } = verdicts(typing({ threads: 16, processes: 16, mix: 16 }, 4, { p95: 24, over: 9 }));
    for (const column of MODELS) expect(byColumn[column]).toMatchObject({ passed: true });
    expect(byColumn.mix?.machineBound).toBeUndefined();
    expect(said).toEqual([]);
  });

  it('excuses a miss, loudly and with both slow-key counts, only when Monaco alone missed as badly', () => {
    const { byColumn, said } = verdicts(typing({ threads: 16, processes: 24, mix: 32 }, 21, { p95: 24, over: 30 }));
    expect(byColumn.threads?.machineBound).toBeUndefined();
    expect(byColumn.processes).toMatchObject({ passed: true, machineBound: { ceiling: 24, share: 1, excused: true } });
    expect(byColumn.processes?.why).toMatch(/MACHINE-BOUND: the bare floor .* 24ms, short of the budget’s 16ms.*keydowns over 16 ms \(Event Timing\): 21, bare 30/);
    // Slower than the editor alone: Forkpad's own regression, whatever the machine.
    expect(byColumn.mix).toMatchObject({ passed: false, machineBound: { excused: false } });
    expect(byColumn.mix?.machineBound?.share).toBeCloseTo(24 / 32);
    expect(said.filter((line) => /NOT excused/.test(line))).toHaveLength(1);
    expect(said.filter((line) => /⚠ excused/.test(line))).toHaveLength(1);
  });

  it('counts a miss as Forkpad’s own when Monaco alone met the budget, or was not measured', () => {
    const couldMeet = verdicts(typing({ threads: 24, processes: 24, mix: 24 }, 25, { p95: 16, over: 5 }));
    expect(couldMeet.byColumn.mix).toMatchObject({ passed: false });
    expect(couldMeet.byColumn.mix?.machineBound).toBeUndefined();
    expect(couldMeet.byColumn.mix?.why).toMatch(/bare floor here is 16ms \(meets 16ms\), so the miss is Forkpad’s own/);
    const unmeasured = verdicts(typing({ threads: 24, processes: 24, mix: 24 }, 25));
    expect(unmeasured.byColumn.mix).toMatchObject({ passed: false });
    expect(unmeasured.byColumn.mix?.why).toMatch(/no machine floor was measured/);
  });
});

describe('the start-up budget and its bare controls', () => {
  const startup = (forkpad: number, bare?: number): Measurement[] => [
    ...['threads', 'processes', 'mix'].map((column) => ({ scenario: 7, row: ROWS.typingReady, column, value: forkpad, unit: 'ms' as const })),
    { scenario: 7, row: ROWS.blankPageLoad, column: BARE_CONTROL, value: 40, unit: 'ms' },
    ...(bare === undefined ? [] : [{ scenario: 7, row: ROWS.typingReady, column: BARE_CONTROL, value: bare, unit: 'ms' as const }]),
  ];
  const verdicts = (items: Measurement[]) => checkBudgets(items, new Set([7]), undefined, () => undefined).filter((verdict) => verdict.budget === 'startup-typing');

  it('names the controls in a miss and never excuses it, whichever side is slow', () => {
    for (const verdict of verdicts(startup(1_400, 600))) {
      expect(verdict.passed).toBe(false);
      expect(verdict.why).toMatch(/a blank page loads in 40ms; bare Monaco takes a typed key after 600ms \(Forkpad 2\.33× that\) — the bare editor meets it: the miss is Forkpad’s own/);
    }
    for (const verdict of verdicts(startup(1_400, 1_200))) {
      expect(verdict.passed).toBe(false);
      expect(verdict.why).toMatch(/the bare editor misses it too: this machine is slow, and the miss still counts/);
    }
    expect(verdicts(startup(1_400))[0]?.why).toMatch(/bare Monaco takes a typed key after: not measured/);
  });

  it('says nothing more about a budget met', () => {
    for (const verdict of verdicts(startup(800, 600))) {
      expect(verdict).toMatchObject({ passed: true, measured: 800 });
      expect(verdict.why ?? '').not.toMatch(/bare controls/);
    }
  });
});
