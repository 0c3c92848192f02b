-- Complaints (issue 9, seed 004 §5.1.18 notes 3 and 4): the solution is told to the customer
-- within 8 working hours of receipt (met by the first remedy proposed to the customer), and a
-- complaint caused by a human factor has its remedy carried out within 8 working hours of the
-- customer's agreement. PostgreSQL mirrors this file (same columns, same meaning).
-- inform_due_at: receipt + 8 working hours on the complaint's calendar; remedy_proposed_at: the
-- first remedy proposed; remedy_due_at: set when the customer agrees to a human-factor remedy
-- (met by carried_out_at). UTC RFC 3339 instants.
ALTER TABLE complaints ADD COLUMN inform_due_at TEXT;
ALTER TABLE complaints ADD COLUMN remedy_proposed_at TEXT;
ALTER TABLE complaints ADD COLUMN remedy_due_at TEXT;

-- Warnings (at 75 %) and breaches of these limits are announced to the complaint's handler.
INSERT INTO notification_rules (name, event_type, conditions, recipients, channels, created_at, updated_at) VALUES
  ('投诉 8 个工作小时时限预警 / Complaint 8-working-hour limit warning', 'complaint.limit_warning', '{}', '["assignee"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('投诉 8 个工作小时时限超时 / Complaint 8-working-hour limit missed', 'complaint.limit_breached', '{}', '["assignee","quality"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO notification_templates (event_type, language, subject, body, updated_at) VALUES
  ('complaint.limit_warning', 'zh-CN', '投诉时限将到：{{title}}', '{{recipient}}，您好：

投诉 {{number}}「{{title}}」的 8 个工作小时时限即将到期（服务程序 5.1.18：解决方案须在 8 个工作小时内通知顾客；人为因素的补救措施须在 8 个工作小时内实施）。

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('complaint.limit_warning', 'en', 'Complaint limit due soon: {{title}}', 'Hello {{recipient}},

The 8-working-hour limit of complaint {{number}} "{{title}}" is close (service procedure 5.1.18: the solution is told to the customer within 8 working hours; a human-factor remedy is carried out within 8 working hours).

Details: {{url}}', '2026-01-01T00:00:00Z'),
  ('complaint.limit_breached', 'zh-CN', '投诉超出 8 个工作小时时限：{{title}}', '{{recipient}}，您好：

投诉 {{number}}「{{title}}」已超出 8 个工作小时时限（服务程序 5.1.18）。

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('complaint.limit_breached', 'en', 'Complaint past its 8-working-hour limit: {{title}}', 'Hello {{recipient}},

Complaint {{number}} "{{title}}" is past its 8-working-hour limit (service procedure 5.1.18).

Details: {{url}}', '2026-01-01T00:00:00Z');
