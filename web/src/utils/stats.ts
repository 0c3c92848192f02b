// The dashboard's figures (GET /api/v1/stats/tickets) turned into chart series: hours (UTC) summed
// per day in the user's time zone, every day of the period present.
export interface TicketStats {
  open: number;
  breached: number;
  at_risk: number;
  risk_hours: number;
  open_by_state: { state: string; state_category: string; count: number }[];
  open_by_group: { group_id: number | null; count: number }[];
  since: string;
  hourly: { hour: string; created: number; resolved: number }[];
  sla_tickets?: { id: number; number: string; title: string; sla_due_at: string; breached: boolean }[];
}

export interface DaySeries { days: string[]; created: number[]; resolved: number[] }

// "YYYY-MM-DD" of an instant in a time zone.
export function localDate(iso: string | Date, timeZone?: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  try {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

export function perDay(stats: Pick<TicketStats, 'since' | 'hourly'>, now: Date, timeZone?: string): DaySeries {
  const days: string[] = [];
  const first = localDate(stats.since, timeZone);
  const last = localDate(now, timeZone);
  // Walk by noon UTC steps so that every calendar date between first and last appears once.
  for (let t = Date.parse(`${first}T12:00:00Z`); ; t += 86400000) {
    const d = new Date(t).toISOString().slice(0, 10);
    days.push(d);
    if (d >= last || days.length > 400) break;
  }
  const index = new Map(days.map((d, i) => [d, i]));
  const created = days.map(() => 0);
  const resolved = days.map(() => 0);
  for (const h of stats.hourly) {
    const i = index.get(localDate(h.hour, timeZone));
    if (i === undefined) continue;
    created[i] += h.created;
    resolved[i] += h.resolved;
  }
  return { days, created, resolved };
}
