/**
 * The user's own words, in `${dataDir}/personal-dictionary.txt` (UTF-8, one word a line). Every
 * host kind reads the same file, so the words survive moves between hosts and restarts. Writes
 * are atomic (workers/node/atomic-write.ts): a crash leaves the old list or
 * the new one, never half of one. Before each use the file's identity is compared with the one
 * last read, so a word added by another host of this task (during a move) is picked up.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Errors } from '../../common/errors.ts';
import { MAX_WORD_LENGTH } from '../text/requests.ts';
import { writeFileAtomic } from '../../node/atomic-write.ts';

export const PERSONAL_DICTIONARY_FILE = 'personal-dictionary.txt';
/** Most words kept; a longer file is read up to here and the log says so. */
export const MAX_PERSONAL_WORDS = 50_000;

const VALID_WORD = /^[^\s\p{Cc}\p{Cf}]+$/u;

/** What changed when the file was re-read. */
export interface PersonalChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

function isValidWord(word: string): boolean {
  return word.length > 0 && word.length <= MAX_WORD_LENGTH && word.isWellFormed() && VALID_WORD.test(word);
}

function identity(info: { mtimeMs: number; size: number; ino: number }): string {
  return `${info.ino}:${info.size}:${info.mtimeMs}`;
}

export class PersonalDictionary {
  readonly #file: string;
  readonly #folder: string;
  readonly #log: (line: string) => void;
  #words = new Set<string>();
  #identity = 'missing';

  private constructor(folder: string, log: (line: string) => void) {
    this.#folder = folder;
    this.#file = join(folder, PERSONAL_DICTIONARY_FILE);
    this.#log = log;
  }

  static async load(folder: string, log: (line: string) => void): Promise<PersonalDictionary> {
    const dictionary = new PersonalDictionary(folder, log);
    await dictionary.refresh();
    return dictionary;
  }

  /** Whether `word` is the user's, with Hunspell's case rules: a lower-case entry also allows
   * Capitalized and UPPER forms; a possessive 's of a personal word is fine too. */
  has(word: string): boolean {
    if (this.#words.size === 0) return false;
    if (this.#words.has(word)) return true;
    const lower = word.toLowerCase();
    const capitalized = word.charAt(0) + word.slice(1).toLowerCase();
    if ((word === capitalized || word === word.toUpperCase()) && (this.#words.has(lower) || this.#words.has(capitalized))) return true;
    const possessive = /^(.+)['’][sS]$/u.exec(word);
    return possessive?.[1] !== undefined && this.has(possessive[1]);
  }

  words(): string[] {
    return [...this.#words].sort((a, b) => a.localeCompare(b));
  }

  /** Re-reads the file if another host changed it since; says which words came and went. */
  async refresh(): Promise<PersonalChange> {
    const current = await this.#currentIdentity();
    if (current === this.#identity) return { added: [], removed: [] };
    const next = await this.#read();
    const change = {
      added: [...next].filter((word) => !this.#words.has(word)),
      removed: [...this.#words].filter((word) => !next.has(word)),
    };
    this.#words = next;
    this.#identity = current;
    return change;
  }

  async add(word: string): Promise<PersonalChange> {
    if (!isValidWord(word)) throw Errors.invalidInput('word', 'not a single word');
    const change = await this.refresh();
    if (this.#words.has(word)) return change;
    if (this.#words.size >= MAX_PERSONAL_WORDS) throw Errors.tooLarge('personal dictionary', this.#words.size, MAX_PERSONAL_WORDS);
    await this.#write(new Set([...this.#words, word]));
    return { added: [...change.added, word], removed: change.removed };
  }

  async remove(word: string): Promise<PersonalChange> {
    const change = await this.refresh();
    if (!this.#words.has(word)) return change;
    const next = new Set(this.#words);
    next.delete(word);
    await this.#write(next);
    return { added: change.added, removed: [...change.removed, word] };
  }

  async #currentIdentity(): Promise<string> {
    try {
      return identity(await stat(this.#file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
  }

  async #read(): Promise<Set<string>> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
      throw error;
    }
    const words = new Set<string>();
    let rejected = 0;
    for (const line of text.split('\n')) {
      const word = line.trim();
      if (!word) continue;
      if (isValidWord(word) && words.size < MAX_PERSONAL_WORDS) words.add(word);
      else rejected += 1;
    }
    if (rejected > 0) this.#log(`ignored ${rejected} unusable lines of ${this.#file}`);
    return words;
  }

  async #write(words: Set<string>): Promise<void> {
    const ordered = [...words].sort((a, b) => a.localeCompare(b));
    await mkdir(this.#folder, { recursive: true });
    await writeFileAtomic(this.#file, ordered.map((word) => `${word}\n`).join(''), { mode: 0o600 });
    this.#words = words;
    this.#identity = await this.#currentIdentity();
  }
}
