/**
 * The web host's server, for real: an HTTP + WebSocket listener on an ephemeral 127.0.0.1 port,
 * the real host core (no tasks) and the real boundary validator. Covers who gets in (token,
 * Host, Origin), what is served (MIME, CSP, no listing, no escape), and the RPC round trip.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateHostRequest } from '../../main/core/boundary/validate-host-request.ts';
import { Workspace } from '../../main/core/files/workspace.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { MAX_FRAME_BYTES, startWebServer, TAKEN_OVER_CODE, type WebServer } from '../../main/web/web-server.ts';
import { connectHost, openSocket, rawGet, waitFor } from './web-client.ts';

let root: string;
let server: WebServer;
let core: HostCore;
const logs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-web-test-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets', 'nested'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Forkpad</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(renderer, 'assets', 'style.css'), 'body{}');
  await writeFile(join(root, 'secret.txt'), 'top secret');
  await symlink(join(root, 'secret.txt'), join(renderer, 'assets', 'escape.txt'));
  await mkdir(join(root, 'workspace'));
  core = await createHostCore({ platform: 'web', dataDir: join(root, 'data'), files: await Workspace.open(join(root, 'workspace')), log: (line) => logs.push(line) });
  server = await startWebServer({ rendererRoot: renderer, core, validate: validateHostRequest, log: (line) => logs.push(line) });
});

afterAll(async () => {
  await server.close();
  await core.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('web host HTTP', () => {
  it('refuses a request without the token or with a wrong one', async () => {
    const none = await rawGet(server.port, '/');
    expect(none.status).toBe(403);
    expect(none.body).toMatch(/no token/);
    const wrong = await rawGet(server.port, `/?token=${server.token.slice(0, -1)}x`);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatch(/token is wrong/);
    expect((await rawGet(server.port, '/assets/app.js')).status).toBe(403);
  });

  it('serves the page with the token, sets an HttpOnly SameSite=Strict cookie, and sends the CSP', async () => {
    const page = await rawGet(server.port, `/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const cookiePair = cookie.split(';')[0] ?? '';
    const script = await rawGet(server.port, '/assets/app.js', { cookie: cookiePair });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log(1);');
    const style = await rawGet(server.port, `/assets/style.css?token=${server.token}`);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('lists no folder and lets no path escape the renderer folder', async () => {
    const auth = `token=${server.token}`;
    expect((await rawGet(server.port, `/assets/?${auth}`)).status).toBe(404);
    expect((await rawGet(server.port, `/assets/nested?${auth}`)).status).toBe(404);
    expect((await rawGet(server.port, `/../secret.txt?${auth}`)).status).toBe(400);
    expect((await rawGet(server.port, `/assets/%2e%2e/%2e%2e/secret.txt?${auth}`)).status).toBe(400);
    expect((await rawGet(server.port, `/assets%2f..%2f..%2fsecret.txt?${auth}`)).status).toBe(400);
    expect((await rawGet(server.port, `/assets/..%5c..%5csecret.txt?${auth}`)).status).toBe(400);
    expect((await rawGet(server.port, `/assets/app.js%00.html?${auth}`)).status).toBe(400);
    expect((await rawGet(server.port, `/%E0%A4%A?${auth}`)).status).toBe(400);
    const escaped = await rawGet(server.port, `/assets/escape.txt?${auth}`);
    expect(escaped.status).toBe(404);
    expect(escaped.body).not.toMatch(/secret/);
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
    const reach = (host: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host, port: server.port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    expect(await reach('127.0.0.1')).toBe('connected');
    if (external) expect(await reach(external.address)).toBe('ECONNREFUSED');
    expect(await reach('::1')).not.toBe('connected');
  });

  it('answers only to its own Host and only to GET and HEAD', async () => {
    expect((await rawGet(server.port, `/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await rawGet(server.port, `/?token=${server.token}`, {}, 'POST')).status).toBe(405);
    const head = await rawGet(server.port, `/?token=${server.token}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('web host WebSocket', () => {
  const url = () => `ws://127.0.0.1:${server.port}/rpc`;
  const origin = () => `http://127.0.0.1:${server.port}`;

  it('refuses a socket without the token, with a wrong token, or from another Origin', async () => {
    await expect(openSocket(url(), { origin: origin() })).rejects.toMatchObject({ status: 403 });
    await expect(openSocket(`${url()}?token=nope`, { origin: origin() })).rejects.toMatchObject({ status: 403 });
    await expect(openSocket(`${url()}?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(openSocket(`${url()}?token=${server.token}`, {})).rejects.toMatchObject({ status: 403 });
    await expect(openSocket(`ws://127.0.0.1:${server.port}/other?token=${server.token}`, { origin: origin() })).rejects.toMatchObject({ status: 404 });
  });

  it('accepts the token from the cookie', async () => {
    const socket = await openSocket(url(), { origin: origin(), cookie: `forkpad-token-${server.port}=${server.token}` });
    socket.close();
  });

  it('says hello and answers each change with the stats of that version', async () => {
    const host = await connectHost(server.port, server.token);
    try {
      const hello = await host.client.api.hello(null);
      expect(hello.platform).toBe('web');
      expect(hello.tasksEnabled).toBe(false);
      const { uri, version } = hello.document;
      const first = await host.client.api.change({ uri, version: version + 1, edits: [{ offset: 0, length: 0, text: 'Hello brave world' }], keys: [] });
      expect(first).toEqual({ uri, version: version + 1, stats: { lines: 1, words: 3, characters: 17 } });
      const second = await host.client.api.change({ uri, version: version + 2, edits: [{ offset: 5, length: 6, text: '\n' }], keys: [{ kind: 'enter', at: Date.now() }] });
      expect(second.stats).toEqual({ lines: 2, words: 2, characters: 12 });
      // A repeat of an applied change is harmless; a skipped version is refused so the page resyncs.
      await expect(host.client.api.change({ uri, version: version + 2, edits: [{ offset: 5, length: 6, text: '\n' }], keys: [] })).resolves.toMatchObject({ version: version + 2 });
      await expect(host.client.api.change({ uri, version: version + 9, edits: [], keys: [] })).rejects.toMatchObject({ code: 'OUT_OF_SYNC' });
      const resynced = await host.client.api.resync({ uri, version: version + 9, text: 'one two' });
      expect(resynced).toEqual({ uri, version: version + 9, stats: { lines: 1, words: 2, characters: 7 } });
      expect(core.session.text).toBe('one two');
    } finally {
      host.close();
    }
  });

  it('rejects malformed frames and requests with a clear error and stays healthy', async () => {
    const host = await connectHost(server.port, server.token);
    try {
      host.socket.send('this is not json');
      host.socket.send(JSON.stringify({ type: 'call', method: 'hello' }));
      host.socket.send(Buffer.from([1, 2, 3]), { binary: true });
      await waitFor(() => host.events.filter((event) => event.name === 'protocolError').length === 3, 5_000, 'three protocol errors');
      expect(JSON.stringify(host.events)).toMatch(/not JSON.*not an RPC message.*binary/s);
      await expect(host.client.api.change({ uri: 'x', version: -1, edits: 'nope', keys: [] } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      const call = (method: string) => (host.client.api as unknown as Record<string, (request: unknown) => Promise<unknown>>)[method]?.(null);
      await expect(call('__proto__')).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
      await expect(call('valueOf')).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
      await expect(host.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
    } finally {
      host.close();
    }
  });

  it('closes a socket that sends an oversized frame, and takes the next one', async () => {
    const host = await connectHost(server.port, server.token);
    const closed = new Promise<number>((resolve) => host.socket.once('close', (code) => resolve(code)));
    host.socket.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    const next = await connectHost(server.port, server.token);
    await expect(next.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
    next.close();
  });

  it('lets a second page take the session over and tells the first why it was disconnected', async () => {
    const first = await connectHost(server.port, server.token);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => first.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    const second = await connectHost(server.port, server.token);
    const { code, reason } = await closed;
    expect(code).toBe(TAKEN_OVER_CODE);
    expect(reason).toMatch(/another tab/);
    await expect(second.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
    second.close();
  });
});
