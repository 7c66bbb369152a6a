/**
 * Documents and their incremental, versioned changes (LSP-style incremental sync).
 * Every offset is a UTF-16 code-unit offset into the document, as Monaco and JavaScript count.
 */
import { Errors } from './errors.ts';

/** One replacement: `length` code units at `offset` become `text`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/**
 * The edits that take a document from `version - 1` to `version`. As in one Monaco content-change
 * event, every edit's offset refers to the text *before* the change, and edits do not overlap.
 */
export interface DocumentChange {
  readonly uri: string;
  readonly version: number;
  readonly edits: readonly TextEdit[];
}

/** The whole document at one version: what primes a freshly started task. */
export interface DocumentSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

/** A half-open range `[start, end)` of UTF-16 offsets. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Largest document Forkpad edits in full mode (bytes of UTF-16 text, i.e. 2 × length). */
export const MAX_DOCUMENT_LENGTH = 32 * 1024 * 1024;

function checkEdit(edit: TextEdit, textLength: number): void {
  const { offset, length } = edit;
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw Errors.invalidInput('edit', `offset ${offset} and length ${length} must be non-negative integers`);
  }
  if (offset + length > textLength) {
    throw Errors.invalidInput('edit', `range ${offset}+${length} is past the end of a ${textLength}-unit document`);
  }
  if (typeof edit.text !== 'string') throw Errors.invalidInput('edit', 'text must be a string');
}

/** What text algorithms need of a text: a string has all of it, and so has a shared document's view. */
export interface TextAccess {
  readonly length: number;
  charCodeAt(offset: number): number;
  slice(start: number, end: number): string;
}

/**
 * Checks one change's edits against a text of `textLength` units and returns them last offset
 * first, the order to apply them in (each edit's offset refers to the text before the change, and
 * nothing before an edit has moved while the later ones are applied). Throws a clear error for an
 * edit out of range, edits that overlap, or a result over `MAX_DOCUMENT_LENGTH`, before anything
 * is changed: every store of the text (the host's mirror, the shared document, a task's copy)
 * validates through this one function, so all of them refuse exactly the same changes.
 */
export function orderEdits(textLength: number, edits: readonly TextEdit[]): TextEdit[] {
  for (const edit of edits) checkEdit(edit, textLength);
  const ordered = [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
  let previousStart = Number.POSITIVE_INFINITY;
  let result = textLength;
  for (const edit of ordered) {
    if (edit.offset + edit.length > previousStart) throw Errors.invalidInput('edit', `edits overlap at offset ${edit.offset}`);
    previousStart = edit.offset;
    result += edit.text.length - edit.length;
  }
  if (result > MAX_DOCUMENT_LENGTH) throw Errors.tooLarge('document', result * 2, MAX_DOCUMENT_LENGTH * 2);
  return ordered;
}

/**
 * Applies one change's edits to `text`. Throws a clear error for edits out of range or
 * overlapping, and never returns a half-applied result.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of orderEdits(text.length, edits)) {
    result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  }
  return result;
}

/**
 * A document kept current by applying versioned changes, as every task and the host's mirror do.
 * A change that does not follow the current version is refused, so a task never silently drifts.
 */
export class VersionedDocument {
  uri: string;
  version: number;
  text: string;

  constructor(snapshot: DocumentSnapshot) {
    this.uri = snapshot.uri;
    this.version = snapshot.version;
    this.text = snapshot.text;
  }

  /**
   * Applies `change` and returns true, or returns false for a change already applied (a host
   * re-sends unanswered calls after a restart, so a repeat must be harmless). Throws, leaving the
   * document as it was, for a change that skips versions or has invalid edits.
   */
  apply(change: DocumentChange): boolean {
    if (change.uri !== this.uri) throw Errors.invalidInput('change', `it is for ${change.uri}, not ${this.uri}`);
    if (change.version <= this.version) return false;
    if (change.version !== this.version + 1) throw Errors.outOfSync(change.version - 1, this.version);
    this.text = applyEdits(this.text, change.edits);
    this.version = change.version;
    return true;
  }

  reset(snapshot: DocumentSnapshot): void {
    this.uri = snapshot.uri;
    this.version = snapshot.version;
    this.text = snapshot.text;
  }
}

/**
 * Maps a range computed for the text before `edits` into the text after them. A range that any
 * edit touches (overlaps or abuts, since typing next to a word changes the word) maps to
 * undefined: its result is stale and must be dropped, never painted at the wrong place.
 */
export function mapRange(range: TextRange, edits: readonly TextEdit[]): TextRange | undefined {
  let delta = 0;
  for (const edit of edits) {
    const editEnd = edit.offset + edit.length;
    if (edit.offset <= range.end && editEnd >= range.start) return undefined;
    if (editEnd < range.start) delta += edit.text.length - edit.length;
  }
  return { start: range.start + delta, end: range.end + delta };
}

/** Counts shown in the status bar and answered by the host's first round trip. */
export interface DocumentStats {
  readonly lines: number;
  readonly words: number;
  readonly characters: number;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const JOINERS = new Set(["'", '’', '-']);

function isWordCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return LETTER_OR_NUMBER.test(char);
}

/**
 * Counts lines, words (runs of letters and digits, joined by inner apostrophes or hyphens) and
 * characters (code points). It scans character by character rather than with one
 * `[\p{L}\p{N}]+` pattern, because V8 backtracks such a pattern one entry per letter and a word
 * of a few million letters overflows its regexp stack (a fuzzing regression case).
 */
export function documentStats(text: string): DocumentStats {
  let lines = 1;
  let words = 0;
  let characters = 0;
  let inWord = false;
  let pendingJoiner = false;
  for (const char of text) {
    characters += 1;
    if (char === '\n') lines += 1;
    if (isWordCharacter(char)) {
      if (!inWord) words += 1;
      inWord = true;
      pendingJoiner = false;
    } else if (inWord && !pendingJoiner && JOINERS.has(char)) {
      pendingJoiner = true;
    } else {
      inWord = false;
      pendingJoiner = false;
    }
  }
  return { lines, words, characters };
}
