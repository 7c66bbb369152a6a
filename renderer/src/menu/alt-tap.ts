/**
 * "Alt alone" as desktop menu bars read it: Alt pressed and released with no other key, click or
 * modifier in between. Alt+Shift (a keyboard-layout switch), Monaco's Alt+arrow and Alt+click
 * shortcuts, AltGr and a held Alt that leaves the window are not a tap. Pure: it sees only the
 * events' fields, so it is tested without a DOM.
 */

export type AltTapEvent =
  | { readonly type: 'keydown' | 'keyup'; readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly shiftKey: boolean }
  | { readonly type: 'pointerdown' | 'blur' };

export class AltTap {
  /** Alt is down and nothing else has happened since. */
  private armed = false;

  /** Feeds one event; true when it completes a tap (the Alt keyup of a lone Alt press). */
  feed(event: AltTapEvent): boolean {
    if (event.type !== 'keydown' && event.type !== 'keyup') {
      this.armed = false;
      return false;
    }
    const alone = event.key === 'Alt' && !event.ctrlKey && !event.metaKey && !event.shiftKey;
    if (event.type === 'keydown') {
      // Any other key disarms; so does Alt with another modifier held. A held Alt's auto-repeat
      // is still Alt alone, so it keeps the tap armed.
      this.armed = alone;
      return false;
    }
    const tapped = this.armed && alone;
    this.armed = false;
    return tapped;
  }
}
