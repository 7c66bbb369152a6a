import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvents } from '../../../workers/common/host-api.ts';
import type { KeyEvent } from '../../../workers/common/task-api.ts';
import { FakeSupervisor } from '../../../test/host/fake-supervisor.ts';
import { waitFor } from '../../../test/host/web-client.ts';
import { EditorSession } from './editor-session.ts';

interface Harness {
  session: EditorSession;
  tasks: FakeSupervisor;
  events: { name: keyof HostEvents; payload: unknown }[];
  logs: string[];
  type: (text: string) => void;
}

const sessions: EditorSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
});

async function harness(options: { durableMs?: number | null; checkMs?: Partial<Record<'render' | 'spellcheck' | 'grammar', number>>; large?: number } = {}): Promise<Harness> {
  const events: Harness['events'] = [];
  const logs: string[] = [];
  const session = new EditorSession({
    document: { snapshot: { uri: 'doc:a', version: 0, text: '' }, path: null, dirty: false },
    emit: (name, payload) => events.push({ name, payload }),
    log: (line) => logs.push(line),
    ignoredRules: () => ['SomeRule'],
    ...(options.large === undefined ? {} : { largeDocumentUnits: options.large }),
  });
  sessions.push(session);
  const tasks = new FakeSupervisor({
    primer: session.primer,
    ...(options.durableMs === undefined ? {} : { durableMs: options.durableMs }),
    ...(options.checkMs ? { checkMs: options.checkMs } : {}),
  });
  session.connect(tasks);
  await tasks.start({ keystroke: 'inline', render: 'thread', spellcheck: 'process', grammar: 'process' });
  const key: KeyEvent = { kind: 'character', at: 1 };
  const type = (text: string) => {
    for (const char of text) session.change({ uri: session.uri, version: session.version + 1, edits: [{ offset: session.text.length, length: 0, text: char }], keys: [key] });
  };
  return { session, tasks, events, logs, type };
}

const named = (events: Harness['events'], name: keyof HostEvents) => events.filter((event) => event.name === name).map((event) => event.payload);

describe('EditorSession', () => {
  it('answers changes from the mirror alone when no tasks are connected', () => {
    const session = new EditorSession({
      document: { snapshot: { uri: 'doc:a', version: 3, text: 'one' }, path: null, dirty: false },
      emit: () => undefined,
      ignoredRules: () => [],
    });
    const answer = session.change({ uri: 'doc:a', version: 4, edits: [{ offset: 3, length: 0, text: ' two' }], keys: [] });
    expect(answer).toEqual({ uri: 'doc:a', version: 4, stats: { lines: 1, words: 2, characters: 7 } });
    expect(session.dirty).toBe(true);
  });

  it('routes every change to every task, keys only to keystroke, and pushes each check result', async () => {
    const { session, tasks, events, type } = await harness();
    type('teh cat');
    await waitFor(() => ['preview', 'spelling', 'grammar'].every((name) => named(events, name as keyof HostEvents).some((result) => (result as { version: number }).version === 7)));
    for (const task of ['keystroke', 'render', 'spellcheck', 'grammar'] as const) expect(tasks.host(task).document?.text).toBe('teh cat');
    const keystrokeChange = tasks.host('keystroke').calls.find((call) => call.method === 'change');
    const renderChange = tasks.host('render').calls.find((call) => call.method === 'change');
    expect(keystrokeChange?.request).toHaveProperty('keys');
    expect(renderChange?.request).not.toHaveProperty('keys');
    const spelling = named(events, 'spelling').at(-1) as { issues: unknown[]; uri: string };
    expect(spelling).toMatchObject({ uri: session.uri, issues: [{ start: 0, end: 3, word: 'teh' }] });
    expect(tasks.ignoredRules).toEqual(['SomeRule']);
  });

  it('forwards durable acknowledgements and typing stats', async () => {
    const { events, type } = await harness({ durableMs: 1 });
    type('abc');
    await waitFor(() => named(events, 'durable').some((durable) => (durable as { version: number }).version === 3));
    // Fetched at most every 500 ms: the ceiling is for a loaded machine, not a claim about speed.
    await waitFor(() => named(events, 'typing').length > 0, 10_000, 'typing stats');
  });

  it('re-opens a restarted keystroke task from the mirror, the unacknowledged changes in its base', async () => {
    const { session, tasks, events, type } = await harness({ durableMs: 1 });
    type('durable');
    await waitFor(() => session.text === 'durable' && tasks.host('keystroke').document?.version === 7);
    await waitFor(() => named(events, 'durable').some((durable) => (durable as { version: number }).version === 7), 10_000, 'the acknowledgement of version 7');
    const holding = new FakeSupervisor({ primer: session.primer, durableMs: null });
    session.connect(holding);
    await holding.start(tasks.model);
    type(' then lost');
    await holding.restart('keystroke');
    const fresh = holding.host('keystroke');
    // The base is at least every version sent (so every one acknowledged): nothing is left to re-send.
    expect(fresh.opens[0]).toMatchObject({ version: session.version, text: 'durable then lost', dirty: true });
    expect(fresh.document?.text).toBe('durable then lost');
    expect(fresh.calls.filter((call) => call.method === 'change')).toEqual([]);
    type('!');
    await waitFor(() => fresh.document?.version === session.version);
    expect(fresh.document?.text).toBe('durable then lost!');
  });

  it('primes a task moved while typing goes on, so it ends equal to the mirror', async () => {
    const { session, tasks, type } = await harness();
    type('before ');
    const moving = tasks.move('grammar', 'thread');
    type('during the move ');
    await moving;
    type('after');
    await waitFor(() => tasks.host('grammar').document?.version === session.version);
    expect(tasks.host('grammar').document?.text).toBe('before during the move after');
    expect(tasks.host('grammar').kind).toBe('thread');
  });

  it('re-primes a task that lost a change, and it catches up', async () => {
    const { session, tasks, type, logs } = await harness();
    type('ab');
    await waitFor(() => tasks.host('render').document?.version === 2);
    tasks.host('render').dropNextChange = true;
    type('cdef');
    await waitFor(() => tasks.host('render').document?.text === 'abcdef', 5_000, 'render to catch up');
    expect(tasks.host('render').opens.length).toBe(2);
    expect(logs.join('\n')).toMatch(/render refused a change/);
    expect(session.version).toBe(6);
  });

  it('supersedes a running check when typing goes on, and still delivers the newest result', async () => {
    const { session, tasks, events, type } = await harness({ checkMs: { grammar: 150 } });
    type('one');
    await waitFor(() => tasks.host('grammar').calls.some((call) => call.method === 'check'));
    type(' two');
    await waitFor(() => named(events, 'grammar').some((result) => (result as { version: number }).version === session.version), 5_000, 'newest grammar');
    const checks = tasks.host('grammar').calls.filter((call) => call.method === 'check').length;
    expect(checks).toBeGreaterThanOrEqual(2);
    expect(named(events, 'grammar').length).toBeLessThan(checks);
  });

  it('drops results for another document, but forwards an older version of this one', async () => {
    const { session, events, type } = await harness({ checkMs: { render: 60 } });
    type('first');
    await waitFor(() => tasks_called(events, 'preview'));
    const before = named(events, 'preview').length;
    session.replace({ snapshot: { uri: 'doc:b', version: 0, text: 'other' }, path: 'b.md', dirty: false });
    await waitFor(() => named(events, 'preview').some((result) => (result as { uri: string }).uri === 'doc:b'));
    expect(named(events, 'preview').slice(before).every((result) => (result as { uri: string }).uri === 'doc:b')).toBe(true);
  });

  it('discards the old journal on replace and refuses a resync to an older version', async () => {
    const { session, tasks, type, events } = await harness();
    type('x');
    session.replace({ snapshot: { uri: 'doc:b', version: 5, text: 'bee' }, path: 'b.md', dirty: false });
    await waitFor(() => tasks.host('keystroke').calls.some((call) => call.method === 'discard'));
    expect(tasks.host('keystroke').calls.find((call) => call.method === 'discard')?.request).toEqual({ uri: 'doc:a' });
    expect(named(events, 'document').at(-1)).toMatchObject({ uri: 'doc:b', version: 5, text: 'bee', path: 'b.md', dirty: false });
    expect(() => session.resync({ uri: 'doc:b', version: 4, text: 'no' })).toThrow(/older than the host's version 5/);
    expect(session.resync({ uri: 'doc:b', version: 9, text: 'bees' })).toMatchObject({ version: 9 });
    await waitFor(() => tasks.host('spellcheck').document?.text === 'bees');
  });

  it('tells the user when a document grows past the large-document limit', async () => {
    const { session, events, type } = await harness({ large: 10 });
    type('0123456789');
    expect(named(events, 'notice')).toEqual([]);
    type('!');
    expect(named(events, 'notice')).toEqual([{ level: 'warning', message: expect.stringMatching(/grammar checks only the part you can see/) as unknown }]);
    expect(session.document().degraded).toMatch(/Large document/);
  });
});

function tasks_called(events: Harness['events'], name: keyof HostEvents): boolean {
  return named(events, name).length > 0;
}
