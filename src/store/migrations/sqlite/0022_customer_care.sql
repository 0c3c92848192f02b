-- Customer care (issue 9, crm-care): complaints (投诉), follow-ups (回访) and the customer
-- archive (客户档案). PostgreSQL mirrors this file (same tables, columns and meaning).
--
-- A complaint is a ticket of kind "complaint" (number CMP-YYYY-NNNNNN, journal, audit, SLA
-- clock "closed within 5 working days" from ticket_sla_policies); this table holds its facts.
-- For readers (KPIs, statistics, surveys): organisation_id is the customer; about is the
-- complaint's category (engineer | work_order | product | attitude | fees); work_order_id and
-- related_ticket_id link the order or ticket complained about; attributable is 1 when the cause
-- lies with the service (NULL until the cause is established, 0 otherwise; a complaint routed
-- away as "not a customer complaint" has is_complaint 0 and counts nowhere); received_at and
-- closed_at are UTC RFC 3339 instants; due_at is the 5-working-day deadline.
CREATE TABLE complaints (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  contact_id INTEGER REFERENCES users (id),
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL CHECK (channel IN ('call', 'letter', 'visit', 'portal', 'email')),
  about TEXT NOT NULL CHECK (about IN ('engineer', 'work_order', 'product', 'attitude', 'fees')),
  severity TEXT NOT NULL CHECK (severity IN ('normal', 'major')),
  work_order_id INTEGER REFERENCES tickets (id),
  related_ticket_id INTEGER REFERENCES tickets (id),
  engineer_id INTEGER REFERENCES users (id),
  product_model_id INTEGER REFERENCES product_models (id),
  follow_up_id INTEGER,
  is_complaint INTEGER,
  routed_to_id INTEGER REFERENCES users (id),
  head_id INTEGER REFERENCES users (id),
  cause TEXT NOT NULL DEFAULT '',
  attributable INTEGER,
  human_factor INTEGER,
  responsible_id INTEGER REFERENCES users (id),
  disciplinary_note TEXT NOT NULL DEFAULT '',
  support_request TEXT NOT NULL DEFAULT '',
  remedy TEXT NOT NULL DEFAULT '',
  remedy_rounds INTEGER NOT NULL DEFAULT 0,
  customer_agreed_at TEXT,
  solution TEXT NOT NULL DEFAULT '',
  carried_out_at TEXT,
  customer_informed_at TEXT,
  improvement_action TEXT NOT NULL DEFAULT '',
  calendar TEXT NOT NULL,
  received_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX complaints_organisation ON complaints (organisation_id, ticket_id);
CREATE INDEX complaints_received ON complaints (received_at, ticket_id);
CREATE INDEX complaints_work_order ON complaints (work_order_id);

-- Follow-ups: created when a work order or ticket closes (source_ticket_id; after a delay in
-- working days), on a schedule for key customers, from a survey, or by hand. dedupe_key makes
-- automatic creation idempotent ("ticket:42", "visit:7:2026-10-01"). An unhappy outcome opens a
-- complaint (complaint_id; the complaint's follow_up_id points back) or reopens the work order.
CREATE TABLE follow_ups (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  source TEXT NOT NULL CHECK (source IN ('work_order', 'ticket', 'schedule', 'survey', 'manual')),
  source_ticket_id INTEGER REFERENCES tickets (id),
  dedupe_key TEXT,
  method TEXT NOT NULL CHECK (method IN ('phone', 'visit', 'letter', 'message')),
  assignee_id INTEGER REFERENCES users (id),
  contact_id INTEGER REFERENCES users (id),
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
  calendar TEXT NOT NULL,
  due_at TEXT NOT NULL,
  reached INTEGER,
  satisfied INTEGER,
  score INTEGER,
  comments TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL DEFAULT '',
  complaint_id INTEGER REFERENCES tickets (id),
  reopened_work_order_id INTEGER REFERENCES tickets (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE UNIQUE INDEX follow_ups_dedupe ON follow_ups (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX follow_ups_state_due ON follow_ups (state, due_at, id);
CREATE INDEX follow_ups_organisation ON follow_ups (organisation_id, id);
CREATE INDEX follow_ups_assignee ON follow_ups (assignee_id, state, id);
CREATE INDEX follow_ups_source ON follow_ups (source_ticket_id);

-- Per customer: key customer (定期走访: every visit_interval_days, next on next_visit_on), and
-- the archive (客户档案): first contact, the open archive task (a ticket of kind
-- "archive_task", due 2 working days after first contact), "no units" declared explicitly, and
-- when the archive was found complete.
CREATE TABLE customer_care (
  organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id),
  key_customer INTEGER NOT NULL DEFAULT 0,
  visit_interval_days INTEGER NOT NULL DEFAULT 0,
  visit_method TEXT NOT NULL DEFAULT 'visit',
  next_visit_on TEXT,
  no_units INTEGER NOT NULL DEFAULT 0,
  first_contact_at TEXT,
  archive_task_id INTEGER REFERENCES tickets (id),
  archive_completed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX customer_care_next_visit ON customer_care (key_customer, next_visit_on);
-- The archive lists a customer's recent survey answers (0018_surveys).
CREATE INDEX survey_responses_organisation ON survey_responses (organisation_id, id);

-- The outbox consumers of customer care start at the present: closures and organisations from
-- before this migration get no follow-up and no archive task.
INSERT INTO outbox_cursors (consumer, last_id) SELECT 'crm.follow_ups', COALESCE(MAX(id), 0) FROM outbox;
INSERT INTO outbox_cursors (consumer, last_id) SELECT 'crm.archive', COALESCE(MAX(id), 0) FROM outbox;

-- Settings of customer care (one row): the delay of a follow-up after closure, in working days,
-- its method and the days allowed to do it.
CREATE TABLE crm_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  follow_up_delay_days INTEGER NOT NULL DEFAULT 1,
  follow_up_days INTEGER NOT NULL DEFAULT 2,
  follow_up_method TEXT NOT NULL DEFAULT 'phone',
  calendar TEXT NOT NULL DEFAULT 'china-mainland',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
INSERT INTO crm_settings (id, updated_at) VALUES (1, '2026-01-01T00:00:00Z');

-- The quality department (质量管理部) and the management representative (管理者代表) hear of
-- major complaints at once: role "quality" (complaint.major_notice), notification rule below.
INSERT INTO roles (name, label_zh, label_en, builtin, version, id)
  SELECT 'quality', '质量管理部', 'Quality department', 1, 1, COALESCE(MAX(id), 0) + 1 FROM roles;
INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'complaint.read', 'all'),
  ('agent', 'complaint.create', 'all'),
  ('agent', 'complaint.write', 'all'),
  ('agent', 'follow_up.read', 'all'),
  ('agent', 'follow_up.write', 'all'),
  ('agent', 'customer_archive.read', 'all'),
  ('agent', 'customer_archive.write', 'all'),
  ('manager', 'complaint.read', 'all'),
  ('manager', 'complaint.create', 'all'),
  ('manager', 'complaint.write', 'all'),
  ('manager', 'follow_up.read', 'all'),
  ('manager', 'follow_up.write', 'all'),
  ('manager', 'customer_archive.read', 'all'),
  ('manager', 'customer_archive.write', 'all'),
  ('quality', 'me.read', 'own'),
  ('quality', 'organisation.read', 'all'),
  ('quality', 'ticket.read', 'all'),
  ('quality', 'work_order.read', 'all'),
  ('quality', 'complaint.read', 'all'),
  ('quality', 'complaint.major_notice', 'all'),
  ('quality', 'follow_up.read', 'all'),
  ('quality', 'customer_archive.read', 'all'),
  ('customer', 'complaint.read', 'organisation'),
  ('customer', 'complaint.create', 'organisation'),
  ('customer', 'customer_archive.read', 'organisation');

INSERT INTO notification_rules (name, event_type, conditions, recipients, channels, created_at, updated_at) VALUES
  ('重大投诉：直接报告质量管理部和管理者代表', 'complaint.major', '{}', '["quality","managers"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO notification_templates (event_type, language, subject, body, updated_at) VALUES
  ('complaint.major', 'zh-CN', '重大投诉：{{title}}', '{{recipient}}，您好：

收到重大投诉 {{number}}「{{title}}」，按服务程序 5.1.14 直接报告质量管理部和管理者代表。
须在 5 个工作日内关闭。

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('complaint.major', 'en', 'Major complaint: {{title}}', 'Hello {{recipient}},

A major complaint was received: {{number}} "{{title}}". As the service procedure (5.1.14) requires,
it is reported directly to the quality department and the management representative.
It must be closed within 5 working days.

Details: {{url}}', '2026-01-01T00:00:00Z');
