/**
 * docs/reliability.md, rendered from the suites' recorded figures and from the limits the code
 * enforces (imported, not copied), so the page can only say what was measured and configured.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_DOCUMENT_LENGTH } from '../../../workers/common/document.ts';
import { HOST_REQUEST_LIMITS } from '../../../main/core/boundary/host-api-schemas.ts';
import { MAX_FILE_BYTES } from '../../../main/core/files/text-file.ts';
import { MAX_FRAME_BYTES } from '../../../main/web/web-server.ts';
import type { Figure, FigureTable, SuiteFigures } from './figures.ts';

const number = (value: number) => value.toLocaleString('en-US');

function formatValue(figure: Figure): string {
  const value = typeof figure.value === 'number' ? number(figure.value) : figure.value;
  return figure.unit ? `${value} ${figure.unit}` : value;
}

function cell(value: string | number): string {
  return (typeof value === 'number' ? number(value) : value).replaceAll('|', '\\|');
}

function table(data: FigureTable): string[] {
  return [
    `**${data.title}**`,
    '',
    `| ${data.columns.join(' | ')} |`,
    `|${data.columns.map(() => '---').join('|')}|`,
    ...data.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}

function section(suite: SuiteFigures): string[] {
  const when = suite.recordedAt ? `last run ${suite.recordedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : 'not run yet';
  const took = suite.durationMs === undefined ? '' : `, ${(suite.durationMs / 1000).toFixed(1)} s`;
  const seed = suite.seed === undefined ? '' : `, seed ${suite.seed}`;
  const lines = [`## ${suite.title}`, '', `\`${suite.file}\` (${when}${took}${seed}, Node ${suite.node ?? '?'})`, '', suite.summary, ''];
  lines.push('| figure | value | asserted |', '|---|---|---|');
  for (const figure of suite.figures) lines.push(`| ${cell(figure.label)} | ${cell(formatValue(figure))} | ${cell(figure.bound ?? '')} |`);
  lines.push('');
  for (const data of suite.tables ?? []) lines.push(...table(data));
  if (suite.knownFailures && suite.knownFailures.length > 0) {
    lines.push('Known failures, kept as `it.fails` regression cases until fixed:', '');
    for (const failure of suite.knownFailures) lines.push(`- ${failure}`);
    lines.push('');
  }
  return lines;
}

const ROOT = resolve(import.meta.dirname, '../../..');

/** A numeric constant as a suite kept elsewhere declares it, so the page never restates it by hand. */
function constantIn(file: string, name: string): string {
  try {
    const found = new RegExp(`const ${name} = ([\\d_]+)`).exec(readFileSync(join(ROOT, file), 'utf8'));
    return found?.[1] ? number(Number(found[1].replaceAll('_', ''))) : '?';
  } catch {
    return '?'; // The file moved: the page says so rather than failing to render.
  }
}

function referencedSection(): string[] {
  return [
    '## Suites kept beside their code',
    '',
    'These parts of issue 8 are proven by suites their owners keep next to the code; they assert on every run but record no figures here.',
    '',
    `- **Atomic save torture**: \`workers/node/atomic-write.test.ts\` SIGKILLs a process saving two contents over one file in a loop, ${constantIn('workers/node/atomic-write.test.ts', 'KILLS')} times at random moments; after every kill the file must be exactly the old or the new content, and both must have been seen.`,
    '- **One kill of an idle host**: `test/host/web-host-process.test.ts` (acknowledged typing restored, task processes gone with their host, clean SIGTERM).',
    '- **Electron security checklist, Electronegativity, IPC sender checks**: `docs/security.md`, `test/lint/electronegativity.test.ts`, `main/electron/ipc-port.test.ts`. The IPC port also takes the boundary corpus in suite 4 above.',
    '',
  ];
}

function limitsSection(): string[] {
  const L = HOST_REQUEST_LIMITS;
  const rows: [string, string, string][] = [
    ['WebSocket frame', `${number(MAX_FRAME_BYTES)} bytes`, 'larger frames close the socket with code 1009 (`MAX_FRAME_BYTES`, main/web/web-server.ts)'],
    ['document', `${number(MAX_DOCUMENT_LENGTH)} UTF-16 units`, 'an edit that would grow past it is refused (`MAX_DOCUMENT_LENGTH`, workers/common/document.ts)'],
    ['file to open', `${number(MAX_FILE_BYTES)} bytes`, 'a larger file is refused before it is read (`MAX_FILE_BYTES`, main/core/files/text-file.ts)'],
    ['inserted text per change', `${number(L.maxChangeTextLength)} UTF-16 units`, '`maxChangeTextLength`, summed over a change\'s edits; a resync\'s text'],
    ['edits per change', number(L.maxEditsPerChange), '`maxEditsPerChange`'],
    ['key events per change', number(L.maxKeysPerChange), '`maxKeysPerChange`'],
    ['URI', `${number(L.maxUriLength)} characters`, '`maxUriLength`'],
    ['path', `${number(L.maxPathLength)} characters`, '`maxPathLength`'],
    ['word', `${number(L.maxWordLength)} characters`, '`maxWordLength`'],
    ['grammar rule name', `${number(L.maxRuleLength)} characters`, '`maxRuleLength`'],
    ['nesting', `${L.maxDepth} levels`, '`maxDepth`, checked before any schema (structure-guard.ts)'],
    ['values in one request', number(L.maxValues), '`maxValues`, checked before any schema'],
    ['injected fault duration', `${number(L.maxFaultDurationMs)} ms`, '`maxFaultDurationMs`'],
  ];
  return [
    '## Size limits at the boundary',
    '',
    'Every renderer → host request passes `validateHostRequest` (main/core/boundary) before the host core sees it, over the',
    'WebSocket and over Electron IPC alike. These are the limits, read from the code when this page was rendered:',
    '',
    '| what | limit | where |',
    '|---|---|---|',
    ...rows.map(([what, limit, where]) => `| ${what} | ${limit} | ${where} |`),
    '',
  ];
}

/** The whole page for `suites` (sorted by their `suite` key). */
export function renderReliabilityPage(suites: readonly SuiteFigures[]): string {
  const ordered = [...suites].sort((a, b) => a.suite.localeCompare(b.suite, 'en', { numeric: true }));
  const lines = [
    '# Reliability: what the suites prove, with the figures of their last run',
    '',
    '<!-- Generated by test/reliability/support/report.ts from test/reliability/figures/*.json. Do not edit:',
    '     every suite under test/reliability/ records its figures when it runs (npm test), and',
    '     `node scripts/reliability-report.mjs` renders this page again from the last recorded ones. -->',
    '',
    'Each suite below runs in `npm test`: in the unit project, or, where its assertions are about time, in the timing',
    'project that runs alone after it (`TIMING_TESTS` in vitest.config.ts). The figures are what the suite measured on',
    'its last whole run, on the date and Node version it names; they are not targets: where a bound is asserted, the',
    '"asserted" column says which. A case that found a bug stays in the suite: as `it.fails` while the bug is open',
    '(listed under its suite), as a plain test once it is fixed.',
    '',
    '| suite | headline |',
    '|---|---|',
    ...ordered.map((suite) => `| [${suite.title}](#${anchor(suite.title)}) | ${suite.figures.slice(0, 3).map((figure) => `${figure.label}: ${formatValue(figure)}`).join('; ')} |`),
    '',
  ];
  for (const suite of ordered) lines.push(...section(suite));
  lines.push(...referencedSection(), ...limitsSection());
  return `${lines.join('\n').trimEnd()}\n`;
}

function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replaceAll(' ', '-');
}
