// One function per API operation the UI uses (operationIds from openapi.json).
import { api, request } from './client';
import type { SlaClock } from '@/utils/sla';
import type { TicketStats } from '@/utils/stats';
import type { KpiRecord, KpiReport, KpiScope, MonthlyStatistics, ServiceCentreSummary } from './types';
import type {
  CalendarImportResult, GroupDetail, PriorityMatrix, GroupPatch, NewGroup, NewPerson, NewRole, NewSite, NewSlaPolicy, Person, PersonPatch, PersonQuery, Role,
  RolePatch, Site, SitePatch, SlaPolicy, SlaSimulation,
} from './types';
import type {
  AuditEntry, AvailableTransition, Calendar, CalendarMonthInfo, Group, JournalEntry, Lifecycle, LoginResponse, Me, NewOrganisation, NewTicket,
  Organisation, OrganisationKind, OrganisationPatch, Page, Ticket, TicketKind, TicketPatch, TicketQuery, TransitionRequest, User,
} from './types';

const V1 = '/api/v1';

export const login = (loginName: string, password: string) =>
  api.post<LoginResponse>(`${V1}/auth/login`, { login: loginName, password }, { skipAuthRedirect: true });
export const logout = () => api.post<void>(`${V1}/auth/logout`, undefined, { skipAuthRedirect: true });
export const getMe = () => api.get<Me>(`${V1}/me`, { skipAuthRedirect: true });

export const listOrganisations = (q: { cursor?: string | null; limit?: number; kind?: OrganisationKind | ''; q?: string } = {}) =>
  api.get<Page<Organisation>>(`${V1}/organisations`, { query: q });
export const getOrganisation = (id: number) => api.get<Organisation>(`${V1}/organisations/${id}`);
export const createOrganisation = (body: NewOrganisation, idempotencyKey?: string) =>
  api.post<Organisation>(`${V1}/organisations`, body, { idempotencyKey });
export const updateOrganisation = (id: number, patch: OrganisationPatch, etag: string) =>
  api.patch<Organisation>(`${V1}/organisations/${id}`, patch, { ifMatch: etag });
export const deleteOrganisation = (id: number, etag: string) =>
  api.delete(`${V1}/organisations/${id}`, { ifMatch: etag });

export const listAudit = (record: string, cursor?: string | null, limit = 50) =>
  api.get<Page<AuditEntry>>(`${V1}/audit`, { query: { record, cursor, limit } });

export const listCalendars = (cursor?: string | null, limit = 200) =>
  api.get<Page<Calendar>>(`${V1}/calendars`, { query: { cursor, limit } });
export const getCalendar = (id: string) => api.get<Calendar>(`${V1}/calendars/${encodeURIComponent(id)}`);
export const getCalendarMonth = (id: string, year: number, month: number) =>
  api.get<CalendarMonthInfo>(`${V1}/calendars/${encodeURIComponent(id)}/month`, { query: { year, month } });

export const listTickets = (q: TicketQuery = {}) =>
  api.get<Page<Ticket>>(`${V1}/tickets`, { query: { ...q } as Record<string, string | number | null | undefined> });
export const getTicket = (id: number) => api.get<Ticket>(`${V1}/tickets/${id}`);
export const createTicket = (body: NewTicket, idempotencyKey?: string) =>
  api.post<Ticket>(`${V1}/tickets`, body, { idempotencyKey });
export const updateTicket = (id: number, patch: TicketPatch, etag: string) =>
  api.patch<Ticket>(`${V1}/tickets/${id}`, patch, { ifMatch: etag });
export const listTicketTransitions = (id: number) =>
  api.get<{ items: AvailableTransition[] }>(`${V1}/tickets/${id}/transitions`);
export const transitionTicket = (id: number, body: TransitionRequest, etag: string) =>
  api.post<Ticket>(`${V1}/tickets/${id}/transitions`, body, { ifMatch: etag });
export const listTicketJournal = (id: number, cursor?: string | null, limit = 200) =>
  api.get<Page<JournalEntry>>(`${V1}/tickets/${id}/journal`, { query: { cursor, limit } });
export const addTicketJournalEntry = (id: number, body: { visibility: 'public' | 'internal'; body: string }, idempotencyKey?: string) =>
  api.post<JournalEntry>(`${V1}/tickets/${id}/journal`, body, { idempotencyKey });
export const getLifecycle = (kind: TicketKind) => api.get<Lifecycle>(`${V1}/lifecycles/${kind}`);

export const listGroups = (cursor?: string | null, limit = 200) =>
  api.get<Page<Group>>(`${V1}/groups`, { query: { cursor, limit } });
export const listUsers = (q: { role?: string; cursor?: string | null; limit?: number } = {}) =>
  api.get<Page<User>>(`${V1}/users`, { query: { limit: 200, ...q } });
export const getTicketSla = (id: number) => api.get<{ clocks: SlaClock[] }>(`${V1}/tickets/${id}/sla`);

// Administration
export const searchPeople = (q: PersonQuery = {}) =>
  api.get<Page<Person>>(`${V1}/users`, { query: { limit: 50, ...q } as Record<string, string | number | null | undefined> });
export const getUser = (id: number) => api.get<Person>(`${V1}/users/${id}`);
export const createUser = (body: NewPerson, idempotencyKey?: string) => api.post<Person>(`${V1}/users`, body, { idempotencyKey });
export const updateUser = (id: number, patch: PersonPatch, etag: string) => api.patch<Person>(`${V1}/users/${id}`, patch, { ifMatch: etag });
export const setUserDisabled = (id: number, disabled: boolean) => api.post<Person>(`${V1}/users/${id}/${disabled ? 'disable' : 'enable'}`);
export const setUserPassword = (id: number, password: string) => api.post<void>(`${V1}/users/${id}/password`, { password });

export const getGroup = (id: number) => api.get<GroupDetail>(`${V1}/groups/${id}`);
export const createGroup = (body: NewGroup, idempotencyKey?: string) => api.post<GroupDetail>(`${V1}/groups`, body, { idempotencyKey });
export const updateGroup = (id: number, patch: GroupPatch, etag: string) => api.patch<GroupDetail>(`${V1}/groups/${id}`, patch, { ifMatch: etag });
export const deleteGroup = (id: number, etag: string) => api.delete(`${V1}/groups/${id}`, { ifMatch: etag });
export const addGroupMember = (id: number, userId: number) => api.post<GroupDetail>(`${V1}/groups/${id}/members`, { user_id: userId });
export const removeGroupMember = (id: number, userId: number) => api.delete(`${V1}/groups/${id}/members/${userId}`);

export const listSites = (organisationId: number, cursor?: string | null, limit = 200) =>
  api.get<Page<Site>>(`${V1}/organisations/${organisationId}/sites`, { query: { cursor, limit } });
export const createSite = (organisationId: number, body: NewSite, idempotencyKey?: string) =>
  api.post<Site>(`${V1}/organisations/${organisationId}/sites`, body, { idempotencyKey });
export const getSite = (id: number) => api.get<Site>(`${V1}/sites/${id}`);
export const updateSite = (id: number, patch: SitePatch, etag: string) => api.patch<Site>(`${V1}/sites/${id}`, patch, { ifMatch: etag });
export const deleteSite = (id: number, etag: string) => api.delete(`${V1}/sites/${id}`, { ifMatch: etag });

export const listRoles = () => api.get<Page<Role>>(`${V1}/roles`);
export const getRole = (name: string) => api.get<Role>(`${V1}/roles/${encodeURIComponent(name)}`);
export const createRole = (body: NewRole, idempotencyKey?: string) => api.post<Role>(`${V1}/roles`, body, { idempotencyKey });
export const updateRole = (name: string, patch: RolePatch, etag: string) =>
  api.patch<Role>(`${V1}/roles/${encodeURIComponent(name)}`, patch, { ifMatch: etag });
export const deleteRole = (name: string, etag: string) => api.delete(`${V1}/roles/${encodeURIComponent(name)}`, { ifMatch: etag });
// The permissions the server knows: every route's x-permission in the OpenAPI document.
export const getOpenApi = () => api.get<{ paths: Record<string, Record<string, { 'x-permission'?: string }>> }>(`${V1}/openapi.json`);

export const listSlaPolicies = () => api.get<Page<SlaPolicy>>(`${V1}/sla-policies`);
export const getSlaPolicy = (id: string) => api.get<SlaPolicy>(`${V1}/sla-policies/${encodeURIComponent(id)}`);
export const createSlaPolicy = (body: NewSlaPolicy, idempotencyKey?: string) => api.post<SlaPolicy>(`${V1}/sla-policies`, body, { idempotencyKey });
export const updateSlaPolicy = (id: string, patch: Omit<NewSlaPolicy, 'id'>, etag: string) =>
  api.patch<SlaPolicy>(`${V1}/sla-policies/${encodeURIComponent(id)}`, patch, { ifMatch: etag });
export const deleteSlaPolicy = (id: string, etag: string) => api.delete(`${V1}/sla-policies/${encodeURIComponent(id)}`, { ifMatch: etag });
export const simulateSla = (body: SlaSimulation) => api.post<{ clocks: SlaClock[] }>(`${V1}/sla/simulate`, body);

export const updateCalendar = (id: string, patch: Partial<Pick<Calendar, 'weekly' | 'name_zh' | 'name_en' | 'zone'>>, etag: string) =>
  api.patch<Calendar>(`${V1}/calendars/${encodeURIComponent(id)}`, patch, { ifMatch: etag });
export const importCalendar = (id: string, body: unknown, dryRun: boolean) =>
  api.post<CalendarImportResult>(`${V1}/calendars/${encodeURIComponent(id)}/import`, body, { query: { dry_run: dryRun ? 'true' : 'false' } });

export const getTicketStats = (days = 14, riskHours?: number) =>
  api.get<TicketStats>(`${V1}/stats/tickets`, { query: { days, risk_hours: riskHours } });

export const getPriorityMatrix = () => api.get<PriorityMatrix>(`${V1}/priority-matrix`);
export const setPriorityMatrix = (cells: number[][], etag: string) => request<PriorityMatrix>(`${V1}/priority-matrix`, { method: 'PUT', body: { cells }, ifMatch: etag });

// --- KPIs and monthly statistics (issue 9) ---------------------------------------------------
export const getKpis = (q: { scope: KpiScope; id?: number | null; month: string }) =>
  api.get<KpiReport>(`${V1}/kpis`, { query: { scope: q.scope, id: q.scope === 'all' ? undefined : q.id ?? undefined, month: q.month } });
// `link` is a figure's `records` (or `orders_records`) as the API gave it.
export const listKpiRecords = (link: string, cursor: string | null) =>
  api.get<Page<KpiRecord>>(link, { query: { cursor: cursor ?? undefined, limit: 50 } });
export const getMonthlyStatistics = (month: string) =>
  api.get<MonthlyStatistics>(`${V1}/statistics/monthly`, { query: { month } });
export const approveMonthlyStatistics = (month: string, note: string, idempotencyKey?: string) =>
  api.post<MonthlyStatistics>(`${V1}/statistics/monthly/${month}/approve`, note ? { note } : {}, { idempotencyKey });
export const statisticsXlsxUrl = (month: string) => `${V1}/statistics/monthly/${month}.xlsx`;
export const statisticsPdfUrl = (month: string, lang: string) => `${V1}/statistics/monthly/${month}.pdf?lang=${lang === 'en' ? 'en' : 'zh-CN'}`;
export const listServiceCentres = () => api.get<Page<ServiceCentreSummary>>(`${V1}/service-centres`);
