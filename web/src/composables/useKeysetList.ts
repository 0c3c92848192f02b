// The scaffolding every list page shares: a keyset-paginated list (first page, "load more"), its
// loading flags, and reporting failures with useApiError. The page supplies how to fetch one page.
import { ref, type Ref } from 'vue';
import type { Page } from '@/api/types';

export interface KeysetList<T> {
  items: Ref<T[]>;
  cursor: Ref<string | null>;
  loading: Ref<boolean>;
  loadedOnce: Ref<boolean>;
  load: (more?: boolean) => Promise<void>;
}

export function useKeysetList<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  opts: { onPage?: (items: T[]) => void; onError?: (e: unknown) => void } = {},
): KeysetList<T> {
  const items = ref<T[]>([]) as Ref<T[]>;
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const loadedOnce = ref(false);
  let generation = 0; // a newer load (filter changed) wins over a slower older one

  async function load(more = false): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const page = await fetchPage(more ? cursor.value : null);
      if (mine !== generation) return;
      items.value = more ? [...items.value, ...page.items] : page.items;
      cursor.value = page.next_cursor;
      loadedOnce.value = true;
      opts.onPage?.(page.items);
    } catch (e) {
      if (mine === generation) opts.onError?.(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { items, cursor, loading, loadedOnce, load };
}
