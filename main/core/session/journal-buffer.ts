/**
 * The host's side of the keystroke journal: the snapshot the keystroke task last started its
 * journal from, and every change since. A change stays here until the task says it is durable:
 * it tells the editor what is safe, and gives a keystroke host being primed the changes made
 * after the snapshot it was opened with. A restarted or moved host is opened with the mirror's
 * current snapshot (task-sync.ts), so unacknowledged changes reach it inside that base.
 */
import type { KeystrokeChange, OpenRequest } from '../../../workers/common/task-api.ts';
import { ChunkedText } from './chunked-text.ts';

type BaseInfo = Omit<OpenRequest, 'text'>;

/** Acknowledged changes folded into the base at once, so the list of kept changes stays short. */
const FOLD_AFTER_CHANGES = 256;
const FOLD_AFTER_UNITS = 1024 * 1024;
/** Past this much unacknowledged work (a keystroke task that is down), the base jumps to the mirror. */
const MAX_UNACKED_CHANGES = 20_000;
const MAX_UNACKED_UNITS = 64 * 1024 * 1024;

function withoutText(request: OpenRequest): BaseInfo {
  const { text: _text, ...info } = request;
  return info;
}

function unitsOf(change: KeystrokeChange): number {
  return change.edits.reduce((sum, edit) => sum + edit.text.length, 0);
}

export class JournalBuffer {
  private base: BaseInfo;
  /** The base's text in chunks: folding acknowledged changes into it costs what they touch, not the whole text. */
  private baseText: ChunkedText;
  /** Every change after `base.version`, in order; those up to `durableVersion` are acknowledged. */
  private changes: KeystrokeChange[] = [];
  private units = 0;
  private durable: number;

  constructor(base: OpenRequest) {
    this.base = withoutText(base);
    this.baseText = new ChunkedText(base.text);
    this.durable = base.version;
  }

  get uri(): string {
    return this.base.uri;
  }

  get durableVersion(): number {
    return this.durable;
  }

  /** Starts over from `base` (open, new, resync, save): nothing before it needs re-sending. */
  reset(base: OpenRequest): void {
    this.base = withoutText(base);
    this.baseText = new ChunkedText(base.text);
    this.changes = [];
    this.units = 0;
    this.durable = base.version;
  }

  /**
   * Records a change sent to the keystroke task. Returns false when too much work is unacknowledged
   * to keep: the caller then resets to the current mirror, which re-opens the journal from it.
   */
  push(change: KeystrokeChange): boolean {
    this.changes.push(change);
    this.units += unitsOf(change);
    return this.changes.length - this.unackedStart() <= MAX_UNACKED_CHANGES && this.units <= MAX_UNACKED_UNITS;
  }

  /** The keystroke task made everything up to `version` durable. */
  acknowledge(uri: string, version: number): boolean {
    if (uri !== this.base.uri || version <= this.durable) return false;
    const last = this.changes.at(-1)?.version ?? this.base.version;
    this.durable = Math.min(version, last);
    const acknowledged = this.unackedStart();
    const ackUnits = this.changes.slice(0, acknowledged).reduce((sum, change) => sum + unitsOf(change), 0);
    if (acknowledged >= FOLD_AFTER_CHANGES || ackUnits >= FOLD_AFTER_UNITS) this.fold();
    return true;
  }

  /** The snapshot at the last durable version, with `path` and `dirty` as the journal should record them. */
  durableSnapshot(): OpenRequest {
    this.fold();
    return { ...this.base, text: this.baseText.toString() };
  }

  /** Changes after `version` that the journal may lack, in order; undefined if folded past `version`. */
  changesAfter(version: number): readonly KeystrokeChange[] | undefined {
    if (version < this.base.version) return undefined;
    return this.changes.filter((change) => change.version > version);
  }

  /**
   * After a save: the journal restarts from the saved snapshot (the keystroke task compacts to
   * it). Changes after it stay, and count as unacknowledged until the task says otherwise.
   */
  rebase(base: OpenRequest): boolean {
    // A resync or reopen since the save started already moved the journal past it.
    if (base.uri !== this.base.uri || base.version < this.base.version) return false;
    const kept = this.changes.filter((change) => change.version > base.version);
    this.base = withoutText(base);
    this.baseText = new ChunkedText(base.text);
    this.changes = kept;
    this.units = kept.reduce((sum, change) => sum + unitsOf(change), 0);
    this.durable = base.version;
    return true;
  }

  /** Applies acknowledged changes to the base so they can be dropped. */
  private fold(): void {
    const acknowledged = this.unackedStart();
    if (acknowledged === 0) return;
    const folded = this.changes.splice(0, acknowledged);
    for (const change of folded) {
      // Last edit first, as the mirror applies them (the mirror already checked them).
      const ordered = [...change.edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
      for (const edit of ordered) this.baseText.replace(edit.offset, edit.length, edit.text);
    }
    this.units -= folded.reduce((sum, change) => sum + unitsOf(change), 0);
    // Typed work is unsaved work: the journal must keep it recoverable even with no edits after it.
    this.base = { ...this.base, version: this.durable, dirty: true };
  }

  private unackedStart(): number {
    const index = this.changes.findIndex((change) => change.version > this.durable);
    return index === -1 ? this.changes.length : index;
  }
}
