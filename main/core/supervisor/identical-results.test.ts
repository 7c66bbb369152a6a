import { afterEach, describe, expect, it } from 'vitest';
import { HOST_KINDS, type IsolationModel } from '../../../workers/common/tasks.ts';
import { createProbeSupervisor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

const EDITS = [
  [{ offset: 0, length: 0, text: 'The quick brown fox\n' }],
  [{ offset: 4, length: 5, text: 'slow' }],
  [{ offset: 19, length: 0, text: 'jumps over the lazy dog.\nÜnïcödé 😀 words' }],
  [{ offset: 0, length: 3, text: '' }, { offset: 10, length: 0, text: ' and red' }],
];

async function runUnder(kind: (typeof HOST_KINDS)[number]) {
  current = createProbeSupervisor();
  const { supervisor, mirror, probe } = current;
  const model: IsolationModel = { keystroke: kind, render: kind, spellcheck: kind, grammar: kind };
  await supervisor.start(model);
  const api = probe('spellcheck');
  for (const edits of EDITS) await api.change(mirror.edit(edits));
  const summary = await api.summary(null);
  const sum = await api.add({ a: 0.1, b: 0.2 });
  const echoed = await api.echo('x'.repeat(100_000));
  const who = await api.whoami(null);
  const status = supervisor.status().find((entry) => entry.task === 'spellcheck');
  await supervisor.dispose();
  current = undefined;
  return { summary, sum, echoedLength: echoed.length, task: who.task, pid: who.pid, status };
}

describe('one task module under every host kind', () => {
  it('returns identical results inline, in a thread and in a process', async () => {
    const inline = await runUnder('inline');
    const thread = await runUnder('thread');
    const process_ = await runUnder('process');
    const strip = ({ summary, sum, echoedLength, task }: typeof inline) => ({ summary, sum, echoedLength, task });
    expect(strip(thread)).toEqual(strip(inline));
    expect(strip(process_)).toEqual(strip(inline));
    expect(inline.summary.version).toBe(5);
    expect(inline.summary.applied).toBe(4);
    // Where it ran differs, and is reported truthfully.
    expect(inline.pid).toBe(process.pid);
    expect(thread.pid).toBe(process.pid);
    expect(process_.pid).not.toBe(process.pid);
    for (const run of [inline, thread, process_]) expect(run.status).toMatchObject({ state: 'ready', restarts: 0, lastError: null });
  });
});
