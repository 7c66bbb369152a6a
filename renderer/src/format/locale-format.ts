/**
 * Numbers, sizes and times the UI shows, formatted in one place with the user's locale (the
 * browser's, when `locale` is undefined): the status bar, The Lesson, dialogs and the preview. Formatters are built once per shape and
 * kept, because `toLocaleString` builds a new one per call and the status bar formats several
 * numbers per keystroke.
 */
export interface LocaleFormat {
  /** A whole count: 1,234 lines. */
  count(value: number): string;
  /** A number with exactly `digits` fraction digits: 12.5. */
  decimal(value: number, digits: number): string;
  /** A ratio (0..1) as a whole percentage: 42%. */
  percent(ratio: number): string;
  /** Milliseconds: 12 ms, or 12.5 ms with `digits`. */
  milliseconds(value: number, digits?: number): string;
  /** Seconds from milliseconds, one fraction digit: 1.5 s. */
  seconds(milliseconds: number): string;
  /** A size in bytes, in B, KB or MB (of 1024). */
  bytes(value: number): string;
  /** A measured figure to `digits` significant digits: 24.1, 1.39. */
  significant(value: number, digits: number): string;
  /** A time of day, as the locale writes it: 10:42:07 (or 10:42:07 AM). */
  time(date: Date): string;
}

export function createLocaleFormat(locale?: string): LocaleFormat {
  const cache = new Map<string, Intl.NumberFormat>();
  const formatter = (key: string, options: Intl.NumberFormatOptions) => {
    let made = cache.get(key);
    if (!made) {
      made = new Intl.NumberFormat(locale, options);
      cache.set(key, made);
    }
    return made;
  };
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  const decimal = (value: number, digits: number) =>
    formatter(`decimal-${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return {
    count: (value) => formatter('count', { maximumFractionDigits: 0 }).format(value),
    decimal,
    percent: (ratio) => formatter('percent', { style: 'percent', maximumFractionDigits: 0 }).format(ratio),
    milliseconds: (value, digits = 0) => `${decimal(value, digits)} ms`,
    seconds: (milliseconds) => `${decimal(milliseconds / 1000, 1)} s`,
    bytes: (value) => {
      if (value < 1024) return `${decimal(value, 0)} B`;
      if (value < 1024 * 1024) return `${decimal(value / 1024, 1)} KB`;
      return `${decimal(value / 1024 / 1024, 1)} MB`;
    },
    significant: (value, digits) => formatter(`significant-${digits}`, { maximumSignificantDigits: digits }).format(value),
    time: (date) => time.format(date),
  };
}

/** The user's locale, as the browser reports it. */
export const localeFormat: LocaleFormat = createLocaleFormat();
