/**
 * The web host's life: parse the command line, build the host core with its supervisor, serve
 * it, print the URL, and stop cleanly on SIGINT or SIGTERM (tasks stopped gracefully, journals
 * flushed and kept, so unsaved work is restored on the next start). The built entry
 * (web-host.ts) passes the task assets the build copied; a test entry passes node_modules paths.
 */
import { mkdir } from 'node:fs/promises';
import type { TaskAssets } from '../../workers/common/task-api.ts';
import { validateHostRequest } from '../core/boundary/validate-host-request.ts';
import { Workspace } from '../core/files/workspace.ts';
import { createHostCore, type HostCore } from '../core/host-service/host-core.ts';
import { lessonSetupBeside } from '../core/lesson/lesson-setup.ts';
import { findRendererRoot } from './build-paths.ts';
import { parseWebHostArgs, usage } from './cli-args.ts';
import { startWebServer, type WebServer } from './web-server.ts';
import { webSupervisorFactory } from './web-tasks.ts';

export interface RunOptions {
  readonly argv: readonly string[];
  /** The folder of the entry module: built task entries and the renderer are found from it. */
  readonly hereDir: string;
  readonly assets: TaskAssets;
  /** The renderer folder, when not the built one found from `hereDir`. */
  readonly rendererDir?: string;
}

const log = (line: string) => console.error(line);
/** After this long, a shutdown that is still waiting for tasks is cut short. */
const SHUTDOWN_DEADLINE_MS = 8_000;
/** How often the host checks that the launcher that started it is still its parent. */
const LAUNCHER_POLL_MS = 500;

export async function runWebHost(options: RunOptions): Promise<void> {
  const parsed = parseWebHostArgs(options.argv);
  if ('help' in parsed) return void console.log(usage());
  if ('error' in parsed) {
    console.error(`${parsed.error}\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  const { workspace: workspaceDir, dataDir, port, tasks } = parsed;
  await mkdir(dataDir, { recursive: true });
  const workspace = await Workspace.open(workspaceDir, [dataDir]);
  const rendererRoot = await findRendererRoot(options.rendererDir ?? options.hereDir, options.rendererDir !== undefined);
  const core = await createHostCore({
    platform: 'web',
    dataDir,
    files: workspace,
    log,
    welcomeOnFirstRun: true,
    ...(tasks
      ? { createSupervisor: webSupervisorFactory({ dataDir, hereDir: options.hereDir, assets: options.assets, log }), lesson: lessonSetupBeside(options.hereDir, options.assets, log) }
      : {}),
  });
  const server = await startWebServer({ rendererRoot, core, validate: validateHostRequest, log, port });
  log(`[web host] workspace ${workspace.root}, data ${dataDir}, tasks ${core.supervisor ? 'on' : 'off'}`);
  console.log(`Forkpad web host: ${server.url}`);
  stopOnSignals(server, core);
}

function stopOnSignals(server: WebServer, core: HostCore): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`[web host] ${signal} again: exiting without waiting for the tasks`);
      process.exit(1);
    }
    stopping = true;
    log(`[web host] ${signal}: stopping`);
    setTimeout(() => {
      log(`[web host] tasks did not stop within ${SHUTDOWN_DEADLINE_MS} ms: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    Promise.all([server.close(), core.dispose()]).then(
      () => {
        log('[web host] stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        log(`[web host] error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // scripts/web.mjs starts the host in a process group of its own and forwards signals to it. If
  // the launcher is killed outright (SIGKILL), nothing is forwarded: the host, re-parented, stops.
  const launcher = Number(process.env.FORKPAD_LAUNCHER_PID);
  if (Number.isSafeInteger(launcher) && launcher > 0) {
    setInterval(() => {
      if (process.ppid !== launcher) stop('SIGTERM');
    }, LAUNCHER_POLL_MS).unref();
  }
}
