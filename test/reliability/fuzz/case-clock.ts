/**
 * The per-case time bound of the fuzzers. Every case runs through `timed`: it fails, and shrinks
 * like any other failure, if it takes longer than `CASE_LIMIT_MS`; and it marks its start in a
 * buffer shared with the parent thread, which ends the worker thread running a case that never
 * returns (a synchronous loop no timer inside the thread could interrupt).
 */

/** No case may take longer than this (issue 8: "no hang longer than 2 s"). */
export const CASE_LIMIT_MS = 2_000;

/** Slot 0: epoch ms the running case began (0 between cases); slot 1: cases begun so far; slot 2: the running case's bound. */
export const CLOCK_SLOTS = 3;

let slots: Float64Array | undefined;

/** Throws if `call` takes longer than the bound: for one call inside a longer case. */
export async function boundedCall(what: string, call: () => unknown, limitMs = CASE_LIMIT_MS): Promise<void> {
  const startedAt = Date.now();
  await call();
  const took = Date.now() - startedAt;
  if (took > limitMs) throw new Error(`${what} took ${took} ms, over the ${limitMs} ms bound`);
}

/** Shares the case clock with the thread that watches this one. */
export function shareClock(buffer: SharedArrayBuffer): void {
  slots = new Float64Array(buffer);
}

/** Wraps a property's body so each case is bounded by `limitMs` (see above). */
export function timed<A extends unknown[]>(body: (...args: A) => unknown, limitMs = CASE_LIMIT_MS): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const startedAt = Date.now();
    if (slots) {
      slots[1] = (slots[1] ?? 0) + 1;
      slots[2] = limitMs;
      slots[0] = startedAt;
    }
    try {
      await body(...args);
    } finally {
      if (slots) slots[0] = 0;
    }
    const took = Date.now() - startedAt;
    if (took > limitMs) throw new Error(`the case took ${took} ms, over the ${limitMs} ms bound`);
  };
}
