// One function per API operation the UI uses (operationIds from openapi.json).
import { api } from './client';
import type { AuditEntry, Calendar, CalendarMonthInfo, LoginResponse, Me, NewOrganisation, Organisation, OrganisationKind, OrganisationPatch, Page } from './types';

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
