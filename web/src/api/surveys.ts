// Satisfaction surveys (/api/v1/surveys, see src/http/openapi/surveys.json): types and one
// function per operation the UI uses.
import { api } from './client';
import type { Page } from './types';

const V1 = '/api/v1/surveys';

export interface SurveyQuestion {
  key: string;
  kind: 'scale' | 'comment';
  text_zh: string;
  text_en: string;
  weight_bp?: number;
  scale_min?: number;
  scale_max?: number;
  allow_na?: boolean;
  labels_zh?: string[];
  labels_en?: string[];
}

export interface SurveyTemplate {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  template_version: number;
  questions: SurveyQuestion[];
  weight_sum_bp: number;
  version: number;
}

export interface NewSurveyTemplate {
  code: string;
  name_zh: string;
  name_en: string;
  questions: SurveyQuestion[];
}

export type SurveyChannel = 'portal' | 'email' | 'sign_off';

export interface SurveyPopulation {
  kind: 'closed_in_period' | 'organisations' | 'records';
  from?: string;
  to?: string;
  record_kind?: 'work_order' | 'ticket';
  ids?: number[];
}

export interface SurveyCampaign {
  id: number;
  template_id: number;
  template_version: number;
  template_name_zh: string;
  name_zh: string;
  name_en: string;
  channel: SurveyChannel;
  population: SurveyPopulation;
  state: 'open' | 'closed';
  required_return_bp: number;
  low_score_bp: number;
  invitations: number;
  responses: number;
  return_rate_percent: number;
  valid: boolean;
  version: number;
  created_at: string;
}

export interface NewSurveyCampaign {
  template_id: number;
  name_zh: string;
  name_en: string;
  channel: SurveyChannel;
  population: SurveyPopulation;
  required_return_bp?: number;
  low_score_bp?: number;
}

export interface SurveyInvitation {
  id: number;
  campaign_id: number;
  campaign_name_zh: string;
  campaign_name_en: string;
  channel: SurveyChannel;
  campaign_state: string;
  organisation_id: number;
  organisation_name: string;
  ticket_id: number | null;
  ticket_number: string;
  responded_at: string | null;
  response_id: number | null;
  token?: string;
  link?: string;
}

export interface SurveyForm {
  invitation: SurveyInvitation;
  questions: SurveyQuestion[];
}

export interface SurveyAnswer {
  key: string;
  value?: number;
  not_applicable?: boolean;
  comment?: string;
}

export type SurveyBand = 'satisfied' | 'fairly_satisfied' | 'moderately_satisfied' | 'dissatisfied';

export interface SurveyResponse {
  id: number;
  score_percent: number;
  band: SurveyBand;
  band_zh: string;
  band_en: string;
  not_applicable_answers: number;
}

export interface SurveyGroup {
  id: number | null;
  name: string;
  responses: number;
  score_percent: number;
  band: SurveyBand;
  band_zh: string;
  band_en: string;
}

export interface SurveyReport {
  campaign: SurveyCampaign;
  questions: SurveyQuestion[];
  return_rate: { invitations: number; responses: number; percent: number; required_percent: number; valid: boolean };
  score_percent: number | null;
  band: SurveyBand | null;
  band_zh?: string;
  band_en?: string;
  not_applicable_responses: number;
  per_question: { key: string; answered: number; not_applicable: number; average: number | null; average_percent: number | null; distribution: { answer: number | 'not_applicable'; responses: number }[] }[];
  bands: { band: SurveyBand; responses: number }[];
  by_service_centre: SurveyGroup[];
  by_engineer: SurveyGroup[];
  comments: { response_id: number; question_key: string; comment: string; organisation_name: string }[];
  comments_total: number;
  trend: { campaign_id: number; name_zh: string; name_en: string; created_at: string; responses: number; invitations: number; score_percent: number | null; valid: boolean }[];
  statements: { validity_zh: string; validity_en: string; not_applicable_zh: string; not_applicable_en: string };
}

export const listSurveyTemplates = () => api.get<Page<SurveyTemplate>>(`${V1}/templates`);
export const createSurveyTemplate = (body: NewSurveyTemplate, idempotencyKey?: string) =>
  api.post<SurveyTemplate>(`${V1}/templates`, body, { idempotencyKey });
export const updateSurveyTemplate = (id: number, body: Partial<NewSurveyTemplate>, etag: string) =>
  api.patch<SurveyTemplate>(`${V1}/templates/${id}`, body, { ifMatch: etag });
export const listSurveyCampaigns = () => api.get<Page<SurveyCampaign>>(`${V1}/campaigns`);
export const createSurveyCampaign = (body: NewSurveyCampaign, idempotencyKey?: string) =>
  api.post<SurveyCampaign>(`${V1}/campaigns`, body, { idempotencyKey });
export const closeSurveyCampaign = (id: number, etag: string) => api.post<SurveyCampaign>(`${V1}/campaigns/${id}/close`, undefined, { ifMatch: etag });
export const reopenSurveyCampaign = (id: number, etag: string) => api.post<SurveyCampaign>(`${V1}/campaigns/${id}/reopen`, undefined, { ifMatch: etag });
export const getSurveyReport = (id: number) => api.get<SurveyReport>(`${V1}/campaigns/${id}/report`);
export const listMySurveyInvitations = () => api.get<Page<SurveyInvitation>>(`${V1}/invitations`);
export const getSurveyForm = (invitationId: number) => api.get<SurveyForm>(`${V1}/invitations/${invitationId}/form`);
export const getSurveyFormByToken = (token: string) =>
  api.get<SurveyForm>(`${V1}/forms/${encodeURIComponent(token)}`, { skipAuthRedirect: true });
export const submitSurveyResponse = (campaignId: number, invitationId: number, answers: SurveyAnswer[], idempotencyKey?: string) =>
  api.post<SurveyResponse>(`${V1}/campaigns/${campaignId}/responses`, { invitation_id: invitationId, answers }, { idempotencyKey });
export const submitSurveyResponseByToken = (token: string, answers: SurveyAnswer[]) =>
  api.post<SurveyResponse>(`${V1}/forms/${encodeURIComponent(token)}/responses`, { answers }, { skipAuthRedirect: true });
