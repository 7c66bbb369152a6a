/** A fault report as one sentence: what happened, its blast radius and the restart policy. */
import { formatMs } from './format.ts';
import { STALL_DELAY_MS, type FaultReport } from './fault-tracker.ts';
import { localeFormat } from '../format/locale-format.ts';

function list(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

function policyText(report: FaultReport, now: number): string {
  const policy = report.restartPolicy;
  if (!policy) return '';
  if (policy.gaveUp) return ` Restart policy: gave up after ${policy.crashesInWindow} crashes in ${policy.windowMs / 60_000} min; restart it by hand.`;
  const next = policy.nextRestartAt === null ? '' : policy.nextRestartAt > now ? `; next restart in ${formatMs(policy.nextRestartAt - now)}` : '; restarting';
  return ` Restart policy: ${policy.crashesInWindow} of ${policy.maxCrashes} crashes in ${policy.windowMs / 60_000} min${next}.`;
}

/** A race's tally: torn reads without the lock, none with it; why an inline race cannot tear. */
function raceText(report: FaultReport): string {
  const race = report.race;
  if (!race) return ' Racing: waiting for the first tally…';
  const count = (value: number) => localeFormat.count(value);
  const why = report.kind === 'inline' ? ' Inline, the task reads on the writer’s own thread: they take turns, so nothing can tear.' : '';
  return ` ${race.running ? 'Racing' : 'Raced'} on ${count(race.documentLength)} units for ${localeFormat.seconds(race.durationMs)}: ${count(race.tornReads)} torn of ${count(race.unlockedReads)} reads without the seqlock; ${count(race.lockedReads)} locked reads, ${count(race.lockedTorn)} torn, ${count(race.lockedRetries)} retried. No marker comes from a torn read.${why}`;
}

export function describeFault(report: FaultReport, now: number = Date.now()): string {
  const what = report.cause === 'crash (observed)' ? `${report.task} (${report.kind}) crashed` : `Injected ${report.cause} into ${report.task} (${report.kind})`;
  const stall = report.mainThreadStallMs >= STALL_DELAY_MS ? ` The host's main thread was blocked for ${formatMs(report.mainThreadStallMs)}.` : '';
  if (report.cause === 'race') return `${what}.${raceText(report)}${report.watching ? ' (watching…)' : ''}`;
  return `${what}. Went down: ${list(report.wentDown)}. Stalled: ${list(report.stalled)}. Others unaffected: ${list(report.unaffected)}.${stall}${policyText(report, now)}${report.watching ? ' (watching…)' : ''}`;
}
