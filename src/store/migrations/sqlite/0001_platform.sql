-- Platform: parties, roles and access, sessions and tokens, login throttling, audit journal,
-- outbox, jobs and idempotency keys. Timestamps are RFC 3339 UTC text ("2026-11-22T10:00:00Z"),
-- which sorts correctly as text.

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('own', 'customer', 'supplier')),
  code TEXT,
  region_code TEXT,
  notes TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organisations_name ON organisations (name);

CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  region_code TEXT,
  latitude REAL,
  longitude REAL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX sites_organisation ON sites (organisation_id);

-- Roles are data: a role grants permissions, each with a scope.
CREATE TABLE roles (
  name TEXT PRIMARY KEY,
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE role_grants (
  role TEXT NOT NULL REFERENCES roles (name) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('own', 'group', 'organisation', 'all')),
  PRIMARY KEY (role, permission)
);

-- People: users sign in; contacts (kind = 'contact') are people we know who have no login yet.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'contact')),
  display_name TEXT NOT NULL DEFAULT '',
  email TEXT,
  phone TEXT,
  role TEXT NOT NULL REFERENCES roles (name),
  organisation_id INTEGER REFERENCES organisations (id),
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT 'zh-CN',
  time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  password_changed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_login ON users (login);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  line INTEGER NOT NULL DEFAULT 1 CHECK (line BETWEEN 1 AND 3),
  organisation_id INTEGER REFERENCES organisations (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX groups_name ON groups (name);
CREATE TABLE group_members (
  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

-- Sessions and API tokens are stored as SHA-256 hashes of the secret the client holds.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '*',
  expires_at TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Login throttling, shared by every node: one row per account and per client address.
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_started_at TEXT NOT NULL,
  locked_until TEXT
);

-- The audit journal: append-only (the triggers below refuse updates and deletes).
CREATE TABLE audit_entries (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id INTEGER,
  actor_login TEXT NOT NULL,
  via TEXT NOT NULL,
  request_id TEXT NOT NULL DEFAULT '',
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  action TEXT NOT NULL
);
CREATE INDEX audit_entries_record ON audit_entries (record_type, record_id, id);
CREATE TABLE audit_changes (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES audit_entries (id),
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_changes_entry ON audit_changes (entry_id);
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
  BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
  BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END;
CREATE TRIGGER audit_changes_no_update BEFORE UPDATE ON audit_changes
  BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END;
CREATE TRIGGER audit_changes_no_delete BEFORE DELETE ON audit_changes
  BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END;

-- Domain events, written in the same transaction as the change. Consumers keep a cursor.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event_type TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE TABLE outbox_cursors (
  consumer TEXT PRIMARY KEY,
  last_id INTEGER NOT NULL
);

-- Durable jobs. A lock_key makes a job single-flight: at most one pending or running job per key.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  lock_key TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  run_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 10,
  last_error TEXT,
  locked_by TEXT,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE UNIQUE INDEX jobs_lock_key ON jobs (lock_key) WHERE lock_key IS NOT NULL AND state IN ('pending', 'running');

-- Idempotency-Key: the first response to a POST is kept and replayed for a retry.
CREATE TABLE idempotency_keys (
  principal TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (principal, idempotency_key)
);

-- Built-in roles and their grants.
INSERT INTO roles (name, label_zh, label_en, builtin) VALUES
  ('admin', '管理员', 'Administrator', 1),
  ('agent', '服务台工程师', 'Agent', 1),
  ('customer', '客户', 'Customer', 1),
  ('supplier', '供应商', 'Supplier', 1);
INSERT INTO role_grants (role, permission, scope) VALUES
  ('admin', '*', 'all'),
  ('agent', 'me.read', 'own'),
  ('agent', 'organisation.read', 'all'),
  ('agent', 'organisation.write', 'all'),
  ('agent', 'user.read', 'all'),
  ('agent', 'group.read', 'all'),
  ('agent', 'audit.read', 'all'),
  ('customer', 'me.read', 'own'),
  ('customer', 'organisation.read', 'organisation'),
  ('customer', 'user.read', 'organisation'),
  ('supplier', 'me.read', 'own'),
  ('supplier', 'organisation.read', 'organisation');
