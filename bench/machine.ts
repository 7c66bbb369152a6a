/**
 * The machine a run came from, and how busy it was with other work while each scenario ran.
 * On a shared machine (this one has two cores and several people building on it) a slow number
 * may say more about the neighbours than about Forkpad, so every scenario carries that context.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import type { Contention, MachineInfo } from './results.ts';

const run = promisify(execFile);


export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];

async function commandLine(file: string, args: readonly string[], cwd?: string): Promise<string> {
  try {
    const { stdout } = await run(file, [...args], { timeout: 15_000, ...(cwd ? { cwd } : {}) });
    return stdout.trim();
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

async function chromiumVersion(): Promise<string> {
  for (const candidate of ['/usr/lib/chromium/chromium', ...CHROMIUM_CANDIDATES]) {
    const line = await commandLine(candidate, ['--version']);
    // The Debian wrapper prints a harmless shell warning first; the version is the last line.
    const version = line.split('\n').at(-1) ?? '';
    if (/\d+\.\d+/.test(version) && !version.startsWith('unknown')) return version;
  }
  return 'not found';
}

export async function machineInfo(repoRoot: string): Promise<MachineInfo> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: await chromiumVersion(),
    commit: await commandLine('git', ['describe', '--always', '--dirty', '--abbrev=12'], repoRoot),
    date: new Date().toISOString(),
  };
}

/** Busy and total ticks of all cores, from the first line of /proc/stat. */
async function machineTicks(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

interface ProcessTicks {
  readonly ppid: number;
  /** utime + stime + cutime + cstime: its own CPU and that of children it has reaped. */
  readonly ticks: number;
}

async function readProcess(pid: number): Promise<ProcessTicks | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // The process ended after the listing: it is simply not counted.
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 of stat(5): ppid is field 4, utime..cstime are fields 14..17.
  const at = (field: number) => Number(fields[field - 3] ?? 0);
  return { ppid: at(4), ticks: at(14) + at(15) + at(16) + at(17) };
}

/**
 * CPU ticks of `root` and every live descendant. A child's CPU moves into its parent's cutime
 * once reaped, so the sum only grows, whether children are alive or gone.
 */
async function treeTicks(root: number): Promise<number> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const table = new Map<number, ProcessTicks>();
  await Promise.all(pids.map(async (pid) => {
    const reading = await readProcess(pid);
    if (reading) table.set(pid, reading);
  }));
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let sum = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() ?? root;
    sum += table.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

/** Measures, over one scenario, how busy the machine was and how much of that was someone else. */
export class ContentionMeter {
  private readonly root: number;
  private start: { machine: { busy: number; total: number }; ours: number; at: number } | undefined;

  /** `root`: the benchmark's own top process; everything below it counts as ours. */
  constructor(root: number) {
    this.root = root;
  }

  async begin(): Promise<void> {
    this.start = { machine: await machineTicks(), ours: await treeTicks(this.root), at: performance.now() };
  }

  async end(): Promise<Contention> {
    const start = this.start;
    if (!start) throw new Error('ContentionMeter.end() before begin()');
    const [machine, ours] = [await machineTicks(), await treeTicks(this.root)];
    const total = Math.max(1, machine.total - start.machine.total);
    const busy = machine.busy - start.machine.busy;
    const others = Math.max(0, busy - (ours - start.ours));
    return {
      loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
      machineBusyPercent: Math.round((busy / total) * 1000) / 10,
      othersPercent: Math.round((others / total) * 1000) / 10,
      seconds: Math.round((performance.now() - start.at) / 100) / 10,
    };
  }
}


