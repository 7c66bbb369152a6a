/**
 * The raw baselines' answer: the same shape and size as Forkpad's answer to a no-op call, so the
 * comparison measures Forkpad's bookkeeping, not a difference in what crosses the channel. A task
 * thread or process answers with its job's queue and run time; only an inline task adds the CPU
 * time its job took (workers/entry/serve-task.ts), so only the inline baseline carries it too.
 */
export function echoReply(message: unknown, inline = false): unknown {
  const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
  const timing = inline ? { queueMs: 0.012, runMs: 0.034, cpuMs: 0.021 } : { queueMs: 0.012, runMs: 0.034 };
  return { type: 'result', id, value: null, timing };
}

/** What a baseline sends: the same shape as Forkpad's no-op call. */
export function echoCall(id: number): unknown {
  return { type: 'call', id, method: 'noop', request: null };
}
