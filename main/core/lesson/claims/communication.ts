/**
 * Communication cost: the round trip of `echo` through the app's own RPC to a bare host (its
 * control methods answer before any task is loaded), for a small message and a 100 KB one, to a
 * worker thread (postMessage, structured clone) and to a process (fork IPC, advanced
 * serialization). Kinds and sizes take turns echo by echo, so load on the machine hits them alike.
 */
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { MeasuredHosts, type MeasuredHost } from '../measured-hosts.ts';
import { round, spread } from '../stats.ts';
import { judgeCommunication } from '../verdicts.ts';
import { describePercentiles, throwIfCancelled, type ClaimContext } from './claim-context.ts';

const LARGE_BYTES = 100 * 1024;
const LARGE_LABEL = '100 KB';
/** About the size of a keystroke's change message. */
const SMALL = 'a small message!';
const KINDS = ['thread', 'process'] as const;
const SIZES = ['small', 'large'] as const;

type Kind = (typeof KINDS)[number];
type Size = (typeof SIZES)[number];

async function roundTripUs(host: MeasuredHost<'keystroke'>, payload: string): Promise<number> {
  const started = performance.now();
  const answer = await host.control.echo(payload);
  const elapsed = performance.now() - started;
  if (answer.length !== payload.length) throw new Error(`${host.label} echoed ${answer.length} characters of ${payload.length}`);
  return elapsed * 1000;
}

export async function measureCommunication(context: ClaimContext): Promise<ClaimMeasurement> {
  const echoes = context.scale === 'full' ? 300 : 60;
  const warmUp = context.scale === 'full' ? 30 : 10;
  const large = sampleDocument(LARGE_BYTES * 2, 11).slice(0, LARGE_BYTES);
  const payloads: Record<Size, string> = { small: SMALL, large };
  const hosts = new MeasuredHosts(context.places, context.log);
  const samples: Record<Kind, Record<Size, number[]>> = { thread: { small: [], large: [] }, process: { small: [], large: [] } };
  try {
    context.progress(0, 'starting a thread and a process');
    const targets = { thread: hosts.spawnHost('keystroke', 'thread'), process: hosts.spawnHost('keystroke', 'process') };
    await Promise.all(KINDS.map((kind) => targets[kind].control.noop(null)));
    for (let index = -warmUp; index < echoes; index++) {
      if (index % 20 === 0) {
        throwIfCancelled(context.signal, 'communication');
        context.progress(Math.max(0, index) / echoes, `echo ${Math.max(0, index) + 1} of ${echoes} per kind and size`);
      }
      for (const size of SIZES) {
        for (const kind of KINDS) {
          const us = await roundTripUs(targets[kind], payloads[size]);
          if (index >= 0) samples[kind][size].push(us);
        }
      }
    }
  } finally {
    await hosts.stopAll();
  }
  const figures: LessonFigure[] = SIZES.flatMap((size) =>
    KINDS.map((kind) => {
      const summary = spread(samples[kind][size]);
      return {
        label: `${kind}, ${size === 'small' ? `small message (${SMALL.length} characters)` : `${LARGE_LABEL} message`}: round trip`,
        value: round(summary.p50),
        unit: 'µs' as const,
        detail: `median; ${describePercentiles(summary, 'µs')}`,
      };
    }),
  );
  const medians = (kind: Kind) => ({ small: spread(samples[kind].small).p50, large: spread(samples[kind].large).p50 });
  return { ...judgeCommunication(medians('thread'), medians('process'), LARGE_LABEL), figures };
}
