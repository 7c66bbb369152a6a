/**
 * The whole web host as a child process, run from source with the real tasks
 * (test/host/fixtures/web-host-from-source.ts), in given folders; resolves once it printed its
 * URL. For suites that kill the host itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ENTRY = resolve(import.meta.dirname, '../../host/fixtures/web-host-from-source.ts');
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
  /** A folder with an index.html, served as the renderer. */
  readonly renderer: string;
}

export async function startHostProcess(folders: HostFolders): Promise<HostProcess> {
  const child = spawn(process.execPath, [ENTRY, '--workspace', folders.workspace, '--data-dir', folders.dataDir, '--port', '0'], {
    env: { ...process.env, FORKPAD_RENDERER_DIR: folders.renderer },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: no such process.
  }
}
