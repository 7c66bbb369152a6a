/**
 * How a grammar pool joins its replicas' shares into the one result a single host would give,
 * and their progress into one progress bar.
 */
import type { GrammarEvents, GrammarIssue, GrammarResult } from '../../../workers/common/task-api.ts';

/** The grammar task's own cap on a result's issues (grammar-checker.ts). */
export const MAX_POOLED_ISSUES = 10_000;

/**
 * Merges shares by offset. Each share lists its issues paragraph by paragraph in document order,
 * and paragraphs never overlap, so always taking the share whose next issue starts first keeps
 * every paragraph's issues in harper's own order: exactly the order of one whole check.
 */
function mergeIssues(shares: readonly (readonly GrammarIssue[])[]): { issues: GrammarIssue[]; truncated: boolean } {
  const heads = shares.map(() => 0);
  const issues: GrammarIssue[] = [];
  for (;;) {
    let best = -1;
    for (let share = 0; share < shares.length; share++) {
      const next = shares[share]?.[heads[share] ?? 0];
      if (next && (best < 0 || next.start < (shares[best]?.[heads[best] ?? 0]?.start ?? Infinity))) best = share;
    }
    if (best < 0) return { issues, truncated: false };
    if (issues.length === MAX_POOLED_ISSUES) return { issues, truncated: true };
    const issue = shares[best]?.[heads[best] ?? 0];
    if (issue) issues.push(issue);
    heads[best] = (heads[best] ?? 0) + 1;
  }
}

/**
 * One result from the replicas' shares. A replica answers with the version it holds, which may
 * be newer than the one asked for; shares of different versions cannot be joined by offset, so
 * the merged result carries the oldest version and is superseded by the check that the newer
 * change already scheduled.
 */
export function mergeGrammarResults(shares: readonly GrammarResult[]): GrammarResult {
  const first = shares[0];
  if (!first) throw new Error('a pooled grammar check needs at least one share');
  const version = Math.min(...shares.map((share) => share.version));
  const { issues, truncated } = mergeIssues(shares.map((share) => share.issues));
  const notes = new Set(shares.flatMap((share) => (share.degraded ? [share.degraded] : [])));
  if (truncated) notes.add(`Only the first ${MAX_POOLED_ISSUES} issues are listed.`);
  const sum = (pick: (paragraphs: GrammarResult['paragraphs']) => number) => shares.reduce((total, share) => total + pick(share.paragraphs), 0);
  return {
    uri: first.uri,
    version,
    issues,
    paragraphs: { total: sum((p) => p.total), linted: sum((p) => p.linted), cached: sum((p) => p.cached) },
    ...(notes.size > 0 ? { degraded: [...notes].join(' ') } : {}),
  };
}

type Progress = GrammarEvents['progress'];

/** Sums the replicas' latest `checking` progress for one document version into one event. */
export class ProgressCombiner {
  private readonly latest = new Map<number, Progress>();

  /** The event to emit for `replica`'s `progress`, or null when it adds nothing to show. */
  combine(replica: number, progress: Progress): Progress | null {
    // Loading is per host; the first replica's stands for the pool, as a single host's would.
    if (progress.phase === 'loading') return replica === 0 ? progress : null;
    this.latest.set(replica, progress);
    let done = 0;
    let total = 0;
    for (const other of this.latest.values()) {
      if (other.uri !== progress.uri || other.version !== progress.version) continue;
      done += other.done;
      total += other.total;
    }
    return { ...progress, done, total };
  }

  forget(replica: number): void {
    this.latest.delete(replica);
  }
}
