import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingLog, logFileNames } from './rotating-log.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'forkpad-log-'));
  folders.push(folder);
  return folder;
}

const at = new Date('2026-12-07T10:00:00.000Z');
/** "2026-12-07T10:00:00.000Z " plus the line plus a newline. */
const stampedLength = (line: string) => at.toISOString().length + 1 + line.length + 1;

function logIn(folder: string, maxBytes: number, keep: number, errors: string[] = []): RotatingLog {
  return new RotatingLog({ folder, name: 'forkpad.log', maxBytes, keep, onError: (message) => errors.push(message), now: () => at });
}

describe('the rotating log file', () => {
  it('appends each named line with its time, in order', async () => {
    const folder = tempFolder();
    const log = logIn(folder, 10_000, 2);
    log.write('[electron host] one');
    log.write('[electron host] two');
    await log.close();
    expect(readFileSync(join(folder, 'forkpad.log'), 'utf8')).toBe('2026-12-07T10:00:00.000Z [electron host] one\n2026-12-07T10:00:00.000Z [electron host] two\n');
  });

  it('appends to the file an earlier run left, counting its size', async () => {
    const folder = tempFolder();
    writeFileSync(join(folder, 'forkpad.log'), 'x'.repeat(90));
    const log = logIn(folder, 100, 1);
    log.write('line');
    await log.close();
    expect(readFileSync(join(folder, 'forkpad.log.1'), 'utf8')).toBe('x'.repeat(90));
    expect(readFileSync(join(folder, 'forkpad.log'), 'utf8')).toContain('line');
  });

  it('rotates by size and keeps only `keep` old files, newest first', async () => {
    const folder = tempFolder();
    const line = (index: number) => `[host] line ${index}`;
    // Room for exactly two lines per file.
    const log = logIn(folder, stampedLength(line(0)) * 2, 2);
    for (let index = 0; index < 10; index += 1) log.write(line(index));
    await log.close();
    expect(readdirSync(folder).sort()).toEqual(['forkpad.log', 'forkpad.log.1', 'forkpad.log.2']);
    const lines = (name: string) => readFileSync(join(folder, name), 'utf8').trim().split('\n').map((text) => text.slice(at.toISOString().length + 1));
    expect(lines('forkpad.log')).toEqual([line(8), line(9)]);
    expect(lines('forkpad.log.1')).toEqual([line(6), line(7)]);
    expect(lines('forkpad.log.2')).toEqual([line(4), line(5)]);
  });

  it('puts a line longer than the limit whole into a file of its own', async () => {
    const folder = tempFolder();
    const log = logIn(folder, 10, 1);
    log.write('a long line that is longer than ten bytes');
    log.write('another');
    await log.close();
    expect(readFileSync(join(folder, 'forkpad.log.1'), 'utf8')).toContain('a long line that is longer than ten bytes');
    expect(readFileSync(join(folder, 'forkpad.log'), 'utf8')).toContain('another');
  });

  it('reports a failure to write without throwing, and drops lines after close', async () => {
    const folder = tempFolder();
    const errors: string[] = [];
    writeFileSync(join(folder, 'a-file'), '');
    const log = new RotatingLog({ folder: join(folder, 'a-file', 'logs'), name: 'forkpad.log', maxBytes: 100, keep: 1, onError: (message) => errors.push(message) });
    expect(() => log.write('lost')).not.toThrow();
    await log.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/could not write the log file.*(ENOTDIR|EEXIST)/);
    log.write('after close');
    await log.flush();
    expect(errors).toHaveLength(1);
  });

  it('makes its folder when it is missing', async () => {
    const folder = join(tempFolder(), 'logs');
    const log = logIn(folder, 100, 1);
    log.write('first');
    await log.close();
    expect(readFileSync(join(folder, 'forkpad.log'), 'utf8')).toContain('first');
  });

  it('names the current file and its old copies', () => {
    expect(logFileNames('forkpad.log', 2)).toEqual(['forkpad.log', 'forkpad.log.1', 'forkpad.log.2']);
    expect(() => logIn(tempFolder(), 0, 1)).toThrow(RangeError);
  });
});
