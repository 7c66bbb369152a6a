/**
 * Per-line spelling results, kept from check to check by content. A line's record is found by a
 * hash of its text and of the context it is checked in (code fence, prose …), computed in place in
 * the document's buffer: an unchanged line costs a hash and no copy, and only lines whose text or
 * incoming context is new are read out and checked (typing ``` re-checks the lines the fence now
 * covers). Nothing depends on edit offsets, so a task that reads a shared document that is ahead
 * of the changes it was told of gets the same results as one that follows every edit.
 *
 * A record is stored under the hash of the very string it was computed from, never under an
 * in-place hash read separately: a torn read can then cost a cache miss, never a wrong record.
 */
import type { DocumentView } from '../../common/shared-document/document-reader.ts';
import { hashUnits } from '../../common/shared-document/document-reader.ts';
import type { Pacer } from '../text/cooperative.ts';
import { classifyLine, DOCUMENT_START, scanLine, type LineContext, type WordGroup } from './tokenizer.ts';

/** Lines longer than this (UTF-16 units) are not checked; the result says so. */
export const MAX_LINE_LENGTH = 50_000;

/** A misspelling, relative to its line. */
export interface LineIssue {
  readonly start: number;
  readonly end: number;
  readonly word: string;
}

interface LineRecord {
  readonly entry: LineContext;
  readonly exit: LineContext;
  readonly issues: readonly LineIssue[];
  /** Too long to check. */
  readonly skipped: boolean;
}

export interface LineCheck {
  readonly checkedLines: number;
}

/** Issues for one word group: none if the whole word is known, else each unknown part. */
export function issuesOf(group: WordGroup, isCorrect: (word: string) => boolean): LineIssue[] {
  if (isCorrect(group.text)) return [];
  if (group.parts.length === 1) return [{ start: group.start, end: group.end, word: group.text }];
  return group.parts.filter((part) => !isCorrect(part.text)).map((part) => ({ start: part.start, end: part.end, word: part.text }));
}

/** A 32-bit seed per context, so the same line in another context has another key. */
const contextSeeds = new Map<LineContext, number>();
function seedOf(context: LineContext): number {
  let seed = contextSeeds.get(context);
  if (seed === undefined) {
    seed = hashUnits(context) % 2 ** 32 | 0;
    contextSeeds.set(context, seed);
  }
  return seed;
}

export class LineChecker {
  /** Records by key (see `seedOf`): after a full check, exactly those of the checked version's lines. */
  #records = new Map<number, LineRecord>();
  /** Each line's record as of the last full check, and (typed, to stay small) where the line started. */
  #lineRecords: LineRecord[] = [];
  #lineStarts = new Int32Array(0);

  /** Forgets every record: the next check checks every line. */
  reset(): void {
    this.#records.clear();
    this.#lineRecords = [];
    this.#lineStarts = new Int32Array(0);
  }

  /** Forgets the records for which `predicate` holds, so the next check re-checks their lines. */
  invalidate(predicate: (issues: readonly LineIssue[]) => boolean): void {
    for (const [key, record] of this.#records) if (predicate(record.issues)) this.#records.delete(key);
  }

  /** Checks what needs it, reading `view` in place. Cancelling keeps every line checked so far. */
  async check(view: DocumentView, isCorrect: (word: string) => boolean, pacer: Pacer): Promise<LineCheck> {
    const kept = new Map<number, LineRecord>();
    const records = new Array<LineRecord>(view.lineCount);
    const starts = new Int32Array(view.lineCount);
    let context = DOCUMENT_START;
    let checkedLines = 0;
    for (let line = 0; line < view.lineCount; line++) {
      const start = view.lineStart(line);
      const end = view.lineEnd(line);
      const seed = seedOf(context);
      const key = view.hashRange(start, end, seed);
      let record = kept.get(key) ?? this.#records.get(key);
      if (!record) {
        await pacer.checkpoint();
        view.assertCurrent();
        const text = view.slice(start, end);
        record = this.#checkLine(text, context, isCorrect);
        this.#records.set(hashUnits(text, seed), record);
        checkedLines += 1;
      }
      kept.set(key, record);
      records[line] = record;
      starts[line] = start;
      context = record.exit;
    }
    view.assertCurrent();
    this.#records = kept;
    this.#lineRecords = records;
    this.#lineStarts = starts;
    return { checkedLines };
  }

  #checkLine(line: string, entry: LineContext, isCorrect: (word: string) => boolean): LineRecord {
    if (line.length > MAX_LINE_LENGTH) {
      const { prose, next } = classifyLine(line, entry);
      return { entry, exit: next, issues: [], skipped: prose };
    }
    const { words, next } = scanLine(line, entry);
    return { entry, exit: next, issues: words.flatMap((group) => issuesOf(group, isCorrect)), skipped: false };
  }

  /** Issues of the last check at document offsets, at most `limit` of them, and how many lines were skipped. */
  collect(limit: number): { issues: { start: number; end: number; word: string }[]; total: number; skippedLines: number } {
    const issues: { start: number; end: number; word: string }[] = [];
    let total = 0;
    let skippedLines = 0;
    for (let line = 0; line < this.#lineRecords.length; line++) {
      const record = this.#lineRecords[line];
      const start = this.#lineStarts[line] ?? 0;
      if (!record) continue;
      if (record.skipped) skippedLines += 1;
      total += record.issues.length;
      for (const issue of record.issues) {
        if (issues.length < limit) issues.push({ start: start + issue.start, end: start + issue.end, word: issue.word });
      }
    }
    return { issues, total, skippedLines };
  }
}
