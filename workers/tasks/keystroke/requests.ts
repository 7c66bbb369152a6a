/**
 * The keystroke task checks its requests itself: it may run inline, where no boundary stands
 * between it and the host, and a malformed edit must never reach the journal.
 */
import * as v from 'valibot';
import { MAX_DOCUMENT_LENGTH } from '../../common/document.ts';
import { Errors } from '../../common/errors.ts';
import { CHANGE_LIMITS } from '../../common/limits.ts';
import type { KeystrokeChange, OpenRequest, TypingHistory } from '../../common/task-api.ts';

const MAX_URI_LENGTH = CHANGE_LIMITS.maxUriLength;
const MAX_PATH_LENGTH = CHANGE_LIMITS.maxPathLength;

const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const Uri = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_URI_LENGTH));
const EpochMs = v.pipe(v.number(), v.finite());
const KeyEventSchema = v.object({ kind: v.picklist(['character', 'backspace', 'delete', 'enter', 'paste', 'other']), at: EpochMs });

const OpenRequestSchema = v.object({
  uri: Uri,
  version: Count,
  text: v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_LENGTH)),
  path: v.nullable(v.pipe(v.string(), v.maxLength(MAX_PATH_LENGTH))),
  dirty: v.optional(v.boolean()),
});

const KeystrokeChangeSchema = v.object({
  uri: Uri,
  version: Count,
  edits: v.pipe(
    v.array(v.object({ offset: Count, length: Count, text: v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_LENGTH)) })),
    v.maxLength(CHANGE_LIMITS.maxEditsPerChange),
  ),
  keys: v.pipe(v.array(KeyEventSchema), v.maxLength(CHANGE_LIMITS.maxKeysPerChange)),
});

const UriRequestSchema = v.object({ uri: Uri });

/** Far more keys than a minute of typing holds and latencies than a tracker keeps. */
export const MAX_HISTORY_ITEMS = 100_000;

const TypingHistorySchema = v.object({
  keystrokes: Count,
  firstKeyAt: v.nullable(EpochMs),
  lastKeyAt: v.nullable(EpochMs),
  burst: Count,
  recent: v.pipe(v.array(KeyEventSchema), v.maxLength(MAX_HISTORY_ITEMS)),
  latencies: v.pipe(v.array(v.pipe(v.number(), v.finite(), v.minValue(0))), v.maxLength(MAX_HISTORY_ITEMS)),
});

function parse<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  throw Errors.invalidInput(what, `${where ? `${where}: ` : ''}${issue?.message ?? 'malformed request'}`);
}

export function parseOpenRequest(value: unknown, what = 'open request'): OpenRequest {
  return parse(OpenRequestSchema, value, what);
}

export function parseKeystrokeChange(value: unknown): KeystrokeChange {
  return parse(KeystrokeChangeSchema, value, 'change');
}

export function parseTypingHistory(value: unknown): TypingHistory {
  return parse(TypingHistorySchema, value, 'typing history');
}

export function parseUriRequest(value: unknown, what: string): { readonly uri: string } {
  return parse(UriRequestSchema, value, what);
}
