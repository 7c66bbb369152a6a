import { describe, expect, it } from 'vitest';
import { AltTap, type AltTapEvent } from './alt-tap.ts';

const key = (type: 'keydown' | 'keyup', name: string, modifiers: { shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean } = {}): AltTapEvent => ({
  type,
  key: name,
  shiftKey: modifiers.shiftKey ?? false,
  ctrlKey: modifiers.ctrlKey ?? false,
  metaKey: modifiers.metaKey ?? false,
});

/** Feeds every event; returns which ones completed a tap. */
function taps(events: readonly AltTapEvent[]): boolean[] {
  const tap = new AltTap();
  return events.map((event) => tap.feed(event));
}

describe('AltTap', () => {
  it('reports a tap on the keyup of Alt pressed and released alone, also after auto-repeat', () => {
    expect(taps([key('keydown', 'Alt'), key('keyup', 'Alt')])).toEqual([false, true]);
    expect(taps([key('keydown', 'Alt'), key('keydown', 'Alt'), key('keyup', 'Alt')]).at(-1)).toBe(true);
  });

  it('is not a tap when another key comes between (Monaco Alt+Up, Alt+Shift layout switch)', () => {
    expect(taps([key('keydown', 'Alt'), key('keydown', 'ArrowUp'), key('keyup', 'ArrowUp'), key('keyup', 'Alt')])).not.toContain(true);
    expect(taps([key('keydown', 'Alt'), key('keydown', 'Shift', { shiftKey: true }), key('keyup', 'Shift'), key('keyup', 'Alt')])).not.toContain(true);
  });

  it('is not a tap when Alt comes with a modifier already held, or is AltGr', () => {
    expect(taps([key('keydown', 'Alt', { shiftKey: true }), key('keyup', 'Alt')])).not.toContain(true);
    expect(taps([key('keydown', 'Alt', { ctrlKey: true }), key('keyup', 'Alt')])).not.toContain(true);
    expect(taps([key('keydown', 'AltGraph'), key('keyup', 'AltGraph')])).not.toContain(true);
  });

  it('is not a tap after a click (Alt+click adds a cursor) or when the window loses focus', () => {
    expect(taps([key('keydown', 'Alt'), { type: 'pointerdown' }, key('keyup', 'Alt')])).not.toContain(true);
    expect(taps([key('keydown', 'Alt'), { type: 'blur' }, key('keyup', 'Alt')])).not.toContain(true);
  });

  it('needs a fresh press for each tap: a stray Alt keyup alone is not one', () => {
    expect(taps([key('keyup', 'Alt')])).toEqual([false]);
    expect(taps([key('keydown', 'Alt'), key('keyup', 'Alt'), key('keyup', 'Alt')])).toEqual([false, true, false]);
  });
});
