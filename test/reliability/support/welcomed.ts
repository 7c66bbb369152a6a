/**
 * Marks a data folder as past its first run, so a web host started on it opens an empty
 * document rather than the welcome document (issue 15): what every suite but the first-run one
 * expects. A folder that already has settings keeps them.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTINGS_FILE } from '../../../main/core/settings/settings-store.ts';

export async function markWelcomed(dataDir: string): Promise<void> {
  const file = join(dataDir, SETTINGS_FILE);
  if (existsSync(file)) return;
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ welcomed: true })}\n`);
}
