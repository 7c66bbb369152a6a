/**
 * Failures the reliability fuzzers found, shrunk and kept as fixed cases. A case for a bug that
 * is not fixed yet is `it.fails`: it turns red the day the fix lands, and then becomes a plain
 * `it` here. Each names the fuzz target and counterexample it came from.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/core/files/workspace.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { documentStats } from '../../workers/common/document.ts';
import { createTask as createRender } from '../../workers/tasks/render/index.ts';
import { fiveMegabyteLine } from './fuzz/arbitraries.ts';
import { NEVER } from './support/real-core.ts';

/**
 * Found by "render API, 5 MB lines" (counterexample [2, 0]: a 5 MB run of one letter with an
 * emoji put in front). In a string that holds any character beyond Latin-1, V8 runs the `u`-flag
 * word pattern `[\p{L}\p{N}]+` with one backtrack entry per letter, and a word of about 4.19 M
 * letters overflows its regexp stack: "RangeError: Maximum call stack size exceeded".
 */
const LONG_WORD = 4_300_000;
const withLongWord = `€ ${'a'.repeat(LONG_WORD)}`;

describe('a word of millions of letters in a text that is not all Latin-1', () => {
  it('is counted by documentStats (workers/common/document.ts)', () => {
    // '€' is a currency sign, not a letter: the text holds one word.
    expect(documentStats(withLongWord)).toEqual({ lines: 1, words: 1, characters: LONG_WORD + 2 });
  });

  it('is rendered by the render task (render/block-stats.ts countWords)', async () => {
    const render = await createRender({
      init: { task: 'render', dataDir: '/nonexistent', assets: { harperWasm: '', dictionaryAff: '', dictionaryDic: '' }, settings: { ignoredRules: [] } },
      emit: () => undefined,
      log: () => undefined,
    });
    const text = `\u200d👩‍👩‍👧 x\r\n${fiveMegabyteLine(2).slice(1)}`;
    await render.open({ uri: 'untitled:long-word', version: 1, text, path: null }, NEVER);
    await expect(render.render({ version: 1 }, NEVER)).resolves.toMatchObject({ version: 1 });
  });

  describe('in the host core', () => {
    let root: string;
    let core: HostCore;
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'forkpad-long-word-'));
      await mkdir(join(root, 'workspace'));
      await writeFile(join(root, 'workspace', 'blob.txt'), withLongWord);
      core = await createHostCore({ platform: 'web', dataDir: join(root, 'data'), files: await Workspace.open(join(root, 'workspace')), log: () => undefined });
    });
    afterAll(async () => {
      await core.dispose();
      await rm(root, { recursive: true, force: true });
    });

    // Open once threw the RangeError after the mirror had already taken the file's text: the host
    // then edited a document the renderer never received. The mirror now counts before it takes.
    it('opens such a file, or refuses it clearly and keeps the open document', async () => {
      const before = { uri: core.session.uri, text: core.session.text };
      const opened = await Promise.resolve()
        .then(() => core.api.open({ path: 'blob.txt' }, NEVER))
        .then(
          (document) => ({ document }),
          (error: unknown) => ({ error: error as { code?: string } }),
        );
      if ('document' in opened) expect(core.session.text).toBe(withLongWord);
      else {
        expect(opened.error.code).toMatch(/^(TOO_LARGE|INVALID_INPUT)$/);
        expect({ uri: core.session.uri, text: core.session.text }).toEqual(before);
      }
    });

    // Every keystroke after the word passed ~4.19 M letters was once answered with the RangeError
    // (the first one after the mirror applied it), so the editor could no longer type.
    it('keeps answering keystrokes while the word grows past 4.19 M letters', async () => {
      await core.api.resync({ uri: core.session.uri, version: core.session.version + 1, text: `€ ${'a'.repeat(4_180_000)}` }, NEVER);
      for (let key = 0; key < 3; key += 1) {
        const version = core.session.version + 1;
        const answer = await core.api.change({ uri: core.session.uri, version, edits: [{ offset: core.session.text.length, length: 0, text: 'a'.repeat(10_000) }], keys: [] }, NEVER);
        expect(answer.version).toBe(version);
      }
    });
  });
});
