/**
 * The shared document never shows a reader a torn text. A writer thread applies random changes
 * (inserts, deletes, replaces; line breaks, astral characters, lone surrogates; big pastes that
 * grow the buffers) while two reader threads read it in validated sections as fast as they can.
 * Every read a reader kept must be exactly the text of the version it names, with a line index
 * that agrees with that text. 10,000 cases; every 50th starts on fresh buffers that are almost
 * empty, so the growth of both buffers is raced too, and the rest reset the one before (a new
 * generation of the document, as opening another file does).
 */
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, ReaderMessage, WriterMessage } from '../../../test/fixtures/shared-document-worker.ts';
import { applyEdits, type DocumentChange, type TextEdit } from '../document.ts';
import { hashUnits } from './document-reader.ts';
import { createDocumentBuffers } from './layout.ts';

const CASES = Number(process.env.FORKPAD_SHARED_DOCUMENT_CASES ?? 10_000);
/** Fresh buffers every this many cases: each reserves its maximum size in address space, so not one per case. */
const CASES_PER_BUFFERS = 50;
const WORKER = new URL('../../../test/fixtures/shared-document-worker.ts', import.meta.url);

let writer: Worker;
let readers: Worker[];

function answer<T>(worker: Worker, send: WriterMessage | ReaderMessage): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('message', (message: T) => {
      worker.off('error', onError);
      resolve(message);
    });
    worker.once('error', onError);
    worker.postMessage(send);
  });
}

beforeAll(() => {
  writer = new Worker(WORKER, { workerData: { role: 'writer' } });
  readers = [0, 1].map(() => new Worker(WORKER, { workerData: { role: 'reader' } }));
});

afterAll(async () => {
  await Promise.all([writer, ...readers].map((worker) => worker.terminate()));
});

/** Text an edit inserts: small and odd, or now and then a paste big enough to grow the buffers. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', ' ', '\n', 'é') },
  { weight: 1, arbitrary: fc.constantFrom('😀', '\r\n', '\uD800', '\uDC00', '\u0000') },
);
const insert = fc.oneof(
  { weight: 40, arbitrary: fc.array(unit, { maxLength: 12 }).map((units) => units.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.array(unit, { minLength: 1, maxLength: 4 }), fc.integer({ min: 100, max: 3_000 })).map(([units, times]) => units.join('').repeat(times)) },
);
/** An edit as fractions of the text it applies to, so it is valid whatever the text's length. */
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), span: fc.double({ min: 0, max: 1, noNaN: true }), text: insert });
const scenario = fc.record({ initial: insert, changes: fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }) });

/** Non-overlapping edits for `text`: each fraction pair placed in its own slice of the text. */
function editsFor(text: string, wanted: readonly { at: number; span: number; text: string }[]): TextEdit[] {
  const share = text.length / wanted.length;
  return wanted.map((item, index) => {
    const from = Math.floor(index * share);
    const room = Math.floor((index + 1) * share) - from;
    const offset = from + Math.floor(item.at * room);
    return { offset, length: Math.floor(item.span * Math.min(room - (offset - from), 40)), text: item.text };
  });
}

describe('the shared document under a writer thread and reader threads', () => {
  it(`never lets a reader see a torn text or line index (${CASES} cases)`, async () => {
    let observed = 0;
    let between = 0;
    let caseId = 0;
    let buffers = createDocumentBuffers(8, 4);
    let before: [generation: number, version: number, hash: number] = [0, 0, hashUnits('')];
    await fc.assert(
      fc.asyncProperty(scenario, async ({ initial, changes }) => {
        caseId += 1;
        const uri = `file:///case-${caseId}.md`;
        const expected = new Map<number, number>([[1, hashUnits(initial)]]);
        let text = initial;
        const sent: DocumentChange[] = changes.map((wanted, index) => {
          const edits = editsFor(text, wanted);
          text = applyEdits(text, edits);
          expected.set(index + 2, hashUnits(text));
          return { uri, version: index + 2, edits };
        });
        if (caseId % CASES_PER_BUFFERS === 1) {
          buffers = createDocumentBuffers(8, 4);
          before = [0, 0, hashUnits('')];
        }
        await Promise.all(readers.map((reader) => answer(reader, { type: 'attach', caseId, buffers })));
        const done = await answer<{ generation: number; version: number; text: string }>(writer, { type: 'case', caseId, buffers, snapshot: { uri, version: 1, text: initial }, changes: sent });
        expect(done.text).toBe(text);
        const flushed = await Promise.all(readers.map((reader) => answer<{ observations: Observation[] }>(reader, { type: 'flush' })));
        for (const observation of flushed.flatMap((batch) => batch.observations).filter((item) => item.caseId === caseId)) {
          if (observation.generation !== done.generation) {
            // Read before this case's first write: the state the last case left (or fresh buffers' empty one).
            expect([observation.generation, observation.version, observation.hash]).toEqual(before);
            continue;
          }
          expect(observation.generation).toBe(done.generation);
          expect(observation.hash, `version ${observation.version}`).toBe(expected.get(observation.version));
          expect(observation.lineError).toBeNull();
          observed += 1;
          if (observation.version > 1 && observation.version < sent.length + 1) between += 1;
        }
        before = [done.generation, done.version, hashUnits(text)];
      }),
      { numRuns: CASES, endOnFailure: process.env.FORKPAD_SHRINK === undefined },
    );
    // The property is only as strong as the reads made: many, and some between a case's first and last version.
    console.log(`[shared document] ${observed} validated reads over ${CASES} cases, ${between} of them of a version between the first and the last`);
    expect(observed).toBeGreaterThan(CASES);
    expect(between).toBeGreaterThan(0);
  }, 600_000);
});
