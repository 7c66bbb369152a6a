/**
 * Forkpad's performance budgets (issue 7). A budget
 * holds for the thread, process and notes'-mix models; inline is measured beside them as the
 * contrast and has no budget. A budget that was not measured fails: silence is not a pass.
 */
import type { Unit } from './results.ts';

export interface Budget {
  readonly id: string;
  readonly scenario: number;
  /** The measurement row it checks. */
  readonly row: string;
  readonly columns: readonly string[];
  readonly comparison: '<=' | '>=';
  readonly limit: number;
  readonly unit: Unit;
  /** What the number means for a person using Forkpad. */
  readonly meaning: string;
  /**
   * A control measured in the same run that says what the machine itself allows, without
   * Forkpad (scenario 6: bare harper.js processes on the same shards; scenario 5: Monaco alone).
   * When that bound (a ceiling for a `>=` budget, a floor for a `<=` one) is itself short of the
   * limit, the budget cannot be met on this machine; a miss is then excused as machine-bound,
   * never silently, if Forkpad reached `minShare` of it.
   */
  /**
   * Bare controls measured in the same run, named in a miss's verdict so that it says whether the
   * machine or Forkpad is slow. They never excuse a miss (scenario 7: a blank page's load, and
   * Forkpad's editor alone from load to a typed key, each in a fresh profile).
   */
  readonly controls?: readonly { readonly row: string; readonly column: string; readonly label: string }[];
  readonly ceiling?: {
    readonly row: string;
    readonly minShare: number;
    readonly otherWorkRow?: string;
    /** The control's column, when one control serves every column (else the verdict's own). */
    readonly column?: string;
    /** A finer row shown for both sides in the verdict (scenario 5: the count of slow keys). */
    readonly detailRow?: string;
    /**
     * How far past the limit the bound must be before the machine counts as able to meet it, as a
     * fraction: the bound's own run-to-run spread. A bound measured once is that uncertain, and
     * within it a miss says nothing about Forkpad.
     */
    readonly margin?: number;
  };
}

/** The machine's bound for a budget: the most a `>=` budget can reach, the least a `<=` one can. */
export function boundName(budget: Pick<Budget, 'comparison'>): 'ceiling' | 'floor' {
  return budget.comparison === '>=' ? 'ceiling' : 'floor';
}

/**
 * The run-to-run spread of the bare harper ceiling on this kind of machine: 1.57–1.75× over a
 * dozen runs on one quiet 2-core VM, about ±5% around its middle (Forkpad's pool in the same
 * runs: 1.57–1.72×; docs/performance.md).
 */
export const POOL_CEILING_SPREAD = 0.05;

/** Scenario 5's control column: Forkpad's editor alone on a page, typed into the same way. */
export const BARE_MONACO = 'bare Monaco (no Forkpad)';

/** Scenario 7's control column: a blank page, and Forkpad's editor alone, each in a fresh profile. */
export const BARE_CONTROL = 'bare control (no Forkpad)';

const BUDGETED = ['threads', 'processes', 'mix'] as const;

export const ROWS = {
  protocolRatio: 'Forkpad ÷ raw round trip, median (worst host kind)',
  hostDelayP99: 'host event-loop delay p99',
  spellP95: 'spelling edit → result p95',
  grammarP95: 'grammar edit → result p95',
  durableP95: 'edit → durable ack p95',
  keydownP95: 'keydown Event Timing duration p95',
  keydownsOver: 'keydowns over 16 ms (Event Timing)',
  poolSpeedup: 'speedup over 1 process',
  bareCeiling: 'bare harper.js speedup over 1 process, no Forkpad (the machine’s ceiling), median',
  poolOtherWork: 'other work on the machine during pool and control, share of all cores',
  typingReady: 'page load → typed key in the editor',
  blankPageLoad: 'blank page: load event',
  tasksReady: 'host start → all four tasks ready',
  switchReady: 'switch → new hosts ready',
  keysLost: 'keystrokes lost',
  spellcheckHeldMemory: 'spellcheck: memory added by opening the 20 MB document, % of its size',
  grammarHeldMemory: 'grammar: memory added by opening the 20 MB document, % of its size',
} as const;

export const BUDGETS: readonly Budget[] = [
  {
    id: 'protocol-overhead',
    scenario: 1,
    row: ROWS.protocolRatio,
    columns: BUDGETED,
    comparison: '<=',
    limit: 1.5,
    unit: '×',
    meaning: 'Forkpad’s typed RPC (ids, timeouts, cancellation, re-sending, metering) may cost at most half again the bare channel it runs on.',
  },
  {
    id: 'host-responsive',
    scenario: 2,
    row: ROWS.hostDelayP99,
    columns: BUDGETED,
    comparison: '<=',
    limit: 10,
    unit: 'ms',
    meaning: 'While a large document is checked from scratch, the host still answers the editor within well under a frame: checking happens off its main thread.',
  },
  {
    id: 'incremental-spelling',
    scenario: 3,
    row: ROWS.spellP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 30,
    unit: 'ms',
    meaning: 'A corrected or new misspelling shows within two frames of the check starting.',
  },
  {
    id: 'incremental-grammar',
    scenario: 3,
    row: ROWS.grammarP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 150,
    unit: 'ms',
    meaning: 'Grammar re-checks only the changed paragraph: a result within the blink of an eye after the debounce.',
  },
  {
    id: 'durability',
    scenario: 4,
    row: ROWS.durableP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 150,
    unit: 'ms',
    meaning: 'At a brisk 15 keys/s, every keystroke is fsync’d to the journal within 150 ms: a crash loses at most the last couple of keys.',
  },
  {
    id: 'browser-typing',
    scenario: 5,
    row: ROWS.keydownP95,
    columns: BUDGETED,
    comparison: '<=',
    limit: 16,
    unit: 'ms',
    meaning:
      'A key press is handled and painted within one 60 Hz frame (16.7 ms) for 95% of keys, even while grammar works on a large document. ' +
      'Beside it the run types the same keys into Forkpad’s editor alone (the same Monaco build, options and document, no host, tasks, preview or status bar): the floor this browser and machine allow any Monaco-based editor. ' +
      'If that floor misses 16 ms too, the budget cannot be met here: the verdict says MACHINE-BOUND with both numbers, and counts as no regression only while Forkpad is no slower than Monaco alone.',
    ceiling: { row: ROWS.keydownP95, column: BARE_MONACO, minShare: 1, detailRow: ROWS.keydownsOver },
  },
  {
    id: 'parallel-grammar',
    scenario: 6,
    row: ROWS.poolSpeedup,
    columns: ['2 processes'],
    comparison: '>=',
    limit: 1.7,
    unit: '×',
    meaning:
      'The notes’ “more cores, more multiprocessing”: two grammar processes on two cores check a document at least 1.7 times as fast as one. ' +
      'Beside it the run measures the machine’s own ceiling: the same paragraphs linted by harper.js alone in bare Node processes, forked and timed the same way. ' +
      'If that ceiling is below 1.7×, or above it by less than its own run-to-run spread (5% here), the budget cannot be met (or not reliably) on this machine: the verdict says MACHINE-BOUND with both numbers, and counts as no regression only while Forkpad reaches at least 90% of the ceiling; below that, or with a ceiling clearly above 1.7×, a miss is Forkpad’s own.',
    ceiling: { row: ROWS.bareCeiling, minShare: 0.9, otherWorkRow: ROWS.poolOtherWork, margin: POOL_CEILING_SPREAD },
  },
  {
    id: 'startup-typing',
    scenario: 7,
    row: ROWS.typingReady,
    columns: BUDGETED,
    comparison: '<=',
    limit: 1000,
    unit: 'ms',
    meaning:
      'The editor takes typing within a second of the page loading, whatever the tasks are still doing: the first load after a build, in a fresh browser profile (nothing cached), as a new user meets it. ' +
      'Beside it the run measures, in fresh profiles too, a blank page’s load and Forkpad’s editor alone (bare Monaco, the same build and options) from load to a typed key; a miss names both, and is never excused by them.',
    controls: [
      { row: ROWS.blankPageLoad, column: BARE_CONTROL, label: 'a blank page loads in' },
      { row: ROWS.typingReady, column: BARE_CONTROL, label: 'bare Monaco takes a typed key after' },
    ],
  },
  {
    id: 'startup-tasks',
    scenario: 7,
    row: ROWS.tasksReady,
    columns: BUDGETED,
    comparison: '<=',
    limit: 2500,
    unit: 'ms',
    meaning: 'Spelling, grammar, preview and the journal all work within 2.5 s of starting Forkpad.',
  },
  {
    id: 'switching-ready',
    scenario: 8,
    row: ROWS.switchReady,
    columns: BUDGETED,
    comparison: '<=',
    limit: 2000,
    unit: 'ms',
    meaning: 'Moving all four tasks to another host kind completes within 2 s while the user keeps typing.',
  },
  {
    id: 'shared-document-heap-spellcheck',
    scenario: 11,
    row: ROWS.spellcheckHeldMemory,
    columns: ['thread'],
    comparison: '<=',
    limit: 10,
    unit: '%',
    meaning: 'A spellcheck thread reads the document in shared memory: opening 20 MB grows its V8 heap by under a tenth of that (a process, beside it, holds a whole copy).',
  },
  {
    id: 'shared-document-heap-grammar',
    scenario: 11,
    row: ROWS.grammarHeldMemory,
    columns: ['thread'],
    comparison: '<=',
    limit: 10,
    unit: '%',
    meaning: 'A grammar thread reads the document in shared memory too: opening 20 MB grows its V8 heap by under a tenth of that.',
  },
  {
    id: 'switching-lossless',
    scenario: 8,
    row: ROWS.keysLost,
    columns: BUDGETED,
    comparison: '<=',
    limit: 0,
    unit: 'count',
    meaning: 'No keystroke is lost by a switch: the editor, the host’s mirror and the journal all end with every key typed.',
  },
];
