import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { csrfToken, setFetch } from '@/api/client';
import { useSessionStore } from './session';
import type { Me } from '@/api/types';
import { createAppRouter } from '@/router';

type Handler = (url: string, init: RequestInit) => { status: number; body?: unknown };

function serve(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  setFetch((async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const { status, body } = handler(url, init);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
  }) as unknown as typeof fetch);
  return calls;
}

const unauth = { status: 401, body: { type: 'https://fuwu.dev/problems/unauthenticated', title: 'Authentication required', status: 401 } };
const customer: Me = {
  id: 7, login: 'zhang.wei', display_name: '张伟', email: '', role: 'customer', organisation_id: 3, language: 'zh-CN', time_zone: 'Asia/Shanghai',
  permissions: [{ permission: 'me.read', scope: 'own' }, { permission: 'organisation.read', scope: 'organisation' }], group_ids: [], via: 'session', csrf_token: 'csrf-from-me',
};

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => setFetch(null));

describe('session store', () => {
  it('keeps the CSRF token in memory only, not in the user object', async () => {
    serve((url) => (url.endsWith('/auth/login') ? { status: 200, body: { csrf_token: 'csrf-from-login', expires_at: '', user: customer } } : { status: 200, body: customer }));
    const s = useSessionStore();
    await s.login('zhang.wei', 'pw');
    expect(s.signedIn).toBe(true);
    expect(csrfToken()).toBe('csrf-from-me');
    expect(s.me).not.toHaveProperty('csrf_token');
    expect(s.can('organisation.read')).toBe(true);
    expect(s.can('organisation.write')).toBe(false);
    expect(globalThis.localStorage?.length ?? 0).toBe(0);
  });

  it('treats 401 from /me as signed out, and logout clears everything even if the server says 401', async () => {
    serve(() => unauth);
    const s = useSessionStore();
    expect(await s.load()).toBeNull();
    expect(s.loaded).toBe(true);
    expect(s.signedIn).toBe(false);
    s.me = { ...customer };
    await s.logout();
    expect(s.me).toBeNull();
    expect(csrfToken()).toBeNull();
  });
});

describe('router guard', () => {
  it('sends a signed-out visitor to the sign-in page with the page they wanted', async () => {
    serve(() => unauth);
    const router = createAppRouter(createMemoryHistory());
    await router.push('/organisations/3');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/organisations/3');
  });

  it('starts a customer on the first menu entry they may open and hides pages without the permission', async () => {
    serve(() => ({ status: 200, body: customer }));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('organisations');
    await router.push('/calendars');
    expect(router.currentRoute.value.name).toBe('not-found');
    await router.push('/login');
    expect(router.currentRoute.value.name).toBe('organisations'); // already signed in
  });

  it('a 401 during the session goes back to sign-in, marked as expired', async () => {
    let signedIn = true;
    serve((url) => (signedIn || !url.endsWith('/organisations') ? { status: 200, body: customer } : unauth));
    const router = createAppRouter(createMemoryHistory());
    await router.push('/account');
    signedIn = false;
    const { listOrganisations } = await import('@/api/endpoints');
    await listOrganisations().catch(() => null);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(router.currentRoute.value.query).toMatchObject({ redirect: '/account', expired: '1' });
  });
});
