import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../workers/common/document.ts';
import type { ChangeAnswer, ChangeRequest, ResyncRequest } from '../../../workers/common/host-api.ts';
import { DocumentSync, normalizationEdit } from './document-sync.ts';
import { EditHistory } from './edit-history.ts';
import { KeyTimer, keyKind } from './key-timing.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function answerFor(request: ChangeRequest): ChangeAnswer {
  return { uri: request.uri, version: request.version, stats: { lines: 1, words: request.version, characters: 0 } };
}

describe('DocumentSync', () => {
  it('numbers changes consecutively from the host version and sends the edits unchanged', () => {
    const sent: ChangeRequest[] = [];
    const sync = new DocumentSync('untitled:1', 7, {
      send: (request) => (sent.push(request), new Promise(() => undefined)),
      resync: () => Promise.reject(new Error('not expected')),
      text: () => '',
      onAnswer: () => undefined,
      onError: () => undefined,
    });
    sync.change([{ offset: 0, length: 0, text: 'a' }], [{ kind: 'character', at: 1 }]);
    sync.change([{ offset: 1, length: 0, text: 'b' }], []);
    expect(sent.map((request) => request.version)).toEqual([8, 9]);
    expect(sent[0]).toEqual({ uri: 'untitled:1', version: 8, edits: [{ offset: 0, length: 0, text: 'a' }], keys: [{ kind: 'character', at: 1 }] });
  });

  it('ignores an answer for an older version than the newest sent, even when it arrives last', async () => {
    const pending: { request: ChangeRequest; answer: ReturnType<typeof deferred<ChangeAnswer>> }[] = [];
    const shown: number[] = [];
    const sync = new DocumentSync('untitled:1', 0, {
      send: (request) => {
        const answer = deferred<ChangeAnswer>();
        pending.push({ request, answer });
        return answer.promise;
      },
      resync: () => Promise.reject(new Error('not expected')),
      text: () => '',
      onAnswer: (answer) => shown.push(answer.version),
      onError: () => undefined,
    });
    sync.change([{ offset: 0, length: 0, text: 'a' }], []);
    sync.change([{ offset: 1, length: 0, text: 'b' }], []);
    const [first, second] = pending;
    if (!first || !second) throw new Error('two calls expected');
    second.answer.resolve(answerFor(second.request));
    first.answer.resolve(answerFor(first.request));
    await Promise.resolve();
    await Promise.resolve();
    expect(shown).toEqual([2]);
    expect(sync.lastAnswer?.version).toBe(2);
    expect(sync.staleAnswerCount).toBe(1);
  });

  it('repairs refused changes with one resync of the whole text at the newest version', async () => {
    const resyncs: ResyncRequest[] = [];
    const shown: number[] = [];
    const refusals: ((error: Error) => void)[] = [];
    const sync = new DocumentSync('untitled:1', 3, {
      send: () => new Promise((_resolve, reject) => refusals.push(reject)),
      resync: (request) => (resyncs.push(request), Promise.resolve({ uri: request.uri, version: request.version, stats: { lines: 1, words: 2, characters: 3 } })),
      text: () => 'the whole text',
      onAnswer: (answer) => shown.push(answer.version),
      onError: () => undefined,
    });
    sync.change([], []);
    sync.change([], []);
    sync.change([], []);
    const outOfSync = Object.assign(new Error('out of sync'), { code: 'OUT_OF_SYNC' });
    for (const refuse of refusals) refuse(outOfSync);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(resyncs).toEqual([{ uri: 'untitled:1', version: 6, text: 'the whole text' }]);
    expect(shown).toEqual([6]);
  });

  it('reports a change lost with the link instead of resyncing', async () => {
    const errors: [string, number][] = [];
    const sync = new DocumentSync('untitled:1', 3, {
      send: () => Promise.reject(Object.assign(new Error('host gone'), { code: 'HOST_GONE' })),
      resync: () => Promise.reject(new Error('not expected')),
      text: () => '',
      onAnswer: () => undefined,
      onError: (error, version) => errors.push([error.message, version]),
    });
    sync.change([], []);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toEqual([['host gone', 4]]);
  });
});

describe('EditHistory', () => {
  it('maps a range through later edits, and drops it when an edit touches it', () => {
    const history = new EditHistory('u', 1);
    history.record(2, [{ offset: 0, length: 0, text: 'XX' }]);
    expect(history.map('u', 1, { start: 5, end: 8 })).toEqual({ start: 7, end: 10 });
    history.record(3, [{ offset: 8, length: 1, text: '' }]);
    expect(history.map('u', 1, { start: 5, end: 8 })).toBeUndefined();
    expect(history.map('u', 3, { start: 5, end: 8 })).toEqual({ start: 5, end: 8 });
  });

  it('refuses results for another document or a future version', () => {
    const history = new EditHistory('u', 4);
    expect(history.map('v', 4, { start: 0, end: 1 })).toBeUndefined();
    expect(history.map('u', 5, { start: 0, end: 1 })).toBeUndefined();
  });

  it('refuses to record a version that does not follow', () => {
    const history = new EditHistory('u', 4);
    expect(() => history.record(6, [])).toThrow(/version 4/);
  });
});

describe('normalizationEdit', () => {
  it('turns the host text into the editor text with one minimal edit', () => {
    const host = 'one\r\ntwo\rthree\nfour';
    const editor = 'one\ntwo\nthree\nfour';
    const edit = normalizationEdit(host, editor);
    expect(edit).toBeDefined();
    expect(applyEdits(host, edit ? [edit] : [])).toBe(editor);
    expect(normalizationEdit(editor, editor)).toBeUndefined();
  });
});

describe('key timing', () => {
  const key = (value: string, extra: Partial<{ ctrlKey: boolean; altKey: boolean; timeStamp: number }> = {}) => ({
    key: value,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    timeStamp: 0,
    ...extra,
  });

  it('classifies keys', () => {
    expect(keyKind(key('a'))).toBe('character');
    expect(keyKind(key('😀'))).toBe('character');
    expect(keyKind(key('Backspace'))).toBe('backspace');
    expect(keyKind(key('Delete'))).toBe('delete');
    expect(keyKind(key('Enter'))).toBe('enter');
    expect(keyKind(key('v', { ctrlKey: true }))).toBe('paste');
    expect(keyKind(key('a', { ctrlKey: true }))).toBe('other');
    expect(keyKind(key('ArrowLeft'))).toBe('other');
  });

  it('stamps keys in epoch ms and hands an edit only the keys just before it', () => {
    const timer = new KeyTimer(1_000_000);
    timer.record(key('ArrowLeft', { timeStamp: 10 }));
    timer.record(key('x', { timeStamp: 5000 }));
    expect(timer.take(1_005_020)).toEqual([{ kind: 'character', at: 1_005_000 }]);
    expect(timer.take(1_005_030)).toEqual([]);
  });
});
