/**
 * The web host's entry (built to out/main/web-host.js):
 *
 *   node out/main/web-host.js [--workspace DIR] [--port N] [--data-dir DIR] [--no-tasks]
 *
 * The same core as Electron (session, supervisor, tasks in threads or `child_process.fork`
 * processes), served to a browser over HTTP + WebSocket on 127.0.0.1. Prints
 * `Forkpad web host: http://127.0.0.1:PORT/?token=…` once it listens; SIGINT or SIGTERM stop
 * the tasks gracefully (the journal keeps unsaved work) and exit.
 */
import { mkdir } from 'node:fs/promises';
import { validateHostRequest } from '../core/boundary/validate-host-request.ts';
import { Workspace } from '../core/files/workspace.ts';
import { createHostCore, type HostCore } from '../core/host-service/host-core.ts';
import { parseWebHostArgs, usage } from './cli-args.ts';
import { findRendererRoot } from './build-paths.ts';
import { startWebServer, type WebServer } from './web-server.ts';
import { webSupervisorFactory } from './web-tasks.ts';

const log = (line: string) => console.error(line);
/** After this long, a shutdown that is still waiting for tasks is cut short. */
const SHUTDOWN_DEADLINE_MS = 8_000;

async function main(): Promise<void> {
  const parsed = parseWebHostArgs(process.argv.slice(2));
  if ('help' in parsed) {
    console.log(usage());
    return;
  }
  if ('error' in parsed) {
    console.error(`${parsed.error}\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  const { workspace: workspaceDir, dataDir, port, tasks } = parsed;
  await mkdir(dataDir, { recursive: true });
  const workspace = await Workspace.open(workspaceDir, [dataDir]);
  const rendererRoot = await findRendererRoot(import.meta.dirname);
  const core = await createHostCore({
    platform: 'web',
    dataDir,
    files: workspace,
    log,
    ...(tasks ? { createSupervisor: webSupervisorFactory({ dataDir, hereDir: import.meta.dirname, log }) } : {}),
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
    const deadline = setTimeout(() => {
      log(`[web host] tasks did not stop within ${SHUTDOWN_DEADLINE_MS} ms: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
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
}

main().catch((error: unknown) => {
  log(`[web host] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
