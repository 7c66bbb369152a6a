/**
 * Starts a benchmark child (a host-side scenario run) and relays what it reports. A child that
 * fails says why; one that dies without saying is reported with the end of its output.
 */
import { fork } from 'node:child_process';
import type { ChildMessage } from './child-protocol.ts';
import type { Contention, Measurement } from './results.ts';

export interface ChildSink {
  progress(fraction: number, label: string): void;
  measurements(items: readonly Measurement[]): void;
  contention(key: string, contention: Contention): void;
  note(text: string): void;
}

const TAIL_LINES = 30;

export function runBenchChild(entry: string, params: unknown, sink: ChildSink, timeoutMs: number): Promise<void> {
  const child = fork(entry, [JSON.stringify(params)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: ['--expose-gc'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter((line) => line.trim() !== ''));
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let failure: string | undefined;
  let finished = false;
  child.on('message', (raw) => {
    const message = raw as ChildMessage;
    switch (message.type) {
      case 'progress':
        return sink.progress(message.fraction, message.label);
      case 'measurements':
        return sink.measurements(message.items);
      case 'contention':
        return sink.contention(message.key, message.contention);
      case 'note':
        return sink.note(message.text);
      case 'failed':
        failure = message.error;
        return;
      case 'done':
        finished = true;
        return;
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      failure = `did not finish within ${Math.round(timeoutMs / 1000)} s: killed`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (finished && code === 0) return resolve();
      const why = failure ?? `exited with ${signal ?? `code ${code}`} without a result`;
      reject(new Error(`${entry.split('/').slice(-2).join('/')} ${why}\n${tail.join('\n')}`));
    });
  });
}
