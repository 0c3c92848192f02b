// Saved views (queues) with their counts, shown in the side menu. Counts are maintained by the
// server on every ticket change; the list is read again (at most every 2 s) when a live `record`
// event arrives and after the live stream reconnects.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { listViews, type SavedView } from '@/api/desk';
import { debounce, useLiveStore } from './live';

export const useViewsStore = defineStore('views', () => {
  const items = ref<SavedView[]>([]);
  const loaded = ref(false);
  let generation = 0;
  let unsubscribe: (() => void)[] = [];

  async function load(): Promise<void> {
    const mine = ++generation;
    try {
      const { data } = await listViews();
      if (mine === generation) {
        items.value = data.items;
        loaded.value = true;
      }
    } catch {
      // the menu stays as it was; the next event tries again
    }
  }

  const refresh = debounce(() => void load(), 2000);

  // Starts following the live stream (once per sign-in).
  function follow(): void {
    if (unsubscribe.length) return;
    const live = useLiveStore();
    unsubscribe = [live.on('record', refresh), live.onReconnect(refresh)];
    void load();
  }

  function clear(): void {
    for (const u of unsubscribe) u();
    unsubscribe = [];
    items.value = [];
    loaded.value = false;
    generation++;
  }

  function byId(id: number): SavedView | undefined {
    return items.value.find((v) => v.id === id);
  }

  // A saved or changed view: shown at once, counts read again.
  function put(v: SavedView): void {
    const i = items.value.findIndex((x) => x.id === v.id);
    if (i >= 0) items.value.splice(i, 1, v);
    else items.value = [...items.value, v].sort((a, b) => a.name.localeCompare(b.name));
  }

  function remove(id: number): void {
    items.value = items.value.filter((v) => v.id !== id);
  }

  return { items, loaded, load, follow, clear, byId, put, remove };
});
