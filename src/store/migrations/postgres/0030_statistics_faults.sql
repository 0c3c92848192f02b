-- Monthly statistics by fault (issue 9): each work order's facts carry the fault code of its
-- repair sheet (fault_codes, per product line) and, in `fault`, the fault phenomenon as the
-- engineer recorded it on the sheet (the fault as reported until then), kept by app/kpi in the
-- same unit as the order's and the sheet's changes. The month index stays covering.
-- PostgreSQL mirror of ../sqlite/0030_statistics_faults.sql (same columns and meaning).
ALTER TABLE work_order_facts ADD COLUMN fault_code_id BIGINT;
UPDATE work_order_facts SET
  fault_code_id = (SELECT s.fault_code_id FROM repair_sheets s
                   WHERE s.work_order_id = work_order_facts.ticket_id),
  fault = COALESCE((SELECT NULLIF(s.fault_phenomenon, '') FROM repair_sheets s
                    WHERE s.work_order_id = work_order_facts.ticket_id), fault)
  WHERE ticket_id IN (SELECT work_order_id FROM repair_sheets);
DROP INDEX work_order_facts_month;
CREATE INDEX work_order_facts_month ON work_order_facts (reported_month, model_id,
  service_centre_id, engineer_id, in_warranty, cancelled, resolved_month, parts_cost_cents,
  fees_cents, fault, fault_code_id);
