// After-sales operations of the web UI (operationIds from src/http/openapi/aftersales.json,
// quotes.json, repair_sheets.json and parts_planning.json).
import { api, request } from './client';
import type { Page, Ticket } from './types';
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
  work_order_id: number;
  state: 'sent' | 'accepted' | 'declined';
  tax_rate_bp: number;
  subtotal: number;
  tax: number;
  total: number;
  total_text: string;
  decided_by: string | null;
  signature: { signer: string; signed_at: string; url: string } | null;
  fee: number | null;
  paid: number;
  balance: number | null;
  payment_status: 'unpaid' | 'partial' | 'paid' | null;
  payments: QuotePaymentRecord[];
  lines: { kind: 'labour' | 'part' | 'travel' | 'other'; description: string; quantity: number; unit_price: number; amount: number }[];
}

export interface QuotePaymentRecord {
  id: number;
  amount: number;
  method: 'cash' | 'transfer' | 'card' | 'wechat' | 'alipay';
  reference: string;
  paid_at: string;
  recorded_at: string;
}

export interface AftersalesSettings {
  repeat_window_days: number;
  version: number;
  updated_at: string;
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

// The repeat-repair window (getAftersalesSettings / setAftersalesSettings, If-Match).
export const getAftersalesSettings = () => api.get<AftersalesSettings>(`${V1}/work-orders/settings`);
export const setAftersalesSettings = (body: { repeat_window_days: number }, etag: string) =>
  api.put<AftersalesSettings>(`${V1}/work-orders/settings`, { body, ifMatch: etag });
// The signature of a quote's decision (getQuoteSignature), for an <img>.
export const quoteSignatureUrl = (quoteId: number) => `${V1}/quotes/${quoteId}/signature`;

// The customer's signed decision on a quote (signQuote): the PNG is the body of a POST to this path.
export const quoteSignaturePath = (quoteId: number, decision: 'accept' | 'decline', signer: string, reason = '') =>
  `${V1}/quotes/${quoteId}/signature?decision=${decision}&signer=${encodeURIComponent(signer)}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`;

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

// ---- The back office (service manager's pages: web/src/views/aftersales). One function per
// operation of aftersales.json, dispatch.json, parts_planning.json, quotes.json, repair_sheets.json.
type Query = Record<string, string | number | null | undefined>;
export type Localized = { 'zh-CN': string; en: string };

export const WO_KINDS = ['repair', 'installation', 'training', 'maintenance', 'inspection'] as const;
export const WO_CHANNELS = ['phone', 'letter', 'walk_in', 'portal', 'email', 'api'] as const;
export const MOVEMENT_KINDS = ['receipt', 'transfer', 'requisition', 'issue', 'consumption', 'faulty_return', 'unused_return', 'scrap', 'adjustment'] as const;
export const PAYMENT_METHODS = ['cash', 'transfer', 'card', 'wechat', 'alipay'] as const;
export type WoKind = (typeof WO_KINDS)[number];
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface WorkOrderFacts {
  kind: WoKind;
  unit_id: number | null;
  serial: string;
  part_code: string | null;
  fault: string;
  service_centre_id: number;
  engineer_id: number | null;
  reported_on: string;
  appointment_at: string | null;
  warranty: {
    in_warranty: boolean; reason: string; basis: string | null; ends_on: string | null;
    explanation_zh: string; explanation_en: string; quote_required: boolean;
  };
  target: {
    contract: string; rule: 'distance_tier' | 'region'; time_basis: 'working' | 'calendar'; calendar: string;
    road_factor: number; great_circle_km: number | null; distance_km: number | null; site_point: string; tier: string;
    onsite_hours: number; onsite_days: number; answer_hours: number; explanation_zh: string; explanation_en: string;
  };
}

export type WorkOrderRecord = Omit<Ticket, 'kind' | 'work_order'> & { kind: 'work_order'; work_order: WorkOrderFacts };

export interface WorkOrderQuery {
  cursor?: string | null;
  limit?: number;
  state?: string;
  kind?: string;
  engineer_id?: number;
  service_centre_id?: number;
  unit_id?: number;
  organisation_id?: number;
  overdue?: 'true';
  order?: 'newest' | 'oldest' | 'deadline';
}

export interface NewWorkOrder {
  kind: WoKind;
  serial?: string;
  unit_id?: number;
  fault: string;
  title?: string;
  channel?: string;
  part_code?: string;
  site_id?: number;
  service_centre_id?: number;
  reported_on?: string;
}

export interface WorkOrderStep {
  transition: string;
  engineer_id?: number;
  reason?: string;
  resolution?: string;
  appointment_at?: string;
  appointment_ends_at?: string;
}

export interface ProductModel {
  id: number;
  product_line_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  warranty_start: string[];
  warranty_months: number;
  parts: { code: string; name_zh: string; name_en?: string; warranty_months: number }[];
  version: number;
}
export interface ProductLine { id: number; code: string; name_zh: string; name_en: string; models: ProductModel[]; version: number }

export interface Unit {
  id: number;
  serial: string;
  model_id: number;
  organisation_id: number;
  site_id: number | null;
  production_date: string | null;
  sale_date: string | null;
  delivery_date: string | null;
  installation_date: string | null;
  warranty_card_no: string;
  feedback_card_on: string | null;
  notes: string;
  extensions: { contract: string; part_code: string | null; ends_on: string }[];
  version: number;
}
export type NewUnit = Partial<Omit<Unit, 'id' | 'version' | 'extensions'>> & { serial: string; model_id: number; organisation_id: number };

export interface WarrantyResult {
  part_code: string | null;
  in_warranty: boolean;
  reason: string;
  basis: string | null;
  fallbacks_skipped: string[];
  starts_on: string | null;
  term_months: number;
  term_source: string;
  ends_on: string | null;
  extension_contract: string | null;
  explanation_zh: string;
  explanation_en: string;
}
export interface UnitWarranty { unit_id: number; serial: string; model_id: number; model_code: string; on: string; unit: WarrantyResult; parts: WarrantyResult[] }

export interface CentreEngineer { user_id: number; login: string; display_name: string; skills: string[]; active: boolean }
export interface ServiceCentre {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  address: string;
  region_code: string;
  latitude: number | null;
  longitude: number | null;
  territory: string[];
  calendar: string;
  engineers: CentreEngineer[];
  version: number;
}

export interface DispatchCandidate {
  engineer_id: number;
  name: string;
  service_centre_id: number;
  rank: number | null;
  eligible: boolean;
  chosen: boolean;
  distance_km: number | null;
  load: number;
  cost: number | null;
  excluded_because: { code: string; label_zh: string; label_en: string }[];
}
export interface DispatchCandidates {
  work_order_id: number;
  at: string;
  product_line: string;
  province: string;
  rules: { km_per_open_order: number; max_load: number };
  chosen_engineer_id: number | null;
  explanation_zh: string;
  explanation_en: string;
  candidates: DispatchCandidate[];
}

export interface QuoteLine { kind: 'labour' | 'part' | 'travel' | 'other'; description: string; part_id: number | null; quantity: number; unit_price: number; amount: number }
export interface QuoteRecord {
  id: number;
  work_order_id: number;
  state: 'sent' | 'accepted' | 'declined';
  currency: string;
  tax_rate_bp: number;
  subtotal: number;
  tax: number;
  total: number;
  total_text: string;
  note: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string;
  fee: number | null;
  // The latest payment; all of them in payments (a fee may be paid in parts, up to the balance).
  payment: { amount: number; method: string; reference: string; paid_at: string } | null;
  payments: QuotePaymentRecord[];
  paid: number;
  balance: number | null;
  payment_status: 'unpaid' | 'partial' | 'paid' | null;
  // Signed on the engineer's phone (signQuote); null when decided in the portal.
  signature: { signer: string; signed_at: string; url: string } | null;
  lines: QuoteLine[];
  created_at: string;
}
export interface NewQuoteLine { kind: QuoteLine['kind']; description?: string; part_id?: number; quantity?: number; unit_price?: number; per_km?: boolean }

export interface SheetDetail extends RepairSheet {
  self_check_note: string;
  customer_comment: string;
  repeat_count: number;
  repeats: { id: number; number: string }[];
  faulty_returned: SheetMovement[];
  updated_at: string | null;
}

export interface Part {
  id: number;
  number: string;
  name_zh: string;
  name_en: string;
  unit: string;
  price_cents: number;
  warranty_months: number;
  returnable: boolean;
  supplier_id: number | null;
  version: number;
}
export type NewPart = Omit<Part, 'id' | 'version' | 'supplier_id'> & { supplier_id?: number | null };

export interface WarehouseRecord extends Warehouse {
  code: string;
  name_zh: string;
  service_centre_id: number | null;
  version: number;
}

export interface StockMovement {
  id: number;
  kind: MovementKind;
  part_id: number;
  quantity: number;
  condition: 'good' | 'faulty';
  from_warehouse_id: number | null;
  to_warehouse_id: number | null;
  work_order_id: number | null;
  note: string;
  actor_id: number | null;
  created_at: string;
}
export interface NewMovement {
  kind: MovementKind;
  part_id: number;
  quantity?: number;
  counted?: number;
  condition?: 'good' | 'faulty';
  from_warehouse_id?: number;
  to_warehouse_id?: number;
  work_order_id?: number;
  note?: string;
}

export interface Reservation { id: number; warehouse_id: number; part_id: number; part_number: string; work_order_id: number; quantity: number; created_at: string }
export interface ReorderPoint {
  warehouse_id: number;
  warehouse_code: string;
  part_id: number;
  part_number: string;
  part_name_zh: string;
  min_quantity: number;
  reorder_quantity: number;
  on_hand: number;
  reserved: number;
  shortfall: number;
}
export interface DemandPlanLine {
  part_id: number;
  part_number: string;
  name_zh: string;
  unit: string;
  supplier: string;
  monthly_consumption: number[];
  average: number;
  forecast: number;
  on_hand: number;
  reserved: number;
  available: number;
  safety_stock: number;
  lot: number;
  suggested: number;
  price_cents: number;
  amount_cents: number;
  explanation_zh: string;
  explanation_en: string;
}
export interface DemandPlan { month: string; history: string[]; total_cents: number; lines: DemandPlanLine[] }

const q = (x: object) => ({ ...x }) as Query;

export const listWorkOrders = (query: WorkOrderQuery = {}) => api.get<Page<WorkOrderRecord>>(`${V1}/work-orders`, { query: q(query) });
export const getWorkOrderRecord = (id: number) => api.get<WorkOrderRecord>(`${V1}/work-orders/${id}`);
export const createWorkOrder = (body: NewWorkOrder, idempotencyKey?: string) => api.post<WorkOrderRecord>(`${V1}/work-orders`, body, { idempotencyKey });
export const transitionWorkOrder = (id: number, body: WorkOrderStep, etag: string) =>
  api.post<WorkOrderRecord>(`${V1}/work-orders/${id}/transitions`, body, { ifMatch: etag });
export const getDispatchCandidates = (id: number, at?: string) =>
  api.get<DispatchCandidates>(`${V1}/work-orders/${id}/dispatch-candidates`, { query: { at } });
export const autoDispatch = (id: number, etag: string, at?: string) =>
  api.post<WorkOrderRecord>(`${V1}/work-orders/${id}/auto-dispatch`, at ? { at } : {}, { ifMatch: etag });
export const publishToPool = (id: number, note?: string) => api.post<unknown>(`${V1}/work-orders/${id}/pool`, note ? { note } : {});
export const listPool = () => api.get<{ items: WorkOrderRecord[] }>(`${V1}/work-orders/pool`);

export const listProductLines = () => api.get<Page<ProductLine>>(`${V1}/products`);
export const createProductLine = (body: { code: string; name_zh: string; name_en?: string }, idempotencyKey?: string) =>
  api.post<ProductLine>(`${V1}/products`, body, { idempotencyKey });
export const createProductModel = (lineId: number, body: Omit<ProductModel, 'id' | 'version' | 'product_line_id'>, idempotencyKey?: string) =>
  api.post<ProductModel>(`${V1}/products/${lineId}/models`, body, { idempotencyKey });
export const updateProductModel = (id: number, patch: Partial<ProductModel>, etag: string) =>
  api.patch<ProductModel>(`${V1}/products/models/${id}`, patch, { ifMatch: etag });
export const listFaultCodes = (lineId: number) => api.get<Page<{ id: number; code: string; label_zh: string; label_en: string }>>(`${V1}/products/${lineId}/fault-codes`);

export const listUnits = (query: { serial?: string; organisation_id?: number; model_id?: number; cursor?: string | null; limit?: number } = {}) =>
  api.get<Page<Unit>>(`${V1}/units`, { query: q(query) });
export const createUnit = (body: NewUnit, idempotencyKey?: string) => api.post<Unit>(`${V1}/units`, body, { idempotencyKey });
export const importUnits = (units: NewUnit[], idempotencyKey?: string) =>
  api.post<{ items?: Unit[]; count?: number }>(`${V1}/units/import`, { units }, { idempotencyKey });
export const getUnitWarranty = (id: number, on?: string) => api.get<UnitWarranty>(`${V1}/units/${id}/warranty`, { query: { on } });

export const listServiceCentres = () => api.get<Page<ServiceCentre>>(`${V1}/service-centres`);
export const createServiceCentre = (body: Partial<ServiceCentre>, idempotencyKey?: string) =>
  api.post<ServiceCentre>(`${V1}/service-centres`, body, { idempotencyKey });
export const updateServiceCentre = (id: number, patch: Partial<ServiceCentre>, etag: string) =>
  api.patch<ServiceCentre>(`${V1}/service-centres/${id}`, patch, { ifMatch: etag });
export const setCentreEngineer = (centreId: number, userId: number, body: { skills: string[]; active?: boolean }) =>
  api.put<ServiceCentre>(`${V1}/service-centres/${centreId}/engineers/${userId}`, { body });

export const listWorkOrderQuotes = (workOrderId: number) => api.get<Page<QuoteRecord>>(`${V1}/quotes`, { query: { work_order_id: workOrderId } });
export const createQuote = (body: { work_order_id: number; lines: NewQuoteLine[]; tax_rate_bp?: number; note?: string }, idempotencyKey?: string) =>
  api.post<QuoteRecord>(`${V1}/quotes`, body, { idempotencyKey });
export const decideQuote = (id: number, decision: 'accept' | 'decline', body: { signer?: string; reason?: string }, idempotencyKey?: string) =>
  api.post<QuoteRecord>(`${V1}/quotes/${id}/${decision}`, body, { idempotencyKey });
// One payment of the fee, at most the balance (recordQuotePayment).
export const payQuote = (id: number, body: { amount: number; method: string; reference?: string; paid_at?: string }, idempotencyKey?: string) =>
  api.post<QuoteRecord>(`${V1}/quotes/${id}/payment`, body, { idempotencyKey });
export const getSheetDetail = (id: number) => api.get<SheetDetail>(`${V1}/work-orders/${id}/sheet`);

export const listParts = () => api.get<Page<Part>>(`${V1}/parts`);
export const createPart = (body: NewPart, idempotencyKey?: string) => api.post<Part>(`${V1}/parts`, body, { idempotencyKey });
export const updatePart = (id: number, patch: Partial<NewPart>, etag: string) => api.patch<Part>(`${V1}/parts/${id}`, patch, { ifMatch: etag });
export const listWarehouseRecords = () => api.get<Page<WarehouseRecord>>(`${V1}/warehouses`);
export const createWarehouse = (body: { code: string; name_zh: string; kind: string; service_centre_id?: number; engineer_id?: number }, idempotencyKey?: string) =>
  api.post<WarehouseRecord>(`${V1}/warehouses`, body, { idempotencyKey });
export const listStockMovements = (query: { part_id?: number; warehouse_id?: number; work_order_id?: number; cursor?: string | null; limit?: number } = {}) =>
  api.get<Page<StockMovement>>(`${V1}/stock-movements`, { query: q(query) });
export const createStockMovement = (body: NewMovement, idempotencyKey?: string) => api.post<StockMovement>(`${V1}/stock-movements`, body, { idempotencyKey });
export const listReservations = (query: { work_order_id?: number; warehouse_id?: number } = {}) =>
  api.get<{ items: Reservation[] }>(`${V1}/parts/reservations`, { query: q(query) });
export const listReorderPoints = (below?: boolean) => api.get<{ items: ReorderPoint[] }>(`${V1}/parts/reorder-points`, { query: { below: below ? 'true' : undefined } });
export const setReorderPoint = (warehouseId: number, partId: number, body: { min_quantity: number; reorder_quantity?: number }) =>
  api.put<ReorderPoint>(`${V1}/warehouses/${warehouseId}/reorder-points/${partId}`, { body });
export const getDemandPlan = (month?: string, historyMonths?: number) =>
  api.get<DemandPlan>(`${V1}/parts/demand-plan`, { query: { month, history_months: historyMonths } });
export const demandPlanUrl = (month: string, format: 'csv' | 'xlsx', historyMonths = 6) =>
  `${V1}/parts/demand-plan?month=${encodeURIComponent(month)}&history_months=${historyMonths}&format=${format}`;

export interface EngineerSchedule {
  engineer_id: number;
  service_centre_id: number;
  calendar: string;
  own_calendar: string | null;
  absences: { id: number; engineer_id: number; starts_on: string; ends_on: string; reason: string; created_at: string }[];
  appointments: { work_order_id: number; number: string; starts_at: string; ends_at: string }[];
}
const engineerPath = (centreId: number, userId: number) => `${V1}/service-centres/${centreId}/engineers/${userId}`;
export const getEngineerSchedule = (centreId: number, userId: number) => api.get<EngineerSchedule>(`${engineerPath(centreId, userId)}/schedule`);
export const setEngineerCalendar = (centreId: number, userId: number, calendar: string | null) =>
  api.put<EngineerSchedule>(`${engineerPath(centreId, userId)}/calendar`, { body: { calendar } });
export const addEngineerAbsence = (centreId: number, userId: number, body: { starts_on: string; ends_on: string; reason?: string }) =>
  api.post<unknown>(`${engineerPath(centreId, userId)}/absences`, body);
export const removeEngineerAbsence = (centreId: number, userId: number, absenceId: number) =>
  api.delete(`${engineerPath(centreId, userId)}/absences/${absenceId}`);
export const reserveStock = (body: { warehouse_id: number; part_id: number; work_order_id: number; quantity: number }) =>
  api.post<Reservation>(`${V1}/parts/reservations`, body);
export const releaseReservation = (id: number) => api.delete(`${V1}/parts/reservations/${id}`);
export const addUnitExtension = (unit: Pick<Unit, 'id' | 'version'>, body: { contract: string; part_code?: string; ends_on: string }) =>
  api.post<Unit>(`${V1}/units/${unit.id}/extensions`, body, { ifMatch: `"${unit.version}"` });
