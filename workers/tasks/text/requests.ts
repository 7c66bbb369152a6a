/**
 * Checks the requests a text task receives. The host validates at its own boundary too, but a
 * task must not trust its caller: a malformed call gets a clear INVALID_INPUT error and leaves
 * the task's document as it was.
 */
import * as v from 'valibot';
import { MAX_DOCUMENT_LENGTH } from '../../common/document.ts';
import { Errors } from '../../common/errors.ts';
import { CHANGE_LIMITS } from '../../common/limits.ts';
import type { OpenRequest } from '../../common/task-api.ts';

/**
 * An open as a task receives it: with the text for a host that keeps its own copy, without it for
 * one that reads the host's shared document (see task-document.ts).
 */
export type OpenNotice = Omit<OpenRequest, 'text'> & { readonly text?: string };

/** An edit as a task receives it: with its text, or (shared document) only how many units it inserted. */
export interface EditNotice {
  readonly offset: number;
  readonly length: number;
  readonly text?: string;
  readonly insertedLength?: number;
}

export interface DocumentNotice {
  readonly uri: string;
  readonly version: number;
  readonly edits: readonly EditNotice[];
}

/** Longest word a task accepts for suggestions or the personal dictionary. */
export const MAX_WORD_LENGTH = CHANGE_LIMITS.maxWordLength;
const MAX_URI_LENGTH = CHANGE_LIMITS.maxUriLength;
const MAX_PATH_LENGTH = CHANGE_LIMITS.maxPathLength;
const MAX_EDITS = CHANGE_LIMITS.maxEditsPerChange;

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const uri = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_URI_LENGTH));
const edit = v.union([
  v.object({ offset: count, length: count, text: v.string() }),
  v.object({ offset: count, length: count, insertedLength: count }),
]);

const openSchema = v.object({
  uri,
  version: count,
  text: v.optional(v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_LENGTH))),
  path: v.nullable(v.pipe(v.string(), v.maxLength(MAX_PATH_LENGTH))),
});
const changeSchema = v.object({ uri, version: count, edits: v.pipe(v.array(edit), v.maxLength(MAX_EDITS)) });
const versionSchema = v.object({ version: count });
const wordSchema = v.object({
  word: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'the word is empty'),
    v.maxLength(MAX_WORD_LENGTH, `the word is longer than ${MAX_WORD_LENGTH} characters`),
    v.check((word) => word.isWellFormed(), 'the word contains a lone surrogate'),
    v.regex(/^[^\s\p{Cc}\p{Cf}]+$/u, 'the word contains white space or control characters'),
  ),
});

function parse<S extends v.GenericSchema>(schema: S, what: string, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue.path?.map((item) => String(item.key)).join('.');
  throw Errors.invalidInput(what, `${where ? `${where}: ` : ''}${issue.message}`);
}

export const parseOpen = (value: unknown): OpenNotice => parse(openSchema, 'open request', value);
export const parseChange = (value: unknown): DocumentNotice => parse(changeSchema, 'change', value);
export const parseVersion = (value: unknown): { version: number } => parse(versionSchema, 'request', value);
/** A word for suggestions or the personal dictionary, trimmed. */
export const parseWord = (value: unknown): string => parse(wordSchema, 'word', value).word;
