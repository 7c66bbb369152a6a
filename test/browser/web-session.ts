/**
 * The setup most browser suites share: a fresh web host and Chromium for every test. In its own
 * module because it registers vitest hooks, and the bench imports the harness outside vitest.
 */
import { afterEach, beforeEach } from 'vitest';
import { launchBrowser, startWebHost, type BrowserSession, type WebHost } from './harness.ts';

/** A test's own web host and Chromium (see `freshWebSession`). */
export interface WebSession {
  readonly host: WebHost;
  readonly browser: BrowserSession;
}

/**
 * Gives every test of the calling `describe` a fresh web host and Chromium, closed after it;
 * the returned function reads the current pair (and says so if setting it up failed).
 */
export function freshWebSession(): () => WebSession {
  let host: WebHost | undefined;
  let browser: BrowserSession | undefined;
  beforeEach(async () => {
    host = await startWebHost();
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await browser?.close();
    await host?.stop();
    browser = undefined;
    host = undefined;
  });
  return () => {
    if (!host || !browser) throw new Error('setup failed');
    return { host, browser };
  };
}
