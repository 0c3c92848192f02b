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
  state?: string;
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

// Administration (users, groups, sites, roles, SLA policies).
export interface Person extends User {
  kind: 'user' | 'contact';
  phone: string;
  disabled: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface NewPerson {
  login: string;
  kind?: 'user' | 'contact';
  role: string;
  organisation_id?: number;
  display_name?: string;
  email?: string;
  phone?: string;
  language?: 'zh-CN' | 'en';
  time_zone?: string;
  password?: string;
}
export type PersonPatch = Partial<Pick<Person, 'display_name' | 'email' | 'phone' | 'role' | 'organisation_id' | 'language' | 'time_zone'>>;
export interface PersonQuery { cursor?: string | null; limit?: number; organisation?: number | null; role?: string; kind?: 'user' | 'contact' | ''; q?: string }

export interface GroupMember { user_id: number; login: string; display_name: string }
export interface GroupDetail extends Group { members: GroupMember[] }
export interface NewGroup { name: string; line?: number; organisation_id?: number; description?: string }
export type GroupPatch = Partial<Omit<NewGroup, 'organisation_id'>> & { organisation_id?: number | null };

export interface Site {
  id: number;
  organisation_id: number;
  name: string;
  address: string;
  region_code: string | null;
  latitude: number | null;
  longitude: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface NewSite { name: string; address?: string; region_code?: string; latitude?: number; longitude?: number }
export type SitePatch = { name?: string; address?: string; region_code?: string | null; latitude?: number | null; longitude?: number | null };

export interface Role {
  id: number;
  name: string;
  label_zh: string;
  label_en: string;
  builtin: boolean;
  grants: Grant[];
  version: number;
}
export interface NewRole { name: string; label_zh: string; label_en: string; grants: Grant[] }
export type RolePatch = Partial<Omit<NewRole, 'name'>>;

export const SLA_TARGET_KINDS = ['first_response', 'resolution', 'onsite', 'update_interval'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];
export interface SlaEscalation { at_percent: number; action?: 'notify' | 'reassign' | 'raise_priority'; group?: string }
export interface SlaTarget {
  kind: SlaTargetKind;
  calendar: string;
  working_hours?: number;
  working_minutes?: number;
  working_seconds?: number;
  working_days?: number;
  warnings?: number[];
  escalations?: SlaEscalation[];
}
export const SLA_MATCH_KEYS = ['contract', 'customer', 'service', 'type', 'priority'] as const;
export type SlaMatch = Partial<Record<(typeof SLA_MATCH_KEYS)[number], string>>;
export interface NewSlaPolicy {
  id: string;
  name?: string;
  position?: number;
  match?: SlaMatch;
  pause_states?: string[];
  targets?: SlaTarget[];
}
export interface SlaPolicy extends Required<Omit<NewSlaPolicy, 'position'>> {
  position: number;
  record_id?: number;
  version: number;
  created_at: string;
  updated_at: string;
}
export const SLA_EVENT_KINDS = ['created', 'state_changed', 'priority_changed', 'policy_changed', 'public_reply', 'arrived_on_site', 'resolved', 'reopened', 'calendar_edited'] as const;
export type SlaEventKind = (typeof SLA_EVENT_KINDS)[number];
export interface SlaEvent { at: string; kind: SlaEventKind; value?: string }
export interface SlaSimulation {
  policy?: NewSlaPolicy;
  policies?: NewSlaPolicy[];
  record?: SlaMatch;
  now?: string;
  events: SlaEvent[];
}

export interface CalendarImportChange { change: 'added' | 'removed' | 'coverage'; year: number; text: string }
export interface CalendarImportResult { dry_run: boolean; written: boolean; changes: CalendarImportChange[]; lines: string[]; calendar: Calendar }

export interface PriorityMatrix { impact_levels: number; urgency_levels: number; cells: number[][]; is_default: boolean; version: number }

// --- KPIs and monthly statistics (issue 9) ---------------------------------------------------
export type KpiScope = 'all' | 'centre' | 'engineer' | 'contract';
export type KpiLight = 'green' | 'amber' | 'red' | 'none';
export interface KpiFigure {
  kpi: string;
  name_zh: string;
  name_en: string;
  definition_zh: string;
  definition_en: string;
  unit: 'percent' | 'hours';
  better: 'higher' | 'lower';
  target: number;
  target_text: string;
  amber_limit: number;
  available: boolean;
  value: number | null;
  numerator: number;
  denominator: number;
  light: KpiLight;
  records: string | null;
}
export interface KpiReport {
  scope: KpiScope;
  id: number | null;
  month: string;
  name: string;
  contract: string;
  orders: number;
  orders_records: string;
  figures: KpiFigure[];
}
export interface KpiRecord {
  response_id: number | null;
  ticket_id: number | null;
  number: string;
  title: string;
  state: string;
  service_centre_id: number;
  engineer_id: number | null;
  numerator: number;
  denominator: number;
  due_at: string | null;
  resolved_at: string | null;
  href: string;
}
export interface StatFigures {
  orders: number;
  repaired: number;
  cancelled: number;
  in_warranty: number;
  parts_cost_cents: number;
  fees_cents: number;
}
export interface StatRow extends StatFigures {
  id?: number | null;
  key: string;
  label_zh: string;
  label_en: string;
}
export interface PartStatRow {
  part_id: number;
  number: string;
  name_zh: string;
  name_en: string;
  orders: number;
  consumed: number;
  returned_faulty: number;
  returned_unused: number;
  cost_cents: number;
}
export interface MonthlyStatistics {
  month: string;
  totals: StatFigures;
  by_product: StatRow[];
  by_fault: StatRow[];
  by_fault_code: StatRow[];
  by_part: PartStatRow[];
  by_centre: StatRow[];
  by_engineer: StatRow[];
  approval: {
    approved_by: number | null;
    approved_by_login: string;
    approved_at: string;
    note: string;
    distribute_at: string | null;
    distributed_at: string | null;
    recipients: string;
  } | null;
  xlsx: string;
  pdf: string;
}
export interface ServiceCentreSummary {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  engineers: { user_id: number; login: string; display_name: string }[];
}
