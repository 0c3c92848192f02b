// The API client: fetch with the session cookie, the CSRF token on unsafe methods, problem+json
// turned into typed errors. The CSRF token lives in memory only (from login or GET /api/v1/me).

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  request_id?: string;
  errors?: FieldError[];
  allowed?: string | string[]; // the server sends "a,b"
}

export type ProblemKind =
  | 'invalid-request' | 'validation-failed' | 'not-found' | 'conflict' | 'invalid-transition'
  | 'precondition-failed' | 'precondition-required' | 'unauthenticated' | 'permission-denied'
  | 'rate-limited' | 'payload-too-large' | 'unsupported-media-type' | 'unavailable' | 'timeout'
  | 'internal' | 'network' | 'unknown';

const PROBLEM_PREFIX = 'https://fuwu.dev/problems/';

// Field names come as JSON pointers ("/name", "/address/city"); forms use "name", "address.city".
export function fieldName(pointer: string): string {
  const p = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return p.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

export class ApiError extends Error {
  readonly status: number;
  readonly kind: ProblemKind;
  readonly problem: Problem;
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.retryAfter = retryAfter;
    const suffix = problem.type.startsWith(PROBLEM_PREFIX) ? problem.type.slice(PROBLEM_PREFIX.length) : '';
    this.kind = (suffix || (problem.status === 0 ? 'network' : 'unknown')) as ProblemKind;
  }

  get requestId(): string | undefined {
    return this.problem.request_id;
  }

  // Field errors keyed by form field name; several errors on one field are joined.
  get fieldErrors(): FieldError[] {
    return (this.problem.errors ?? []).map((e) => ({ ...e, field: fieldName(e.field) }));
  }
}

export class PreconditionFailedError extends ApiError {
  constructor(problem: Problem) {
    super(problem);
    this.name = 'PreconditionFailedError';
  }
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | null;
  headers: Headers;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
  // A binary body sent as is with its type (an upload's chunk, a signature image), instead of `body`.
  raw?: { data: Blob | ArrayBuffer; type: string };
  ifMatch?: string | null;
  idempotencyKey?: string;
  // Do not run the 401 handler (the login call itself, the first /me probe).
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

type Handler = (err: ApiError) => void;

const state: { csrf: string | null; onUnauthenticated: Handler | null; fetch: typeof fetch | null } = {
  csrf: null,
  onUnauthenticated: null,
  fetch: null,
};

export function setCsrfToken(token: string | null): void {
  state.csrf = token;
}
export function csrfToken(): string | null {
  return state.csrf;
}
export function onUnauthenticated(h: Handler | null): void {
  state.onUnauthenticated = h;
}
// For tests.
export function setFetch(f: typeof fetch | null): void {
  state.fetch = f;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function toProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const j = JSON.parse(text) as Partial<Problem>;
    if (j && typeof j === 'object' && typeof j.type === 'string') {
      return { ...j, type: j.type, title: j.title ?? res.statusText, status: j.status ?? res.status } as Problem;
    }
  } catch {
    // not JSON
  }
  return { type: 'about:blank', title: res.statusText || 'Error', status: res.status, detail: text.slice(0, 200) || undefined };
}

export async function request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.raw) headers['Content-Type'] = opts.raw.type;
  if (UNSAFE.has(method) && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;

  const f = state.fetch ?? globalThis.fetch.bind(globalThis);
  let res: Response;
  try {
    res = await f(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.raw ? opts.raw.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError({ type: 'network', title: 'Network error', status: 0, detail: String((e as Error)?.message ?? e) });
  }

  if (!res.ok) {
    const problem = await toProblem(res);
    const retry = Number(res.headers.get('Retry-After'));
    const err = res.status === 412
      ? new PreconditionFailedError(problem)
      : new ApiError(problem, Number.isFinite(retry) && retry > 0 ? retry : null);
    if (res.status === 401 && !opts.skipAuthRedirect) state.onUnauthenticated?.(err);
    throw err;
  }

  let data: unknown = undefined;
  if (res.status !== 204) {
    const text = await res.text();
    data = text ? JSON.parse(text) : undefined;
  }
  return { status: res.status, data: data as T, etag: res.headers.get('ETag'), headers: res.headers };
}

export const api = {
  get: <T>(path: string, opts: Omit<RequestOptions, 'method' | 'body'> = {}) => request<T>(path, { ...opts, method: 'GET' }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'POST', body }),
  patch: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'PATCH', body }),
  put: <T>(path: string, opts: Omit<RequestOptions, 'method'> = {}) => request<T>(path, { ...opts, method: 'PUT' }),
  delete: <T = void>(path: string, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'DELETE' }),
};
