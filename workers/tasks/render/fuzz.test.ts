import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../common/document.ts';
import { hostileDocument, hostileEdit, placeEdit } from '../text/test-arbitraries.ts';
import { createMarkdown, normalizeSource } from './markdown.ts';
import { auditHtml } from './test/html-audit.ts';
import { never, newRenderTask } from './test/task-harness.ts';

const reference = createMarkdown();

describe('render task under arbitrary input', () => {
  it('always answers with an inert preview equal to a full render, its lines in range', async () => {
    const task = await newRenderTask();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileDocument, fc.array(hostileEdit, { maxLength: 4 }), async (initial, edits) => {
        const uri = `untitled:fuzz-${++run}`;
        let text = initial;
        await task.open({ uri, version: 1, text, path: null }, never);
        for (const [index, edit] of edits.entries()) {
          const placed = placeEdit(text, edit);
          await task.change({ uri, version: index + 2, edits: [placed] }, never);
          text = applyEdits(text, [placed]);
        }
        const result = await task.render({ version: edits.length + 1 }, never);
        const html = result.blocks.map((block) => block.html).join('');
        expect(html).toBe(reference.render(text));
        expect(auditHtml(html)).toEqual([]);
        const lineCount = normalizeSource(text).split('\n').length;
        for (const block of result.blocks) expect(block.startLine >= 0 && block.startLine < block.endLine && block.endLine <= lineCount).toBe(true);
        for (const entry of result.outline) expect(entry.line).toBeLessThan(lineCount);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses malformed requests with INVALID_INPUT and keeps its document', async () => {
    const task = await newRenderTask();
    await task.open({ uri: 'untitled:x', version: 1, text: 'keep me', path: null }, never);
    const bad: unknown[] = [
      null, 42, 'change', {}, { uri: 'untitled:x', version: 2 }, { uri: 'untitled:x', version: 2, edits: [{ offset: -1, length: 0, text: '' }] },
      { uri: 'untitled:x', version: 2, edits: [{ offset: 0, length: 99, text: '' }] }, { uri: 'untitled:x', version: 2, edits: [{ offset: 0, length: 0, text: 5 }] },
      { uri: 'untitled:x', version: 1.5, edits: [] }, { uri: 'untitled:other', version: 2, edits: [] }, { uri: '', version: 2, edits: [] },
    ];
    for (const request of bad) await expect(task.change(request as never, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (const request of [null, {}, { version: 'one' }]) await expect(task.render(request as never, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.open({ uri: 'untitled:x', version: 1, text: 7, path: null } as never, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await task.render({ version: 1 }, never)).blocks.map((block) => block.html)).toEqual(['<p>keep me</p>\n']);
  });
});
