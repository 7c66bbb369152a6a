/**
 * The Electron host core without Electron: the real core (session, supervisor, tasks) behind the
 * same `connect` the IPC port uses, with `child_process.fork` standing in for utility processes
 * and /proc for app metrics. Covers what main.ts relies on: the RPC with boundary validation, the
 * events to the renderer, the native menu's state, and the native-dialog file commands.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostApi, HostEvents, OpenDocument } from '../../workers/common/host-api.ts';
import { menuStateOf } from '../../workers/common/host-state.ts';
import { createRpcClient, type Port, type RpcClient } from '../../workers/common/rpc.ts';
import { sourceEntryPaths } from '../core/hosts/entry-paths.ts';
import { forkSpawner } from '../core/hosts/fork-spawner.ts';
import { procfsProcessMetrics } from '../core/probes/process-metrics.ts';
import type { HostConnection } from '../core/host-service/serve-host.ts';
import { createElectronHostCore, type ElectronHostCore } from './host-core.ts';

function messagePorts(): [Port, Port, () => void] {
  const channel = new MessageChannel();
  const wrap = (port: typeof channel.port1): Port => ({
    post: (message) => port.postMessage(message),
    listen(handler) {
      const listener = (message: unknown) => handler(message);
      port.on('message', listener);
      return () => port.off('message', listener);
    },
  });
  return [wrap(channel.port1), wrap(channel.port2), () => (channel.port1.close(), channel.port2.close())];
}

let folder: string;
let core: ElectronHostCore;
let connection: HostConnection;
let client: RpcClient<HostApi, HostEvents>;
let closePorts: () => void;
const documents: OpenDocument[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'forkpad-electron-core-'));
  const log = () => undefined;
  core = await createElectronHostCore({ dataDir: join(folder, 'data'), entries: sourceEntryPaths(), spawner: forkSpawner({ log }), metrics: procfsProcessMetrics(), log });
  const [hostPort, rendererPort, close] = messagePorts();
  closePorts = close;
  connection = core.connect(hostPort);
  client = createRpcClient<HostApi, HostEvents>(rendererPort, { label: '[test renderer]', defaultTimeoutMs: 60_000 });
  client.on('document', (document) => documents.push(document));
}, 90_000);

afterAll(async () => {
  client.close();
  connection.close();
  closePorts();
  await core.dispose();
  rmSync(folder, { recursive: true, force: true });
}, 30_000);

describe('Electron host core', () => {
  it('answers hello as the Electron platform and shows its state in the menu', async () => {
    const hello = await client.api.hello(null);
    expect(hello.platform).toBe('electron');
    expect(menuStateOf(core.state())).toMatchObject({ platform: 'electron', model: hello.model, theme: hello.settings.theme, dirty: false, hasPath: false });
  });

  it('validates every request at the boundary', async () => {
    await expect(client.api.setSettings({ theme: 'neon' } as never)).rejects.toThrow('Invalid setSettings request: theme');
    await expect(client.api.open({ path: 'relative.md' })).rejects.toThrow();
  });

  it('follows settings changes in the native menu state', async () => {
    let changes = 0;
    const stop = core.onStateChange(() => (changes += 1));
    await client.api.setSettings({ theme: 'dark', monitorVisible: true });
    stop();
    expect(menuStateOf(core.state())).toMatchObject({ theme: 'dark', monitorVisible: true });
    expect(changes).toBeGreaterThan(0);
  });

  it('opens a file chosen natively, tells the renderer, and lists it in Open Recent', async () => {
    const file = join(folder, 'notes.md');
    writeFileSync(file, '# Notes\n\nHello from disk.\n');
    const recorded: string[] = [];
    const stop = core.onDocumentRecorded((path) => recorded.push(path));
    await core.openPath(file, { discardUnsaved: false });
    await client.api.save({ uri: (documents.at(-1) as OpenDocument).uri });
    stop();
    // Opened, then saved: both go to the OS's recent documents.
    expect(recorded).toEqual([file, file]);
    expect(documents.at(-1)).toMatchObject({ path: file, text: '# Notes\n\nHello from disk.\n', dirty: false });
    expect(core.documentPath()).toBe(file);
    expect(menuStateOf(core.state())).toMatchObject({ hasPath: true, dirty: false });
    expect(menuStateOf(core.state()).recentFiles[0]).toBe(file);
  });

  it('knows about unsaved changes, saves them as a new file and forgets them on request', async () => {
    const opened = documents.at(-1) as OpenDocument;
    await client.api.change({ uri: opened.uri, version: opened.version + 1, edits: [{ offset: opened.text.length, length: 0, text: 'More.\n' }], keys: [] });
    expect(core.hasUnsavedChanges()).toBe(true);
    expect(menuStateOf(core.state()).dirty).toBe(true);
    const copy = join(folder, 'copy.md');
    await core.saveAs(copy);
    expect(readFileSync(copy, 'utf8')).toBe('# Notes\n\nHello from disk.\nMore.\n');
    expect(core.hasUnsavedChanges()).toBe(false);
    expect(menuStateOf(core.state()).recentFiles.slice(0, 2)).toEqual([copy, join(folder, 'notes.md')]);
    const again = documents.at(-1) as OpenDocument;
    await client.api.change({ uri: again.uri, version: opened.version + 2, edits: [{ offset: 0, length: 0, text: 'x' }], keys: [] });
    await core.discardUnsaved();
    expect(core.hasUnsavedChanges()).toBe(false);
    expect(core.documentPath()).toBeNull();
  });
});
