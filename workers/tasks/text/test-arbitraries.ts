/**
 * fast-check inputs for the text tasks' fuzz tests: any UTF-16 (lone surrogates, NUL, controls)
 * mixed with the pieces that make Markdown and prose interesting: line ends of every kind,
 * fences, links, RTL marks, emoji ZWJ sequences, misspellings.
 */
import fc from 'fast-check';

const FRAGMENTS = [
  '\n', '\r\n', '\r', '\u0000', '\ud800', '\udfff', '\u202e', '\u200d', '👩‍👩‍👧‍👦', '🏳️‍🌈', 'שלום', 'مرحبا', 'café', 'e\u0301',
  '```', '~~~', '`', '    ', '\t', '# ', '- ', '> ', '1. ', '|', '---', '===', '[', ']', '(', ')', '](', '![', ':', '<', '>',
  'javascript:', 'https://example.com/x', 'me@example.com', 'src/a.ts', '42', 'tomorow', 'recieve', 'the', 'word', ' ', '*', '_',
];

/** A document of fragments and arbitrary code units. */
export const hostileDocument = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** An edit at a position taken modulo the document's length, inserting hostile text. */
export const hostileEdit = fc.record({ at: fc.nat(), length: fc.nat({ max: 15 }), text: hostileDocument.map((text) => text.slice(0, 30)) });

export function placeEdit(text: string, edit: { at: number; length: number; text: string }): { offset: number; length: number; text: string } {
  const offset = edit.at % (text.length + 1);
  return { offset, length: Math.min(edit.length, text.length - offset), text: edit.text };
}
