/**
 * Checks the requests a text task receives. The host validates at its own boundary too, but a
 * task must not trust its caller: a malformed call gets a clear INVALID_INPUT error and leaves
 * the task's document as it was.
 */
import * as v from 'valibot';
import { MAX_DOCUMENT_LENGTH, type DocumentChange } from '../../common/document.ts';
import { Errors } from '../../common/errors.ts';
import type { OpenRequest } from '../../common/task-api.ts';

/** Longest word a task accepts for suggestions or the personal dictionary. */
export const MAX_WORD_LENGTH = 256;
const MAX_URI_LENGTH = 4096;
const MAX_EDITS = 50_000;

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const uri = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_URI_LENGTH));
const edit = v.object({ offset: count, length: count, text: v.string() });

const openSchema = v.object({
  uri,
  version: count,
  text: v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_LENGTH)),
  path: v.nullable(v.pipe(v.string(), v.maxLength(MAX_URI_LENGTH))),
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

export const parseOpen = (value: unknown): OpenRequest => parse(openSchema, 'open request', value);
export const parseChange = (value: unknown): DocumentChange => parse(changeSchema, 'change', value);
export const parseVersion = (value: unknown): { version: number } => parse(versionSchema, 'request', value);
/** A word for suggestions or the personal dictionary, trimmed. */
export const parseWord = (value: unknown): string => parse(wordSchema, 'word', value).word;
