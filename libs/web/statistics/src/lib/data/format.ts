import type { Language } from '@boiduong/web-core';

const formats = new Map<string, Intl.NumberFormat>();

/** A statistic with a fixed number of decimals in the reader's language (Vietnamese writes 0,62); a dash when undefined. */
export function formatStat(value: number | null | undefined, digits: number, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const key = `${lang}/${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(value);
}
