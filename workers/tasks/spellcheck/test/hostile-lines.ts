import { MAX_LINE_LENGTH } from '../line-checker.ts';

/** Repeated units that would make a backtracking regular expression go quadratic or worse. */
export const HOSTILE_UNITS = ['](', '`', '` ``', 'a.', '&a', '<a ', 'a-', "a'", 'x://', '[a]:'] as const;

/** `unit` repeated into a line as long as the longest one spellcheck scans. */
export function hostileLine(unit: string): string {
  return unit.repeat(Math.ceil(MAX_LINE_LENGTH / unit.length));
}
