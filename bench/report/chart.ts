/**
 * The run as an SVG chart, drawn by hand (no browser needed): every budgeted figure as a share
 * of its budget on a log scale (below the line is within budget), the grammar pool's speedup
 * against the ideal, and each model's memory.
 */
import { BUDGETS, boundName, ROWS, type Budget } from '../budgets.ts';
import { findMeasurement, MODEL_COLUMNS, type BenchRun } from '../results.ts';
import { round } from '../stats.ts';

const COLORS: Record<string, string> = { inline: '#9e9e9e', threads: '#1f77b4', processes: '#ff7f0e', mix: '#2ca02c', pool: '#8c564b' };
const WIDTH = 1100;
const FONT = 'font-family="system-ui, sans-serif"';

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function text(x: number, y: number, content: string, extra = '', size = 11): string {
  return `<text x="${round(x)}" y="${round(y)}" ${FONT} font-size="${size}" ${extra}>${escape(content)}</text>`;
}

function title(x: number, y: number, content: string): string {
  return text(x, y, content, 'font-weight="bold"', 13);
}

interface Bar {
  readonly label: string;
  readonly color: string;
  readonly share: number | null;
  readonly title: string;
}

/** Measured ÷ limit for "at most" budgets, limit ÷ measured for "at least": under 1 is within budget. */
function shareOf(budget: Budget, value: number | null): number | null {
  if (value === null || value <= 0) return null;
  return budget.comparison === '<=' ? value / budget.limit : budget.limit / value;
}

/** The budget's machine bound measured in the run (bare Monaco, bare harper), as a share of the budget. */
function boundShare(run: BenchRun, budget: Budget): { share: number; label: string } | null {
  const rule = budget.ceiling;
  if (!rule) return null;
  const column = rule.column ?? budget.columns[0];
  if (column === undefined) return null;
  const value = findMeasurement(run.measurements, budget.scenario, rule.row, column)?.value ?? null;
  const share = shareOf(budget, value);
  return share === null || value === null ? null : { share, label: `bare ${boundName(budget)}: ${round(value)} ${budget.unit}` };
}

function budgetBars(run: BenchRun): { group: string; bars: Bar[]; bound: { share: number; label: string } | null }[] {
  return BUDGETS.filter((budget) => budget.limit > 0).map((budget) => {
    const columns = budget.columns.includes('threads') ? MODEL_COLUMNS : budget.columns;
    const bars = columns.map((column) => {
      const item = findMeasurement(run.measurements, budget.scenario, budget.row, column);
      const value = item?.value ?? null;
      const share = shareOf(budget, value);
      return { label: column, color: COLORS[column] ?? COLORS.pool ?? '#555', share, title: `${budget.row} · ${column}: ${value === null ? 'n/a' : round(value)} ${budget.unit} (budget ${budget.comparison} ${budget.limit})` };
    });
    return { group: `${budget.scenario}. ${budget.id} ${budget.comparison === '<=' ? '≤' : '≥'} ${budget.limit}${budget.unit === 'ms' ? ' ms' : budget.unit}`, bars, bound: boundShare(run, budget) };
  });
}

function budgetPanel(run: BenchRun, top: number): { svg: string; height: number } {
  const groups = budgetBars(run);
  const height = 300;
  const plot = { left: 60, right: WIDTH - 150, top: top + 40, bottom: top + height - 90 };
  const [low, high] = [-2, 3];
  const y = (share: number) => plot.bottom - ((Math.log10(Math.min(10 ** high, Math.max(10 ** low, share))) - low) / (high - low)) * (plot.bottom - plot.top);
  const parts = [title(plot.left, top + 18, 'Each budgeted figure as a share of its budget (log scale; at or below the red line is within budget; black dashes: the bare control)')];
  for (let power = low; power <= high; power++) {
    parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${y(10 ** power)}" y2="${y(10 ** power)}" stroke="#e0e0e0"/>`, text(8, y(10 ** power) + 4, `${10 ** power}×`));
  }
  const groupWidth = (plot.right - plot.left) / groups.length;
  groups.forEach((group, index) => {
    const x0 = plot.left + index * groupWidth;
    const barWidth = Math.min(16, (groupWidth - 10) / Math.max(1, group.bars.length));
    group.bars.forEach((bar, barIndex) => {
      const x = x0 + 5 + barIndex * barWidth;
      if (bar.share === null) parts.push(text(x, plot.bottom - 4, '×', `fill="${bar.color}"`));
      else parts.push(`<rect x="${round(x)}" y="${round(y(bar.share))}" width="${round(barWidth - 2)}" height="${round(plot.bottom - y(bar.share))}" fill="${bar.color}"><title>${escape(bar.title)}</title></rect>`);
    });
    if (group.bound) {
      const yBound = round(y(group.bound.share));
      parts.push(`<line x1="${round(x0 + 2)}" x2="${round(x0 + 8 + group.bars.length * barWidth)}" y1="${yBound}" y2="${yBound}" stroke="#000" stroke-dasharray="4 2" stroke-width="2"><title>${escape(group.bound.label)}</title></line>`);
    }
    parts.push(`<text transform="translate(${round(x0 + groupWidth / 2)},${plot.bottom + 10}) rotate(20)" ${FONT} font-size="10">${escape(group.group)}</text>`);
  });
  parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${y(1)}" y2="${y(1)}" stroke="#d62728" stroke-dasharray="6 3" stroke-width="1.5"/>`);
  return { svg: parts.join('\n'), height };
}

function poolPanel(run: BenchRun, top: number): { svg: string; height: number } {
  const items = run.measurements.filter((item) => item.scenario === 6 && item.row.startsWith('speedup'));
  const height = 70;
  const parts = [title(60, top + 18, 'Parallel grammar: speedup of a full 200 KB check with N processes (bar), the bare harper ceiling (red dashes) and the ideal (black)')];
  const max = Math.max(2, ...items.map((item) => item.value ?? 0));
  const x = (value: number) => 240 + (value / max) * (WIDTH - 300);
  items.forEach((item, index) => {
    const rowY = top + 40 + index * 26;
    const ideal = findMeasurement(run.measurements, 6, 'ideal speedup', item.column)?.value ?? 1;
    const cores = run.measurements.find((candidate) => candidate.scenario === 6 && candidate.row.startsWith('cores the pool got') && candidate.column === item.column)?.value;
    parts.push(text(60, rowY + 12, `${item.column}${cores === undefined || cores === null ? '' : ` (got ${round(cores)} cores)`}`));
    if (item.value !== null) parts.push(`<rect x="240" y="${rowY}" width="${round(x(item.value) - 240)}" height="16" fill="${COLORS.pool}"/>`, text(x(item.value) + 4, rowY + 12, `${round(item.value)}×`));
    parts.push(`<line x1="${round(x(ideal))}" x2="${round(x(ideal))}" y1="${rowY - 2}" y2="${rowY + 18}" stroke="#000" stroke-width="2"/>`);
    const ceiling = findMeasurement(run.measurements, 6, ROWS.bareCeiling, item.column)?.value;
    if (ceiling !== undefined && ceiling !== null && Number.isFinite(ceiling)) {
      parts.push(`<line x1="${round(x(ceiling))}" x2="${round(x(ceiling))}" y1="${rowY - 4}" y2="${rowY + 20}" stroke="#d62728" stroke-dasharray="3 2" stroke-width="2"><title>bare harper ceiling ${round(ceiling)}×</title></line>`);
    }
  });
  return { svg: parts.join('\n'), height: Math.max(height, 60 + items.length * 26) };
}

function memoryPanel(run: BenchRun, top: number): { svg: string; height: number } {
  const states = ['idle', 'loaded'] as const;
  const height = 60 + states.length * MODEL_COLUMNS.length * 18;
  const parts = [title(60, top + 18, 'Memory each model adds to the host: PSS (solid, shared pages divided) over RSS (pale), MB')];
  const value = (state: string, kind: 'RSS' | 'PSS', column: string) =>
    findMeasurement(run.measurements, 9, `whole model, ${state}: ${kind} added`, column)?.value ?? null;
  const max = Math.max(1, ...states.flatMap((state) => MODEL_COLUMNS.map((column) => value(state, 'RSS', column) ?? 0)));
  const width = (megabytes: number) => (megabytes / max) * (WIDTH - 360);
  let rowY = top + 36;
  for (const state of states) {
    for (const column of MODEL_COLUMNS) {
      const [rss, pss] = [value(state, 'RSS', column), value(state, 'PSS', column)];
      parts.push(text(60, rowY + 11, `${state} · ${column}`));
      const color = COLORS[column] ?? '#555';
      if (rss !== null) parts.push(`<rect x="200" y="${rowY}" width="${round(width(rss))}" height="13" fill="${color}" fill-opacity="0.3"/>`);
      if (pss !== null) parts.push(`<rect x="200" y="${rowY}" width="${round(width(pss))}" height="13" fill="${color}"/>`);
      if (rss !== null || pss !== null) parts.push(text(204 + width(Math.max(rss ?? 0, pss ?? 0)), rowY + 11, `PSS ${pss === null ? 'n/a' : round(pss)} · RSS ${rss === null ? 'n/a' : round(rss)}`));
      rowY += 18;
    }
  }
  return { svg: parts.join('\n'), height };
}

export function reportSvg(run: BenchRun): string {
  const panels: string[] = [];
  let top = 0;
  for (const draw of [budgetPanel, poolPanel, memoryPanel]) {
    const panel = draw(run, top);
    panels.push(panel.svg);
    top += panel.height;
  }
  const legend = MODEL_COLUMNS.map((column, index) => `<rect x="${60 + index * 110}" y="${top + 4}" width="12" height="12" fill="${COLORS[column]}"/>${text(76 + index * 110, top + 14, column)}`).join('');
  const footer = text(520, top + 14, `${run.mode} run · ${run.machine.cpuModel}, ${run.machine.cores} cores · ${run.machine.date.slice(0, 10)}`, 'fill="#555"');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top + 30}" viewBox="0 0 ${WIDTH} ${top + 30}">\n<rect width="100%" height="100%" fill="#fff"/>\n${panels.join('\n')}\n${legend}${footer}\n</svg>\n`;
}
