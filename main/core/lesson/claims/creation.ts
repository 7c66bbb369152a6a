/**
 * Creation time: from asking for a host to its first answer, for a worker thread and a process,
 * bare (its entry loaded and answering `noop`) and with a task loaded (spellcheck's `start`,
 * which reads the Hunspell dictionary). Kinds and states are interleaved round by round, and
 * which kind goes first alternates, so a burst of load on the machine hits all four alike and
 * neither kind always follows the teardown of a process.
 */
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { MeasuredHosts } from '../measured-hosts.ts';
import { median, round } from '../stats.ts';
import { judgeCreation } from '../verdicts.ts';
import { describeSpread, throwIfCancelled, type ClaimContext } from './claim-context.ts';

const TASK = 'spellcheck';
const KINDS = ['thread', 'process'] as const;
const STATES = ['bare', 'loaded'] as const;

type Kind = (typeof KINDS)[number];
type State = (typeof STATES)[number];

/** ms from spawning a host to its first answer (bare) or to its task being ready (loaded). */
async function readyTime(hosts: MeasuredHosts, kind: Kind, state: State): Promise<number> {
  const started = performance.now();
  const measured = hosts.spawnHost(TASK, kind);
  try {
    if (state === 'bare') await measured.control.noop(null);
    else await measured.start();
    return performance.now() - started;
  } finally {
    await measured.stop();
  }
}

export async function measureCreation(context: ClaimContext): Promise<ClaimMeasurement> {
  const rounds = context.scale === 'full' ? 7 : 2;
  const hosts = new MeasuredHosts(context.places, context.log);
  const samples: Record<Kind, Record<State, number[]>> = { thread: { bare: [], loaded: [] }, process: { bare: [], loaded: [] } };
  const steps = rounds * KINDS.length * STATES.length;
  let step = 0;
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const state of STATES) {
        for (const kind of round % 2 === 0 ? [...KINDS].reverse() : KINDS) {
          throwIfCancelled(context.signal, 'creation');
          context.progress(step++ / steps, `${kind}, ${state === 'bare' ? 'no task' : `${TASK} loaded`}: round ${round} of ${rounds}`);
          samples[kind][state].push(await readyTime(hosts, kind, state));
        }
      }
    }
  } finally {
    await hosts.stopAll();
  }
  const figure = (kind: Kind, state: State): LessonFigure => ({
    label: `${kind}, ${state === 'bare' ? 'no task: spawn to first answer' : `${TASK} loaded: spawn to ready`}`,
    value: round(median(samples[kind][state])),
    unit: 'ms',
    detail: describeSpread(samples[kind][state], 'ms'),
  });
  const figures = STATES.flatMap((state) => KINDS.map((kind) => figure(kind, state)));
  const times = (kind: Kind) => ({ bare: median(samples[kind].bare), loaded: median(samples[kind].loaded) });
  return { ...judgeCreation(times('thread'), times('process'), TASK), figures };
}
