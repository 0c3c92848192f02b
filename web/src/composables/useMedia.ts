import { onBeforeUnmount, ref } from 'vue';

export const PHONE_QUERY = '(max-width: 767px)';

// A reactive media query (true under 768 px for PHONE_QUERY).
export function useMedia(query = PHONE_QUERY) {
  const mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null;
  const matches = ref(mq?.matches ?? false);
  const update = (e: MediaQueryListEvent) => { matches.value = e.matches; };
  mq?.addEventListener('change', update);
  onBeforeUnmount(() => mq?.removeEventListener('change', update));
  return matches;
}
