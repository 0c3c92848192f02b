-- Working calendars and SLA policies (issue 4). A calendar is identified by its slug
-- ("china-mainland"), which SLA targets and the API use; `id` is the row id for the audit journal
-- and cursors. Times of day are seconds since local midnight (0..86400), dates are "YYYY-MM-DD".

CREATE TABLE calendars (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  zone TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('weekly', 'always_working')),
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL,
  shipped INTEGER NOT NULL DEFAULT 0,  -- 1: seeded from the product's data (an editable copy)
  version INTEGER NOT NULL DEFAULT 1,  -- ETag; also the revision SLA explanations cite
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX calendars_slug ON calendars (slug);

-- Working segments: weekly (weekday 0 = Monday .. 6 = Sunday, day NULL) or of a special day
-- (day set, weekday NULL).
CREATE TABLE calendar_segments (
  id INTEGER PRIMARY KEY,
  calendar_id INTEGER NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  weekday INTEGER CHECK (weekday BETWEEN 0 AND 6),
  day TEXT,
  start_second INTEGER NOT NULL CHECK (start_second BETWEEN 0 AND 86400),
  end_second INTEGER NOT NULL CHECK (end_second BETWEEN 0 AND 86400),
  CHECK ((weekday IS NULL) <> (day IS NULL))
);
CREATE INDEX calendar_segments_calendar ON calendar_segments (calendar_id);

CREATE TABLE calendar_holidays (
  id INTEGER PRIMARY KEY,
  calendar_id INTEGER NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL
);
CREATE INDEX calendar_holidays_calendar ON calendar_holidays (calendar_id, date_from);

-- 调休上班: the date works with the hours of weekday `works_as`.
CREATE TABLE calendar_makeup_days (
  calendar_id INTEGER NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  works_as INTEGER NOT NULL DEFAULT 0 CHECK (works_as BETWEEN 0 AND 6),
  name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (calendar_id, day)
);

-- A date with its own segments (in calendar_segments with `day` set); none = a day off.
CREATE TABLE calendar_special_days (
  calendar_id INTEGER NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (calendar_id, day)
);

-- SLA policies in selection order (`position`); the match_* columns are the rules (NULL = any).
CREATE TABLE sla_policies (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  match_contract TEXT,
  match_customer TEXT,
  match_service TEXT,
  match_record_type TEXT,
  match_priority TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sla_policies_slug ON sla_policies (slug);
CREATE INDEX sla_policies_position ON sla_policies (position, id);

CREATE TABLE sla_policy_pause_states (
  policy_id INTEGER NOT NULL REFERENCES sla_policies (id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  PRIMARY KEY (policy_id, state)
);

-- At most one target per kind; the duration is working seconds or working days.
CREATE TABLE sla_targets (
  policy_id INTEGER NOT NULL REFERENCES sla_policies (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('first_response', 'resolution', 'onsite', 'update_interval')),
  calendar_slug TEXT NOT NULL REFERENCES calendars (slug),
  unit TEXT NOT NULL CHECK (unit IN ('working_seconds', 'working_days')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  PRIMARY KEY (policy_id, kind)
);
CREATE INDEX sla_targets_calendar ON sla_targets (calendar_slug);

-- Warning thresholds (percent of the target, 1..99) of a target.
CREATE TABLE sla_target_warnings (
  policy_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 1 AND 99),
  PRIMARY KEY (policy_id, kind, percent),
  FOREIGN KEY (policy_id, kind) REFERENCES sla_targets (policy_id, kind) ON DELETE CASCADE
);

CREATE TABLE sla_escalations (
  id INTEGER PRIMARY KEY,
  policy_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at_percent INTEGER NOT NULL CHECK (at_percent >= 1),
  action TEXT NOT NULL CHECK (action IN ('notify', 'reassign', 'raise_priority')),
  group_name TEXT NOT NULL DEFAULT '',
  FOREIGN KEY (policy_id, kind) REFERENCES sla_targets (policy_id, kind) ON DELETE CASCADE
);
CREATE INDEX sla_escalations_target ON sla_escalations (policy_id, kind);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'calendar.read', 'all'),
  ('agent', 'sla.read', 'all');

-- The shipped calendars, as editable copies: china-mainland with the holidays and make-up days of
-- the State Council notices 2024–2026 (see docs/calendars-and-sla.md, data attribution), and
-- 24x7. tests/integration/calendar_store_test.cc checks that they equal the built-in ones.
INSERT INTO calendars (id, slug, name_zh, name_en, zone, kind, first_year, last_year, shipped, version, created_at, updated_at) VALUES
  (1, 'china-mainland', '中国大陆工作日历', 'China mainland', 'Asia/Shanghai', 'weekly', 2024, 2026, 1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  (2, '24x7', '全天候（7×24）', '24x7', 'UTC', 'always_working', 1970, 2400, 1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
INSERT INTO calendar_segments (calendar_id, weekday, start_second, end_second) VALUES
  (1, 0, 32400, 43200),
  (1, 0, 46800, 64800),
  (1, 1, 32400, 43200),
  (1, 1, 46800, 64800),
  (1, 2, 32400, 43200),
  (1, 2, 46800, 64800),
  (1, 3, 32400, 43200),
  (1, 3, 46800, 64800),
  (1, 4, 32400, 43200),
  (1, 4, 46800, 64800),
  (2, 0, 0, 86400),
  (2, 1, 0, 86400),
  (2, 2, 0, 86400),
  (2, 3, 0, 86400),
  (2, 4, 0, 86400),
  (2, 5, 0, 86400),
  (2, 6, 0, 86400);
INSERT INTO calendar_holidays (calendar_id, name_zh, name_en, date_from, date_to) VALUES
  (1, '元旦', 'New Year''s Day', '2024-01-01', '2024-01-01'),
  (1, '春节', 'Spring Festival', '2024-02-10', '2024-02-17'),
  (1, '清明节', 'Qingming Festival (Tomb-Sweeping Day)', '2024-04-04', '2024-04-06'),
  (1, '劳动节', 'Labour Day', '2024-05-01', '2024-05-05'),
  (1, '端午节', 'Dragon Boat Festival', '2024-06-10', '2024-06-10'),
  (1, '中秋节', 'Mid-Autumn Festival', '2024-09-15', '2024-09-17'),
  (1, '国庆节', 'National Day', '2024-10-01', '2024-10-07'),
  (1, '元旦', 'New Year''s Day', '2025-01-01', '2025-01-01'),
  (1, '春节', 'Spring Festival', '2025-01-28', '2025-02-04'),
  (1, '清明节', 'Qingming Festival (Tomb-Sweeping Day)', '2025-04-04', '2025-04-06'),
  (1, '劳动节', 'Labour Day', '2025-05-01', '2025-05-05'),
  (1, '端午节', 'Dragon Boat Festival', '2025-05-31', '2025-06-02'),
  (1, '国庆节、中秋节', 'National Day and Mid-Autumn Festival', '2025-10-01', '2025-10-08'),
  (1, '元旦', 'New Year''s Day', '2026-01-01', '2026-01-03'),
  (1, '春节', 'Spring Festival', '2026-02-15', '2026-02-23'),
  (1, '清明节', 'Qingming Festival (Tomb-Sweeping Day)', '2026-04-04', '2026-04-06'),
  (1, '劳动节', 'Labour Day', '2026-05-01', '2026-05-05'),
  (1, '端午节', 'Dragon Boat Festival', '2026-06-19', '2026-06-21'),
  (1, '中秋节', 'Mid-Autumn Festival', '2026-09-25', '2026-09-27'),
  (1, '国庆节', 'National Day', '2026-10-01', '2026-10-07');
INSERT INTO calendar_makeup_days (calendar_id, day, works_as, name) VALUES
  (1, '2024-02-04', 0, '春节调休上班'),
  (1, '2024-02-18', 0, '春节调休上班'),
  (1, '2024-04-07', 0, '清明节调休上班'),
  (1, '2024-04-28', 0, '劳动节调休上班'),
  (1, '2024-05-11', 0, '劳动节调休上班'),
  (1, '2024-09-14', 0, '中秋节调休上班'),
  (1, '2024-09-29', 0, '国庆节调休上班'),
  (1, '2024-10-12', 0, '国庆节调休上班'),
  (1, '2025-01-26', 0, '春节调休上班'),
  (1, '2025-02-08', 0, '春节调休上班'),
  (1, '2025-04-27', 0, '劳动节调休上班'),
  (1, '2025-09-28', 0, '国庆节、中秋节调休上班'),
  (1, '2025-10-11', 0, '国庆节、中秋节调休上班'),
  (1, '2026-01-04', 0, '元旦调休上班'),
  (1, '2026-02-14', 0, '春节调休上班'),
  (1, '2026-02-28', 0, '春节调休上班'),
  (1, '2026-05-09', 0, '劳动节调休上班'),
  (1, '2026-09-20', 0, '中秋节调休上班'),
  (1, '2026-10-10', 0, '国庆节调休上班');
