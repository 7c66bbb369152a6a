/**
 * Web host security (issue 8), end to end against the real server and host core: it listens on
 * 127.0.0.1 only; a request or WebSocket without the token, or with a wrong one of any length, is
 * refused (the comparison hashes both sides and uses timingSafeEqual: web-auth.ts); a WebSocket
 * from any other Origin or Host is refused; every file path the renderer sends stays inside the
 * workspace (`..`, absolute, percent-encoded, symlinks out, for reading, writing and listing);
 * and no folder is ever listed over HTTP.
 *
 * test/host/web-server.test.ts covers the basic cases of each; this adds the variants.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateHostRequest } from '../../main/core/boundary/validate-host-request.ts';
import { Workspace } from '../../main/core/files/workspace.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { tokensEqual } from '../../main/web/web-auth.ts';
import { startWebServer, type WebServer } from '../../main/web/web-server.ts';
import { connectHost, openSocket, rawGet, type HostConnection } from '../host/web-client.ts';
import { ranWhole, recordFigures } from './support/figures.ts';

const startedAt = performance.now();
let root: string;
let core: HostCore;
let server: WebServer;
let host: HostConnection;
const counts = { tokens: 0, origins: 0, hosts: 0, paths: 0, listings: 0, interfaces: 0 };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-web-security-'));
  const workspace = join(root, 'workspace');
  await mkdir(join(workspace, 'notes'), { recursive: true });
  await mkdir(join(root, 'renderer', 'assets'), { recursive: true });
  await mkdir(join(root, 'outside'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>Forkpad</title>');
  await writeFile(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(workspace, 'notes', 'inside.md'), '# inside');
  await writeFile(join(root, 'outside', 'secret.md'), 'top secret');
  await symlink(join(root, 'outside'), join(workspace, 'out-folder'));
  await symlink(join(root, 'outside', 'secret.md'), join(workspace, 'out-file.md'));
  await symlink(join(root, 'outside'), join(root, 'renderer', 'assets', 'out'));
  core = await createHostCore({ platform: 'web', dataDir: join(root, 'data'), files: await Workspace.open(workspace), log: () => undefined });
  server = await startWebServer({ rendererRoot: join(root, 'renderer'), core, validate: validateHostRequest, log: () => undefined });
  host = await connectHost(server.port, server.token);
});

afterAll(async ({}, file) => {
  host.close();
  await server.close();
  await core.dispose();
  await rm(root, { recursive: true, force: true });
  if (ranWhole(file)) await recordSecurityFigures();
});

function tryConnect(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('where it listens', () => {
  it('binds 127.0.0.1 only: no other interface of this machine, and not IPv6 loopback, reaches it', async () => {
    expect(await tryConnect('127.0.0.1', server.port)).toBe('connected');
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && entry.address !== '127.0.0.1')
      .map((entry) => entry?.address ?? '');
    for (const address of ['::1', ...others]) {
      expect(await tryConnect(address, server.port), address).not.toBe('connected');
      counts.interfaces += 1;
    }
  });
});

describe('the token', () => {
  /** Wrong tokens as a client would hold them. */
  const wrongTokens = () => {
    const token = server.token;
    return [
      '',
      'x',
      token.slice(0, -1),
      `${token}x`,
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
      'x'.repeat(10_000),
      `${token}\u0000`,
      '🔑'.repeat(50),
      `${token} `,
    ];
  };
  const wrong = () => wrongTokens().map((token) => encodeURIComponent(token));

  it('refuses every wrong token, of any length, over HTTP and WebSocket, without a crash', async () => {
    for (const candidate of wrong()) {
      const page = await rawGet(server.port, `/?token=${candidate}`);
      expect(page.status, `HTTP with ${candidate.slice(0, 40)}`).toBe(403);
      await expect(openSocket(`ws://127.0.0.1:${server.port}/rpc?token=${candidate}`, { origin: `http://127.0.0.1:${server.port}` })).rejects.toMatchObject({ status: 403 });
      const cookie = await rawGet(server.port, '/', { cookie: `forkpad-token-${server.port}=${candidate}` });
      expect(cookie.status).toBe(403);
      counts.tokens += 1;
    }
    await expect(host.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
  });

  it('compares in constant time: both sides hashed to equal length first, so wrong lengths never throw', () => {
    // Code review: tokensEqual (main/web/web-auth.ts) hashes both sides with SHA-256 and compares the
    // digests with crypto.timingSafeEqual, which would throw for unequal lengths if handed raw tokens.
    for (const candidate of wrongTokens()) expect(tokensEqual(server.token, candidate)).toBe(false);
    expect(tokensEqual(server.token, undefined)).toBe(false);
    expect(tokensEqual(server.token, server.token)).toBe(true);
  });
});

describe('who may open the WebSocket', () => {
  it('refuses every Origin but its own, and every Host but its own', async () => {
    const port = server.port;
    const url = `ws://127.0.0.1:${port}/rpc?token=${server.token}`;
    const origins = ['null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost.evil.example:${port}`, `http://127.0.0.1:${port}.evil.example`, `http://evil.example`, `http://[::1]:${port}`, `http://127.0.0.1:${port}/`, 'file://', `ws://127.0.0.1:${port}`];
    for (const origin of origins) {
      await expect(openSocket(url, { origin }), origin).rejects.toMatchObject({ status: 403 });
      counts.origins += 1;
    }
    // DNS rebinding: a page on another name resolving to 127.0.0.1 sends its own Host.
    for (const hostHeader of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port}.evil.example`, `0.0.0.0:${port}`, `[::1]:${port}`]) {
      await expect(openSocket(url, { origin: `http://${hostHeader}`, host: hostHeader }), hostHeader).rejects.toMatchObject({ status: 421 });
      expect((await rawGet(server.port, `/?token=${server.token}`, { host: hostHeader })).status).toBe(421);
      counts.hosts += 1;
    }
  });
});

describe('workspace confinement over the RPC', () => {
  const escapes = [
    '../outside/secret.md',
    'notes/../../outside/secret.md',
    '/etc/passwd',
    '/tmp/x.md',
    'C:/Windows/win.ini',
    'notes\\..\\..\\outside\\secret.md',
    '%2e%2e/outside/secret.md',
    '..%2foutside%2fsecret.md',
    'notes/%2E%2E/%2E%2E/outside/secret.md',
    '%252e%252e/outside/secret.md',
    'out-file.md',
    'out-folder/secret.md',
    './notes/inside.md',
    '..',
    'notes/inside.md\u0000.png',
  ];

  it('refuses to open, list or write anything outside the workspace, and changes nothing there', async () => {
    const outsideBefore = await readdir(join(root, 'outside'));
    for (const path of escapes) {
      const attempts = await Promise.allSettled([
        host.client.api.open({ path, discardUnsaved: true }),
        host.client.api.openRecent({ path, discardUnsaved: true }),
        host.client.api.listWorkspace({ path }),
        host.client.api.saveAs({ uri: core.session.uri, path, overwrite: true }),
        host.client.api.saveAs({ uri: core.session.uri, path: `${path}/new.md`, overwrite: true }),
      ]);
      for (const attempt of attempts) {
        expect(attempt.status, `${path} was accepted`).toBe('rejected');
        const error = (attempt.status === 'rejected' ? attempt.reason : undefined) as { code?: string; message?: string } | undefined;
        expect(error?.code, `${path}: ${String(error?.message)}`).toMatch(/^(PATH_REFUSED|NOT_FOUND|INVALID_INPUT|IS_FOLDER)$/);
        counts.paths += 1;
      }
    }
    expect(await readdir(join(root, 'outside'))).toEqual(outsideBefore);
    expect(await readFile(join(root, 'outside', 'secret.md'), 'utf8')).toBe('top secret');
    const listing = await host.client.api.listWorkspace({});
    expect(listing.entries.map((entry) => entry.name).sort()).toEqual(['notes']);
    await expect(host.client.api.open({ path: 'notes/inside.md', discardUnsaved: true })).resolves.toMatchObject({ text: '# inside' });
  });
});

describe('no directory listing over HTTP', () => {
  it('serves files, never a folder, however the folder is named', async () => {
    const auth = `token=${server.token}`;
    for (const path of ['/assets/', '/assets', '/assets//', '/./assets/', '/assets/.', '//assets/', '/assets/%2e', '/assets/out/', '/assets/out/secret.md', '/%2e/assets']) {
      const response = await rawGet(server.port, `${path}?${auth}`);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.body, path).not.toMatch(/app\.js|secret/);
      counts.listings += 1;
    }
    expect((await rawGet(server.port, `/assets/app.js?${auth}`)).status).toBe(200);
  });
});

async function recordSecurityFigures(): Promise<void> {
  await recordFigures(
    {
      suite: '5-web-host-security',
      title: 'Web host security',
      file: 'test/reliability/web-security.test.ts',
      summary:
        'Against the real web server and host core: the listening socket is reachable on 127.0.0.1 only; wrong tokens of every length (empty, one ' +
        'character short or long, 10,000 characters, case-changed, with NUL, non-ASCII) are refused over HTTP, WebSocket and cookie; foreign Origins ' +
        'and Host headers (DNS rebinding) are refused; paths with `..`, absolute, backslashes, single and double percent-encoding, and symlinks out of ' +
        'the workspace are refused for open, open recent, list and save as, and nothing outside changes; no folder is ever listed over HTTP. The ' +
        'token comparison hashes both sides with SHA-256 and compares digests with `crypto.timingSafeEqual` (main/web/web-auth.ts, reviewed).',
      figures: [
        { label: 'wrong tokens refused (HTTP, WebSocket and cookie each)', value: counts.tokens, bound: 'all' },
        { label: 'foreign Origins refused', value: counts.origins, bound: 'all' },
        { label: 'foreign Host headers refused', value: counts.hosts, bound: 'all' },
        { label: 'escaping file requests refused', value: counts.paths, bound: 'all' },
        { label: 'folder URLs not listed', value: counts.listings, bound: 'all' },
        { label: 'other addresses that cannot reach it', value: counts.interfaces, bound: 'all' },
      ],
    },
    startedAt,
  );
}
