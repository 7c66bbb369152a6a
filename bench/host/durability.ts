/**
 * Scenario 4: typing at a steady 15 keys/s into the open document through the session, each
 * key with its key event, as the renderer sends them; the time from each edit to the keystroke
 * task's durable acknowledgement that covers it.
 */
import { ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { summarize } from '../stats.ts';
import type { BenchHost } from './bench-host.ts';

const KEYS_PER_SECOND = 15;
const LAST_ACK_TIMEOUT_MS = 10_000;
const TYPED = 'the quick brown fox jumps over the lazy dog and keeps on typing ';

function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
}

export async function measureDurability(host: BenchHost, column: string, keys: number): Promise<Measurement[]> {
  const { session } = host.core;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let durable = -1;
  const off = host.events.on('durable', (payload, at) => {
    if (payload.uri !== session.uri) return;
    for (const [version, sent] of sentAt) {
      if (version <= payload.version) {
        latencies.push(at - sent);
        sentAt.delete(version);
      }
    }
    durable = Math.max(durable, payload.version);
  });
  // Typing into the middle of the document, where a person would be editing.
  let offset = session.text.indexOf('\n\n', Math.floor(session.text.length / 2));
  const start = performance.now();
  try {
    for (let key = 0; key < keys; key++) {
      await sleepUntil(start + (key * 1000) / KEYS_PER_SECOND);
      const version = session.version + 1;
      sentAt.set(version, performance.now());
      session.change({ uri: session.uri, version, edits: [{ offset, length: 0, text: TYPED[key % TYPED.length] ?? 'x' }], keys: [{ kind: 'character', at: Date.now() }] });
      offset += 1;
    }
    const last = session.version;
    await host.events.when('durable', (payload) => payload.uri === session.uri && payload.version >= last, start, LAST_ACK_TIMEOUT_MS);
  } finally {
    off();
  }
  const summary = summarize(latencies);
  const unacknowledged = keys - latencies.length;
  return [
    {
      scenario: 4,
      row: ROWS.durableP95,
      column,
      value: unacknowledged === 0 ? summary.p95 : null,
      unit: 'ms',
      summary,
      note: unacknowledged === 0 ? `${keys} keys at ${KEYS_PER_SECOND}/s` : `${unacknowledged} of ${keys} keys were never acknowledged`,
    },
    { scenario: 4, row: 'edit → durable ack median', column, value: summary.p50, unit: 'ms' },
  ];
}
