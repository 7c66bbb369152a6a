import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lowerHostPriority } from '../../bench/host/host-priority.ts';

/** The nice value of OS thread `tid` of `pid`, from /proc (field 19 of stat). */
function niceOf(pid: number | 'self', tid: string): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

function threadsNamed(pid: number | 'self', name: string): string[] {
  return readdirSync(`/proc/${pid}/task`).filter((tid) => readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() === name);
}

describe.runIf(process.platform === 'linux')('background host priority', () => {
  it('lowers a thread host alone, by the OS thread Node names after the task', async () => {
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true, name: 'spellcheck' });
    try {
      await new Promise((resolve) => worker.once('online', resolve));
      const note = await lowerHostPriority('spellcheck', 'thread', process.pid, 7);
      expect(note).toMatch(/at nice 7/);
      const [tid] = threadsNamed('self', 'spellcheck');
      expect(tid).toBeDefined();
      expect(niceOf('self', tid ?? '')).toBe(7);
      // The host's own thread keeps its priority.
      expect(niceOf('self', String(process.pid))).toBe(0);
    } finally {
      await worker.terminate();
    }
  });

  it('lowers every thread of a process host', async () => {
    const child = fork('-e', ["process.send('running'); setInterval(() => {}, 1000)"], { execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    try {
      // Its script runs after Node has started its own threads: the message says they exist,
      // where a fixed 300 ms after the spawn may not on a loaded machine.
      await new Promise((resolve) => child.once('message', resolve));
      const pid = child.pid ?? 0;
      expect(await lowerHostPriority('grammar', 'process', pid, 9)).toMatch(/at nice 9/);
      const tids = readdirSync(`/proc/${pid}/task`);
      expect(tids.length).toBeGreaterThan(1);
      for (const tid of tids) expect(niceOf(pid, tid)).toBe(9);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('leaves inline hosts and foreground tasks alone, and says so', async () => {
    expect(await lowerHostPriority('grammar', 'inline', process.pid)).toMatch(/inline/);
    expect(await lowerHostPriority('keystroke', 'process', process.pid)).toMatch(/not a background task/);
    expect(niceOf('self', String(process.pid))).toBe(0);
  });
});
