-- After-sales, part 3: work orders (issue 8). A work order is a ticket of kind "work_order"; this
-- table holds its after-sales facts. ticket_sla_policies lets one record carry its own SLA policy
-- (a work order's response targets depend on its distance or region), used instead of the
-- policies table when present. response_terms are the customers' contractual response targets.
-- PostgreSQL mirror of ../sqlite/0016_work_orders.sql (same tables, columns and meaning).
CREATE TABLE work_orders (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id),
  wo_kind TEXT NOT NULL CHECK (wo_kind IN ('repair', 'installation', 'training', 'maintenance', 'inspection')),
  unit_id BIGINT REFERENCES units (id),
  part_code TEXT NOT NULL DEFAULT '',
  fault TEXT NOT NULL DEFAULT '',
  service_centre_id BIGINT NOT NULL REFERENCES service_centres (id),
  reported_on TEXT NOT NULL,
  in_warranty INTEGER NOT NULL,
  warranty_reason TEXT NOT NULL DEFAULT '',
  warranty_basis TEXT NOT NULL DEFAULT '',
  warranty_ends_on TEXT,
  warranty_explanation_zh TEXT NOT NULL DEFAULT '',
  warranty_explanation_en TEXT NOT NULL DEFAULT '',
  quote_required INTEGER NOT NULL DEFAULT 0,
  contract TEXT NOT NULL DEFAULT '',
  target_rule TEXT NOT NULL,
  time_basis TEXT NOT NULL,
  calendar TEXT NOT NULL,
  road_factor DOUBLE PRECISION NOT NULL,
  great_circle_km DOUBLE PRECISION,
  distance_km DOUBLE PRECISION,
  site_point TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL,
  onsite_hours INTEGER NOT NULL DEFAULT 0,
  onsite_days INTEGER NOT NULL DEFAULT 0,
  answer_hours INTEGER NOT NULL,
  target_explanation_zh TEXT NOT NULL,
  target_explanation_en TEXT NOT NULL,
  appointment_at TEXT
);
CREATE INDEX work_orders_unit ON work_orders (unit_id, ticket_id);
CREATE INDEX work_orders_centre ON work_orders (service_centre_id, ticket_id);

CREATE TABLE ticket_sla_policies (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id),
  policy TEXT NOT NULL
);

-- organisation_id 0: the default for customers without their own terms.
CREATE TABLE response_terms (
  organisation_id BIGINT PRIMARY KEY,
  contract TEXT NOT NULL DEFAULT '',
  terms TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'work_order.read', 'all'),
  ('agent', 'work_order.create', 'all'),
  ('agent', 'work_order.write', 'all'),
  ('agent', 'work_order.dispatch', 'all'),
  ('agent', 'work_order.decide', 'all'),
  ('agent', 'response_terms.read', 'all'),
  ('agent', 'response_terms.write', 'all'),
  ('customer', 'work_order.read', 'organisation'),
  ('customer', 'work_order.create', 'organisation'),
  ('customer', 'work_order.decide', 'organisation'),
  ('engineer', 'work_order.read', 'own'),
  ('engineer', 'work_order.work', 'own');
