/**
 * Debugging: the data race that shared memory makes possible, run for a fixed time. The runner
 * plays the session: it keeps rewriting a 200 KB shared document (race-writer.ts, the gap moves
 * every edit makes) while a render task in a worker thread reads it both without the seqlock and
 * through it (the Race fault of the task monitor, workers/entry/race-fault.ts). A read whose sum
 * of code units disagrees with the checksum published with the text is torn: a text that the
 * document never held at any moment.
 */
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import { SharedDocumentWriter } from '../../../../workers/common/shared-document/document-writer.ts';
import type { RaceCounts } from '../../../../workers/common/race-counts.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import { raceWriter } from '../../session/race-writer.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { MeasuredHosts } from '../measured-hosts.ts';
import { judgeDebugging } from '../shared-memory-verdicts.ts';
import { within, type ClaimContext } from './claim-context.ts';

const TASK = 'render';
const DOCUMENT_UNITS = 200 * 1024;

export async function measureDebugging(context: ClaimContext): Promise<ClaimMeasurement> {
  const durationMs = context.scale === 'full' ? 5_000 : 1_500;
  const text = sampleDocument(DOCUMENT_UNITS, 17).slice(0, DOCUMENT_UNITS);
  const writer = new SharedDocumentWriter({ uri: 'lesson:debugging', version: 1, text });
  const hosts = new MeasuredHosts(context.places, context.log);
  let last: RaceCounts | null = null;
  try {
    context.progress(0, 'starting a render task in a worker thread on the shared document');
    const measured = await hosts.startHost(TASK, 'thread', writer.buffers);
    await measured.api.open({ uri: writer.uri, version: writer.version, text, path: null });
    measured.onRace((counts) => {
      last = counts;
      context.progress(Math.min(0.95, counts.durationMs / durationMs), `racing: ${counts.tornReads} torn of ${counts.unlockedReads} unlocked reads`);
    });
    const writes = raceWriter(writer, durationMs);
    await within(Promise.all([measured.api.injectFault({ kind: 'race', durationMs }), writes]), durationMs + 20_000, 'the race');
  } finally {
    await hosts.stopAll();
  }
  const counts = last as RaceCounts | null;
  if (!counts) throw new Error('the task reported no tally of its race');
  const figures: LessonFigure[] = [
    { label: 'reads without the lock: torn', value: counts.tornReads, unit: 'reads', detail: `of ${counts.unlockedReads} reads of the ${DOCUMENT_UNITS / 1024} K-unit document in ${(durationMs / 1000).toFixed(1)} s` },
    { label: 'reads through the seqlock: torn', value: counts.lockedTorn, unit: 'reads', detail: `of ${counts.lockedReads}; ${counts.lockedRetries} overlapped a write and were made again` },
  ];
  const judged = judgeDebugging({ seconds: durationMs / 1000, unlockedReads: counts.unlockedReads, tornReads: counts.tornReads, lockedReads: counts.lockedReads, lockedTorn: counts.lockedTorn });
  return { ...judged, figures };
}
