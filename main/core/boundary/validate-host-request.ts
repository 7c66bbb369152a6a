/**
 * The host's boundary check for renderer → host calls, shared by the Electron IPC and the web
 * host's WebSocket: pass `validateHostRequest` as `serveRpc`'s `validate` option. A request that
 * fails is answered with a clear `InvalidInputError` (or `TooLargeError`) and never reaches the
 * session or a task.
 */
import * as v from 'valibot';
import { Errors, type ForkpadError } from '../../../workers/common/errors.ts';
import type { HostApi } from '../../../workers/common/host-api.ts';
import { HOST_REQUEST_LIMITS, HOST_REQUEST_SCHEMAS } from './host-api-schemas.ts';
import { checkStructure } from './structure-guard.ts';

/** How many schema issues an error message names before it says "and N more". */
const MAX_ISSUES_SHOWN = 3;

function isHostMethod(method: string): method is keyof HostApi {
  return Object.hasOwn(HOST_REQUEST_SCHEMAS, method);
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * Returns the error a request deserves, or undefined when it is valid. Never throws, whatever
 * `request` is (cyclic, deeply nested, huge, a class instance).
 */
export function hostRequestError(method: string, request: unknown): ForkpadError | undefined {
  if (!isHostMethod(method)) return Errors.unknownMethod(method);
  const what = `${method} request`;
  const structural = checkStructure(request, HOST_REQUEST_LIMITS);
  if (structural !== undefined) return Errors.invalidInput(what, structural);
  const result = v.safeParse(HOST_REQUEST_SCHEMAS[method], request, { abortPipeEarly: true });
  if (result.success) return undefined;
  return Errors.invalidInput(what, describeIssues(result.issues));
}

/** `serveRpc`'s `validate` option: throws the error `hostRequestError` describes. */
export function validateHostRequest(method: string, request: unknown): void {
  const error = hostRequestError(method, request);
  if (error) throw error;
}
