/**
 * The check of a run's measurements against the budgets (bench/budgets.ts): a verdict per budget
 * and column, with the same run's controls named, and a machine-bound miss excused only where a
 * ceiling says so.
 */
import { BUDGETS, boundName, type Budget } from './budgets.ts';
import { findMeasurement, type Measurement, type Verdict } from './results.ts';
import { round } from './stats.ts';

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
