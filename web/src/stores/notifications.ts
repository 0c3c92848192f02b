// The bell: the unread count and the latest notifications, kept live by the `notification` events
// of the live stream (each carries the new count) and read again after a reconnection.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead, type AppNotification } from '@/api/desk';
import { useLiveStore } from './live';

export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0);
  const items = ref<AppNotification[]>([]);
  const loaded = ref(false);
  let unsubscribe: (() => void)[] = [];

  async function loadCount() {
    try {
      unread.value = (await countUnreadNotifications()).data.unread;
    } catch {
      // the badge keeps its value
    }
  }

  async function loadList() {
    const { data } = await listNotifications({ limit: 20 });
    items.value = data.items;
    unread.value = data.unread;
    loaded.value = true;
  }

  function follow() {
    if (unsubscribe.length) return;
    const live = useLiveStore();
    unsubscribe = [
      live.on('notification', (d) => {
        const n = d as AppNotification & { unread: number };
        unread.value = n.unread;
        if (!items.value.some((x) => x.id === n.id)) items.value = [{ ...n, read: false, read_at: null }, ...items.value].slice(0, 50);
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
    loaded.value = false;
  }

  return { unread, items, loaded, follow, loadList, markRead, markAll, clear };
});
