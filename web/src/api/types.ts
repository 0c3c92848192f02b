// Shapes of the REST API (src/http/openapi.json).
export type OrganisationKind = 'own' | 'customer' | 'supplier';
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['customer', 'supplier', 'own'];

export interface Organisation {
  id: number;
  name: string;
  kind: OrganisationKind;
  code: string;
  region_code: string;
  notes: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export type NewOrganisation = Pick<Organisation, 'name' | 'kind'> & Partial<Pick<Organisation, 'code' | 'region_code' | 'notes'>>;
export type OrganisationPatch = Partial<NewOrganisation>;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface User {
  id: number;
  login: string;
  display_name: string;
  email: string;
  role: string;
  organisation_id: number | null;
  language: string;
  time_zone: string;
}

export type Scope = 'own' | 'group' | 'organisation' | 'all';
export interface Grant {
  permission: string;
  scope: Scope;
}

export interface Me extends User {
  permissions: Grant[];
  group_ids: number[];
  via: string;
  csrf_token?: string;
}

export interface LoginResponse {
  csrf_token: string;
  expires_at: string;
  user: User;
}

export interface AuditChange {
  field: string;
  old: string | null;
  new: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_id: number | null;
  actor_login: string;
  via: string;
  request_id: string;
  record_type: string;
  record_id: number;
  action: string;
  changes: AuditChange[];
}

export interface CalendarSegment {
  start: string;
  end: string;
}

export interface Calendar {
  id: string;
  kind: 'weekly' | 'always_working';
  name_zh: string;
  name_en: string;
  zone: string;
  weekly: CalendarSegment[][]; // Monday first
  holidays: { name: string; name_en?: string; from: string; to: string }[];
  makeup_days: { date: string; works_as?: string; name?: string }[];
  special_days: { date: string; name?: string; segments: CalendarSegment[] }[];
  first_year: number;
  last_year: number;
  shipped: boolean;
  version: number;
  revision?: number;
  created_at: string;
  updated_at: string;
}

export interface CalendarDayInfo {
  date: string;
  weekday: string;
  working: boolean;
  reason: 'weekday' | 'rest_day' | 'holiday' | 'makeup_day' | 'special_day';
  name?: string;
  name_en?: string;
  segments: CalendarSegment[];
  working_seconds: number;
  covered: boolean;
}

export interface CalendarMonthInfo {
  calendar: string;
  revision: number;
  year: number;
  month: number;
  covered: boolean;
  days: CalendarDayInfo[];
}
