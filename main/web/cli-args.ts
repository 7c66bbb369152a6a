/**
 * The web host's command line. Folders default to the current one (workspace) and
 * `.forkpad-data` inside it (data); port 0 asks the OS for a free one. Under `npm run web` the
 * current folder is the one the user ran it from: scripts/web.mjs starts the host in INIT_CWD.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface WebHostArgs {
  readonly workspace: string;
  readonly dataDir: string;
  readonly port: number;
  /** False with --no-tasks: the document mirror alone, no task hosts. */
  readonly tasks: boolean;
}

export function usage(): string {
  return [
    'Usage: node out/main/web-host.js [--workspace DIR] [--port N] [--data-dir DIR] [--no-tasks]',
    '  --workspace DIR  folder that Open and Save work in (default: the current folder)',
    '  --port N         port on 127.0.0.1 (default: a free one)',
    '  --data-dir DIR   settings, recent files, journals, personal dictionary (default: .forkpad-data)',
    '  --no-tasks       run the document mirror alone, without the four tasks',
  ].join('\n');
}

export function parseWebHostArgs(argv: readonly string[], cwd = process.cwd()): WebHostArgs | { error: string } | { help: true } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        workspace: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-tasks': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return { error: `--port must be an integer from 0 to 65535, not ${values.port}` };
  return {
    workspace: resolve(cwd, values.workspace ?? '.'),
    dataDir: resolve(cwd, values['data-dir'] ?? '.forkpad-data'),
    port,
    tasks: values['no-tasks'] !== true,
  };
}
