import { describe, expect, it } from 'vitest';
import { ForkpadError } from '../../../workers/common/errors.ts';
import type { HostApi } from '../../../workers/common/host-api.ts';
import type { RpcMessage } from '../../../workers/common/rpc-messages.ts';
import { serveRpc, type Port } from '../../../workers/common/rpc.ts';
import { HOST_REQUEST_LIMITS } from './host-api-schemas.ts';
import { hostRequestError, validateHostRequest } from './validate-host-request.ts';

const L = HOST_REQUEST_LIMITS;
const change = { uri: 'untitled:1', version: 2, edits: [{ offset: 0, length: 0, text: 'hi' }], keys: [{ kind: 'character', at: 1.5 }] };

/** Requests every host must accept. */
const valid: readonly (readonly [keyof HostApi, unknown])[] = [
  ['hello', null],
  ['change', change],
  ['change', { uri: 'file:///tmp/a.md', version: 0, edits: [], keys: [] }],
  ['change', { ...change, edits: [{ offset: 3, length: 2, text: '\uD800 lone, 👩‍👩‍👧 ZWJ, e\u0301, \r\n, \u0000' }] }],
  ['setVisibleRange', { uri: 'untitled:1', version: 2, range: { start: 0, end: 10 } }],
  ['setIsolation', { preset: 'mix' }],
  ['setIsolation', { task: 'grammar', kind: 'process' }],
  ['taskAction', { task: 'spellcheck', action: 'restart' }],
  ['taskAction', { task: 'render', action: 'fault', fault: { kind: 'busy', durationMs: 5000 } }],
  ['taskAction', { task: 'render', action: 'fault', fault: { kind: 'crash' } }],
  ['setSettings', {}],
  ['setSettings', { theme: 'dark', refreshMs: 250, previewVisible: false }],
  ['setSettings', { grammarPoolSize: 2 }],
  ['resync', { uri: 'untitled:1', version: 7, text: 'whole text\r\n' }],
  ['newDocument', {}],
  ['newDocument', { discardUnsaved: true }],
  ['open', { path: 'notes/today.md' }],
  ['openRecent', { path: '/home/ada/notes.md', discardUnsaved: false }],
  ['save', { uri: 'file:///home/ada/notes.md' }],
  ['saveAs', { uri: 'untitled:1', path: 'drafts/ünïcödé 📝.md', overwrite: true }],
  ['listWorkspace', {}],
  ['listWorkspace', { path: '' }],
  ['suggest', { word: 'recieve' }],
  ['addToDictionary', { word: 'Forkpad’s' }],
  ['ignoreRule', { rule: 'SentenceCapitalization' }],
];

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

function cyclic(): unknown {
  const edit: Record<string, unknown> = { offset: 0, length: 0, text: '' };
  edit.self = edit;
  return { ...change, edits: [edit] };
}

/** The malformed-message corpus: [method, request, words the error must contain]. */
const malformed: readonly (readonly [string, unknown, string])[] = [
  // unknown or prototype-reaching methods
  ['constructor', null, 'Unknown method'],
  ['__proto__', null, 'Unknown method'],
  ['toString', null, 'Unknown method'],
  ['openFile', { path: '/etc/passwd' }, 'Unknown method'],
  // wrong types
  ['hello', {}, 'hello request'],
  ['change', null, 'change request'],
  ['change', 'text', 'change request'],
  ['change', { ...change, version: '2' }, 'version'],
  ['change', { ...change, version: -1 }, 'version'],
  ['change', { ...change, version: 1.5 }, 'version'],
  ['change', { ...change, edits: 'abc' }, 'edits'],
  ['change', { ...change, edits: [{ offset: -1, length: 0, text: '' }] }, 'edits.0.offset'],
  ['change', { ...change, edits: [{ offset: Number.NaN, length: 0, text: '' }] }, 'edits.0.offset'],
  ['change', { ...change, edits: [{ offset: 0, length: Number.POSITIVE_INFINITY, text: '' }] }, 'edits.0.length'],
  ['change', { ...change, edits: [{ offset: 0, length: 0, text: 42 }] }, 'edits.0.text'],
  ['change', { ...change, keys: [{ kind: 'telepathy', at: 0 }] }, 'keys.0.kind'],
  ['change', { ...change, keys: [{ kind: 'enter', at: Number.NaN }] }, 'keys.0.at'],
  ['setIsolation', { preset: 'turbo' }, 'setIsolation request'],
  ['setIsolation', { task: 'grammar', kind: 'gpu' }, 'setIsolation request'],
  ['setIsolation', { task: 'mail', kind: 'thread' }, 'setIsolation request'],
  ['taskAction', { task: 'grammar', action: 'explode' }, 'action'],
  ['taskAction', { task: 'grammar', action: 'fault', fault: { kind: 'meltdown' } }, 'fault.kind'],
  ['setSettings', { theme: 'neon' }, 'theme'],
  ['setSettings', { refreshMs: 100 }, 'refreshMs'],
  ['setSettings', { grammarPoolSize: 0 }, 'grammarPoolSize'],
  ['setSettings', { grammarPoolSize: 1.5 }, 'grammarPoolSize'],
  ['setSettings', { previewVisible: 'yes' }, 'previewVisible'],
  ['setVisibleRange', { uri: 'untitled:1', version: 1, range: { start: 9, end: 3 } }, 'ends before it starts'],
  ['open', { path: 42 }, 'path'],
  ['saveAs', { uri: 'untitled:1', path: 'a.md', overwrite: 'yes' }, 'overwrite'],
  ['newDocument', { discardUnsaved: 1 }, 'discardUnsaved'],
  ['open', { path: 'notes.md\u0000.png' }, 'control character'],
  ['open', { path: '' }, 'path'],
  ['addToDictionary', { word: 'two words' }, 'whitespace'],
  ['addToDictionary', { word: 'line\ninjection' }, 'control character'],
  ['addToDictionary', { word: '' }, 'word'],
  ['ignoreRule', { rule: 'Rule\u0007' }, 'control character'],
  ['suggest', { word: 'w'.repeat(L.maxWordLength + 1) }, 'word'],
  ['resync', { uri: 'untitled:1', version: 1, text: 'x'.repeat(L.maxChangeTextLength + 1) }, 'text'],
  // missing and extra fields
  ['save', {}, 'missing field "uri"'],
  ['listWorkspace', { path: 'a', recursive: true }, 'unexpected field "recursive"'],
  ['change', { uri: 'untitled:1', version: 1, edits: [] }, 'keys'],
  ['change', { version: 1, edits: [], keys: [] }, 'uri'],
  ['setVisibleRange', { uri: 'untitled:1', version: 1 }, 'range'],
  ['taskAction', { task: 'grammar', action: 'fault' }, 'fault'],
  ['change', { ...change, evil: true }, 'evil'],
  ['setIsolation', { preset: 'mix', task: 'grammar', kind: 'inline' }, 'setIsolation request'],
  // oversized
  ['change', { ...change, uri: 'u'.repeat(L.maxUriLength + 1) }, 'uri'],
  ['change', { ...change, edits: Array.from({ length: L.maxEditsPerChange + 1 }, () => ({ offset: 0, length: 0, text: '' })) }, 'edits: Invalid length'],
  ['change', { ...change, keys: Array.from({ length: L.maxKeysPerChange + 1 }, () => ({ kind: 'other', at: 0 })) }, 'keys'],
  ['change', { ...change, edits: [{ offset: L.maxOffset + 1, length: 0, text: '' }] }, 'edits.0.offset'],
  ['change', { ...change, edits: [{ offset: 0, length: 0, text: 'x'.repeat(L.maxChangeTextLength + 1) }] }, 'edits.0.text'],
  [
    'change',
    { ...change, edits: [{ offset: 0, length: 0, text: 'x'.repeat(L.maxChangeTextLength / 2 + 1) }, { offset: 0, length: 0, text: 'x'.repeat(L.maxChangeTextLength / 2) }] },
    'longer than',
  ],
  ['taskAction', { task: 'render', action: 'fault', fault: { kind: 'busy', durationMs: 1e9 } }, 'durationMs'],
  // prototype-reaching keys, as JSON.parse and structured clone deliver them (own properties)
  ['change', JSON.parse('{"uri":"untitled:1","version":1,"edits":[],"keys":[],"__proto__":{"polluted":true}}'), '__proto__'],
  ['change', JSON.parse('{"uri":"untitled:1","version":1,"edits":[{"offset":0,"length":0,"text":"","__proto__":{}}],"keys":[]}'), 'edits[0].__proto__'],
  ['setSettings', { constructor: { prototype: { polluted: true } } }, 'constructor'],
  ['setSettings', JSON.parse('{"prototype":1}'), 'prototype'],
  // deep nesting, cycles and exotic values
  ['change', { ...change, edits: nested(10_000) }, 'nested deeper'],
  ['setSettings', nested(5), 'nested deeper'],
  ['change', cyclic(), 'change request'],
  ['change', { ...change, uri: new Date(0) }, 'not a plain object'],
  ['change', { ...change, edits: new Map() }, 'not a plain object'],
  ['setSettings', { theme: Symbol('dark') }, 'symbol'],
  ['setSettings', { refreshMs: 1000n }, 'bigint'],
  ['setSettings', { [Symbol('key')]: 1 }, 'symbol key'],
  ['hello', () => null, 'function'],
];

describe('host request validation', () => {
  it.each(valid)('accepts %s %j', (method, request) => {
    expect(hostRequestError(method, request)).toBeUndefined();
  });

  it.each(malformed.map(([method, request, words]) => [method, words, request] as const))(
    'rejects %s (%s)',
    (method, words, request) => {
      const error = hostRequestError(method, request);
      expect(error).toBeInstanceOf(ForkpadError);
      expect(error?.code).toMatch(/^(INVALID_INPUT|UNKNOWN_METHOD)$/);
      expect(error?.message).toContain(words);
      expect(() => validateHostRequest(method, request)).toThrow(error?.message);
    },
  );

  it('does not pollute any prototype while checking', () => {
    hostRequestError('change', JSON.parse('{"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a huge structure without walking all of it', () => {
    // Counted, not timed: every read of an item goes through the proxy, whoever makes it (the
    // structure guard or the schema), and no other process on the machine can change the count.
    let itemReads = 0;
    const keys = new Proxy(Array.from({ length: 2_000_000 }, () => ({ kind: 'other', at: 0 })), {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) itemReads += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const error = hostRequestError('change', { ...change, keys });
    expect(error?.message).toContain('more than');
    expect(itemReads).toBeLessThanOrEqual(L.maxValues);
  });
});

describe('validation inside serveRpc', () => {
  function loopback() {
    const toServer = new Set<(message: unknown) => void>();
    const replies: RpcMessage[] = [];
    const port: Port = {
      post: (message) => replies.push(message),
      listen: (handler) => {
        toServer.add(handler);
        return () => toServer.delete(handler);
      },
    };
    const send = (message: unknown) => toServer.forEach((handler) => handler(message));
    return { port, replies, send };
  }

  it('answers a malformed call with a clear error and never calls the handler', async () => {
    const { port, replies, send } = loopback();
    const reached: unknown[] = [];
    const server = serveRpc(port, { change: (request: unknown) => reached.push(request) }, { label: '[test host]', validate: validateHostRequest });
    send({ type: 'call', id: 1, method: 'change', request: JSON.parse('{"__proto__":{},"uri":"x"}') as unknown });
    send({ type: 'call', id: 2, method: 'change', request: change });
    await new Promise((resolve) => setTimeout(resolve, 0));
    server.close();
    expect(reached).toEqual([change]);
    const byId = (id: number) => replies.find((reply) => 'id' in reply && reply.id === id);
    const rejected = byId(1);
    expect(rejected?.type).toBe('error');
    expect(rejected?.type === 'error' && rejected.error.message).toContain('Invalid change request: __proto__ is a forbidden key');
    expect(byId(2)?.type).toBe('result');
  });
});
