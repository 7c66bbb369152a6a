/**
 * Issue 2's round trip in real Chromium against the web host: typing in Monaco travels to the
 * host as versioned incremental edits, the host's mirror answers with stats for that version,
 * and the status bar shows them.
 */
import { describe, expect, it } from 'vitest';
import { documentStats } from '../../workers/common/document.ts';
import { screenshot } from './harness.ts';
import { modelText, openForkpad, statusSegment, typeInEditor, waitForHostAnswer } from './forkpad-page.ts';
import { freshWebSession } from './web-session.ts';

/** Accents, an emoji (a surrogate pair), a combining mark, an apostrophe and a hyphen inside words. */
const TRICKY_TEXT =
  'Hello, wörld! Café déjà vu — naïve 😀 emoji.\n' +
  "Second line with a combining e\u0301 mark and don't-stop words.\n" +
  '\n' +
  'Third paragraph: 42 numbers, 3.14 too.';

describe('Monaco ↔ host round trip', () => {
  const session = freshWebSession();

  it('mirrors typed text exactly and shows the host-computed counts', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await typeInEditor(page, TRICKY_TEXT);

    const answer = await waitForHostAnswer(page);
    const text = await modelText(page);
    expect(text).toBe(TRICKY_TEXT);
    // The host computed these from its mirror at the editor's newest version; they equal the
    // counts of Monaco's own text only if the mirror equals it.
    expect(answer.stats).toEqual(documentStats(text));

    const expected = documentStats(TRICKY_TEXT);
    const shown = await statusSegment(page, 'stats');
    expect(shown).toContain(`${expected.words} words`);
    expect(shown).toContain(`${expected.lines} lines`);
    expect(shown).toContain(`${expected.characters} characters`);

    await screenshot(page, 'round-trip');
    expect(browser.pageErrors).toEqual([]);
  });
});
