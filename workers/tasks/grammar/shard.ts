/**
 * Which units of a document a replica of a grammar pool lints. The units a check plans are cut,
 * in document order, into `count` contiguous runs of about equal text length, and replica
 * `index` lints run `index`. Every replica holds the same text and plans the same units, so the
 * runs cover each unit exactly once without the replicas talking to each other.
 *
 * Why by length and contiguous, rather than by a hash of each paragraph's text: harper's cost
 * follows the text's length, so equal lengths are equal work and the pool finishes when its
 * slowest replica does; a hash deals paragraphs by luck, and the replica that drew more text
 * keeps the others waiting. Contiguous runs also keep a paragraph with its replica's lint cache
 * across edits: a small edit moves a run's border by half its length, so at most the paragraph
 * at a border changes hands (a large paste moves more, once). Nothing here hashes or copies text:
 * a share is found from the units' offsets alone.
 */
import type { GrammarShard } from '../../common/task-api.ts';

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The share of `units` that `shard` lints (all of them without a shard), kept in the order of
 * `units` (a check's plan lists visible units first). Overlapping units are not expected: a
 * plan's units never overlap.
 */
export function shareOf<U extends Span>(units: readonly U[], shard: GrammarShard | undefined): U[] {
  if (shard === undefined || shard.count <= 1) return [...units];
  const owner = ownersByLength(units, shard.count);
  return units.filter((unit) => owner.get(unit) === shard.index);
}

/**
 * Each unit's run: a unit belongs to the run its middle falls into, counting text length in
 * document order, so no run is more than half a unit longer or shorter than its equal part.
 */
export function ownersByLength<U extends Span>(units: readonly U[], count: number): Map<U, number> {
  const ordered = [...units].sort((a, b) => a.start - b.start);
  const total = ordered.reduce((sum, unit) => sum + (unit.end - unit.start), 0);
  const owner = new Map<U, number>();
  let before = 0;
  for (const unit of ordered) {
    const length = unit.end - unit.start;
    const middle = before + length / 2;
    owner.set(unit, total === 0 ? 0 : Math.min(count - 1, Math.floor((middle * count) / total)));
    before += length;
  }
  return owner;
}
