// Service-desk helpers without Vue: the default priority matrix, colours, the 409 "allowed" list and
// the layout of the read-only lifecycle diagram.
import type { Lifecycle, LocalizedLabel, StateCategory } from '@/api/types';

// The server's default ITIL 3×3 matrix (src/domain/ticket/priority.h): cells[impact-1][urgency-1].
export const PRIORITY_MATRIX: readonly (readonly number[])[] = [[1, 2, 3], [2, 3, 4], [3, 4, 4]];
export const LEVELS = [1, 2, 3] as const;

// The priority the server will compute; without impact or urgency a ticket is P4.
export function priorityOf(impact: number | null | undefined, urgency: number | null | undefined): number {
  if (!impact || !urgency) return 4;
  return PRIORITY_MATRIX[impact - 1]?.[urgency - 1] ?? 4;
}

// Element Plus tag types: P1 red, P2 orange, P3 blue, P4 grey.
export function priorityTagType(p: number): 'danger' | 'warning' | 'primary' | 'info' {
  return p === 1 ? 'danger' : p === 2 ? 'warning' : p === 3 ? 'primary' : 'info';
}

export const CATEGORY_COLOURS: Record<StateCategory, string> = {
  new: '#409eff',
  open: '#e6a23c',
  pending: '#909399',
  resolved: '#67c23a',
  closed: '#606266',
};
export function categoryTagType(c: StateCategory): 'primary' | 'warning' | 'info' | 'success' {
  return c === 'new' ? 'primary' : c === 'open' ? 'warning' : c === 'resolved' ? 'success' : 'info';
}

export function localized(label: LocalizedLabel | undefined, locale: string): string {
  if (!label) return '';
  return (locale === 'en' ? label.en : label['zh-CN']) || label.en || label['zh-CN'] || '';
}

// A 409 invalid-transition names the allowed transitions: "a,b" or ["a", "b"].
export function allowedTransitions(allowed: unknown): string[] {
  if (Array.isArray(allowed)) return allowed.map(String).filter(Boolean);
  if (typeof allowed === 'string') return allowed.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

// Diagram layout: one column per state category (new → closed), states stacked in their column.
export interface DiagramNode { name: string; label: string; category: StateCategory; x: number; y: number; w: number; h: number }
export interface DiagramEdge { from: string; to: string; label: string; path: string; lx: number; ly: number }
export interface Diagram { width: number; height: number; nodes: DiagramNode[]; edges: DiagramEdge[] }

const ORDER: StateCategory[] = ['new', 'open', 'pending', 'resolved', 'closed'];
export const NODE_W = 132;
export const NODE_H = 44;
const COL_GAP = 110;
const ROW_GAP = 90;
const PAD = 40;
const ARC = 34; // per skipped column
const TOP = PAD + ARC * 2; // room for the arcs above the first row

export function layoutLifecycle(lc: Lifecycle, locale: string): Diagram {
  const cols = new Map<StateCategory, number>();
  const nodes: DiagramNode[] = [];
  let rows = 1;
  const usedCols = ORDER.filter((c) => lc.states.some((s) => s.category === c));
  for (const s of lc.states) {
    const col = usedCols.indexOf(s.category);
    const row = cols.get(s.category) ?? 0;
    cols.set(s.category, row + 1);
    rows = Math.max(rows, row + 1);
    nodes.push({
      name: s.name, label: localized(s.label, locale), category: s.category,
      x: PAD + col * (NODE_W + COL_GAP), y: TOP + row * (NODE_H + ROW_GAP), w: NODE_W, h: NODE_H,
    });
  }
  const byName = new Map(nodes.map((n) => [n.name, n]));
  // One arrow per (from, to) pair; several transitions between the same two states share it.
  const pairs = new Map<string, { a: DiagramNode; b: DiagramNode; labels: string[] }>();
  for (const t of lc.transitions) {
    const b = byName.get(t.to);
    if (!b) continue;
    for (const f of t.from) {
      const a = byName.get(f);
      if (!a || a === b) continue;
      const key = `${a.name}>${b.name}`;
      const p = pairs.get(key) ?? { a, b, labels: [] };
      p.labels.push(localized(t.label, locale));
      pairs.set(key, p);
    }
  }
  const edges: DiagramEdge[] = [];
  for (const { a, b, labels } of pairs.values()) {
    const ax = a.x + a.w / 2, ay = a.y + a.h / 2, bx = b.x + b.w / 2, by = b.y + b.h / 2;
    const [sx, sy] = border(a, bx, by);
    const [ex, ey] = border(b, ax, ay);
    const mx = (sx + ex) / 2, my = (sy + ey) / 2;
    const dx = ex - sx, dy = ey - sy;
    const len = Math.hypot(dx, dy) || 1;
    // Arrows bend to the right of their direction, so A→B and B→A never overlap; arrows along a
    // row that skip columns arc over (forward) or under (backward) the boxes in between.
    const span = Math.round(Math.abs(bx - ax) / (NODE_W + COL_GAP));
    const sameRow = Math.abs(by - ay) < 1;
    const bend = sameRow && span > 1 ? -(ARC * span) : 22;
    const cx = mx - (dy / len) * bend, cy = my + (dx / len) * bend;
    edges.push({
      from: a.name, to: b.name, label: labels.join(' / '),
      path: `M${r(sx)},${r(sy)} Q${r(cx)},${r(cy)} ${r(ex)},${r(ey)}`,
      lx: r((mx + cx) / 2), ly: r((my + cy) / 2),
    });
  }
  return {
    width: PAD * 2 + usedCols.length * NODE_W + (usedCols.length - 1) * COL_GAP,
    height: TOP + PAD + ARC * 2 + rows * NODE_H + (rows - 1) * ROW_GAP,
    nodes, edges,
  };
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

// Where the line from the box's centre towards (tx, ty) leaves the box.
function border(n: DiagramNode, tx: number, ty: number): [number, number] {
  const cx = n.x + n.w / 2, cy = n.y + n.h / 2;
  const dx = tx - cx, dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : (n.w / 2) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (n.h / 2) / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}
