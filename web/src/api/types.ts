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
