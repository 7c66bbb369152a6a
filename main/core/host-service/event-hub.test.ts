import { describe, expect, it } from 'vitest';
import type { HostEvents } from '../../../workers/common/host-api.ts';
import { EventHub } from './event-hub.ts';

type Sent = { name: keyof HostEvents; payload: unknown };

function recorder(): { sent: Sent[]; sink: <K extends keyof HostEvents>(name: K, payload: HostEvents[K]) => void } {
  const sent: Sent[] = [];
  return { sent, sink: (name, payload) => void sent.push({ name, payload }) };
}

const notice = (message: string) => ({ level: 'warning', message }) as const;

// Ordering and the bound itself are HeldQueue's (workers/common/held-queue.test.ts); these are
// what the hub decides: which events wait for a renderer, how many, and who is attached.
describe('EventHub', () => {
  it('keeps only notices for a renderer that has not attached, at most 20', () => {
    const hub = new EventHub();
    hub.emit('protocolError', { message: 'dropped: nobody to tell' });
    for (let index = 0; index < 25; index += 1) hub.emit('notice', notice(`n${index}`));
    const first = recorder();
    hub.attach(first.sink);
    expect(first.sent.map(({ name }) => name)).toEqual(Array.from({ length: 20 }, () => 'notice'));
    expect(first.sent.at(-1)).toEqual({ name: 'notice', payload: notice('n19') });
    hub.emit('protocolError', { message: 'sent' });
    expect(first.sent.at(-1)).toEqual({ name: 'protocolError', payload: { message: 'sent' } });
  });

  it('holds notices again after a detach, and a replaced sink detaching leaves the new one attached', () => {
    const hub = new EventHub();
    const first = recorder();
    const second = recorder();
    const detachFirst = hub.attach(first.sink);
    const detachSecond = hub.attach(second.sink);
    detachFirst();
    expect(hub.attached).toBe(true);
    hub.emit('notice', notice('to the second'));
    expect(second.sent).toEqual([{ name: 'notice', payload: notice('to the second') }]);
    detachSecond();
    expect(hub.attached).toBe(false);
    hub.emit('notice', notice('waits'));
    const third = recorder();
    hub.attach(third.sink);
    expect(third.sent).toEqual([{ name: 'notice', payload: notice('waits') }]);
    expect(first.sent).toEqual([]);
  });

  it('says the state may have changed after a state event, attached or not', () => {
    const hub = new EventHub();
    let changes = 0;
    hub.onStateChange(() => (changes += 1));
    hub.emit('isolation', {} as HostEvents['isolation']);
    hub.emit('notice', notice('not a state event'));
    expect(changes).toBe(1);
  });
});
