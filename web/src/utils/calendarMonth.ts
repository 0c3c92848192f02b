// The month grid behind CalendarMonth.vue: which date sits in which cell and how each day is marked.
// Day data comes from the calendar API (one entry per date):
//   {date: "2026-10-01", working: false, reason: "holiday", name: "国庆节、中秋节", segments: []}
// Reasons used by the server: weekday, rest_day, holiday, makeup_day, special_day (aliases accepted:
// weekend, makeup_workday, half_day).

export interface Segment {
  start: string; // "09:00"
  end: string; // "12:00"
}

export interface CalendarDay {
  date: string; // YYYY-MM-DD
  working: boolean;
  reason?: string;
  name?: string;
  segments?: Segment[];
}

export type DayMark = 'holiday' | 'makeup' | 'half' | 'weekend';
export type DayKind = DayMark | 'workday' | 'unknown';

export interface MonthCell {
  date: string;
  day: number;
  inMonth: boolean;
  weekday: number; // 0 = Sunday … 6 = Saturday
  info: CalendarDay | null;
  kind: DayKind; // the main look of the cell
  marks: DayMark[]; // every mark that applies (a make-up day can also be a half day)
  minutes: number; // working minutes
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function minutesOf(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function workingMinutes(segments: readonly Segment[] | undefined): number {
  return (segments ?? []).reduce((sum, s) => sum + Math.max(0, minutesOf(s.end) - minutesOf(s.start)), 0);
}

const HOLIDAY = new Set(['holiday', 'public_holiday']);
const MAKEUP = new Set(['makeup_day', 'makeup_workday', 'makeup']);
const HALF = new Set(['half_day']);
const REST = new Set(['rest_day', 'weekend']);

// The length of a normal working day in this month: the most common length among working days.
export function fullDayMinutes(days: readonly CalendarDay[]): number {
  const counts = new Map<number, number>();
  for (const d of days) {
    if (!d.working) continue;
    const m = workingMinutes(d.segments);
    if (m > 0) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  let best = 0, bestCount = 0;
  for (const [m, c] of counts) if (c > bestCount || (c === bestCount && m > best)) { best = m; bestCount = c; }
  return best;
}

export function classify(info: CalendarDay | null, weekday: number, fullDay: number): { kind: DayKind; marks: DayMark[]; minutes: number } {
  const weekendDay = weekday === 0 || weekday === 6;
  if (!info) return { kind: 'unknown', marks: weekendDay ? ['weekend'] : [], minutes: 0 };
  const reason = info.reason ?? '';
  const minutes = info.working ? workingMinutes(info.segments) : 0;
  const marks: DayMark[] = [];
  if (!info.working) {
    if (HOLIDAY.has(reason) || (!REST.has(reason) && info.name)) marks.push('holiday');
    else marks.push('weekend');
    return { kind: marks[0]!, marks, minutes };
  }
  if (MAKEUP.has(reason) || (weekendDay && reason !== 'weekday' && !HALF.has(reason) && reason !== 'special_day')) marks.push('makeup');
  if (HALF.has(reason) || (minutes > 0 && fullDay > 0 && minutes <= fullDay * 0.75)) marks.push('half');
  return { kind: marks[0] ?? 'workday', marks, minutes };
}

// Weeks of 7 cells covering the month (month is 1–12), starting on firstDayOfWeek (1 = Monday,
// as Chinese calendars do; 0 = Sunday). Cells outside the month carry their own dates.
export function buildMonthGrid(year: number, month: number, days: readonly CalendarDay[], firstDayOfWeek = 1): MonthCell[][] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const fullDay = fullDayMinutes(days);
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() - firstDayOfWeek + 7) % 7;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weeks = Math.ceil((lead + daysInMonth) / 7);
  const out: MonthCell[][] = [];
  for (let w = 0; w < weeks; w++) {
    const row: MonthCell[] = [];
    for (let i = 0; i < 7; i++) {
      const d = new Date(Date.UTC(year, month - 1, 1 - lead + w * 7 + i));
      const date = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      const inMonth = d.getUTCMonth() === month - 1;
      const info = byDate.get(date) ?? null;
      row.push({ date, day: d.getUTCDate(), inMonth, weekday: d.getUTCDay(), info, ...classify(info, d.getUTCDay(), fullDay) });
    }
    out.push(row);
  }
  return out;
}
