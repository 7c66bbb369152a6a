/**
 * Fuzz targets below the tasks: edit application (the one function every mirror runs), the
 * journal reader given a valid journal with an arbitrary torn tail, and the file reader on
 * arbitrary bytes from disk. Each either answers exactly or refuses with a clear error.
 */
import { strict as assert } from 'node:assert';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyEdits, type TextEdit } from '../../../workers/common/document.ts';
import { decodeTextFile, readTextFile } from '../../../main/core/files/text-file.ts';
import { encodeJournal, readJournal, stateAt, type ChangeRecord } from '../../../workers/tasks/keystroke/journal-format.ts';
import { badCount, editSeed, hostileText, placeSeed } from './arbitraries.ts';
import { timed } from './case-clock.ts';
import { CLEAR_CODES, scratchFolder } from './task-adapters.ts';
import type { TargetFactory } from './targets.ts';

/** The reference: splice UTF-16 units, last edit first, on an array (not on strings). */
function splice(text: string, edits: readonly TextEdit[]): string {
  const units = [...Array(text.length).keys()].map((index) => text[index] ?? '');
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) units.splice(edit.offset, edit.length, edit.text);
  return units.join('');
}

/** Non-overlapping edits of one change, as Monaco sends them. */
function disjoint(text: string, seeds: readonly { at: number; span: number; text: string }[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let floor = 0;
  for (const seed of [...seeds].sort((a, b) => a.at - b.at)) {
    const placed = placeSeed(text, seed);
    if (placed.offset < floor) continue;
    edits.push(placed);
    floor = placed.offset + placed.length + 1;
  }
  return edits;
}

const badEdit = fc.oneof(
  fc.record({ offset: badCount, length: fc.constant(0), text: fc.constant('') }),
  fc.record({ offset: fc.constant(0), length: badCount, text: fc.constant('') }),
  fc.record({ offset: fc.nat(), length: fc.nat(), text: fc.constant('x') }).map((edit) => ({ ...edit, offset: edit.offset + 1_000_000 })),
);

const applyEditsTarget: TargetFactory = () =>
  Promise.resolve({
  property: fc.asyncProperty(
    fc.record({ text: hostileText, seeds: fc.array(editSeed, { maxLength: 5 }), bad: fc.option(badEdit, { freq: 3 }) }),
    timed(({ text, seeds, bad }: { text: string; seeds: { at: number; span: number; text: string }[]; bad: unknown }) => {
      const edits = disjoint(text, seeds);
      if (bad === null) {
        assert.equal(applyEdits(text, edits), splice(text, edits));
        return;
      }
      const all = [...edits, bad as TextEdit];
      let outcome: unknown;
      try {
        outcome = applyEdits(text, all);
      } catch (error) {
        assert.ok(CLEAR_CODES.has((error as { code?: string }).code ?? ''), `not a clear error: ${String(error)}`);
        return;
      }
      assert.fail(`applied a bad edit ${JSON.stringify(bad)} and returned ${JSON.stringify(outcome).slice(0, 80)}`);
    }),
  ),
  dispose: () => Promise.resolve(),
});

const journalTailTarget: TargetFactory = () =>
  Promise.resolve({
  property: fc.asyncProperty(
    fc.record({ base: hostileText, steps: fc.array(fc.array(editSeed, { maxLength: 2 }), { maxLength: 6 }), tail: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    timed(({ base, steps, tail }: { base: string; steps: { at: number; span: number; text: string }[][]; tail: Uint8Array }) => {
      const changes: ChangeRecord[] = [];
      let text = base;
      for (const [index, seeds] of steps.entries()) {
        const edits = disjoint(text, seeds);
        text = splice(text, edits);
        changes.push({ t: 'change', version: index + 2, edits });
      }
      const intact = encodeJournal({ t: 'base', uri: 'untitled:j', path: null, version: 1, text: base, dirty: true }, changes);
      const read = readJournal(Buffer.concat([intact, tail]));
      // Garbage after the last record is a torn tail: everything before it reads back exactly.
      assert.ok(read.validBytes >= intact.length, 'a torn tail cost an intact record');
      assert.equal(stateAt(read.base, read.changes, 1 + steps.length), text);
      if (read.validBytes === intact.length) assert.equal(read.tornBytes, tail.length);
    }),
  ),
  dispose: () => Promise.resolve(),
});

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  hostileText.map((text) => new TextEncoder().encode(text)),
  fc.tuple(fc.constantFrom([...UTF8_BOM], [0xff, 0xfe], [0xfe, 0xff], [0xc0, 0xae], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]), hostileText).map(
    ([prefix, text]) => Uint8Array.from([...prefix, ...new TextEncoder().encode(text)]),
  ),
);

const fileReaderTarget: TargetFactory = async () => {
  const folder = await scratchFolder();
  const file = join(folder, 'fuzz.txt');
  return {
    property: fc.asyncProperty(fileBytes, timed(async (bytes: Uint8Array) => {
      await writeFile(file, bytes);
      let read;
      try {
        read = await readTextFile(file, 'fuzz.txt');
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'BINARY_FILE') {
          const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
          assert.ok(utf16 || bytes.includes(0), 'called binary a file with no NUL and no UTF-16 mark');
        } else {
          assert.equal(code, 'NOT_UTF8', `not a clear error: ${String(error)}`);
          assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'refused as not UTF-8 a file a strict decoder reads');
        }
        return;
      }
      const bom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
      assert.equal(read.bom, bom);
      assert.equal(read.text, new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes));
      assert.deepEqual(decodeTextFile(bytes, 'fuzz.txt'), read);
    })),
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
};

export const coreTargets: Readonly<Record<string, TargetFactory>> = {
  'edit application': applyEditsTarget,
  'journal reader, torn tails': journalTailTarget,
  'file reader': fileReaderTarget,
};
