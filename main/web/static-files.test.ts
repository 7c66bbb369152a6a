import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheControlOf, serveStatic, warmStaticFiles } from './static-files.ts';

let root: string;
let server: Server;
let base: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'forkpad-static-')));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><p>page</p>');
  await writeFile(join(root, 'assets', 'app.js'), 'export const version = 1;');
  server = createServer((request, response) => void serveStatic(root, request, response, (request.url ?? '/').split('?')[0] ?? '/', {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('serves a file whole, with its length, and HEAD without a body', async () => {
    await warmStaticFiles(root, () => undefined);
    const response = await fetch(`${base}/assets/app.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('export const version = 1;'.length));
    expect(await response.text()).toBe('export const version = 1;');
    const head = await fetch(`${base}/assets/app.js`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String('export const version = 1;'.length));
    expect(await head.text()).toBe('');
  });

  it('serves a rebuilt file afresh, not the copy it kept', async () => {
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('export const version = 1;');
    const file = join(root, 'assets', 'app.js');
    await writeFile(file, 'export const version = 22;');
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('export const version = 22;');
  });

  it('lets the browser keep content-hashed bundles, never the page, and revalidate the rest', async () => {
    await writeFile(join(root, 'assets', 'app-C25ENE_L.js'), 'export const hashed = true;');
    const hashed = await fetch(`${base}/assets/app-C25ENE_L.js`);
    expect(hashed.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect((await fetch(`${base}/index.html`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('cache-control')).toBe('no-cache');
    expect(cacheControlOf('/r/assets/codicon-DF1abBS2.ttf', 'font/ttf')).toMatch(/immutable/);
    expect(cacheControlOf('/r/assets/index.html-DF1abBS2.htm', 'text/html; charset=utf-8')).toBe('no-store');
    expect(cacheControlOf('/r/lib-DF1abBS2.js', 'text/javascript')).toBe('no-cache'); // Not under assets/.
  });

  it('says why when the renderer cannot be read ahead of time', async () => {
    const lines: string[] = [];
    await warmStaticFiles(join(root, 'missing'), (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/could not read the renderer ahead of time/);
  });
});
