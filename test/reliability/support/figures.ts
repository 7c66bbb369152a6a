/**
 * The figures the reliability suites measure. Each suite records its own at the end of its run
 * (test/reliability/figures/<suite>.json), then docs/reliability.md is rendered again from every
 * suite's last figures: nothing in that page is written by hand.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { summarizePercentiles } from '../../../workers/common/percentile.ts';
import { renderReliabilityPage } from './report.ts';

export const FIGURES_DIR = resolve(import.meta.dirname, '../figures');
export const RELIABILITY_PAGE = resolve(import.meta.dirname, '../../../docs/reliability.md');

/** One number (or short text) with what it means, e.g. `{ label: 'faults survived', value: 200 }`. */
export interface Figure {
  readonly label: string;
  readonly value: number | string;
  /** Unit shown after the value: "ms", "MB", "cases". */
  readonly unit?: string;
  /** The bound the suite asserts, in words, e.g. "≤ 150 ms". */
  readonly bound?: string;
}

/** A small table: the header row, then rows of cells. */
export interface FigureTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface SuiteFigures {
  /** File name stem and section order key, e.g. "1-crash-storm". */
  readonly suite: string;
  readonly title: string;
  /** Where the suite lives, shown in the page. */
  readonly file: string;
  /** One paragraph: what the suite does and asserts. */
  readonly summary: string;
  readonly figures: readonly Figure[];
  readonly tables?: readonly FigureTable[];
  /** Bugs the suite keeps as failing regression cases, each with its test name. */
  readonly knownFailures?: readonly string[];
  /** Filled in by `recordFigures`. */
  readonly recordedAt?: string;
  readonly durationMs?: number;
  readonly node?: string;
  readonly seed?: number;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  // Two suites may finish together; each rewrites the page whole, so the last complete one wins.
  const temporary = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export async function readAllFigures(directory = FIGURES_DIR): Promise<SuiteFigures[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const suites: SuiteFigures[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
    suites.push(JSON.parse(await readFile(join(directory, name), 'utf8')) as SuiteFigures);
  }
  return suites;
}

/** Renders docs/reliability.md from every suite's last recorded figures. */
export async function renderPage(directory = FIGURES_DIR, page = RELIABILITY_PAGE): Promise<void> {
  await writeAtomically(page, renderReliabilityPage(await readAllFigures(directory)));
}

/** Records one suite's figures from the run that just finished, and re-renders the page. */
export async function recordFigures(figures: SuiteFigures, startedAt: number): Promise<void> {
  await mkdir(FIGURES_DIR, { recursive: true });
  const stamped: SuiteFigures = {
    ...figures,
    recordedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - startedAt),
    node: process.version,
  };
  await writeAtomically(join(FIGURES_DIR, `${figures.suite}.json`), `${JSON.stringify(stamped, null, 2)}\n`);
  await renderPage();
}

/** p50 / p95 / max of `values` (nearest rank), rounded to whole ms; zeros when empty. */
export function distribution(values: readonly number[]): { count: number; p50: number; p95: number; max: number } {
  const summary = summarizePercentiles(values);
  if (summary === undefined) return { count: 0, p50: 0, p95: 0, max: 0 };
  return { count: summary.n, p50: Math.round(summary.p50), p95: Math.round(summary.p95), max: Math.round(summary.max) };
}

/** The shape of a vitest file or suite, as `afterAll` receives it. */
export interface TaskTree {
  readonly type: string;
  readonly mode: string;
  readonly tasks?: readonly TaskTree[];
}

/**
 * True when every test of the file ran (none filtered out with -t, skipped or todo): only such a
 * run records figures, so a partial run never replaces a whole one's figures with a subset.
 */
export function ranWhole(tree: TaskTree): boolean {
  if (tree.type === 'test') return tree.mode === 'run' || tree.mode === 'only';
  return (tree.tasks ?? []).every(ranWhole);
}
