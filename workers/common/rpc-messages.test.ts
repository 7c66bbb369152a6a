import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRpcMessage, type RpcMessage } from './rpc-messages.ts';

const id = fc.nat();
const wellFormed: fc.Arbitrary<RpcMessage> = fc.oneof(
  fc.record({ type: fc.constant('call' as const), id, method: fc.string({ maxLength: 64 }), request: fc.jsonValue() }),
  fc.record({ type: fc.constant('cancel' as const), id }),
  fc.record({ type: fc.constant('result' as const), id, value: fc.jsonValue() }),
  fc.record({
    type: fc.constant('error' as const),
    id,
    error: fc.record({ name: fc.string(), message: fc.string({ unit: 'binary' }) }),
  }),
  fc.record({ type: fc.constant('event' as const), name: fc.string(), payload: fc.jsonValue() }),
  fc.record({ type: fc.constantFrom('ping' as const, 'pong' as const), id }),
);

describe('decodeRpcMessage', () => {
  it('never throws on arbitrary input, and says why it refuses', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withMap: true }), (value) => {
        const decoded = decodeRpcMessage(value);
        if ('invalid' in decoded) expect(decoded.invalid.length).toBeGreaterThan(0);
        else expect(['call', 'cancel', 'result', 'error', 'event', 'ping', 'pong']).toContain(decoded.type);
      }),
      { numRuns: 10_000 },
    );
  });

  it('accepts every well-formed message unchanged in meaning', () => {
    fc.assert(
      fc.property(wellFormed, (message) => {
        expect(decodeRpcMessage(message)).toEqual(message);
      }),
      { numRuns: 10_000 },
    );
  });

  it('refuses hostile shapes with a reason', () => {
    const hostile: unknown[] = [
      JSON.parse('{"__proto__": {"type": "call"}, "id": 1}'),
      { type: 'call', id: 1.5, method: 'x' },
      { type: 'call', id: Number.MAX_SAFE_INTEGER + 2, method: 'x' },
      { type: 'call', id: 1, method: 'x'.repeat(65) },
      { type: 'error', id: 1, error: { name: 1 } },
      { type: 'constructor', id: 1 },
      [],
      null,
      'call',
    ];
    for (const value of hostile) expect(decodeRpcMessage(value)).toHaveProperty('invalid');
  });
});
