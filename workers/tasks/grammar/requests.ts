/**
 * The grammar task checks its requests itself: it may run inline, with no boundary between it
 * and the host, and bad input must become a clear error, never a harper call on garbage.
 */
import * as v from 'valibot';
import { Errors } from '../../common/errors.ts';
import type { RequestOf } from '../../common/rpc.ts';
import type { GrammarApi } from '../../common/task-api.ts';

/** Open and change are checked as every text task checks them. */
export { parseChange, parseOpen as parseOpenRequest } from '../text/requests.ts';

export type CheckRequest = RequestOf<GrammarApi['check']>;

const MAX_RULES = 2_000;
/** More shards than any machine's cores would only be a malformed request. */
const MAX_SHARDS = 1_024;
const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const CheckSchema = v.object({
  version: Count,
  visible: v.optional(
    v.pipe(
      v.object({ start: Count, end: Count }),
      v.check((range) => range.start <= range.end, 'visible.start must not be after visible.end'),
    ),
  ),
  shard: v.optional(
    v.pipe(
      v.object({ index: Count, count: v.pipe(Count, v.minValue(1), v.maxValue(MAX_SHARDS)) }),
      v.check((shard) => shard.index < shard.count, 'shard.index must be below shard.count'),
    ),
  ),
});

const RulesSchema = v.object({
  rules: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(MAX_RULES)),
});

function parse<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  throw Errors.invalidInput(what, `${where ? `${where}: ` : ''}${issue?.message ?? 'malformed request'}`);
}

export function parseCheckRequest(value: unknown): CheckRequest {
  return parse(CheckSchema, value, 'check request');
}

export function parseRules(value: unknown): readonly string[] {
  return parse(RulesSchema, value, 'ignored rules').rules;
}
