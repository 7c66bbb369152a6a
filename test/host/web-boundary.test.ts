/**
 * Malformed input through the web host's real WebSocket: wrong types, missing and extra fields,
 * prototype keys, deep nesting, oversized values, broken frames. Every one is refused with a
 * clear error, none reaches a task, and the host goes on answering.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateHostRequest } from '../../main/core/boundary/validate-host-request.ts';
import { Workspace } from '../../main/core/files/workspace.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { startWebServer, type WebServer } from '../../main/web/web-server.ts';
import { TASK_IDS } from '../../workers/common/tasks.ts';
import { FakeSupervisor } from './fake-supervisor.ts';
import { connectHost, waitFor, type HostConnection } from './web-client.ts';

let root: string;
let core: HostCore;
let server: WebServer;
let tasks: FakeSupervisor | undefined;
let host: HostConnection;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-boundary-'));
  await mkdir(join(root, 'renderer'));
  await mkdir(join(root, 'workspace'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>');
  core = await createHostCore({
    platform: 'web',
    dataDir: join(root, 'data'),
    files: await Workspace.open(join(root, 'workspace')),
    log: () => undefined,
    createSupervisor: ({ primer }) => (tasks = new FakeSupervisor({ primer })),
  });
  await core.ready;
  server = await startWebServer({ rendererRoot: join(root, 'renderer'), core, validate: validateHostRequest, log: () => undefined });
  host = await connectHost(server.port, server.token);
});

afterAll(async () => {
  host.close();
  await server.close();
  await core.dispose();
  await rm(root, { recursive: true, force: true });
});

const taskCalls = () => TASK_IDS.reduce((sum, task) => sum + (tasks?.host(task).calls.length ?? 0), 0);

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

/** [method, request, what the error must say]. */
const malformed: readonly (readonly [string, unknown, RegExp])[] = [
  ['change', null, /change request/],
  ['change', { uri: 'doc:x', version: '1', edits: [], keys: [] }, /version/],
  ['change', { uri: 'doc:x', version: 1, edits: [{ offset: -1, length: 0, text: '' }], keys: [] }, /offset/],
  ['change', { uri: 'doc:x', version: 1, edits: [], keys: [] , extra: true }, /unexpected field/],
  ['change', { uri: 'doc:x', version: 1, keys: [] }, /edits/],
  ['change', JSON.parse('{"uri":"doc:x","version":1,"edits":[],"keys":[],"__proto__":{"polluted":true}}'), /__proto__|unexpected/],
  ['change', { uri: 'doc:x', version: 1, edits: [{ offset: 0, length: 0, text: 'a', constructor: 1 }], keys: [] }, /constructor|unexpected/],
  ['setIsolation', { preset: 'everything' }, /preset/],
  ['taskAction', { task: 'grammar', action: 'fault', fault: { kind: 'melt' } }, /kind|fault/],
  ['open', { path: '../../etc/passwd' }, /\.\.|refused|path/],
  ['open', { path: 'a\u0000b' }, /control|NUL|path/],
  ['saveAs', { uri: 'doc:x', path: 7 }, /path/],
  ['setSettings', { refreshMs: 1 }, /refreshMs/],
  ['suggest', { word: 'x'.repeat(100_000) }, /word/],
  ['resync', { uri: 'doc:x', version: 1 }, /text/],
  ['hello', { deep: nested(50) }, /depth|deep|nest|null/],
  ['constructor', null, /Unknown method/],
  ['__proto__', null, /Unknown method/],
  ['toString', null, /Unknown method/],
  ['dispose', null, /Unknown method/],
];

describe('web host boundary', () => {
  it.each(malformed)('refuses %s with a clear error and keeps it from the tasks', async (method, request, why) => {
    const before = taskCalls();
    const call = (host.client.api as unknown as Record<string, (request: unknown) => Promise<unknown>>)[method];
    const error = await call?.(request).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(why);
    expect(taskCalls()).toBe(before);
    await expect(host.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
  });

  it('refuses frames that are not messages, however deep or broken', async () => {
    const refusals = () => host.events.filter((event) => event.name === 'protocolError').length;
    const before = refusals();
    host.socket.send('['.repeat(200_000) + ']'.repeat(200_000));
    host.socket.send('{"type":"call","id":1,"method":"hello","request":');
    host.socket.send(JSON.stringify({ type: 'call', id: -5, method: 'hello', request: null }));
    host.socket.send(JSON.stringify({ type: 'call', id: 7, method: 'x'.repeat(100), request: null }));
    host.socket.send(JSON.stringify({ type: 'result', id: 1, value: 'not for the host' }));
    await waitFor(() => refusals() >= before + 4, 5_000, 'four refusals');
    await expect(host.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
  });
});
