/**
 * The crash storm's engine: types a scripted session through the host service while a
 * FaultDriver injects faults at a steady pace, and checks at every checkpoint, by reading the
 * journal file from disk, that every acknowledged edit is there.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJournal } from '../../../workers/tasks/keystroke/journal-format.ts';
import { journalFileName } from '../../../workers/tasks/keystroke/journal-store.ts';
import type { Episode, FaultDriver } from './fault-driver.ts';
import { NEVER, sleep, until, type RealCore } from './real-core.ts';
import type { Typist } from './typist.ts';

export interface StormPlan {
  readonly keystrokes: number;
  readonly faults: number;
  /** A fault every this often, while a task is free for one; keystrokes are spread between faults. */
  readonly faultEveryMs: number;
  readonly tickMs: number;
  readonly keysPerTick: number;
  readonly checkpointEvery: number;
}

export interface StormRun {
  readonly real: RealCore;
  readonly typist: Typist;
  readonly episodes: readonly Episode[];
  readonly checkpoints: number;
  readonly journalProblems: readonly string[];
  readonly unhandled: readonly string[];
  readonly durableMax: () => number;
  readonly stormMs: number;
  readonly rssBefore: number;
  readonly rssAfter: number;
  readonly maxLoopDelayMs: number;
}

export function durableMax(real: RealCore, uri: string): number {
  let max = 0;
  for (const event of real.events) {
    const payload = event.payload as { uri?: string; version?: number };
    if (event.name === 'durable' && payload.uri === uri && (payload.version ?? 0) > max) max = payload.version ?? 0;
  }
  return max;
}

/**
 * Reads the journal file from disk, independently of the keystroke task, and checks that it
 * holds at least `acknowledged` and that its text at its own last version is what was typed.
 */
async function checkJournal(real: RealCore, uri: string, acknowledged: number, texts: ReadonlyMap<number, string>): Promise<string | undefined> {
  const read = readJournal(await readFile(join(real.dataDir, 'journals', journalFileName(uri))));
  if (read.state.version < acknowledged) return `journal is at v${read.state.version}, but v${acknowledged} was acknowledged`;
  const expected = texts.get(read.state.version);
  if (expected === undefined) return `journal is at v${read.state.version}, a version that was never typed or is older than an acknowledged one`;
  if (read.state.text !== expected) return `journal text at v${read.state.version} differs from the typed text`;
  return undefined;
}

export class CrashStorm {
  private readonly real: RealCore;
  private readonly driver: FaultDriver;
  private readonly typist: Typist;
  private readonly plan: StormPlan;
  private readonly uri: string;
  /** The typed text by version, from the last acknowledged one on. */
  private readonly texts = new Map<number, string>();
  private readonly journalProblems: string[] = [];
  private readonly unhandled: string[] = [];
  private checkpoints = 0;
  private typed = 0;

  constructor(real: RealCore, driver: FaultDriver, typist: Typist, plan: StormPlan) {
    this.real = real;
    this.driver = driver;
    this.typist = typist;
    this.plan = plan;
    this.uri = real.core.session.uri;
    this.texts.set(real.core.session.version, real.core.session.text);
  }

  async run(): Promise<StormRun> {
    const onUnhandled = (reason: unknown) => this.unhandled.push(String(reason));
    process.on('unhandledRejection', onUnhandled);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    try {
      await this.typeThroughFaults();
      await this.driver.settled();
    } finally {
      this.driver.dispose();
      process.off('unhandledRejection', onUnhandled);
    }
    const stormMs = performance.now() - started;
    await this.finalCheck();
    const { real, uri } = this;
    return {
      real,
      typist: this.typist,
      episodes: this.driver.episodes,
      checkpoints: this.checkpoints + 1,
      journalProblems: this.journalProblems,
      unhandled: this.unhandled,
      durableMax: () => durableMax(real, uri),
      stormMs,
      rssBefore,
      rssAfter: process.memoryUsage().rss,
      maxLoopDelayMs: Math.max(0, ...real.supervisor.metricsHistory().map((snapshot) => snapshot.host.eventLoopDelay.max)),
    };
  }

  private async typeThroughFaults(): Promise<void> {
    const { plan } = this;
    let faults = 0;
    let nextFaultAt = 0;
    while (this.typed < plan.keystrokes || faults < plan.faults) {
      if (faults < plan.faults && performance.now() >= nextFaultAt) {
        const task = this.driver.pick();
        if (task) {
          this.driver.start(task);
          faults += 1;
          nextFaultAt = performance.now() + plan.faultEveryMs;
        }
      }
      const target = faults >= plan.faults ? plan.keystrokes : Math.min(plan.keystrokes, Math.floor((faults * plan.keystrokes) / plan.faults));
      for (let key = 0; key < plan.keysPerTick && this.typed < target; key += 1) await this.typeOne();
      await sleep(plan.tickMs);
    }
  }

  private async typeOne(): Promise<void> {
    const { edit, kind } = this.typist.next();
    const version = this.real.core.session.version + 1;
    const answer = await this.real.core.api.change({ uri: this.uri, version, edits: [edit], keys: [{ kind, at: Date.now() }] }, NEVER);
    if (answer.version !== version) throw new Error(`change v${version} was answered as v${answer.version}`);
    this.texts.set(version, this.typist.text);
    this.typed += 1;
    if (this.typed % this.plan.checkpointEvery === 0) await this.checkpoint();
  }

  private async checkpoint(): Promise<void> {
    const acknowledged = durableMax(this.real, this.uri);
    for (const old of this.texts.keys()) if (old < acknowledged) this.texts.delete(old);
    this.checkpoints += 1;
    const problem = await checkJournal(this.real, this.uri, acknowledged, this.texts);
    if (problem) this.journalProblems.push(`after ${this.typed} keys: ${problem}`);
  }

  private async finalCheck(): Promise<void> {
    const { real, uri } = this;
    const final = real.core.session.version;
    await until(() => durableMax(real, uri) >= final, `every edit durable (v${final})`, 30_000).catch((error: unknown) => this.journalProblems.push(String(error)));
    const problem = await checkJournal(real, uri, durableMax(real, uri), this.texts);
    if (problem) this.journalProblems.push(`at the end: ${problem}`);
  }
}
