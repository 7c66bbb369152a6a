import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveLoopContents } from '../../test/host/fixtures/save-loop-contents.ts';
import { isTemporaryName, removeStaleTemps, replaceFileKeepingOpen, syncDirectory, TEMP_MARKER, writeFileAtomic } from './atomic-write.ts';

const SAVE_LOOP = resolve(import.meta.dirname, '../../test/host/fixtures/save-loop.ts');
const KILLS = 100;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'forkpad-atomic-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Starts the save loop, waits until it is saving, lets it run `ms`, then SIGKILLs it. */
async function killDuringSaves(target: string, ms: number): Promise<void> {
  const child = spawn(process.execPath, [SAVE_LOOP, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolveStarted, reject) => {
    child.stdout.once('data', () => resolveStarted());
    child.once('exit', (code) => reject(new Error(`save loop exited early (${code})`)));
  });
  await new Promise((resolveWait) => setTimeout(resolveWait, ms));
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGKILL');
  await exited;
}

describe('writeFileAtomic', () => {
  it('replaces a file and keeps its permission bits', async () => {
    const target = join(folder, 'mode.txt');
    await writeFile(target, 'before');
    await chmod(target, 0o640);
    await writeFileAtomic(target, new TextEncoder().encode('after'));
    expect(await readFile(target, 'utf8')).toBe('after');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    expect((await readdir(folder)).filter((name) => name.includes(TEMP_MARKER))).toEqual([]);
  });

  it('creates a new file with the given mode, from a string', async () => {
    const target = join(folder, 'private.txt');
    await writeFileAtomic(target, 'secret\n', { mode: 0o600 });
    expect(await readFile(target, 'utf8')).toBe('secret\n');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('can hand back the new file still open, for appending after the replaced content', async () => {
    const target = join(folder, 'journal.bin');
    await writeFile(target, 'old content that is longer');
    const handle = await replaceFileKeepingOpen(target, new TextEncoder().encode('base'));
    try {
      await handle.write(new TextEncoder().encode('+tail'), 0, 5, 4);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    expect(await readFile(target, 'utf8')).toBe('base+tail');
    expect((await readdir(folder)).filter(isTemporaryName)).toEqual([]);
  });

  it('removes temporary files that killed saves left, but not fresh ones', async () => {
    const target = join(folder, 'tidy.md');
    await writeFile(join(folder, `.tidy.md${TEMP_MARKER}old1.tmp`), 'x');
    await writeFile(join(folder, `.tidy.md${TEMP_MARKER}new1.tmp`), 'x');
    await writeFile(join(folder, `.other.md${TEMP_MARKER}old2.tmp`), 'x');
    const old = new Date(Date.now() - 120_000);
    await utimes(join(folder, `.tidy.md${TEMP_MARKER}old1.tmp`), old, old);
    await utimes(join(folder, `.other.md${TEMP_MARKER}old2.tmp`), old, old);
    expect(await removeStaleTemps(target)).toBe(1);
    const left = (await readdir(folder)).filter((name) => name.includes(TEMP_MARKER)).sort();
    expect(left).toEqual([`.other.md${TEMP_MARKER}old2.tmp`, `.tidy.md${TEMP_MARKER}new1.tmp`]);
    for (const name of left) await rm(join(folder, name));
  });

  it('leaves no temporary file behind when the write fails', async () => {
    await expect(writeFileAtomic(join(folder, 'no-such-folder', 'x.txt'), new Uint8Array(1))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(folder)).filter((name) => name.includes(TEMP_MARKER))).toEqual([]);
  });

  it(`leaves exactly the old or the new content after each of ${KILLS} SIGKILLs during saves`, async () => {
    const target = join(folder, 'torture.txt');
    const [first, second] = saveLoopContents();
    const allowed = new Set([Buffer.from(first).toString('base64'), Buffer.from(second).toString('base64')]);
    await writeFile(target, first);
    const seen = new Set<string>();
    for (let round = 0; round < KILLS; round += 1) {
      await killDuringSaves(target, Math.floor(Math.random() * 25));
      const content = (await readFile(target)).toString('base64');
      expect(allowed.has(content), `round ${round}: the file is neither the old nor the new content`).toBe(true);
      seen.add(content);
    }
    // Kills landed while both contents were current, so they really interrupted a loop of saves.
    expect(seen.size).toBe(2);
  }, 120_000);
});

describe('syncDirectory', () => {
  it('fsyncs a folder, and fails for a folder that is not there', async () => {
    await expect(syncDirectory(folder, 'linux')).resolves.toBeUndefined();
    await expect(syncDirectory(join(folder, 'missing'), 'linux')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('does nothing on Windows, which cannot open a folder for fsync', async () => {
    await expect(syncDirectory(join(folder, 'missing'), 'win32')).resolves.toBeUndefined();
  });
});
