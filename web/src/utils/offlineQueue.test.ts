// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { OfflineQueue, type QueuedAction } from './offlineQueue';

const network = () => new ApiError({ type: 'network', title: 'Network error', status: 0 });
const refused = () => new ApiError({ type: 'https://fuwu.dev/problems/invalid-transition', title: 'Conflict', status: 409 });

describe('OfflineQueue', () => {
  it('keeps actions across a reload, with their Idempotency-Key, and sends them in order', async () => {
    localStorage.clear();
    const q = new OfflineQueue(localStorage);
    const a = q.add({ label: 'a', method: 'POST', path: '/a' });
    q.add({ label: 'b', method: 'POST', path: '/b' });
    const again = new OfflineQueue(localStorage);
    expect(again.pending.map((x) => [x.label, x.key])).toEqual([['a', a.key], ['b', again.pending[1].key]]);
    const sent: string[] = [];
    const r = await again.flush(async (x: QueuedAction) => void sent.push(x.label));
    expect(sent).toEqual(['a', 'b']);
    expect(r.sent).toHaveLength(2);
    expect(new OfflineQueue(localStorage).pending).toEqual([]);
  });

  it('stops on a network error and keeps the rest; drops what the server refuses', async () => {
    localStorage.clear();
    const q = new OfflineQueue(localStorage);
    q.add({ label: 'refused', method: 'POST', path: '/x' });
    q.add({ label: 'later', method: 'POST', path: '/y' });
    let calls = 0;
    const r = await q.flush(async (x) => {
      calls++;
      throw x.label === 'refused' ? refused() : network();
    });
    expect(calls).toBe(2);
    expect(r.failed.map((f) => f.action.label)).toEqual(['refused']);
    expect(r.offline).toBe(true);
    expect(q.pending.map((x) => x.label)).toEqual(['later']);
  });
});
