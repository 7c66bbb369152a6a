/**
 * What a benchmark run produces: measurements (one number each, with the distribution behind
 * it), the machine they came from, and how busy that machine was with other work meanwhile.
 */
import type { Summary } from './stats.ts';

export type Unit = 'ms' | '×' | 'MB' | '%' | 'count';

/** The isolation models of the Isolation menu, in table order: inline first, as the contrast. */
export const MODEL_COLUMNS = ['inline', 'threads', 'processes', 'mix'] as const;
export type ModelColumn = (typeof MODEL_COLUMNS)[number];

/** One number of one scenario: `row` is what was measured, `column` under which setting. */
export interface Measurement {
  readonly scenario: number;
  readonly row: string;
  readonly column: string;
  /** The figure the table shows and a budget checks; null when it could not be measured. */
  readonly value: number | null;
  readonly unit: Unit;
  readonly summary?: Summary;
  readonly note?: string;
}

export interface Scenario {
  readonly number: number;
  readonly title: string;
  /** What the scenario does, in one or two sentences, for the report. */
  readonly method: string;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    number: 1,
    title: 'Protocol overhead',
    method: 'Sequential no-op calls through the supervisor’s stable client to each task, taken in turn with raw round trips of a message of the same shape over a bare worker (postMessage), a bare fork (IPC, advanced serialization) and, for inline, a bare MessageChannel; the ratio is per task, against the bare channel of its host kind, and the worst task counts. The budgeted figures are taken with the placement fixed alike for both sides (`taskset`: the host’s main thread on CPU 0, every far end, Forkpad’s and the bare ones, on the other cores), because on this VM a wake-up on the other core costs about 17 µs more than on the same one and the OS places each thread once, by chance; the same channels with the placement left to the OS are reported beside them as the control.',
  },
  {
    number: 2,
    title: 'Host stays responsive',
    method: 'The session opens a 200 KB Markdown document; event-loop delay of the host (lateness of a 10 ms timer, as the task monitor measures it) from the open until spelling and grammar results for it arrived.',
  },
  {
    number: 3,
    title: 'Incremental checking',
    method: 'Single-word replacements at spread-out places of the checked 200 KB document, each sent through the session, then spelling and grammar checks of that version asked for directly (no debounce); time from the edit to each result.',
  },
  {
    number: 4,
    title: 'Durability',
    method: 'One character every 1/15 s through the session (with its key event) into the 200 KB document; time from each edit to the keystroke task’s durable acknowledgement covering it.',
  },
  {
    number: 5,
    title: 'Typing in the browser',
    method: 'Keystrokes into Monaco in headless Chromium against the built web host while grammar checks a freshly opened 200 KB document; keydown Event Timing `duration` (reported by Chromium only from 16 ms up), and beside it keydown to the next frame for every key. The control, in the same run and browser: the same keys into the same document in Forkpad’s editor alone (the same Monaco build and options on a bare page: no host, tasks, preview or status bar), the floor under any figure Forkpad can reach.',
  },
  {
    number: 6,
    title: 'Parallel grammar',
    method: 'A full grammar check of a 200 KB document by N grammar task processes started through the public host API, checked as the app’s grammar pool checks it: every process holds the whole document and lints its shard (a contiguous run of paragraphs of equal text length), and the shares are merged; wall time of the check against N = 1. The control, in the same run: the same shards’ paragraphs linted by harper.js alone in N bare Node processes (no Forkpad), forked and timed the same way, whose speedup is the machine’s ceiling.',
  },
  {
    number: 7,
    title: 'Start-up',
    method: 'The built web host started with a fresh data folder and the model under test; Chromium opens the page as soon as the host prints its URL. Page navigation to a typed key landing in Monaco; host spawn to the fourth task reporting ready.',
  },
  {
    number: 8,
    title: 'Switching',
    method: 'In the browser, all four tasks moved to another host kind through the Isolation menu while typing continues; time from the menu click to the host’s answer (new hosts started, primed and swapped in), and every typed key checked in Monaco, the host mirror and the journal.',
  },
  {
    number: 9,
    title: 'Memory',
    method: 'RSS and PSS (proportional set size: shared pages divided among the processes sharing them) added to the host and its task processes, idle (just started) and loaded (a 200 KB document opened and checked).',
  },
  {
    number: 10,
    title: 'Spelling suggestions',
    method: 'Pairs of (typed, intended) word from two corpora: real misspellings (the misspellings package, Wikipedia’s list of common English misspellings) and typing slips made deterministically from the 1,000 most frequent words of SUBTLEX-US (a neighbouring key, two letters swapped, a letter dropped or doubled; only slips that are not words). A hash of the typed word splits each corpus in halves: the ranker was tuned on one, and only the other, the report half, is asked here. Each typed word goes to Forkpad’s spellcheck task in a thread host (its `suggest`, over RPC, as the quick fix asks it), then to raw nspell with the same dictionary, then to harper.js’s spell check, in the same run; top-1 and top-5 are the shares whose intended word came first or among the first five (case ignored), and the time is per request, round trip included for Forkpad.',
  },
  {
    number: 11,
    title: 'The shared document',
    method: 'This process plays the session and holds the text in shared memory, as the host does; task hosts are started with the product’s own host kinds. Priming: a new spellcheck host is given a 200 KB and a 20 MB document (a thread attaches to the shared buffers, a process is sent a copy), the first start reported apart as the cold one. Memory: the whole host (this process and its task processes) with all four tasks started, idle (the control) and then holding the 20 MB document, per model. Own memory: what opening the 20 MB document adds to spellcheck’s and grammar’s own memory, in % of the document’s size (2 bytes a UTF-16 unit): a thread’s V8 heap, a process’s private memory (USS).',
},
];

export interface Contention {
  /** 1-minute load average at the end of the scenario. */
  readonly loadAverage: number;
  /** Share of all cores busy during the scenario, %. */
  readonly machineBusyPercent: number;
  /** Of that, what processes outside this benchmark used, % of all cores. */
  readonly othersPercent: number;
  readonly seconds: number;
}

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly chromium: string;
  readonly commit: string;
  readonly date: string;
}

export interface Verdict {
  readonly budget: string;
  readonly column: string;
  readonly measured: number | null;
  readonly limit: number;
  readonly unit: Unit;
  /** Met, or excused as machine-bound (see `machineBound`). */
  readonly passed: boolean;
  readonly why?: string;
  /**
   * Set when the budget was missed while the machine's own ceiling, measured in the same run
   * without Forkpad, is short of the limit too: the budget cannot be met on this machine.
   * `excused` when Forkpad reached `minShare` of that ceiling (then `passed` is true).
   */
  readonly machineBound?: { readonly ceiling: number; readonly share: number; readonly minShare: number; readonly excused: boolean };
}

export interface BenchRun {
  readonly mode: 'quick' | 'full';
  readonly machine: MachineInfo;
  readonly seconds: number;
  readonly measurements: readonly Measurement[];
  readonly contention: Readonly<Record<string, Contention>>;
  readonly verdicts: readonly Verdict[];
  readonly notes: readonly string[];
  /** How long each step of the run took, seconds. */
  readonly steps: readonly { readonly label: string; readonly seconds: number }[];
}

/** The measurement of `row` in `column` of a scenario, if the run made it. */
export function findMeasurement(measurements: readonly Measurement[], scenario: number, row: string, column: string): Measurement | undefined {
  return measurements.find((item) => item.scenario === scenario && item.row === row && item.column === column);
}
