import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtEntryPaths, checkEntryPaths, resolveEntryPaths, sourceEntryPaths } from './entry-paths.ts';

describe('entry paths', () => {
  it('finds the source entries in this checkout', () => {
    const paths = sourceEntryPaths();
    expect(paths.thread).toMatch(/workers\/entry\/thread\.ts$/);
    expect(existsSync(paths.thread) && existsSync(paths.process)).toBe(true);
    expect(checkEntryPaths(paths)).toBe(paths);
  });

  it('names the built bundles beside the main bundle, and falls back to source without them', () => {
    expect(builtEntryPaths('/app/out/main')).toEqual({ thread: join('/app/out/main', 'task-thread.js'), process: join('/app/out/main', 'task-process.js') });
    expect(resolveEntryPaths('/no/such/build')).toEqual(sourceEntryPaths());
    expect(() => checkEntryPaths(builtEntryPaths('/no/such/build'))).toThrow(/thread task entry \/no\/such\/build\/task-thread\.js does not exist/);
  });
});
