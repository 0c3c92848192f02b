import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, PreconditionFailedError, api, fieldName, onUnauthenticated, setCsrfToken, setFetch } from './client';

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(status === 204 ? null : text, { status, headers }));
}

afterEach(() => {
  setFetch(null);
  setCsrfToken(null);
  onUnauthenticated(null);
});

describe('api client', () => {
  it('sends the session cookie and the CSRF token on unsafe methods only', async () => {
    setCsrfToken('tok123');
    const f = respond(200, { ok: true }, { ETag: '"3"' });
    setFetch(f as unknown as typeof fetch);
    const r = await api.get<{ ok: boolean }>('/api/v1/me');
    expect(r.data.ok).toBe(true);
    expect(r.etag).toBe('"3"');
    let init = f.mock.calls[0]![1]!;
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();

    await api.post('/api/v1/organisations', { name: 'x' }, { idempotencyKey: 'k1' });
    init = f.mock.calls[1]![1]!;
    const h = init.headers as Record<string, string>;
    expect(h['X-CSRF-Token']).toBe('tok123');
    expect(h['Content-Type']).toBe('application/json');
    expect(h['Idempotency-Key']).toBe('k1');
    expect(init.body).toBe('{"name":"x"}');
  });

  it('sends If-Match and builds query strings without empty values', async () => {
    const f = respond(200, {});
    setFetch(f as unknown as typeof fetch);
    await api.patch('/api/v1/organisations/4', { name: 'y' }, { ifMatch: '"7"' });
    expect((f.mock.calls[0]![1]!.headers as Record<string, string>)['If-Match']).toBe('"7"');
    await api.get('/api/v1/organisations', { query: { kind: '', cursor: null, limit: 50 } });
    expect(f.mock.calls[1]![0]).toBe('/api/v1/organisations?limit=50');
  });

  it('turns problem+json into a typed error with field errors by form field', async () => {
    setFetch(respond(422, {
      type: 'https://fuwu.dev/problems/validation-failed', title: 'Validation failed', status: 422, request_id: 'r-1',
      errors: [{ field: '/name', code: 'required', message: 'must not be blank' }, { field: '/address/city', code: 'too_long', message: 'x' }],
    }, { 'Content-Type': 'application/problem+json' }) as unknown as typeof fetch);
    const err = await api.post('/api/v1/organisations', {}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe('validation-failed');
    expect(err.status).toBe(422);
    expect(err.requestId).toBe('r-1');
    expect(err.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['name', 'address.city']);
  });

  it('gives 412 its own error class', async () => {
    setFetch(respond(412, { type: 'https://fuwu.dev/problems/precondition-failed', title: 'Precondition failed', status: 412 }) as unknown as typeof fetch);
    const err = await api.patch('/x', {}, { ifMatch: '"1"' }).catch((e) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect(err.kind).toBe('precondition-failed');
  });

  it('calls the 401 handler, except where the caller handles it', async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    setFetch(respond(401, { type: 'https://fuwu.dev/problems/unauthenticated', title: 'Authentication required', status: 401 }) as unknown as typeof fetch);
    await api.get('/api/v1/organisations').catch(() => null);
    expect(handler).toHaveBeenCalledTimes(1);
    await api.post('/api/v1/auth/login', {}, { skipAuthRedirect: true }).catch(() => null);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reports Retry-After on 429, and network failures as kind "network"', async () => {
    setFetch(respond(429, { type: 'https://fuwu.dev/problems/rate-limited', title: 'Too many', status: 429 }, { 'Retry-After': '600' }) as unknown as typeof fetch);
    const err = await api.post('/api/v1/auth/login', {}).catch((e) => e);
    expect(err.retryAfter).toBe(600);
    setFetch((async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch);
    const net = await api.get('/x').catch((e) => e);
    expect(net.kind).toBe('network');
    expect(net.status).toBe(0);
  });

  it('handles 204 and non-JSON error bodies', async () => {
    setFetch(respond(204, undefined) as unknown as typeof fetch);
    expect((await api.delete('/x', { ifMatch: '"1"' })).status).toBe(204);
    setFetch((async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })) as unknown as typeof fetch);
    const err = await api.get('/x').catch((e) => e);
    expect(err.status).toBe(502);
    expect(err.kind).toBe('unknown');
  });

  it('maps JSON pointers to form field names', () => {
    expect(fieldName('/name')).toBe('name');
    expect(fieldName('/a~1b/c')).toBe('a/b.c');
    expect(fieldName('kind')).toBe('kind');
  });
});
