/**
 * What happens once at start: the tasks start under the saved isolation model, and hot exit
 * restores the newest unsaved journal. Both report failures as notices; neither throws.
 */
import type { TaskSupervisor } from '../supervisor/supervisor-api.ts';
import type { EditorSession } from '../session/editor-session.ts';
import type { DocumentFiles } from './document-files.ts';
import type { EventHub } from './event-hub.ts';
import type { IsolationModel } from '../../../workers/common/tasks.ts';
import { describeRecovery, planRecovery } from './hot-exit.ts';

export async function startTasks(supervisor: TaskSupervisor, model: IsolationModel, hub: EventHub, log: (line: string) => void, grammarPoolSize = 1): Promise<void> {
  try {
    await supervisor.start(model);
    // The pool grows after the first grammar host is ready, so a larger pool never delays start-up's first check.
    if (grammarPoolSize > 1) await supervisor.setGrammarPoolSize(grammarPoolSize);
  } catch (error) {
    log(`[host] not every task started: ${String(error)}`);
    hub.emit('notice', { level: 'error', message: `Not every task started: ${(error as Error).message}` });
  }
}

export interface RecoveryContext {
  readonly supervisor: TaskSupervisor;
  readonly session: EditorSession;
  readonly documents: DocumentFiles;
  readonly hub: EventHub;
  readonly log: (line: string) => void;
  readonly timeoutMs: number;
}

/**
 * Restores the newest unsaved document from the keystroke journals; resolves with what to tell
 * the user, or undefined. Needs only the keystroke task: its client queues the call until that
 * host is up, so the restored document does not wait for the slower tasks.
 */
export async function restoreUnsaved(context: RecoveryContext): Promise<string | undefined> {
  const { supervisor, session, documents, hub, log } = context;
  try {
    const journals = await supervisor.client('keystroke').recover(null, { timeoutMs: context.timeoutMs });
    const plan = planRecovery(journals, session.uri);
    for (const { uri } of plan.untouchedWelcomes) {
      supervisor.client('keystroke').discard({ uri }).catch((error: unknown) => log(`[host] could not discard the journal of an unchanged welcome document: ${String(error)}`));
    }
    if (!plan.restore) return undefined;
    if (session.dirty) {
      // The user already typed into the fresh document: nothing is replaced, but nothing is lost either.
      hub.emit('notice', { level: 'info', message: `Unsaved changes from the last session are kept in the journal: ${describeRecovery(plan) ?? ''}` });
      return undefined;
    }
    const { uri, version, text, path } = plan.restore;
    documents.adoptRestored({ snapshot: { uri, version, text }, path, dirty: true });
    const message = describeRecovery(plan);
    log(`[host] ${message ?? ''}`);
    // A page that already said hello learns it from the `document` event and this notice.
    if (hub.attached && message) hub.emit('notice', { level: 'info', message });
    return message;
  } catch (error) {
    log(`[host] hot exit could not read the journals: ${String(error)}`);
    hub.emit('notice', { level: 'error', message: `Unsaved work from the last session could not be recovered: ${(error as Error).message}` });
    return undefined;
  }
}
