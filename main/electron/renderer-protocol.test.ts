import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../core/boundary/content-security-policy.ts';
import { rendererPathname, serveRendererRequest } from './renderer-protocol.ts';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'forkpad-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Forkpad</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('renderer request paths', () => {
  it('takes only our origin, and leaves the path to the shared resolver', () => {
    expect(rendererPathname('forkpad://app/assets/app.js?v=1#x')).toBe('/assets/app.js');
    for (const url of ['forkpad://other/index.html', 'https://app/index.html', 'not a url']) expect(rendererPathname(url)).toBeUndefined();
  });

  it.each([
    'forkpad://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'forkpad://app/..%5csecret.txt',
    'forkpad://app/index.html%00.png',
    'forkpad://app/%E0%A4%A',
    'forkpad://other/index.html',
    'https://app/index.html',
    'not a url',
  ])('answers 404 for %s', async (url) => {
    expect((await serveRendererRequest(url, root)).status).toBe(404);
  });
});

describe('serving the renderer', () => {
  it('serves index.html with the CSP and security headers', async () => {
    const response = await serveRendererRequest('forkpad://app/index.html', root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Forkpad</title>');
  });

  it('serves scripts as JavaScript and decodes escaped names', async () => {
    expect((await serveRendererRequest('forkpad://app/assets/app.js', root)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serveRendererRequest('forkpad://app/assets/a%20b.css', root)).status).toBe(200);
  });

  it('answers 404 for missing files, directories, escapes and symlinks out of the folder', async () => {
    for (const url of ['forkpad://app/missing.js', 'forkpad://app/assets', 'forkpad://app/assets/', 'forkpad://app/../secret.txt', 'forkpad://app/assets/link.txt']) {
      const response = await serveRendererRequest(url, root);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});
