/**
 * Hot exit: after a crash or kill, the keystroke task's journals still hold every durable edit of
 * documents that were never saved or closed. On start the newest one is restored into the editor
 * and the user is told; the others stay in their journals and are named in the same message.
 */
import type { RecoveredDocument } from '../../../workers/common/task-api.ts';
import { WELCOME_TEXT } from './welcome.ts';

export interface RecoveryPlan {
  readonly restore: RecoveredDocument | undefined;
  readonly others: readonly RecoveredDocument[];
  /** Journals of the welcome document as it ships: nothing of the user's, so they are discarded. */
  readonly untouchedWelcomes: readonly RecoveredDocument[];
}

/**
 * The journal counts any text in an untitled document as unsaved; the welcome document is
 * untitled, but while the user has not changed it, Help → Welcome gives it back exactly.
 */
function isUntouchedWelcome(document: RecoveredDocument): boolean {
  return document.path === null && document.text === WELCOME_TEXT;
}

/** Picks what to restore: unsaved documents other than the one just opened, newest first. */
export function planRecovery(recovered: readonly RecoveredDocument[], currentUri: string): RecoveryPlan {
  const others = recovered.filter((document) => document.uri !== currentUri);
  const unsaved = others
    .filter((document) => document.dirty && !isUntouchedWelcome(document))
    .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0) || b.version - a.version);
  return { restore: unsaved[0], others: unsaved.slice(1), untouchedWelcomes: others.filter(isUntouchedWelcome) };
}

function nameOf(document: RecoveredDocument): string {
  return document.path ?? 'an untitled document';
}

/** The message `hello.restored` carries. */
export function describeRecovery(plan: RecoveryPlan): string | undefined {
  if (!plan.restore) return undefined;
  const torn = plan.restore.tornBytes > 0 ? ` (an incomplete last record of ${plan.restore.tornBytes} bytes was skipped)` : '';
  const restored = `Restored unsaved changes to ${nameOf(plan.restore)} from the last session${torn}.`;
  if (plan.others.length === 0) return restored;
  const names = plan.others.slice(0, 5).map(nameOf).join(', ');
  const more = plan.others.length > 5 ? ` and ${plan.others.length - 5} more` : '';
  return `${restored} Unsaved changes to ${plan.others.length} other document(s) are kept in the journal: ${names}${more}.`;
}
