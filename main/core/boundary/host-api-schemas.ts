/**
 * Valibot schemas for every request of `HostApi` (workers/common/host-api.ts), with the size
 * limits the host enforces at its boundary. Objects are strict: an unknown field is an error,
 * since the renderer and host ship together and a stray field means a bug or an attack.
 */
import * as v from 'valibot';
import { MAX_DOCUMENT_LENGTH } from '../../../workers/common/document.ts';
import type { HostApi } from '../../../workers/common/host-api.ts';
import { CHANGE_LIMITS } from '../../../workers/common/limits.ts';
import { CLAIM_IDS } from '../../../workers/common/lesson.ts';
import type { RequestOf } from '../../../workers/common/rpc.ts';
import type { FaultKind, KeyKind } from '../../../workers/common/task-api.ts';
import { HOST_KINDS, PRESETS, TASK_IDS } from '../../../workers/common/tasks.ts';

/**
 * The limits of one renderer → host request; docs/security.md lists them. Those of a change are
 * the tasks' too (workers/common/limits.ts), so what passes here passes every task.
 */
export const HOST_REQUEST_LIMITS = {
  ...CHANGE_LIMITS,
  /** A grammar rule name. */
  maxRuleLength: 128,
  /** Offsets and lengths never exceed the largest document. */
  maxOffset: MAX_DOCUMENT_LENGTH,
  /** An injected `busy` or inline `hang` lasts at most this long. */
  maxFaultDurationMs: 60_000,
  minRefreshMs: 250,
  maxRefreshMs: 5_000,
  /** Structural bounds checked before any schema (see structure-guard.ts). */
  maxDepth: 4,
  maxValues: 4 * CHANGE_LIMITS.maxEditsPerChange + 3 * CHANGE_LIMITS.maxKeysPerChange + 64,
} as const;

const L = HOST_REQUEST_LIMITS;

const KEY_KINDS = ['character', 'backspace', 'delete', 'enter', 'paste', 'other'] as const satisfies readonly KeyKind[];
const FAULT_KINDS = ['crash', 'hang', 'leak', 'busy', 'race'] as const satisfies readonly FaultKind[];
const PRESET_IDS = PRESETS.map((preset) => preset.id);

/** A strict object whose errors name the field: "missing field "keys"", "unexpected field "evil"". */
function strict<const E extends v.ObjectEntries>(entries: E) {
  return v.strictObject(entries, (issue) => {
    if (issue.expected === 'never') return `unexpected field ${issue.received}`;
    if (issue.received === 'undefined' && issue.expected?.startsWith('"')) return `missing field ${issue.expected}`;
    return `expected an object, received ${issue.received}`;
  });
}

const count = (max: number) => v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(max));
const uri = v.pipe(v.string(), v.minLength(1), v.maxLength(L.maxUriLength));
const version = count(Number.MAX_SAFE_INTEGER);
const taskId = v.picklist(TASK_IDS);
const flag = v.optional(v.boolean());

/** No control characters: a NUL ends a path in the OS, a newline would split a dictionary line. */
const printable = (max: number, what: string) =>
  v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(max),
    v.regex(/^[^\p{Cc}]*$/u, `${what} contains a control character`),
  );
const path = printable(L.maxPathLength, 'the path');
/** A dictionary word is one token: no whitespace. */
const word = v.pipe(printable(L.maxWordLength, 'the word'), v.regex(/^\S+$/u, 'the word contains whitespace'));

const textEdit = strict({
  offset: count(L.maxOffset),
  length: count(L.maxOffset),
  text: v.pipe(v.string(), v.maxLength(L.maxChangeTextLength)),
});

const keyEvent = strict({
  kind: v.picklist(KEY_KINDS),
  at: v.pipe(v.number(), v.finite()),
});

const changeRequest = v.pipe(
  strict({
    uri,
    version,
    edits: v.pipe(v.array(textEdit), v.maxLength(L.maxEditsPerChange), v.readonly()),
    keys: v.pipe(v.array(keyEvent), v.maxLength(L.maxKeysPerChange), v.readonly()),
  }),
  v.check(
    (change) => change.edits.reduce((total, edit) => total + edit.text.length, 0) <= L.maxChangeTextLength,
    `the inserted text is longer than ${L.maxChangeTextLength} code units in total`,
  ),
);

const textRange = v.pipe(
  strict({ start: count(L.maxOffset), end: count(L.maxOffset) }),
  v.check((range) => range.start <= range.end, 'the range ends before it starts'),
);

const isolationRequest = v.union(
  [strict({ preset: v.picklist(PRESET_IDS) }), strict({ task: taskId, kind: v.picklist(HOST_KINDS) })],
  `expected { preset: ${PRESET_IDS.join(' | ')} } or { task: ${TASK_IDS.join(' | ')}, kind: ${HOST_KINDS.join(' | ')} }`,
);

const fault = strict({
  kind: v.picklist(FAULT_KINDS),
  durationMs: v.optional(count(L.maxFaultDurationMs)),
});

const taskAction = v.variant('action', [
  strict({ task: taskId, action: v.picklist(['restart', 'end', 'kill']) }),
  strict({ task: taskId, action: v.literal('fault'), fault }),
]);

const settings = strict({
  previewVisible: v.optional(v.boolean()),
  monitorVisible: v.optional(v.boolean()),
  theme: v.optional(v.picklist(['system', 'light', 'dark'])),
  refreshMs: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(L.minRefreshMs), v.maxValue(L.maxRefreshMs))),
  // Bounded here only against absurd input: the host clamps the size to its own cores.
  grammarPoolSize: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(1_024))),
});

/** At most each claim once: a longer list could only repeat work. */
const lessonRequest = strict({
  claims: v.optional(
    v.pipe(
      v.array(v.picklist(CLAIM_IDS)),
      v.maxLength(CLAIM_IDS.length),
      v.check((claims) => new Set(claims).size === claims.length, 'a claim is named twice'),
      v.readonly(),
    ),
  ),
});

/** One schema per `HostApi` method. */
export const HOST_REQUEST_SCHEMAS = {
  hello: v.null(),
  change: changeRequest,
  setVisibleRange: strict({ uri, version, range: textRange }),
  setIsolation: isolationRequest,
  taskAction,
  setSettings: settings,
  resync: strict({ uri, version, text: v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_LENGTH)) }),
  newDocument: strict({ discardUnsaved: flag, welcome: flag }),
  open: strict({ path, discardUnsaved: flag }),
  openRecent: strict({ path, discardUnsaved: flag }),
  save: strict({ uri }),
  saveAs: strict({ uri, path, overwrite: flag }),
  listWorkspace: strict({ path: v.optional(v.pipe(v.string(), v.maxLength(L.maxPathLength), v.regex(/^[^\p{Cc}]*$/u, 'the path contains a control character'))) }),
  suggest: strict({ word }),
  addToDictionary: strict({ word }),
  ignoreRule: strict({ rule: printable(L.maxRuleLength, 'the rule name') }),
  measureLesson: lessonRequest,
} satisfies { readonly [K in keyof HostApi]: v.GenericSchema<unknown, RequestOf<HostApi[K]>> };

// ---- compile-time proof that each schema accepts exactly its HostApi request type ----------

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaMatchesRequest = {
  readonly [K in keyof HostApi]: Exact<v.InferOutput<(typeof HOST_REQUEST_SCHEMAS)[K]>, RequestOf<HostApi[K]>>;
};
/** Fails to compile when a schema's output and its request type drift apart (either way). */
export const SCHEMAS_MATCH_HOST_API: { readonly [K in keyof HostApi]: true } = {} as SchemaMatchesRequest;
