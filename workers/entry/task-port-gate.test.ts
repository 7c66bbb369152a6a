import { describe, expect, it } from 'vitest';
import { manualPort } from '../common/fixtures/manual-port.ts';
import { gatePort } from './task-port-gate.ts';

const call = (id: number, method: string) => ({ type: 'call', id, method, request: null });

// Ordering, release and drop-on-close are HeldQueue's (workers/common/held-queue.test.ts); these
// are what the gate adds around it.
describe('gatePort', () => {
  it('answers calls to the task before start with NOT_STARTED, and passes control calls', () => {
    const inner = manualPort();
    const gate = gatePort(inner.port, () => '[render thread tid=7]');
    const seen: unknown[] = [];
    gate.port.listen((message) => seen.push(message));
    inner.receive(call(1, 'render'));
    inner.receive(call(2, 'noop'));
    expect(seen).toEqual([call(2, 'noop')]);
    expect(inner.posted).toMatchObject([{ type: 'error', id: 1, error: { code: 'NOT_STARTED', message: '[render thread tid=7] cannot answer render: the task has not started (call start first)' } }]);
    gate.open();
    inner.receive(call(3, 'render'));
    expect(seen).toEqual([call(2, 'noop'), call(3, 'render')]);
  });

  it('judges a held call when it is released, so a start held before it lets it through', () => {
    const inner = manualPort();
    const gate = gatePort(inner.port, () => '[render inline]');
    const seen: unknown[] = [];
    gate.port.listen((message) => seen.push(message));
    gate.hold();
    inner.receive(call(1, 'render'));
    gate.open();
    gate.release();
    expect(seen).toEqual([call(1, 'render')]);
    expect(inner.posted).toEqual([]);
  });

  it('drops messages nobody listens for, and posts nothing once closed', () => {
    const inner = manualPort();
    const gate = gatePort(inner.port, () => '[render inline]');
    gate.open();
    inner.receive(call(1, 'render'));
    const seen: unknown[] = [];
    gate.port.listen((message) => seen.push(message));
    expect(seen).toEqual([]);
    gate.close();
    inner.receive(call(2, 'render'));
    gate.port.post({ type: 'event', name: 'log', payload: 'late' });
    expect(seen).toEqual([]);
    expect(inner.posted).toEqual([]);
  });
});
