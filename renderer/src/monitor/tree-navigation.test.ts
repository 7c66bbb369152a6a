import { describe, expect, it } from 'vitest';
import { treeMove, treePositions, visibleRows, type TreeRow } from './tree-navigation.ts';

/** The monitor's shape with inline keystroke, thread spellcheck and grammar (two shards), a process render. */
const ROWS: readonly TreeRow[] = [
  { key: 'host', parent: null },
  { key: 'main', parent: 'host' },
  { key: 'task:keystroke', parent: 'main' },
  { key: 'task:spellcheck', parent: 'host' },
  { key: 'task:grammar', parent: 'host' },
  { key: 'task:grammar#1', parent: 'host' },
  { key: 'task:render', parent: null },
  { key: 'app:12', parent: null },
];
const NONE = new Set<string>();

describe('treePositions', () => {
  it('gives levels from 1 and each row its place among its siblings', () => {
    const positions = treePositions(ROWS);
    expect(positions.get('host')).toEqual({ level: 1, setSize: 3, posInSet: 1, hasChildren: true });
    expect(positions.get('main')).toEqual({ level: 2, setSize: 4, posInSet: 1, hasChildren: true });
    expect(positions.get('task:keystroke')).toEqual({ level: 3, setSize: 1, posInSet: 1, hasChildren: false });
    expect(positions.get('task:grammar#1')).toEqual({ level: 2, setSize: 4, posInSet: 4, hasChildren: false });
    expect(positions.get('task:render')).toEqual({ level: 1, setSize: 3, posInSet: 2, hasChildren: false });
    expect(positions.get('app:12')?.posInSet).toBe(3);
  });
});

describe('visibleRows', () => {
  it('hides every descendant of a collapsed row, not the row itself', () => {
    expect(visibleRows(ROWS, new Set(['host'])).map((row) => row.key)).toEqual(['host', 'task:render', 'app:12']);
    expect(visibleRows(ROWS, new Set(['main'])).map((row) => row.key)).not.toContain('task:keystroke');
    expect(visibleRows(ROWS, NONE)).toHaveLength(ROWS.length);
  });
});

describe('treeMove', () => {
  it('steps up and down through visible rows and stops at the ends', () => {
    expect(treeMove(ROWS, NONE, 'host', 'ArrowDown')).toEqual({ focus: 'main' });
    expect(treeMove(ROWS, NONE, 'task:spellcheck', 'ArrowUp')).toEqual({ focus: 'task:keystroke' });
    expect(treeMove(ROWS, new Set(['host']), 'host', 'ArrowDown')).toEqual({ focus: 'task:render' });
    expect(treeMove(ROWS, NONE, 'host', 'ArrowUp')).toBeNull();
    expect(treeMove(ROWS, NONE, 'app:12', 'ArrowDown')).toBeNull();
  });

  it('jumps to the first and last visible rows with Home and End', () => {
    expect(treeMove(ROWS, NONE, 'task:grammar', 'Home')).toEqual({ focus: 'host' });
    expect(treeMove(ROWS, NONE, 'task:grammar', 'End')).toEqual({ focus: 'app:12' });
  });

  it('Right expands a collapsed parent, then moves into its first child; does nothing on a leaf', () => {
    expect(treeMove(ROWS, new Set(['host']), 'host', 'ArrowRight')).toEqual({ expand: 'host' });
    expect(treeMove(ROWS, NONE, 'host', 'ArrowRight')).toEqual({ focus: 'main' });
    expect(treeMove(ROWS, NONE, 'main', 'ArrowRight')).toEqual({ focus: 'task:keystroke' });
    expect(treeMove(ROWS, NONE, 'task:spellcheck', 'ArrowRight')).toBeNull();
  });

  it('Left collapses an expanded parent, else moves to the parent; nothing at a top-level leaf', () => {
    expect(treeMove(ROWS, NONE, 'main', 'ArrowLeft')).toEqual({ collapse: 'main' });
    expect(treeMove(ROWS, new Set(['main']), 'main', 'ArrowLeft')).toEqual({ focus: 'host' });
    expect(treeMove(ROWS, NONE, 'task:keystroke', 'ArrowLeft')).toEqual({ focus: 'main' });
    expect(treeMove(ROWS, NONE, 'task:render', 'ArrowLeft')).toBeNull();
  });

  it('goes to the first row when no row is current, or the current one is gone', () => {
    expect(treeMove(ROWS, NONE, null, 'ArrowDown')).toEqual({ focus: 'host' });
    expect(treeMove(ROWS, NONE, 'task:gone', 'End')).toEqual({ focus: 'host' });
    expect(treeMove(ROWS, NONE, null, 'a')).toBeNull();
  });

  it('ignores keys that are not movement', () => {
    expect(treeMove(ROWS, NONE, 'host', 'Enter')).toBeNull();
    expect(treeMove(ROWS, NONE, 'host', 'PageDown')).toBeNull();
  });
});
