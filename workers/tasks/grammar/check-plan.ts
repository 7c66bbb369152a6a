/**
 * Which units of a document a grammar check lints, and in what order: the visible ones first,
 * then outwards by distance from the viewport. Input too big to lint in full is limited openly
 * (the reason goes into the result's `degraded`) rather than fed to harper for minutes.
 */
import type { TextAccess, TextRange } from '../../common/document.ts';
import { MAX_UNIT_LENGTH, splitUnits, type TextUnit } from './paragraphs.ts';

export interface GrammarLimits {
  /** Longest text handed to harper in one call; longer paragraphs are chunked. */
  readonly unitLength: number;
  /** A paragraph longer than this (e.g. a 5 MB single line) is linted only where it is visible. */
  readonly hugeParagraph: number;
  /** A document longer than this is linted only around the visible range. */
  readonly hugeDocument: number;
  /** How far around the visible range a huge document is linted, in UTF-16 units each way. */
  readonly nearVisible: number;
}

export const DEFAULT_LIMITS: GrammarLimits = {
  unitLength: MAX_UNIT_LENGTH,
  hugeParagraph: 64 * 1024,
  hugeDocument: 1024 * 1024,
  nearVisible: 32 * 1024,
};

export interface CheckPlan {
  /** Units to lint, in the order to lint them. */
  readonly units: readonly TextUnit[];
  readonly degraded?: string;
}

function distance(unit: TextUnit, range: TextRange): number {
  if (unit.end < range.start) return range.start - unit.end;
  if (unit.start > range.end) return unit.start - range.end;
  return 0;
}

function intersects(unit: TextUnit, range: TextRange): boolean {
  return unit.start <= range.end && unit.end >= range.start;
}

function kib(units: number): string {
  return units >= 1024 * 1024 ? `${(units / 1024 / 1024).toFixed(1)} Mi` : `${Math.round(units / 1024)} Ki`;
}

export function clampRange(range: TextRange | undefined, length: number): TextRange | undefined {
  if (!range) return undefined;
  const start = Math.min(range.start, length);
  return { start, end: Math.max(start, Math.min(range.end, length)) };
}

export function planCheck(text: TextAccess, visible: TextRange | undefined, limits: GrammarLimits = DEFAULT_LIMITS): CheckPlan {
  const reasons: string[] = [];
  let units = splitUnits(text, limits.unitLength).filter((unit) => !unit.code);
  const hugeParagraphs = units.filter((unit) => unit.paragraph && unit.paragraph.end - unit.paragraph.start > limits.hugeParagraph);
  if (hugeParagraphs.length > 0) {
    units = units.filter((unit) => !hugeParagraphs.includes(unit) || (visible !== undefined && intersects(unit, visible)));
    const where = visible ? 'only their visible part is checked' : 'they are not checked until a visible range is known';
    reasons.push(`paragraphs longer than ${kib(limits.hugeParagraph)} characters: ${where}`);
  }
  if (text.length > limits.hugeDocument) {
    const around = visible ?? { start: 0, end: 0 };
    const window = { start: around.start - limits.nearVisible, end: around.end + limits.nearVisible };
    units = units.filter((unit) => intersects(unit, window));
    reasons.push(`the document has ${kib(text.length)} characters: only ${visible ? 'the visible part and its surroundings are' : 'its beginning is'} checked`);
  }
  const ordered = visible ? [...units].sort((a, b) => distance(a, visible) - distance(b, visible) || a.start - b.start) : units;
  return { units: ordered, ...(reasons.length > 0 ? { degraded: `Grammar is limited: ${reasons.join('; ')}.` } : {}) };
}
