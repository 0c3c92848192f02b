-- After-sales dispatch (issue 8): engineers' own calendars and absences, appointments (slots on
-- the engineer's working calendar), and the claim pool a centre publishes orders to.
-- PostgreSQL mirrors this file (same names, same meaning).

-- An engineer works on their centre's calendar unless given their own (a calendar slug).
CREATE TABLE engineer_calendars (
  engineer_id INTEGER PRIMARY KEY REFERENCES users (id),
  calendar TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Absences as dated ranges (China dates, both ends included): leave, training, sickness.
CREATE TABLE engineer_absences (
  id INTEGER PRIMARY KEY,
  engineer_id INTEGER NOT NULL REFERENCES users (id),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX engineer_absences_engineer ON engineer_absences (engineer_id, starts_on);

-- The agreed visit of a work order: one slot [starts_at, ends_at) of its engineer.
CREATE TABLE appointments (
  work_order_id INTEGER PRIMARY KEY REFERENCES tickets (id),
  engineer_id INTEGER NOT NULL REFERENCES users (id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX appointments_engineer ON appointments (engineer_id, starts_at);

-- Orders a centre has published for its engineers to claim. A claim stamps claimed_by with a
-- guarded UPDATE (exactly one of concurrent claims wins); dispatching by hand removes the row.
CREATE TABLE dispatch_pool (
  work_order_id INTEGER PRIMARY KEY REFERENCES tickets (id),
  service_centre_id INTEGER NOT NULL REFERENCES service_centres (id),
  product_line TEXT NOT NULL DEFAULT '',
  province TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  published_by INTEGER REFERENCES users (id),
  published_at TEXT NOT NULL,
  claimed_by INTEGER REFERENCES users (id),
  claimed_at TEXT
);
CREATE INDEX dispatch_pool_centre ON dispatch_pool (service_centre_id, work_order_id);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('engineer', 'work_order.claim', 'own'),
  ('agent', 'engineer.schedule', 'all');
