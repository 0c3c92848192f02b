import { describe, expect, it } from 'vitest';
import { available, byDeadline, isOverdue, km, movementNeeds, movementSign, parseUnitRows, stepRequired, toCents, waitsForDispatch, yuan } from './aftersales';

describe('after-sales helpers', () => {
  it('formats fen as yuan and reads yuan back', () => {
    expect(yuan(123450, 'en')).toBe('CN¥1,234.50');
    expect(yuan(48000, 'zh-CN')).toBe('¥480.00');
    expect(yuan(null, 'en')).toBe('');
    expect(toCents('1,234.5')).toBe(123450);
    expect(toCents('￥80')).toBe(8000);
    expect(toCents('0.05')).toBe(5);
    expect(toCents('1.234')).toBeNull();
    expect(toCents('abc')).toBeNull();
    expect(toCents('')).toBeNull();
  });

  it('formats distances', () => {
    expect(km(4.2746, 'en')).toBe('4.3 km');
    expect(km(1234.4, 'en')).toBe('1,234 km');
    expect(km(null, 'en')).toBe('—');
  });

  it('knows which orders wait for dispatch', () => {
    const wo = (state: string, quote_required = false) => ({ state, work_order: { warranty: { quote_required } } });
    expect(waitsForDispatch(wo('reported'))).toBe(true);
    expect(waitsForDispatch(wo('reported', true))).toBe(false); // quote first
    expect(waitsForDispatch(wo('quote_accepted', true))).toBe(true);
    expect(waitsForDispatch(wo('rejected'))).toBe(true);
    expect(waitsForDispatch(wo('dispatched'))).toBe(false);
  });

  it('finds overdue orders and sorts by deadline', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    expect(isOverdue({ sla_due_at: '2026-11-23T07:00:00Z', state_category: 'open' }, now)).toBe(true);
    expect(isOverdue({ sla_due_at: '2026-11-23T07:00:00Z', state_category: 'resolved' }, now)).toBe(false);
    expect(isOverdue({ sla_due_at: '2026-11-23T09:00:00Z', state_category: 'new' }, now)).toBe(false);
    expect(isOverdue({ sla_due_at: null, state_category: 'new' }, now)).toBe(false);
    const sorted = byDeadline([
      { id: 1, sla_due_at: null }, { id: 2, sla_due_at: '2026-11-24T00:00:00Z' }, { id: 3, sla_due_at: '2026-11-23T00:00:00Z' },
    ]);
    expect(sorted.map((x) => x.id)).toEqual([3, 2, 1]);
  });

  it('says what a step and a movement need', () => {
    expect(stepRequired('dispatch')).toEqual(['engineer']);
    expect(stepRequired('cancel')).toEqual(['reason']);
    expect(stepRequired('accept')).toEqual([]);
    expect(movementNeeds('requisition')).toEqual({ from: true, to: true, workOrder: true, counted: false });
    expect(movementNeeds('adjustment')).toEqual({ from: false, to: true, workOrder: false, counted: true });
    expect(movementSign({ from_warehouse_id: 1, to_warehouse_id: 2 }, 2)).toBe(1);
    expect(movementSign({ from_warehouse_id: 1, to_warehouse_id: 2 }, 1)).toBe(-1);
    expect(movementSign({ from_warehouse_id: 1, to_warehouse_id: 2 }, 3)).toBe(0);
    expect(available([{ part_id: 1, condition: 'good', quantity: 5 }, { part_id: 1, condition: 'faulty', quantity: 2 }], [{ part_id: 1, quantity: 3 }], 1)).toBe(2);
  });

  it('reads units to import, naming bad lines', () => {
    const { rows, errors } = parseUnitRows('# serial, model, org\nSN-1,4LZ-2.5,3,2026-03-01\nSN-2\t4LZ-2.5\t3\n\nSN-3，X，abc\nSN-4,X,3,2026/03/01');
    expect(rows).toEqual([
      { serial: 'SN-1', model: '4LZ-2.5', organisation_id: 3, installation_date: '2026-03-01' },
      { serial: 'SN-2', model: '4LZ-2.5', organisation_id: 3 },
    ]);
    expect(errors.map((e) => e.line)).toEqual([5, 6]);
  });
});
