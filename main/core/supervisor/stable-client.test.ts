import { afterEach, describe, expect, it } from 'vitest';
import { createProbeSupervisor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

describe('stable client', () => {
  it('times out and cancels a call, wherever it waits', async () => {
    current = createProbeSupervisor();
    await current.supervisor.start({ keystroke: 'inline', render: 'thread', spellcheck: 'inline', grammar: 'inline' });
    await expect(current.probe().add({ a: 1, b: 1, delayMs: 1_000 }, { timeoutMs: 50 })).rejects.toMatchObject({ code: 'TIMEOUT', message: 'Call render add timed out after 50 ms' });
    const controller = new AbortController();
    const cancelled = current.probe().add({ a: 1, b: 1, delayMs: 1_000 }, { signal: controller.signal });
    controller.abort('superseded');
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(current.probe().add({ a: 1, b: 1 })).resolves.toBe(2);
  });

  it('holds calls until the first host is ready, and refuses methods the supervisor manages', async () => {
    current = createProbeSupervisor();
    const early = current.probe().add({ a: 4, b: 5 });
    await current.supervisor.start({ keystroke: 'inline', render: 'process', spellcheck: 'inline', grammar: 'inline' });
    await expect(early).resolves.toBe(9);
    await expect(current.probe().start({} as never)).rejects.toThrow(/render start is managed by the supervisor/);
    const untyped = current.supervisor.client('render') as unknown as { nope: (request: null) => Promise<unknown> };
    await expect(untyped.nope(null)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('forwards task events and log lines under the host label', async () => {
    current = createProbeSupervisor();
    await current.supervisor.start({ keystroke: 'inline', render: 'process', spellcheck: 'inline', grammar: 'inline' });
    const heard: unknown[] = [];
    current.supervisor.on('render', 'shout' as never, (payload) => heard.push(payload));
    await current.probe().shout({ text: 'hello' });
    await expect.poll(() => heard).toEqual(['hello']);
    expect(current.logs.some((line) => /^\[render process pid=\d+\] shouted hello$/.test(line))).toBe(true);
  });
});
