// Chunked uploads that survive a flaky network: a chunk that fails for a transient reason (no
// answer, a 5xx, 429) is tried again after a growing pause; a resumed upload sends only the chunks
// the server has not received (GET /api/v1/uploads/{id} lists them).
import { ApiError } from '@/api/client';

// Worth trying again: the network failed or the server was briefly unable (5xx, 429, 408).
export function isTransient(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429 || e.status === 408);
}

export interface RetryOptions {
  attempts?: number; // tries in all, the first included
  baseMs?: number; // pause before the 2nd try; doubled before each next one
  sleep?: (ms: number) => Promise<void>;
}
const wait = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

// Runs `fn`, trying again on a transient failure; any other failure, or the last one, is thrown.
export async function withRetry<T>(fn: () => Promise<T>, { attempts = 4, baseMs = 500, sleep = wait }: RetryOptions = {}): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isTransient(e)) throw e;
      const retryAfter = e instanceof ApiError && e.retryAfter ? e.retryAfter * 1000 : 0;
      await sleep(Math.max(retryAfter, baseMs * 2 ** (i - 1)));
    }
  }
}

// The chunk indexes still to send, in order.
export function missingChunks(chunkCount: number, received: readonly number[]): number[] {
  const have = new Set(received);
  return Array.from({ length: chunkCount }, (_, i) => i).filter((i) => !have.has(i));
}

export interface ChunkPlan {
  chunk_bytes: number;
  chunk_count: number;
  received: number[];
}

// Sends the missing chunks of `file` one by one (each with retries); `progress` gets the number
// of chunks the server holds after each one.
export async function sendMissingChunks(
  plan: ChunkPlan,
  file: Blob,
  put: (index: number, bytes: Blob) => Promise<unknown>,
  progress: (done: number) => void,
  retry: RetryOptions = {},
): Promise<void> {
  const todo = missingChunks(plan.chunk_count, plan.received);
  let done = plan.chunk_count - todo.length;
  progress(done);
  for (const i of todo) {
    const bytes = file.slice(i * plan.chunk_bytes, Math.min(file.size, (i + 1) * plan.chunk_bytes));
    await withRetry(() => put(i, bytes), retry);
    progress(++done);
  }
}
