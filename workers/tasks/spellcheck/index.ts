/**
 * Entry of the spellcheck task for every kind of host: `createTask` loads the dictionary from
 * the paths the host gives (`init.assets`) and the personal dictionary from `init.dataDir`. It
 * imports only Node and npm modules, so it runs unchanged inline, in a thread or in a process.
 * Both data files it loads from the build's assets are reported to the monitor (`reportAsset`).
 */
import type { AssetLoad } from '../../common/asset-loads.ts';
import type { TaskFactory } from '../../common/task-api.ts';
import { reportedLoad } from '../asset-meter.ts';
import { lazyFrequencies } from './lazy-frequencies.ts';
import { PersonalDictionary } from './personal-dictionary.ts';
import { loadSpeller } from './speller.ts';
import { SpellcheckTask } from './spellcheck-task.ts';

/** The monitor's name for the Hunspell dictionary. */
export const DICTIONARY_ASSET = 'dictionary (en_US aff + dic)';

export const createTask: TaskFactory<'spellcheck'> = async (context) => {
  const { init } = context;
  const log = (line: string): void => context.log(line);
  const report = (load: AssetLoad): void => context.reportAsset?.(load);
  const startedAt = performance.now();
  const [speller, personal] = await Promise.all([
    reportedLoad(DICTIONARY_ASSET, report, startedAt, () => loadSpeller(init.assets.dictionaryAff, init.assets.dictionaryDic), (loaded) => loaded.load),
    PersonalDictionary.load(init.dataDir, log),
  ]);
  log(`dictionary loaded in ${Math.round(performance.now() - startedAt)} ms, ${personal.words().length} personal words`);
  const frequencies = lazyFrequencies(init.assets.wordFrequencies, { log, report, taskStartedAt: startedAt });
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
