// A calendar day in the user's time zone as the half-open UTC period [from, to) the ticket list
// filters by (created_from/created_to, resolved_from/resolved_to).

// Milliseconds the zone's wall clock is ahead of UTC at instant `t`.
export function zoneOffset(t: number, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

// The instant the day "YYYY-MM-DD" starts in the zone (midnight, or the first hour after a
// daylight-saving gap).
export function startOfDay(day: string, timeZone?: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - zoneOffset(wall, timeZone);
  t = wall - zoneOffset(t, timeZone); // again at the real instant, in case the offset changed
  return t;
}

export const DAY_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function dayPeriod(day: string, timeZone?: string): { from: string; to: string } {
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  return { from: iso(startOfDay(day, timeZone)), to: iso(startOfDay(nextDay(day), timeZone)) };
}
