// The agent console's and the portal's service-desk operations beyond the ticket core: saved views
// (queues), the ticket list's periods, assignment, and the shapes they use (views.json,
// relations.json, tickets.json in src/http/openapi).
import { api, request } from './client';
import type { LocalizedLabel, Page, StateCategory, Ticket, TicketKind, TicketQuery } from './types';

const V1 = '/api/v1';

export type ViewSort = 'newest' | 'sla_due' | 'updated';
export const VIEW_SORTS: readonly ViewSort[] = ['newest', 'sla_due', 'updated'];

export interface ViewFilters {
  kind: TicketKind | null;
  state: string | null;
  state_category: StateCategory | null;
  priority: number | null;
  group_id: number | null;
  assignee_id: number | null;
  organisation_id: number | null;
  requester_id: number | null;
}

export interface SavedView {
  id: number;
  name: string;
  owner_id: number | null;
  shared: boolean;
  filters: ViewFilters;
  sort: ViewSort;
  count: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface NewView {
  name: string;
  shared?: boolean;
  sort?: ViewSort;
  filters: Partial<ViewFilters>;
}

export const listViews = () => api.get<{ items: SavedView[] }>(`${V1}/views`);
export const getView = (id: number) => api.get<SavedView>(`${V1}/views/${id}`);
export const createView = (body: NewView, idempotencyKey?: string) => api.post<SavedView>(`${V1}/views`, body, { idempotencyKey });
export const updateView = (id: number, patch: Partial<NewView>, etag: string) =>
  api.patch<SavedView>(`${V1}/views/${id}`, patch, { ifMatch: etag });
export const deleteView = (id: number, etag: string) => api.delete(`${V1}/views/${id}`, { ifMatch: etag });
export const listViewTickets = (id: number, cursor: string | null, limit = 50) =>
  api.get<Page<Ticket>>(`${V1}/views/${id}/tickets`, { query: { cursor, limit } });

// The list with a period (created_from/_to, resolved_from/_to: half-open, RFC 3339).
export interface PeriodQuery extends TicketQuery {
  priority?: number | null;
  created_from?: string;
  created_to?: string;
  resolved_from?: string;
  resolved_to?: string;
}

export const assignTicket = (id: number, body: { assignee_id?: number; group_id?: number; round_robin?: boolean }, etag: string) =>
  api.post<Ticket>(`${V1}/tickets/${id}/assign`, body, { ifMatch: etag });

// ---- Attachments (attachments.json): chunked uploads, deduplicated by SHA-256.
export interface Attachment {
  id: number;
  record_type: string;
  record_id: number;
  filename: string;
  size: number;
  content_type: string;
  sha256: string;
  visibility: 'public' | 'internal';
  journal_entry_id: number | null;
  created_by: number | null;
  created_at: string;
  download_url: string;
  inline_url: string | null;
}
export interface Upload {
  id: number;
  filename: string;
  size: number;
  chunk_bytes: number;
  chunk_count: number;
  received: number[];
  complete_url: string;
}
export const listTicketAttachments = (id: number) => api.get<{ items: Attachment[] }>(`${V1}/tickets/${id}/attachments`);
export const createTicketUpload = (id: number, body: { filename: string; size: number; sha256: string; visibility: 'public' | 'internal' }, idempotencyKey?: string) =>
  api.post<Upload>(`${V1}/tickets/${id}/uploads`, body, { idempotencyKey });
export const putUploadChunk = (id: number, index: number, bytes: Blob) =>
  request<unknown>(`${V1}/uploads/${id}/chunks/${index}`, { method: 'PUT', raw: { data: bytes, type: 'application/octet-stream' } });
export const getUpload = (id: number) => api.get<Upload>(`${V1}/uploads/${id}`);
export const completeUpload = (id: number, idempotencyKey?: string) => api.post<Attachment>(`${V1}/uploads/${id}/complete`, undefined, { idempotencyKey });
export const abandonUpload = (id: number) => api.delete(`${V1}/uploads/${id}`);
export const deleteAttachment = (id: number) => api.delete(`${V1}/attachments/${id}`);

// ---- Links, merge, escalation (relations.json)
export type LinkKind = 'parent_of' | 'child_of' | 'relates_to' | 'duplicate_of' | 'duplicated_by' | 'caused_by' | 'causes';
export const LINK_KINDS: readonly LinkKind[] = ['relates_to', 'parent_of', 'child_of', 'duplicate_of', 'duplicated_by', 'caused_by', 'causes'];
export interface TicketLink {
  id: number;
  kind: LinkKind;
  label: LocalizedLabel;
  ticket: { id: number; number: string; title: string; kind: TicketKind; state: string };
  created_at: string;
}
export const listTicketLinks = (id: number) => api.get<{ items: TicketLink[] }>(`${V1}/tickets/${id}/links`);
export const linkTickets = (id: number, body: { kind: LinkKind; ticket_id: number }, idempotencyKey?: string) =>
  api.post<TicketLink>(`${V1}/tickets/${id}/links`, body, { idempotencyKey });
export const unlinkTickets = (id: number, linkId: number) => api.delete(`${V1}/tickets/${id}/links/${linkId}`);
export const mergeTicket = (id: number, into: number, etag: string) => api.post<Ticket>(`${V1}/tickets/${id}/merge`, { into }, { ifMatch: etag });
export const escalateTicket = (id: number, body: { group_id: number; reason: string; round_robin?: boolean }, etag: string) =>
  api.post<Ticket>(`${V1}/tickets/${id}/escalate`, body, { ifMatch: etag });
// The ticket with this number, if the caller may see it.
export const findTicketByNumber = async (number: string): Promise<Ticket | null> =>
  (await api.get<Page<Ticket>>(`${V1}/tickets`, { query: { number: number.trim().toUpperCase(), limit: 1 } })).data.items[0] ?? null;

// ---- Approvals (catalogue.json)
export type ApprovalState = 'waiting' | 'pending' | 'approved' | 'rejected' | 'not_needed' | 'cancelled';
export interface Approval {
  id: number;
  ticket_id: number;
  ticket_number: string;
  ticket_title: string;
  stage: number;
  stage_label: LocalizedLabel;
  rule: 'any' | 'all';
  approver_id: number;
  approver_login: string;
  approver_name: string;
  source: string;
  state: ApprovalState;
  comment: string;
  decided_at: string | null;
}
export const listTicketApprovals = (id: number) => api.get<{ items: Approval[] }>(`${V1}/tickets/${id}/approvals`);
export const decideTicketApproval = (id: number, body: { decision: 'approve' | 'reject'; comment?: string }, idempotencyKey?: string) =>
  api.post<{ items: Approval[] }>(`${V1}/tickets/${id}/approvals`, body, { idempotencyKey });

// ---- Notifications (the bell) and search
export interface AppNotification {
  id: number;
  event_type: string;
  record_type: string;
  record_id: number;
  title: string;
  body: string;
  created_at: string;
  read_at?: string | null;
  read?: boolean;
}
export const listNotifications = (q: { unread?: boolean; cursor?: string | null; limit?: number } = {}) =>
  api.get<{ items: AppNotification[]; unread: number; next_cursor: string | null }>(`${V1}/notifications`, {
    query: { unread: q.unread ? 'true' : undefined, cursor: q.cursor, limit: q.limit ?? 20 },
  });
export const countUnreadNotifications = () => api.get<{ unread: number }>(`${V1}/notifications/unread-count`);
export const markNotificationRead = (id: number) => api.post<{ unread: number }>(`${V1}/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<{ unread: number }>(`${V1}/notifications/read-all`);

export interface SearchHit { id: number; number: string; title: string; kind: TicketKind; state: string; snippet: string; score: number }
export const searchTickets = (q: string, cursor?: string | null, limit = 20, kind?: TicketKind | null) =>
  api.get<Page<SearchHit>>(`${V1}/search`, { query: { q, kind, cursor, limit } });

// ---- Service catalogue and request forms (catalogue.json)
export type FormFieldType = 'text' | 'number' | 'date' | 'select' | 'user' | 'organisation' | 'configuration_item';
export const FORM_FIELD_TYPES: readonly FormFieldType[] = ['text', 'number', 'date', 'select', 'user', 'organisation', 'configuration_item'];
export interface FormCondition { field: string; values?: (string | number)[] }
export interface FormField {
  name: string;
  type: FormFieldType;
  label_zh: string;
  label_en: string;
  help_zh?: string;
  help_en?: string;
  required?: boolean;
  max_length?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  options?: { value: string; label_zh: string; label_en: string }[];
  shown_when?: FormCondition;
  required_when?: FormCondition;
}
export interface FormSchema { fields: FormField[] }
export interface CatalogueService {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  description_zh?: string;
  description_en?: string;
  category?: string;
  active: boolean;
  version: number;
}
export interface ApprovalStage { label_zh: string; label_en: string; rule: 'any' | 'all'; approvers: ({ type: 'role'; role: string } | { type: 'manager' } | { type: 'user'; user_id: number })[] }
export interface CatalogueItem {
  id: number;
  service_id: number;
  service_code: string;
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  category: string;
  audience: { roles: string[]; organisation_ids: number[] };
  default_group_id: number | null;
  impact: number;
  urgency: number;
  approvals: ApprovalStage[];
  form_version: number;
  form_schema: FormSchema;
  active: boolean;
  version: number;
}
export const listCatalogueServices = () => api.get<{ items: CatalogueService[] }>(`${V1}/catalogue/services`);
export const listCatalogueItems = (q: { service_id?: number; include_inactive?: boolean } = {}) =>
  api.get<{ items: CatalogueItem[] }>(`${V1}/catalogue/items`, { query: { service_id: q.service_id, include_inactive: q.include_inactive ? 'true' : undefined } });
export const createCatalogueService = (body: Partial<CatalogueService>, idempotencyKey?: string) =>
  api.post<CatalogueService>(`${V1}/catalogue/services`, body, { idempotencyKey });
export const createCatalogueItem = (body: Partial<CatalogueItem>, idempotencyKey?: string) =>
  api.post<CatalogueItem>(`${V1}/catalogue/items`, body, { idempotencyKey });
export const updateCatalogueItem = (id: number, patch: Partial<CatalogueItem>, etag: string) =>
  api.patch<CatalogueItem>(`${V1}/catalogue/items/${id}`, patch, { ifMatch: etag });
export const raiseRequest = (body: { kind: 'request'; catalogue_item_id: number; form: Record<string, unknown>; title?: string; description?: string; organisation_id?: number; channel?: string }, idempotencyKey?: string) =>
  api.post<Ticket>(`${V1}/tickets`, body, { idempotencyKey });

// Watchers of a ticket (told about it by the notification recipient "watchers").
export interface TicketWatcher { user_id: number; login: string; display_name: string; added_by: number | null; added_at: string }
export const listTicketWatchers = (id: number) => api.get<{ items: TicketWatcher[]; watching: boolean }>(`${V1}/tickets/${id}/watchers`);
export const addTicketWatcher = (id: number, userId: number, idempotencyKey?: string) =>
  api.post<TicketWatcher>(`${V1}/tickets/${id}/watchers`, { user_id: userId }, { idempotencyKey });
export const removeTicketWatcher = (id: number, userId: number) => api.delete(`${V1}/tickets/${id}/watchers/${userId}`);

// The delivery log of a ticket (notification.read) and sending a failed delivery again
// (notification.admin).
export interface Delivery {
  id: number; event_type: string; channel: 'in_app' | 'email' | 'webhook' | 'wecom' | 'dingtalk'; recipient: string;
  user_id: number | null; address: string; language: string; subject: string; state: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number; last_error: string; created_at: string; sent_at: string | null;
}
export const listTicketDeliveries = (id: number) => api.get<{ items: Delivery[] }>(`${V1}/tickets/${id}/deliveries`);
export const retryDelivery = (id: number) => api.post<Delivery>(`${V1}/notification-deliveries/${id}/retry`);
