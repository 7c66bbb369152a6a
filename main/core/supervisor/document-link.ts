/**
 * What a host is sent of the document, decided by where it runs. The session and the primer send
 * every host the same calls (open with the text, changes with their edits' text); this link, on the
 * port of each host, turns them into what that host needs:
 * - a thread or inline host shares the session's memory: it reads the text in place from the
 *   shared document (`TaskInit.document`), so an open goes without its text and a change as a
 *   notice (offset, length, inserted length, version). The keystroke task alone is still sent the
 *   text (its opens, and each edit's): its journal keeps the whole document on disk;
 * - a process host cannot share memory: it gets the copies, as before.
 * It also counts the document bytes (UTF-16, 2 per unit) each host is sent: the monitor's Copied.
 */
import type { TextEdit } from '../../../workers/common/document.ts';
import type { Port, RpcMessage } from '../../../workers/common/rpc-messages.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';

/** Document bytes sent to a task's hosts, read and reset by each sample. */
export class CopyMeter {
  private bytes = 0;
  private total = 0;

  add(bytes: number): void {
    this.bytes += bytes;
    this.total += bytes;
  }

  /** Bytes since the last call. */
  take(): number {
    const bytes = this.bytes;
    this.bytes = 0;
    return bytes;
  }

  /** Bytes since the task started. */
  get sinceStart(): number {
    return this.total;
  }
}

/** Hosts of these kinds run in the session's process and can share its memory; a process cannot. */
export function sharesMemory(kind: HostKind): boolean {
  return kind !== 'process';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function textBytesOf(edits: unknown): number {
  if (!Array.isArray(edits)) return 0;
  let units = 0;
  for (const edit of edits as unknown[]) if (isRecord(edit) && typeof edit.text === 'string') units += edit.text.length;
  return units * 2;
}

function withoutText(request: Record<string, unknown>): Record<string, unknown> {
  const { text: _text, ...rest } = request;
  return rest;
}

function notices(edits: unknown): unknown {
  if (!Array.isArray(edits)) return edits;
  return (edits as unknown[]).map((edit) => {
    if (!isRecord(edit) || typeof edit.text !== 'string') return edit;
    const { offset, length, text } = edit as unknown as TextEdit;
    return { offset, length, insertedLength: text.length };
  });
}

/** The request as a host of `task` is sent it (`shared`: it reads the shared document), and the document bytes that copies. */
export function linkRequest(task: TaskId, shared: boolean, method: string, request: unknown): { request: unknown; copiedBytes: number } {
  if (!isRecord(request)) return { request, copiedBytes: 0 };
  if (method === 'open' || method === 'compact') {
    // The keystroke journal keeps the whole text (it writes it to disk), so it is given its copy.
    if (shared && task !== 'keystroke') return { request: withoutText(request), copiedBytes: 0 };
    return { request, copiedBytes: typeof request.text === 'string' ? request.text.length * 2 : 0 };
  }
  if (method === 'change') {
    if (shared && task !== 'keystroke') return { request: { ...request, edits: notices(request.edits) }, copiedBytes: 0 };
    return { request, copiedBytes: textBytesOf(request.edits) };
  }
  return { request, copiedBytes: 0 };
}

/** `port`, with every outgoing call linked (see `linkRequest`) and its copies counted. */
export function linkDocument(port: Port, task: TaskId, shared: boolean, meter: CopyMeter): Port {
  return {
    post(message: RpcMessage) {
      if (message.type !== 'call') return port.post(message);
      const linked = linkRequest(task, shared, message.method, message.request);
      meter.add(linked.copiedBytes);
      port.post(linked.request === message.request ? message : { ...message, request: linked.request });
    },
    listen: (handler) => port.listen(handler),
  };
}
