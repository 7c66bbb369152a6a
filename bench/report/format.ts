/** How numbers look in the report: units, rounding, and what "not measured" looks like. */
import { round } from '../stats.ts';
import type { Unit } from '../results.ts';

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const rounded = round(value);
  switch (unit) {
    case 'ms':
      return `${rounded} ms`;
    case '×':
      return `${rounded}×`;
    case 'MB':
      return `${rounded} MB`;
    case '%':
      return `${rounded}%`;
    case 'count':
      return String(rounded);
  }
}

/** Escapes a table cell: a pipe would end it. */
export function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function minutes(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
