import { describe, expect, it } from 'vitest';
import { manualPort } from '../../../workers/common/fixtures/manual-port.ts';
import { gateEvents } from './event-gate.ts';

const event = (name: string, payload: unknown) => ({ type: 'event', name, payload });

describe('gateEvents', () => {
  it('passes everything through until held', () => {
    const inner = manualPort();
    const gate = gateEvents(inner.port);
    const seen: unknown[] = [];
    gate.port.listen((message) => seen.push(message));
    inner.receive(event('notice', 1));
    inner.receive({ type: 'result', id: 1, value: 'hello' });
    expect(seen).toEqual([event('notice', 1), { type: 'result', id: 1, value: 'hello' }]);
  });

  // Ordering and release are HeldQueue's (workers/common/held-queue.test.ts); this is what the gate
  // adds: only events wait, answers to calls pass at once.
  it('holds only events, lets answers pass, and delivers the events on release', () => {
    const inner = manualPort();
    const gate = gateEvents(inner.port);
    const seen: unknown[] = [];
    gate.port.listen((message) => seen.push(message));
    gate.hold();
    inner.receive(event('taskStatus', 'a'));
    inner.receive({ type: 'pong', id: 7 });
    expect(seen).toEqual([{ type: 'pong', id: 7 }]);
    gate.release();
    expect(seen).toEqual([{ type: 'pong', id: 7 }, event('taskStatus', 'a')]);
  });

  it('posts through to the inner port', () => {
    const inner = manualPort();
    const gate = gateEvents(inner.port);
    gate.port.post({ type: 'ping', id: 3 });
    expect(inner.posted).toEqual([{ type: 'ping', id: 3 }]);
  });
});
