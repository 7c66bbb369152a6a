/**
 * The whole web host as a child process with the real tasks, in given folders: the built one
 * (out/main/web-host.js, what `npm run web` starts) when the build is fresh, else run from source
 * (test/host/fixtures/web-host-from-source.ts). Resolves once it printed its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { BUILT_MAIN, freshBuild } from './fresh-build.ts';
import { markWelcomed } from './welcomed.ts';

export const SOURCE_ENTRY = resolve(import.meta.dirname, '../../host/fixtures/web-host-from-source.ts');
const BUILT_ENTRY = join(BUILT_MAIN, 'web-host.js');

/** Which web host the suites start: the fresh build (`npm run build`), or the sources. */
export function hostEntry(): { readonly path: string; readonly built: boolean } {
  return freshBuild() ? { path: BUILT_ENTRY, built: true } : { path: SOURCE_ENTRY, built: false };
}
const URL_LINE = /Forkpad web host: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/;

export interface HostProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly token: string;
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface HostFolders {
  readonly workspace: string;
  readonly dataDir: string;
  /** A folder with an index.html, served as the renderer when the host runs from source. */
  readonly renderer: string;
}

/**
 * Starts the web host in `folders`; `started` collects the child (for a suite's cleanup), and
 * `entry` picks the module (default: `hostEntry()`).
 */
export async function startHostProcess(folders: HostFolders, started: ChildProcess[] = [], entry = hostEntry().path): Promise<HostProcess> {
  await markWelcomed(folders.dataDir);
  const child = spawn(process.execPath, [entry, '--workspace', folders.workspace, '--data-dir', folders.dataDir, '--port', '0'], {
    env: { ...process.env, FORKPAD_RENDERER_DIR: folders.renderer },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const match = await new Promise<RegExpExecArray>((resolveMatch, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const found = URL_LINE.exec(output);
      if (found) resolveMatch(found);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`web host exited before printing its URL:\n${output}`)));
  });
  return { child, port: Number(match[1]), token: match[2] ?? '', output: () => output, exited };
}
