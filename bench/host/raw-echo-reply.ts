/**
 * The raw baselines' answer: the same shape and size as Forkpad's answer to a no-op call, so the
 * comparison measures Forkpad's bookkeeping, not a difference in what crosses the channel.
 */
export function echoReply(message: unknown): unknown {
  const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
  return { type: 'result', id, value: null, timing: { queueMs: 0.012, runMs: 0.034, cpuMs: 0.021 } };
}

/** What a baseline sends: the same shape as Forkpad's no-op call. */
export function echoCall(id: number): unknown {
  return { type: 'call', id, method: 'noop', request: null };
}
