-- After-sales (issue 8): the customer signs a quote's decision on the engineer's phone and
-- receives the signed repair sheet as a PDF by e-mail; quotes are paid in parts; the
-- repeat-repair window is an administrator setting. PostgreSQL mirrors this file.
--
-- The signature of a quote's decision (a blob, like the repair sheet's); '' when decided in the
-- portal. The engineer decides a quote of an order assigned to them, only with the signature
-- (app/quotes/decide_quote.cc).
ALTER TABLE quotes ADD COLUMN signature_sha256 TEXT NOT NULL DEFAULT '';
INSERT INTO role_grants (role, permission, scope) VALUES ('engineer', 'work_order.decide', 'own');

-- A delivery may carry one stored file (a blob) as an attachment of its e-mail.
ALTER TABLE notification_deliveries ADD COLUMN attachment_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE notification_deliveries ADD COLUMN attachment_name TEXT NOT NULL DEFAULT '';
ALTER TABLE notification_deliveries ADD COLUMN attachment_type TEXT NOT NULL DEFAULT '';

-- The signed repair sheet goes to the customer's contact (app/repair_sheets/
-- plan_repair_sheet_mails.cc, outbox consumer "repair_sheets.pdf_mails", starting at the present)
-- from this template, in the recipient's language ({{recipient}}, {{number}}, {{serial}},
-- {{organisation}}, {{signer}}).
INSERT INTO outbox_cursors (consumer, last_id) SELECT 'repair_sheets.pdf_mails', COALESCE(MAX(id), 0) FROM outbox;

INSERT INTO notification_templates (event_type, language, subject, body, updated_at) VALUES
  ('repair_sheet.signed', 'zh-CN', '维修单 {{number}}：设备 {{serial}} 已修复', '{{recipient}}，您好：

设备 {{serial}} 的维修已完成，{{signer}} 已在维修单 {{number}} 上签字确认。维修单（PDF）见附件，请留存。

如设备再次出现问题，请随时联系我们。感谢您对我们服务的信任！', '2026-01-01T00:00:00Z'),
  ('repair_sheet.signed', 'en', 'Repair sheet {{number}}: unit {{serial}} repaired', 'Hello {{recipient}},

The repair of unit {{serial}} is done and {{signer}} signed the repair sheet {{number}}. The sheet is attached as a PDF for your records.

Should the unit fail again, please contact us at any time. Thank you for your trust in our service!', '2026-01-01T00:00:00Z');

-- Partial payments (issue 8: "accepted orders record the fee and its payment"): an accepted
-- quote is paid in one or several payments; quotes.paid_amount is their sum, and the
-- payment_* columns of quotes describe the latest. Payments recorded before move here.
CREATE TABLE quote_payments (
  id INTEGER PRIMARY KEY,
  quote_id INTEGER NOT NULL REFERENCES quotes (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  method TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  paid_at TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX quote_payments_quote ON quote_payments (quote_id, id);
INSERT INTO quote_payments (quote_id, amount, method, reference, paid_at, recorded_by, created_at)
  SELECT id, paid_amount, payment_method, payment_reference, paid_at, payment_recorded_by, paid_at
  FROM quotes WHERE paid_amount IS NOT NULL AND paid_amount > 0 ORDER BY id;

-- The after-sales settings (one row) that administrators change: the repeat-repair window in
-- days (app/settings/aftersales_settings.h; it was the configuration key
-- aftersales.repeat_window_days).
CREATE TABLE aftersales_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  repeat_window_days INTEGER NOT NULL DEFAULT 90 CHECK (repeat_window_days BETWEEN 1 AND 3650),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
INSERT INTO aftersales_settings (id, updated_at) VALUES (1, '2026-01-01T00:00:00Z');
INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'aftersales_settings.read', 'all'),
  ('manager', 'aftersales_settings.read', 'all');
