import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { isTransient, missingChunks, sendMissingChunks, withRetry } from './upload';

const err = (status: number, retryAfter: number | null = null) => new ApiError({ type: 'x', title: 'x', status }, retryAfter);

describe('uploads', () => {
  it('tells transient failures from final ones', () => {
    expect([0, 500, 502, 503, 429, 408].map((s) => isTransient(err(s)))).toEqual([true, true, true, true, true, true]);
    expect([400, 404, 409, 413, 422].map((s) => isTransient(err(s)))).toEqual([false, false, false, false, false]);
    expect(isTransient(new Error('x'))).toBe(false);
  });

  it('tries again with a growing pause, and gives up after the last attempt', async () => {
    const pauses: number[] = [];
    const sleep = async (ms: number) => void pauses.push(ms);
    let calls = 0;
    await expect(withRetry(async () => { calls++; if (calls < 3) throw err(503); return 'ok'; }, { sleep, baseMs: 100 })).resolves.toBe('ok');
    expect(pauses).toEqual([100, 200]);
    pauses.length = 0;
    calls = 0;
    await expect(withRetry(async () => { calls++; throw err(0); }, { sleep, attempts: 3, baseMs: 100 })).rejects.toMatchObject({ status: 0 });
    expect(calls).toBe(3);
    expect(pauses).toEqual([100, 200]);
    // Retry-After wins when longer; a final failure is not tried again.
    pauses.length = 0;
    calls = 0;
    await expect(withRetry(async () => { calls++; if (calls < 2) throw err(429, 2); return 1; }, { sleep, baseMs: 100 })).resolves.toBe(1);
    expect(pauses).toEqual([2000]);
    calls = 0;
    await expect(withRetry(async () => { calls++; throw err(422); }, { sleep })).rejects.toMatchObject({ status: 422 });
    expect(calls).toBe(1);
  });

  it('sends only the chunks the server lacks', async () => {
    expect(missingChunks(4, [0, 2])).toEqual([1, 3]);
    expect(missingChunks(2, [])).toEqual([0, 1]);
    const file = new Blob(['aaaabbbbcc']);
    const sent: [number, string][] = [];
    const seen: number[] = [];
    await sendMissingChunks({ chunk_bytes: 4, chunk_count: 3, received: [1] }, file, async (i, b) => void sent.push([i, await b.text()]), (d) => seen.push(d));
    expect(sent).toEqual([[0, 'aaaa'], [2, 'cc']]);
    expect(seen).toEqual([1, 2, 3]);
  });
});
