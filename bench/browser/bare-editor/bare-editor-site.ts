/**
 * The bare-Monaco control page (bare-editor.ts), built with Vite as the renderer is, and served
 * the way the web host serves Forkpad's page: by the same static-file code, from memory, under the
 * same security headers and content security policy. Built afresh into a temporary folder for
 * each run, so it is always the checkout's editor and never part of Forkpad's own build.
 */
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { sendText, serveStatic } from '../../../main/web/static-files.ts';

export interface BareEditorSite {
  readonly url: string;
  close(): Promise<void>;
}

export async function startBareEditorSite(): Promise<BareEditorSite> {
  const root = await mkdtemp(join(tmpdir(), 'forkpad-bare-editor-'));
  try {
    await build({
      root: import.meta.dirname,
      base: './',
      configFile: false,
      logLevel: 'error',
      build: { outDir: root, emptyOutDir: true, minify: true, reportCompressedSize: false, chunkSizeWarningLimit: 8192 },
    });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    serveStatic(root, request, response, pathname, {}).catch((error: unknown) => sendText(response, 500, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the bare editor site has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
