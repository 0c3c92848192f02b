// Small pure helpers for the administration pages.
import type { Role } from '@/api/types';

// A role's label in the UI language; the code name when the role is unknown.
export function roleLabel(role: Pick<Role, 'label_zh' | 'label_en'> | undefined, name: string, locale: string): string {
  if (!role) return name;
  return (locale === 'en' ? role.label_en || role.label_zh : role.label_zh || role.label_en) || name;
}

// Every permission named by a route of the OpenAPI document (x-permission), sorted, without "*".
export function permissionCatalogue(doc: { paths?: Record<string, Record<string, unknown>> }): string[] {
  const out = new Set<string>();
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops ?? {})) {
      const p = (op as { 'x-permission'?: unknown } | null)?.['x-permission'];
      if (typeof p === 'string' && p && p !== '*') out.add(p);
    }
  }
  return [...out].sort();
}

// SLA targets: one amount in one unit for the form; the API takes exactly one working_* member.
export type SlaUnit = 'working_hours' | 'working_minutes' | 'working_days';
export const SLA_UNITS: SlaUnit[] = ['working_hours', 'working_minutes', 'working_days'];
export interface TargetRow { kind: string; calendar: string; amount: number | null; unit: SlaUnit; warnings: string }

export function targetToRow(t: { kind: string; calendar: string; working_hours?: number; working_minutes?: number; working_seconds?: number; working_days?: number; warnings?: number[] }): TargetRow {
  const base = { kind: t.kind, calendar: t.calendar, warnings: (t.warnings ?? [75, 90]).join(', ') };
  if (t.working_days !== undefined) return { ...base, amount: t.working_days, unit: 'working_days' };
  if (t.working_minutes !== undefined) return { ...base, amount: t.working_minutes, unit: 'working_minutes' };
  if (t.working_seconds !== undefined) return { ...base, amount: t.working_seconds / 3600, unit: 'working_hours' };
  return { ...base, amount: t.working_hours ?? null, unit: 'working_hours' };
}

// Parses "75, 90" into [75, 90]; null when a number is not 1–99.
export function parseWarnings(text: string): number[] | null {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  const out = parts.map(Number);
  return out.every((n) => Number.isInteger(n) && n >= 1 && n <= 99) ? out : null;
}

export function rowToTarget(r: TargetRow): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: r.kind, calendar: r.calendar };
  out[r.unit] = r.unit === 'working_hours' ? r.amount : Math.round(r.amount ?? 0);
  const w = parseWarnings(r.warnings);
  if (w) out.warnings = w;
  return out;
}

// A time of day "HH:MM" as minutes (24:00 allowed as the end of a day); null when malformed.
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

// A weekday's segments are valid when each is well formed, ends after it starts, and they come in
// order without overlapping (the API's rule).
export function segmentsValid(segs: { start: string; end: string }[]): boolean {
  let last = -1;
  for (const s of segs) {
    const a = minutesOf(s.start);
    const b = minutesOf(s.end);
    if (a === null || b === null || b <= a || a < last || a === 24 * 60) return false;
    last = b;
  }
  return true;
}

export function weeklyHours(weekly: { start: string; end: string }[][]): number {
  let minutes = 0;
  for (const day of weekly) for (const s of day) minutes += (minutesOf(s.end) ?? 0) - (minutesOf(s.start) ?? 0);
  return Math.round((minutes / 60) * 100) / 100;
}
