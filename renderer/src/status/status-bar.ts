/**
 * The status bar: a fixed row of named segments whose text and tone change in place. Segments
 * are created once, so screen readers and tests find them at stable places (`data-segment`).
 */

export type SegmentId =
  | 'isolation'
  | 'save'
  | 'progress'
  | 'problems'
  | 'typing'
  | 'stats'
  | 'lag'
  | 'connection';

export type Tone = 'normal' | 'good' | 'warning' | 'error';

/** Left to right; the left group is about the app, the right group about the document. */
const LEFT: readonly SegmentId[] = ['isolation', 'save', 'progress', 'connection'];
const RIGHT: readonly SegmentId[] = ['problems', 'typing', 'stats', 'lag'];

export class StatusBar {
  readonly element: HTMLElement;
  private readonly segments = new Map<SegmentId, HTMLElement>();

  constructor(parent: HTMLElement) {
    this.element = document.createElement('footer');
    this.element.className = 'status-bar';
    // Not a live region: the host-lag and typing segments change every second, and a screen
    // reader would read them out endlessly. Announcements go through notices instead.
    this.element.setAttribute('aria-label', 'Status');
    // The segments sit in a row of fixed size inside the bar: a contained box that is not itself
    // a flex item of the window, so Chromium re-lays out only this row when a segment's text
    // changes (several do with every keystroke), not the whole window with its preview.
    const row = document.createElement('div');
    row.className = 'status-row';
    row.append(this.group('status-left', LEFT), this.group('status-right', RIGHT));
    this.element.append(row);
    parent.append(this.element);
  }

  /**
   * Sets a segment's text; an empty text hides it. Only what differs is written: several segments
   * change with every keystroke's answer, and each DOM write costs style and layout work in the
   * frame that should show the keystroke.
   */
  set(id: SegmentId, text: string, options: { title?: string; tone?: Tone } = {}): void {
    const segment = this.segments.get(id);
    if (!segment) return;
    if (segment.textContent !== text) segment.textContent = text;
    if (segment.hidden !== (text === '')) segment.hidden = text === '';
    const tone = options.tone ?? 'normal';
    if (segment.dataset.tone !== tone) segment.dataset.tone = tone;
    if (options.title === undefined) segment.removeAttribute('title');
    else if (segment.title !== options.title) segment.title = options.title;
  }

  /** Makes a segment a button (e.g. problems → next problem). */
  onClick(id: SegmentId, handler: () => void): void {
    const segment = this.segments.get(id);
    if (!segment) return;
    segment.tabIndex = 0;
    segment.setAttribute('role', 'button');
    segment.addEventListener('click', handler);
    segment.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        handler();
      }
    });
  }

  private group(className: string, ids: readonly SegmentId[]): HTMLElement {
    const group = document.createElement('div');
    group.className = className;
    for (const id of ids) {
      const segment = document.createElement('span');
      segment.className = 'status-segment';
      segment.dataset.segment = id;
      segment.hidden = true;
      this.segments.set(id, segment);
      group.append(segment);
    }
    return group;
  }
}
