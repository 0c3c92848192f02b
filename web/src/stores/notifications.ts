// The bell: the unread count and the latest notifications (20 at a time, older ones on demand by
// the list's keyset cursor), kept live by the `notification` events of the live stream (each
// carries the new count) and read again after a reconnection.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead, type AppNotification } from '@/api/desk';
import { useLiveStore } from './live';

export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0);
  const items = ref<AppNotification[]>([]);
  const loaded = ref(false);
  const nextCursor = ref<string | null>(null);
  const PAGE = 20;
  let unsubscribe: (() => void)[] = [];

  async function loadCount() {
    try {
      unread.value = (await countUnreadNotifications()).data.unread;
    } catch {
      // the badge keeps its value
    }
  }

  async function loadList() {
    const { data } = await listNotifications({ limit: PAGE });
    items.value = data.items;
    unread.value = data.unread;
    nextCursor.value = data.next_cursor;
    loaded.value = true;
  }

  // The next older page, after those shown (one that arrived live meanwhile is not repeated).
  async function loadMore() {
    if (!nextCursor.value) return;
    const { data } = await listNotifications({ limit: PAGE, cursor: nextCursor.value });
    const have = new Set(items.value.map((x) => x.id));
    items.value = [...items.value, ...data.items.filter((x) => !have.has(x.id))];
    unread.value = data.unread;
    nextCursor.value = data.next_cursor;
  }

  function follow() {
    if (unsubscribe.length) return;
    const live = useLiveStore();
    unsubscribe = [
      live.on('notification', (d) => {
        const n = d as AppNotification & { unread: number };
        unread.value = n.unread;
        if (!items.value.some((x) => x.id === n.id)) items.value = [{ ...n, read: false, read_at: null }, ...items.value];
      }),
      live.onReconnect(() => { void loadCount(); if (loaded.value) void loadList(); }),
    ];
    void loadCount();
  }

  async function markRead(n: AppNotification) {
    if (n.read) return;
    unread.value = (await markNotificationRead(n.id)).data.unread;
    items.value = items.value.map((x) => (x.id === n.id ? { ...x, read: true, read_at: new Date().toISOString() } : x));
  }

  async function markAll() {
    unread.value = (await markAllNotificationsRead()).data.unread;
    items.value = items.value.map((x) => ({ ...x, read: true }));
  }

  function clear() {
    for (const u of unsubscribe) u();
    unsubscribe = [];
    unread.value = 0;
    items.value = [];
    nextCursor.value = null;
    loaded.value = false;
  }

  return { unread, items, loaded, nextCursor, follow, loadList, loadMore, markRead, markAll, clear };
});
