/** Render loaded through the real entry points gives identical results under every host kind. */
import { afterEach, describe, expect, it } from 'vitest';
import { HOST_KINDS, type HostKind } from '../../common/tasks.ts';
import { startHosted, type HostedTask } from '../grammar/fixtures/task-hosts.ts';
import { DICTIONARY_ASSETS, temporaryDataDir } from '../spellcheck/test/task-harness.ts';
import { sampleDocument } from '../text/sample-document.ts';
import { createMarkdown } from './markdown.ts';

const running: HostedTask<'render'>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((hosted) => hosted.stop()));
});

const uri = 'file:///preview.md';
const TEXT = `# Title 👩‍👩‍👧\r\n\r\n[x](javascript:alert(1)) <script>alert(1)</script>\n\n${sampleDocument(5_000, 7)}`;

async function runUnder(kind: HostKind) {
  const hosted = await startHosted(kind, { task: 'render', dataDir: await temporaryDataDir(), assets: DICTIONARY_ASSETS, settings: { ignoredRules: [] } });
  running.push(hosted);
  const { api } = hosted.client;
  await api.open({ uri, version: 1, text: TEXT, path: null });
  const first = await api.render({ version: 1 });
  await api.change({ uri, version: 2, edits: [{ offset: 2, length: 5, text: 'Heading' }] });
  const second = await api.render({ version: 2 });
  await hosted.stop();
  return { first, second };
}

describe('render under every host kind', () => {
  it('answers the same inline, in a thread and in a process', async () => {
    const results = [];
    for (const kind of HOST_KINDS) results.push(await runUnder(kind));
    const [inline] = results;
    expect(inline?.first.blocks.map((block) => block.html).join('')).toBe(createMarkdown().render(TEXT));
    expect(inline?.second).toMatchObject({ version: 2, renderedBlocks: 1 });
    expect(inline?.second.outline[0]).toEqual({ level: 1, text: 'Heading 👩‍👩‍👧', line: 0 });
    for (const result of results) expect(result).toEqual(inline);
  }, 60_000);
});
