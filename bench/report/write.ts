/**
 * Writes a run to bench/results/ (JSON, Markdown, SVG: `latest-full.*` or `latest-quick.*`) and,
 * for a full run of every scenario, refreshes the results section of docs/performance.md between
 * its markers. A run of some scenarios only (`--only`) writes files of its own name and leaves the
 * docs alone: otherwise it would replace every other scenario's recorded results with nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchRun } from '../results.ts';
import { reportSvg } from './chart.ts';
import { reportMarkdown, resultsMarkdown } from './markdown.ts';

export const DOCS_BEGIN = '<!-- bench:results:begin (written by npm run bench; do not edit by hand) -->';
export const DOCS_END = '<!-- bench:results:end -->';

export interface WrittenFiles {
  readonly json: string;
  readonly markdown: string;
  readonly svg: string;
  readonly docs?: string;
}

/** Replaces the text between the markers; a page without them is left alone (and says so). */
export function replaceBetweenMarkers(page: string, content: string): string | undefined {
  const begin = page.indexOf(DOCS_BEGIN);
  const end = page.indexOf(DOCS_END);
  if (begin < 0 || end < begin) return undefined;
  return `${page.slice(0, begin + DOCS_BEGIN.length)}\n\n${content.trim()}\n\n${page.slice(end)}`;
}

/**
 * The results files' name without extension: `latest-full`, or for a run of some scenarios
 * `latest-full-only-6-11`, so that it does not overwrite the last complete run's record.
 */
export function resultsBaseName(mode: BenchRun['mode'], only: ReadonlySet<number> | undefined): string {
  if (only === undefined) return `latest-${mode}`;
  return `latest-${mode}-only-${[...only].sort((a, b) => a - b).join('-')}`;
}

/** Only a full run of every scenario is the record that docs/performance.md shows. */
export function refreshesDocs(mode: BenchRun['mode'], only: ReadonlySet<number> | undefined): boolean {
  return mode === 'full' && only === undefined;
}

export async function writeRun(run: BenchRun, repoRoot: string, only?: ReadonlySet<number>): Promise<WrittenFiles> {
  const folder = join(repoRoot, 'bench/results');
  await mkdir(folder, { recursive: true });
  const name = resultsBaseName(run.mode, only);
  const base = join(folder, name);
  const files: WrittenFiles = { json: `${base}.json`, markdown: `${base}.md`, svg: `${base}.svg` };
  await writeFile(files.json, `${JSON.stringify(run, null, 2)}\n`);
  await writeFile(files.markdown, `${reportMarkdown(run, `${name}.svg`)}\n`);
  await writeFile(files.svg, reportSvg(run));
  const docs = join(repoRoot, 'docs/performance.md');
  if (!refreshesDocs(run.mode, only) || !existsSync(docs)) return files;
  const updated = replaceBetweenMarkers(await readFile(docs, 'utf8'), resultsMarkdown(run, '../bench/results/latest-full.svg'));
  if (updated === undefined) return files;
  await writeFile(docs, updated);
  return { ...files, docs };
}
