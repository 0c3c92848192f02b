// After-sales operations the engineer's phone view uses (operationIds from
// src/http/openapi/aftersales.json, quotes.json and repair_sheets.json).
import { api, request } from './client';
import type { Page } from './types';
import type { QueuedAction } from '@/utils/offlineQueue';

const V1 = '/api/v1';

export interface WorkOrder {
  id: number;
  number: string;
  state: string;
  state_label?: { 'zh-CN': string; en: string };
  version: number;
  title: string;
  work_order: {
    kind: string;
    serial: string;
    fault: string;
    appointment_at: string | null;
    warranty: { in_warranty: boolean; quote_required: boolean };
  };
}

export interface SheetMovement {
  movement_id: number;
  part_id: number;
  part_number: string;
  part_name: string;
  unit: string;
  quantity: number;
}

export interface RepairSheet {
  work_order_id: number;
  fault_phenomenon: string;
  fault_code: { code: string; label_zh: string } | null;
  cause: string;
  solution: string;
  self_check: '' | 'passed' | 'failed';
  customer_verdict: string;
  signature: { signer: string; signed_at: string } | null;
  repeat_of: { id: number; number: string } | null;
  parts_replaced: SheetMovement[];
  pdf_url: string;
  version: number;
}

export interface Quote {
  id: number;
  state: 'sent' | 'accepted' | 'declined';
  total_text: string;
  lines: { kind: string; description: string; amount: number }[];
}

export interface Warehouse {
  id: number;
  kind: string;
  engineer_id: number | null;
  stock: { part_id: number; part_number: string; condition: string; quantity: number }[];
}

export const listMyWorkOrders = () => api.get<Page<WorkOrder>>(`${V1}/work-orders`, { query: { limit: 100 } });
export const getWorkOrder = (id: number) => api.get<WorkOrder>(`${V1}/work-orders/${id}`);
export const getRepairSheet = (id: number) => api.get<RepairSheet>(`${V1}/work-orders/${id}/sheet`);
export const listQuotes = (workOrderId: number) => api.get<Page<Quote>>(`${V1}/quotes`, { query: { work_order_id: workOrderId } });
export const listWarehouses = () => api.get<Page<Warehouse>>(`${V1}/warehouses`);
export const getWarehouse = (id: number) => api.get<Warehouse>(`${V1}/warehouses/${id}`);

// The writes, as the offline queue sends them (each with its Idempotency-Key; a replay of an
// action the server already did returns the stored answer).
export async function sendAction(a: QueuedAction): Promise<unknown> {
  let ifMatch: string | undefined;
  if (a.versionOf && a.workOrderId) {
    const r = a.versionOf === 'sheet' ? await getRepairSheet(a.workOrderId) : await getWorkOrder(a.workOrderId);
    ifMatch = `"${r.data.version}"`;
  }
  const raw = a.png ? { data: new Blob([Uint8Array.from(atob(a.png), (c) => c.charCodeAt(0))]), type: 'image/png' } : undefined;
  return request(a.path, { method: a.method, body: a.png ? undefined : a.body, raw, ifMatch, idempotencyKey: a.key });
}
