/**
 * What the host core needs to measure the lesson: the task entries (the same as its
 * supervisor's), the lesson's own entry, and the task assets. The built app finds
 * lesson-host.js beside its main bundle (electron.vite.config.ts input `lesson-host`); tests and
 * runs from source fork the TypeScript entry.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimId } from '../../../workers/common/lesson.ts';
import type { TaskAssets } from '../../../workers/common/task-api.ts';
import { checkEntryPaths, resolveEntryPaths, type EntryPaths } from '../hosts/entry-paths.ts';
import type { LessonScale } from './lesson-protocol.ts';

export interface LessonSetup {
  readonly entries: EntryPaths;
  /** lesson-host.js beside the main bundle, or main/core/lesson/lesson-host.ts from source. */
  readonly lessonEntry: string;
  readonly assets: TaskAssets;
  readonly log: (line: string) => void;
  /** `full` (the default) for the app; `quick` for tests. */
  readonly scale?: LessonScale;
  /** Overrides of the per-claim time budgets, ms. */
  readonly budgetsMs?: Partial<Record<ClaimId, number>>;
}

/** The TypeScript entry in the source tree. */
export const SOURCE_LESSON_ENTRY = join(import.meta.dirname, 'lesson-host.ts');

/** The built entry beside `outMainDir` if it is there, else the source one; throws if neither exists. */
export function resolveLessonEntry(outMainDir: string): string {
  const built = join(outMainDir, 'lesson-host.js');
  if (existsSync(built)) return built;
  if (existsSync(SOURCE_LESSON_ENTRY)) return SOURCE_LESSON_ENTRY;
  throw new Error(`The lesson entry is missing: neither ${built} nor ${SOURCE_LESSON_ENTRY} exists (run the build).`);
}

/** The setup of a host whose main module sits in `hereDir` (out/main when built). */
export function lessonSetupBeside(hereDir: string, assets: TaskAssets, log: (line: string) => void): LessonSetup {
  return { entries: checkEntryPaths(resolveEntryPaths(hereDir)), lessonEntry: resolveLessonEntry(hereDir), assets, log };
}
