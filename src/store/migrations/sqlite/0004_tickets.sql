-- Service desk records: one core table for every kind of ticket (incident, request; later
-- problem, change, work order, complaint), a counter per kind and year for human numbers, the
-- journal, and the event log SLA clocks are computed from.
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  number TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  requester_id INTEGER REFERENCES users (id),
  organisation_id INTEGER REFERENCES organisations (id),
  site_id INTEGER REFERENCES sites (id),
  service TEXT NOT NULL DEFAULT '',
  ci_refs TEXT NOT NULL DEFAULT '',
  impact INTEGER NOT NULL DEFAULT 3,
  urgency INTEGER NOT NULL DEFAULT 3,
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
  priority_overridden INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  state_category TEXT NOT NULL,
  group_id INTEGER REFERENCES groups (id),
  assignee_id INTEGER REFERENCES users (id),
  channel TEXT NOT NULL,
  resolution TEXT NOT NULL DEFAULT '',
  resolution_code TEXT NOT NULL DEFAULT '',
  major INTEGER NOT NULL DEFAULT 0,
  sla_due_at TEXT,
  created_by INTEGER REFERENCES users (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  resolved_at TEXT,
  closed_at TEXT
);
CREATE UNIQUE INDEX tickets_number ON tickets (number);
-- Queue views: a group's open work by SLA due; an organisation's records; a requester's records.
CREATE INDEX tickets_queue ON tickets (group_id, state, sla_due_at, id);
CREATE INDEX tickets_assignee ON tickets (assignee_id, state, id);
CREATE INDEX tickets_organisation ON tickets (organisation_id, id);
CREATE INDEX tickets_requester ON tickets (requester_id, id);
CREATE INDEX tickets_kind_state ON tickets (kind, state_category, id);

CREATE TABLE ticket_counters (
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL,
  PRIMARY KEY (kind, year)
);

-- The journal: public replies (customers see them), internal notes, and system entries.
CREATE TABLE journal_entries (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
  entry_kind TEXT NOT NULL CHECK (entry_kind IN ('reply', 'note', 'system')),
  author_id INTEGER REFERENCES users (id),
  author_login TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX journal_entries_ticket ON journal_entries (ticket_id, id);

-- What SLA clocks are computed from: creation, state and priority changes, first public reply …
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  at TEXT NOT NULL,
  event_type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'ticket.read', 'all'),
  ('agent', 'ticket.create', 'all'),
  ('agent', 'ticket.write', 'all'),
  ('agent', 'ticket.reply', 'all'),
  ('agent', 'ticket.note', 'all'),
  ('agent', 'ticket.confirm', 'all'),
  ('customer', 'ticket.read', 'organisation'),
  ('customer', 'ticket.create', 'organisation'),
  ('customer', 'ticket.reply', 'organisation'),
  ('customer', 'ticket.confirm', 'organisation'),
  ('supplier', 'ticket.read', 'own'),
  ('supplier', 'ticket.reply', 'own');

-- SLA thresholds already announced: one row per (ticket, "clock/kind", percent, instant), e.g.
-- ("resolution/breach", 100, …), so a warning, escalation or breach is announced exactly once
-- however often its job runs.
CREATE TABLE sla_notifications (
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  clock TEXT NOT NULL,
  percent INTEGER NOT NULL,
  at TEXT NOT NULL,
  announced_at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, clock, percent, at)
);
