/**
 * Fills the status bar from the host's events: isolation model, typing stats, counts, problems,
 * save state, task progress and the host-lag indicator.
 */
import type { DocumentStats } from '../../../workers/common/document.ts';
import type { DocumentState } from '../../../workers/common/host-api.ts';
import type { MetricsSnapshot } from '../../../workers/common/metrics.ts';
import type { GrammarEvents, TypingStats } from '../../../workers/common/task-api.ts';
import { PRESETS, presetOf, TASK_IDS, type IsolationModel } from '../../../workers/common/tasks.ts';
import type { StatusBar } from './status-bar.ts';
import type { WatchdogReading } from './host-watchdog.ts';
import { localeFormat } from '../format/locale-format.ts';

/** Event-loop delay (p95 of the last interval) above which the host counts as lagging / blocked. */
const LAG_WARNING_MS = 50;
const LAG_BLOCKED_MS = 200;
/** Share of the interval the host's event loop was busy above which lagging counts as blocked. */
const SATURATED_UTILIZATION = 0.9;

const plural = (count: number, noun: string) => `${localeFormat.count(count)} ${noun}${count === 1 ? '' : 's'}`;

export function formatStats(stats: DocumentStats): string {
  return `${plural(stats.lines, 'line')} · ${plural(stats.words, 'word')} · ${plural(stats.characters, 'character')}`;
}

export function describeModel(model: IsolationModel): string {
  const preset = presetOf(model);
  if (preset) return PRESETS.find((candidate) => candidate.id === preset)?.label ?? preset;
  return `Custom: ${TASK_IDS.map((task) => `${task} ${model[task]}`).join(', ')}`;
}

export class StatusController {
  private readonly bar: StatusBar;
  private blocked: WatchdogReading | null = null;
  private metrics: MetricsSnapshot | null = null;

  constructor(bar: StatusBar) {
    this.bar = bar;
    bar.set('lag', 'Host: measuring', { title: 'Host event-loop delay' });
  }

  isolation(model: IsolationModel): void {
    this.bar.set('isolation', describeModel(model), {
      title: `Isolation model: ${TASK_IDS.map((task) => `${task} → ${model[task]}`).join('; ')}`,
    });
  }

  stats(stats: DocumentStats, version: number): void {
    this.bar.set('stats', formatStats(stats), { title: `Counted by the host's mirror at version ${version}` });
  }

  typing(stats: TypingStats): void {
    const ack = stats.ackLatency ? `keydown→durable p50 ${localeFormat.milliseconds(stats.ackLatency.p50)}, p95 ${localeFormat.milliseconds(stats.ackLatency.p95)}` : 'ack latency: measuring';
    this.bar.set('typing', `${localeFormat.count(stats.wordsPerMinute)} WPM · ${plural(stats.keystrokes, 'keystroke')}`, {
      title: `Burst ${localeFormat.count(stats.burst)} keys; backspace ratio ${localeFormat.percent(stats.backspaceRatio)}; ${ack}`,
    });
  }

  problems(counts: { spelling: number; grammar: number }): void {
    const total = counts.spelling + counts.grammar;
    this.bar.set('problems', `Spelling ${counts.spelling} · Grammar ${counts.grammar}`, {
      tone: total > 0 ? 'warning' : 'normal',
      title: total > 0 ? 'Go to the next problem (F8)' : 'No problems',
    });
  }

  save(state: DocumentState, durableVersion: number | null): void {
    const journal = durableVersion === null ? '' : `; journaled through version ${durableVersion}`;
    this.bar.set('save', state.dirty ? 'Unsaved' : state.path === null ? 'Untitled' : 'Saved', {
      tone: state.dirty ? 'warning' : 'normal',
      title: `${state.path ?? 'Untitled'}${state.savedVersion === null ? '' : `, saved at version ${state.savedVersion}`}${journal}`,
    });
  }

  grammarProgress(progress: GrammarEvents['progress']): void {
    if (progress.done >= progress.total) return this.bar.set('progress', '');
    const percent = progress.total === 0 ? 0 : Math.floor((progress.done / progress.total) * 100);
    this.bar.set('progress', `Grammar: ${progress.phase} ${percent}%`, { title: `${progress.done} of ${progress.total}` });
  }

  /** A task said it checks less than everything (large document), and why. */
  degraded(message: string | undefined): void {
    this.bar.set('progress', message ?? '', { tone: message ? 'warning' : 'normal', title: message ?? '' });
  }

  hostMetrics(snapshot: MetricsSnapshot): void {
    this.metrics = snapshot;
    this.paintLag();
  }

  watchdog(reading: WatchdogReading): void {
    this.blocked = reading.blocked ? reading : null;
    this.paintLag();
  }

  connectionLost(reason: string): void {
    this.bar.set('connection', 'Host disconnected', { tone: 'error', title: reason });
  }

  private paintLag(): void {
    if (this.blocked) {
      this.bar.set('lag', `Host blocked ${localeFormat.seconds(this.blocked.waitedMs)}`, {
        tone: 'error',
        title: 'The host has not answered a ping: its event loop is blocked (e.g. an inline task is busy or hung).',
      });
      return;
    }
    if (!this.metrics) return;
    const delay = this.metrics.host.eventLoopDelay;
    const utilization = this.metrics.host.eventLoopUtilization;
    // A host blocked in slices (an inline hang yields one turn per 100 ms) shows short delays but
    // a saturated loop: that is blocked too, as far as the user's keystrokes are concerned.
    const saturated = utilization !== null && utilization >= SATURATED_UTILIZATION && delay.p95 >= LAG_WARNING_MS;
    const tone = delay.p95 >= LAG_BLOCKED_MS || saturated ? 'error' : delay.p95 >= LAG_WARNING_MS ? 'warning' : 'good';
    this.bar.set('lag', `Host lag ${localeFormat.milliseconds(delay.p95)}`, {
      tone,
      title: `Host event-loop delay p50 ${localeFormat.milliseconds(delay.p50, 1)}, p95 ${localeFormat.milliseconds(delay.p95, 1)}, max ${localeFormat.milliseconds(delay.max)}${
        utilization === null ? '' : `; event loop busy ${localeFormat.percent(utilization)}`
      }`,
    });
  }
}
