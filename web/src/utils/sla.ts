// SLA clocks of a ticket (GET /api/v1/tickets/{id}/sla): durations in working time and the steps
// that explain a deadline, as plain data for the SLA panel.
export interface SlaThreshold { kind: 'warning' | 'escalation' | 'breach'; percent: number; at: string | null; action?: string; group?: string }
export interface SlaStep {
  kind: string; // clock steps: started, paused, resumed, …; calendar steps: start, counted, skipped, makeup_day, …
  at?: string | null;
  detail?: string;
  date?: string;
  last_date?: string;
  from?: string;
  to?: string;
  seconds?: number;
  name?: string;
  name_en?: string;
  works_as?: string;
  year?: number;
  number?: number;
}
export interface SlaClock {
  kind: string; // first_response, resolution, onsite, update_interval
  state: 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
  policy: string;
  calendar: string;
  target_seconds: number;
  started_at: string | null;
  deadline: string | null;
  elapsed_seconds: number;
  remaining_seconds: number;
  stopped_at: string | null;
  breach_at: string | null;
  thresholds?: SlaThreshold[];
  explanation?: SlaStep[];
}

// "2 h 30 min" / "2 小时 30 分钟"; negative durations are shown as overdue by the caller. Working
// time is never shown in days: a working day is not 24 hours.
export function formatDuration(seconds: number, locale: string): string {
  const s = Math.abs(Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  const zh = locale !== 'en';
  const parts: string[] = [];
  if (h) parts.push(zh ? `${h} 小时` : `${h} h`);
  if (m || !parts.length) parts.push(zh ? `${m} 分钟` : `${m} min`);
  return parts.join(' ');
}

// Share of the target used, 0–100 (for the progress bar).
export function usedPercent(c: Pick<SlaClock, 'elapsed_seconds' | 'target_seconds'>): number {
  if (!c.target_seconds) return 0;
  return Math.max(0, Math.min(100, Math.round((c.elapsed_seconds / c.target_seconds) * 100)));
}

// Wall-clock seconds until the deadline (negative when past), for the live countdown.
export function secondsUntil(deadline: string | null, now: number): number | null {
  if (!deadline) return null;
  const t = Date.parse(deadline);
  return Number.isNaN(t) ? null : Math.round((t - now) / 1000);
}
