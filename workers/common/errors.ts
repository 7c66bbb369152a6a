/**
 * Errors cross every boundary (thread, process, IPC, WebSocket) as plain data and become real
 * `Error`s again on the other side. All of Forkpad's own errors are built here, once.
 */

/** An error as it travels between hosts. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** A stable machine-readable code such as `TASK_CRASHED`. */
  readonly code?: string;
}

/** An `Error` that carries a stable code. */
export class ForkpadError extends Error {
  readonly code: string;
  constructor(name: string, code: string, message: string) {
    super(message);
    this.name = name;
    this.code = code;
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: typeof error === 'string' ? error : `Non-error thrown: ${String(error)}` };
}

export function deserializeError(data: SerializedError): ForkpadError {
  const error = new ForkpadError(data.name, data.code ?? 'REMOTE_ERROR', data.message);
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.message === 'string' &&
    (candidate.stack === undefined || typeof candidate.stack === 'string') &&
    (candidate.code === undefined || typeof candidate.code === 'string')
  );
}

/** The factory of Forkpad's errors (as Piscina's `Errors`), so each message is written once. */
export const Errors = {
  timeout: (method: string, ms: number) =>
    new ForkpadError('TimeoutError', 'TIMEOUT', `Call ${method} timed out after ${ms} ms`),
  cancelled: (method: string, reason?: string) =>
    new ForkpadError('AbortError', 'CANCELLED', `Call ${method} was cancelled${reason ? `: ${reason}` : ''}`),
  hostGone: (where: string, reason: string) =>
    new ForkpadError('HostGoneError', 'HOST_GONE', `${where} stopped before answering: ${reason}`),
  closed: (where: string) => new ForkpadError('ClosedError', 'CLOSED', `${where} is closed`),
  unknownMethod: (method: string) =>
    new ForkpadError('UnknownMethodError', 'UNKNOWN_METHOD', `Unknown method: ${method}`),
  invalidInput: (what: string, why: string) =>
    new ForkpadError('InvalidInputError', 'INVALID_INPUT', `Invalid ${what}: ${why}`),
  tooLarge: (what: string, size: number, limit: number) =>
    new ForkpadError('TooLargeError', 'TOO_LARGE', `${what} is ${size} bytes; the limit is ${limit}`),
  outOfSync: (expected: number, got: number) =>
    new ForkpadError('OutOfSyncError', 'OUT_OF_SYNC', `Document is at version ${got}, change expects ${expected}`),
  stopped: (task: string, why: string) => new ForkpadError('TaskStoppedError', 'TASK_STOPPED', `${task} is stopped: ${why}`),
} as const;
