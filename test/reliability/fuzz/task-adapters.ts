/**
 * Each task's API as the fuzzer drives it, straight through the task module's `createTask`
 * (as every host kind loads it): how to open, change and query it, and what its answers must
 * satisfy. Assertions use node:assert, since these run in worker threads without vitest.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextEdit } from '../../../workers/common/document.ts';
import type { GrammarApi, KeystrokeApi, RenderApi, SpellcheckApi, TaskAssets, TaskContext } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import { planCheck } from '../../../workers/tasks/grammar/check-plan.ts';
import { createTask as createGrammar } from '../../../workers/tasks/grammar/index.ts';
import { readJournal } from '../../../workers/tasks/keystroke/journal-format.ts';
import { journalFileName } from '../../../workers/tasks/keystroke/journal-store.ts';
import { createKeystrokeService, type KeystrokeService } from '../../../workers/tasks/keystroke/keystroke-task.ts';
import { createTask as createRender } from '../../../workers/tasks/render/index.ts';
import { createMarkdown } from '../../../workers/tasks/render/markdown.ts';
import { createTask as createSpellcheck } from '../../../workers/tasks/spellcheck/index.ts';
import { SOURCE_TASK_ASSETS } from '../../../workers/node/source-assets.ts';

const NEVER = new AbortController().signal;
const ASSETS: TaskAssets = SOURCE_TASK_ASSETS;

/** The document as the fuzzer knows it must be in the task. */
export interface Model {
  readonly uri: string;
  version: number;
  text: string;
}

export interface TaskAdapter {
  readonly task: TaskId;
  open(model: Model): Promise<void>;
  /** Sends a change request as given: valid or not. */
  change(request: unknown): Promise<void>;
  validChange(model: Model, edit: TextEdit): unknown;
  /** A task-specific call; `variant` and `word` pick which and with what. */
  query(model: Model, variant: number, word: string): Promise<void>;
  /** The task's view of the document must be the model's. */
  verify(model: Model): Promise<void>;
  dispose(): Promise<void>;
}

/** Error codes a task may answer bad input with. Anything else (a TypeError, no code) is not a clear error. */
export const CLEAR_CODES = new Set(['INVALID_INPUT', 'OUT_OF_SYNC', 'TOO_LARGE']);

/** Asserts that `call` fails with one of Forkpad's clear errors, never anything else. */
export async function refusedClearly(call: () => unknown, what: string): Promise<void> {
  let outcome: unknown;
  try {
    await call();
  } catch (error) {
    outcome = error;
  }
  assert.ok(outcome !== undefined, `${what} was accepted`);
  const { code, message } = outcome as { code?: unknown; message?: unknown };
  assert.ok(outcome instanceof Error && typeof code === 'string' && CLEAR_CODES.has(code), `${what} failed without a clear error: ${outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : JSON.stringify(outcome)}`);
  assert.ok(typeof message === 'string' && message.length > 0 && message.length < 2_000, `${what}: the error message is empty or unbounded`);
}

function context<T extends TaskId>(task: T, dataDir: string): TaskContext<T> {
  return { init: { task, dataDir, assets: ASSETS, settings: { ignoredRules: [] } }, emit: () => undefined, log: () => undefined };
}

/** A scratch data folder on tmpfs where there is one: the fuzzers test input handling, not the disk. */
export async function scratchFolder(): Promise<string> {
  const base = process.platform === 'linux' ? '/dev/shm' : tmpdir();
  return mkdtemp(join(base, 'forkpad-fuzz-')).catch(() => mkdtemp(join(tmpdir(), 'forkpad-fuzz-')));
}

const plain = (model: Model, edit: TextEdit) => ({ uri: model.uri, version: model.version + 1, edits: [edit] });

export async function renderAdapter(): Promise<TaskAdapter> {
  const api: RenderApi = await createRender(context('render', '/nonexistent'));
  const reference = createMarkdown();
  return {
    task: 'render',
    open: (model) => Promise.resolve(api.open({ uri: model.uri, version: model.version, text: model.text, path: null }, NEVER)),
    change: async (request) => api.change(request as never, NEVER),
    validChange: plain,
    async query(model, variant) {
      if (variant % 3 === 0) return refusedClearly(() => api.render({ version: variant % 2 === 0 ? ('x' as never) : -1 }, NEVER), 'a malformed render request');
      const result = await api.render({ version: model.version }, NEVER);
      assert.equal(result.version, model.version);
    },
    async verify(model) {
      const result = await api.render({ version: model.version }, NEVER);
      assert.equal(result.uri, model.uri);
      if (result.degraded === undefined) assert.equal(result.blocks.map((block) => block.html).join(''), reference.render(model.text));
    },
    dispose: () => Promise.resolve(),
  };
}

export async function spellcheckAdapter(): Promise<TaskAdapter> {
  const dataDir = await scratchFolder();
  const api: SpellcheckApi = await createSpellcheck(context('spellcheck', dataDir));
  return {
    task: 'spellcheck',
    open: (model) => Promise.resolve(api.open({ uri: model.uri, version: model.version, text: model.text, path: null }, NEVER)),
    change: async (request) => api.change(request as never, NEVER),
    validChange: plain,
    async query(model, variant, word) {
      // Hostile words: a clear refusal, or an answer about that word.
      const call = variant % 8;
      if (call >= 5) return refusedClearly(() => api.check({ version: call === 5 ? ('1' as never) : model.version + call - 5 }, NEVER), 'a check of a version the task never saw');
      try {
        if (call === 0) assert.ok(Array.isArray((await api.suggest({ word }, NEVER)).suggestions));
        else if (call === 1) await api.addWord({ word }, NEVER);
        else if (call === 2) await api.removeWord({ word }, NEVER);
        else if (call === 3) assert.ok(Array.isArray(await api.personalWords(null, NEVER)));
        else assert.equal((await api.check({ version: model.version }, NEVER)).version, model.version);
      } catch (error) {
        assert.equal((error as { code?: string }).code, 'INVALID_INPUT', `a word request failed without a clear error: ${String(error)}`);
      }
    },
    async verify(model) {
      const result = await api.check({ version: model.version }, NEVER);
      assert.equal(result.version, model.version);
      for (const issue of result.issues) {
        assert.ok(issue.start >= 0 && issue.start < issue.end && issue.end <= model.text.length, 'an issue out of range');
        assert.equal(model.text.slice(issue.start, issue.end), issue.word, 'an issue that is not at its word');
      }
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export async function grammarAdapter(): Promise<TaskAdapter> {
  const api: GrammarApi = await createGrammar(context('grammar', '/nonexistent'));
  return {
    task: 'grammar',
    open: (model) => Promise.resolve(api.open({ uri: model.uri, version: model.version, text: model.text, path: null }, NEVER)),
    change: async (request) => api.change(request as never, NEVER),
    validChange: plain,
    async query(model, variant, word) {
      if (variant % 2 === 0) {
        const rules = variant % 4 === 0 ? [word] : (word as never);
        await Promise.resolve()
          .then(() => api.setIgnoredRules({ rules }, NEVER))
          .catch((error: unknown) => assert.equal((error as { code?: string }).code, 'INVALID_INPUT', String(error)));
        return;
      }
      if (variant % 4 !== 1) return refusedClearly(() => api.check({ version: model.version + 1 + (variant % 3) }, NEVER), 'a check of a version the task never saw');
      const visible = { start: variant % 7, end: (variant % 7) + (variant % 5) * 3 };
      const result = await api.check({ version: model.version, visible }, NEVER);
      assert.equal(result.version, model.version);
    },
    async verify(model) {
      const result = await api.check({ version: model.version }, NEVER);
      assert.equal(result.version, model.version);
      assert.equal(result.paragraphs.total, planCheck(model.text, undefined).units.length, 'the task lints another document than the model');
      for (const issue of result.issues) assert.ok(issue.start >= 0 && issue.start <= issue.end && issue.end <= model.text.length, 'an issue out of range');
    },
    dispose: () => Promise.resolve(),
  };
}

export async function keystrokeAdapter(): Promise<TaskAdapter> {
  const dataDir = await scratchFolder();
  const service: KeystrokeService = await createKeystrokeService({ dataDir, emitDurable: () => undefined, log: () => undefined });
  const api: KeystrokeApi = service.api;
  return {
    task: 'keystroke',
    open: async (model) => api.open({ uri: model.uri, version: model.version, text: model.text, path: null }, NEVER),
    change: async (request) => api.change(request as never, NEVER),
    validChange: (model, edit) => ({ ...plain(model, edit), keys: [{ kind: 'character', at: Date.now() }] }),
    async query(model, variant) {
      const call = variant % 5;
      if (call === 0) {
        const stats = await api.stats(null, NEVER);
        assert.ok(Number.isFinite(stats.keystrokes) && Number.isFinite(stats.wordsPerMinute));
      } else if (call === 1) {
        await api.compact({ uri: model.uri, version: model.version, text: model.text, path: null }, NEVER);
      } else if (call === 2) {
        await refusedClearly(() => api.compact({ uri: model.uri, version: model.version, text: `${model.text}x`, path: null }, NEVER), 'a compact with the wrong text');
      } else if (call === 3) {
        await refusedClearly(() => api.change({ uri: model.uri, version: model.version + 1, edits: [], keys: [{ kind: 'teleport', at: 0 }] } as never, NEVER), 'a change with a bad key');
      } else {
        await refusedClearly(() => api.discard({ uri: 42 } as never, NEVER), 'a discard without a uri');
      }
    },
    async verify(model) {
      await service.store.flushed(model.uri);
      const read = readJournal(await readFile(join(dataDir, 'journals', journalFileName(model.uri))));
      assert.equal(read.state.version, model.version, 'the journal is at another version');
      assert.equal(read.state.text, model.text, 'the journal holds another text');
    },
    async dispose() {
      await service.store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const TASK_ADAPTERS: Readonly<Record<TaskId, () => Promise<TaskAdapter>>> = {
  keystroke: keystrokeAdapter,
  render: renderAdapter,
  spellcheck: spellcheckAdapter,
  grammar: grammarAdapter,
};
