/**
 * The host's copy of the editor's document. It follows `VersionedDocument`'s rules exactly (the
 * same version checks, the same edit validation, the same errors), but keeps the text in chunks
 * (chunked-text.ts) so a keystroke in a large document costs microseconds, and adds what the
 * session needs around it: stats kept current per edit, and the recent changes, so a task that
 * fell behind (a fresh host being primed, a repeat after a reconnect) can be caught up without a
 * full copy.
 */
import {
  documentStats,
  MAX_DOCUMENT_LENGTH,
  type DocumentChange,
  type DocumentSnapshot,
  type DocumentStats,
  type TextEdit,
} from '../../../workers/common/document.ts';
import { Errors } from '../../../workers/common/errors.ts';
import { ChunkedText } from './chunked-text.ts';
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

/** Checks edits as `applyEdits` does (same messages), against a text of `length` units. Returns them last first. */
function checkedEdits(length: number, edits: readonly TextEdit[]): TextEdit[] {
  for (const { offset, length: removed, text } of edits) {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(removed) || offset < 0 || removed < 0) {
      throw Errors.invalidInput('edit', `offset ${offset} and length ${removed} must be non-negative integers`);
    }
    if (offset + removed > length) throw Errors.invalidInput('edit', `range ${offset}+${removed} is past the end of a ${length}-unit document`);
    if (typeof text !== 'string') throw Errors.invalidInput('edit', 'text must be a string');
  }
  const ordered = [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
  let previousStart = Number.POSITIVE_INFINITY;
  let result = length;
  for (const edit of ordered) {
    if (edit.offset + edit.length > previousStart) throw Errors.invalidInput('edit', `edits overlap at offset ${edit.offset}`);
    previousStart = edit.offset;
    result += edit.text.length - edit.length;
  }
  if (result > MAX_DOCUMENT_LENGTH) throw Errors.tooLarge('document', result * 2, MAX_DOCUMENT_LENGTH * 2);
  return ordered;
}

export class DocumentMirror {
  private currentUri: string;
  private currentVersion: number;
  private readonly content: ChunkedText;
  private currentStats: DocumentStats;
  /** Changes by version, oldest first; `recentUnits` counts their inserted text. */
  private readonly recent = new Map<number, DocumentChange>();
  private recentUnits = 0;

  constructor(snapshot: DocumentSnapshot) {
    this.currentUri = snapshot.uri;
    this.currentVersion = snapshot.version;
    this.content = new ChunkedText(snapshot.text);
    this.currentStats = documentStats(snapshot.text);
  }

  get uri(): string {
    return this.currentUri;
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The whole text, joined on first use after an edit: read it when needed, not per keystroke. */
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
    return { uri: this.currentUri, version: this.currentVersion, text: this.text };
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
    const ordered = checkedEdits(this.content.length, change.edits);
    const regions = measureRegions(this.content, change.edits);
    const removed = ordered.map((edit) => this.content.slice(edit.offset, edit.offset + edit.length));
    // Last edit first: each edit's offset refers to the text before the change, and nothing before it has moved yet.
    for (const edit of ordered) this.content.replace(edit.offset, edit.length, edit.text);
    try {
      this.currentStats = updateStats(this.currentStats, regions, this.content);
    } catch (error) {
      this.undo(ordered, removed);
      throw error;
    }
    this.currentVersion = change.version;
    this.remember(change);
    return 'applied';
  }

  /**
   * Takes back edits applied last-first, so that a change whose counting throws leaves the mirror
   * as it was: the editor is refused, and the mirror must not hold text the editor never got.
   * The first-offset edit is undone first: nothing before it has moved.
   */
  private undo(ordered: readonly TextEdit[], removed: readonly string[]): void {
    for (let index = ordered.length - 1; index >= 0; index -= 1) {
      const edit = ordered[index];
      if (edit) this.content.replace(edit.offset, edit.text.length, removed[index] ?? '');
    }
  }

  /** Replaces the whole document (open, new, resync); recent changes no longer apply. */
  reset(snapshot: DocumentSnapshot): void {
    // Counted first: if counting throws, the mirror keeps the document it had.
    const stats = documentStats(snapshot.text);
    this.currentUri = snapshot.uri;
    this.currentVersion = snapshot.version;
    this.content.reset(snapshot.text);
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
