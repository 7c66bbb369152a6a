import { describe, expect, it } from 'vitest';
import { createMarkdown } from './markdown.ts';
import { auditHtml } from './test/html-audit.ts';
import { renderOneWordEdits } from './test/one-word-edits.ts';
import { never, newRenderTask, renderOnce } from './test/task-harness.ts';

const uri = 'untitled:render';

describe('render task', () => {
  it('renders blocks with a line map, outline and counts', async () => {
    const text = '# Title\n\nOne two three.\n\n## Part *two*\n\n- four\n- five\n\n```\nsix seven\n```\n';
    const result = await renderOnce(text, uri);
    // Paragraphs of text, list items' included (as word processors count them).
    expect(result).toMatchObject({ uri, version: 1, paragraphs: 3, readingMinutes: 1 });
    // A list takes the blank line after it; other blocks end at their last line.
    expect(result.blocks.map(({ startLine, endLine }) => [startLine, endLine])).toEqual([[0, 1], [2, 3], [4, 5], [6, 9], [9, 12]]);
    expect(result.outline).toEqual([
      { level: 1, text: 'Title', line: 0 },
      { level: 2, text: 'Part two', line: 4 },
    ]);
    // Title, One two three, Part two, four, five, six seven: markup is not counted.
    expect(result.words).toBe(10);
    expect(result.blocks.map((block) => block.html).join('')).toBe(createMarkdown().render(text));
    expect(new Set(result.blocks.map((block) => block.id)).size).toBe(result.blocks.length);
  });

  it('gives repeated blocks distinct, stable ids', async () => {
    const first = await renderOnce('Same.\n\nSame.\n\nOther.\n', uri);
    const second = await renderOnce('New.\n\nSame.\n\nSame.\n\nOther.\n', uri);
    const ids = first.blocks.map((block) => block.id);
    expect(new Set(ids).size).toBe(3);
    expect(second.blocks.slice(1).map((block) => block.id)).toEqual(ids);
  });

  it('follows incremental changes and reports how many blocks it rendered', async () => {
    const task = await newRenderTask();
    await task.open({ uri, version: 1, text: 'A.\n\nB.\n\nC.\n', path: null }, never);
    expect((await task.render({ version: 1 }, never)).renderedBlocks).toBe(3);
    await task.change({ uri, version: 2, edits: [{ offset: 4, length: 2, text: 'Bee.' }] }, never);
    // A repeated change is harmless.
    await task.change({ uri, version: 2, edits: [{ offset: 4, length: 2, text: 'Bee.' }] }, never);
    const result = await task.render({ version: 2 }, never);
    expect(result).toMatchObject({ version: 2, renderedBlocks: 1 });
    expect(result.blocks.map((block) => block.html).join('')).toBe('<p>A.</p>\n<p>Bee.</p>\n<p>C.</p>\n');
  });

  it('refuses versions it has not reached and changes that skip one', async () => {
    const task = await newRenderTask();
    await expect(task.render({ version: 1 }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await task.open({ uri, version: 1, text: 'x', path: null }, never);
    await expect(task.render({ version: 2 }, never)).rejects.toMatchObject({ code: 'OUT_OF_SYNC' });
    await expect(task.change({ uri, version: 3, edits: [] }, never)).rejects.toMatchObject({ code: 'OUT_OF_SYNC' });
    await expect(task.change({ uri, version: 2, edits: [{ offset: 5, length: 0, text: 'y' }] }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.change({ uri, version: 2, edits: 'nope' } as never, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.render({ version: -1 }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await task.render({ version: 1 }, never)).blocks.map((block) => block.html)).toEqual(['<p>x</p>\n']);
  });

  it('answers an old version with the current one, saying which', async () => {
    const task = await newRenderTask();
    await task.open({ uri, version: 4, text: 'x', path: null }, never);
    expect((await task.render({ version: 2 }, never)).version).toBe(4);
  });
});

describe('render task on one-word edits', () => {
  it('renders a one-word edit of a 200 KB document from its block cache', async () => {
    const { edits } = await renderOneWordEdits(uri);
    for (const { result } of edits) expect(result.renderedBlocks).toBeLessThanOrEqual(1);
  });
});

describe('render task on bad input', () => {
  // How long it takes is render-task.timing.test.ts.
  it('shows a 5 MB single line as plain text and says so', async () => {
    const line = '![[x](javascript:alert(1)) '.repeat(200_000);
    const result = await renderOnce(line, uri);
    expect(result.degraded).toMatch(/1 block is longer than 50000 characters/);
    expect(result.blocks).toHaveLength(1);
    expect(auditHtml(result.blocks[0]?.html ?? '<bad>')).toEqual([]);
  });

  it.each([
    ['NUL bytes', 'a\u0000b\n\n[x](java\u0000script:1)'],
    ['lone surrogates', 'half \ud800 and \udfff here\n\n# \udbff'],
    ['mixed CRLF', 'one\r\ntwo\rthree\n\r\n# four\r\n'],
    ['right-to-left text', 'שלום עולם\n\n# مرحبا بالعالم\n\n\u202eevil\u202c'],
    ['emoji ZWJ sequences', '👩‍👩‍👧‍👦 family 🏳️‍🌈\n\n# 🧑🏽‍💻 title'],
  ])('%s: a result equal to a full render, inert', async (_name, text) => {
    const result = await renderOnce(text, uri);
    const html = result.blocks.map((block) => block.html).join('');
    expect(html).toBe(createMarkdown().render(text));
    expect(auditHtml(html)).toEqual([]);
    expect(result.degraded).toBeUndefined();
  });

  it('numbers lines as Monaco does when line ends are mixed', async () => {
    const result = await renderOnce('# one\r\n\r\n# two\r\r# three\n', uri);
    expect(result.outline.map((entry) => entry.line)).toEqual([0, 2, 4]);
  });
});
