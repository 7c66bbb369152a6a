/**
 * Entry of the spellcheck task for every kind of host: `createTask` loads the dictionary from
 * the paths the host gives (`init.assets`) and the personal dictionary from `init.dataDir`. It
 * imports only Node and npm modules, so it runs unchanged inline, in a thread or in a process.
 */
import type { TaskFactory } from '../../common/task-api.ts';
import { PersonalDictionary } from './personal-dictionary.ts';
import { loadSpeller } from './speller.ts';
import { SpellcheckTask } from './spellcheck-task.ts';
import { loadWordFrequencies, NO_FREQUENCIES } from './word-frequencies.ts';

export const createTask: TaskFactory<'spellcheck'> = async (context) => {
  const { init } = context;
  const log = (line: string): void => context.log(line);
  const startedAt = performance.now();
  const [speller, personal] = await Promise.all([
    loadSpeller(init.assets.dictionaryAff, init.assets.dictionaryDic),
    PersonalDictionary.load(init.dataDir, log),
  ]);
  log(`dictionary loaded in ${Math.round(performance.now() - startedAt)} ms, ${personal.words().length} personal words`);
  // Awaited by the first suggestion, not by readiness: the list takes ~0.2 s to parse.
  const file = init.assets.wordFrequencies;
  const frequencies = file === undefined ? Promise.resolve(NO_FREQUENCIES) : loadWordFrequencies(file).then(
    (loaded) => {
      log(`word frequencies loaded in ${Math.round(loaded.loadMs)} ms, ${loaded.words.length} words`);
      return loaded;
    },
    (error: unknown) => {
      log(`word frequencies not loaded, suggestions rank by the error model alone: ${(error as Error).message}`);
      return NO_FREQUENCIES;
    },
  );
  const task = new SpellcheckTask(speller, personal, context.document, frequencies);
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
