#!/usr/bin/env node
/**
 * `npm run web [-- --workspace DIR --port N …]`: builds if out/ is missing or older than the
 * sources, then starts the web host (out/main/web-host.js) under this same Node 24, passing the
 * arguments through. The web host prints its URL, token included.
 *
 * npm runs every script from the package root, so the folder the user typed `npm run web` in
 * arrives only as INIT_CWD. The web host runs there, so its default workspace is that folder
 * and a relative --workspace or --data-dir means what the user meant by it.
 */
import './check-node.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const SOURCE_FOLDERS = ['main', 'preload', 'renderer', 'workers'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json'];
const OUTPUTS = ['out/main/web-host.js', 'out/renderer/index.html', 'out/preload/index.cjs'];

function newestSourceMs() {
  let newest = 0;
  const consider = (path) => {
    newest = Math.max(newest, statSync(path).mtimeMs);
  };
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) consider(join(root, file));
  for (const folder of SOURCE_FOLDERS) {
    const absolute = join(root, folder);
    if (!existsSync(absolute)) continue;
    for (const entry of readdirSync(absolute, { recursive: true, withFileTypes: true })) {
      // Tests do not go into the build, so editing one needs no rebuild.
      if (entry.isFile() && !/\.test\.ts$/.test(entry.name)) consider(join(entry.parentPath, entry.name));
    }
  }
  return newest;
}

/** Why a build is needed, or null when out/ is current. */
function staleReason() {
  const missing = OUTPUTS.filter((output) => !existsSync(join(root, output)));
  if (missing.length > 0) return `${missing.join(', ')} missing`;
  const oldestOutput = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs));
  return newestSourceMs() > oldestOutput ? 'sources changed since the last build' : null;
}

function build(reason) {
  console.error(`[web] building (${reason})…`);
  const started = performance.now();
  const cli = realpathSync(join(root, 'node_modules/.bin/electron-vite'));
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[web] build failed (${result.signal ?? `exit code ${result.status}`})`);
    process.exit(1);
  }
  console.error(`[web] built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The folder the user ran the command from: npm's INIT_CWD, or this process's own when run with node directly. */
const invokedFrom = process.env.INIT_CWD ?? process.cwd();

function start() {
  // Its own process group: a terminal's Ctrl+C reaches only this script, which forwards it
  // once, so the web host sees exactly one signal and shuts down cleanly.
  const host = spawn(process.execPath, [join(root, 'out/main/web-host.js'), ...process.argv.slice(2)], {
    cwd: invokedFrom,
    stdio: 'inherit',
    detached: true,
    // So the host can tell when this launcher is gone without a word (SIGKILL): see run-web-host.ts.
    env: { ...process.env, FORKPAD_LAUNCHER_PID: String(process.pid) },
  });
  const stop = (signal) => {
    if (host.exitCode === null && host.signalCode === null) host.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
  // `npm run` starts this through a shell, and a SIGTERM sent to npm ends that shell without
  // reaching this script, which is then re-parented: treat that as the SIGTERM it was.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('SIGTERM');
  }, 500).unref();
  host.on('error', (error) => {
    console.error(`[web] could not start the web host: ${error.message}`);
    process.exit(1);
  });
  host.on('exit', (code, signal) => {
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
  });
}

const reason = staleReason();
if (reason) build(reason);
start();
