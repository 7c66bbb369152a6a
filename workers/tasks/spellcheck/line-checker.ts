/**
 * Per-line spelling results, kept across edits. Each line remembers the context it was checked
 * in (code fence, prose …) and the context it hands on; an edit replaces the records of the
 * lines it touches with empty ones, and a check re-checks a line only when its record is empty
 * or the context arriving at it changed (typing ``` re-checks the lines the fence now covers).
 */
import type { TextEdit } from '../../common/document.ts';
import type { Pacer } from '../text/cooperative.ts';
import { countLineBreaks, lineAt } from '../text/line-index.ts';
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

function lineText(text: string, starts: readonly number[], line: number): string {
  const start = starts[line] ?? text.length;
  const next = starts[line + 1];
  return text.slice(start, next === undefined ? text.length : next - 1);
}

export class LineChecker {
  #records: (LineRecord | undefined)[] = [undefined];

  /** Forgets every line: a new document of `lineCount` lines. */
  reset(lineCount: number): void {
    this.#records = new Array<LineRecord | undefined>(lineCount).fill(undefined);
  }

  /**
   * Replaces the records of the lines `edits` touch. `starts` are the line starts of the text
   * the edits apply to (offsets refer to it); applying from the last edit keeps earlier line
   * numbers valid.
   */
  applyEdits(starts: readonly number[], edits: readonly TextEdit[]): void {
    const ordered = [...edits].sort((a, b) => b.offset - a.offset);
    for (const edit of ordered) {
      const first = lineAt(starts, edit.offset);
      const last = lineAt(starts, edit.offset + edit.length);
      const fresh = new Array<LineRecord | undefined>(countLineBreaks(edit.text) + 1).fill(undefined);
      // concat, not splice(...fresh): a paste of many lines would overflow the argument stack.
      this.#records = this.#records.slice(0, first).concat(fresh, this.#records.slice(last + 1));
    }
  }

  /** Forgets the lines for which `predicate` holds, so the next check re-checks them. */
  invalidate(text: string, starts: readonly number[], predicate: (line: string, issues: readonly LineIssue[]) => boolean): void {
    this.#records.forEach((record, line) => {
      if (record && predicate(lineText(text, starts, line), record.issues)) this.#records[line] = undefined;
    });
  }

  /** Re-checks what needs it. Cancelling keeps every line checked so far. */
  async check(text: string, starts: readonly number[], isCorrect: (word: string) => boolean, pacer: Pacer): Promise<LineCheck> {
    if (this.#records.length !== starts.length) throw new Error(`spellcheck line records (${this.#records.length}) out of step with the document (${starts.length} lines)`);
    let context = DOCUMENT_START;
    let checkedLines = 0;
    for (let line = 0; line < starts.length; line++) {
      const record = this.#records[line];
      if (record && record.entry === context) {
        context = record.exit;
        continue;
      }
      await pacer.checkpoint();
      const fresh = this.#checkLine(lineText(text, starts, line), context, isCorrect);
      this.#records[line] = fresh;
      context = fresh.exit;
      checkedLines += 1;
    }
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

  /** Issues at document offsets, at most `limit` of them, and how many lines were skipped. */
  collect(starts: readonly number[], limit: number): { issues: { start: number; end: number; word: string }[]; total: number; skippedLines: number } {
    const issues: { start: number; end: number; word: string }[] = [];
    let total = 0;
    let skippedLines = 0;
    this.#records.forEach((record, line) => {
      if (!record) return;
      if (record.skipped) skippedLines += 1;
      total += record.issues.length;
      const base = starts[line] ?? 0;
      for (const issue of record.issues) {
        if (issues.length < limit) issues.push({ start: base + issue.start, end: base + issue.end, word: issue.word });
      }
    });
    return { issues, total, skippedLines };
  }
}
