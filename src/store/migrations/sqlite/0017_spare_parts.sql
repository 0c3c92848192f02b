-- After-sales, part 4: spare parts (issue 8). The parts master, warehouses (central, a service
-- centre's, an engineer's own), stock levels by condition (good stock and returned faulty parts)
-- and the movements that change them. A quantity never goes below zero: movements take stock
-- with a guarded UPDATE and the CHECK below is the last line.
-- PostgreSQL mirrors this file (same names, same meaning).
CREATE TABLE parts (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '个',
  price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
  warranty_months INTEGER NOT NULL DEFAULT 0,
  returnable INTEGER NOT NULL DEFAULT 0,
  supplier_id INTEGER REFERENCES organisations (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX parts_number ON parts (number);

CREATE TABLE warehouses (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('central', 'centre', 'engineer')),
  service_centre_id INTEGER REFERENCES service_centres (id),
  engineer_id INTEGER REFERENCES users (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX warehouses_code ON warehouses (code);
CREATE UNIQUE INDEX warehouses_engineer ON warehouses (engineer_id);

CREATE TABLE stock_levels (
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  part_id INTEGER NOT NULL REFERENCES parts (id),
  condition TEXT NOT NULL CHECK (condition IN ('good', 'faulty')),
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (warehouse_id, part_id, condition)
);

CREATE TABLE stock_movements (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  part_id INTEGER NOT NULL REFERENCES parts (id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  condition TEXT NOT NULL,
  from_warehouse_id INTEGER REFERENCES warehouses (id),
  to_warehouse_id INTEGER REFERENCES warehouses (id),
  work_order_id INTEGER REFERENCES tickets (id),
  note TEXT NOT NULL DEFAULT '',
  actor_id INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX stock_movements_part ON stock_movements (part_id, id);
CREATE INDEX stock_movements_work_order ON stock_movements (work_order_id, id);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'part.read', 'all'),
  ('agent', 'part.write', 'all'),
  ('agent', 'warehouse.read', 'all'),
  ('agent', 'warehouse.write', 'all'),
  ('agent', 'stock.move', 'all'),
  ('engineer', 'part.read', 'all'),
  ('engineer', 'warehouse.read', 'all'),
  ('engineer', 'stock.move', 'own');
