/**
 * Runs the whole web host as a child process from source (fixtures/web-host-from-source.ts),
 * with the real tasks, in given folders; resolves once it printed its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ENTRY = resolve(import.meta.dirname, 'fixtures/web-host-from-source.ts');
const URL_LINE = /Forkpad web host: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/;

export interface RunningHost {
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

export async function startHostProcess(folders: HostFolders, started: ChildProcess[] = []): Promise<RunningHost> {
  const child = spawn(process.execPath, [ENTRY, '--workspace', folders.workspace, '--data-dir', folders.dataDir, '--port', '0'], {
    env: { ...process.env, FORKPAD_RENDERER_DIR: folders.renderer },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const match = await new Promise<RegExpExecArray>((resolveMatch, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = URL_LINE.exec(output);
      if (found) resolveMatch(found);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`web host exited before printing its URL:\n${output}`)));
  });
  return { child, port: Number(match[1]), token: match[2] ?? '', output: () => output, exited };
}
