/**
 * Warming a grammar host up. harper's first few KB in a host cost two to three times what later
 * text does (its code and linear memory warm up per host; docs/lesson.md, claim 5). A pool
 * replica lints only its share of each check, so each replica pays that price on its own share,
 * while a single host pays it once over the whole text: the pool lost much of its second core.
 * So the pool has each new replica lint `WARM_UP_TEXT` once, off the checks' path: a paragraph
 * at a time, only while no check is under way, and not at all once the host has linted as much
 * real text, which warms it as well.
 */
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import type { GrammarWarmUpReport } from '../../common/task-api.ts';
import { WARM_UP_TEXT } from './warm-up-text.ts';

/** How often a paused warm-up looks whether the check it gave way to has finished, ms. */
const BUSY_POLL_MS = 25;

export interface WarmUpTarget {
  /** Lints text for warmth only: its lints are dropped and nothing is cached. */
  lint(text: string): Promise<unknown>;
  /** True while a check is under way: the warm-up waits for it. */
  busy(): boolean;
  /** UTF-16 units of real document text the host has linted so far. */
  lintedUnits(): number;
}

/** The warm-up text's paragraphs, in the order they are linted. */
export function warmUpParagraphs(text: string = WARM_UP_TEXT): string[] {
  return text.split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph.length > 0);
}

export async function warmUp(target: WarmUpTarget, paragraphs: readonly string[] = warmUpParagraphs()): Promise<GrammarWarmUpReport> {
  const started = performance.now();
  const goal = paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
  let units = 0;
  let linted = 0;
  for (const paragraph of paragraphs) {
    // A paragraph of warm-up delays a check by its own lint at most (~0.1 s cold), never more.
    while (target.busy()) await delay(BUSY_POLL_MS);
    if (target.lintedUnits() + units >= goal) break;
    await target.lint(paragraph);
    units += paragraph.length;
    linted += 1;
    // A check that arrived meanwhile starts before the next paragraph.
    await nextTurn();
  }
  return { paragraphs: linted, units, ms: performance.now() - started };
}
