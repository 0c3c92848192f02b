// Names behind ids (organisations, groups, agents) for the ticket pages: each list is read once per
// session and single organisations on demand, with concurrent asks for one id sharing one request.
// A lookup that fails (no permission, deleted) leaves the id shown as "#id".
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { getOrganisation, listGroups, listOrganisations, listUsers } from '@/api/endpoints';
import type { Group, Organisation, User } from '@/api/types';

const MAX_PAGES = 5;

export const useDirectoryStore = defineStore('directory', () => {
  const organisations = reactive(new Map<number, Organisation>());
  const groups = ref<Group[]>([]);
  const agents = ref<User[]>([]);
  const orgList = ref<Organisation[]>([]);
  const inflight = new Map<number, Promise<void>>();
  const once = new Map<string, Promise<void>>();

  function ensureOrganisations(ids: (number | null | undefined)[]): Promise<void> {
    const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number' && id > 0))];
    return Promise.all(wanted.map((id) => {
      if (organisations.has(id)) return Promise.resolve();
      let p = inflight.get(id);
      if (!p) {
        p = getOrganisation(id).then(({ data }) => { organisations.set(id, data); }).catch(() => undefined);
        inflight.set(id, p);
      }
      return p;
    })).then(() => undefined);
  }

  function loadOnce(key: string, fn: () => Promise<void>): Promise<void> {
    let p = once.get(key);
    if (!p) {
      p = fn().catch(() => { once.delete(key); });
      once.set(key, p);
    }
    return p;
  }

  async function allPages<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; next_cursor: string | null }>): Promise<T[]> {
    let out: T[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await fetchPage(cursor);
      out = [...out, ...page.items];
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    return out;
  }

  // Every organisation (up to MAX_PAGES pages): no picker uses it any more — they search as you
  // type (OrganisationPicker, GET /organisations?q=) — so it can go once nothing calls it.
  const loadOrganisationList = () => loadOnce('orgs', async () => {
    const items = await allPages((c) => listOrganisations({ cursor: c, limit: 200 }).then((r) => r.data));
    orgList.value = items;
    for (const o of items) organisations.set(o.id, o);
  });
  const loadGroups = () => loadOnce('groups', async () => {
    groups.value = await allPages((c) => listGroups(c).then((r) => r.data));
  });
  const loadAgents = () => loadOnce('agents', async () => {
    agents.value = await allPages((c) => listUsers({ role: 'agent', cursor: c }).then((r) => r.data));
  });

  const orgName = (id: number | null | undefined) => (id ? organisations.get(id)?.name ?? `#${id}` : '');
  const groupName = (id: number | null | undefined) => (id ? groups.value.find((g) => g.id === id)?.name ?? `#${id}` : '');
  const agentName = (id: number | null | undefined) => {
    if (!id) return '';
    const u = agents.value.find((a) => a.id === id);
    return u ? u.display_name || u.login : `#${id}`;
  };

  function clear() {
    organisations.clear();
    groups.value = [];
    agents.value = [];
    orgList.value = [];
    inflight.clear();
    once.clear();
  }

  return { organisations, orgList, groups, agents, ensureOrganisations, loadOrganisationList, loadGroups, loadAgents, orgName, groupName, agentName, clear };
});
