-- After-sales, part 8 (0025): the repair sheet (产品维修单 / 售后服务报告单, seed 004 §5.1.8–9) of
-- a work order — fault phenomenon and fault code from a catalogue per product line, cause,
-- solution, self-check, the customer's verdict and signature (an image in blobs, with the
-- signer's name and the time) — and the link of a repeat repair to the earlier order it counts
-- against. Parts replaced and faulty parts returned are the order's stock movements.
-- PostgreSQL mirrors this file (same names, same meaning).
CREATE TABLE fault_codes (
  id INTEGER PRIMARY KEY,
  product_line_id INTEGER NOT NULL REFERENCES product_lines (id),
  code TEXT NOT NULL,
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX fault_codes_line_code ON fault_codes (product_line_id, code);

CREATE TABLE repair_sheets (
  work_order_id INTEGER PRIMARY KEY REFERENCES tickets (id),
  fault_phenomenon TEXT NOT NULL DEFAULT '',
  fault_code_id INTEGER REFERENCES fault_codes (id),
  cause TEXT NOT NULL DEFAULT '',
  solution TEXT NOT NULL DEFAULT '',
  self_check TEXT NOT NULL DEFAULT '' CHECK (self_check IN ('', 'passed', 'failed')),
  self_check_note TEXT NOT NULL DEFAULT '',
  customer_verdict TEXT NOT NULL DEFAULT ''
    CHECK (customer_verdict IN ('', 'satisfied', 'fairly_satisfied', 'neutral', 'dissatisfied')),
  customer_comment TEXT NOT NULL DEFAULT '',
  signature_sha256 TEXT REFERENCES blobs (sha256),
  signer_name TEXT NOT NULL DEFAULT '',
  signed_at TEXT,
  repeat_of_id INTEGER REFERENCES tickets (id),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX repair_sheets_repeat_of ON repair_sheets (repeat_of_id);
CREATE INDEX repair_sheets_fault_code ON repair_sheets (fault_code_id, work_order_id);

-- Engineers read the catalogue (models, parts, fault codes) on site.
INSERT INTO role_grants (role, permission, scope) VALUES
  ('engineer', 'product.read', 'all')
ON CONFLICT (role, permission) DO NOTHING;
