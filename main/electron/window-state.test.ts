import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, WindowStateStore, fitToDisplays, parseWindowState, type WorkArea } from './window-state.ts';

const laptop: WorkArea = { x: 0, y: 25, width: 1440, height: 875 };
const external: WorkArea = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('parsing a saved window state', () => {
  it('accepts a saved state, with or without a position', () => {
    expect(parseWindowState({ x: 10, y: 40, width: 1000, height: 700, maximized: true })).toEqual({ x: 10, y: 40, width: 1000, height: 700, maximized: true });
    expect(parseWindowState({ width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximized: false });
    expect(parseWindowState({ x: 10, width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it.each([null, 'big', [], {}, { width: '1000', height: 700 }, { width: 0, height: 700 }, { width: 1e9, height: 700 }, { width: 1.5, height: 700 }, { x: Number.NaN, y: 0, width: 800, height: 600 }])(
    'rejects %j',
    (raw) => {
      expect(parseWindowState(raw)).toBeUndefined();
    },
  );
});

describe('fitting a window to the displays', () => {
  it('keeps a window that is on a display', () => {
    const state = { x: 1600, y: 100, width: 1200, height: 900, maximized: false };
    expect(fitToDisplays(state, [laptop, external])).toEqual(state);
  });

  it('forgets the position of a window whose display is gone', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1200, height: 800, maximized: true }, [laptop])).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('forgets the position when only a sliver of the title bar would show', () => {
    expect(fitToDisplays({ x: 1400, y: 100, width: 800, height: 600, maximized: false }, [laptop])).not.toHaveProperty('x');
    expect(fitToDisplays({ x: 100, y: 880, width: 800, height: 600, maximized: false }, [laptop])).not.toHaveProperty('x');
    expect(fitToDisplays({ x: 100, y: 0, width: 800, height: 600, maximized: false }, [laptop])).not.toHaveProperty('x');
  });

  it('shrinks a window larger than any display and grows one below the minimum', () => {
    expect(fitToDisplays({ width: 5000, height: 3000, maximized: false }, [laptop, external])).toEqual({ width: 2560, height: 1440, maximized: false });
    expect(fitToDisplays({ width: 100, height: 50, maximized: false }, [laptop])).toEqual({ width: 480, height: 320, maximized: false });
  });

  it('leaves the state alone when no display is known', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [])).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('window state store', () => {
  let folder: string | undefined;
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('saves and loads a state, and falls back to the default for a missing or broken file', async () => {
    folder = mkdtempSync(join(tmpdir(), 'forkpad-window-'));
    const logged: string[] = [];
    const store = new WindowStateStore(join(folder, 'nested', 'window-state.json'), (line) => logged.push(line));
    expect(await store.load([laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(logged).toEqual([]);
    const state = { x: 50, y: 60, width: 1000, height: 700, maximized: false };
    await store.save(state);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual(state);
    expect(await store.load([laptop])).toEqual(state);
    writeFileSync(store.path, '{ not json');
    expect(await store.load([laptop])).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(store.path, '{"width":"wide"}');
    expect(await store.load([laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(logged).toHaveLength(2);
  });
});
