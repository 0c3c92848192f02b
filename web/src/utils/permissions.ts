import type { Grant } from '@/api/types';

// "*" grants everything; "organisation.*" grants "organisation.read" and "organisation.write".
export function hasPermission(grants: readonly Grant[], permission: string): boolean {
  return grants.some((g) => {
    if (g.permission === '*' || g.permission === permission) return true;
    if (g.permission.endsWith('.*')) return permission.startsWith(g.permission.slice(0, -1));
    return false;
  });
}
