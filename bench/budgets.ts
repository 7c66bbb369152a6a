/**
 * Forkpad's performance budgets (issue 7) and the check against a run's measurements. A budget
 * holds for the thread, process and notes'-mix models; inline is measured beside them as the
 * contrast and has no budget. A budget that was not measured fails: silence is not a pass.
 */
import { findMeasurement, type Measurement, type Unit, type Verdict } from './results.ts';
import { round } from './stats.ts';

export interface Budget {
  readonly id: string;
  readonly scenario: number;
  /** The measurement row it checks. */
  readonly row: string;
  readonly columns: readonly string[];
  readonly comparison: '<=' | '>=';
  readonly limit: number;
  readonly unit: Unit;
  /** What the number means for a person using Forkpad. */
  readonly meaning: string;
  /**
   * A control measured in the same run that says what the machine itself allows, without
   * Forkpad (scenario 6: bare harper.js processes on the same shards; scenario 5: Monaco alone).
   * When that bound (a ceiling for a `>=` budget, a floor for a `<=` one) is itself short of the
   * limit, the budget cannot be met on this machine; a miss is then excused as machine-bound,
   * never silently, if Forkpad reached `minShare` of it.
   */
  /**
   * Bare controls measured in the same run, named in a miss's verdict so that it says whether the
   * machine or Forkpad is slow. They never excuse a miss (scenario 7: a blank page's load, and
   * Forkpad's editor alone from load to a typed key, each in a fresh profile).
   */
  readonly controls?: readonly { readonly row: string; readonly column: string; readonly label: string }[];
  readonly ceiling?: {
    readonly row: string;
    readonly minShare: number;
    readonly otherWorkRow?: string;
    /** The control's column, when one control serves every column (else the verdict's own). */
    readonly column?: string;
    /** A finer row shown for both sides in the verdict (scenario 5: the count of slow keys). */
    readonly detailRow?: string;
    /**
     * How far past the limit the bound must be before the machine counts as able to meet it, as a
     * fraction: the bound's own run-to-run spread. A bound measured once is that uncertain, and
     * within it a miss says nothing about Forkpad.
     */
    readonly margin?: number;
  };
}

/** The machine's bound for a budget: the most a `>=` budget can reach, the least a `<=` one can. */
export function boundName(budget: Pick<Budget, 'comparison'>): 'ceiling' | 'floor' {
  return budget.comparison === '>=' ? 'ceiling' : 'floor';
}

/**
 * The run-to-run spread of the bare harper ceiling on this kind of machine: 1.57–1.75× over a
 * dozen runs on one quiet 2-core VM, about ±5% around its middle (Forkpad's pool in the same
 * runs: 1.57–1.72×; docs/performance.md).
 */
export const POOL_CEILING_SPREAD = 0.05;

/** Scenario 5's control column: Forkpad's editor alone on a page, typed into the same way. */
export const BARE_MONACO = 'bare Monaco (no Forkpad)';

/** Scenario 7's control column: a blank page, and Forkpad's editor alone, each in a fresh profile. */
export const BARE_CONTROL = 'bare control (no Forkpad)';

const BUDGETED = ['threads', 'processes', 'mix'] as const;

export const ROWS = {
  protocolRatio: 'Forkpad ÷ raw round trip, median (worst host kind)',
  hostDelayP99: 'host event-loop delay p99',
  spellP95: 'spelling edit → result p95',
  grammarP95: 'grammar edit → result p95',
  durableP95: 'edit → durable ack p95',
  keydownP95: 'keydown Event Timing duration p95',
  keydownsOver: 'keydowns over 16 ms (Event Timing)',
  poolSpeedup: 'speedup over 1 process',
  bareCeiling: 'bare harper.js speedup over 1 process, no Forkpad (the machine’s ceiling), median',
  poolOtherWork: 'other work on the machine during pool and control, share of all cores',
  typingReady: 'page load → typed key in the editor',
  blankPageLoad: 'blank page: load event',
  tasksReady: 'host start → all four tasks ready',
  switchReady: 'switch → new hosts ready',
  keysLost: 'keystrokes lost',
} as const;

export const BUDGETS: readonly Budget[] = [
  {
    id: 'protocol-overhead',
    scenario: 1,
    row: ROWS.protocolRatio,
    columns: BUDGETED,
    comparison: '<=',
    limit: 1.5,
    unit: '×',
    meaning: 'Forkpad’s typed RPC (ids, timeouts, cancellation, re-sending, metering) may cost at most half again the bare channel it runs on.',
  },
  {
    id: 'host-responsive',
    scenario: 2,
    row: ROWS.hostDelayP99,
    columns: BUDGETED,
    comparison: '<=',
    limit: 10,
    unit: 'ms',
    meaning: 'While a large document is checked from scratch, the host still answers the editor within well under a frame: checking happens off its main thread.',
  },
  {
    id: 'incremental-spelling',
    scenario: 3,
    row: ROWS.spellP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 30,
    unit: 'ms',
    meaning: 'A corrected or new misspelling shows within two frames of the check starting.',
  },
  {
    id: 'incremental-grammar',
    scenario: 3,
    row: ROWS.grammarP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 150,
    unit: 'ms',
    meaning: 'Grammar re-checks only the changed paragraph: a result within the blink of an eye after the debounce.',
  },
  {
    id: 'durability',
    scenario: 4,
    row: ROWS.durableP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 150,
    unit: 'ms',
    meaning: 'At a brisk 15 keys/s, every keystroke is fsync’d to the journal within 150 ms: a crash loses at most the last couple of keys.',
  },
  {
    id: 'browser-typing',
    scenario: 5,
    row: ROWS.keydownP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 16,
    unit: 'ms',
    meaning:
      'A key press is handled and painted within one 60 Hz frame (16.7 ms) for 95% of keys, even while grammar works on a large document. ' +
      'Beside it the run types the same keys into Forkpad’s editor alone (the same Monaco build, options and document, no host, tasks, preview or status bar): the floor this browser and machine allow any Monaco-based editor. ' +
      'If that floor misses 16 ms too, the budget cannot be met here: the verdict says MACHINE-BOUND with both numbers, and counts as no regression only while Forkpad is no slower than Monaco alone.',
    ceiling: { row: ROWS.keydownP95, column: BARE_MONACO, minShare: 1, detailRow: ROWS.keydownsOver },
  },
  {
    id: 'parallel-grammar',
    scenario: 6,
    row: ROWS.poolSpeedup,
    columns: ['2 processes'],
    comparison: '>=',
    limit: 1.7,
    unit: '×',
    meaning:
      'The notes’ “more cores, more multiprocessing”: two grammar processes on two cores check a document at least 1.7 times as fast as one. ' +
      'Beside it the run measures the machine’s own ceiling: the same paragraphs linted by harper.js alone in bare Node processes, forked and timed the same way. ' +
      'If that ceiling is below 1.7×, or above it by less than its own run-to-run spread (5% here), the budget cannot be met (or not reliably) on this machine: the verdict says MACHINE-BOUND with both numbers, and counts as no regression only while Forkpad reaches at least 90% of the ceiling; below that, or with a ceiling clearly above 1.7×, a miss is Forkpad’s own.',
    ceiling: { row: ROWS.bareCeiling, minShare: 0.9, otherWorkRow: ROWS.poolOtherWork, margin: POOL_CEILING_SPREAD },
  },
  {
    id: 'startup-typing',
    scenario: 7,
    row: ROWS.typingReady,
    columns: BUDGETED,
    comparison: '<=',
    limit: 1000,
    unit: 'ms',
    meaning:
      'The editor takes typing within a second of the page loading, whatever the tasks are still doing: the first load after a build, in a fresh browser profile (nothing cached), as a new user meets it. ' +
      'Beside it the run measures, in fresh profiles too, a blank page’s load and Forkpad’s editor alone (bare Monaco, the same build and options) from load to a typed key; a miss names both, and is never excused by them.',
    controls: [
      { row: ROWS.blankPageLoad, column: BARE_CONTROL, label: 'a blank page loads in' },
      { row: ROWS.typingReady, column: BARE_CONTROL, label: 'bare Monaco takes a typed key after' },
    ],
  },
  {
    id: 'startup-tasks',
    scenario: 7,
    row: ROWS.tasksReady,
    columns: BUDGETED,
    comparison: '<=',
    limit: 2500,
    unit: 'ms',
    meaning: 'Spelling, grammar, preview and the journal all work within 2.5 s of starting Forkpad.',
  },
  {
    id: 'switching-ready',
    scenario: 8,
    row: ROWS.switchReady,
    columns: BUDGETED,
    comparison: '<=',
    limit: 2000,
    unit: 'ms',
    meaning: 'Moving all four tasks to another host kind completes within 2 s while the user keeps typing.',
  },
  {
    id: 'switching-lossless',
    scenario: 8,
    row: ROWS.keysLost,
    columns: BUDGETED,
    comparison: '<=',
    limit: 0,
    unit: 'count',
    meaning: 'No keystroke is lost by a switch: the editor, the host’s mirror and the journal all end with every key typed.',
  },
];

function holds(value: number, budget: Budget): boolean {
  return budget.comparison === '<=' ? value <= budget.limit : value >= budget.limit;
}


const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * A missed budget that has a machine ceiling, judged against it: excused (passed, marked
 * machine-bound) only when the ceiling measured in the same run is itself short of the limit and
 * Forkpad reached `minShare` of it. A missing ceiling, or one the machine could meet, leaves the
 * miss Forkpad's own.
 */
function judgeAgainstCeiling(verdict: Verdict, budget: Budget, measurements: readonly Measurement[]): Verdict {
  const rule = budget.ceiling;
  if (!rule || verdict.passed || verdict.measured === null) return verdict;
  const controlColumn = rule.column ?? verdict.column;
  const ceiling = findMeasurement(measurements, budget.scenario, rule.row, controlColumn)?.value;
  const limit = `${budget.limit}${budget.unit}`;
  const bound = boundName(budget);
  if (ceiling === undefined || ceiling === null || !Number.isFinite(ceiling) || ceiling <= 0) {
    return { ...verdict, why: `no machine ${bound} was measured in this run, so the miss counts${verdict.why ? `; ${verdict.why}` : ''}` };
  }
  // How near Forkpad came to what the machine allows: 100% is as good as the bare control.
  const share = budget.comparison === '>=' ? verdict.measured / ceiling : ceiling / verdict.measured;
  const detail = detailNote(rule.detailRow, budget.scenario, verdict.column, controlColumn, measurements);
  const margin = rule.margin ?? 0;
  const clearly = budget.limit * (budget.comparison === '>=' ? 1 + margin : 1 - margin);
  if (holds(ceiling, { ...budget, limit: clearly })) {
    const past = margin > 0 ? ` by more than its ${percent(margin)} run-to-run spread` : '';
    return { ...verdict, why: `the machine’s bare ${bound} here is ${round(ceiling)}${budget.unit} (meets ${limit}${past}), so the miss is Forkpad’s own (${percent(share)} of the ${bound})${detail}` };
  }
  const excused = share >= rule.minShare;
  const short = holds(ceiling, budget)
    ? `within its ${percent(margin)} run-to-run spread of the budget’s ${limit}, so this machine cannot be relied on to meet it`
    : `short of the budget’s ${limit}, so this machine cannot meet it`;
  const why =
    `MACHINE-BOUND: the bare ${bound} measured in this run is ${round(ceiling)}${budget.unit}, ${short}; ` +
    `Forkpad reached ${round(verdict.measured)}${budget.unit} = ${percent(share)} of the ${bound} ` +
    (excused ? `(≥ ${percent(rule.minShare)}): counted as not a regression` : `(< ${percent(rule.minShare)}): a regression of Forkpad’s own`) +
    detail +
    otherWorkNote(rule.otherWorkRow, budget.scenario, verdict.column, measurements);
  return { ...verdict, passed: excused, machineBound: { ceiling, share, minShare: rule.minShare, excused }, why };
}

/** Both sides' figure of a finer row, e.g. "; keydowns over 16 ms (Event Timing): 21, bare 30". */
function detailNote(row: string | undefined, scenario: number, column: string, controlColumn: string, measurements: readonly Measurement[]): string {
  if (row === undefined) return '';
  const mine = findMeasurement(measurements, scenario, row, column)?.value;
  const bare = findMeasurement(measurements, scenario, row, controlColumn)?.value;
  if (mine === undefined || mine === null || bare === undefined || bare === null) return '';
  return `; ${row}: ${round(mine)}, bare ${round(bare)}`;
}

/** Beyond this share of the cores used by others, neither the ceiling nor the pool says much. */
const BUSY_MACHINE_PERCENT = 10;

function otherWorkNote(row: string | undefined, scenario: number, column: string, measurements: readonly Measurement[]): string {
  const busy = row === undefined ? undefined : findMeasurement(measurements, scenario, row, column)?.value;
  if (busy === undefined || busy === null || busy <= BUSY_MACHINE_PERCENT) return '';
  return `; other work used ${round(busy)}% of the machine meanwhile, so both figures are unreliable: repeat on a quiet machine`;
}

function judge(budget: Budget, column: string, measurements: readonly Measurement[]): Verdict {
  const found = findMeasurement(measurements, budget.scenario, budget.row, column);
  const base = { budget: budget.id, column, limit: budget.limit, unit: budget.unit };
  if (!found || found.value === null || !Number.isFinite(found.value)) return { ...base, measured: null, passed: false, why: found?.note ?? 'not measured' };
  const verdict: Verdict = { ...base, measured: found.value, passed: holds(found.value, budget), ...(found.note ? { why: found.note } : {}) };
  return withControls(judgeAgainstCeiling(verdict, budget, measurements), budget, measurements);
}

/** A miss's verdict, with what the bare controls measured in the same run (never an excuse). */
function withControls(verdict: Verdict, budget: Budget, measurements: readonly Measurement[]): Verdict {
  if (verdict.passed || !budget.controls || verdict.measured === null) return verdict;
  const measured = verdict.measured;
  const figures = budget.controls.flatMap((control) => {
    const value = findMeasurement(measurements, budget.scenario, control.row, control.column)?.value;
    if (value === undefined || value === null || !Number.isFinite(value)) return [`${control.label}: not measured`];
    return [`${control.label} ${round(value)}${budget.unit}${control.row === budget.row && value > 0 ? ` (Forkpad ${round(measured / value)}× that)` : ''}`];
  });
  const machine = budget.controls.some((control) => control.row === budget.row && !holds(findMeasurement(measurements, budget.scenario, control.row, control.column)?.value ?? 0, budget));
  const reading = machine ? 'the bare editor misses it too: this machine is slow, and the miss still counts' : 'the bare editor meets it: the miss is Forkpad’s own';
  const controls = `bare controls in this run: ${figures.join('; ')} — ${reading}`;
  return { ...verdict, why: verdict.why ? `${verdict.why}; ${controls}` : controls };
}

/**
 * Every budget of the scenarios run (all when `scenarios` is absent) against every column it
 * covers. A machine-bound verdict is announced (on stderr by default) whether or not it was
 * excused: the run's summary of missed budgets would otherwise never mention an excused one.
 */
export function checkBudgets(
  measurements: readonly Measurement[],
  scenarios?: ReadonlySet<number>,
  budgets: readonly Budget[] = BUDGETS,
  announce: (line: string) => void = (line) => console.error(line),
): Verdict[] {
  const verdicts = budgets
    .filter((candidate) => scenarios?.has(candidate.scenario) ?? true)
    .flatMap((budget) => budget.columns.map((column) => judge(budget, column, measurements)));
  for (const verdict of verdicts) if (verdict.machineBound) announce(`[bench] ⚠ ${verdict.machineBound.excused ? 'excused' : 'NOT excused'}: ${describeVerdict(verdict)}`);
  return verdicts;
}

export function describeVerdict(verdict: Verdict): string {
  const budget = BUDGETS.find((candidate) => candidate.id === verdict.budget);
  const limit = `${budget?.comparison ?? ''} ${verdict.limit} ${verdict.unit}`;
  const measured = verdict.measured === null ? 'not measured' : `${round(verdict.measured)} ${verdict.unit}`;
  return `${verdict.budget} [${verdict.column}]: ${measured} (budget ${limit})${verdict.why ? ` — ${verdict.why}` : ''}`;
}
