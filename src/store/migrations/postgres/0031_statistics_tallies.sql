-- Monthly statistics kept on write (issue 9, "a month's statistics for all products ≤ 1 s" at
-- 1,000,000 work orders): statistics_tallies sums the orders reported in a month and their
-- figures per grouping — the month's total, product model, fault code, fault phenomenon
-- (key_text), service centre and engineer (key_id 0: none). app/kpi moves each order's difference
-- into it in the order's own unit of work, as it does for kpi_tallies; reading a month is then
-- one range of this table whatever the number of orders. Rows whose orders fall to 0 stay (with
-- every figure 0) and are not shown. The parts consumed and returned in a month are read from
-- stock_movements through the covering index below.
-- PostgreSQL mirror of ../sqlite/0031_statistics_tallies.sql (same table, columns and meaning).
CREATE TABLE statistics_tallies (
  month TEXT NOT NULL,
  dimension TEXT NOT NULL
    CHECK (dimension IN ('total', 'product', 'fault_code', 'fault', 'centre', 'engineer')),
  key_id BIGINT NOT NULL,
  key_text TEXT NOT NULL,
  orders BIGINT NOT NULL,
  repaired BIGINT NOT NULL,
  cancelled BIGINT NOT NULL,
  in_warranty BIGINT NOT NULL,
  parts_cost_cents BIGINT NOT NULL,
  fees_cents BIGINT NOT NULL,
  PRIMARY KEY (month, dimension, key_id, key_text)
);
INSERT INTO statistics_tallies (month, dimension, key_id, key_text, orders, repaired, cancelled,
  in_warranty, parts_cost_cents, fees_cents)
SELECT reported_month, d.dimension,
  CASE d.dimension WHEN 'product' THEN COALESCE(model_id, 0)
    WHEN 'fault_code' THEN COALESCE(fault_code_id, 0) WHEN 'centre' THEN service_centre_id
    WHEN 'engineer' THEN COALESCE(engineer_id, 0) ELSE 0 END AS k,
  CASE d.dimension WHEN 'fault' THEN fault ELSE '' END AS t,
  COUNT(*), SUM(CASE WHEN resolved_month IS NOT NULL THEN 1 ELSE 0 END), SUM(cancelled),
  SUM(in_warranty), SUM(parts_cost_cents), SUM(fees_cents)
FROM work_order_facts,
  (SELECT 'total' AS dimension UNION ALL SELECT 'product' UNION ALL SELECT 'fault_code'
   UNION ALL SELECT 'fault' UNION ALL SELECT 'centre' UNION ALL SELECT 'engineer') d
GROUP BY reported_month, d.dimension, k, t;
-- The statistics no longer read the facts' wide month index; the records behind a month's
-- orders (GET /api/v1/kpis/records?kpi=orders) page through this narrow one.
DROP INDEX work_order_facts_month;
CREATE INDEX work_order_facts_month ON work_order_facts (reported_month, ticket_id);
-- Covering (the month's consumptions and returns without reading the movements themselves);
-- stock_movements_kind (kind, created_at) of 0020 is its prefix.
CREATE INDEX stock_movements_month ON stock_movements (kind, created_at, part_id, quantity,
  work_order_id);
