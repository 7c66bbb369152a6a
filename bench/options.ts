/**
 * The benchmark's command line and what each mode runs. The full run is the record (every
 * scenario under every model); `--quick` keeps every budget but with fewer samples, and leaves
 * out what only serves as contrast or detail (inline on the host side, memory per task).
 */
import { parseArgs } from 'node:util';
import type { PresetId } from '../workers/common/tasks.ts';

export interface Plan {
  readonly mode: 'quick' | 'full';
  /** Models the host-side scenarios (1–4, model memory) run under, in order. */
  readonly hostModels: readonly PresetId[];
  readonly protocol: { readonly warmup: number; readonly rounds: number };
  readonly documentKb: number;
  readonly fromScratchRuns: number;
  readonly edits: number;
  readonly durableKeys: number;
  /** Scenarios 2 and 5 once more with the background task hosts at a lower OS priority. */
  readonly priorityRuns: boolean;
  readonly poolRepeats: number;
  /** Per task and host kind (scenario 9's detail); the model totals are always measured. */
  readonly memoryPerTask: boolean;
  readonly startupModels: readonly PresetId[];
  readonly startupRepeats: number;
  readonly browserModels: readonly PresetId[];
  readonly browserKeys: number;
  /** Scenario 10: most pairs per corpus (all of the report half when absent). */
  readonly spellingPairs?: number;
  /** Scenario 11: priming repetitions after the cold first one. */
  readonly sharingRepeats: number;
}

export interface BenchOptions {
  readonly plan: Plan;
  readonly check: boolean;
  /** Scenario numbers to run (all when absent): for working on one scenario. */
  readonly only: ReadonlySet<number> | undefined;
}

export const FULL: Plan = {
  mode: 'full',
  hostModels: ['inline', 'threads', 'processes', 'mix'],
  protocol: { warmup: 300, rounds: 2000 },
  documentKb: 200,
  fromScratchRuns: 1,
  edits: 300,
  durableKeys: 150,
  priorityRuns: true,
  poolRepeats: 3,
  memoryPerTask: true,
  startupModels: ['inline', 'threads', 'processes', 'mix'],
  startupRepeats: 3,
  browserModels: ['inline', 'threads', 'processes', 'mix'],
  browserKeys: 500,
  sharingRepeats: 5,
};

export const QUICK: Plan = {
  mode: 'quick',
  hostModels: ['threads', 'processes', 'mix'],
  protocol: { warmup: 200, rounds: 600 },
  documentKb: 200,
  fromScratchRuns: 1,
  edits: 200,
  durableKeys: 30,
  priorityRuns: false,
  poolRepeats: 1,
  memoryPerTask: false,
  startupModels: ['threads', 'processes', 'mix'],
  startupRepeats: 1,
  browserModels: ['threads', 'processes', 'mix'],
  browserKeys: 120,
  spellingPairs: 400,
  sharingRepeats: 3,
};

/** Scenarios that `--only` also takes by name. */
const SCENARIO_NAMES: Readonly<Record<string, number>> = { spelling: 10, sharing: 11 };

export function usage(): string {
  return [
    'Usage: npm run bench [-- --quick] [-- --check] [-- --only 1,2,5,spelling,sharing]',
    '  --quick   every budget with fewer samples, under 2 minutes (inline contrast and per-task memory left out)',
    '  --check   exit with code 1 if any budget is missed, naming each',
    '  --only    run only these scenarios (numbers 1–11, spelling for 10, sharing for 11), e.g. while working on one',
  ].join('\n');
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions | { error: string } | { help: true } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { quick: { type: 'boolean' }, check: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  let only: Set<number> | undefined;
  if (values.only !== undefined) {
    only = new Set(values.only.split(',').map((part) => SCENARIO_NAMES[part.trim()] ?? Number(part.trim())));
    if ([...only].some((number) => !Number.isInteger(number) || number < 1 || number > 11)) return { error: `--only takes scenario numbers 1–11, "spelling" or "sharing", not "${values.only}"` };
  }
  return { plan: values.quick ? QUICK : FULL, check: values.check === true, only };
}
