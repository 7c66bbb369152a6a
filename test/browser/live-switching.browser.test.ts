/**
 * Issue 5: while a script types 2,000 characters, the isolation model is switched through the
 * in-page menu through all four presets. The text ends exactly as typed, the status bar counts
 * every key (typing statistics move with the keystroke task), and the markers are those of the
 * final text.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../workers/common/tasks.ts';
import { screenshot } from './harness.ts';
import { chooseMenu, modelText, openForkpad, statusSegment, typeInEditor, waitForHostAnswer, waitForMarkers, waitUntil, type PaintedMarker } from './forkpad-page.ts';
import { freshWebSession } from './web-session.ts';

const SENTENCES = [
  'We recieve letters every morning and answer them with care. ',
  'It was an mistake to leave the garden gate open all night. ',
  'The river runs quietly past the old mill and the bridge. ',
  'Writers keep notebooks because memory is a poor archive. ',
];

function typedText(length: number): string {
  let text = '';
  for (let index = 0; text.length < length; index += 1) text += SENTENCES[index % SENTENCES.length] + (index % 4 === 3 ? '\n\n' : '');
  return text.slice(0, length);
}

function occurrences(text: string, needle: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let start = text.indexOf(needle); start !== -1; start = text.indexOf(needle, start + 1)) found.push({ start, end: start + needle.length });
  return found;
}

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;
const ranges = (painted: readonly PaintedMarker[], owner: string) => painted.filter((marker) => marker.owner === owner).map(({ start, end }) => ({ start, end })).sort(byStart);

describe('live isolation switching while typing', () => {
  const session = freshWebSession();

  it('keeps every keystroke and ends with the final text\'s markers', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    const text = typedText(2000);
    const order = ['threads', 'processes', 'inline', 'mix'] as const;
    const label = (preset: (typeof order)[number]) => PRESETS.find((candidate) => candidate.id === preset)?.label ?? preset;
    const chunk = Math.ceil(text.length / (order.length + 1));
    const applied: string[] = [];
    for (let part = 0; part <= order.length; part += 1) {
      // The previous switch ran while this chunk was typed; its preset must now be in force
      // (the menu disables the Isolation items while a switch is in flight).
      const previous = order[part - 1];
      if (previous) applied.push(await waitUntil(() => statusSegment(page, 'isolation'), (shown) => shown === label(previous), 60_000, `${previous} to take over`));
      await typeInEditor(page, text.slice(part * chunk, (part + 1) * chunk));
      const preset = order[part];
      if (preset) await chooseMenu(page, ['Isolation', label(preset)]);
    }
    expect(applied).toEqual(order.map(label));
    await waitForHostAnswer(page, 60_000);
    expect(await modelText(page)).toBe(text);
    // The keystroke task moved four times; its typing statistics moved with it, so the status bar
    // counts every key typed, not only those since the last switch.
    const keystrokes = (shown: string) => Number(/([\d,]+) keystrokes?/.exec(shown)?.[1]?.replaceAll(',', '') ?? Number.NaN);
    const typing = await waitUntil(() => statusSegment(page, 'typing'), (shown) => keystrokes(shown) >= text.length, 10_000, `the status bar to count all ${text.length} keys`);
    // Each chunk begins with Control+End: two keydowns that count when they come just before typing.
    expect(keystrokes(typing)).toBeLessThanOrEqual(text.length + 2 * (order.length + 1));

    const misspelled = occurrences(text, 'recieve').map(({ start }) => ({ start, end: start + 'recieve'.length }));
    const article = occurrences(text, 'an mistake').map(({ start }) => start);
    const painted = await waitForMarkers(
      page,
      (all) => {
        const grammarStarts = new Set(ranges(all, 'grammar').map((range) => range.start));
        return JSON.stringify(ranges(all, 'spelling')) === JSON.stringify(misspelled) && article.every((start) => grammarStarts.has(start));
      },
      90_000,
    );
    for (const range of ranges(painted, 'grammar')) {
      expect(range.start).toBeGreaterThanOrEqual(0);
      expect(range.end).toBeLessThanOrEqual(text.length);
    }
    await screenshot(page, 'live-switching');
    expect(browser.pageErrors).toEqual([]);
  });
});
