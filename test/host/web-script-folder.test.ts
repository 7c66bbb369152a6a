/**
 * `npm run web` typed in some folder opens that folder, not the repository: npm runs the script
 * from the package root and passes the user's folder as INIT_CWD, which scripts/web.mjs must
 * honour. Runs the real command (`npm --prefix <repo> run web`) from a temporary folder, with
 * --no-tasks so that only the host core starts. The script builds out/ first if it is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repository = join(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
let elsewhere: string;

beforeAll(async () => {
  elsewhere = await realpath(await mkdtemp(join(tmpdir(), 'forkpad-run-from-')));
  await mkdir(join(elsewhere, 'notes'));
});

afterAll(async () => {
  for (const child of children) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already: what was to be stopped has stopped.
    }
  }
  await rm(elsewhere, { recursive: true, force: true });
});

interface Started {
  readonly workspace: string;
  readonly data: string;
}

/**
 * Runs `npm run web` from `cwd` until the host logs its folders, then stops it with SIGTERM and
 * waits for npm to exit: a SIGKILL from `afterAll` while the launcher is still handling the
 * SIGTERM would otherwise leave the web host (in a process group of its own) running.
 */
function runWebFrom(cwd: string, args: readonly string[]): Promise<Started> {
  // Its own process group, so that one signal reaches npm, its shell and scripts/web.mjs.
  const child = spawn('npm', ['--prefix', repository, 'run', 'web', '--', '--no-tasks', '--port', '0', ...args], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /\[web host\] workspace (.+), data (.+), tasks off/.exec(output);
      if (match?.[1] === undefined || match[2] === undefined || !output.includes('Forkpad web host: http')) return;
      if (stopping) return;
      stopping = true;
      const folders = { workspace: match[1], data: match[2] };
      child.once('exit', () => resolve(folders));
      process.kill(-(child.pid as number), 'SIGTERM');
    };
    let stopping = false;
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code, signal) => {
      if (!stopping) reject(new Error(`npm run web ended (${signal ?? code}) before it logged its folders:\n${output}`));
    });
  });
}

describe('npm run web from another folder', () => {
  it('opens the folder it was run from, with .forkpad-data inside it', async () => {
    const started = await runWebFrom(elsewhere, []);
    expect(started).toEqual({ workspace: elsewhere, data: join(elsewhere, '.forkpad-data') });
    expect(existsSync(join(elsewhere, '.forkpad-data'))).toBe(true);
  }, 120_000);

  it('resolves a relative --workspace and --data-dir against that folder', async () => {
    const started = await runWebFrom(elsewhere, ['--workspace', 'notes', '--data-dir', 'notes-data']);
    expect(started).toEqual({ workspace: join(elsewhere, 'notes'), data: join(elsewhere, 'notes-data') });
    expect(existsSync(join(elsewhere, 'notes-data'))).toBe(true);
  }, 120_000);
});

describe.skipIf(process.platform !== 'linux')('the launcher killed outright', () => {
  it('takes the web host with it: the host, left without its parent, stops by itself', async () => {
    const launcher = spawn(process.execPath, [join(repository, 'scripts/web.mjs'), '--no-tasks', '--port', '0', '--workspace', elsewhere, '--data-dir', join(elsewhere, 'killed-data')], {
      cwd: elsewhere,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(launcher);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Forkpad web host: http')) resolve();
      };
      launcher.stdout.on('data', read);
      launcher.stderr.on('data', read);
      launcher.once('exit', () => reject(new Error(`the launcher ended before the host started:\n${output}`)));
    });
    // The host is the launcher's one child (Linux lists a thread's children in /proc).
    const hostPid = Number(readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
    expect(hostPid).toBeGreaterThan(0);
    const alive = () => {
      try {
        process.kill(hostPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    launcher.kill('SIGKILL');
    const deadline = Date.now() + 20_000;
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive()) process.kill(hostPid, 'SIGKILL');
    expect(alive(), `web host ${hostPid} still running 20 s after its launcher was killed`).toBe(false);
  }, 60_000);
});
