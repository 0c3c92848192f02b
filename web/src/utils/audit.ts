import type { AuditChange } from '@/api/types';

export type ChangeKind = 'set' | 'changed' | 'cleared';

// How one field change reads: set (no old value), cleared (no new value) or changed.
export function changeKind(c: AuditChange): ChangeKind {
  const empty = (v: string | null) => v === null || v === '';
  if (empty(c.old) && !empty(c.new)) return 'set';
  if (!empty(c.old) && empty(c.new)) return 'cleared';
  return 'changed';
}

// Newest first; entries with equal times keep the journal's id order reversed.
export function newestFirst<T extends { id: number }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.id - a.id);
}
