-- After-sales, part 2: the service network (issue 8). Service centres (维修网点 / 服务中心) with
-- address, region code, coordinates, territory (province codes) and working calendar, and the
-- field engineers (售后工程师) attached to them with their skills per product line.
-- PostgreSQL mirrors this file (same names, same meaning).
CREATE TABLE service_centres (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL,
  latitude REAL,
  longitude REAL,
  -- Two-digit province codes the centre serves, comma-separated ("51,50"); '' for none.
  territory TEXT NOT NULL DEFAULT '',
  calendar TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX service_centres_code ON service_centres (code);

-- A user who works as a field engineer of one centre; skills are product line codes.
CREATE TABLE engineers (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  service_centre_id INTEGER NOT NULL REFERENCES service_centres (id),
  skills TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX engineers_centre ON engineers (service_centre_id, user_id);

-- Field engineers: a built-in role. They read the catalogue, units, sites and the network.
INSERT INTO roles (name, label_zh, label_en, builtin, version, id)
  SELECT 'engineer', '售后工程师', 'Field engineer', 1, 1, COALESCE(MAX(id), 0) + 1 FROM roles;
INSERT INTO role_grants (role, permission, scope) VALUES
  ('engineer', 'me.read', 'own'),
  ('engineer', 'product.read', 'all'),
  ('engineer', 'unit.read', 'all'),
  ('engineer', 'site.read', 'all'),
  ('engineer', 'organisation.read', 'all'),
  ('engineer', 'service_centre.read', 'all'),
  ('agent', 'service_centre.read', 'all'),
  ('agent', 'service_centre.write', 'all');
