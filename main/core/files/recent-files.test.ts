import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECENT_FILE, RecentFiles } from './recent-files.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the Open Recent list', () => {
  it('tells add listeners every path put first, even one already first, and not removals', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'forkpad-recent-'));
    folders.push(folder);
    const recent = await RecentFiles.load(folder, () => undefined);
    const added: string[] = [];
    const stop = recent.onAdd((path) => added.push(path));
    await recent.add('/docs/a.md');
    await recent.add('/docs/a.md');
    await recent.add('/docs/b.md');
    await recent.remove('/docs/a.md');
    expect(added).toEqual(['/docs/a.md', '/docs/a.md', '/docs/b.md']);
    stop();
    await recent.add('/docs/c.md');
    expect(added).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(folder, RECENT_FILE), 'utf8'))).toEqual(['/docs/c.md', '/docs/b.md']);
  });
});
