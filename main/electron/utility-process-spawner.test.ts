import type { ForkOptions } from 'electron';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ProcessExit } from '../core/hosts/process-spawner.ts';
import { GoneReports, describeUtilityExit } from './utility-exit.ts';
import { serviceNameOf, utilityForkOptions, utilityProcessSpawner } from './utility-process-spawner.ts';

class FakeUtility extends EventEmitter {
  pid: number | undefined = undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  killed = 0;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed += 1;
    return true;
  }
}

function setup() {
  const forks: { modulePath: string; options: ForkOptions; child: FakeUtility }[] = [];
  const gone = new GoneReports();
  const killed: [number, string][] = [];
  const logged: string[] = [];
  const spawner = utilityProcessSpawner({
    fork: (modulePath, _args, options) => {
      const child = new FakeUtility();
      forks.push({ modulePath, options, child });
      return child;
    },
    gone,
    env: { PATH: '/usr/bin', UNSET: undefined },
    killPid: (pid, signal) => killed.push([pid, signal]),
    log: (line) => logged.push(line),
  });
  return { spawner, forks, gone, killed, logged };
}

const exitOf = (spawned: { onExit(handler: (exit: ProcessExit) => void): void }) => new Promise<ProcessExit>((resolve) => spawned.onExit(resolve));
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('utility fork options', () => {
  it('names the service after the task, pipes output, merges env and sets the heap limit', () => {
    expect(utilityForkOptions('grammar', { entry: '/out/main/task-process.js', env: { FORKPAD_TASK: 'grammar' }, resourceLimits: { maxOldGenerationSizeMb: 512 } }, { PATH: '/bin', GONE: undefined })).toEqual({
      serviceName: 'forkpad-grammar',
      stdio: 'pipe',
      env: { PATH: '/bin', FORKPAD_TASK: 'grammar' },
      execArgv: ['--max-old-space-size=512'],
    });
    expect(utilityForkOptions('render', { entry: 'x' }, {}).execArgv).toEqual([]);
    expect(serviceNameOf('spellcheck')).toBe('forkpad-spellcheck');
  });
});

describe('utility exit reasons', () => {
  it.each([
    [0, undefined, { kind: 'clean', code: 0 }],
    [0, { type: 'Utility', reason: 'clean-exit', exitCode: 0, name: 'forkpad-render' }, { kind: 'clean', code: 0 }],
    [1, undefined, { kind: 'crash', reason: 'exited with code 1', code: 1, signal: null }],
    [9, { type: 'Utility', reason: 'killed', exitCode: 9, name: 'forkpad-render' }, { kind: 'crash', reason: 'was killed by a signal with code 9', code: 9, signal: null }],
    [11, { type: 'Utility', reason: 'crashed', exitCode: 11, name: 'forkpad-render' }, { kind: 'crash', reason: 'crashed with code 11', code: 11, signal: null }],
    [0, { type: 'Utility', reason: 'oom', exitCode: 0, name: 'forkpad-render' }, { kind: 'crash', reason: 'ran out of memory with code 0', code: 0, signal: null }],
  ] as const)('code %i with report %j', (code, report, expected) => {
    expect(describeUtilityExit(code, report)).toEqual(expected);
  });

  it('quotes the last error line the process printed', () => {
    expect(describeUtilityExit(1, undefined, ['loading', 'TypeError: boom', '    at x'])).toMatchObject({ reason: 'exited with code 1: TypeError: boom' });
  });
});

describe('utility process spawner', () => {
  it('forks the entry, reports the pid once spawned, and carries messages both ways', () => {
    const { spawner, forks } = setup();
    const spawned = spawner.spawn('spellcheck', { entry: '/out/main/task-process.js' });
    const fork = forks[0];
    if (!fork) throw new Error('not forked');
    expect(fork.modulePath).toBe('/out/main/task-process.js');
    expect(fork.options.serviceName).toBe('forkpad-spellcheck');
    expect(spawned.pid).toBe(-1);
    fork.child.pid = 4242;
    expect(spawned.pid).toBe(4242);
    const received: unknown[] = [];
    const stop = spawned.port.listen((message) => received.push(message));
    fork.child.emit('message', { type: 'pong', id: 1 });
    stop();
    fork.child.emit('message', { type: 'pong', id: 2 });
    spawned.port.post({ type: 'ping', id: 3 });
    expect(received).toEqual([{ type: 'pong', id: 1 }]);
    expect(fork.child.posted).toEqual([{ type: 'ping', id: 3 }]);
  });

  it('logs output under the task label', async () => {
    const { spawner, forks, logged } = setup();
    spawner.spawn('render', { entry: 'x' });
    const child = forks[0]?.child as FakeUtility;
    child.pid = 77;
    child.stdout.write('ready\n');
    await tick();
    expect(logged).toContain('[render process pid=77] ready');
  });

  it('settles a crash with the gone-report that came first', async () => {
    const { spawner, forks, gone } = setup();
    const spawned = spawner.spawn('grammar', { entry: 'x' });
    const child = forks[0]?.child as FakeUtility;
    gone.record({ type: 'Utility', reason: 'oom', exitCode: 5, name: 'forkpad-grammar' });
    child.emit('exit', 5);
    expect(await exitOf(spawned)).toEqual({ kind: 'crash', reason: 'ran out of memory with code 5', code: 5, signal: null });
  });

  it('settles a crash with a gone-report that comes after the exit', async () => {
    const { spawner, forks, gone } = setup();
    const spawned = spawner.spawn('grammar', { entry: 'x' });
    const child = forks[0]?.child as FakeUtility;
    child.stderr.write('RangeError: Maximum call stack size exceeded\n');
    await tick();
    child.emit('exit', 134);
    gone.record({ type: 'GPU', reason: 'crashed', exitCode: 1, name: 'forkpad-grammar' });
    gone.record({ type: 'Utility', reason: 'crashed', exitCode: 134, name: 'forkpad-render' });
    gone.record({ type: 'Utility', reason: 'crashed', exitCode: 134, name: 'forkpad-grammar' });
    expect(await exitOf(spawned)).toEqual({ kind: 'crash', reason: 'crashed with code 134: RangeError: Maximum call stack size exceeded', code: 134, signal: null });
    expect(gone.take('forkpad-render')).toMatchObject({ exitCode: 134 });
  });

  it('settles for the exit code when no report comes', async () => {
    const { spawner, forks } = setup();
    const spawned = spawner.spawn('keystroke', { entry: 'x' });
    forks[0]?.child.emit('exit', 3);
    expect(await exitOf(spawned)).toMatchObject({ kind: 'crash', reason: 'exited with code 3' });
  });

  it('calls exit handlers once, even when subscribed after the exit', async () => {
    const { spawner, forks } = setup();
    const spawned = spawner.spawn('render', { entry: 'x' });
    forks[0]?.child.emit('exit', 0);
    expect(await exitOf(spawned)).toEqual({ kind: 'clean', code: 0 });
    expect(await exitOf(spawned)).toEqual({ kind: 'clean', code: 0 });
  });

  it('terminates politely, kills with SIGKILL by pid, and does neither after the exit', () => {
    const { spawner, forks, killed } = setup();
    const spawned = spawner.spawn('render', { entry: 'x' });
    const child = forks[0]?.child as FakeUtility;
    spawned.kill();
    expect(child.killed).toBe(1);
    child.pid = 99;
    spawned.terminate();
    spawned.kill();
    expect(child.killed).toBe(2);
    expect(killed).toEqual([[99, 'SIGKILL']]);
    child.emit('exit', 0);
    spawned.terminate();
    spawned.kill();
    spawned.port.post({ type: 'ping', id: 1 });
    expect(child.killed).toBe(2);
    expect(killed).toHaveLength(1);
    expect(child.posted).toEqual([]);
  });
});
