-- After-sales, part 7 (0024): quotes for paid work (issue 8, seed 004 §5.1.16). A quote belongs to a
-- work order; its lines are labour, parts, travel or other; the customer accepts or declines it.
-- PostgreSQL mirrors this file (same names, same meaning). Money in fen.
CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  work_order_id INTEGER NOT NULL REFERENCES tickets (id),
  state TEXT NOT NULL CHECK (state IN ('sent', 'accepted', 'declined')),
  currency TEXT NOT NULL DEFAULT 'CNY',
  tax_rate_bp INTEGER NOT NULL,
  subtotal INTEGER NOT NULL,
  tax INTEGER NOT NULL,
  total INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at TEXT,
  decision_reason TEXT NOT NULL DEFAULT '',
  -- The fee of an accepted quote, once paid: amount (fen), how, a reference, when, by whom.
  paid_amount INTEGER,
  payment_method TEXT NOT NULL DEFAULT '',
  payment_reference TEXT NOT NULL DEFAULT '',
  paid_at TEXT,
  payment_recorded_by INTEGER REFERENCES users (id),
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX quotes_work_order ON quotes (work_order_id, id);

CREATE TABLE quote_lines (
  id INTEGER PRIMARY KEY,
  quote_id INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('labour', 'part', 'travel', 'other')),
  description TEXT NOT NULL,
  part_id INTEGER REFERENCES parts (id),
  quantity_milli INTEGER NOT NULL,
  unit_price INTEGER NOT NULL,
  amount INTEGER NOT NULL
);
CREATE INDEX quote_lines_quote ON quote_lines (quote_id, position);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'quote.read', 'all'),
  ('agent', 'quote.write', 'all'),
  ('customer', 'quote.read', 'organisation'),
  ('engineer', 'quote.read', 'own'),
  ('engineer', 'quote.write', 'own'),
  ('agent', 'quote.pay', 'all'),
  ('engineer', 'quote.pay', 'own');
