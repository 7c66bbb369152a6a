/**
 * Kill -9 the host (issue 8): 20 rounds of starting the real web host process (the fresh build, or
 * the sources; with the real tasks), typing into it over its WebSocket at a steady 50 keys a second, and SIGKILLing
 * it at a random moment: while typing, while the keystroke task moves to another host kind, or
 * while the host is still starting and restoring. The keystroke task runs inline, in a thread and
 * in a process in turn. Each restart must restore, through hot exit, every edit the host had
 * acknowledged as durable, and exactly the typed text up to the version it restores. The
 * unacknowledged loss window (typing time lost to a kill) must stay within 150 ms.
 *
 * test/host/web-host-process.test.ts covers one kill of a host that sits idle.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentionMeter } from '../../bench/machine.ts';
import type { OpenDocument } from '../../workers/common/host-api.ts';
import { HOST_KINDS, type HostKind } from '../../workers/common/tasks.ts';
import { connectHost, type HostConnection } from '../host/web-client.ts';
import { distribution, ranWhole, recordFigures } from './support/figures.ts';
import { runSeed, seededRandom, sleep } from './support/real-core.ts';
import { Typist } from './support/typist.ts';
import { hostEntry, startHostProcess, type HostFolders, type HostProcess } from './support/web-host-process.ts';

const ROUNDS = 20;
const KEY_INTERVAL_MS = 20;
const MAX_LOSS_MS = 150;
/** Starting the tasks and moving one may take long on a loaded machine: wait rather than fail. */
const SLOW = { timeoutMs: 60_000 };
const SEED = runSeed();
const startedAt = performance.now();

type KillMoment = 'typing' | 'switch' | 'startup';

interface Round {
  readonly round: number;
  readonly moment: KillMoment;
  readonly keystroke: HostKind;
  startMs: number;
  /** The whole round: start, restore, typing, kill, exit. */
  roundMs: number;
  typed: number;
  /** The highest version the host had acknowledged as durable when it was killed. */
  acknowledged: number;
  /** What the next start restored, and how much typing was lost. */
  restoredVersion?: number;
  lostKeys?: number;
  lossMs?: number;
  /** Why a round lost more than it should, if it did: the machine's other load, the host's slow-commit lines. */
  othersPercent?: number;
  slowCommits?: string[];
}

/** The host's own account of a commit over its budget (journal-file.ts logs it). */
const SLOW_COMMIT = /journal commit of \d+ bytes took \d+ ms/g;

const rounds: Round[] = [];
/** Rounds killed since the last hello: the next hello shows what they kept. */
const awaiting: Round[] = [];
const hosts: HostProcess[] = [];
let root: string | undefined;

afterAll(async ({}, file) => {
  for (const host of hosts) if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
  if (rounds.length > 0 && ranWhole(file)) await recordKillFigures();
  if (root) await rm(root, { recursive: true, force: true });
}, 30_000);

function momentOf(round: number): KillMoment {
  if (round % 7 === 6) return 'startup';
  return round % 5 === 4 ? 'switch' : 'typing';
}

function acknowledgedIn(connection: HostConnection, uri: string): number {
  let max = 0;
  for (const event of connection.events) {
    const payload = event.payload as { uri?: string; version?: number };
    if (event.name === 'durable' && payload.uri === uri) max = Math.max(max, payload.version ?? 0);
  }
  return max;
}

/** The typing session across kills: what was typed, when, and what must come back. */
class Session {
  uri: string | undefined;
  readonly texts = new Map<number, string>();
  readonly sentAt = new Map<number, number>();
  killedAt = 0;
  acknowledged = 0;

  readonly typist: Typist;

  constructor(typist: Typist) {
    this.typist = typist;
  }

  /** Checks what a start restored against what was acknowledged; returns the keys lost and the loss window. */
  restored(document: OpenDocument, round: number): { lostKeys: number; lossMs: number } {
    const lastSent = Math.max(0, ...this.sentAt.keys());
    if (this.uri !== undefined && document.uri !== this.uri) {
      // Nothing was restored: only allowed when nothing had been acknowledged.
      expect(this.acknowledged, `round ${round}: a new document although v${this.acknowledged} was durable`).toBe(0);
    } else if (this.uri !== undefined) {
      expect(document.version, `round ${round}: restored version`).toBeGreaterThanOrEqual(this.acknowledged);
      expect(document.text, `round ${round}: restored text at v${document.version}`).toBe(this.texts.get(document.version));
    }
    const restoredVersion = document.uri === this.uri ? document.version : 0;
    const firstLost = this.sentAt.get(restoredVersion + 1);
    const loss = { lostKeys: Math.max(0, lastSent - restoredVersion), lossMs: firstLost === undefined ? 0 : Math.max(0, this.killedAt - firstLost) };
    this.uri = document.uri;
    for (const version of [...this.texts.keys()]) if (version > document.version) this.texts.delete(version);
    this.texts.set(document.version, document.text);
    this.sentAt.clear();
    this.typist.text = document.text;
    this.typist.cursor = document.text.length;
    return loss;
  }

  /** Types one key without waiting for the answer, as the renderer sends Monaco's changes. */
  typeOne(connection: HostConnection, version: number): void {
    const { edit, kind } = this.typist.next();
    this.texts.set(version, this.typist.text);
    this.sentAt.set(version, performance.now());
    connection.client.api.change({ uri: this.uri ?? '', version, edits: [edit], keys: [{ kind, at: Date.now() }] }).catch(() => undefined); // Calls in flight die with the host.
  }
}

/** Checks a start's restored document and gives each round killed since the last start its result. */
function settle(session: Session, document: OpenDocument, round: number): void {
  const loss = session.restored(document, round);
  for (const killed of awaiting.splice(0)) {
    killed.restoredVersion = document.version;
    if (killed.moment !== 'startup') Object.assign(killed, loss);
  }
}

async function playRound(folders: HostFolders, session: Session, record: Round, random: () => number): Promise<void> {
  const started = performance.now();
  try {
    await play(folders, session, record, random, started);
  } finally {
    record.roundMs = performance.now() - started;
  }
}

async function play(folders: HostFolders, session: Session, record: Round, random: () => number, started: number): Promise<void> {
  const host = await startHostProcess(folders);
  hosts.push(host);
  // /proc/stat: Linux only; elsewhere the miss is reported without the machine's load.
  const contention = process.platform === 'linux' ? new ContentionMeter(process.pid) : undefined;
  await contention?.begin();
  const connection = await connectHost(host.port, host.token);
  const kill = async () => {
    // Read while the host still runs: a killed process's CPU leaves the tree and would count as others'.
    if (contention) record.othersPercent = (await contention.end()).othersPercent;
    // A kill at startup types nothing: the loss window belongs to the last round that typed.
    if (record.moment !== 'startup') session.killedAt = performance.now();
    if (session.uri !== undefined) session.acknowledged = Math.max(session.acknowledged, acknowledgedIn(connection, session.uri));
    record.acknowledged = session.acknowledged;
    host.child.kill('SIGKILL');
    await host.exited;
    connection.close();
    record.slowCommits = host.output().match(SLOW_COMMIT) ?? [];
    awaiting.push(record);
  };
  if (record.moment === 'startup') {
    // Killed while its tasks start and hot exit reads the journals: the journal must survive that too.
    await sleep(random() * 1_500);
    return kill();
  }
  const { document, model } = await connection.client.api.hello(null, SLOW);
  record.startMs = performance.now() - started;
  settle(session, document, record.round);
  if (record.moment === 'typing' && model.keystroke !== record.keystroke) await connection.client.api.setIsolation({ task: 'keystroke', kind: record.keystroke }, SLOW);
  // The kill comes from a timer, not from the typing loop, so it can land anywhere between two keys.
  const killAt = 150 + random() * 650;
  const switchAt = random() * 300;
  let killed = false;
  const killing = sleep(killAt).then(() => {
    killed = true;
    return kill();
  });
  if (record.moment === 'switch') {
    void sleep(switchAt).then(() => {
      if (!killed) connection.client.api.setIsolation({ task: 'keystroke', kind: record.keystroke }).catch(() => undefined); // Killed mid-move.
    });
  }
  let version = document.version;
  while (!killed) {
    version += 1;
    session.typeOne(connection, version);
    record.typed += 1;
    await sleep(KEY_INTERVAL_MS);
  }
  await killing;
}

describe('kill -9 the host', () => {
  it(`restores every acknowledged edit, and exactly the typed text, over ${ROUNDS} SIGKILLs`, async () => {
    root = await mkdtemp(join(tmpdir(), 'forkpad-host-kill-'));
    const folders: HostFolders = { workspace: join(root, 'workspace'), dataDir: join(root, 'data'), renderer: join(root, 'renderer') };
    await mkdir(folders.workspace);
    await mkdir(folders.renderer);
    await writeFile(join(folders.renderer, 'index.html'), '<!doctype html><title>Forkpad</title>');
    const random = seededRandom(SEED);
    const session = new Session(new Typist(random));
    for (let round = 0; round <= ROUNDS; round += 1) {
      const record: Round = { round, moment: round === ROUNDS ? 'typing' : momentOf(round), keystroke: HOST_KINDS[round % 3] ?? 'thread', startMs: 0, roundMs: 0, typed: 0, acknowledged: 0 };
      rounds.push(record);
      if (round < ROUNDS) {
        await playRound(folders, session, record, random);
        continue;
      }
      // The last start: everything acknowledged is back; then a clean stop.
      const host = await startHostProcess(folders);
      hosts.push(host);
      const connection = await connectHost(host.port, host.token);
      const { document } = await connection.client.api.hello(null, SLOW);
      settle(session, document, round);
      connection.close();
      host.child.kill('SIGTERM');
      expect(await host.exited).toEqual({ code: 0, signal: null });
    }
    expect(rounds.filter((record) => record.round < ROUNDS && record.restoredVersion === undefined)).toEqual([]);
  }, 420_000);

  // The scenario: a kill while the user types. A kill during a move of the keystroke task
  // can cost more, since new keystrokes wait while the new host is primed: reported, not bounded.
  it(`loses at most ${MAX_LOSS_MS} ms of unacknowledged typing to each kill while typing`, () => {
    const typed = rounds.filter((record) => record.moment === 'typing' && record.lossMs !== undefined);
    expect(typed.length).toBeGreaterThan(0);
    // Each miss says what else was going on, so a failure in CI explains itself.
    const over = typed
      .filter((record) => (record.lossMs ?? 0) > MAX_LOSS_MS)
      .map((record) => `round ${record.round} (keystroke ${record.keystroke}): ${Math.round(record.lossMs ?? 0)} ms; others used ${record.othersPercent ?? '?'}% of the machine; host: ${record.slowCommits?.join(', ') || 'no slow commit logged'}`);
    expect(over).toEqual([]);
  });
});

async function recordKillFigures(): Promise<void> {
  const killed = rounds.filter((record) => record.round < ROUNDS);
  const recovered = killed.filter((record) => record.restoredVersion !== undefined);
  const typingRounds = killed.filter((record) => record.moment === 'typing' && record.lossMs !== undefined);
  const loss = distribution(typingRounds.map((record) => record.lossMs ?? 0));
  const duringMoves = distribution(killed.filter((record) => record.moment === 'switch').map((record) => record.lossMs ?? 0));
  const starts = distribution(rounds.filter((record) => record.startMs > 0).map((record) => record.startMs));
  await recordFigures(
    {
      suite: '2-kill-the-host',
      title: 'Kill -9 the host',
      file: 'test/reliability/host-kill.test.ts',
      summary:
        `${ROUNDS} rounds: the real web host process starts (${hostEntry().built ? 'the fresh build, out/main/web-host.js' : 'from source'}, real tasks), a client types over its WebSocket at ${1000 / KEY_INTERVAL_MS} keys/s ` +
        'without waiting for answers, and the host is SIGKILLed at a random moment: while typing, while the keystroke task moves to another host kind, ' +
        'or while the host is still starting and restoring. The keystroke task runs inline, in a thread and in a process in turn. After each kill the ' +
        'host starts again on the same data folder; hot exit must restore every acknowledged (durable) edit and exactly the typed text up to the ' +
        'version it restores. The loss window is the time from the first keystroke that did not come back to the kill.',
      seed: SEED,
      figures: [
        { label: 'rounds recovered', value: recovered.length, unit: `of ${killed.length}`, bound: 'all, with every acknowledged edit' },
        { label: 'unacknowledged loss window, worst kill while typing', value: loss.max, unit: 'ms', bound: `≤ ${MAX_LOSS_MS} ms` },
        { label: 'loss window while typing, p50 / p95', value: `${loss.p50} / ${loss.p95}`, unit: 'ms' },
        { label: 'loss window of kills during a keystroke move, worst', value: duringMoves.max, unit: 'ms', bound: 'reported: typing waits while the new host is primed' },
        { label: 'keystrokes typed, lost unacknowledged', value: `${killed.reduce((sum, record) => sum + record.typed, 0)}, ${killed.reduce((sum, record) => sum + (record.lostKeys ?? 0), 0)}` },
        { label: 'host start to hello (restore included), p50 / max', value: `${starts.p50} / ${starts.max}`, unit: 'ms' },
      ],
      tables: [
        {
          title: 'Rounds',
          columns: ['round', 'killed while', 'keystroke host', 'keys typed', 'acknowledged', 'restored', 'keys lost', 'loss window (ms)', 'round (ms)'],
          rows: killed.map((record) => [
            record.round,
            record.moment,
            record.keystroke,
            record.typed,
            record.acknowledged,
            record.restoredVersion ?? '—',
            record.lostKeys ?? 0,
            Math.round(record.lossMs ?? 0),
            Math.round(record.roundMs),
          ]),
        },
      ],
    },
    startedAt,
  );
}
