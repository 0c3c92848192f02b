-- After-sales, part 1: products and sold units (issue 8). Product lines, their models with the
-- warranty start rule and term, the major parts of a model with their own terms, sold units
-- (serial, model, customer, site, dates), and extended warranties from contracts.
-- PostgreSQL mirrors this file (same names, same meaning). Dates are "YYYY-MM-DD" text.
CREATE TABLE product_lines (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX product_lines_code ON product_lines (code);

CREATE TABLE product_models (
  id INTEGER PRIMARY KEY,
  product_line_id INTEGER NOT NULL REFERENCES product_lines (id),
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  -- Tried in order; the first date the unit has starts the warranty ("installation,delivery,sale").
  warranty_start TEXT NOT NULL,
  warranty_months INTEGER NOT NULL CHECK (warranty_months BETWEEN 0 AND 600),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX product_models_code ON product_models (code);
CREATE INDEX product_models_line ON product_models (product_line_id, id);

-- Major parts of a model with their own warranty term (三包: starter, alternator, battery …).
CREATE TABLE model_parts (
  id INTEGER PRIMARY KEY,
  model_id INTEGER NOT NULL REFERENCES product_models (id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  warranty_months INTEGER NOT NULL CHECK (warranty_months BETWEEN 0 AND 600),
  position INTEGER NOT NULL
);
CREATE UNIQUE INDEX model_parts_code ON model_parts (model_id, code);

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  serial TEXT NOT NULL,
  model_id INTEGER NOT NULL REFERENCES product_models (id),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  site_id INTEGER REFERENCES sites (id),
  production_date TEXT,
  sale_date TEXT,
  delivery_date TEXT,
  installation_date TEXT,
  warranty_card_no TEXT NOT NULL DEFAULT '',
  feedback_card_on TEXT,
  notes TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX units_serial ON units (serial);
CREATE INDEX units_organisation ON units (organisation_id, id);
CREATE INDEX units_model ON units (model_id, id);

-- Extended warranty from a contract: the whole unit (part_code '') or one major part, until a day.
CREATE TABLE unit_warranty_extensions (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  contract TEXT NOT NULL,
  part_code TEXT NOT NULL DEFAULT '',
  ends_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX unit_warranty_extensions_unit ON unit_warranty_extensions (unit_id, id);

-- The service desk keeps the catalogue and registers units; customers read the catalogue and
-- their own organisation's units.
INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'product.read', 'all'),
  ('agent', 'product.write', 'all'),
  ('agent', 'unit.read', 'all'),
  ('agent', 'unit.write', 'all'),
  ('customer', 'product.read', 'all'),
  ('customer', 'unit.read', 'organisation');
