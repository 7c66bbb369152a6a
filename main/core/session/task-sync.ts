/**
 * Bringing a task's copy of the document up to the mirror: the `Primer` the supervisor calls for
 * every fresh host (start, move, restart), and the repair after a task refused a change.
 *
 * The mirror keeps moving while a host is primed (typing does not wait for a move), so priming
 * is a loop: open a snapshot, then send the changes made since, until the task has caught up.
 * Once this resolves, the supervisor swaps the host in within the same turn, and every later
 * change reaches it through the supervisor's client.
 */
import type { DocumentChange } from '../../../workers/common/document.ts';
import type { Client } from '../../../workers/common/rpc.ts';
import type { KeystrokeChange, OpenRequest, TaskApi } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { Primer } from '../supervisor/supervisor-api.ts';

/** What priming reads from the session. */
export interface SyncSource {
  /** The mirror as a task should open it (joins the whole text: not for loops). */
  current(): OpenRequest;
  /** Which document and version the mirror is at, cheaply. */
  position(): { readonly uri: string; readonly version: number };
  /** Changes after `version` of the open document, or undefined once they are no longer kept. */
  changesSince(version: number): readonly DocumentChange[] | undefined;
  /**
   * The snapshot a fresh keystroke journal starts from: the mirror's current one. It is at least
   * every version the task was sent, so at least every version acknowledged so far, and stays so
   * once it replaces the old journal on disk while the old host still commits (a live move: the
   * supervisor holds new calls while it primes, so the old host is sent nothing past it).
   */
  journalBase(): OpenRequest;
  /**
   * Changes after `version` that the keystroke journal may lack, with their key events; undefined
   * when the journal base moved past `version` meanwhile (the new host then opens the newer base).
   */
  journalChangesSince(version: number): readonly KeystrokeChange[] | undefined;
  ignoredRules(): readonly string[];
}

/** Rounds of open + catch-up before priming gives up (each round only starts if typing outran the last). */
const MAX_ROUNDS = 50;

type DocumentClient = Pick<Client<TaskApi<'render'>>, 'open' | 'change'>;

async function sendAll(send: (change: DocumentChange) => Promise<void>, changes: readonly DocumentChange[]): Promise<number | undefined> {
  // Pipelined: the task handles calls in arrival order, so awaiting each one only adds round trips.
  await Promise.all(changes.map((change) => send(change)));
  return changes.at(-1)?.version;
}

/** Opens `source.current()` in a task and catches it up; resolves when it is at the mirror's version. */
export async function primeDocument(api: DocumentClient, source: SyncSource): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const opened = source.current();
    await api.open(opened);
    let at = opened.version;
    for (;;) {
      const now = source.position();
      if (now.uri !== opened.uri) break; // Another document replaced it meanwhile: open that one.
      if (now.version === at) return;
      const changes = source.changesSince(at);
      if (!changes) break; // Fell too far behind: a fresh snapshot is cheaper.
      at = (await sendAll((change) => api.change(change), changes)) ?? at;
    }
  }
  throw new Error(`could not catch up with the document after ${MAX_ROUNDS} rounds of priming`);
}

/**
 * Re-opens the keystroke journal from the mirror's current snapshot and sends what followed.
 * Not from the last durable snapshot: the old host of a live move may still acknowledge later
 * versions it commits to the file this open replaces, and the file would then hold less than
 * was acknowledged. Changes the journal's base already holds are ignored by the task as repeats.
 */
export async function primeKeystroke(api: Client<TaskApi<'keystroke'>>, source: SyncSource): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const base = source.journalBase();
    await api.open(base);
    let at = base.version;
    for (;;) {
      if (source.position().uri !== base.uri) break;
      const changes = source.journalChangesSince(at);
      if (!changes) break;
      if (changes.length === 0) return;
      at = (await sendAll((change) => api.change(change as KeystrokeChange), changes)) ?? at;
    }
  }
  throw new Error(`could not catch the keystroke journal up after ${MAX_ROUNDS} rounds of priming`);
}

/** How long the host being replaced gets to hand over its typing statistics. */
const HANDOVER_TIMEOUT_MS = 1_000;

/**
 * Primes a keystroke host and, in a live move, carries the typing statistics over. The history
 * is asked for at once, beside the priming: the supervisor holds new calls before it primes, so
 * the request already queues behind every change the old host was sent, and typing waits for one
 * round trip less. It is adopted only after the priming catch-up, whose keys it then counts once.
 * Best effort: a replaced host that cannot say (it hangs, or predates the method) costs the
 * figures, never the move.
 */
async function primeKeystrokeHost(fresh: Client<TaskApi<'keystroke'>>, source: SyncSource, replaced: Client<TaskApi<'keystroke'>> | undefined): Promise<void> {
  const history = replaced?.typingHistory(null, { timeoutMs: HANDOVER_TIMEOUT_MS }).catch(() => null);
  await primeKeystroke(fresh, source);
  const handed = await history;
  if (handed) await fresh.adoptTyping(handed, { timeoutMs: HANDOVER_TIMEOUT_MS }).catch(() => undefined);
}

/** Brings any task's fresh host up to date: settings first, then the document (and, in a live move, what the replaced host holds). */
export async function primeTask<T extends TaskId>(task: T, api: Client<TaskApi<T>>, source: SyncSource, replaced?: Client<TaskApi<T>>): Promise<void> {
  // The generic `T` does not narrow `api`; each branch names the API it holds.
  switch (task) {
    case 'keystroke':
      return primeKeystrokeHost(api as Client<TaskApi<'keystroke'>>, source, replaced as Client<TaskApi<'keystroke'>> | undefined);
    case 'grammar': {
      const grammar = api as Client<TaskApi<'grammar'>>;
      await grammar.setIgnoredRules({ rules: source.ignoredRules() });
      return primeDocument(grammar, source);
    }
    default:
      return primeDocument(api as unknown as DocumentClient, source);
  }
}

export function createPrimer(source: SyncSource): Primer {
  return (task, api, replaced) => primeTask(task, api, source, replaced);
}
