/**
 * Which replica of a grammar pool lints a unit of text. The choice is a hash of the unit's text
 * alone (FNV-1a over its UTF-16 units), not of its position: a paragraph that moves because text
 * above it changed keeps its replica, so that replica's lint cache still answers for it.
 */
import type { GrammarShard } from '../../common/task-api.ts';

/** The shard index, 0..count-1, that lints `text`. */
export function shardOf(text: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

/** Whether `shard` (or no shard: the whole document) lints `text`. */
export function inShard(text: string, shard: GrammarShard | undefined): boolean {
  return shard === undefined || shard.count === 1 || shardOf(text, shard.count) === shard.index;
}
