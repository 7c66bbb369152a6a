/**
 * Inputs for the reliability fuzzers: hostile Unicode (the task tests' fragments, plus line and
 * paragraph separators, BOMs, bidi overrides, raw UTF-16 and graphemes), edits placed against a
 * model text, and requests that are wrong in every way a caller can get one wrong. Plain module:
 * worker threads load it without vitest.
 */
import fc from 'fast-check';
import { hostileDocument } from '../../../workers/tasks/text/test-arbitraries.ts';

const EXTRA = ['\u2028', '\u2029', '\ufeff', '\ufffd', '\u202d', '\u200f', '\u0085', '\u000b', '\u000c', '\udbff\udfff', '\r\r\n', '\n\n', '<script>x</script>', '&#0;', '%00', '../'];

/** Any UTF-16: the task tests' hostile fragments, extra separators and marks, lone surrogates, graphemes. */
export function hostileTextOf(maxParts: number): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: hostileDocument },
        { weight: 2, arbitrary: fc.constantFrom(...EXTRA) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
      ),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(''));
}

export const hostileText: fc.Arbitrary<string> = hostileTextOf(4);

/** An edit described relative to whatever text it meets, so it is always in range once placed. */
export interface EditSeed {
  readonly at: number;
  readonly span: number;
  readonly text: string;
}

export const editSeed: fc.Arbitrary<EditSeed> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  span: fc.double({ min: 0, max: 1, noNaN: true }),
  text: hostileText.map((text) => text.slice(0, 40)),
});

export function placeSeed(text: string, seed: EditSeed): { offset: number; length: number; text: string } {
  const offset = Math.floor(seed.at * text.length);
  return { offset, length: Math.floor(seed.span * Math.min(20, text.length - offset)), text: seed.text };
}

/** Values that are wrong for a count (offset, length, version): every one must be refused. */
export const badCount: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, -(2 ** 31), '1', '', null, true, [], {}),
  fc.integer({ max: -1 }),
  fc.double({ noInteger: true, noNaN: true }),
  fc.string({ maxLength: 4 }),
);

/** Values that are wrong for a string field (uri, text). */
export const badString: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(null, 0, 1, true, [], {}, ['a'], { toString: 'x' }), fc.integer(), fc.double());

/** How a malformed change breaks a valid one; each must be refused by any task. */
export type ChangeBreak =
  | { readonly kind: 'anything'; readonly value: unknown }
  | { readonly kind: 'field'; readonly field: 'uri' | 'version' | 'edits'; readonly value: unknown }
  | { readonly kind: 'edit'; readonly field: 'offset' | 'length' | 'text'; readonly value: unknown }
  | { readonly kind: 'missing'; readonly field: 'uri' | 'version' | 'edits' }
  | { readonly kind: 'gap'; readonly ahead: number }
  | { readonly kind: 'past-end'; readonly beyond: number }
  | { readonly kind: 'overlap' }
  | { readonly kind: 'foreign-uri'; readonly uri: string };

export const changeBreak: fc.Arbitrary<ChangeBreak> = fc.oneof(
  fc.record({ kind: fc.constant('anything' as const), value: fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withObjectString: true, maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('field' as const), field: fc.constant('uri' as const), value: fc.oneof(badString, fc.constant('')) }),
  fc.record({ kind: fc.constant('field' as const), field: fc.constant('version' as const), value: badCount }),
  fc.record({ kind: fc.constant('field' as const), field: fc.constant('edits' as const), value: fc.constantFrom(null, 0, 'edits', {}, [null], [1, 2], [{}], [[]], { length: 1 }) }),
  fc.record({ kind: fc.constant('edit' as const), field: fc.constantFrom('offset' as const, 'length' as const), value: badCount }),
  fc.record({ kind: fc.constant('edit' as const), field: fc.constant('text' as const), value: badString }),
  fc.record({ kind: fc.constant('missing' as const), field: fc.constantFrom('uri' as const, 'version' as const, 'edits' as const) }),
  fc.record({ kind: fc.constant('gap' as const), ahead: fc.integer({ min: 2, max: 1_000 }) }),
  fc.record({ kind: fc.constant('past-end' as const), beyond: fc.integer({ min: 1, max: 1_000 }) }),
  fc.record({ kind: fc.constant('overlap' as const) }),
  fc.record({ kind: fc.constant('foreign-uri' as const), uri: fc.constantFrom('untitled:elsewhere', 'file:///etc/passwd') }),
);

/** A change request for a document at `version` with text `text`, broken as `how` says. */
export function brokenChange(uri: string, version: number, text: string, how: ChangeBreak): unknown {
  const edit: Record<string, unknown> = { offset: 0, length: 0, text: 'x' };
  const change: Record<string, unknown> = { uri, version: version + 1, edits: [edit] };
  switch (how.kind) {
    case 'anything':
      return how.value;
    case 'field':
      change[how.field] = how.value;
      return change;
    case 'edit':
      edit[how.field] = how.value;
      return change;
    case 'missing':
      delete change[how.field];
      return change;
    case 'gap':
      change.version = version + how.ahead;
      return change;
    case 'past-end':
      edit.offset = text.length;
      edit.length = how.beyond;
      return change;
    case 'overlap':
      change.edits = [
        { offset: 0, length: Math.min(2, text.length), text: 'a' },
        { offset: 0, length: Math.min(2, text.length), text: 'b' },
      ];
      // Two edits at one point with no length do not overlap; make sure these do.
      return text.length === 0 ? { ...change, edits: [{ offset: 0, length: 1, text: '' }] } : change;
    case 'foreign-uri':
      change.uri = how.uri;
      return change;
  }
}

/** A word for word-taking calls: mostly word-sized, sometimes long enough to meet the length limit. */
const queryWord: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: hostileText.map((text) => text.slice(0, 24)) },
  { weight: 1, arbitrary: fc.tuple(hostileText, fc.string({ minLength: 240, maxLength: 300 })).map(([text, long]) => (text + long).slice(0, 300)) },
);

/** One step of a fuzz case: a valid edit, a repeat of an applied change, a broken change, or a task-specific query. */
export type Step =
  | { readonly kind: 'edit'; readonly seed: EditSeed }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'broken'; readonly how: ChangeBreak }
  | { readonly kind: 'query'; readonly variant: number; readonly word: string };

export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), seed: editSeed }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('broken' as const), how: changeBreak }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), variant: fc.nat({ max: 99 }), word: queryWord }) },
);

export interface FuzzCase {
  readonly initial: string;
  readonly steps: readonly Step[];
}

/** A case: a starting text of up to `maxParts` hostile pieces, then up to six steps. */
export function fuzzCaseOf(maxParts: number): fc.Arbitrary<FuzzCase> {
  return fc.record({ initial: hostileTextOf(maxParts), steps: fc.array(step, { maxLength: 6 }) });
}

export const fuzzCase: fc.Arbitrary<FuzzCase> = fuzzCaseOf(4);

/** A 5 MB single line of hostile text (no line break), in one of a few shapes. */
export function fiveMegabyteLine(shape: number): string {
  const units = 5 * 1024 * 1024;
  const pieces = [
    'word tomorow the قال שלום 👩‍👩‍👧‍👦 e\u0301 ',
    '\u0000\ud800x\udfff\u202e\u200d',
    'a',
  ];
  const piece = pieces[shape % pieces.length] ?? 'a';
  return piece.repeat(Math.ceil(units / piece.length)).slice(0, units);
}
