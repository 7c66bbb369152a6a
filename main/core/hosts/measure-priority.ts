/**
 * Does lowering the background hosts' priority help? Run with
 * `node main/core/hosts/measure-priority.ts [rounds]` (Node 24). Each round starts a supervisor
 * under the notes' mix (keystroke and render in threads, spellcheck and grammar in processes),
 * checks a fresh 200 KB document from scratch in spellcheck and grammar, and meanwhile measures
 * the host's event-loop delay and the round trip of a keystroke-task call every 20 ms. Rounds
 * alternate which variant goes first, so drift in the machine's load hits both alike.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Client } from '../../../workers/common/rpc.ts';
import type { TaskApi } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import { sampleDocument } from '../../../workers/tasks/text/sample-document.ts';
import { loadRegisteredTask } from '../../../workers/tasks/registry.ts';
import { createTaskSupervisor } from '../supervisor/task-supervisor.ts';
import { sourceEntryPaths } from './entry-paths.ts';
import { BACKGROUND_NICE } from './host-priority.ts';

/** The files tasks load, found in node_modules (task-assets.ts needs Vite's `?asset`). */
const MODULES = resolve(import.meta.dirname, '../../../node_modules');
const ASSETS = {
  harperWasm: join(MODULES, 'harper.js/dist/harper_wasm_bg.wasm'),
  dictionaryAff: join(MODULES, 'dictionary-en/index.aff'),
  dictionaryDic: join(MODULES, 'dictionary-en/index.dic'),
};

interface Round {
  readonly loopP99: number;
  readonly keyP50: number;
  readonly keyP95: number;
  readonly grammarMs: number;
}

const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

async function round(seed: number, nice: number | null): Promise<Round> {
  const dir = await mkdtemp(join(tmpdir(), 'forkpad-priority-'));
  const text = sampleDocument(200 * 1024, seed);
  const uri = 'file:///priority.md';
  const supervisor = createTaskSupervisor({
    entries: sourceEntryPaths(),
    loadInline: loadRegisteredTask,
    primer: async <T extends TaskId>(task: T, api: Client<TaskApi<T>>) => {
      if (task !== 'keystroke') await (api as Client<TaskApi<'grammar'>>).open({ uri, version: 1, text, path: null });
    },
    dataDir: dir,
    assets: ASSETS,
    backgroundNice: nice,
    log: () => undefined,
  });
  try {
    await supervisor.start({ keystroke: 'thread', render: 'thread', spellcheck: 'process', grammar: 'process' });
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const keys: number[] = [];
    let checking = true;
    const typing = (async () => {
      while (checking) {
        const started = performance.now();
        await supervisor.client('keystroke').noop(null);
        keys.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    loop.enable();
    const started = performance.now();
    await Promise.all([supervisor.client('spellcheck').check({ version: 1 }), supervisor.client('grammar').check({ version: 1 }, { timeoutMs: 600_000 })]);
    const grammarMs = performance.now() - started;
    checking = false;
    loop.disable();
    await typing;
    return { loopP99: loop.percentile(99) / 1e6, keyP50: quantile(keys, 0.5), keyP95: quantile(keys, 0.95), grammarMs };
  } finally {
    await supervisor.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (values: readonly number[]) => quantile(values, 0.5);
const fmt = (value: number) => value.toFixed(1).padStart(8);

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const results = { normal: [] as Round[], lowered: [] as Round[] };
  for (let index = 0; index < rounds; index++) {
    const order: ('normal' | 'lowered')[] = index % 2 === 0 ? ['normal', 'lowered'] : ['lowered', 'normal'];
    for (const variant of order) {
      const result = await round(100 + index, variant === 'lowered' ? BACKGROUND_NICE : null);
      results[variant].push(result);
      console.log(`round ${index + 1} ${variant.padEnd(7)} loop p99 ${fmt(result.loopP99)} ms  key p50 ${fmt(result.keyP50)} p95 ${fmt(result.keyP95)} ms  checks ${fmt(result.grammarMs)} ms`);
    }
  }
  console.log(`\nmedians over ${rounds} round(s), load average ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  for (const variant of ['normal', 'lowered'] as const) {
    const runs = results[variant];
    console.log(`${variant.padEnd(7)} loop p99 ${fmt(median(runs.map((run) => run.loopP99)))} ms  key p50 ${fmt(median(runs.map((run) => run.keyP50)))} p95 ${fmt(median(runs.map((run) => run.keyP95)))} ms  checks ${fmt(median(runs.map((run) => run.grammarMs)))} ms`);
  }
}

await main();
