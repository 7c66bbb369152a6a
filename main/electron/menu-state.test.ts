import { describe, expect, it } from 'vitest';
import type { HostApi, HostHello, UiSettings } from '../../workers/common/host-api.ts';
import type { IsolationModel } from '../../workers/common/tasks.ts';
import { MenuStateTracker, type MenuStateSources } from './menu-state.ts';

const threads: IsolationModel = { keystroke: 'thread', render: 'thread', spellcheck: 'thread', grammar: 'thread' };
const ui: UiSettings = { previewVisible: true, monitorVisible: false, theme: 'system', refreshMs: 1000 };

function setup() {
  let model = threads;
  let recentOnDisk: readonly string[] = ['/a.md'];
  const document = { path: null as string | null, dirty: false };
  const sources: MenuStateSources = {
    model: () => model,
    taskStates: () => ({ grammar: 'busy' }),
    document: () => document,
    readRecent: () => Promise.resolve(recentOnDisk),
    maxGrammarPool: () => 2,
  };
  const tracker = new MenuStateTracker(sources, { ui, recent: ['/a.md'] });
  let changes = 0;
  tracker.onChange(() => (changes += 1));
  let releaseSwitch: () => void = () => undefined;
  const api = {
    hello: () => Promise.resolve({ settings: { ...ui, theme: 'dark' }, recentFiles: ['/hello.md'] } as unknown as HostHello),
    setSettings: (patch: Partial<UiSettings>) => Promise.resolve({ ...ui, ...patch }),
    setIsolation: () =>
      new Promise<IsolationModel>((resolve) => {
        releaseSwitch = () => {
          model = { ...threads, grammar: 'process' };
          resolve(model);
        };
      }),
    open: () => {
      recentOnDisk = ['/b.md', '/a.md'];
      document.path = '/b.md';
      return Promise.resolve({});
    },
    change: () => Promise.resolve({}),
  } as unknown as HostApi;
  const signal = new AbortController().signal;
  return { tracker, watched: tracker.watch(api), signal, document, changes: () => changes, release: () => releaseSwitch() };
}

describe('native menu state', () => {
  it('reads the model, task states and document live', () => {
    const { tracker, document } = setup();
    expect(tracker.state()).toEqual({
      platform: 'electron',
      model: threads,
      previewVisible: true,
      monitorVisible: false,
      theme: 'system',
      recentFiles: ['/a.md'],
      dirty: false,
      hasPath: false,
      taskStates: { grammar: 'busy' },
      switching: false,
      grammarPool: { size: 1, max: 2 },
    });
    document.dirty = true;
    expect(tracker.state().dirty).toBe(true);
  });

  it('takes settings and recent files from hello and setSettings answers', async () => {
    const { tracker, watched, signal, changes } = setup();
    await watched.hello(null, signal);
    expect(tracker.state()).toMatchObject({ theme: 'dark', recentFiles: ['/hello.md'] });
    await watched.setSettings({ monitorVisible: true }, signal);
    expect(tracker.state()).toMatchObject({ theme: 'system', monitorVisible: true });
    await watched.setSettings({ grammarPoolSize: 2 }, signal);
    expect(tracker.state().grammarPool).toEqual({ size: 2, max: 2 });
    expect(changes()).toBe(3);
  });

  it('re-reads recent files after a file was opened', async () => {
    const { tracker, watched, signal } = setup();
    await watched.open({ path: '/b.md' }, signal);
    expect(tracker.state()).toMatchObject({ recentFiles: ['/b.md', '/a.md'], hasPath: true });
  });

  it('marks a model switch in flight and reports its end', async () => {
    const { tracker, watched, signal, changes, release } = setup();
    const switching = watched.setIsolation({ task: 'grammar', kind: 'process' }, signal);
    await Promise.resolve();
    expect(tracker.state().switching).toBe(true);
    release();
    await switching;
    expect(tracker.state()).toMatchObject({ switching: false, model: { grammar: 'process' } });
    expect(changes()).toBe(2);
  });

  it('passes answers through unchanged and ignores calls that do not touch the menu', async () => {
    const { watched, signal, changes } = setup();
    await expect(watched.change({ uri: 'x', version: 1, edits: [], keys: [] }, signal)).resolves.toEqual({});
    expect(changes()).toBe(0);
  });

  it('changes on the events that alter the menu, not on others', () => {
    const { tracker, changes } = setup();
    tracker.observeEvent('typing');
    tracker.observeEvent('metrics');
    expect(changes()).toBe(0);
    tracker.observeEvent('taskStatus');
    tracker.observeEvent('documentState');
    expect(changes()).toBe(2);
  });
});
