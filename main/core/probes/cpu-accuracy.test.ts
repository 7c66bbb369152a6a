import { afterEach, describe, expect, it } from 'vitest';
import type { TaskSample } from '../../../workers/common/metrics.ts';
import { createProbeSupervisor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

/** Long enough for at least one whole 1 s probe interval inside the job, whatever the phase. */
const JOB_MS = 2_300;
/** Slack between a reading and the snapshot that carries it, ms. */
const SKEW_MS = 15;

interface Window {
  readonly from: number;
  readonly to: number;
  readonly sample: TaskSample;
}

/**
 * Runs one synchronous job of `duty` load in the render task. Returns the task's own CPU share
 * of the job (measured inside, at its end: the premise) and the probe's readings whose whole
 * interval lay inside the job: each was taken while the task could answer nothing, so only a
 * measurement from outside can produce it.
 */
async function readingsDuring(probe: ProbeSupervisor, duty: number): Promise<{ share: number; readings: TaskSample[] }> {
  const windows: Window[] = [];
  let previous: number | null = null;
  const stop = probe.supervisor.onMetrics((snapshot) => {
    const render = snapshot.tasks.find((task) => task.task === 'render');
    if (render && previous !== null) windows.push({ from: previous, to: snapshot.at, sample: render });
    previous = snapshot.at;
  });
  const job = await probe.probe().work({ ms: JOB_MS, duty, nice: -10 });
  stop();
  const inside = windows.filter((window) => window.from - SKEW_MS >= job.startedAt && window.to + SKEW_MS <= job.endedAt);
  return { share: job.cpuMs / job.wallMs, readings: inside.map((window) => window.sample) };
}

/**
 * The premise of each reading is a task that really ran at its duty: on a shared machine the OS
 * may withhold the core (other cgroups' load), and then the truth is not 100 % and the bound
 * does not apply. Such a run is repeated, at most three times; the bounds are never widened.
 */
async function measure(probe: ProbeSupervisor, duty: number): Promise<TaskSample[]> {
  const shares: number[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const { share, readings } = await readingsDuring(probe, duty);
    shares.push(share);
    if (Math.abs(share - duty) <= 0.05) return readings;
  }
  throw new Error(`The machine never let the task run at ${duty * 100} % of a core: it got ${shares.map((share) => (share * 100).toFixed(0)).join(', ')} %. Run this on a machine that is not saturated.`);
}

describe.each(['thread', 'process'] as const)('CPU %% of one core, measured from outside a %s', (kind) => {
  it('reads 85–115 % spinning, under 5 % idle and 40–60 % at half duty, inside one long job', async () => {
    current = createProbeSupervisor();
    await current.supervisor.start({ keystroke: 'inline', render: kind, spellcheck: 'inline', grammar: 'inline' });
    const loads = [
      { duty: 1, low: 85, high: 115 },
      { duty: 0, low: 0, high: 5 },
      { duty: 0.5, low: 40, high: 60 },
    ];
    for (const { duty, low, high } of loads) {
      const readings = await measure(current, duty);
      expect(readings.length, `duty ${duty}: whole probe intervals inside the job`).toBeGreaterThanOrEqual(1);
      for (const reading of readings) {
        expect(reading.state, 'a task inside a job is never ready').not.toBe('ready');
        expect(reading.cpuPercent, `duty ${duty}`).not.toBeNull();
        expect(reading.cpuPercent!, `duty ${duty}`).toBeGreaterThanOrEqual(low);
        expect(reading.cpuPercent!, `duty ${duty}`).toBeLessThanOrEqual(high);
      }
    }
  });
});
