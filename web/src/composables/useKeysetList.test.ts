import { describe, expect, it } from 'vitest';
import { useKeysetList } from './useKeysetList';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

describe('useKeysetList', () => {
  it('loads the first page, then appends the next with the cursor', async () => {
    const asked: (string | null)[] = [];
    const list = useKeysetList<number>(async (c) => {
      asked.push(c);
      return c ? { items: [3], next_cursor: null } : { items: [1, 2], next_cursor: 'p2' };
    });
    await list.load();
    expect(list.items.value).toEqual([1, 2]);
    expect(list.cursor.value).toBe('p2');
    expect(list.loadedOnce.value).toBe(true);
    await list.load(true);
    expect(list.items.value).toEqual([1, 2, 3]);
    expect(list.cursor.value).toBeNull();
    expect(asked).toEqual([null, 'p2']);
    await list.load();
    expect(list.items.value).toEqual([1, 2]); // a fresh load starts over
  });

  it('reports errors and keeps what was shown', async () => {
    const errors: unknown[] = [];
    let fail = false;
    const list = useKeysetList<number>(async () => {
      if (fail) throw new Error('boom');
      return { items: [1], next_cursor: null };
    }, { onError: (e) => errors.push(e) });
    await list.load();
    fail = true;
    await list.load();
    expect(list.items.value).toEqual([1]);
    expect(errors).toHaveLength(1);
    expect(list.loading.value).toBe(false);
  });

  it('a newer load wins over a slower older one', async () => {
    const slow = deferred<{ items: string[]; next_cursor: null }>();
    let n = 0;
    const pages: string[][] = [];
    const list = useKeysetList<string>((): Promise<{ items: string[]; next_cursor: null }> => (++n === 1 ? slow.promise : Promise.resolve({ items: ['new'], next_cursor: null })),
      { onPage: (p) => pages.push(p) });
    const first = list.load();
    await list.load();
    slow.resolve({ items: ['old'], next_cursor: null });
    await first;
    expect(list.items.value).toEqual(['new']);
    expect(pages).toEqual([['new']]);
  });
});
