/**
 * One-word edits of a 200 KB document, each rendered. Shared by the unit test (how many blocks
 * each render redid) and the timing test (the CPU each render took), so the two measure the same
 * work and only the timing project asserts on time.
 */
import { cpuTimeOf } from '../../../../test/fixtures/cpu-time.ts';
import type { RenderResult } from '../../../common/task-api.ts';
import { sampleDocument } from '../../text/sample-document.ts';
import { never, newRenderTask } from './task-harness.ts';

export interface RenderedEdits {
  readonly firstMs: number;
  readonly edits: readonly { readonly result: RenderResult; readonly cpuMs: number }[];
}

export async function renderOneWordEdits(uri: string, edits = 30): Promise<RenderedEdits> {
  const text = sampleDocument(200_000);
  const task = await newRenderTask();
  await task.open({ uri, version: 1, text, path: null }, never);
  const { cpuMs: firstMs } = await cpuTimeOf(() => task.render({ version: 1 }, never));
  const rendered: { result: RenderResult; cpuMs: number }[] = [];
  for (let version = 2; version <= edits + 1; version++) {
    const offset = text.indexOf(' the ', (version * 6151) % text.length) + 1;
    await task.change({ uri, version, edits: [{ offset, length: 3, text: version % 2 ? 'tha' : 'the' }] }, never);
    const { value: result, cpuMs } = await cpuTimeOf(() => task.render({ version }, never));
    rendered.push({ result, cpuMs });
  }
  return { firstMs, edits: rendered };
}
