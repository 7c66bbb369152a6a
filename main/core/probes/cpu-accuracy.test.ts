import { afterEach, describe, expect, it } from 'vitest';
import { createProbeSupervisor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';
import type { WorkResult } from '../../../test/fixtures/probe-task.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

/** Long enough for at least one whole 1 s probe interval inside the job, whatever the phase. */
const JOB_MS = 2_300;
/** Slack between a reading and the snapshot that carries it, ms. */
const SKEW_MS = 15;
/** How far a reading may stray from the task's own clock over the same window, in points. */
const AGREEMENT_POINTS = 10;

interface Reading {
  /** The probe's CPU %, measured from outside. */
  readonly percent: number;
  /** The task's own CPU share over the same window, from its timeline. */
  readonly truth: number;
}

/** The task's own CPU share between the timeline points nearest `from` and `to`. */
function truthOver(timeline: WorkResult['timeline'], from: number, to: number): number {
  const nearest = (at: number) => timeline.reduce((best, point) => (Math.abs(point[0] - at) < Math.abs(best[0] - at) ? point : best));
  const [startAt, startCpu] = nearest(from);
  const [endAt, endCpu] = nearest(to);
  return (endCpu - startCpu) / (endAt - startAt);
}

/**
 * Runs one synchronous job of `duty` load in the render task and returns the probe's readings
 * whose whole interval lay inside the job, each beside the task's own share over that window.
 * Each was taken while the task could answer nothing, so only a measurement from outside can
 * produce it.
 */
async function readingsDuring(probe: ProbeSupervisor, duty: number): Promise<Reading[]> {
  const windows: { from: number; to: number; percent: number | null; state: string }[] = [];
  let previous: number | null = null;
  const stop = probe.supervisor.onMetrics((snapshot) => {
    const render = snapshot.tasks.find((task) => task.task === 'render');
    if (render && previous !== null) windows.push({ from: previous, to: snapshot.at, percent: render.cpuPercent, state: render.state });
    previous = snapshot.at;
  });
  const job = await probe.probe().work({ ms: JOB_MS, duty, nice: -10 });
  stop();
  return windows
    .filter((window) => window.from - SKEW_MS >= job.startedAt && window.to + SKEW_MS <= job.endedAt)
    .map((window) => {
      expect(window.state, 'a task inside a job is never ready').not.toBe('ready');
      expect(window.percent, 'a reading inside the job').not.toBeNull();
      return { percent: window.percent ?? Number.NaN, truth: truthOver(job.timeline, window.from, window.to) };
    });
}

/**
 * Every reading must agree with the task's own clock. The stated bounds are about a task that
 * runs at its duty; on a shared machine the OS may withhold the core (other cgroups' load), and
 * a window where the task did not get it is not such a task. So the bounds are checked on every
 * window where it did, and a load is repeated (at most three times) until there is one; they are
 * never widened.
 */
async function measure(probe: ProbeSupervisor, duty: number, low: number, high: number): Promise<string | null> {
  const shares: string[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const readings = await readingsDuring(probe, duty);
    expect(readings.length, `duty ${duty}: whole probe intervals inside the job`).toBeGreaterThanOrEqual(1);
    for (const { percent, truth } of readings) expect(Math.abs(percent - truth * 100), `duty ${duty}: reading ${percent} vs own ${truth * 100}`).toBeLessThanOrEqual(AGREEMENT_POINTS);
    const atDuty = readings.filter(({ truth }) => Math.abs(truth - duty) <= 0.05);
    for (const { percent } of atDuty) {
      expect(percent, `duty ${duty}`).toBeGreaterThanOrEqual(low);
      expect(percent, `duty ${duty}`).toBeLessThanOrEqual(high);
    }
    if (atDuty.length > 0) return null;
    shares.push(...readings.map(({ truth }) => (truth * 100).toFixed(0)));
  }
  // Every reading above still had to agree with the task's own clock; only the stated bounds,
  // which presume the task got its duty, could not be judged.
  return `the machine never let the task run at ${duty * 100} % of a core for a whole interval (it got ${shares.join(', ')} %), so the ${low}–${high} % bounds could not be judged; every reading agreed with the task's own CPU clock within ${AGREEMENT_POINTS} points`;
}

describe.each(['thread', 'process'] as const)('CPU of a %s task in percent of one core, measured from outside', (kind) => {
  it('reads 85–115 % spinning, under 5 % idle and 40–60 % at half duty, inside one long job', async (context) => {
    current = createProbeSupervisor();
    await current.supervisor.start({ keystroke: 'inline', render: kind, spellcheck: 'inline', grammar: 'inline' });
    const unjudged = [await measure(current, 1, 85, 115), await measure(current, 0, 0, 5), await measure(current, 0.5, 40, 60)].filter((note) => note !== null);
    // A saturated machine (another cgroup's load) is reported as a skip that says so, loudly.
    if (unjudged.length > 0) context.skip(`Saturated machine: ${unjudged.join('; ')}`);
  });
});
