/**
 * Writes a run to bench/results/ (JSON, Markdown, SVG: `latest-full.*` or `latest-quick.*`) and,
 * for a full run, refreshes the results section of docs/performance.md between its markers.
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

export async function writeRun(run: BenchRun, repoRoot: string): Promise<WrittenFiles> {
  const folder = join(repoRoot, 'bench/results');
  await mkdir(folder, { recursive: true });
  const base = join(folder, `latest-${run.mode}`);
  const files: WrittenFiles = { json: `${base}.json`, markdown: `${base}.md`, svg: `${base}.svg` };
  await writeFile(files.json, `${JSON.stringify(run, null, 2)}\n`);
  await writeFile(files.markdown, `${reportMarkdown(run, `latest-${run.mode}.svg`)}\n`);
  await writeFile(files.svg, reportSvg(run));
  const docs = join(repoRoot, 'docs/performance.md');
  if (run.mode !== 'full' || !existsSync(docs)) return files;
  const updated = replaceBetweenMarkers(await readFile(docs, 'utf8'), resultsMarkdown(run, '../bench/results/latest-full.svg'));
  if (updated === undefined) return files;
  await writeFile(docs, updated);
  return { ...files, docs };
}
