/**
 * A first pass over an untrusted value, before any schema looks at it: bounded depth, a bounded
 * number of values, only plain objects and arrays, and no keys that reach for prototypes. It is
 * iterative, so a deeply nested or cyclic value cannot overflow the stack, and it stops at the
 * first problem, so a huge value costs at most `maxValues` steps.
 */

export interface StructureLimits {
  /** Containers nested inside each other; the top-level value counts as depth 1. */
  readonly maxDepth: number;
  /** Values visited in total (containers, keys' values and array items). */
  readonly maxValues: number;
}

/** Keys that could reach an object's prototype if some code merged or indexed with them. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function describePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the request';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

interface Pending {
  readonly value: unknown;
  readonly depth: number;
  readonly path: readonly (string | number)[];
}

/**
 * Returns why `value` is not acceptable structurally, or undefined when it is. Primitive leaves
 * are left to the schema; functions, symbols and bigints are refused here because no request
 * carries them.
 */
export function checkStructure(value: unknown, limits: StructureLimits): string | undefined {
  const stack: Pending[] = [{ value, depth: 1, path: [] }];
  let visited = 0;
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop() as Pending;
    visited += 1;
    if (visited > limits.maxValues) return `it has more than ${limits.maxValues} values`;
    if (typeof current === 'function' || typeof current === 'symbol' || typeof current === 'bigint') {
      return `${describePath(path)} is a ${typeof current}`;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limits.maxDepth) return `${describePath(path)} is nested deeper than ${limits.maxDepth} levels`;
    if (!isPlainContainer(current)) return `${describePath(path)} is not a plain object or array`;
    if (Array.isArray(current)) {
      if (current.length > limits.maxValues) return `${describePath(path)} has more than ${limits.maxValues} items`;
      for (let index = current.length - 1; index >= 0; index -= 1) {
        stack.push({ value: current[index] as unknown, depth: depth + 1, path: [...path, index] });
      }
      continue;
    }
    // Own keys only, including non-enumerable and symbol ones: a JSON-parsed `__proto__` is an
    // own property, and a symbol key has no business in a message.
    for (const key of Reflect.ownKeys(current)) {
      if (typeof key === 'symbol') return `${describePath(path)} has a symbol key`;
      if (POISONED_KEYS.has(key)) return `${describePath([...path, key])} is a forbidden key`;
      stack.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1, path: [...path, key] });
    }
  }
  return undefined;
}
