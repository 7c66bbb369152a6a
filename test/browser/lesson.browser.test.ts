/**
 * Issue 6's "The Lesson": Help → The Lesson measures every claim of the notes live on this
 * machine and shows each with at least one measured number and a verdict from those numbers;
 * "Measure again" measures one claim afresh.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_IDS, VERDICTS } from '../../workers/common/lesson.ts';
import { expectAccessible } from './accessibility.ts';
import { screenshot } from './harness.ts';
import { chooseMenu, openForkpad, waitUntil } from './forkpad-page.ts';
import { freshWebSession } from './web-session.ts';

/** Spawning processes and running grammar over a large document on a shared two-core machine. */
const MEASURE_TIMEOUT_MS = 480_000;

describe('the lesson', () => {
  const session = freshWebSession();

  it('fills every claim with measured numbers and a verdict', { timeout: 2 * MEASURE_TIMEOUT_MS }, async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await chooseMenu(page, ['Help', 'The Lesson']);
    const tab = page.locator('#monitor-lesson');
    await tab.waitFor({ state: 'visible' });
    await expectAccessible(page, 'The Lesson open, measuring');
    const verdicts = () => Promise.all(CLAIM_IDS.map((claim) => tab.locator(`[data-claim="${claim}"] .lesson-verdict`).getAttribute('data-verdict')));
    const done = (values: readonly (string | null)[]) => values.every((value) => value !== null && value !== 'measuring');
    const final = await waitUntil(verdicts, done, MEASURE_TIMEOUT_MS, 'every claim to be measured');
    expect(final.every((verdict) => (VERDICTS as readonly (string | null)[]).includes(verdict)), `verdicts: ${final.join(', ')}`).toBe(true);
    for (const claim of CLAIM_IDS) {
      const figures = await tab.locator(`[data-claim="${claim}"] .lesson-figures li`).allInnerTexts();
      expect(figures.length, `${claim} has no figures`).toBeGreaterThan(0);
      expect(figures.every((figure) => /\d/.test(figure)), `${claim}: ${figures.join(' | ')}`).toBe(true);
    }
    expect(await tab.locator('.lesson-machine').innerText()).toMatch(/core/);
    // Issue 12's rows: no text sent to thread tasks, a copy to processes; no torn locked read;
    // the single-core claim's timelines drawn, free and pinned.
    const memory = await tab.locator('[data-claim="memory"] .lesson-figures li').allInnerTexts();
    expect(memory.find((line) => /thread tasks: document text sent/.test(line))).toMatch(/\b0 MB/);
    expect(memory.find((line) => /process tasks: document text sent/.test(line))).toMatch(/\b80 MB/);
    const debugging = await tab.locator('[data-claim="debugging"] .lesson-figures li').allInnerTexts();
    expect(debugging.find((line) => /through the seqlock/.test(line))).toMatch(/\b0 reads/);
    await expect.poll(() => tab.locator('[data-claim="single-core"] .lesson-timeline canvas').count()).toBe(2);
    await screenshot(page, 'lesson');
    await expectAccessible(page, 'The Lesson open, measured');

    // One claim again: it is measured afresh while the others keep their results.
    await tab.locator('[data-claim="communication"] .lesson-again').click();
    await waitUntil(verdicts, (values) => values[CLAIM_IDS.indexOf('communication')] === 'measuring', 10_000, 'the claim to be measured again');
    await waitUntil(verdicts, done, MEASURE_TIMEOUT_MS, 'the claim to be measured again');
    expect(await tab.locator('[data-claim="communication"] .lesson-figures li').count()).toBeGreaterThan(0);
    expect(browser.pageErrors).toEqual([]);
  });
});
