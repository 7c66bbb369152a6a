/**
 * A least-recently-used cache bounded by entry count and by total weight (for string keys, their
 * length), built on Map's insertion order: a hit moves the entry to the back, eviction takes
 * from the front.
 */
export interface LruCacheOptions<K> {
  readonly maxEntries: number;
  readonly maxWeight: number;
  readonly weigh: (key: K) => number;
}

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly options: LruCacheOptions<K>;
  private weight = 0;

  constructor(options: LruCacheOptions<K>) {
    this.options = options;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    if (this.entries.delete(key)) this.weight -= this.options.weigh(key);
    const weight = this.options.weigh(key);
    // An entry heavier than the whole cache would only evict everything else, then itself.
    if (weight > this.options.maxWeight) return;
    this.entries.set(key, value);
    this.weight += weight;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries && this.weight <= this.options.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= this.options.weigh(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}
