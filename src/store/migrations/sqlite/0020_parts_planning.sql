-- After-sales spare parts planning (issue 8): stock reservations for work orders, reorder points
-- per part and warehouse, and supplier claims grouping returned faulty parts.
-- PostgreSQL mirrors this file (same names, same meaning).

-- Good stock held for a work order in one warehouse; others cannot take it (see record_stock_movement).
CREATE TABLE stock_reservations (
  id INTEGER PRIMARY KEY,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  part_id INTEGER NOT NULL REFERENCES parts (id),
  work_order_id INTEGER NOT NULL REFERENCES tickets (id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX stock_reservations_key ON stock_reservations (warehouse_id, part_id, work_order_id);
CREATE INDEX stock_reservations_work_order ON stock_reservations (work_order_id);

CREATE TABLE reorder_points (
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  part_id INTEGER NOT NULL REFERENCES parts (id),
  min_quantity INTEGER NOT NULL CHECK (min_quantity >= 0),
  reorder_quantity INTEGER NOT NULL DEFAULT 0 CHECK (reorder_quantity >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (warehouse_id, part_id)
);
CREATE INDEX reorder_points_part ON reorder_points (part_id);

-- A claim to a supplier (索赔) for the faulty parts returned from repairs.
CREATE TABLE supplier_claims (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  supplier_id INTEGER NOT NULL REFERENCES organisations (id),
  note TEXT NOT NULL DEFAULT '',
  total_cents INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX supplier_claims_number ON supplier_claims (number);

-- Each faulty_return movement is in one claim at most.
CREATE TABLE supplier_claim_lines (
  claim_id INTEGER NOT NULL REFERENCES supplier_claims (id),
  movement_id INTEGER NOT NULL REFERENCES stock_movements (id),
  part_id INTEGER NOT NULL REFERENCES parts (id),
  quantity INTEGER NOT NULL,
  work_order_id INTEGER REFERENCES tickets (id),
  value_cents INTEGER NOT NULL,
  PRIMARY KEY (claim_id, movement_id)
);
CREATE UNIQUE INDEX supplier_claim_lines_movement ON supplier_claim_lines (movement_id);
CREATE INDEX stock_movements_kind ON stock_movements (kind, created_at);
