/**
 * Entry of the spellcheck task for every kind of host: `createTask` loads the dictionary from
 * the paths the host gives (`init.assets`) and the personal dictionary from `init.dataDir`. It
 * imports only Node and npm modules, so it runs unchanged inline, in a thread or in a process.
 */
import type { TaskFactory } from '../../common/task-api.ts';
import { PersonalDictionary } from './personal-dictionary.ts';
import { loadSpeller } from './speller.ts';
import { SpellcheckTask } from './spellcheck-task.ts';
import { loadWordFrequencies, NO_FREQUENCIES, type WordFrequencies } from './word-frequencies.ts';

/**
 * How long after start the task parses the frequency list unasked. Parsing takes ~0.2 s of this
 * task's thread; done at start it delayed the first check after every restart (the crash-storm
 * suite measured a restarted process serving in 1.2 s against a 1 s bound), so it waits until the
 * host has settled, or until the first suggestion needs it, whichever comes first.
 */
const FREQUENCY_IDLE_LOAD_MS = 5_000;

/** The list, loaded once, on first use or after `FREQUENCY_IDLE_LOAD_MS`. */
function lazyFrequencies(file: string | undefined, log: (line: string) => void): () => Promise<WordFrequencies> {
  if (file === undefined) return () => Promise.resolve(NO_FREQUENCIES);
  let pending: Promise<WordFrequencies> | undefined;
  const load = (): Promise<WordFrequencies> =>
    (pending ??= loadWordFrequencies(file).then(
      (loaded) => {
        log(`word frequencies loaded in ${Math.round(loaded.loadMs)} ms, ${loaded.words.length} words`);
        return loaded;
      },
      (error: unknown) => {
        log(`word frequencies not loaded, suggestions rank by the error model alone: ${(error as Error).message}`);
        return NO_FREQUENCIES;
      },
    ));
  // unref: a pending warm-up never keeps a host alive that is shutting down.
  setTimeout(() => void load(), FREQUENCY_IDLE_LOAD_MS).unref();
  return load;
}

export const createTask: TaskFactory<'spellcheck'> = async (context) => {
  const { init } = context;
  const log = (line: string): void => context.log(line);
  const startedAt = performance.now();
  const [speller, personal] = await Promise.all([
    loadSpeller(init.assets.dictionaryAff, init.assets.dictionaryDic),
    PersonalDictionary.load(init.dataDir, log),
  ]);
  log(`dictionary loaded in ${Math.round(performance.now() - startedAt)} ms, ${personal.words().length} personal words`);
  const task = new SpellcheckTask(speller, personal, context.document, lazyFrequencies(init.assets.wordFrequencies, log));
  // Bound here so a host may call the methods detached from the object.
  return {
    open: (request) => task.open(request),
    change: (request) => task.change(request),
    check: (request, signal) => task.check(request, signal),
    suggest: (request) => task.suggest(request),
    addWord: (request) => task.addWord(request),
    removeWord: (request) => task.removeWord(request),
    personalWords: () => task.personalWords(),
  };
};
