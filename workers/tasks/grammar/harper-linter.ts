/**
 * harper.js behind a small interface: load the WASM safely, lint one piece of text, and return
 * plain lints with exact UTF-16 offsets into that text.
 *
 * Loading: harper's own file loader reads `new URL(url).pathname` without decoding it, so a path
 * with a space or a non-ASCII letter fails; and `LocalLinter`'s constructor starts loading without
 * awaiting it, so a failure there is an unhandled rejection that kills the host. So the task reads
 * the file itself (a missing or foreign file is a clear error), hands harper a blob: URL, and
 * awaits the binary before any `LocalLinter` exists.
 */
import { readFile } from 'node:fs/promises';
import { createBinaryModuleFromUrl, LocalLinter, SuggestionKind, type BinaryModule, type Lint } from 'harper.js';
import { ForkpadError } from '../../common/errors.ts';
import type { GrammarSuggestion } from '../../common/task-api.ts';
import type { LoadFigures } from '../asset-meter.ts';

/** A lint with offsets into the text that was linted. */
export interface HarperLint {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly kind: string;
  readonly rule: string;
  readonly suggestions: readonly GrammarSuggestion[];
}

export interface ParagraphLinter {
  /** Lints Markdown `text` (synchronous work inside harper, behind a promise). */
  lint(text: string): Promise<HarperLint[]>;
  /** Every rule harper knows, for the per-rule ignore. */
  readonly rules: readonly string[];
  /** Lints whose span did not match their text and were dropped, never misplaced. */
  readonly droppedLints: number;
}

/** Harper's dictionary spell checker: spelling belongs to the spellcheck task. */
export const HARPER_SPELLING_RULE = 'SpellCheck';

const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/** A binary loaded from its file, with when that began and how many bytes it read. */
interface LoadedBinary {
  readonly binary: BinaryModule;
  readonly startedAt: number;
  readonly fileBytes: number;
}

/**
 * One loaded binary per WASM file and thread: harper's glue keeps its instance in a module-level
 * variable, so a second load in the same thread would swap the memory under the first linter.
 */
const binaries = new Map<string, Promise<LoadedBinary>>();

function grammarLoadError(wasmPath: string, why: string): ForkpadError {
  return new ForkpadError('GrammarLoadError', 'GRAMMAR_LOAD_FAILED', `harper could not load ${wasmPath}: ${why}`);
}

async function loadBinary(wasmPath: string): Promise<LoadedBinary> {
  const startedAt = performance.now();
  let bytes: Buffer;
  try {
    bytes = await readFile(wasmPath);
  } catch (error) {
    throw grammarLoadError(wasmPath, (error as Error).message);
  }
  if (!WASM_MAGIC.equals(bytes.subarray(0, 4))) throw grammarLoadError(wasmPath, 'the file is not WebAssembly');
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
  try {
    const binary = createBinaryModuleFromUrl(url, 'full');
    await binary.setup();
    return { binary, startedAt, fileBytes: bytes.byteLength };
  } catch (error) {
    throw grammarLoadError(wasmPath, error instanceof Error ? error.message : String(error));
  } finally {
    // harper keeps the instantiated module; the bytes behind the URL are no longer needed.
    URL.revokeObjectURL(url);
  }
}

function sharedBinary(wasmPath: string): Promise<LoadedBinary> {
  let binary = binaries.get(wasmPath);
  if (!binary) {
    binary = loadBinary(wasmPath);
    binaries.set(wasmPath, binary);
    // A failed load may succeed later (e.g. once the file is there): do not cache the failure.
    binary.catch(() => binaries.delete(wasmPath));
  }
  return binary;
}

/**
 * The size of harper's WebAssembly memory, or null if its glue no longer shows it where harper.js
 * 2.10 (pinned) keeps it: the binary's private `inner` resolves to the glue, whose init function
 * returns the instance's exports once instantiated. Read for the monitor only, never relied on.
 */
async function wasmMemoryBytes(binary: BinaryModule): Promise<number | null> {
  try {
    const glue: unknown = await (binary as unknown as { inner?: unknown }).inner;
    const init = (glue as { default?: unknown } | null)?.default;
    if (typeof init !== 'function') return null;
    const exports: unknown = await (init as () => Promise<unknown>)();
    const buffer = (exports as { memory?: { buffer?: unknown } } | null)?.memory?.buffer;
    return buffer instanceof ArrayBuffer ? buffer.byteLength : null;
  } catch {
    // Only a figure for the monitor: a glue that changed shape costs the figure, never the linter.
    return null;
  }
}

/**
 * Loads harper from `wasmPath` and returns a linter with the spelling rule off. `onStage` is
 * called after the binary is instantiated (1) and after the linter's dictionary is built (2).
 * `load` is for the monitor: the WASM file's bytes, and harper's WebAssembly memory once set up
 * (the linter's dictionary lives there, outside the V8 heap).
 */
export async function loadHarper(wasmPath: string, onStage: (done: 1 | 2) => void): Promise<ParagraphLinter & { readonly load: LoadFigures }> {
  const calledAt = performance.now();
  const { binary, startedAt, fileBytes } = await sharedBinary(wasmPath);
  onStage(1);
  const linter = new LocalLinter({ binary });
  try {
    await linter.setup();
    const config = await linter.getLintConfig();
    await linter.setLintConfig({ ...config, [HARPER_SPELLING_RULE]: false });
    onStage(2);
    const wasmBytes = await wasmMemoryBytes(binary);
    const load: LoadFigures = { startedAt, loadMs: performance.now() - calledAt, fileBytes, memory: wasmBytes === null ? null : { bytes: wasmBytes, measure: 'wasm-memory' } };
    return Object.assign(createParagraphLinter(linter, Object.keys(config).sort()), { load });
  } catch (error) {
    throw grammarLoadError(wasmPath, error instanceof Error ? error.message : String(error));
  }
}

function createParagraphLinter(linter: LocalLinter, rules: readonly string[]): ParagraphLinter {
  let dropped = 0;
  return {
    rules,
    get droppedLints() {
      return dropped;
    },
    async lint(text) {
      // harper answers with a group for every one of its ~870 rules, nearly all empty; walking
      // them with Object.entries made a [rule, group] pair each, a third of a check's garbage.
      const groups = await linter.organizedLints(text, { language: 'markdown' });
      const lints: HarperLint[] = [];
      for (const rule in groups) {
        const group = groups[rule];
        if (group === undefined || group.length === 0) continue;
        for (const lint of group) {
          const converted = convertLint(text, rule, lint);
          if (converted) lints.push(converted);
          else dropped += 1;
        }
      }
      return lints.sort((a, b) => a.start - b.start || a.end - b.end);
    },
  };
}

function convertLint(text: string, rule: string, lint: Lint): HarperLint | undefined {
  try {
    const span = lint.span();
    const range = utf16Range(text, span.start, span.end, lint.get_problem_text());
    span.free();
    if (!range) return undefined;
    const suggestions = lint.suggestions().map((suggestion) => {
      const converted: GrammarSuggestion = { kind: suggestionKind(suggestion.kind()), text: suggestion.get_replacement_text() };
      suggestion.free();
      return converted;
    });
    return { ...range, message: lint.message(), kind: lint.lint_kind(), rule, suggestions };
  } finally {
    lint.free();
  }
}

function suggestionKind(kind: SuggestionKind): GrammarSuggestion['kind'] {
  if (kind === SuggestionKind.Remove) return 'remove';
  if (kind === SuggestionKind.InsertAfter) return 'insert-after';
  return 'replace';
}

/**
 * harper 2.10 reports spans in UTF-16 units; older releases counted code points. Each span is
 * checked against the lint's own problem text (harper sees lone surrogates as U+FFFD, hence
 * `toWellFormed`), read as code points if that fits instead, and dropped if neither fits.
 */
export function utf16Range(text: string, start: number, end: number, problem: string): { start: number; end: number } | undefined {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end)) return undefined;
  if (end <= text.length && text.slice(start, end).toWellFormed() === problem) return { start, end };
  const unitStart = codePointToUnit(text, start);
  const unitEnd = unitStart === undefined ? undefined : codePointToUnit(text, end, unitStart, start);
  if (unitStart === undefined || unitEnd === undefined) return undefined;
  return text.slice(unitStart, unitEnd).toWellFormed() === problem ? { start: unitStart, end: unitEnd } : undefined;
}

function codePointToUnit(text: string, codePoints: number, fromUnit = 0, fromCodePoint = 0): number | undefined {
  let unit = fromUnit;
  for (let point = fromCodePoint; point < codePoints; point++) {
    if (unit >= text.length) return undefined;
    const code = text.charCodeAt(unit);
    const next = text.charCodeAt(unit + 1);
    unit += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return unit;
}
