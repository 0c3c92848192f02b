-- Service quality (issue 9): KPIs and monthly statistics. work_order_facts holds what each work
-- order contributes to the figures (kept in the same unit as every change of the order, by
-- app/kpi); kpi_tallies sums those contributions per scope (all, centre, engineer, contract),
-- month and figure, so a dashboard reads a handful of rows; monthly_statistics records the
-- service manager's approval and the distribution of a month's statistics.
-- PostgreSQL mirror of ../sqlite/0023_kpis.sql (same tables, columns and meaning). Months are
-- "YYYY-MM" in China time.
CREATE TABLE work_order_facts (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id),
  organisation_id BIGINT,
  service_centre_id BIGINT NOT NULL,
  engineer_id BIGINT,
  unit_id BIGINT,
  model_id BIGINT,
  fault TEXT NOT NULL DEFAULT '',
  wo_kind TEXT NOT NULL,
  in_warranty INTEGER NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0,
  reported_month TEXT NOT NULL,
  due_at TEXT,
  due_month TEXT,
  on_time INTEGER,
  responded_month TEXT,
  response_seconds BIGINT NOT NULL DEFAULT 0,
  resolved_at TEXT,
  resolved_month TEXT,
  repair_seconds BIGINT NOT NULL DEFAULT 0,
  waited_for_parts INTEGER NOT NULL DEFAULT 0,
  reopened INTEGER NOT NULL DEFAULT 0,
  came_back INTEGER NOT NULL DEFAULT 0,
  parts_cost_cents BIGINT NOT NULL DEFAULT 0,
  fees_cents BIGINT NOT NULL DEFAULT 0
);
-- The monthly statistics read only this index (covering): a month's orders in one range scan.
CREATE INDEX work_order_facts_month ON work_order_facts (reported_month, model_id,
  service_centre_id, engineer_id, in_warranty, cancelled, resolved_month, parts_cost_cents,
  fees_cents, fault);
CREATE INDEX work_order_facts_centre ON work_order_facts (service_centre_id, ticket_id);
CREATE INDEX work_order_facts_engineer ON work_order_facts (engineer_id, ticket_id);
CREATE INDEX work_order_facts_organisation ON work_order_facts (organisation_id, ticket_id);
CREATE INDEX work_order_facts_unit ON work_order_facts (unit_id, resolved_at);

CREATE TABLE kpi_tallies (
  scope TEXT NOT NULL CHECK (scope IN ('all', 'centre', 'engineer', 'contract')),
  scope_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  tally TEXT NOT NULL,
  numerator BIGINT NOT NULL,
  denominator BIGINT NOT NULL,
  PRIMARY KEY (scope, scope_id, month, tally)
);

CREATE TABLE monthly_statistics (
  month TEXT PRIMARY KEY,
  approved_by BIGINT REFERENCES users (id),
  approved_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  distribute_at TEXT NOT NULL,
  distributed_at TEXT,
  recipients TEXT NOT NULL DEFAULT ''
);

-- Parts consumed and returned in a month (covering: the statistics read only the index).
CREATE INDEX stock_movements_created ON stock_movements (created_at, kind, part_id, quantity);

-- Satisfaction of a month per scope, from the survey responses (app/surveys writes them).
CREATE INDEX survey_responses_centre_month ON survey_responses (service_centre_id, submitted_at);
CREATE INDEX survey_responses_engineer_month ON survey_responses (engineer_id, submitted_at);
CREATE INDEX survey_responses_organisation_month ON survey_responses (organisation_id, submitted_at);

-- Service managers read the figures and the records behind them (work orders, centres,
-- customers) and approve the statistics; customers read their own contract's figures; agents
-- read the service's figures (and so may create customers, who hold kpi.read for their own).
INSERT INTO role_grants (role, permission, scope) VALUES
  ('manager', 'kpi.read', 'all'),
  ('agent', 'kpi.read', 'all'),
  ('manager', 'statistics.read', 'all'),
  ('manager', 'statistics.approve', 'all'),
  ('manager', 'work_order.read', 'all'),
  ('manager', 'service_centre.read', 'all'),
  ('manager', 'organisation.read', 'all'),
  ('customer', 'kpi.read', 'organisation')
ON CONFLICT DO NOTHING;
