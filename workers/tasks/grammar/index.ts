/**
 * The grammar task's entry for every host kind: harper.js, linting changed paragraphs.
 */
import type { GrammarApi, TaskContext, TaskFactory } from '../../common/task-api.ts';
import { reportedLoad } from '../asset-meter.ts';
import { GrammarChecker, type GrammarCheckerOptions } from './grammar-checker.ts';
import { loadHarper } from './harper-linter.ts';
import { parseChange, parseCheckRequest, parseOpenRequest, parseRules } from './requests.ts';

/** The API over a checker, every request checked first. */
export function grammarApi(checker: GrammarChecker): GrammarApi {
  return {
    open: (request) => checker.open(parseOpenRequest(request)),
    change: (request) => checker.change(parseChange(request)),
    check: (request, signal) => checker.check(parseCheckRequest(request), signal),
    setIgnoredRules: (request) => checker.setIgnoredRules(parseRules(request)),
    warmUp: () => checker.warmUp(),
  };
}

/** The monitor's name for harper's WASM binary and the linter built in it. */
export const HARPER_ASSET = 'harper (WASM + linter)';

/** Loads harper and builds a checker; `overrides` are for tests and benches. */
export async function createGrammarChecker(
  context: TaskContext<'grammar'>,
  overrides: Partial<GrammarCheckerOptions> = {},
): Promise<GrammarChecker> {
  // No document is open while harper loads: the loading phase carries an empty uri and version 0.
  const loading = (done: number) => context.emit('progress', { uri: '', version: 0, phase: 'loading', done, total: 2 });
  loading(0);
  const report = context.reportAsset?.bind(context) ?? (() => undefined);
  const linter = await reportedLoad(HARPER_ASSET, report, performance.now(), () => loadHarper(context.init.assets.harperWasm, loading), (loaded) => loaded.load);
  return new GrammarChecker({
    linter,
    ignoredRules: context.init.settings.ignoredRules,
    emitProgress: (payload) => context.emit('progress', payload),
    log: (line) => context.log(line),
    ...(context.document ? { shared: context.document } : {}),
    ...overrides,
  });
}

export const createTask: TaskFactory<'grammar'> = async (context) => grammarApi(await createGrammarChecker(context));
