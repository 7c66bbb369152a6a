/**
 * Spelling and grammar issues, held in offsets of the editor's *current* text. A result computed
 * for an older version is re-mapped through the edits made since (EditHistory); every later
 * edit maps the held issues again, and an issue that an edit touched is dropped at once. So an
 * issue is either at its exact place in the current text, or gone: never painted elsewhere.
 */
import { mapRange, type TextEdit, type TextRange } from '../../../workers/common/document.ts';
import type { GrammarIssue, GrammarResult, SpellingIssue, SpellResult } from '../../../workers/common/task-api.ts';
import type { EditHistory } from '../editor/edit-history.ts';

export type ProblemOwner = 'spelling' | 'grammar';

export type Problem =
  | { readonly owner: 'spelling'; readonly range: TextRange; readonly issue: SpellingIssue }
  | { readonly owner: 'grammar'; readonly range: TextRange; readonly issue: GrammarIssue };

export interface ProblemCounts {
  readonly spelling: number;
  readonly grammar: number;
}

export class ProblemStore {
  private readonly held: Record<ProblemOwner, Problem[]> = { spelling: [], grammar: [] };
  /** Version of the newest result taken per owner: an older one arriving late is ignored. */
  private readonly resultVersion: Record<ProblemOwner, number> = { spelling: -1, grammar: -1 };
  private droppedOnArrival = 0;

  /** Takes a spelling result; returns false when it was older than one already taken. */
  setSpelling(result: SpellResult, history: EditHistory): boolean {
    return this.take('spelling', result.uri, result.version, history, result.issues.map((issue) => ({ owner: 'spelling', range: issue, issue })));
  }

  setGrammar(result: GrammarResult, history: EditHistory): boolean {
    return this.take('grammar', result.uri, result.version, history, result.issues.map((issue) => ({ owner: 'grammar', range: issue, issue })));
  }

  /** Follows one local change; returns true when an issue was dropped because the edit touched it. */
  applyChange(edits: readonly TextEdit[]): boolean {
    let dropped = false;
    for (const owner of ['spelling', 'grammar'] as const) {
      const next: Problem[] = [];
      for (const problem of this.held[owner]) {
        const range = mapRange(problem.range, edits);
        if (range) next.push({ ...problem, range });
        else dropped = true;
      }
      this.held[owner] = next;
    }
    return dropped;
  }

  /** A new document is open: nothing held applies to it. */
  clear(): void {
    this.held.spelling = [];
    this.held.grammar = [];
    this.resultVersion.spelling = -1;
    this.resultVersion.grammar = -1;
  }

  problems(owner: ProblemOwner): readonly Problem[] {
    return this.held[owner];
  }

  counts(): ProblemCounts {
    return { spelling: this.held.spelling.length, grammar: this.held.grammar.length };
  }

  /** Issues that could not be placed on arrival (an edit since touched them). */
  get droppedCount(): number {
    return this.droppedOnArrival;
  }

  /** Removes the spelling issues for `word` (it was just added to the dictionary). */
  forgetWord(word: string): void {
    this.held.spelling = this.held.spelling.filter((problem) => problem.owner !== 'spelling' || problem.issue.word !== word);
  }

  /** Removes the grammar issues of `rule` (the user chose to ignore it). */
  forgetRule(rule: string): void {
    this.held.grammar = this.held.grammar.filter((problem) => problem.owner !== 'grammar' || problem.issue.rule !== rule);
  }

  private take(owner: ProblemOwner, uri: string, version: number, history: EditHistory, incoming: Problem[]): boolean {
    if (uri !== history.currentUri || version < this.resultVersion[owner]) return false;
    this.resultVersion[owner] = version;
    const placed: Problem[] = [];
    for (const problem of incoming) {
      const range = history.map(uri, version, problem.range);
      if (range) placed.push({ ...problem, range });
      else this.droppedOnArrival += 1;
    }
    this.held[owner] = placed;
    return true;
  }
}
