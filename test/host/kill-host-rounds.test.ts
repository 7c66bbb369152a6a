/**
 * Kill -9 the host, again and again (issue 8): each round types into the real web host process
 * over its WebSocket at a steady pace, SIGKILLs it at a random moment, starts it again on the
 * same data folder and continues from what hot exit restored. No acknowledged edit may be lost,
 * the restored text must be exactly the typed text up to its version, and the unacknowledged
 * loss window (typing time lost to a kill) is measured.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHost } from './web-client.ts';
import { startHostProcess } from './web-host-runner.ts';

const ROUNDS = Number(process.env.FORKPAD_KILL_ROUNDS ?? 20);
const KEY_INTERVAL_MS = 20;
/** Issue 8's bound on the unacknowledged loss window, held by the median kill. */
const MAX_LOSS_MS = 150;
/**
 * Every kill: a group commit is one write + fdatasync, so the window is about one commit plus the
 * hop from the page. When the suite runs beside other tests that fsync hard (the save torture),
 * a commit can wait hundreds of ms for the disk, so single kills are only held to a looser bound;
 * a design that lost typing systematically would fail the median.
 */
const MAX_WORST_LOSS_MS = 1_000;

let root: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-kill-rounds-'));
  await mkdir(join(root, 'renderer'));
  await mkdir(join(root, 'workspace'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>');
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

const folders = () => ({ workspace: join(root, 'workspace'), dataDir: join(root, 'data'), renderer: join(root, 'renderer') });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 the host', () => {
  it(`loses no acknowledged edit over ${ROUNDS} rounds, and a median of at most ${MAX_LOSS_MS} ms of typing per kill`, async () => {
    let expected = '';
    let expectedVersion: number | undefined;
    let previous: { sentAt: Map<number, number>; killedAt: number } | undefined;
    const losses: number[] = [];
    for (let round = 0; round <= ROUNDS; round += 1) {
      const host = await startHostProcess(folders(), children);
      const connection = await connectHost(host.port, host.token);
      const { document } = await connection.client.api.hello(null);
      if (expectedVersion !== undefined) {
        // Everything acknowledged before the kill is back, and nothing else but typed text.
        expect(document.version, `round ${round}: restored version`).toBeGreaterThanOrEqual(expectedVersion);
        expect(document.text, `round ${round}: restored text`).toBe(expected.slice(0, document.text.length));
      }
      if (previous) {
        // The loss window: from the first keystroke that did not survive to the kill.
        const firstLost = previous.sentAt.get(document.version + 1);
        losses.push(firstLost === undefined ? 0 : previous.killedAt - firstLost);
      }
      if (round === ROUNDS) {
        connection.close();
        host.child.kill('SIGKILL');
        await host.exited;
        break;
      }
      expected = document.text;
      let version = document.version;
      const sentAt = new Map<number, number>();
      const durable = () => Math.max(document.version, ...connection.events.filter((event) => event.name === 'durable').map((event) => (event.payload as { version: number }).version));
      // The kill comes from a timer, so it lands anywhere in the typing rhythm, even right after a keystroke.
      let killed: { at: number; acknowledged: number } | undefined;
      const timer = setTimeout(() => {
        killed = { at: performance.now(), acknowledged: durable() };
        host.child.kill('SIGKILL');
      }, 200 + Math.random() * 600);
      while (!killed) {
        const char = String.fromCharCode(97 + (version % 26));
        version += 1;
        sentAt.set(version, performance.now());
        connection.client.api.change({ uri: document.uri, version, edits: [{ offset: expected.length, length: 0, text: char }], keys: [{ kind: 'character', at: Date.now() }] }).catch(() => undefined); // Calls in flight die with the host.
        expected += char;
        await sleep(KEY_INTERVAL_MS);
      }
      clearTimeout(timer);
      await host.exited;
      connection.close();
      const { at: killedAt, acknowledged } = killed;
      expectedVersion = acknowledged;
      previous = { sentAt, killedAt };
    }
    const sorted = [...losses].sort((a, b) => a - b);
    const p90 = sorted[Math.ceil(sorted.length * 0.9) - 1] ?? 0;
    const worst = sorted.at(-1) ?? 0;
    console.log(
      `[kill rounds] ${ROUNDS} kills, typing every ${KEY_INTERVAL_MS} ms; unacknowledged loss window: ` +
        `median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0)} ms, p90 ${p90.toFixed(0)} ms, worst ${worst.toFixed(0)} ms ` +
        `(all: ${losses.map((loss) => loss.toFixed(0)).join(' ')})`,
    );
    expect(sorted[Math.floor(sorted.length / 2)] ?? 0).toBeLessThanOrEqual(MAX_LOSS_MS);
    expect(worst).toBeLessThanOrEqual(MAX_WORST_LOSS_MS);
  }, 240_000);
});
