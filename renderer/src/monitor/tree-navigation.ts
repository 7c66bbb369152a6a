/**
 * Keyboard movement in the monitor's treegrid (the WAI-ARIA treegrid pattern, row focus): which
 * row a key moves to, and which row a key expands or collapses. Pure, over the rows' keys and
 * parents in display order, so it is tested without a DOM; the table only applies the answer.
 */

export interface TreeRow {
  readonly key: string;
  readonly parent: string | null;
}

/** Where a row sits in its tree, for `aria-level`, `aria-setsize` and `aria-posinset`. */
export interface TreePosition {
  /** 1 for a top-level row (ARIA levels start at 1). */
  readonly level: number;
  readonly setSize: number;
  readonly posInSet: number;
  readonly hasChildren: boolean;
}

/** What a key asks for: focus another row, or expand/collapse one (the focused row stays). */
export type TreeMove = { readonly focus: string } | { readonly expand: string } | { readonly collapse: string } | null;

/** Rows in display order that are not inside a collapsed row. */
export function visibleRows<Row extends TreeRow>(rows: readonly Row[], collapsed: ReadonlySet<string>): Row[] {
  const parents = new Map(rows.map((row) => [row.key, row.parent]));
  const hidden = (row: TreeRow): boolean => {
    // Walk up: any collapsed ancestor hides the row. A cycle cannot occur (parents come from one snapshot's tree).
    for (let parent = row.parent; parent !== null; parent = parents.get(parent) ?? null) if (collapsed.has(parent)) return true;
    return false;
  };
  return rows.filter((row) => !hidden(row));
}

/** Level, set size and position of every row, from the parents alone (siblings keep display order). */
export function treePositions(rows: readonly TreeRow[]): Map<string, TreePosition> {
  const siblings = new Map<string | null, string[]>();
  for (const row of rows) siblings.set(row.parent, [...(siblings.get(row.parent) ?? []), row.key]);
  const parents = new Map(rows.map((row) => [row.key, row.parent]));
  const level = (key: string): number => {
    let depth = 1;
    for (let parent = parents.get(key) ?? null; parent !== null; parent = parents.get(parent) ?? null) depth += 1;
    return depth;
  };
  const positions = new Map<string, TreePosition>();
  for (const row of rows) {
    const set = siblings.get(row.parent) ?? [row.key];
    positions.set(row.key, { level: level(row.key), setSize: set.length, posInSet: set.indexOf(row.key) + 1, hasChildren: siblings.has(row.key) });
  }
  return positions;
}

/**
 * The move for `key` pressed on row `current` (null when no row is current yet: any movement key
 * goes to the first row). Up/Down step through visible rows, Home/End jump to the ends; Right
 * expands a collapsed parent, else enters its first child; Left collapses an expanded parent,
 * else goes to the row's parent. Keys it does not know, and moves past the ends, give null.
 */
export function treeMove(rows: readonly TreeRow[], collapsed: ReadonlySet<string>, current: string | null, key: string): TreeMove {
  const visible = visibleRows(rows, collapsed);
  const index = visible.findIndex((row) => row.key === current);
  const focus = (row: TreeRow | undefined): TreeMove => (row && row.key !== current ? { focus: row.key } : null);
  if (index < 0) return ['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'Home', 'End'].includes(key) ? focus(visible[0]) : null;
  const row = visible[index];
  if (!row) return null;
  const hasChildren = rows.some((candidate) => candidate.parent === row.key);
  switch (key) {
    case 'ArrowDown':
      return focus(visible[index + 1]);
    case 'ArrowUp':
      return focus(visible[index - 1]);
    case 'Home':
      return focus(visible[0]);
    case 'End':
      return focus(visible.at(-1));
    case 'ArrowRight':
      if (!hasChildren) return null;
      return collapsed.has(row.key) ? { expand: row.key } : focus(visible[index + 1]);
    case 'ArrowLeft':
      if (hasChildren && !collapsed.has(row.key)) return { collapse: row.key };
      return row.parent === null ? null : focus(visible.find((candidate) => candidate.key === row.parent));
    default:
      return null;
  }
}
