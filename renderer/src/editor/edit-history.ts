/**
 * The edits of recent document versions, so a result computed for an older version can be
 * re-mapped onto the current text (or dropped when an edit touched it).
 */
import { mapRange, type TextEdit, type TextRange } from '../../../workers/common/document.ts';

/** Results older than this many versions are dropped rather than mapped. */
const KEPT_VERSIONS = 512;

export class EditHistory {
  private uri: string;
  private version: number;
  /** `changes[i]` takes the document from version `version - changes.length + i` to the next. */
  private changes: (readonly TextEdit[])[] = [];

  constructor(uri: string, version: number) {
    this.uri = uri;
    this.version = version;
  }

  get currentVersion(): number {
    return this.version;
  }

  get currentUri(): string {
    return this.uri;
  }

  reset(uri: string, version: number): void {
    this.uri = uri;
    this.version = version;
    this.changes = [];
  }

  /** Records the change that produced `version`, which must follow the current one. */
  record(version: number, edits: readonly TextEdit[]): void {
    if (version !== this.version + 1) throw new Error(`Edit history is at version ${this.version}, got ${version}`);
    this.changes.push(edits);
    if (this.changes.length > KEPT_VERSIONS) this.changes.splice(0, this.changes.length - KEPT_VERSIONS);
    this.version = version;
  }

  /**
   * `range`, computed on `version` of `uri`, as a range of the current text; undefined when the
   * result is for another document, a version too old or in the future, or an edit since touched it.
   */
  map(uri: string, version: number, range: TextRange): TextRange | undefined {
    if (uri !== this.uri || version > this.version) return undefined;
    const behind = this.version - version;
    if (behind > this.changes.length) return undefined;
    let mapped: TextRange | undefined = range;
    for (const edits of this.changes.slice(this.changes.length - behind)) {
      mapped = mapRange(mapped, edits);
      if (!mapped) return undefined;
    }
    return mapped;
  }
}
