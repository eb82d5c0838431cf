import { currentLanguage } from './index.js';

/** Dates and numbers in the reader's language, through Intl (no date library). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLanguage(), options).format(value);
}

/** A share (0–1) as a whole percentage, by the language's rules: "67 %" in German, "67%" in English. */
export function formatPercent(share: number): string {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
}

export function formatDate(value: Date | number | string, options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' }): string {
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat(currentLanguage(), options).format(date);
}

/** A calendar day stored as `YYYY-MM-DD` (due dates): shown as that day wherever the reader is. */
export function formatDay(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  return formatDate(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
