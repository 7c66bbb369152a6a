/**
 * The run as Markdown: the machine, the budget table (inline beside the budgeted models as the
 * contrast), then each scenario's measurements with how busy the machine was meanwhile.
 */
import { BUDGETS, boundName, type Budget } from '../budgets.ts';
import { findMeasurement, MODEL_COLUMNS, SCENARIOS, type BenchRun, type Measurement } from '../results.ts';
import { cell, formatValue, minutes } from './format.ts';

function find(run: BenchRun, scenario: number, row: string, column: string): Measurement | undefined {
  return findMeasurement(run.measurements, scenario, row, column);
}

function budgetCell(run: BenchRun, budget: Budget, column: string): string {
  const measured = find(run, budget.scenario, budget.row, column);
  const verdict = run.verdicts.find((item) => item.budget === budget.id && item.column === column);
  const text = formatValue(measured?.value, budget.unit);
  if (!verdict) return text;
  const bound = verdict.machineBound;
  if (bound) {
    const ceiling = `bare ${boundName(budget)} ${formatValue(bound.ceiling, budget.unit)}, ${Math.round(bound.share * 100)}% of it`;
    return `${text} ${bound.excused ? '⚠' : '✗'} MACHINE-BOUND (${ceiling}: ${bound.excused ? 'excused' : 'not excused'})`;
  }
  return `${text} ${verdict.passed ? '✓' : '✗'}`;
}

/** Every machine-bound verdict spelled out under the table: an excused miss is still a miss here. */
function machineBoundLines(run: BenchRun): string[] {
  const bound = run.verdicts.filter((verdict) => verdict.machineBound);
  if (bound.length === 0) return [];
  return [...bound.map((verdict) => `- ⚠ **${verdict.budget} [${verdict.column}]** ${cell(verdict.why ?? '')}.`), ''];
}

function budgetTable(run: BenchRun): string[] {
  const lines = [
    '| # | budget | inline (contrast) | threads | processes | mix | limit |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const budget of BUDGETS) {
    const limit = `${budget.comparison === '<=' ? '≤' : '≥'} ${formatValue(budget.limit, budget.unit)}`;
    if (budget.columns.every((column) => (MODEL_COLUMNS as readonly string[]).includes(column))) {
      const cells = MODEL_COLUMNS.map((column) =>
        budget.columns.includes(column) ? budgetCell(run, budget, column) : formatValue(find(run, budget.scenario, budget.row, column)?.value, budget.unit),
      );
      lines.push(`| ${budget.scenario} | ${cell(budget.row)} | ${cells.join(' | ')} | ${limit} |`);
    } else {
      const cells = budget.columns.map((column) => `${column}: ${budgetCell(run, budget, column)}`).join(', ');
      lines.push(`| ${budget.scenario} | ${cell(budget.row)} | ${cells} | | | | ${limit} |`);
    }
  }
  return lines;
}

function scenarioTable(run: BenchRun, scenario: number): string[] {
  const items = run.measurements.filter((item) => item.scenario === scenario);
  if (items.length === 0) return ['Not run.'];
  const columns = [...new Set(items.map((item) => item.column))];
  const ordered = [...(MODEL_COLUMNS as readonly string[]).filter((column) => columns.includes(column)), ...columns.filter((column) => !(MODEL_COLUMNS as readonly string[]).includes(column))];
  const rows = [...new Set(items.map((item) => item.row))];
  const lines = [`| measurement | ${ordered.join(' | ')} |`, `|---|${ordered.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = ordered.map((column) => {
      const item = items.find((candidate) => candidate.row === row && candidate.column === column);
      if (!item) return '';
      const spread = item.summary && item.summary.n > 1 ? ` (p50 ${formatValue(item.summary.p50, item.unit)}, p95 ${formatValue(item.summary.p95, item.unit)}, n=${item.summary.n})` : '';
      return cell(`${formatValue(item.value, item.unit)}${row.includes('p95') || row.includes('p99') ? '' : spread}`);
    });
    lines.push(`| ${cell(row)} | ${cells.join(' | ')} |`);
  }
  const contention = ordered
    .map((column) => ({ column, value: run.contention[`${scenario}:${column}`] }))
    .filter((entry) => entry.value !== undefined)
    .map(({ column, value }) => `${column} ${value?.othersPercent}% (load ${value?.loadAverage})`);
  if (contention.length > 0) lines.push('', `Other work on the machine meanwhile, share of all cores: ${contention.join('; ')}.`);
  const notes = [...new Set(items.filter((item) => item.note).map((item) => `${item.column}: ${item.note}`))];
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
  return lines;
}

export function machineLine(run: BenchRun): string {
  const { machine } = run;
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; Node ${machine.node}; ${machine.chromium}; commit ${machine.commit}; ${machine.date}`;
}

/** The budget table and every scenario's details, without a title (for the docs page too). */
export function resultsMarkdown(run: BenchRun, chartPath?: string): string {
  const verdicts = run.verdicts;
  const missed = verdicts.filter((verdict) => !verdict.passed);
  const excused = verdicts.filter((verdict) => verdict.passed && verdict.machineBound).length;
  const met = `Budgets met: ${verdicts.length - missed.length} of ${verdicts.length}${excused > 0 ? ` (${excused} of them only excused as machine-bound)` : ''}.`;
  const lines = [
    `**Machine:** ${machineLine(run)}.`,
    '',
    `**Run:** ${run.mode}, ${minutes(run.seconds)}. ${met}`,
    '',
    ...budgetTable(run),
    '',
    ...machineBoundLines(run),
    ...(chartPath ? [`![Each budgeted figure as a share of its budget](${chartPath})`, ''] : []),
    ...run.notes.map((note) => `- ${note}`),
    ...(run.notes.length > 0 ? [''] : []),
  ];
  for (const scenario of SCENARIOS) {
    lines.push(`### ${scenario.number}. ${scenario.title}`, '', scenario.method, '', ...scenarioTable(run, scenario.number), '');
  }
  if (run.steps.length > 0) lines.push(`Time per step: ${run.steps.map((step) => `${step.label} ${step.seconds} s`).join('; ')}.`, '');
  return lines.join('\n');
}

export function reportMarkdown(run: BenchRun, chartPath?: string): string {
  return [`# Forkpad benchmark (${run.mode} run)`, '', resultsMarkdown(run, chartPath)].join('\n');
}
