// Who is signed in. Kept in memory only: a reload asks GET /api/v1/me again (the session cookie is
// HttpOnly), so nothing secret is ever written to local storage.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, setCsrfToken } from '@/api/client';
import * as ep from '@/api/endpoints';
import type { Me } from '@/api/types';
import { hasPermission } from '@/utils/permissions';
import { useDirectoryStore } from './directory';
import { useLiveStore } from './live';
import { useViewsStore } from './views';
import { useNotificationsStore } from './notifications';
import { forgetPriorityMatrix } from '@/composables/usePriorityMatrix';

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);

  async function load(): Promise<Me | null> {
    try {
      const { data } = await ep.getMe();
      const { csrf_token, ...user } = data;
      if (csrf_token) setCsrfToken(csrf_token);
      me.value = user as Me;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      clear();
    } finally {
      loaded.value = true;
    }
    return me.value;
  }

  async function login(loginName: string, password: string): Promise<void> {
    const { data } = await ep.login(loginName, password);
    setCsrfToken(data.csrf_token);
    await load();
  }

  async function logout(): Promise<void> {
    try {
      await ep.logout();
    } catch {
      // already signed out on the server: fine
    } finally {
      clear();
    }
  }

  function clear(): void {
    me.value = null;
    setCsrfToken(null);
    useDirectoryStore().clear(); // names seen by this user are not kept for the next one
    useLiveStore().stop();
    useViewsStore().clear();
    useNotificationsStore().clear();
    forgetPriorityMatrix();
  }

  const signedIn = computed(() => me.value !== null);
  const can = (permission: string) => hasPermission(me.value?.permissions ?? [], permission);

  return { me, loaded, signedIn, load, login, logout, clear, can };
});
