/**
 * Where the web host finds its built files. Built, it runs as out/main/web-host.js beside
 * out/renderer; run from source (tests), main/web/ is two folders below the repository root.
 */
import { access, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The built renderer folder as a real path, or a clear error naming the build step. `exact`:
 * `hereDir` is the renderer folder itself.
 */
export async function findRendererRoot(hereDir: string, exact = false): Promise<string> {
  const candidates = exact ? [resolve(hereDir)] : [resolve(hereDir, '../renderer'), resolve(hereDir, '../../out/renderer')];
  for (const candidate of candidates) {
    try {
      await access(join(candidate, 'index.html'));
      return await realpath(candidate);
    } catch {
      continue; // Not this layout: try the next.
    }
  }
  throw new Error(`the built renderer was not found (looked in ${candidates.join(', ')}): run \`npm run build\` first`);
}
