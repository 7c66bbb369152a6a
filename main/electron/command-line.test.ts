import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv } from './command-line.ts';

const home = resolve('/home/ada');
const packaged = { defaultApp: false, workingDirectory: home };

describe('files named on the command line', () => {
  it('skips the executable of a packaged app and resolves relative paths', () => {
    expect(filesFromArgv(['/opt/Forkpad/forkpad', 'notes.md'], packaged)).toEqual([resolve(home, 'notes.md')]);
  });

  it('skips the app path of an unpackaged app too', () => {
    expect(filesFromArgv(['/usr/bin/electron', 'out/main/index.js', 'notes.md'], { ...packaged, defaultApp: true })).toEqual([resolve(home, 'notes.md')]);
    expect(filesFromArgv(['/usr/bin/electron', '.'], { ...packaged, defaultApp: true })).toEqual([]);
  });

  it('ignores Electron, Chromium and macOS flags, wherever they are', () => {
    const argv = ['forkpad', '--enable-logging', '--original-process-start-time=13345', '-psn_0_123', resolve('/tmp/a.md'), '--allow-file-access-from-files'];
    expect(filesFromArgv(argv, packaged)).toEqual([resolve('/tmp/a.md')]);
  });

  it('takes everything after -- as a file, in order', () => {
    expect(filesFromArgv(['forkpad', '--inspect', '--', '-odd.md', 'b.md'], packaged)).toEqual([resolve(home, '-odd.md'), resolve(home, 'b.md')]);
  });

  it('has no file when nothing but flags and empty arguments is given', () => {
    expect(filesFromArgv(['forkpad', '', '--no-sandbox'], packaged)).toEqual([]);
    expect(filesFromArgv([], packaged)).toEqual([]);
  });
});
