import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setFetch } from '@/api/client';
import { useDirectoryStore } from './directory';

function serve(handler: (url: string) => { status: number; body?: unknown }) {
  const calls: string[] = [];
  setFetch((async (url: string) => {
    calls.push(url);
    await new Promise((r) => setTimeout(r, 1));
    const { status, body } = handler(url);
    return new Response(JSON.stringify(body ?? {}), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch);
  return calls;
}

const org = (id: number, name: string) => ({ id, name, kind: 'customer', code: '', region_code: '', notes: '', version: 1, created_at: '', updated_at: '' });

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => setFetch(null));

describe('directory store', () => {
  it('reads each organisation once, even when asked concurrently, and shows #id for the unknown', async () => {
    const calls = serve((url) => (url.endsWith('/organisations/3') ? { status: 200, body: org(3, '华东电力') } : { status: 404, body: { type: 'https://fuwu.dev/problems/not-found', title: 'Not found', status: 404 } }));
    const d = useDirectoryStore();
    await Promise.all([d.ensureOrganisations([3, 3, null]), d.ensureOrganisations([3, 9])]);
    await d.ensureOrganisations([3]);
    expect(calls.filter((u) => u.endsWith('/organisations/3'))).toHaveLength(1);
    expect(d.orgName(3)).toBe('华东电力');
    expect(d.orgName(9)).toBe('#9');
    expect(d.orgName(null)).toBe('');
  });

  it('follows cursors for the agent list, reads it once, and names agents by display name', async () => {
    const calls = serve((url) => (url.includes('cursor=c2')
      ? { status: 200, body: { items: [{ id: 6, login: 'wang', display_name: '' }], next_cursor: null } }
      : { status: 200, body: { items: [{ id: 5, login: 'li.na', display_name: '李娜' }], next_cursor: 'c2' } }));
    const d = useDirectoryStore();
    await Promise.all([d.loadAgents(), d.loadAgents()]);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('role=agent');
    expect(d.agentName(5)).toBe('李娜');
    expect(d.agentName(6)).toBe('wang');
    expect(d.agentName(7)).toBe('#7');
  });

  it('tries a failed list again on the next ask', async () => {
    let fail = true;
    serve(() => (fail ? { status: 503, body: { type: 'https://fuwu.dev/problems/unavailable', title: 'x', status: 503 } } : { status: 200, body: { items: [{ id: 1, name: '一线服务台', line: 1 }], next_cursor: null } }));
    const d = useDirectoryStore();
    await d.loadGroups();
    expect(d.groups).toHaveLength(0);
    fail = false;
    await d.loadGroups();
    expect(d.groupName(1)).toBe('一线服务台');
  });
});
