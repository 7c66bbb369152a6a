/**
 * A benchmark child: the host core under one isolation model, through scenarios 1 to 4 and the
 * model's memory, in a fresh process so no model inherits another's threads, heap or caches.
 */
import { PRESETS, type PresetId } from '../../workers/common/tasks.ts';
import { sampleDocument } from '../../workers/tasks/text/sample-document.ts';
import { childParams, runChild, toParent } from '../child-protocol.ts';
import { ContentionMeter } from '../machine.ts';
import type { Measurement } from '../results.ts';
import { startBenchHost, type BenchHost } from './bench-host.ts';
import { measureFromScratch, measureIncremental } from './checking.ts';
import { measureDurability } from './durability.ts';
import { hostTreeMemory, megabytes, type MemoryTotals } from './memory.ts';
import { BACKGROUND_NICE, lowerBackgroundTasks, type PlacedTask } from './priority.ts';
import { measureProtocol, type ProtocolOptions } from './protocol.ts';
import type { TaskSupervisor } from '../../main/core/supervisor/supervisor-api.ts';
import type { MetricsSnapshot } from '../../workers/common/metrics.ts';

export interface ModelRunParams {
  readonly column: PresetId;
  readonly logFile: string;
  readonly rootPid: number;
  readonly documentKb: number;
  readonly fromScratchRuns: number;
  readonly edits: number;
  readonly keys: number;
  readonly protocol: ProtocolOptions;
  /** Check another document from scratch with the background tasks at a lower OS priority. */
  readonly priorityRun: boolean;
}

const params = childParams<ModelRunParams>();
const meter = new ContentionMeter(params.rootPid);

async function scenario(number: number, fraction: number, label: string, work: () => Promise<Measurement[]>, variant = ''): Promise<void> {
  toParent({ type: 'progress', fraction, label });
  await meter.begin();
  const items = await work();
  toParent({ type: 'contention', key: `${number}:${params.column}${variant}`, contention: await meter.end() });
  toParent({ type: 'measurements', items });
}

async function memoryReading(label: 'idle' | 'loaded', baseline: MemoryTotals): Promise<Measurement[]> {
  const { host, children, childCount } = await hostTreeMemory();
  const note = `${label}: host ${megabytes(host.rssBytes)} MB RSS + ${childCount} task process(es) ${megabytes(children.rssBytes)} MB RSS; the host without tasks had ${megabytes(baseline.rssBytes)} MB`;
  return [
    { scenario: 9, row: `whole model, ${label}: RSS added`, column: params.column, value: megabytes(host.rssBytes + children.rssBytes - baseline.rssBytes), unit: 'MB', note },
    { scenario: 9, row: `whole model, ${label}: PSS added`, column: params.column, value: megabytes(host.pssBytes + children.pssBytes - baseline.pssBytes), unit: 'MB' },
  ];
}

async function settle(): Promise<void> {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** Where each task runs, from the supervisor's probe (a thread's process is this one). */
async function placedTasks(supervisor: TaskSupervisor): Promise<PlacedTask[]> {
  const snapshot =
    supervisor.latestMetrics() ??
    (await new Promise<MetricsSnapshot>((resolve) => {
      const off = supervisor.onMetrics((next) => {
        off();
        resolve(next);
      });
    }));
  return snapshot.tasks.map((sample) => ({ task: sample.task, kind: sample.kind, pid: sample.kind === 'process' && sample.pid !== null ? sample.pid : process.pid }));
}

/**
 * Scenario 2 twice more on fresh documents, back to back: first as it is (the control, so the
 * comparison is not with a run made earlier in a colder process), then after lowering the
 * background tasks' priority.
 */
async function priorityRun(host: BenchHost, supervisor: TaskSupervisor): Promise<Measurement[]> {
  const fresh = (seed: number) => ({ name: `bench-priority-${seed}.md`, text: sampleDocument(params.documentKb * 1024, seed) });
  const control = await measureFromScratch(host, params.column, [fresh(50)], ', again at normal priority');
  const lowered = await lowerBackgroundTasks(await placedTasks(supervisor));
  if (lowered.length === 0) return control;
  toParent({ type: 'note', text: `${params.column}: lowered to nice ${BACKGROUND_NICE}: ${lowered.join(', ')}` });
  return [...control, ...(await measureFromScratch(host, params.column, [fresh(51)], `, background tasks at nice ${BACKGROUND_NICE}`))];
}

runChild(async () => {
  const preset = PRESETS.find((candidate) => candidate.id === params.column);
  if (!preset) throw new Error(`unknown model ${params.column}`);
  const baseline = (await hostTreeMemory()).host;
  toParent({ type: 'progress', fraction: 0, label: 'starting the four tasks' });
  const host: BenchHost = await startBenchHost(preset.model, params.logFile);
  const supervisor = host.core.supervisor;
  if (!supervisor) throw new Error('no supervisor');
  try {
    await settle();
    toParent({ type: 'measurements', items: await memoryReading('idle', baseline) });
    await scenario(1, 0.05, 'protocol overhead', () => measureProtocol(params.column, preset.model, supervisor, params.protocol));
    const documents = Array.from({ length: params.fromScratchRuns }, (_, index) => ({
      name: `bench-${index + 1}.md`,
      text: sampleDocument(params.documentKb * 1024, index + 1),
    }));
    await scenario(2, 0.1, 'checking 200 KB from scratch', () => measureFromScratch(host, params.column, documents));
    await settle();
    toParent({ type: 'measurements', items: await memoryReading('loaded', baseline) });
    await scenario(3, 0.6, 'single-word edits', () => measureIncremental(host, params.column, params.edits));
    await scenario(4, 0.75, 'typing at 15 keys/s', () => measureDurability(host, params.column, params.keys));
    if (params.priorityRun) await scenario(2, 0.85, 'from scratch, background tasks at lower priority', () => priorityRun(host, supervisor), ' (lower priority)');
    toParent({ type: 'progress', fraction: 1, label: 'stopping' });
  } finally {
    await host.dispose();
  }
});
