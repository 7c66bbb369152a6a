/**
 * The host's copy of the editor's document. It follows `VersionedDocument`'s rules exactly (the
 * same version checks, the same edit validation through `orderEdits`, the same errors), but keeps
 * the text in shared memory (workers/common/shared-document): the one copy that every task in a
 * thread or inline host reads in place. A keystroke in a large document costs microseconds (a gap
 * buffer). Around it the mirror keeps what the session needs: stats kept current per edit, and the
 * recent changes, so a task that fell behind (a fresh process host being primed, a repeat after a
 * reconnect) can be caught up without a full copy.
 */
import {
  documentStats,
  orderEdits,
  type DocumentChange,
  type DocumentSnapshot,
  type DocumentStats,
  type TextEdit,
} from '../../../workers/common/document.ts';
import { Errors } from '../../../workers/common/errors.ts';
import type { SharedDocumentBuffers } from '../../../workers/common/shared-document/layout.ts';
import { SharedDocumentWriter } from '../../../workers/common/shared-document/document-writer.ts';
import { measureRegions, updateStats } from './incremental-stats.ts';

/** How many recent changes are kept for catch-up, and how many UTF-16 units of inserted text. */
const RECENT_CHANGES = 512;
const RECENT_TEXT_UNITS = 8 * 1024 * 1024;

function sameEdits(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.length === b.length && a.every((edit, index) => {
    const other = b[index];
    return other !== undefined && other.offset === edit.offset && other.length === edit.length && other.text === edit.text;
  });
}

export type ApplyOutcome = 'applied' | 'repeat';

export class DocumentMirror {
  private readonly content: SharedDocumentWriter;
  private currentStats: DocumentStats;
  /** Changes by version, oldest first; `recentUnits` counts their inserted text. */
  private readonly recent = new Map<number, DocumentChange>();
  private recentUnits = 0;

  constructor(snapshot: DocumentSnapshot) {
    this.currentStats = documentStats(snapshot.text);
    this.content = new SharedDocumentWriter(snapshot);
  }

  get uri(): string {
    return this.content.uri;
  }

  get version(): number {
    return this.content.version;
  }

  /** The shared memory the text lives in: what a thread or inline host attaches to. */
  get buffers(): SharedDocumentBuffers {
    return this.content.buffers;
  }

  /** The writer, for the race fault's extra writes (race-writer.ts). */
  get writer(): SharedDocumentWriter {
    return this.content;
  }

  /** The whole text, decoded from shared memory: read it when needed (a save, a process copy), not per keystroke. */
  get text(): string {
    return this.content.toString();
  }

  get length(): number {
    return this.content.length;
  }

  get stats(): DocumentStats {
    return this.currentStats;
  }

  snapshot(): DocumentSnapshot {
    return { uri: this.uri, version: this.version, text: this.text };
  }

  /**
   * Applies the change that follows the current version. A change already applied is a harmless
   * repeat only if it is the same change; a different one for an old version means the editor and
   * the mirror disagree, and is refused like a skipped version, so the editor resyncs.
   */
  apply(change: DocumentChange): ApplyOutcome {
    if (change.uri !== this.uri) {
      throw Errors.invalidInput('change', `it is for ${change.uri}, but the open document is ${this.uri}`);
    }
    if (change.version <= this.version) {
      const earlier = this.recent.get(change.version);
      if (earlier && sameEdits(earlier.edits, change.edits)) return 'repeat';
      throw Errors.outOfSync(change.version - 1, this.version);
    }
    if (change.version !== this.version + 1) throw Errors.outOfSync(change.version - 1, this.version);
    // Validated and counted before anything is written: readers see either the whole change or none of it.
    orderEdits(this.content.length, change.edits);
    const regions = measureRegions(this.content, change.edits);
    const stats = updateStats(this.currentStats, regions);
    this.content.apply(change);
    this.currentStats = stats;
    this.remember(change);
    return 'applied';
  }

  /** Replaces the whole document (open, new, resync); recent changes no longer apply. */
  reset(snapshot: DocumentSnapshot): void {
    // Counted first: if counting throws, the mirror keeps the document it had.
    const stats = documentStats(snapshot.text);
    this.content.reset(snapshot);
    this.currentStats = stats;
    this.recent.clear();
    this.recentUnits = 0;
  }

  /** The changes after `version` up to the current one, or undefined if they are no longer all kept. */
  changesSince(version: number): DocumentChange[] | undefined {
    const changes: DocumentChange[] = [];
    for (let next = version + 1; next <= this.version; next += 1) {
      const change = this.recent.get(next);
      if (!change) return undefined;
      changes.push(change);
    }
    return changes;
  }

  private remember(change: DocumentChange): void {
    const copy: DocumentChange = { uri: change.uri, version: change.version, edits: change.edits.map((edit) => ({ ...edit })) };
    this.recent.set(copy.version, copy);
    this.recentUnits += unitsOf(copy);
    for (const [version, old] of this.recent) {
      if (this.recent.size <= RECENT_CHANGES && this.recentUnits <= RECENT_TEXT_UNITS) break;
      this.recent.delete(version);
      this.recentUnits -= unitsOf(old);
    }
  }
}

function unitsOf(change: DocumentChange): number {
  return change.edits.reduce((sum, edit) => sum + edit.text.length, 0);
}
