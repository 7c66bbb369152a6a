/**
 * Paints the ProblemStore into Monaco as markers (spelling: red "error" squiggles, grammar: blue
 * "info" squiggles, each with a hover message) and offers quick fixes: replace with each
 * suggestion, add a word to the personal dictionary, ignore a grammar rule.
 */
import type { TextRange } from '../../../workers/common/document.ts';
import type { GrammarIssue, GrammarSuggestion, Suggestions } from '../../../workers/common/task-api.ts';
import type { EditorView } from '../editor/editor-view.ts';
import { monaco } from '../editor/monaco-setup.ts';
import type { Problem, ProblemOwner, ProblemStore } from './problem-store.ts';

/** What the quick fixes ask of the host. */
export interface ProblemActions {
  suggest(word: string): Promise<Suggestions>;
  addWord(word: string): Promise<void>;
  ignoreRule(rule: string): Promise<void>;
}

const ADD_WORD_COMMAND = 'forkpad.addWordToDictionary';
const IGNORE_RULE_COMMAND = 'forkpad.ignoreGrammarRule';
const MAX_SUGGESTIONS = 5;
/** How long a repaint may wait for a quick-fix menu to open (see `answering`). */
const MAX_PAINT_DEFER_MS = 1_000;

function marker(model: monaco.editor.ITextModel, problem: Problem): monaco.editor.IMarkerData {
  const start = model.getPositionAt(problem.range.start);
  const end = model.getPositionAt(problem.range.end);
  const common = { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
  if (problem.owner === 'spelling') {
    return { ...common, severity: monaco.MarkerSeverity.Error, source: 'Spelling', code: 'spelling', message: `"${problem.issue.word}" is not in the dictionary.` };
  }
  return { ...common, severity: monaco.MarkerSeverity.Info, source: `Grammar (${problem.issue.kind})`, code: problem.issue.rule, message: problem.issue.message };
}

function grammarEdit(issue: GrammarIssue, range: TextRange, suggestion: GrammarSuggestion): { range: TextRange; text: string; title: string } {
  switch (suggestion.kind) {
    case 'remove':
      return { range, text: '', title: 'Remove it' };
    case 'insert-after':
      return { range: { start: range.end, end: range.end }, text: suggestion.text, title: `Insert "${suggestion.text}"` };
    case 'replace':
      return { range, text: suggestion.text, title: `Replace with "${suggestion.text}"` };
    default:
      return { range, text: suggestion.text, title: `Fix: ${issue.message}` };
  }
}

export class ProblemMarkers {
  private readonly disposables: monaco.IDisposable[] = [];
  private readonly view: EditorView;
  private readonly store: ProblemStore;
  private readonly actions: ProblemActions;
  private readonly onPainted: () => void;
  /**
   * Quick-fix requests still being answered, and the owners whose repaint waits for them. Monaco
   * cancels a pending Ctrl+. when any marker changes (it re-triggers the light bulb instead), and
   * our answer waits on a suggestion round trip to the host: a check result landing in that window
   * made Ctrl+. silently do nothing. So a repaint waits until the menu has its actions.
   */
  private answering = 0;
  private readonly deferred = new Set<ProblemOwner>();
  /** A request the host never answers must not freeze the squiggles: this paints them anyway. */
  private deferLimit: ReturnType<typeof setTimeout> | undefined;

  /** `onPainted` runs after every repaint, e.g. to update the problems count. */
  constructor(view: EditorView, store: ProblemStore, actions: ProblemActions, onPainted: () => void) {
    this.view = view;
    this.store = store;
    this.actions = actions;
    this.onPainted = onPainted;
    this.disposables.push(
      monaco.editor.registerCommand(ADD_WORD_COMMAND, (_accessor, word: unknown) => {
        if (typeof word === 'string') void this.addWord(word);
      }),
      monaco.editor.registerCommand(IGNORE_RULE_COMMAND, (_accessor, rule: unknown) => {
        if (typeof rule === 'string') void this.ignoreRule(rule);
      }),
      monaco.languages.registerCodeActionProvider('markdown', {
        provideCodeActions: (model, range) => this.codeActions(model, range),
      }),
    );
  }

  /** Re-paints one owner's markers from the store (after a result or a dropping edit). */
  paint(owner: ProblemOwner): void {
    if (this.answering > 0) {
      this.deferred.add(owner);
      this.deferLimit ??= setTimeout(() => this.paintDeferred(true), MAX_PAINT_DEFER_MS);
      return;
    }
    this.paintNow(owner);
  }

  private paintNow(owner: ProblemOwner): void {
    const model = this.view.current;
    monaco.editor.setModelMarkers(model, owner, this.store.problems(owner).map((problem) => marker(model, problem)));
    this.onPainted();
  }

  paintAll(): void {
    this.paint('spelling');
    this.paint('grammar');
  }

  dispose(): void {
    clearTimeout(this.deferLimit);
    this.deferred.clear();
    for (const disposable of this.disposables) disposable.dispose();
    monaco.editor.setModelMarkers(this.view.current, 'spelling', []);
    monaco.editor.setModelMarkers(this.view.current, 'grammar', []);
  }

  private async addWord(word: string): Promise<void> {
    await this.actions.addWord(word);
    this.store.forgetWord(word);
    this.paint('spelling');
  }

  private async ignoreRule(rule: string): Promise<void> {
    await this.actions.ignoreRule(rule);
    this.store.forgetRule(rule);
    this.paint('grammar');
  }

  private async codeActions(model: monaco.editor.ITextModel, range: monaco.Range): Promise<monaco.languages.CodeActionList> {
    if (model !== this.view.current) return { actions: [], dispose: () => undefined };
    const from = model.getOffsetAt(range.getStartPosition());
    const to = model.getOffsetAt(range.getEndPosition());
    const here = [...this.store.problems('spelling'), ...this.store.problems('grammar')].filter(
      (problem) => problem.range.start <= to && problem.range.end >= from,
    );
    const versionId = model.getVersionId();
    const actions: monaco.languages.CodeAction[] = [];
    this.answering += 1;
    try {
      for (const problem of here) actions.push(...(await this.actionsFor(model, problem, versionId)));
    } finally {
      this.answering -= 1;
      // After Monaco has shown the menu: a marker change then only updates the light bulb.
      if (this.answering === 0 && this.deferred.size > 0) setTimeout(() => this.paintDeferred(false), 0);
    }
    return { actions, dispose: () => undefined };
  }

  private paintDeferred(evenIfAnswering: boolean): void {
    if (this.answering > 0 && !evenIfAnswering) return;
    clearTimeout(this.deferLimit);
    this.deferLimit = undefined;
    const owners = [...this.deferred];
    this.deferred.clear();
    for (const owner of owners) this.paintNow(owner);
  }

  private async actionsFor(model: monaco.editor.ITextModel, problem: Problem, versionId: number): Promise<monaco.languages.CodeAction[]> {
    const diagnostics = [marker(model, problem)];
    const replace = (target: TextRange, text: string, title: string, isPreferred: boolean): monaco.languages.CodeAction => {
      const start = model.getPositionAt(target.start);
      const end = model.getPositionAt(target.end);
      const textEdit = { range: monaco.Range.fromPositions(start, end), text };
      return { title, kind: 'quickfix', diagnostics, isPreferred, edit: { edits: [{ resource: model.uri, textEdit, versionId }] } };
    };
    if (problem.owner === 'spelling') {
      const word = problem.issue.word;
      const found = await this.actions.suggest(word).catch(() => ({ word, suggestions: [], truncated: true }));
      const fixes = found.suggestions.slice(0, MAX_SUGGESTIONS).map((text, index) => replace(problem.range, text, `Replace with "${text}"`, index === 0));
      const add = { title: `Add "${word}" to dictionary`, kind: 'quickfix', diagnostics, command: { id: ADD_WORD_COMMAND, title: 'Add to dictionary', arguments: [word] } };
      return [...fixes, add];
    }
    const issue = problem.issue;
    const fixes = issue.suggestions.map((suggestion, index) => {
      const edit = grammarEdit(issue, problem.range, suggestion);
      return replace(edit.range, edit.text, edit.title, index === 0);
    });
    const ignore = { title: `Ignore rule "${issue.rule}"`, kind: 'quickfix', diagnostics, command: { id: IGNORE_RULE_COMMAND, title: 'Ignore rule', arguments: [issue.rule] } };
    return [...fixes, ignore];
  }
}
