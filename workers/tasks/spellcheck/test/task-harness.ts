/** Builds spellcheck tasks the way a host does, for tests. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCE_TASK_ASSETS } from '../../../node/source-assets.ts';
import type { SpellcheckApi, TaskContext } from '../../../common/task-api.ts';
import { createTask } from '../index.ts';

/** The dictionary files as the host resolves them when run from source. */
export const DICTIONARY_ASSETS = SOURCE_TASK_ASSETS;

export const never = new AbortController().signal;

export function temporaryDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'forkpad-spellcheck-'));
}

export function spellcheckContext(dataDir: string, logs: string[] = []): TaskContext<'spellcheck'> {
  return {
    init: { task: 'spellcheck', dataDir, assets: DICTIONARY_ASSETS, settings: { ignoredRules: [] } },
    emit: () => undefined,
    log: (line) => logs.push(line),
  };
}

export async function newSpellcheckTask(dataDir?: string): Promise<SpellcheckApi> {
  return createTask(spellcheckContext(dataDir ?? (await temporaryDataDir())));
}

/** Opens `text` as version 1 and checks it. */
export async function checkOnce(task: SpellcheckApi, text: string, uri = 'untitled:spell') {
  await task.open({ uri, version: 1, text, path: null }, never);
  return task.check({ version: 1 }, never);
}
