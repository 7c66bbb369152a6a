/** How The Lesson writes a measured figure (no DOM here, so tests run it in Node). */
import type { LessonUnit } from '../../../workers/common/lesson.ts';

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
/** Counts are exact: "285 of 3,775 reads torn" must not round to 3,780. */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A figure's value with its unit, e.g. "24.1 ms", "1.39×", "3 tasks". */
export function formatFigure(value: number, unit: LessonUnit): string {
  const number = (unit === 'reads' ? COUNT : NUMBER).format(value);
  if (unit === '×') return `${number}×`;
  if (unit === 'tasks') return `${number} ${value === 1 ? 'task' : 'tasks'}`;
  if (unit === 'cores') return `${number} ${value === 1 ? 'core' : 'cores'}`;
  return `${number} ${unit}`;
}
