/**
 * One claim of The Lesson on screen, as a card: its title, its verdict, a "Measure again"
 * button, the claim's text, and the evidence: a one-line explanation and every measured figure,
 * or the progress of a measurement under way, or why it could not be measured. The verdict's
 * `data-verdict` is a `Verdict`, or `measuring`, `failed`, `unavailable` (some figures, no verdict possible here), `unmeasured`. A claim that samples
 * over time (single-core multiprocessing) also shows its timelines as charts.
 */
import type { ClaimId, ClaimResult, LessonFigure } from '../../../workers/common/lesson.ts';
import { localeFormat } from '../format/locale-format.ts';
import { formatFigure } from './lesson-format.ts';
import { drawTimeline } from './lesson-timeline.ts';

export interface Claim {
  readonly id: ClaimId;
  readonly title: string;
  readonly claim: string;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

function figureItem(figure: LessonFigure): HTMLLIElement {
  const item = element('li', 'lesson-figure');
  const value = element('strong', 'lesson-value', formatFigure(figure.value, figure.unit));
  value.dataset.value = String(figure.value);
  value.dataset.unit = figure.unit;
  item.append(`${figure.label}: `, value);
  if (figure.detail) item.append(element('span', 'lesson-detail', ` (${figure.detail})`));
  return item;
}

export class ClaimView {
  readonly claim: Claim;
  readonly againButton: HTMLButtonElement;
  private readonly verdict: HTMLElement;
  private readonly explanation: HTMLElement;
  private readonly figures: HTMLUListElement;
  private readonly when: HTMLElement;
  private readonly charts: HTMLElement;
  private destroyCharts: (() => void)[] = [];
  private result: ClaimResult | null = null;
  /** The result whose charts are on screen: showing it again keeps them. */
  private drawn: ClaimResult | null = null;

  constructor(list: HTMLElement, claim: Claim, onAgain: (id: ClaimId) => void) {
    this.claim = claim;
    const card = element('section', 'lesson-claim');
    card.dataset.claim = claim.id;
    card.setAttribute('aria-label', claim.title);
    const head = element('div', 'lesson-claim-head');
    this.verdict = element('span', 'lesson-verdict', 'not measured yet');
    this.verdict.dataset.verdict = 'unmeasured';
    this.againButton = element('button', 'lesson-again', 'Measure again');
    this.againButton.type = 'button';
    this.againButton.title = `Measure "${claim.title}" again, on its own`;
    this.againButton.addEventListener('click', () => onAgain(claim.id));
    head.append(element('h3', '', claim.title), this.verdict, this.againButton);
    this.explanation = element('p', 'lesson-explanation');
    this.explanation.setAttribute('aria-live', 'polite');
    this.figures = element('ul', 'lesson-figures');
    this.when = element('p', 'lesson-status');
    this.charts = element('div', 'lesson-timelines');
    card.append(head, element('p', 'lesson-claim-text', claim.claim), this.explanation, this.figures, this.charts, this.when);
    list.append(card);
  }

  /** A measurement of this claim is under way (or waiting its turn); the last figures stay. */
  progress(fraction: number, label: string): void {
    this.verdict.dataset.verdict = 'measuring';
    this.verdict.textContent = fraction > 0 ? `measuring ${Math.round(fraction * 100)}%` : 'measuring';
    this.explanation.textContent = `Measuring: ${label}…`;
  }

  /** Shows a result: the verdict, its explanation and every figure, or why it was not measured. */
  show(result: ClaimResult): void {
    this.result = result;
    // Figures without a verdict: measured in part, the rest impossible here (the explanation says why).
    const partial = result.verdict === null && result.figures.length > 0;
    this.verdict.dataset.verdict = result.verdict ?? (partial ? 'unavailable' : 'failed');
    this.verdict.textContent = result.verdict ?? (partial ? 'not measurable here' : 'not measured');
    this.explanation.textContent = result.explanation;
    this.figures.replaceChildren(...result.figures.map(figureItem));
    if (result !== this.drawn) this.drawCharts(result);
    this.when.textContent = `Measured at ${localeFormat.time(new Date(result.measuredAt))} in ${localeFormat.seconds(result.durationMs)}.`;
  }

  private drawCharts(result: ClaimResult): void {
    for (const destroy of this.destroyCharts.splice(0)) destroy();
    this.charts.replaceChildren();
    this.drawn = result;
    (result.timelines ?? []).forEach((timeline, index) => this.destroyCharts.push(drawTimeline(this.charts, timeline, index)));
  }

  /** The measurement ended without a new result for this claim: back to what was shown before. */
  settle(note: string): void {
    if (this.result) {
      this.show(this.result);
      return;
    }
    this.verdict.dataset.verdict = 'unmeasured';
    this.verdict.textContent = 'not measured yet';
    this.explanation.textContent = note;
  }
}
