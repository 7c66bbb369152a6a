/**
 * What the reliability fuzzer runs: each target builds its fast-check property (after any slow
 * setup, such as loading harper) and says how to clean up. The runner (run-fuzz.ts) runs targets
 * in worker threads and stops any case that runs past the time bound.
 */
import fc from 'fast-check';
import { brokenChange, fiveMegabyteLine, fuzzCaseOf, placeSeed, type FuzzCase } from './arbitraries.ts';
import { refusedClearly, TASK_ADAPTERS, type Model, type TaskAdapter } from './task-adapters.ts';
import { boundedCall, CASE_LIMIT_MS, timed } from './case-clock.ts';
import { coreTargets } from './core-targets.ts';

export interface FuzzTarget {
  readonly property: fc.IRawProperty<unknown>;
  dispose(): Promise<void>;
}

export type TargetFactory = () => Promise<FuzzTarget>;

/** Runs one case against a task: open, every step, then the model must be what the task holds. */
async function runTaskCase(adapter: TaskAdapter, model: Model, input: FuzzCase): Promise<void> {
  await adapter.open(model);
  for (const step of input.steps) {
    switch (step.kind) {
      case 'edit': {
        const edit = placeSeed(model.text, step.seed);
        await adapter.change(adapter.validChange(model, edit));
        model.text = model.text.slice(0, edit.offset) + edit.text + model.text.slice(edit.offset + edit.length);
        model.version += 1;
        break;
      }
      case 'repeat':
        // A host re-sends calls a dying host left unanswered: a change already applied is harmless.
        if (model.version > 1) await adapter.change(adapter.validChange({ ...model, version: model.version - 1 }, { offset: 0, length: 0, text: 'never applied' }));
        break;
      case 'broken':
        await refusedClearly(() => adapter.change(brokenChange(model.uri, model.version, model.text, step.how)), `a broken change (${step.how.kind})`);
        break;
      case 'query':
        await adapter.query(model, step.variant, step.word);
        break;
    }
  }
  await adapter.verify(model);
}

/** `maxParts` bounds the starting text: grammar lints every paragraph of it, at a few ms each. */
function taskTarget(task: keyof typeof TASK_ADAPTERS, uris: number, maxParts = 4): TargetFactory {
  return async () => {
    const adapter = await TASK_ADAPTERS[task]();
    let run = 0;
    const property = fc.asyncProperty(
      fuzzCaseOf(maxParts),
      timed(async (input: FuzzCase) => {
        run += 1;
        await runTaskCase(adapter, { uri: `untitled:fuzz-${run % uris}`, version: 1, text: input.initial }, input);
      }),
    );
    return { property, dispose: () => adapter.dispose() };
  };
}

/** Each call on a 5 MB line is bounded alone; the case as a whole also reads the result back. */
const FIVE_MB_CASE_LIMIT_MS = 8 * CASE_LIMIT_MS;

/** A 5 MB single line: opened, edited in its middle and queried, every call within the bound. */
function fiveMegabyteTarget(task: keyof typeof TASK_ADAPTERS): TargetFactory {
  return async () => {
    const adapter = await TASK_ADAPTERS[task]();
    const body = async (shape: number, where: number) => {
      // Beyond Latin-1 on purpose: a word of millions of letters in such a text once overflowed V8's
      // regexp stack in the word counts (kept in fuzz-regressions.test.ts).
      const insert = '\u200d👩‍👩‍👧 x\r\n';
      const model: Model = { uri: `untitled:line-${shape}`, version: 1, text: fiveMegabyteLine(shape) };
      await boundedCall(`${task} open`, () => adapter.open(model));
      // `where` may be exactly 1: the replaced unit must still lie inside the text.
      const offset = Math.min(Math.floor(where * model.text.length), model.text.length - 1);
      await boundedCall(`${task} change`, () => adapter.change(adapter.validChange(model, { offset, length: 1, text: insert })));
      model.text = `${model.text.slice(0, offset)}${insert}${model.text.slice(offset + 1)}`;
      model.version += 1;
      await boundedCall(`${task} query`, () => adapter.query(model, 1, 'word'));
      // The keystroke check reads the journal back from disk: the test's work, not the task's.
      await boundedCall(`${task} result`, () => adapter.verify(model), task === 'keystroke' ? FIVE_MB_CASE_LIMIT_MS : CASE_LIMIT_MS);
    };
    const property = fc.asyncProperty(fc.nat({ max: 2 }), fc.double({ min: 0, max: 1, noNaN: true }), timed(body, FIVE_MB_CASE_LIMIT_MS));
    return { property, dispose: () => adapter.dispose() };
  };
}

/** Proves the watchdog: its third case never returns, as a task stuck in a synchronous loop would not. */
const stuckTarget: TargetFactory = () =>
  Promise.resolve({
    property: fc.asyncProperty(
      fc.nat(),
      timed(() => {
        stuckRuns += 1;
        if (stuckRuns < 3) return;
        for (;;) {
          // Deliberately endless: only terminating the thread stops it.
        }
      }),
    ),
    dispose: () => Promise.resolve(),
  });
let stuckRuns = 0;

export const WATCHDOG_SELF_TEST = 'watchdog self-test';

export const TARGETS: Readonly<Record<string, TargetFactory>> = {
  [WATCHDOG_SELF_TEST]: stuckTarget,
  'keystroke API': taskTarget('keystroke', 4),
  'render API': taskTarget('render', 1_000_000),
  'spellcheck API': taskTarget('spellcheck', 1_000_000),
  'grammar API': taskTarget('grammar', 1_000_000, 2),
  'keystroke API, 5 MB lines': fiveMegabyteTarget('keystroke'),
  'render API, 5 MB lines': fiveMegabyteTarget('render'),
  'spellcheck API, 5 MB lines': fiveMegabyteTarget('spellcheck'),
  'grammar API, 5 MB lines': fiveMegabyteTarget('grammar'),
  ...coreTargets,
};
