/**
 * The spellcheck task: nspell over the prose of the document, incrementally by line, with
 * budgeted suggestions and a personal dictionary shared by every host of this task.
 */
import type { SharedDocumentReader } from '../../common/shared-document/document-reader.ts';
import type { OpenRequest, SpellcheckApi, SpellResult, Suggestions } from '../../common/task-api.ts';
import { createPacer } from '../text/cooperative.ts';
import { parseChange, parseOpen, parseVersion, parseWord, type DocumentNotice } from '../text/requests.ts';
import { SerialQueue } from '../text/serial-queue.ts';
import { TaskDocument } from '../text/task-document.ts';
import { LineChecker, MAX_LINE_LENGTH } from './line-checker.ts';
import type { PersonalChange, PersonalDictionary } from './personal-dictionary.ts';
import type { Speller } from './speller.ts';
import { suggestWithin } from './suggest.ts';
import { NO_FREQUENCIES, type WordFrequencies } from './word-frequencies.ts';

/** Most issues one result carries; the rest are counted in `degraded`. */
export const MAX_ISSUES = 10_000;
export const SUGGESTION_LIMIT = 5;
/** Under the 60 ms a suggestion may take at most, leaving room for ranking and the round trip. */
export const SUGGESTION_BUDGET_MS = 30;
const SUGGESTION_CACHE_SIZE = 512;
const VERDICT_CACHE_SIZE = 100_000;

function describeLimits(skippedLines: number, total: number): string | undefined {
  const notes: string[] = [];
  if (skippedLines > 0) notes.push(`${skippedLines === 1 ? '1 line' : `${skippedLines} lines`} longer than ${MAX_LINE_LENGTH} characters not checked`);
  if (total > MAX_ISSUES) notes.push(`showing the first ${MAX_ISSUES} of ${total} misspellings`);
  return notes.length > 0 ? notes.join('; ') : undefined;
}

export class SpellcheckTask implements SpellcheckApi {
  readonly #speller: Speller;
  readonly #personal: PersonalDictionary;
  readonly #queue = new SerialQueue();
  readonly #document: TaskDocument;
  readonly #lines = new LineChecker();
  readonly #verdicts = new Map<string, boolean>();
  readonly #suggestions = new Map<string, Suggestions>();
  readonly #frequencies: () => Promise<WordFrequencies>;

  /** `shared`: the host's document, read in place, when the task runs in a thread or inline host. */
  /** `frequencies`: loaded when first asked for (or earlier, when the host is idle); the first suggestion waits for it. */
  constructor(
    speller: Speller,
    personal: PersonalDictionary,
    shared?: SharedDocumentReader,
    frequencies: () => Promise<WordFrequencies> = () => Promise.resolve(NO_FREQUENCIES),
  ) {
    this.#speller = speller;
    this.#frequencies = frequencies;
    this.#personal = personal;
    this.#document = new TaskDocument(shared);
  }

  readonly #isCorrect = (word: string): boolean => {
    if (this.#personal.has(word)) return true;
    let verdict = this.#verdicts.get(word);
    if (verdict === undefined) {
      verdict = this.#speller.correct(word.normalize('NFC'));
      // A hostile document could hold millions of distinct "words": start over rather than grow.
      if (this.#verdicts.size >= VERDICT_CACHE_SIZE) this.#verdicts.clear();
      this.#verdicts.set(word, verdict);
    }
    return verdict;
  };

  async open(request: OpenRequest): Promise<void> {
    const snapshot = parseOpen(request);
    // A host re-primes after a restart or repair: lines it already checked are found by content.
    await this.#queue.run('edit', () => this.#document.open(snapshot));
  }

  async change(request: DocumentNotice): Promise<void> {
    const change = parseChange(request);
    await this.#queue.run('edit', () => {
      this.#document.apply(change);
    });
  }

  async check(request: { readonly version: number }, signal: AbortSignal): Promise<SpellResult> {
    const { version } = parseVersion(request);
    return await this.#queue.run('job', async () => {
      this.#applyPersonalChange(await this.#personal.refresh());
      const pacer = createPacer('check', signal, () => this.#queue.hasWaitingEdits());
      return this.#document.read('check', version, async (view) => {
        const { checkedLines } = await this.#lines.check(view, this.#isCorrect, pacer);
        const { issues, total, skippedLines } = this.#lines.collect(MAX_ISSUES);
        const degraded = describeLimits(skippedLines, total);
        return { uri: view.uri, version: view.version, issues, checkedLines, ...(degraded === undefined ? {} : { degraded }) };
      });
    });
  }

  async suggest(request: { readonly word: string }): Promise<Suggestions> {
    // Async, so bad input is a rejected promise, not a throw: callers await every method alike.
    const word = parseWord(request);
    return this.#suggestNow(word, await this.#frequencies());
  }

  #suggestNow(word: string, frequencies: WordFrequencies): Suggestions {
    const cached = this.#suggestions.get(word);
    if (cached) return cached;
    const { suggestions, truncated } = suggestWithin(this.#speller, word, {
      budgetMs: SUGGESTION_BUDGET_MS,
      limit: SUGGESTION_LIMIT,
      extraWords: this.#personal.words(),
      frequencies,
    });
    const result: Suggestions = { word, suggestions, truncated };
    if (this.#suggestions.size >= SUGGESTION_CACHE_SIZE) {
      const oldest = this.#suggestions.keys().next();
      if (!oldest.done) this.#suggestions.delete(oldest.value);
    }
    this.#suggestions.set(word, result);
    return result;
  }

  async addWord(request: { readonly word: string }): Promise<void> {
    const word = parseWord(request);
    await this.#queue.run('job', async () => this.#applyPersonalChange(await this.#personal.add(word)));
  }

  async removeWord(request: { readonly word: string }): Promise<void> {
    const word = parseWord(request);
    await this.#queue.run('job', async () => this.#applyPersonalChange(await this.#personal.remove(word)));
  }

  personalWords(): Promise<readonly string[]> {
    return this.#queue.run('job', async () => {
      this.#applyPersonalChange(await this.#personal.refresh());
      return this.#personal.words();
    });
  }

  /**
   * A word that became correct can only remove issues: lines with issues are re-checked. A word
   * that became incorrect can appear anywhere: every line is re-checked (a rare, deliberate act).
   */
  #applyPersonalChange({ added, removed }: PersonalChange): void {
    if (added.length === 0 && removed.length === 0) return;
    this.#suggestions.clear();
    if (removed.length > 0) this.#lines.reset();
    else this.#lines.invalidate((issues) => issues.length > 0);
  }
}
