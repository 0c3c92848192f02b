// Live updates: ONE EventSource per signed-in tab on GET /api/v1/events/stream (the session cookie
// authenticates it), shared by everything on screen. Listeners subscribe to an event type
// (`record`, `notification`) and get the parsed data. The browser reconnects by itself and sends
// Last-Event-ID, so the server replays what was missed; `connected` runs again after every
// (re)connection so that lists reload once anyway.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type LiveEventType = 'record' | 'notification';
export interface RecordEvent { id: number; type: string; record_type: string; record_id: number; number?: string; at: string }
type Listener = (data: unknown) => void;

export const useLiveStore = defineStore('live', () => {
  const connected = ref(false);
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<Listener>>();
  const reconnectListeners = new Set<() => void>();

  function dispatch(type: string, raw: string) {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return; // not ours
    }
    for (const l of listeners.get(type) ?? []) l(data);
  }

  function start() {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource('/api/v1/events/stream', { withCredentials: true });
    source.onopen = () => {
      const again = connected.value === false;
      connected.value = true;
      if (again) for (const l of reconnectListeners) l();
    };
    source.onerror = () => { connected.value = false; };
    for (const type of ['record', 'notification']) {
      source.addEventListener(type, (e) => dispatch(type, (e as MessageEvent).data));
    }
  }

  function stop() {
    source?.close();
    source = null;
    connected.value = false;
  }

  // Subscribe; returns the function that unsubscribes (call it in onUnmounted).
  function on(type: LiveEventType, l: Listener): () => void {
    const set = listeners.get(type) ?? new Set<Listener>();
    set.add(l);
    listeners.set(type, set);
    return () => set.delete(l);
  }

  function onReconnect(l: () => void): () => void {
    reconnectListeners.add(l);
    return () => reconnectListeners.delete(l);
  }

  return { connected, start, stop, on, onReconnect };
});

// Calls `fn` at most once per `ms`, at the end of a burst (a bulk change sends one event per ticket).
export function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(); }, ms);
  };
}
