/**
 * Checks a `start` request at the task's boundary: the host is trusted, but a malformed init
 * must fail with a clear error rather than half-start a task.
 */
import { Errors } from '../common/errors.ts';
import { isDocumentBuffers } from '../common/shared-document/layout.ts';
import type { TaskInit } from '../common/task-api.ts';
import { isTaskId } from '../common/tasks.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw Errors.invalidInput('start', `${what} must be a non-empty string`);
  return value;
}

function validDocument(value: unknown): NonNullable<TaskInit['document']> {
  if (!isDocumentBuffers(value)) throw Errors.invalidInput('start', 'document must be the shared document\'s three SharedArrayBuffers');
  return value;
}

export function validateInit(value: unknown): TaskInit {
  if (!isRecord(value)) throw Errors.invalidInput('start', 'expected a TaskInit object');
  const { task, dataDir, assets, settings, document } = value;
  if (!isTaskId(task)) throw Errors.invalidInput('start', `unknown task ${JSON.stringify(String(task)).slice(0, 40)}`);
  if (!isRecord(assets)) throw Errors.invalidInput('start', 'assets must be an object');
  const rules = isRecord(settings) ? settings.ignoredRules : undefined;
  if (!Array.isArray(rules) || !rules.every((rule): rule is string => typeof rule === 'string')) {
    throw Errors.invalidInput('start', 'settings.ignoredRules must be an array of strings');
  }
  return {
    task,
    dataDir: requireString(dataDir, 'dataDir'),
    assets: {
      harperWasm: requireString(assets.harperWasm, 'assets.harperWasm'),
      dictionaryAff: requireString(assets.dictionaryAff, 'assets.dictionaryAff'),
      dictionaryDic: requireString(assets.dictionaryDic, 'assets.dictionaryDic'),
      ...(assets.wordFrequencies === undefined ? {} : { wordFrequencies: requireString(assets.wordFrequencies, 'assets.wordFrequencies') }),
    },
    settings: { ignoredRules: rules },
    ...(document === undefined ? {} : { document: validDocument(document) }),
  };
}
