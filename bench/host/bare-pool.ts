/**
 * The parent's side of scenario 6's control: bare harper.js processes (bare-harper.ts), forked as
 * Forkpad's process spawner forks a grammar host (child_process.fork, advanced serialization, the
 * grammar task's heap limit, no inherited flags), each linting the units it is sent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { defaultLimits } from '../../main/core/hosts/host-factory.ts';
import { BENCH_ASSETS } from './bench-host.ts';
import type { BareReply, BareRequest } from './bare-harper.ts';

const SCRIPT = join(import.meta.dirname, 'bare-harper.ts');
/** Set-up (loading harper) and one share's linting each get this long before the run fails. */
const REPLY_TIMEOUT_MS = 300_000;

export interface BareHarper {
  readonly pid: number;
  /** CPU time of the process (every thread) when it was ready, ms. */
  readonly readyCpuMs: number;
  /** Lints `units`; resolves with the lints found and the process's CPU time after, ms. */
  lint(units: readonly string[]): Promise<{ lints: number; cpuMs: number }>;
  stop(): Promise<void>;
}

function nextReply(child: ChildProcess, label: string): Promise<BareReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${label} did not answer within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
    const onMessage = (message: BareReply) => done(undefined, message);
    const onExit = (code: number | null, signal: string | null) => done(new Error(`${label} exited (${signal ?? `code ${code}`})`));
    function done(error?: Error, reply?: BareReply): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else if (reply?.type === 'failed') reject(new Error(`${label}: ${reply.error}`));
      else if (reply) resolve(reply);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks a bare harper process and waits until harper is set up in it. */
export async function startBareHarper(log: (line: string) => void): Promise<BareHarper> {
  const heap = defaultLimits('grammar').maxOldGenerationSizeMb;
  const child = fork(SCRIPT, [BENCH_ASSETS.harperWasm], {
    serialization: 'advanced',
    execArgv: heap === undefined ? [] : [`--max-old-space-size=${heap}`],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const label = `bare harper [pid ${child.pid ?? '?'}]`;
  child.stdout?.on('data', (chunk: Buffer) => log(`${label} ${chunk.toString().trimEnd()}`));
  child.stderr?.on('data', (chunk: Buffer) => log(`${label} ${chunk.toString().trimEnd()}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.connected) child.disconnect();
    const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000).unref())]);
    if (!ended) {
      log(`${label} did not end within 5 s of its channel closing: killed`);
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    const ready = await nextReply(child, label);
    if (ready.type !== 'ready' || child.pid === undefined) throw new Error(`${label} answered ${ready.type} instead of ready`);
    return {
      pid: child.pid,
      readyCpuMs: ready.cpuMs,
      async lint(units) {
        const reply = nextReply(child, label);
        child.send({ type: 'lint', units } satisfies BareRequest);
        const answer = await reply;
        if (answer.type !== 'linted') throw new Error(`${label} answered ${answer.type} instead of linted`);
        return { lints: answer.lints, cpuMs: answer.cpuMs };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
