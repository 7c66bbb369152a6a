import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Token } from 'markdown-it';
import { createPacer } from '../text/cooperative.ts';
import { sampleDocument } from '../text/sample-document.ts';
import { IncrementalPreview } from './incremental-preview.ts';
import { createMarkdown, normalizeSource } from './markdown.ts';

const reference = createMarkdown();
const pacer = () => createPacer('render', new AbortController().signal);

/** Lines chosen to make blocks interact: lazy continuations, fences, lists, tables, setext
 * headings, reference definitions and the links that use them. */
const LINES = [
  '', '   ', 'Some words here', 'more text', '# Heading', 'Title', '===', '---', '- item', '  - nested', '* star',
  '1. one', '2) two', '> quote', '>', '```', '```js', '~~~', '    indented code', '\tcode', '| a | b |', '| - | - |',
  '|---|', 'x | y', '[ref]: https://example.com', '[ref]: https://other.example "T"', '[Ref]:', '  https://x.example',
  'see [ref] and [x][ref]', '[ref]', '*emph* **strong**', '<div>', '***', 'a  ', '\\', '`code`', '``', '- [ref]',
  '> [ref]: https://q.example', '1. [ref]: https://w.example', 'https://example.com/auto', '![img][ref]', '\r', 'tail\r',
];
const INSERTS = ['', 'a', ' ', '\n', '\n\n', '`', '```', '[', ']', ':', '#', '-', '>', '|', '    ', '\r\n', 'ref', '*', '='];

const documentArbitrary = fc.array(fc.constantFrom(...LINES), { maxLength: 24 }).map((lines) => lines.join('\n'));
const editArbitrary = fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), text: fc.array(fc.constantFrom(...INSERTS), { maxLength: 3 }).map((parts) => parts.join('')) });

function applyEdit(text: string, edit: { at: number; length: number; text: string }): string {
  const offset = edit.at % (text.length + 1);
  return text.slice(0, offset) + edit.text + text.slice(Math.min(text.length, offset + edit.length));
}

function joined(blocks: readonly { rendered: { html: string } }[]): string {
  return blocks.map((block) => block.rendered.html).join('');
}

/** Top-level block tokens of markdown-it's own block parse, with their line maps. */
function topLevelMaps(text: string): [number, number][] {
  const tokens: Token[] = [];
  reference.block.parse(normalizeSource(text), reference, {}, tokens);
  return tokens.filter((token) => token.level === 0 && token.nesting !== -1 && token.map).map((token) => token.map as [number, number]);
}

describe('incremental preview', () => {
  it('equals a full render after every one of a series of random edits', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 8 }), async (initial, edits) => {
        const preview = new IncrementalPreview();
        let text = initial;
        await preview.update(text, pacer());
        for (const edit of edits) {
          text = applyEdit(text, edit);
          const update = await preview.update(text, pacer());
          expect(joined(update.blocks)).toBe(reference.render(text));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('maps every block to the source lines markdown-it gives it', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, editArbitrary, async (initial, edit) => {
        const preview = new IncrementalPreview();
        await preview.update(initial, pacer());
        const text = applyEdit(initial, edit);
        const { blocks } = await preview.update(text, pacer());
        const maps = topLevelMaps(text);
        expect(blocks.map((block) => block.startLine)).toEqual(maps.map(([start]) => start));
        const lines = normalizeSource(text).split('\n');
        blocks.forEach((block, index) => {
          const [, mapEnd] = maps[index] ?? [0, 0];
          expect(block.endLine).toBeGreaterThanOrEqual(mapEnd);
          // Lines past markdown-it's own end are only the blank ones the parser stepped over.
          for (let line = mapEnd; line < block.endLine; line++) expect(lines[line]?.trim()).toBe('');
          expect(block.endLine).toBeLessThanOrEqual(blocks[index + 1]?.startLine ?? lines.length);
        });
      }),
      { numRuns: 800 },
    );
  });

  it('re-renders only the edited block of a 200 KB document', async () => {
    const text = sampleDocument(200_000);
    const preview = new IncrementalPreview();
    const first = await preview.update(text, pacer());
    expect(first.renderedBlocks).toBeGreaterThan(500);
    const target = text.indexOf('people', text.length / 2);
    const edited = `${text.slice(0, target)}persons${text.slice(target + 'people'.length)}`;
    const second = await preview.update(edited, pacer());
    expect(second.renderedBlocks).toBe(1);
    expect(joined(second.blocks)).toBe(reference.render(edited));
  });

  it('re-renders link blocks when a reference definition changes, and only those', async () => {
    const text = '[ref]: https://a.example\n\nUse [ref] here.\n\nPlain text.\n\nAgain [ref].\n';
    const preview = new IncrementalPreview();
    await preview.update(text, pacer());
    const edited = text.replace('https://a.example', 'https://b.example');
    const update = await preview.update(edited, pacer());
    expect(joined(update.blocks)).toBe(reference.render(edited));
    expect(joined(update.blocks)).toContain('https://b.example');
    expect(update.renderedBlocks).toBe(3);
  });

  it('keeps the previous state when cancelled half-way', async () => {
    const preview = new IncrementalPreview();
    await preview.update('# One\n\nText.\n', pacer());
    const controller = new AbortController();
    controller.abort('test');
    await expect(preview.update(sampleDocument(20_000), createPacer('render', controller.signal))).rejects.toMatchObject({ code: 'CANCELLED' });
    const update = await preview.update('# One\n\nText!\n', pacer());
    expect(update.renderedBlocks).toBe(1);
  });
});
