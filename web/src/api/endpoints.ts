// One function per API operation the UI uses (operationIds from openapi.json).
import { api } from './client';
import type { SlaClock } from '@/utils/sla';
import type {
  AuditEntry, AvailableTransition, Calendar, CalendarMonthInfo, Group, JournalEntry, Lifecycle, LoginResponse, Me, NewOrganisation, NewTicket,
  Organisation, OrganisationKind, OrganisationPatch, Page, Ticket, TicketKind, TicketPatch, TicketQuery, TransitionRequest, User,
} from './types';

const V1 = '/api/v1';

export const login = (loginName: string, password: string) =>
  api.post<LoginResponse>(`${V1}/auth/login`, { login: loginName, password }, { skipAuthRedirect: true });
export const logout = () => api.post<void>(`${V1}/auth/logout`, undefined, { skipAuthRedirect: true });
export const getMe = () => api.get<Me>(`${V1}/me`, { skipAuthRedirect: true });

export const listOrganisations = (q: { cursor?: string | null; limit?: number; kind?: OrganisationKind | '' } = {}) =>
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
