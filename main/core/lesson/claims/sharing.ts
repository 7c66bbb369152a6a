/**
 * Accessing memory: what it takes to give a new host a 200 KB document, as the session primes a
 * host it starts, moves or restarts. A thread host attaches to the text already in shared memory
 * (it is sent the document's name and version, no text); a process host is sent a copy. Each
 * repetition starts a fresh spellcheck host of each kind, in alternating order, and times only the
 * priming: from asking the ready host to open the document to its answer. The bytes are counted
 * by the session's own link, as the monitor's Copied column counts them.
 */
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import { SharedDocumentWriter } from '../../../../workers/common/shared-document/document-writer.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import type { TaskId } from '../../../../workers/common/tasks.ts';
import type { ClaimMeasurement, LessonPlaces } from '../lesson-protocol.ts';
import { MeasuredHosts } from '../measured-hosts.ts';
import { judgeSharing, type Priming } from '../shared-memory-verdicts.ts';
import { median, round } from '../stats.ts';
import { describeSpread, throwIfCancelled, type ClaimContext } from './claim-context.ts';

const TASK = 'spellcheck';
const DOCUMENT_UNITS = 200 * 1024;
const DOCUMENT_LABEL = '200 KB';
const KINDS = ['thread', 'process'] as const;
export type Kind = (typeof KINDS)[number];

export interface PrimingSample {
  readonly ms: number;
  readonly bytes: number;
}

/**
 * Starts a fresh `task` host of `kind` and times only its priming with `text`: a thread host is
 * given the shared buffers and attaches; a process is sent a copy. Also the bench's (scenario 11).
 */
export async function primeNewHost(places: LessonPlaces, log: (line: string) => void, task: TaskId, kind: Kind, writer: SharedDocumentWriter, text: string): Promise<PrimingSample> {
  const hosts = new MeasuredHosts(places, log);
  try {
    const measured = await hosts.startHost(task, kind, kind === 'thread' ? writer.buffers : undefined);
    const started = performance.now();
    await measured.api.open({ uri: writer.uri, version: writer.version, text, path: null });
    return { ms: performance.now() - started, bytes: measured.copies.sinceStart };
  } finally {
    await hosts.stopAll();
  }
}

export async function measureSharing(context: ClaimContext): Promise<ClaimMeasurement> {
  const repetitions = context.scale === 'full' ? 5 : 3;
  const text = sampleDocument(DOCUMENT_UNITS, 13).slice(0, DOCUMENT_UNITS);
  const writer = new SharedDocumentWriter({ uri: 'lesson:sharing', version: 1, text });
  const samples: Record<Kind, PrimingSample[]> = { thread: [], process: [] };
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const order = repetition % 2 === 0 ? KINDS : [...KINDS].reverse();
    for (const kind of order) {
      throwIfCancelled(context.signal, 'sharing');
      context.progress((repetition + (kind === order[0] ? 0 : 0.5)) / repetitions, `a new ${kind} host gets the ${DOCUMENT_LABEL} document (${repetition + 1} of ${repetitions})`);
      samples[kind].push(await primeNewHost(context.places, context.log, TASK, kind, writer, text));
    }
  }
  const summary = (kind: Kind): Priming => ({ ms: median(samples[kind].map((sample) => sample.ms)), bytes: Math.max(...samples[kind].map((sample) => sample.bytes)) });
  const figures: LessonFigure[] = KINDS.flatMap((kind) => {
    const { ms, bytes } = summary(kind);
    return [
      { label: `${kind}: document bytes sent to a new host`, value: round(bytes / 1024), unit: 'KB' as const, detail: kind === 'thread' ? 'it attaches to the shared document' : `a copy of the ${DOCUMENT_LABEL} (UTF-16) text` },
      { label: `${kind}: time to give it the document`, value: round(ms), unit: 'ms' as const, detail: describeSpread(samples[kind].map((sample) => sample.ms), 'ms') },
    ];
  });
  return { ...judgeSharing(summary('thread'), summary('process'), DOCUMENT_LABEL), figures };
}
