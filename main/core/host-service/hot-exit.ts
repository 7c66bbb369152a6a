/**
 * Hot exit: after a crash or kill, the keystroke task's journals still hold every durable edit of
 * documents that were never saved or closed. On start the newest one is restored into the editor
 * and the user is told; the others stay in their journals and are named in the same message.
 */
import type { RecoveredDocument } from '../../../workers/common/task-api.ts';

export interface RecoveryPlan {
  readonly restore: RecoveredDocument | undefined;
  readonly others: readonly RecoveredDocument[];
}

/** Picks what to restore: unsaved documents other than the one just opened, newest first. */
export function planRecovery(recovered: readonly RecoveredDocument[], currentUri: string): RecoveryPlan {
  const unsaved = recovered
    .filter((document) => document.dirty && document.uri !== currentUri)
    .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0) || b.version - a.version);
  return { restore: unsaved[0], others: unsaved.slice(1) };
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
