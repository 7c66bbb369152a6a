/**
 * The grammar task's state: its copy of the document, a cache of harper's lints by paragraph
 * text, and the per-rule ignore. A check lints only paragraphs whose text is not cached, visible
 * ones first, and stops between paragraphs when cancelled or superseded by a newer version; what
 * it linted stays cached, so the next check carries on where it stopped.
 */
import type { SharedDocumentReader } from '../../common/shared-document/document-reader.ts';
import type { GrammarEvents, GrammarIssue, GrammarResult, GrammarWarmUpReport } from '../../common/task-api.ts';
import { createPacer } from '../text/cooperative.ts';
import type { DocumentNotice, OpenNotice } from '../text/requests.ts';
import { TaskDocument } from '../text/task-document.ts';
import { clampRange, DEFAULT_LIMITS, planCheck, type GrammarLimits } from './check-plan.ts';
import type { HarperLint, ParagraphLinter } from './harper-linter.ts';
import { LruCache } from './lru-cache.ts';
import type { TextUnit } from './paragraphs.ts';
import type { CheckRequest } from './requests.ts';
import { shareOf } from './shard.ts';
import { warmUp } from './warm-up.ts';

export interface GrammarCheckerOptions {
  readonly linter: ParagraphLinter;
  readonly ignoredRules: readonly string[];
  readonly emitProgress: (payload: GrammarEvents['progress']) => void;
  readonly log: (line: string) => void;
  readonly limits?: Partial<GrammarLimits>;
  /** Paragraphs cached at most; about 8 per KB of a document, so the default covers 1 MB twice. */
  readonly cacheEntries?: number;
  /** Most UTF-16 units of paragraph text cached. */
  readonly cacheUnits?: number;
  /** Interval of `checking` progress events, ms; none for a check that ends sooner. */
  readonly progressIntervalMs?: number;
  /** The host's document, read in place, when the task runs in a thread or inline host. */
  readonly shared?: SharedDocumentReader;
}

/** Most issues one result carries: beyond that the list would cost more to send than to read. */
const MAX_ISSUES = 10_000;

export class GrammarChecker {
  private readonly document: TaskDocument;
  /** Bumped by every open and applied change: a check started before a bump is superseded. */
  private generation = 0;
  private ignored: ReadonlySet<string>;
  private readonly cache: LruCache<string, readonly HarperLint[]>;
  private readonly options: GrammarCheckerOptions;
  private readonly limits: GrammarLimits;
  /** Checks under way: a warm-up waits while there are any. */
  private activeChecks = 0;
  /** UTF-16 units of document text linted (cache misses), which warm harper as a warm-up does. */
  private lintedUnits = 0;
  private warming: Promise<GrammarWarmUpReport> | undefined;

  constructor(options: GrammarCheckerOptions) {
    this.options = options;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.ignored = new Set(options.ignoredRules);
    this.document = new TaskDocument(options.shared);
    this.cache = new LruCache({
      maxEntries: options.cacheEntries ?? 16_384,
      maxWeight: options.cacheUnits ?? 4 * 1024 * 1024,
      weigh: (key: string) => key.length,
    });
  }

  open(request: OpenNotice): void {
    this.document.open(request);
    this.generation += 1;
  }

  change(change: DocumentNotice): void {
    if (this.document.apply(change)) this.generation += 1;
  }

  setIgnoredRules(rules: readonly string[]): void {
    this.ignored = new Set(rules);
  }

  /**
   * Reads the document in place: the plan scans it, and only the units that miss the cache are
   * copied out (to be linted and kept as cache keys). Validated at the end: a result is never
   * built from a torn read.
   */
  async check(request: CheckRequest, signal: AbortSignal): Promise<GrammarResult> {
    this.activeChecks += 1;
    try {
      return await this.checkDocument(request, signal);
    } finally {
      this.activeChecks -= 1;
    }
  }

  /** Warms harper up once per host, between checks (warm-up.ts); later calls share the first's report. */
  warmUp(): Promise<GrammarWarmUpReport> {
    this.warming ??= warmUp({
      lint: (text) => this.options.linter.lint(text),
      busy: () => this.activeChecks > 0,
      lintedUnits: () => this.lintedUnits,
    });
    return this.warming;
  }

  private checkDocument(request: CheckRequest, signal: AbortSignal): Promise<GrammarResult> {
    return this.document.read('check', request.version, async (view) => {
      const { uri, version } = view;
      const whole = planCheck(view, clampRange(request.visible, view.length), this.limits);
      // A pool replica lints its share only (a contiguous run of equal length); the pool merges the shares.
      const plan = request.shard ? { ...whole, units: shareOf(whole.units, request.shard) } : whole;
      const generation = this.generation;
      const pacer = createPacer('grammar check', signal, () => this.generation !== generation || !view.isCurrent());
      const progress = this.progressReporter(uri, version, plan.units.length);
      const found = new Map<TextUnit, readonly HarperLint[]>();
      let linted = 0;
      const failures: string[] = [];
      for (const unit of plan.units) {
        const key = view.slice(unit.start, unit.end);
        let lints = this.cache.get(key);
        if (!lints) {
          await pacer.checkpoint();
          linted += 1;
          lints = await this.lintUnit(key, failures);
        }
        if (lints) found.set(unit, lints);
        progress(found.size + failures.length);
      }
      progress(plan.units.length, true);
      const { issues, truncated } = this.assemble(found);
      const degraded = [plan.degraded, failureNote(failures), truncated ? `Only the first ${MAX_ISSUES} issues are listed.` : undefined];
      const note = degraded.filter((part) => part !== undefined).join(' ');
      return {
        uri,
        version,
        issues,
        paragraphs: { total: plan.units.length, linted, cached: plan.units.length - linted },
        ...(note ? { degraded: note } : {}),
      };
    });
  }

  private async lintUnit(text: string, failures: string[]): Promise<readonly HarperLint[] | undefined> {
    try {
      this.lintedUnits += text.length;
      const lints = await this.options.linter.lint(text);
      // `text` was decoded from the buffer, a string of its own: caching it keeps nothing else alive.
      this.cache.set(text, lints);
      return lints;
    } catch (error) {
      // A harper failure costs that paragraph's lints, not the check: it is reported, not cached.
      const message = error instanceof Error ? error.message : String(error);
      if (failures.length === 0) this.options.log(`harper failed on a paragraph of ${text.length} characters: ${message}`);
      failures.push(message);
      return undefined;
    }
  }

  private assemble(found: ReadonlyMap<TextUnit, readonly HarperLint[]>): { issues: GrammarIssue[]; truncated: boolean } {
    const units = [...found.keys()].sort((a, b) => a.start - b.start);
    const issues: GrammarIssue[] = [];
    for (const unit of units) {
      for (const lint of found.get(unit) ?? []) {
        if (this.ignored.has(lint.rule)) continue;
        if (issues.length === MAX_ISSUES) return { issues, truncated: true };
        issues.push({ ...lint, start: unit.start + lint.start, end: unit.start + lint.end });
      }
    }
    return { issues, truncated: false };
  }

  /** Reports `checking` progress for a check that runs long enough to be worth a progress bar. */
  private progressReporter(uri: string, version: number, total: number): (done: number, final?: boolean) => void {
    const interval = this.options.progressIntervalMs ?? 200;
    let next = performance.now() + interval;
    let reported = false;
    return (done, final = false) => {
      const now = performance.now();
      if (final ? !reported : now < next) return;
      next = now + interval;
      reported = true;
      this.options.emitProgress({ uri, version, phase: 'checking', done, total });
    };
  }
}

function failureNote(failures: readonly string[]): string | undefined {
  if (failures.length === 0) return undefined;
  return `harper failed on ${failures.length} paragraph${failures.length === 1 ? '' : 's'} (${failures[0] ?? ''}); they are not checked.`;
}
