import fc from 'fast-check';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace, workspaceSegments } from './workspace.ts';

let outer: string;
let workspace: Workspace;

beforeAll(async () => {
  outer = await realpath(await mkdtemp(join(tmpdir(), 'forkpad-workspace-')));
  const root = join(outer, 'ws');
  await mkdir(join(root, 'notes', 'deep'), { recursive: true });
  await mkdir(join(root, '.forkpad-data'));
  await writeFile(join(root, 'notes', 'a.md'), '# a');
  await writeFile(join(root, '.forkpad-data', 'settings.json'), '{}');
  await writeFile(join(outer, 'secret.txt'), 'secret');
  await symlink(join(outer, 'secret.txt'), join(root, 'escape.txt'));
  await symlink(outer, join(root, 'escape-folder'));
  await symlink(join(root, 'notes', 'a.md'), join(root, 'inside-link.md'));
  workspace = await Workspace.open(root, [join(root, '.forkpad-data')]);
});

afterAll(async () => {
  await rm(outer, { recursive: true, force: true });
});

describe('workspace confinement', () => {
  it.each([
    ['../secret.txt', /contains ".."/],
    ['notes/../../secret.txt', /contains ".."/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/win.ini', /absolute/],
    ['notes\\..\\..\\secret.txt', /backslash/],
    ['notes/a.md\0.txt', /NUL/],
    ['%2e%2e/secret.txt', /percent-encoded/],
    ['notes%2f..%2f..%2fsecret.txt', /percent-encoded/],
    ['./notes/a.md', /contains "."/],
    ['notes/\u0007bell', /control character/],
  ])('refuses %j', async (path, why) => {
    await expect(workspace.resolveExisting(path)).rejects.toThrow(why);
    await expect(workspace.resolveForWrite(path)).rejects.toThrow(why);
  });

  it('refuses symlinks that lead outside, and the data folder', async () => {
    await expect(workspace.resolveExisting('escape.txt')).rejects.toThrow(/leads outside the workspace/);
    await expect(workspace.resolveForWrite('escape.txt')).rejects.toThrow(/leads outside the workspace/);
    await expect(workspace.resolveExisting('escape-folder/secret.txt')).rejects.toThrow(/leads outside the workspace/);
    await expect(workspace.resolveForWrite('escape-folder/new.txt')).rejects.toThrow(/leads outside the workspace/);
    await expect(workspace.list('escape-folder')).rejects.toThrow(/leads outside the workspace/);
    await expect(workspace.resolveExisting('.forkpad-data/settings.json')).rejects.toThrow(/data folder/);
  });

  it('resolves files inside, through inside symlinks too, and new files in existing folders', async () => {
    await expect(workspace.resolveExisting('notes/a.md')).resolves.toEqual({ real: join(workspace.root, 'notes/a.md'), display: 'notes/a.md' });
    await expect(workspace.resolveExisting('inside-link.md')).resolves.toMatchObject({ real: join(workspace.root, 'notes/a.md') });
    await expect(workspace.resolveForWrite('notes/new.md')).resolves.toEqual({ real: join(workspace.root, 'notes/new.md'), display: 'notes/new.md' });
    await expect(workspace.resolveForWrite('missing/new.md')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(workspace.resolveExisting('notes/missing.md')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(workspace.resolveForWrite('')).rejects.toThrow(/workspace folder itself/);
    await expect(workspace.resolveForWrite('notes/deep')).rejects.toMatchObject({ code: 'IS_FOLDER' });
  });

  it('lists folders without escaping links, the data folder or temporary files', async () => {
    await writeFile(join(workspace.root, '.x.md.forkpad-save-abc.tmp'), '');
    const top = await workspace.list('');
    expect(top.entries.map((entry) => entry.name)).toEqual(['notes', 'inside-link.md']);
    const notes = await workspace.list('notes');
    expect(notes.entries).toEqual([
      { name: 'deep', path: 'notes/deep', kind: 'directory', size: null },
      { name: 'a.md', path: 'notes/a.md', kind: 'file', size: 3 },
    ]);
  });

  it('never resolves an arbitrary path to anything outside the workspace', async () => {
    const pieces = fc.constantFrom('..', '.', '%2e%2e', 'notes', 'a.md', 'escape.txt', 'escape-folder', '/', '\\', '\0', '%2f', 'C:', '', 'secret.txt');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 6 }).map((parts) => parts.join('/'))), async (path) => {
        for (const resolveIt of [() => workspace.resolveExisting(path), () => workspace.resolveForWrite(path)]) {
          try {
            const { real } = await resolveIt();
            const rel = relative(workspace.root, real);
            expect(rel.startsWith('..') || rel.startsWith('/')).toBe(false);
            expect(rel.startsWith('.forkpad-data')).toBe(false);
          } catch (error) {
            expect((error as { code?: string }).code).toMatch(/^(PATH_REFUSED|NOT_FOUND|IS_FOLDER)$/);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('splits plain paths into segments', () => {
    expect(workspaceSegments('')).toEqual([]);
    expect(workspaceSegments('notes//a.md/')).toEqual(['notes', 'a.md']);
    expect(workspaceSegments('100% done.md')).toEqual(['100% done.md']);
  });
});
