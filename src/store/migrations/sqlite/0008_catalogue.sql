-- The service catalogue: services, request items with versioned form schemas and approval
-- stages; the form data and approvals of requests raised from them; a manager for each person
-- (approvals "by the requester's manager"); the administrators' priority matrix.
-- PostgreSQL mirrors this file (same names, same meaning).

CREATE TABLE catalogue_services (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_zh TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX catalogue_services_code ON catalogue_services (code);

-- A request item: what a requester may ask for. `audience` (JSON) says who may request it,
-- `approvals` (JSON) its approval stages, `form_version` the current row of catalogue_forms.
CREATE TABLE catalogue_items (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES catalogue_services (id),
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_zh TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT '{}',
  default_group_id INTEGER REFERENCES groups (id),
  impact INTEGER NOT NULL DEFAULT 3,
  urgency INTEGER NOT NULL DEFAULT 3,
  approvals TEXT NOT NULL DEFAULT '[]',
  form_version INTEGER NOT NULL DEFAULT 1,
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX catalogue_items_code ON catalogue_items (code);
CREATE INDEX catalogue_items_service ON catalogue_items (service_id, id);

-- Every version of every item's form schema (JSON), kept so old requests stay readable.
CREATE TABLE catalogue_forms (
  item_id INTEGER NOT NULL REFERENCES catalogue_items (id),
  form_version INTEGER NOT NULL,
  form_schema TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (item_id, form_version)
);

-- The form data of a request raised from a catalogue item, with the schema version it was
-- checked against.
CREATE TABLE ticket_forms (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
  item_id INTEGER NOT NULL REFERENCES catalogue_items (id),
  form_version INTEGER NOT NULL,
  form_data TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ticket_forms_item ON ticket_forms (item_id);

-- One approver's place in one approval stage of one request.
CREATE TABLE ticket_approvals (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  stage INTEGER NOT NULL,
  stage_label_zh TEXT NOT NULL,
  stage_label_en TEXT NOT NULL,
  stage_rule TEXT NOT NULL CHECK (stage_rule IN ('any', 'all')),
  approver_id INTEGER NOT NULL REFERENCES users (id),
  source TEXT NOT NULL,
  state TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  decided_at TEXT
);
CREATE INDEX ticket_approvals_ticket ON ticket_approvals (ticket_id, stage, id);
CREATE INDEX ticket_approvals_approver ON ticket_approvals (approver_id, state, id);

ALTER TABLE users ADD COLUMN manager_id INTEGER REFERENCES users (id);

-- The impact × urgency matrix (JSON rows of priorities); one row, id 1. Absent: the default.
CREATE TABLE priority_matrix (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cells TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'catalogue.read', 'all'),
  ('customer', 'catalogue.read', 'organisation'),
  ('agent', 'priority_matrix.read', 'all');
