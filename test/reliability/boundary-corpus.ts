/**
 * The malformed-message corpus for the host's boundary: one list of renderer → host calls that
 * must all be refused, by category, shared by every transport that carries `HostApi` (the web
 * host's WebSocket in test/reliability/boundary.test.ts; Electron's IPC port there too, and in
 * main/electron tests that import it). Each entry says what the refusal must mention.
 *
 * `wire` is the request as JSON text would deliver it (so `__proto__` arrives as an own key),
 * and is absent for values JSON cannot carry, which only structured clone (IPC) delivers.
 */
import { HOST_REQUEST_LIMITS as L } from '../../main/core/boundary/host-api-schemas.ts';

export type BoundaryCategory =
  | 'unknown method'
  | 'wrong type'
  | 'missing field'
  | 'extra field'
  | 'oversized'
  | 'prototype key'
  | 'deep nesting'
  | 'exotic value';

export interface MalformedCall {
  readonly category: BoundaryCategory;
  readonly method: string;
  readonly request: unknown;
  /** The refusal's message must match this. */
  readonly says: RegExp;
  /** False for values JSON cannot carry (they reach the host only over IPC). */
  readonly json: boolean;
}

const change = { uri: 'untitled:1', version: 1, edits: [{ offset: 0, length: 0, text: 'x' }], keys: [{ kind: 'character', at: 1 }] };

function nested(depth: number, leaf: unknown = 'leaf'): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

function deepObject(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

function cyclic(): unknown {
  const edit: Record<string, unknown> = { offset: 0, length: 0, text: '' };
  edit.self = edit;
  return { ...change, edits: [edit] };
}

const entries: [BoundaryCategory, string, unknown, RegExp][] = [
  // Methods that are not HostApi's, including ones that reach for prototypes or internals.
  ['unknown method', 'constructor', null, /Unknown method/],
  ['unknown method', '__proto__', null, /Unknown method/],
  ['unknown method', 'toString', null, /Unknown method/],
  ['unknown method', 'hasOwnProperty', { uri: 'x' }, /Unknown method/],
  ['unknown method', 'dispose', null, /Unknown method/],
  ['unknown method', 'attach', null, /Unknown method/],
  ['unknown method', 'openFile', { path: '/etc/passwd' }, /Unknown method/],
  ['unknown method', '', null, /Unknown method/],
  // Wrong types.
  ['wrong type', 'hello', {}, /hello request/],
  ['wrong type', 'hello', 'hi', /hello request/],
  ['wrong type', 'change', null, /change request/],
  ['wrong type', 'change', [], /change request/],
  ['wrong type', 'change', 'text', /change request/],
  ['wrong type', 'change', 42, /change request/],
  ['wrong type', 'change', { ...change, uri: 7 }, /uri/],
  ['wrong type', 'change', { ...change, version: '2' }, /version/],
  ['wrong type', 'change', { ...change, version: -1 }, /version/],
  ['wrong type', 'change', { ...change, version: 1.5 }, /version/],
  ['wrong type', 'change', { ...change, version: 2 ** 53 }, /version/],
  ['wrong type', 'change', { ...change, edits: 'abc' }, /edits/],
  ['wrong type', 'change', { ...change, edits: [null] }, /edits/],
  ['wrong type', 'change', { ...change, edits: [{ offset: -1, length: 0, text: '' }] }, /edits\.0\.offset/],
  ['wrong type', 'change', { ...change, edits: [{ offset: '0', length: 0, text: '' }] }, /edits\.0\.offset/],
  ['wrong type', 'change', { ...change, edits: [{ offset: 0, length: true, text: '' }] }, /edits\.0\.length/],
  ['wrong type', 'change', { ...change, edits: [{ offset: 0, length: 0, text: 42 }] }, /edits\.0\.text/],
  ['wrong type', 'change', { ...change, edits: [{ offset: 0, length: 0, text: ['a'] }] }, /edits\.0\.text/],
  ['wrong type', 'change', { ...change, keys: [{ kind: 'telepathy', at: 0 }] }, /keys\.0\.kind/],
  ['wrong type', 'change', { ...change, keys: 'enter' }, /keys/],
  ['wrong type', 'setVisibleRange', { uri: 'untitled:1', version: 1, range: { start: 9, end: 3 } }, /ends before it starts/],
  ['wrong type', 'setVisibleRange', { uri: 'untitled:1', version: 1, range: [0, 3] }, /range/],
  ['wrong type', 'setIsolation', { preset: 'turbo' }, /setIsolation request/],
  ['wrong type', 'setIsolation', { task: 'grammar', kind: 'gpu' }, /setIsolation request/],
  ['wrong type', 'setIsolation', { task: 'mail', kind: 'thread' }, /setIsolation request/],
  ['wrong type', 'taskAction', { task: 'grammar', action: 'explode' }, /action/],
  ['wrong type', 'taskAction', { task: 'grammar', action: 'fault', fault: { kind: 'meltdown' } }, /fault\.kind/],
  ['wrong type', 'taskAction', { task: 'grammar', action: 'fault', fault: { kind: 'busy', durationMs: -5 } }, /durationMs/],
  ['wrong type', 'taskAction', { task: 'render', action: 'kill', fault: { kind: 'crash' } }, /fault|unexpected/],
  ['wrong type', 'setSettings', { theme: 'neon' }, /theme/],
  ['wrong type', 'setSettings', { refreshMs: 100 }, /refreshMs/],
  ['wrong type', 'setSettings', { refreshMs: '1000' }, /refreshMs/],
  ['wrong type', 'setSettings', { previewVisible: 'yes' }, /previewVisible/],
  ['wrong type', 'setSettings', null, /setSettings request/],
  ['wrong type', 'resync', { uri: 'untitled:1', version: 1, text: null }, /text/],
  ['wrong type', 'newDocument', { discardUnsaved: 1 }, /discardUnsaved/],
  ['wrong type', 'open', { path: 42 }, /path/],
  ['wrong type', 'open', { path: '' }, /path/],
  ['wrong type', 'open', { path: 'notes.md\u0000.png' }, /control character/],
  ['wrong type', 'openRecent', { path: 'a\nb.md' }, /control character/],
  ['wrong type', 'save', { uri: '' }, /uri/],
  ['wrong type', 'saveAs', { uri: 'untitled:1', path: 'a.md', overwrite: 'yes' }, /overwrite/],
  ['wrong type', 'listWorkspace', { path: 7 }, /path/],
  ['wrong type', 'suggest', { word: 'two words' }, /whitespace/],
  ['wrong type', 'suggest', { word: 3 }, /word/],
  ['wrong type', 'addToDictionary', { word: 'line\ninjection' }, /control character/],
  ['wrong type', 'addToDictionary', { word: '' }, /word/],
  ['wrong type', 'ignoreRule', { rule: 'Rule\u0007' }, /control character/],
  // Missing fields.
  ['missing field', 'change', { uri: 'untitled:1', version: 1, edits: [] }, /keys/],
  ['missing field', 'change', { version: 1, edits: [], keys: [] }, /uri/],
  ['missing field', 'change', { ...change, edits: [{ offset: 0, length: 0 }] }, /edits\.0\.text/],
  ['missing field', 'setVisibleRange', { uri: 'untitled:1', version: 1 }, /range/],
  ['missing field', 'taskAction', { task: 'grammar', action: 'fault' }, /fault/],
  ['missing field', 'taskAction', { action: 'restart' }, /task/],
  ['missing field', 'save', {}, /missing field "uri"/],
  ['missing field', 'saveAs', { uri: 'untitled:1' }, /path/],
  ['missing field', 'resync', { uri: 'untitled:1', version: 1 }, /text/],
  ['missing field', 'suggest', {}, /word/],
  // Fields the API does not have.
  ['extra field', 'change', { ...change, evil: true }, /evil/],
  ['extra field', 'listWorkspace', { path: 'a', recursive: true }, /unexpected field "recursive"/],
  ['extra field', 'setIsolation', { preset: 'mix', task: 'grammar', kind: 'inline' }, /setIsolation request/],
  ['extra field', 'open', { path: 'a.md', encoding: 'latin1' }, /encoding/],
  // Oversized: each one just past its limit.
  ['oversized', 'change', { ...change, uri: 'u'.repeat(L.maxUriLength + 1) }, /uri/],
  ['oversized', 'change', { ...change, edits: Array.from({ length: L.maxEditsPerChange + 1 }, () => ({ offset: 0, length: 0, text: '' })) }, /edits/],
  ['oversized', 'change', { ...change, keys: Array.from({ length: L.maxKeysPerChange + 1 }, () => ({ kind: 'other', at: 0 })) }, /keys/],
  ['oversized', 'change', { ...change, edits: [{ offset: L.maxOffset + 1, length: 0, text: '' }] }, /edits\.0\.offset/],
  ['oversized', 'change', { ...change, edits: [{ offset: 0, length: 0, text: 'x'.repeat(L.maxChangeTextLength + 1) }] }, /edits\.0\.text/],
  ['oversized', 'resync', { uri: 'untitled:1', version: 1, text: 'x'.repeat(L.maxChangeTextLength + 1) }, /text/],
  ['oversized', 'open', { path: 'p'.repeat(L.maxPathLength + 1) }, /path/],
  ['oversized', 'suggest', { word: 'w'.repeat(L.maxWordLength + 1) }, /word/],
  ['oversized', 'addToDictionary', { word: 'w'.repeat(100_000) }, /word/],
  ['oversized', 'ignoreRule', { rule: 'R'.repeat(L.maxRuleLength + 1) }, /rule/],
  ['oversized', 'taskAction', { task: 'render', action: 'fault', fault: { kind: 'busy', durationMs: L.maxFaultDurationMs + 1 } }, /durationMs/],
  ['oversized', 'setVisibleRange', { uri: 'untitled:1', version: 1, range: { start: 0, end: L.maxOffset + 1 } }, /range\.end/],
  // Keys that reach for prototypes, as JSON.parse and structured clone deliver them: own properties.
  ['prototype key', 'change', JSON.parse('{"uri":"untitled:1","version":1,"edits":[],"keys":[],"__proto__":{"polluted":true}}'), /__proto__/],
  ['prototype key', 'change', JSON.parse('{"uri":"untitled:1","version":1,"edits":[{"offset":0,"length":0,"text":"","__proto__":{}}],"keys":[]}'), /edits\[0\]\.__proto__/],
  ['prototype key', 'change', JSON.parse('{"uri":"untitled:1","version":1,"edits":[],"keys":[{"kind":"other","at":0,"constructor":{"prototype":{"x":1}}}]}'), /constructor/],
  ['prototype key', 'setSettings', { constructor: { prototype: { polluted: true } } }, /constructor/],
  ['prototype key', 'setSettings', JSON.parse('{"prototype":1}'), /prototype/],
  ['prototype key', 'open', JSON.parse('{"path":"a.md","__proto__":{"discardUnsaved":true}}'), /__proto__/],
  ['prototype key', 'taskAction', JSON.parse('{"task":"render","action":"fault","fault":{"kind":"crash","__proto__":{"durationMs":1}}}'), /__proto__/],
  // Deep nesting and size of structure.
  ['deep nesting', 'change', { ...change, edits: nested(1_000) }, /nested deeper/],
  ['deep nesting', 'setSettings', nested(5), /nested deeper/],
  ['deep nesting', 'hello', deepObject(1_000), /nested deeper/],
  ['deep nesting', 'setSettings', { theme: deepObject(50) }, /nested deeper/],
  ['deep nesting', 'change', { ...change, keys: Array.from({ length: 300_000 }, () => ({ kind: 'other', at: 0 })) }, /more than/],
];

/** Values structured clone carries and JSON does not (IPC only). */
const exotic: [string, unknown, RegExp][] = [
  ['change', cyclic(), /change request/],
  ['change', { ...change, uri: new Date(0) }, /not a plain object/],
  ['change', { ...change, edits: new Map([[0, { offset: 0 }]]) }, /not a plain object/],
  ['change', { ...change, edits: new Set([1]) }, /not a plain object/],
  ['setSettings', { refreshMs: 1000n }, /bigint/],
  ['change', { ...change, edits: [{ offset: 0, length: 0, text: new String('x') }] }, /not a plain object/],
  ['change', { ...change, edits: new Uint8Array(4) }, /not a plain object/],
];

export const MALFORMED_CALLS: readonly MalformedCall[] = [
  ...entries.map(([category, method, request, says]) => ({ category, method, request, says, json: true })),
  ...exotic.map(([method, request, says]) => ({ category: 'exotic value' as const, method, request, says, json: false })),
];

/** Frames that are not RPC messages at all (WebSocket only): each gets a `protocolError` event. */
export const MALFORMED_FRAMES: readonly { readonly name: string; readonly frame: string | Buffer; readonly says: RegExp }[] = [
  { name: 'not JSON', frame: 'this is not json', says: /not JSON/ },
  { name: 'truncated JSON', frame: '{"type":"call","id":1,"method":"hello","request":', says: /not JSON/ },
  { name: 'JSON nested 200,000 deep', frame: `${'['.repeat(200_000)}${']'.repeat(200_000)}`, says: /not JSON|not an RPC message/ },
  { name: 'binary frame', frame: Buffer.from([1, 2, 3]), says: /binary/ },
  { name: 'a call without an id', frame: JSON.stringify({ type: 'call', method: 'hello', request: null }), says: /not an RPC message/ },
  { name: 'a negative id', frame: JSON.stringify({ type: 'call', id: -5, method: 'hello', request: null }), says: /not an RPC message/ },
  { name: 'a method name of 100 characters', frame: JSON.stringify({ type: 'call', id: 7, method: 'x'.repeat(100), request: null }), says: /not an RPC message/ },
  { name: 'an unknown message type', frame: JSON.stringify({ type: 'constructor', id: 1 }), says: /not an RPC message/ },
  { name: 'a prototype-reaching message', frame: '{"__proto__":{"type":"call"},"id":1}', says: /not an RPC message/ },
  { name: 'a bare array', frame: '[]', says: /not an RPC message/ },
  { name: 'null', frame: 'null', says: /not an RPC message/ },
];

/** Counts per category, for the figures. */
export function countByCategory(calls: readonly MalformedCall[]): Map<BoundaryCategory, number> {
  const counts = new Map<BoundaryCategory, number>();
  for (const call of calls) counts.set(call.category, (counts.get(call.category) ?? 0) + 1);
  return counts;
}
