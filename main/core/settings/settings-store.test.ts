import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_FILE, SettingsStore } from './settings-store.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'forkpad-settings-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('starts from defaults without a file, and keeps what it wrote across a reload', async () => {
    const { store, notice } = await SettingsStore.load(dataDir);
    expect(notice).toBeUndefined();
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    expect(store.current.ui.theme).toBe('system');
    const model = { keystroke: 'process', render: 'inline', spellcheck: 'thread', grammar: 'process' } as const;
    expect(store.current.ui.grammarPoolSize).toBe(1);
    expect(store.current.welcomed).toBe(false);
    await store.update({ model, ui: { ...store.current.ui, previewVisible: false, refreshMs: 2000, grammarPoolSize: 2 }, ignoredRules: ['LongSentences'], welcomed: true });
    const reloaded = await SettingsStore.load(dataDir);
    expect(reloaded.store.current).toEqual({ model, ui: { ...DEFAULT_SETTINGS.ui, previewVisible: false, refreshMs: 2000, grammarPoolSize: 2 }, ignoredRules: ['LongSentences'], welcomed: true });
  });

  it('falls back to defaults with a notice for a corrupt file, never throwing', async () => {
    await writeFile(join(dataDir, SETTINGS_FILE), '{"model": {"keystroke": "thr');
    const { store, notice } = await SettingsStore.load(dataDir);
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    expect(notice).toMatch(/not valid JSON.*using defaults/);
  });

  it('keeps the valid fields of a partly invalid file and names the others', async () => {
    await writeFile(
      join(dataDir, SETTINGS_FILE),
      JSON.stringify({ model: { keystroke: 'gpu' }, ui: { theme: 'dark', refreshMs: 10, previewVisible: 'yes', grammarPoolSize: 0 }, ignoredRules: ['A', 'A', 'B'], welcomed: 'no', __proto__: { polluted: true } }),
    );
    const { store, notice } = await SettingsStore.load(dataDir);
    expect(store.current.model).toEqual(DEFAULT_SETTINGS.model);
    expect(store.current.ui).toEqual({ ...DEFAULT_SETTINGS.ui, theme: 'dark' });
    expect(store.current.ignoredRules).toEqual(['A', 'B']);
    expect(notice).toMatch(/the isolation model, "previewVisible", "refreshMs", "grammarPoolSize", "welcomed"/);
    // An unreadable flag never greets again a user who has a settings file.
    expect(store.current.welcomed).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes updates in order, so the file ends with the last one', async () => {
    const { store } = await SettingsStore.load(dataDir);
    await Promise.all([1000, 2000, 3000, 4000].map((refreshMs) => store.update({ ui: { ...store.current.ui, refreshMs } })));
    const onDisk = JSON.parse(await readFile(join(dataDir, SETTINGS_FILE), 'utf8')) as unknown;
    expect(parseSettings(onDisk).settings.ui.refreshMs).toBe(4000);
  });

  it('rejects a non-object', () => {
    expect(parseSettings([1, 2])).toEqual({ settings: DEFAULT_SETTINGS, problems: ['the file is not a JSON object'] });
  });
});
