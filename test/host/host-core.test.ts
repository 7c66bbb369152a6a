/**
 * The host core through its `HostApi`, with a fake supervisor: hot exit, files, isolation,
 * settings, dictionary and rules, and the events that reach the attached renderer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/core/files/workspace.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { WELCOME_TEXT } from '../../main/core/host-service/welcome.ts';
import type { HostEvents, HostState } from '../../workers/common/host-api.ts';
import type { RecoveredDocument } from '../../workers/common/task-api.ts';
import { FakeSupervisor } from './fake-supervisor.ts';
import { waitFor } from './web-client.ts';

let root: string;
let workspaceDir: string;
let dataDir: string;
const cores: HostCore[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-core-'));
  workspaceDir = join(root, 'workspace');
  dataDir = join(root, 'data');
  await mkdir(workspaceDir);
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
  await rm(root, { recursive: true, force: true });
});

async function start(options: { journals?: RecoveredDocument[]; tasks?: boolean; welcomeOnFirstRun?: boolean } = {}) {
  let fake: FakeSupervisor | undefined;
  const core = await createHostCore({
    platform: 'web',
    dataDir,
    files: await Workspace.open(workspaceDir, [dataDir]),
    log: () => undefined,
    ...(options.welcomeOnFirstRun === undefined ? {} : { welcomeOnFirstRun: options.welcomeOnFirstRun }),
    ...(options.tasks === false
      ? {}
      : {
          createSupervisor: ({ primer }) => {
            fake = new FakeSupervisor({ primer, ...(options.journals ? { journals: options.journals } : {}) });
            return fake;
          },
        }),
  });
  cores.push(core);
  const events: { name: keyof HostEvents; payload: unknown }[] = [];
  core.attach((name, payload) => events.push({ name, payload }));
  await core.ready;
  const typeAt = (offset: number, text: string) =>
    core.api.change({ uri: core.session.uri, version: core.session.version + 1, edits: [{ offset, length: 0, text }], keys: [] }, new AbortController().signal);
  return { core, api: core.api, events, fake: () => fake as FakeSupervisor, typeAt };
}

const signal = new AbortController().signal;
const named = (events: { name: string; payload: unknown }[], name: string) => events.filter((event) => event.name === name).map((event) => event.payload);

describe('hot exit', () => {
  it('restores the newest unsaved journal, says so once, and keeps it journaled as unsaved', async () => {
    const journals: RecoveredDocument[] = [
      { uri: 'doc:clean', version: 3, text: 'saved', path: 'clean.md', dirty: false, tornBytes: 0, updatedAt: 300 },
      { uri: 'doc:older', version: 9, text: 'older draft', path: null, dirty: true, tornBytes: 0, updatedAt: 100 },
      { uri: 'doc:newest', version: 4, text: 'newest draft', path: 'notes.md', dirty: true, tornBytes: 12, updatedAt: 200 },
    ];
    const { api, fake } = await start({ journals });
    const hello = await api.hello(null, signal);
    expect(hello.document).toMatchObject({ uri: 'doc:newest', version: 4, text: 'newest draft', path: 'notes.md', dirty: true });
    expect(hello.restored).toMatch(/Restored unsaved changes to notes\.md.*12 bytes.*1 other document\(s\).*untitled/);
    expect((await api.hello(null, signal)).restored).toBeUndefined();
    const keystroke = fake().host('keystroke');
    await waitFor(() => keystroke.opens.some((open) => open.uri === 'doc:newest'));
    expect(keystroke.opens.find((open) => open.uri === 'doc:newest')).toMatchObject({ dirty: true, text: 'newest draft', path: 'notes.md' });
    await waitFor(() => keystroke.calls.some((call) => call.method === 'discard'));
    expect(keystroke.calls.find((call) => call.method === 'discard')?.request).toEqual({ uri: expect.stringMatching(/^doc:/) as unknown });
  });

  it('restores nothing when no journal holds unsaved work', async () => {
    const { api } = await start({ journals: [{ uri: 'doc:clean', version: 1, text: 'x', path: 'x.md', dirty: false, tornBytes: 0 }] });
    const hello = await api.hello(null, signal);
    expect(hello.restored).toBeUndefined();
    expect(hello.document).toMatchObject({ text: '', path: null, dirty: false });
  });
});

describe('files', () => {
  it('opens a BOM file, saves it back with its BOM atomically, and tracks dirty state', async () => {
    await writeFile(join(workspaceDir, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Title\r\n')]));
    const { api, core, events, typeAt, fake } = await start();
    const opened = await api.open({ path: 'bom.md' }, signal);
    expect(opened).toMatchObject({ text: '# Title\r\n', path: 'bom.md', dirty: false, version: 0 });
    await typeAt(9, 'more');
    expect(named(events, 'documentState').at(-1)).toMatchObject({ dirty: true, path: 'bom.md' });
    const state = await api.save({ uri: core.session.uri }, signal);
    expect(state).toMatchObject({ dirty: false, savedVersion: 1, path: 'bom.md' });
    expect(await readFile(join(workspaceDir, 'bom.md'))).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Title\r\nmore')]));
    await waitFor(() => fake().host('keystroke').calls.some((call) => call.method === 'compact'));
    expect(fake().host('keystroke').calls.find((call) => call.method === 'compact')?.request).toMatchObject({ version: 1, dirty: false, path: 'bom.md' });
    expect((await api.hello(null, signal)).recentFiles).toEqual(['bom.md']);
  });

  it('refuses to replace unsaved work unless told to discard it', async () => {
    await writeFile(join(workspaceDir, 'a.md'), 'a');
    const { api, typeAt, fake } = await start();
    await typeAt(0, 'draft');
    await expect(api.open({ path: 'a.md' }, signal)).rejects.toMatchObject({ code: 'UNSAVED_CHANGES' });
    await expect(api.newDocument({}, signal)).rejects.toMatchObject({ code: 'UNSAVED_CHANGES' });
    const before = fake().host('keystroke').calls.filter((call) => call.method === 'discard').length;
    await expect(api.open({ path: 'a.md', discardUnsaved: true }, signal)).resolves.toMatchObject({ text: 'a', dirty: false });
    await waitFor(() => fake().host('keystroke').calls.filter((call) => call.method === 'discard').length === before + 1);
  });

  it('saves an untitled document only through Save As, which will not overwrite without consent', async () => {
    await writeFile(join(workspaceDir, 'taken.md'), 'keep me');
    const { api, core, typeAt } = await start();
    await typeAt(0, 'fresh text');
    await expect(api.save({ uri: core.session.uri }, signal)).rejects.toMatchObject({ code: 'NEEDS_PATH' });
    await expect(api.saveAs({ uri: core.session.uri, path: 'taken.md' }, signal)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(await readFile(join(workspaceDir, 'taken.md'), 'utf8')).toBe('keep me');
    await expect(api.saveAs({ uri: core.session.uri, path: '../escape.md' }, signal)).rejects.toMatchObject({ code: 'PATH_REFUSED' });
    await expect(api.saveAs({ uri: core.session.uri, path: 'new.md' }, signal)).resolves.toMatchObject({ path: 'new.md', dirty: false });
    expect(await readFile(join(workspaceDir, 'new.md'), 'utf8')).toBe('fresh text');
    await expect(api.saveAs({ uri: core.session.uri, path: 'taken.md', overwrite: true }, signal)).resolves.toMatchObject({ path: 'taken.md' });
    expect(await readFile(join(workspaceDir, 'taken.md'), 'utf8')).toBe('fresh text');
  });

  it('refuses binary files clearly, and drops a vanished recent file from the list', async () => {
    await writeFile(join(workspaceDir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    await writeFile(join(workspaceDir, 'gone.md'), 'soon gone');
    const { api } = await start();
    await expect(api.open({ path: 'image.png' }, signal)).rejects.toThrow(/image\.png looks like a binary file/);
    await api.open({ path: 'gone.md' }, signal);
    await rm(join(workspaceDir, 'gone.md'));
    await expect(api.openRecent({ path: 'gone.md' }, signal)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.hello(null, signal)).recentFiles).toEqual([]);
    const listing = await api.listWorkspace({}, signal);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['image.png']);
  });
});

describe('tasks, isolation and settings', () => {
  it('switches isolation, persists it, and announces it', async () => {
    const { api, events, fake } = await start();
    await expect(api.setIsolation({ preset: 'processes' }, signal)).resolves.toEqual({ keystroke: 'process', render: 'process', spellcheck: 'process', grammar: 'process' });
    await expect(api.setIsolation({ task: 'render', kind: 'inline' }, signal)).resolves.toMatchObject({ render: 'inline', grammar: 'process' });
    expect(fake().host('render').kind).toBe('inline');
    expect(named(events, 'isolation').length).toBe(2);
    const stored = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { model: unknown };
    expect(stored.model).toMatchObject({ render: 'inline', keystroke: 'process' });
  });

  it('keeps ignored rules in settings and gives them to grammar now and on every restart', async () => {
    const { api, fake } = await start();
    await api.ignoreRule({ rule: 'SpellCheck' }, signal);
    expect(fake().ignoredRules).toEqual(['SpellCheck']);
    expect(fake().settingsUpdates.at(-1)).toEqual({ ignoredRules: ['SpellCheck'] });
    fake().ignoredRules = [];
    await fake().restart('grammar');
    expect(fake().ignoredRules).toEqual(['SpellCheck']);
  });

  it('adds words to the dictionary and re-checks spelling', async () => {
    const { api, events, typeAt } = await start();
    await typeAt(0, 'teh end');
    await waitFor(() => named(events, 'spelling').some((result) => (result as { issues: unknown[] }).issues.length === 1));
    await api.addToDictionary({ word: 'teh' }, signal);
    await waitFor(() => (named(events, 'spelling').at(-1) as { issues: unknown[] }).issues.length === 0);
    await expect(api.suggest({ word: 'teh' }, signal)).resolves.toMatchObject({ suggestions: ['the'] });
  });

  it('persists view settings and passes the refresh interval to the probes', async () => {
    const { api, fake } = await start();
    await expect(api.setSettings({ theme: 'dark', refreshMs: 2000 }, signal)).resolves.toMatchObject({ theme: 'dark', refreshMs: 2000, previewVisible: true });
    expect(fake().probeIntervalMs).toBe(2000);
    await expect(api.setSettings({ grammarPoolSize: 2 }, signal)).resolves.toMatchObject({ grammarPoolSize: 2 });
    expect(fake().grammarPoolRequested).toBe(2);
    await cores.pop()?.dispose();
    const again = await start();
    expect((await again.api.hello(null, signal)).settings).toMatchObject({ theme: 'dark', refreshMs: 2000, grammarPoolSize: 2 });
    // The saved size is applied once the tasks have started.
    await waitFor(() => again.fake().grammarPoolRequested === 2);
  });

  it('forwards task status and metrics to the renderer', async () => {
    const { events, fake } = await start();
    await fake().restart('spellcheck');
    expect(named(events, 'taskStatus')).toContainEqual({ task: 'spellcheck', kind: 'process', state: 'ready', restarts: 0, lastError: null });
    fake().publishMetrics({ at: 1, intervalMs: 1000, cores: 2, host: { pid: 1, cpuPercent: null, mainThreadCpuPercent: null, rssBytes: 1, heapUsedBytes: 1, eventLoopDelay: { p50: 0, p95: 0, p99: 0, max: 0 }, eventLoopUtilization: null }, tasks: [], appProcesses: [] });
    expect(named(events, 'metrics')).toHaveLength(1);
  });

  it('reports a corrupt settings file as a notice and starts with defaults', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'settings.json'), '{not json');
    const { api, events } = await start();
    expect(named(events, 'notice')).toEqual([{ level: 'warning', message: expect.stringMatching(/not valid JSON/) as unknown }]);
    expect((await api.hello(null, signal)).settings.theme).toBe('system');
  });

  it('keeps the hostState snapshot current: in hello, as events, and to its listener', async () => {
    await writeFile(join(workspaceDir, 'm.md'), 'menu');
    const { api, core, events, typeAt } = await start();
    const seen: HostState[] = [];
    const sentBefore = named(events, 'hostState').length;
    core.onStateChange((state) => seen.push(state));
    expect((await api.hello(null, signal)).state).toEqual(core.state());
    expect(core.state()).toMatchObject({ platform: 'web', document: { dirty: false, path: null }, recentFiles: [], switching: false, tasks: { grammar: { state: 'ready' } } });
    await api.open({ path: 'm.md' }, signal);
    await typeAt(0, 'x');
    await api.setSettings({ previewVisible: false }, signal);
    await api.setIsolation({ preset: 'threads' }, signal);
    expect(core.state()).toMatchObject({ document: { dirty: true, path: 'm.md' }, recentFiles: ['m.md'], settings: { previewVisible: false }, model: { grammar: 'thread' }, switching: false });
    expect(seen.some((state) => state.switching)).toBe(true);
    // The renderer is sent exactly what the listener saw, each snapshot once.
    expect(named(events, 'hostState').slice(sentBefore)).toEqual(seen);
    expect(new Set(seen.map((state) => JSON.stringify(state))).size).toBe(seen.length);
  });

  it('discards the journal when the user quits without saving', async () => {
    const { core, typeAt, fake } = await start();
    await typeAt(0, 'forget me');
    await core.discardUnsaved();
    expect(fake().host('keystroke').calls.at(-1)).toEqual({ method: 'discard', request: { uri: core.session.uri } });
  });

  it('answers task requests clearly when it runs without tasks', async () => {
    const { api, typeAt } = await start({ tasks: false });
    await expect(Promise.resolve(typeAt(0, 'still mirrored'))).resolves.toMatchObject({ stats: { words: 2 } });
    await expect(api.setIsolation({ preset: 'threads' }, signal)).rejects.toThrow(/runs without tasks \(--no-tasks\)/);
    expect((await api.hello(null, signal)).tasksEnabled).toBe(false);
  });
});

describe('the first run', () => {
  it('opens the welcome document with the monitor shown, once: the next start opens an empty document', async () => {
    const first = await start({ welcomeOnFirstRun: true });
    const hello = await first.api.hello(null, signal);
    expect(hello.document).toMatchObject({ text: WELCOME_TEXT, path: null, dirty: false });
    expect(hello.settings.monitorVisible).toBe(true);
    const welcomed = () => existsSync(join(dataDir, 'settings.json')) && (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { welcomed?: unknown }).welcomed === true;
    await waitFor(welcomed, 5_000, 'settings.json to say the welcome was shown');
    await first.core.dispose();
    cores.splice(cores.indexOf(first.core), 1);

    const second = await start({ welcomeOnFirstRun: true });
    const again = await second.api.hello(null, signal);
    expect(again.document.text).toBe('');
    // What the user last chose: the monitor stays as the first run left it.
    expect(again.settings.monitorVisible).toBe(true);
  });

  it('greets nobody when the host does not ask for it (tests, the bench)', async () => {
    const { api } = await start();
    expect((await api.hello(null, signal)).document.text).toBe('');
  });

  it('brings the welcome document back as an unmodified untitled document (Help → Welcome)', async () => {
    const { api, typeAt } = await start();
    await typeAt(0, 'my draft');
    await expect(api.newDocument({ welcome: true }, signal)).rejects.toThrow(/unsaved/i);
    await expect(api.newDocument({ welcome: true, discardUnsaved: true }, signal)).resolves.toMatchObject({ text: WELCOME_TEXT, path: null, dirty: false });
  });

  it('does not restore an untouched welcome document from its journal, and discards that journal; an edited one is restored', async () => {
    const untouched: RecoveredDocument = { uri: 'doc:welcome', version: 0, text: WELCOME_TEXT, path: null, dirty: true, tornBytes: 0, updatedAt: 200 };
    const { api, fake } = await start({ journals: [untouched] });
    const hello = await api.hello(null, signal);
    expect(hello.document.text).toBe('');
    expect(hello.restored).toBeUndefined();
    const keystroke = fake().host('keystroke');
    await waitFor(() => keystroke.calls.some((call) => call.method === 'discard'));
    expect(keystroke.calls.find((call) => call.method === 'discard')?.request).toEqual({ uri: 'doc:welcome' });

    const edited = { ...untouched, uri: 'doc:edited', text: `${WELCOME_TEXT}My own notes.\n` };
    const later = await start({ journals: [edited] });
    expect((await later.api.hello(null, signal)).document).toMatchObject({ uri: 'doc:edited', text: edited.text, dirty: true });
  });
});

describe('results sent before the page was there', () => {
  it('sends the latest preview, spelling and grammar results again after each hello', async () => {
    const { api, events, core } = await start();
    await waitFor(() => named(events, 'preview').length > 0 && named(events, 'spelling').length > 0 && named(events, 'grammar').length > 0);
    const before = { preview: named(events, 'preview').length, spelling: named(events, 'spelling').length, grammar: named(events, 'grammar').length };
    await api.hello(null, signal);
    await waitFor(() => named(events, 'preview').length > before.preview);
    await waitFor(() => named(events, 'spelling').length > before.spelling && named(events, 'grammar').length > before.grammar);
    expect(named(events, 'preview').at(-1)).toMatchObject({ uri: core.session.uri });
  });
});
