// Customer care (issue 9): complaints (投诉), follow-ups (回访) and the customer archive (客户档案).
// One function per operation (operationIds of src/http/openapi/customer_care.json).
import { api } from './client';
import type { Page, Ticket } from './types';

const V1 = '/api/v1';

export const COMPLAINT_CHANNELS = ['call', 'letter', 'visit', 'portal', 'email'] as const;
export const COMPLAINT_ABOUT = ['engineer', 'work_order', 'product', 'attitude', 'fees'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export type ComplaintAbout = (typeof COMPLAINT_ABOUT)[number];

export interface ComplaintFacts {
  channel: ComplaintChannel;
  organisation_id: number;
  contact_id: number | null;
  contact_name: string;
  contact_phone: string;
  about: ComplaintAbout;
  severity: 'normal' | 'major';
  work_order_id: number | null;
  related_ticket_id: number | null;
  engineer_id: number | null;
  follow_up_id: number | null;
  is_complaint: boolean | null;
  routed_to_id: number | null;
  head_id: number | null;
  cause: string;
  attributable: boolean | null;
  human_factor: boolean | null;
  responsible_id: number | null;
  disciplinary_note: string;
  support_request: string;
  remedy: string;
  remedy_rounds: number;
  customer_agreed_at: string | null;
  solution: string;
  carried_out_at: string | null;
  customer_informed_at: string | null;
  improvement_action: string;
  calendar: string;
  received_at: string;
  due_at: string;
  closed_at: string | null;
  deadline_state: 'running' | 'met' | 'breached';
  remedy_proposed_at: string | null;
  // The 8-working-hour limits of seed 004 §5.1.18 (as far as set).
  limits: { kind: 'inform' | 'remedy'; due_at: string; met_at: string | null; state: 'running' | 'met' | 'breached' }[];
}

export interface ComplaintStepDef {
  name: string;
  label: { 'zh-CN': string; en: string };
}

export type Complaint = Omit<Ticket, 'kind'> & {
  kind: 'complaint';
  complaint: ComplaintFacts;
  steps: ComplaintStepDef[];
};

export interface NewComplaint {
  channel?: ComplaintChannel;
  about: ComplaintAbout;
  severity?: 'normal' | 'major';
  title?: string;
  description: string;
  organisation_id?: number;
  contact_name?: string;
  contact_phone?: string;
  received_at?: string;
}

export interface ComplaintStep {
  transition: string;
  routed_to_id?: number;
  head_id?: number;
  cause?: string;
  attributable?: boolean;
  responsible_id?: number;
  disciplinary_note?: string;
  support_request?: string;
  remedy?: string;
  solution?: string;
  improvement_action?: string;
  comment?: string;
}

export interface ComplaintQuery {
  cursor?: string | null;
  limit?: number;
  state?: string;
  state_category?: string;
  open?: 'true';
  severity?: string;
  about?: string;
  organisation_id?: number;
}

export interface FollowUp {
  id: number;
  organisation_id: number;
  source: 'work_order' | 'ticket' | 'schedule' | 'survey' | 'manual';
  source_ticket_id: number | null;
  source_number: string | null;
  survey_response_id: number | null;
  method: 'phone' | 'visit' | 'letter' | 'message';
  assignee_id: number | null;
  contact_id: number | null;
  state: 'open' | 'done' | 'cancelled';
  due_at: string;
  overdue: boolean;
  reached: boolean | null;
  satisfied: boolean | null;
  score: number | null;
  comments: string;
  action: 'complaint' | 'reopen_work_order' | null;
  complaint_id: number | null;
  reopened_work_order_id: number | null;
  version: number;
  created_at: string;
  completed_at: string | null;
}

export interface FollowUpOutcome {
  reached: boolean;
  satisfied?: boolean;
  score?: number;
  comments?: string;
  action?: 'complaint' | 'reopen_work_order';
}

export interface ArchiveRecord {
  kind: string;
  id: number;
  number: string;
  title: string;
  state: string;
  at: string;
}

export interface CustomerCare {
  key_customer: boolean;
  visit_interval_days: number;
  visit_method: string;
  next_visit_on: string | null;
  no_units: boolean;
  care_owner_id: number | null;
  version: number;
}

export interface CustomerArchive {
  organisation: { id: number; name: string; kind: string; code: string; region_code: string };
  sites: { id: number; name: string; address: string }[];
  contacts: { id: number; display_name: string; email: string; phone: string; kind: string }[];
  units: {
    id: number; serial: string; model_code: string; model_name: { 'zh-CN': string; en: string }; site_id: number | null;
    warranty: { in_warranty: boolean; reason: string; ends_on: string | null };
  }[];
  contract: { contract: string; response_terms: Record<string, unknown> | null; inherited: boolean };
  records: Record<string, ArchiveRecord[]>;
  care: CustomerCare;
  archive: {
    complete: boolean;
    gaps: { item: string; label: { 'zh-CN': string; en: string } }[];
    first_contact_at: string | null;
    task_id: number | null;
    due_at: string | null;
    completed_at: string | null;
  };
}

export const listComplaints = (q: ComplaintQuery = {}) =>
  api.get<Page<Complaint>>(`${V1}/complaints`, { query: { ...q } as Record<string, string | number | null | undefined> });
export const getComplaint = (id: number) => api.get<Complaint>(`${V1}/complaints/${id}`);
export const createComplaint = (body: NewComplaint, idempotencyKey?: string) =>
  api.post<Complaint>(`${V1}/complaints`, body, { idempotencyKey });
export const transitionComplaint = (id: number, body: ComplaintStep, etag: string) =>
  api.post<Complaint>(`${V1}/complaints/${id}/transitions`, body, { ifMatch: etag });

export const listFollowUps = (q: { cursor?: string | null; limit?: number; state?: string; organisation_id?: number } = {}) =>
  api.get<Page<FollowUp>>(`${V1}/follow-ups`, { query: { ...q } as Record<string, string | number | null | undefined> });
export const recordFollowUpOutcome = (id: number, body: FollowUpOutcome, etag: string) =>
  api.post<FollowUp>(`${V1}/follow-ups/${id}/outcome`, body, { ifMatch: etag });

// The customer-care settings (GET with follow_up.read, PUT with crm_settings.write).
export interface CrmSettings {
  follow_up_delay_days: number;
  follow_up_days: number;
  follow_up_method: FollowUp['method'];
  calendar: string;
  follow_up_group_id: number | null;
}
export const getCrmSettings = () => api.get<CrmSettings>(`${V1}/follow-ups/settings`);
export const setCrmSettings = (body: CrmSettings, etag: string) =>
  api.put<CrmSettings>(`${V1}/follow-ups/settings`, { body, ifMatch: etag });

export const setCustomerCare = (organisationId: number, body: Partial<Omit<CustomerCare, 'version'>>, etag: string) =>
  api.put<CustomerCare>(`${V1}/customers/${organisationId}/care`, { body, ifMatch: etag });
export const getCustomerArchive = (organisationId: number) =>
  api.get<CustomerArchive>(`${V1}/customers/${organisationId}/archive`);
