/** How The Lesson writes a measured figure (no DOM here, so tests run it in Node). */
import type { LessonUnit } from '../../../workers/common/lesson.ts';
import { localeFormat, type LocaleFormat } from '../format/locale-format.ts';

/** A figure's value with its unit, e.g. "24.1 ms", "1.39×", "3 tasks", in the user's locale. */
export function formatFigure(value: number, unit: LessonUnit, format: LocaleFormat = localeFormat): string {
  // Counts are exact: "285 of 3,775 reads torn" must not round to 3,780.
  const number = unit === 'reads' ? format.count(value) : format.significant(value, 3);
  if (unit === '×') return `${number}×`;
  if (unit === 'tasks') return `${number} ${value === 1 ? 'task' : 'tasks'}`;
  if (unit === 'cores') return `${number} ${value === 1 ? 'core' : 'cores'}`;
  return `${number} ${unit}`;
}
