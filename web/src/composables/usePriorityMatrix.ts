// The CONFIGURED priority matrix (GET /api/v1/priority-matrix), read once per session for those who
// may read it; until then (and for customers, who may not) the built-in default.
import { ref } from 'vue';
import { getPriorityMatrix } from '@/api/endpoints';
import { useSessionStore } from '@/stores/session';
import { PRIORITY_MATRIX } from '@/utils/tickets';

const cells = ref<number[][] | null>(null);
let asked: Promise<void> | null = null;

export function usePriorityMatrix() {
  const session = useSessionStore();
  if (!asked && session.can('priority_matrix.read')) {
    asked = getPriorityMatrix().then((r) => { cells.value = r.data.cells; }).catch(() => { asked = null; });
  }
  // The priority the server will give; without impact or urgency P4 (the server's rule).
  function priorityFor(impact: number | '' | null | undefined, urgency: number | '' | null | undefined): number {
    if (!impact || !urgency) return 4;
    const m = cells.value ?? (PRIORITY_MATRIX as number[][]);
    return m[impact - 1]?.[urgency - 1] ?? 4;
  }
  const levels = () => (cells.value ? cells.value.length : 3);
  return { cells, priorityFor, levels, known: () => cells.value !== null || !session.can('priority_matrix.read') };
}

// Signing out forgets it (another user may see another matrix version).
export function forgetPriorityMatrix() {
  cells.value = null;
  asked = null;
}
