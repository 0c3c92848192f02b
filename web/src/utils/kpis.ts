// Helpers of the KPI dashboard and the monthly statistics: months in China time and how figures
// are written.
import type { KpiFigure } from '@/api/types';

// "YYYY-MM" of now (+offset months) in China time (UTC+8), as the API counts months.
export function chinaMonth(offset = 0, now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600e3);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return m.toISOString().slice(0, 7);
}

// A figure's value: "92.5 %" or "3.4 h" (locale digits), "–" when there is nothing to count.
export function formatFigure(f: Pick<KpiFigure, 'value' | 'unit'>, locale: string): string {
  if (f.value === null) return '–';
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(f.value);
  return f.unit === 'percent' ? `${n} %` : `${n} h`;
}

// Money in fen as yuan with two decimals.
export function yuan(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

export const lightColour: Record<string, string> = { green: '#67c23a', amber: '#e6a23c', red: '#f56c6c', none: '#c0c4cc' };
