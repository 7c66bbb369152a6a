import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeldQueue } from './held-queue.ts';

describe('HeldQueue', () => {
  it('holds items until the target is ready, delivers them in order, then passes later ones at once', () => {
    const queue = new HeldQueue<number>();
    const seen: number[] = [];
    queue.push(1);
    queue.push(2);
    expect(queue.size).toBe(2);
    queue.open((item) => seen.push(item));
    expect(seen).toEqual([1, 2]);
    expect(queue.size).toBe(0);
    queue.push(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('holds again after hold, and delivers to the newest target on the next open', () => {
    const queue = new HeldQueue<string>();
    const first: string[] = [];
    const second: string[] = [];
    queue.open((item) => first.push(item));
    queue.push('a');
    queue.hold();
    queue.push('b');
    expect(first).toEqual(['a']);
    queue.open((item) => second.push(item));
    expect(second).toEqual(['b']);
    expect(first).toEqual(['a']);
  });

  it('keeps arrival order across any interleaving of holds and opens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('push', 'hold', 'open'), { maxLength: 60 }), (steps) => {
        const queue = new HeldQueue<number>();
        const seen: number[] = [];
        let pushed = 0;
        for (const step of steps) {
          if (step === 'push') queue.push(pushed++);
          else if (step === 'hold') queue.hold();
          else queue.open((item) => seen.push(item));
        }
        queue.open((item) => seen.push(item));
        expect(seen).toEqual(Array.from({ length: pushed }, (_, index) => index));
      }),
    );
  });

  it('delivers an item the target pushes while held ones are delivered after them', () => {
    const queue = new HeldQueue<string>();
    const seen: string[] = [];
    queue.push('a');
    queue.push('b');
    queue.open((item) => {
      seen.push(item);
      if (item === 'a') queue.push('pushed by a');
    });
    expect(seen).toEqual(['a', 'b', 'pushed by a']);
  });

  it('stops delivering when the target holds the queue, keeping the rest in order', () => {
    const queue = new HeldQueue<string>();
    const seen: string[] = [];
    for (const item of ['a', 'hang', 'b', 'c']) queue.push(item);
    const target = (item: string) => {
      seen.push(item);
      if (item === 'hang') queue.hold();
    };
    queue.open(target);
    expect(seen).toEqual(['a', 'hang']);
    queue.push('d');
    queue.open(target);
    expect(seen).toEqual(['a', 'hang', 'b', 'c', 'd']);
  });

  it('drops what it holds on close, and everything pushed or opened after', () => {
    const queue = new HeldQueue<number>();
    const seen: number[] = [];
    queue.push(1);
    queue.close();
    expect(queue.closed).toBe(true);
    expect(queue.size).toBe(0);
    queue.push(2);
    queue.open((item) => seen.push(item));
    queue.push(3);
    expect(seen).toEqual([]);
    expect(queue.size).toBe(0);
  });

  it('stops passing items to an open target once closed', () => {
    const queue = new HeldQueue<number>();
    const seen: number[] = [];
    queue.open((item) => seen.push(item));
    queue.push(1);
    queue.close();
    queue.push(2);
    expect(seen).toEqual([1]);
  });

  it('keeps the oldest items up to its limit and drops later ones while held', () => {
    const queue = new HeldQueue<number>({ limit: 2 });
    const seen: number[] = [];
    for (const item of [1, 2, 3]) queue.push(item);
    expect(queue.size).toBe(2);
    queue.open((item) => seen.push(item));
    for (const item of [4, 5, 6]) queue.push(item);
    expect(seen).toEqual([1, 2, 4, 5, 6]);
  });

  it('with a limit of 0 holds nothing, and passes items only once the target is ready', () => {
    const queue = new HeldQueue<string>({ limit: 0 });
    const seen: string[] = [];
    queue.push('before');
    queue.open((item) => seen.push(item));
    queue.push('after');
    expect(seen).toEqual(['after']);
  });

  it('keeps held items ascending by orderBy, ties in arrival order', () => {
    const queue = new HeldQueue<{ seq: number; name: string }>({ orderBy: (item) => item.seq });
    queue.push({ seq: 3, name: 'c' });
    queue.push({ seq: 5, name: 'e' });
    queue.push({ seq: 1, name: 'sent again' });
    queue.push({ seq: 3, name: 'c too' });
    expect(queue.drain().map((item) => item.name)).toEqual(['sent again', 'c', 'c too', 'e']);
  });

  it('drains the held items in order, for a caller that rejects them, and removes one on request', () => {
    const queue = new HeldQueue<string>();
    for (const item of ['a', 'b', 'c']) queue.push(item);
    expect(queue.remove('b')).toBe(true);
    expect(queue.remove('b')).toBe(false);
    expect(queue.drain()).toEqual(['a', 'c']);
    expect(queue.size).toBe(0);
    expect(queue.closed).toBe(false);
    const seen: string[] = [];
    queue.open((item) => seen.push(item));
    queue.push('d');
    expect(seen).toEqual(['d']);
  });
});
