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

// Service desk (src/http/openapi/tickets.json)
export type TicketKind = 'incident' | 'request';
export const TICKET_KINDS: readonly TicketKind[] = ['incident', 'request'];
export type StateCategory = 'new' | 'open' | 'pending' | 'resolved' | 'closed';
export const STATE_CATEGORIES: readonly StateCategory[] = ['new', 'open', 'pending', 'resolved', 'closed'];
export type Channel = 'phone' | 'email' | 'portal' | 'walk_in' | 'api';
export const CHANNELS: readonly Channel[] = ['phone', 'email', 'portal', 'walk_in', 'api'];
export interface LocalizedLabel {
  'zh-CN': string;
  en: string;
}

export interface Ticket {
  id: number;
  kind: TicketKind;
  number: string;
  title: string;
  description: string;
  requester_id: number | null;
  organisation_id: number | null;
  site_id: number | null;
  service: string;
  impact: number;
  urgency: number;
  priority: number;
  priority_overridden: boolean;
  state: string;
  state_label: LocalizedLabel;
  state_category: StateCategory;
  group_id: number | null;
  assignee_id: number | null;
  channel: Channel;
  resolution: string;
  resolution_code: string;
  major: boolean;
  sla_due_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
}

export interface NewTicket {
  kind: TicketKind;
  title: string;
  description?: string;
  organisation_id?: number;
  impact?: number;
  urgency?: number;
  channel?: Channel;
}

export interface TicketPatch {
  title?: string;
  description?: string;
  impact?: number;
  urgency?: number;
  priority?: number;
  group_id?: number | null;
  assignee_id?: number | null;
}

export interface TicketQuery {
  cursor?: string | null;
  limit?: number;
  kind?: TicketKind | '';
  state_category?: StateCategory | '';
  assignee_id?: number | null;
  group_id?: number | null;
}

export interface AvailableTransition {
  name: string;
  label: LocalizedLabel;
  to: string;
  requires: string[];
}

export interface TransitionRequest {
  transition: string;
  resolution?: string;
  resolution_code?: string;
  group_id?: number;
  assignee_id?: number;
  comment?: string;
}

export interface JournalEntry {
  id: number;
  visibility: 'public' | 'internal';
  kind: 'reply' | 'note' | 'system';
  author_id: number | null;
  author_login: string;
  body: string;
  created_at: string;
}

export interface LifecycleState {
  name: string;
  label: LocalizedLabel;
  category: StateCategory;
  required?: string[];
  read_only?: string[];
}
export interface LifecycleTransition {
  name: string;
  label: LocalizedLabel;
  from: string[];
  to: string;
  requires?: string[];
  permission?: string;
  effects?: string[];
}
export interface Lifecycle {
  kind: TicketKind;
  prefix: string;
  label: LocalizedLabel;
  initial: string;
  states: LifecycleState[];
  transitions: LifecycleTransition[];
}

export interface Group {
  id: number;
  name: string;
  line: number;
  organisation_id: number | null;
  description: string;
  version: number;
}
