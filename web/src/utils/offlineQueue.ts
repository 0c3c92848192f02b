// The engineer's phone keeps actions while the connection is down and sends them, in order, when
// it returns (issue 8: "it must keep working on a bad mobile connection"). Each action carries an
// Idempotency-Key chosen when it was made, so an action whose response was lost is replayed, not
// done twice. Only the actions are kept (localStorage "fuwu.engineer.queue"): no token, no secret.
import { ApiError } from '@/api/client';

export interface QueuedAction {
  key: string; // the Idempotency-Key, fixed when the action was made
  label: string; // shown in the queue ("签到 WO-2026-000123")
  method: 'POST' | 'PATCH' | 'PUT';
  path: string;
  body?: unknown; // JSON
  png?: string; // base64 PNG body instead of JSON (the signature)
  // If-Match from the current version of the work order or its sheet, read just before sending:
  // queued steps follow each other, so the version they were made against is gone by then.
  versionOf?: 'work_order' | 'sheet';
  workOrderId?: number;
  createdAt: string;
}

export interface FlushResult {
  sent: QueuedAction[];
  failed: { action: QueuedAction; error: ApiError }[]; // refused by the server: dropped, shown
  offline: boolean; // stopped because the network is still down
}

export type Sender = (a: QueuedAction) => Promise<unknown>;

const STORAGE_KEY = 'fuwu.engineer.queue';

function load(storage: Storage | undefined): QueuedAction[] {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const list = raw ? (JSON.parse(raw) as QueuedAction[]) : [];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export class OfflineQueue {
  private items: QueuedAction[];
  private flushing: Promise<FlushResult> | null = null;

  constructor(private readonly storage: Storage | undefined = globalThis.localStorage) {
    this.items = load(storage);
  }

  get pending(): readonly QueuedAction[] {
    return this.items;
  }

  add(a: Omit<QueuedAction, 'key' | 'createdAt'>): QueuedAction {
    const action: QueuedAction = { ...a, key: crypto.randomUUID(), createdAt: new Date().toISOString() };
    this.items.push(action);
    this.save();
    return action;
  }

  // Sends the actions oldest first. A network error stops the run and keeps the rest; an answer
  // from the server (success or a problem) removes the action.
  flush(send: Sender): Promise<FlushResult> {
    if (!this.flushing) {
      this.flushing = this.run(send).finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async run(send: Sender): Promise<FlushResult> {
    const out: FlushResult = { sent: [], failed: [], offline: false };
    while (this.items.length) {
      const a = this.items[0];
      try {
        await send(a);
        out.sent.push(a);
      } catch (e) {
        if (e instanceof ApiError && e.kind !== 'network') {
          out.failed.push({ action: a, error: e });
        } else {
          out.offline = true;
          return out;
        }
      }
      this.items.shift();
      this.save();
    }
    return out;
  }

  private save(): void {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.items));
    } catch {
      // storage full or disabled: the queue still lives in memory
    }
  }
}
