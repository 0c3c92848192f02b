-- Saved views of tickets (issue 5): a name, filters (NULL = any) and a sort, personal (owner only)
-- or shared (everyone who may read views). Each view's count is kept per access scope in
-- saved_view_counts and maintained ON WRITE by the triggers below, in the same transaction as
-- every insert, update or delete of a ticket, whoever writes it (API use cases, jobs, the seeder,
-- the importer): a page never runs COUNT(*). See docs/architecture.md, "Saved views and counts".
--
-- A counter row belongs to one scope key, i.e. one reachable set of tickets (app/tickets/
-- ticket_scope.h): 'all'; an organisation scope (its organisation, or the requester);
-- a group scope (its groups as ',1,2,', or the requester); own (the requester). Everyone with the
-- same reach shares the row. A row is created with one COUNT when a scope first uses the view.
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  owner_id INTEGER REFERENCES users (id),
  shared INTEGER NOT NULL DEFAULT 0,
  kind TEXT,
  state TEXT,
  state_category TEXT,
  priority INTEGER,
  group_id INTEGER,
  assignee_id INTEGER,
  organisation_id INTEGER,
  requester_id INTEGER,
  sort TEXT NOT NULL DEFAULT 'newest',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX saved_views_owner ON saved_views (owner_id, id);
CREATE INDEX saved_views_shared ON saved_views (shared, id);

CREATE TABLE saved_view_counts (
  id INTEGER PRIMARY KEY,
  view_id INTEGER NOT NULL REFERENCES saved_views (id) ON DELETE CASCADE,
  scope_key TEXT NOT NULL,
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('all', 'organisation', 'group', 'own')),
  scope_org INTEGER,
  scope_user INTEGER,
  scope_groups TEXT,
  count INTEGER NOT NULL
);
CREATE UNIQUE INDEX saved_view_counts_scope ON saved_view_counts (view_id, scope_key);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'view.read', 'all'),
  ('agent', 'view.write', 'own'),
  ('customer', 'view.read', 'organisation'),
  ('customer', 'view.write', 'own');


-- Which counters each ticket counts in: the one definition of "a view's filters and a counter's
-- scope accept this ticket" (the scope as in app/tickets/ticket_scope.cc).
CREATE VIEW ticket_view_counters AS
SELECT t.id AS ticket_id, c.id AS counter_id
FROM tickets t, saved_view_counts c JOIN saved_views v ON v.id = c.view_id
WHERE (v.kind IS NULL OR v.kind = t.kind)
  AND (v.state IS NULL OR v.state = t.state)
  AND (v.state_category IS NULL OR v.state_category = t.state_category)
  AND (v.priority IS NULL OR v.priority = t.priority)
  AND (v.group_id IS NULL OR v.group_id = t.group_id)
  AND (v.assignee_id IS NULL OR v.assignee_id = t.assignee_id)
  AND (v.organisation_id IS NULL OR v.organisation_id = t.organisation_id)
  AND (v.requester_id IS NULL OR v.requester_id = t.requester_id)
  AND (c.scope_kind = 'all'
    OR (c.scope_kind = 'organisation' AND (t.organisation_id = c.scope_org OR t.requester_id = c.scope_user))
    OR (c.scope_kind = 'group' AND (instr(c.scope_groups, ',' || t.group_id || ',') > 0 OR t.requester_id = c.scope_user))
    OR (c.scope_kind = 'own' AND t.requester_id = c.scope_user));

-- Maintained on write: a ticket leaves its counters before a change (or its deletion) and joins
-- them after it (or its insertion). The WHEN clauses keep ticket writes free of work while no
-- view is counted.
CREATE TRIGGER tickets_view_counts_ai AFTER INSERT ON tickets
WHEN EXISTS (SELECT 1 FROM saved_view_counts) BEGIN
  UPDATE saved_view_counts SET count = count + 1
  WHERE id IN (SELECT counter_id FROM ticket_view_counters WHERE ticket_id = new.id);
END;
CREATE TRIGGER tickets_view_counts_bd BEFORE DELETE ON tickets
WHEN EXISTS (SELECT 1 FROM saved_view_counts) BEGIN
  UPDATE saved_view_counts SET count = count - 1
  WHERE id IN (SELECT counter_id FROM ticket_view_counters WHERE ticket_id = old.id);
END;
CREATE TRIGGER tickets_view_counts_bu
BEFORE UPDATE OF kind, state, state_category, priority, group_id, assignee_id, organisation_id,
  requester_id ON tickets
WHEN EXISTS (SELECT 1 FROM saved_view_counts) BEGIN
  UPDATE saved_view_counts SET count = count - 1
  WHERE id IN (SELECT counter_id FROM ticket_view_counters WHERE ticket_id = old.id);
END;
CREATE TRIGGER tickets_view_counts_au
AFTER UPDATE OF kind, state, state_category, priority, group_id, assignee_id, organisation_id,
  requester_id ON tickets
WHEN EXISTS (SELECT 1 FROM saved_view_counts) BEGIN
  UPDATE saved_view_counts SET count = count + 1
  WHERE id IN (SELECT counter_id FROM ticket_view_counters WHERE ticket_id = new.id);
END;
