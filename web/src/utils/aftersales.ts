// After-sales back-office helpers without Vue: money in fen, distances, which orders wait for
// dispatch or are overdue, what a work-order step or a stock movement asks for.
import type { MovementKind, WorkOrderRecord } from '@/api/aftersales';

// Money is kept in fen (CNY minor units): ¥1,234.50.
export function yuan(cents: number | null | undefined, locale: string): string {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(cents / 100);
}

// Yuan typed by a person (1234.5) → fen (123450); null for anything that is not an amount.
export function toCents(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined || input === '') return null;
  const s = String(input).replace(/[,，\s¥￥]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function km(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n)} km`;
}

// States from which the service desk dispatches (the lifecycle's dispatch "from" list, without
// "dispatched" itself, which is a reassignment).
export const WAITING_STATES = ['reported', 'quote_accepted', 'rejected'] as const;

// An order waiting for an engineer: in a waiting state and, when reported out of warranty, quoted
// and accepted first (the server answers 409 quote_first otherwise).
export function waitsForDispatch(w: Pick<WorkOrderRecord, 'state'> & { work_order: { warranty: { quote_required: boolean } } }): boolean {
  if (!(WAITING_STATES as readonly string[]).includes(w.state)) return false;
  return !(w.state === 'reported' && w.work_order.warranty.quote_required);
}

// Past its earliest SLA deadline and still open.
export function isOverdue(w: { sla_due_at: string | null; state_category: string }, now: Date = new Date()): boolean {
  if (!w.sla_due_at || w.state_category === 'resolved' || w.state_category === 'closed') return false;
  return new Date(w.sla_due_at).getTime() < now.getTime();
}

// Orders sorted by deadline, soonest first; those without one last, then by number.
export function byDeadline<T extends { sla_due_at: string | null; id: number }>(items: T[]): T[] {
  const at = (x: T) => (x.sla_due_at ? new Date(x.sla_due_at).getTime() : Number.POSITIVE_INFINITY);
  return [...items].sort((a, b) => at(a) - at(b) || a.id - b.id);
}

// Transitions taken through their own records (a quote, the signed sheet), never as a button.
export const RECORD_TRANSITIONS = new Set(['quote', 'accept_quote', 'decline_quote', 'sign']);

// What the form of a work-order step asks for.
export type StepField = 'engineer' | 'reason' | 'appointment' | 'resolution';
export function stepFields(transition: string): StepField[] {
  switch (transition) {
    case 'dispatch': return ['engineer', 'reason'];
    case 'reject': return ['reason'];
    case 'cancel': return ['reason'];
    case 'appoint': return ['appointment'];
    case 'repair': return ['resolution'];
    case 'reopen': return ['reason'];
    default: return [];
  }
}
// Fields the server refuses the step without.
export function stepRequired(transition: string): StepField[] {
  switch (transition) {
    case 'dispatch': return ['engineer'];
    case 'reject':
    case 'cancel': return ['reason'];
    case 'appoint': return ['appointment'];
    case 'repair': return ['resolution'];
    default: return [];
  }
}

// What a stock movement needs (src/app/parts/part.h): the source, the destination, the order,
// a quantity or (stock-take) the counted quantity.
export interface MovementNeeds { from: boolean; to: boolean; workOrder: boolean; counted: boolean }
const NEEDS: Record<MovementKind, [boolean, boolean, boolean]> = {
  receipt: [false, true, false],
  transfer: [true, true, false],
  requisition: [true, true, true],
  issue: [true, false, true],
  consumption: [true, false, true],
  faulty_return: [false, true, true],
  unused_return: [true, true, false],
  scrap: [true, false, false],
  adjustment: [false, true, false],
};
export function movementNeeds(kind: MovementKind): MovementNeeds {
  const [from, to, workOrder] = NEEDS[kind];
  return { from, to, workOrder, counted: kind === 'adjustment' };
}

// A movement's effect on one warehouse's stock: + added, − taken, 0 not concerned.
export function movementSign(m: { from_warehouse_id: number | null; to_warehouse_id: number | null }, warehouseId: number): number {
  if (m.to_warehouse_id === warehouseId) return 1;
  if (m.from_warehouse_id === warehouseId) return -1;
  return 0;
}

// Good stock of a part in a warehouse minus what is reserved there.
export function available(stock: { part_id: number; condition: string; quantity: number }[], reserved: { part_id: number; quantity: number }[], partId: number): number {
  const good = stock.filter((s) => s.part_id === partId && s.condition === 'good').reduce((n, s) => n + s.quantity, 0);
  const held = reserved.filter((r) => r.part_id === partId).reduce((n, r) => n + r.quantity, 0);
  return good - held;
}

// Units to import, one per line: serial, model code, organisation id, installation date
// (optional), delivery date (optional), sale date (optional). Tabs, commas or Chinese commas.
export interface ImportRow { serial: string; model: string; organisation_id: number; installation_date?: string; delivery_date?: string; sale_date?: string }
export function parseUnitRows(text: string): { rows: ImportRow[]; errors: { line: number; message: string }[] } {
  const rows: ImportRow[] = [];
  const errors: { line: number; message: string }[] = [];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(/\t|,|，/).map((c) => c.trim());
    const [serial, model, org, inst, deliv, sale] = cells;
    if (!serial || !model || !org) { errors.push({ line: i + 1, message: 'serial, model, organisation' }); return; }
    if (!/^\d+$/.test(org)) { errors.push({ line: i + 1, message: 'organisation id' }); return; }
    const row: ImportRow = { serial, model, organisation_id: Number(org) };
    for (const [k, v] of [['installation_date', inst], ['delivery_date', deliv], ['sale_date', sale]] as const) {
      if (!v) continue;
      if (!date.test(v)) { errors.push({ line: i + 1, message: `${k} YYYY-MM-DD` }); return; }
      row[k] = v;
    }
    rows.push(row);
  });
  return { rows, errors };
}
