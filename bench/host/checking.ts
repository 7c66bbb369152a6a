/**
 * Scenarios 2 and 3, on one host core: a 200 KB document opened and checked from scratch while
 * the host's event loop is watched, then single-word edits, each checked at once.
 */
import { HostProbe } from '../../main/core/probes/host-probe.ts';
import type { OpenDocument } from '../../workers/common/host-api.ts';
import { splitBlocks } from '../../workers/tasks/grammar/paragraphs.ts';
import { ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { median, summarize } from '../stats.ts';
import type { BenchHost } from './bench-host.ts';

const FROM_SCRATCH_TIMEOUT_MS = 180_000;
const CHECK_TIMEOUT_MS = 30_000;

export interface FromScratch {
  readonly document: OpenDocument;
  readonly spellingMs: number;
  readonly grammarMs: number;
}

/**
 * Opens `name` (already in the workspace) and waits for its spelling and grammar results. The
 * probe, if given, is sampled by the caller: it sees exactly this window.
 */
export async function openAndCheck(host: BenchHost, name: string): Promise<FromScratch> {
  const started = performance.now();
  const document = await host.core.documents.open({ path: name, discardUnsaved: true });
  const forThis = (result: { uri: string; version: number }) => result.uri === document.uri && result.version === document.version;
  const [spelling, grammar] = await Promise.all([
    host.events.when('spelling', forThis, started, FROM_SCRATCH_TIMEOUT_MS),
    host.events.when('grammar', forThis, started, FROM_SCRATCH_TIMEOUT_MS),
  ]);
  return { document, spellingMs: spelling.at - started, grammarMs: grammar.at - started };
}

/** Scenario 2: from-scratch checks of each document while the host's event-loop delay is sampled. */
export async function measureFromScratch(host: BenchHost, column: string, documents: readonly { name: string; text: string }[], variant = ''): Promise<Measurement[]> {
  for (const document of documents) await host.addFile(document.name, document.text);
  // The product's own host probe: a 10 ms timer's lateness, as the task monitor shows it.
  const probe = new HostProbe();
  probe.sample();
  const runs: FromScratch[] = [];
  for (const document of documents) runs.push(await openAndCheck(host, document.name));
  const sample = probe.sample();
  probe.dispose();
  const note = `${documents.length} document(s) of ${Math.round((documents[0]?.text.length ?? 0) / 1024)} KB`;
  const row = (name: string, value: number, unit: Measurement['unit'] = 'ms'): Measurement => ({ scenario: 2, row: `${name}${variant}`, column, value, unit });
  return [
    { ...row(ROWS.hostDelayP99, sample.eventLoopDelay.p99), note },
    row('host event-loop delay max', sample.eventLoopDelay.max),
    ...(variant ? [] : [row('host event-loop utilization', Math.round((sample.eventLoopUtilization ?? Number.NaN) * 1000) / 10, '%')]),
    row('spelling result after open (from scratch)', median(runs.map((run) => run.spellingMs))),
    row('grammar result after open (from scratch)', median(runs.map((run) => run.grammarMs))),
  ];
}

const REPLACEMENTS = ['garden', 'recieve', 'quietly', 'teh', 'morning', 'definately', 'river', 'an apple', 'notebook', 'seperate'];

/** A word of a prose paragraph spread through the document: its offset and length. */
export function pickWord(text: string, edit: number): { offset: number; length: number } {
  const prose = splitBlocks(text).filter((block) => !block.code && block.end - block.start > 40 && /^[A-Za-z]/.test(text.slice(block.start, block.start + 1)));
  // A stride coprime with most paragraph counts walks the whole document, not one region.
  const block = prose[(edit * 7919) % prose.length];
  if (!block) throw new Error('the document has no prose paragraph to edit');
  const words = [...text.slice(block.start, block.end).matchAll(/[A-Za-z]{3,}/g)];
  const word = words[(edit * 31) % words.length];
  if (word?.index === undefined) throw new Error('a prose paragraph without words');
  return { offset: block.start + word.index, length: word[0].length };
}

/**
 * Scenario 3: each edit goes through the session (as Monaco's would); the spelling and grammar
 * checks of its version are then asked for directly through the supervisor's clients, so the
 * time is edit to result without the session's debounce. Edits follow one another faster than
 * that debounce, so the session's own checks wait until the end and do not overlap these.
 */
export async function measureIncremental(host: BenchHost, column: string, edits: number): Promise<Measurement[]> {
  const { session, supervisor } = host.core;
  if (!supervisor) throw new Error('the bench host has no supervisor');
  const spelling: number[] = [];
  const grammar: number[] = [];
  const linted: number[] = [];
  for (let edit = 0; edit < edits; edit++) {
    const target = pickWord(session.text, edit);
    const version = session.version + 1;
    const started = performance.now();
    session.change({ uri: session.uri, version, edits: [{ ...target, text: REPLACEMENTS[edit % REPLACEMENTS.length] ?? 'word' }], keys: [] });
    const options = { timeoutMs: CHECK_TIMEOUT_MS };
    const [spellMs, grammarResult] = await Promise.all([
      supervisor.client('spellcheck').check({ version }, options).then(() => performance.now() - started),
      supervisor.client('grammar').check({ version }, options).then((result) => ({ ms: performance.now() - started, linted: result.paragraphs.linted })),
    ]);
    spelling.push(spellMs);
    grammar.push(grammarResult.ms);
    linted.push(grammarResult.linted);
  }
  const relinted = linted.filter((count) => count !== 1).length;
  const note = `${edits} edits; ${relinted === 0 ? 'each re-linted exactly one paragraph' : `${relinted} edits re-linted other than one paragraph`}`;
  return [
    { scenario: 3, row: ROWS.spellP95, column, value: summarize(spelling).p95, unit: 'ms', summary: summarize(spelling), note },
    { scenario: 3, row: ROWS.grammarP95, column, value: summarize(grammar).p95, unit: 'ms', summary: summarize(grammar), note },
    { scenario: 3, row: 'spelling edit → result median', column, value: median(spelling), unit: 'ms' },
    { scenario: 3, row: 'grammar edit → result median', column, value: median(grammar), unit: 'ms' },
  ];
}
