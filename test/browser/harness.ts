/**
 * Browser-test harness: starts the built web host (out/main/web-host.js) as a child process on
 * an ephemeral port with a temporary workspace and data folder, opens its printed URL in
 * Debian's Chromium through playwright-core, and tears all of it down, even after a failure.
 * It builds nothing: `npm test` builds before running vitest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { markWelcomed } from '../reliability/support/welcomed.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
/** The build to test: `out/` by default; FORKPAD_OUT_DIR points the tests at another build. */
const OUT_DIR = resolve(repoRoot, process.env.FORKPAD_OUT_DIR ?? 'out');
export const WEB_HOST_ENTRY = join(OUT_DIR, 'main/web-host.js');
const NODE = join(repoRoot, 'node_modules/.bin/node');
const SCREENSHOTS = join(repoRoot, 'test-results/screenshots');
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
const URL_LINE = /Forkpad web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export interface WebHost {
  readonly url: string;
  readonly workspace: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Everything the host printed so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it exited. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<void>;
}

export interface WebHostOptions {
  /** Reuse folders (e.g. to restart after a kill); fresh temporary ones by default. */
  readonly workspace?: string;
  readonly dataDir?: string;
  readonly entry?: string;
  /** More command-line flags for the host (e.g. `--no-tasks`). */
  readonly args?: readonly string[];
  /**
   * Start as a first launch (the welcome document, the monitor open). Off by default: a fresh
   * data folder is marked as welcomed, so every other test starts on an empty document.
   */
  readonly firstRun?: boolean;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => child.once('exit', () => resolveExit()));
}

/** A new data folder; unless `firstRun`, its settings say the welcome document was shown. */
async function freshDataDir(firstRun: boolean): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'forkpad-data-'));
  if (!firstRun) await markWelcomed(dataDir);
  return dataDir;
}

export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const entry = options.entry ?? WEB_HOST_ENTRY;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  const workspace = options.workspace ?? (await mkdtemp(join(tmpdir(), 'forkpad-workspace-')));
  const dataDir = options.dataDir ?? (await freshDataDir(options.firstRun === true));
  const child = spawn(NODE, [entry, '--workspace', workspace, '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host printed no URL within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web host exited (${signal ?? code}) before printing its URL:\n${output}`));
    });
  });
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const deadline = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited(child);
    clearTimeout(deadline);
  };
  return {
    url,
    workspace,
    dataDir,
    process: child,
    output: () => output,
    stop: () => stop('SIGTERM'),
    kill: () => stop('SIGKILL'),
  };
}

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page, including CSP violations. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!executablePath) throw new Error(`Chromium not found (${CHROMIUM_CANDIDATES.join(', ')}): apt-get install -y chromium`);
  const profile = await mkdtemp(join(tmpdir(), 'forkpad-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-window screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
