/**
 * The web host's entry, built to out/main/web-host.js:
 *
 *   node out/main/web-host.js [--workspace DIR] [--port N] [--data-dir DIR] [--no-tasks]
 *
 * The same core as Electron (session, supervisor, tasks in threads or `child_process.fork`
 * processes), served to a browser over HTTP + WebSocket on 127.0.0.1. Prints
 * `Forkpad web host: http://127.0.0.1:PORT/?token=…` once it listens.
 */
import { taskAssets } from '../core/task-assets.ts';
import { runWebHost } from './run-web-host.ts';

runWebHost({ argv: process.argv.slice(2), hereDir: import.meta.dirname, assets: taskAssets }).catch((error: unknown) => {
  console.error(`[web host] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
