-- Notifications: rules (event + conditions -> recipients and channels), templates per event and
-- language, one delivery per (event, recipient, channel) — the unique key that makes the outbox
-- consumer exactly-once — in-app notifications (the bell), and outgoing webhooks / group robots.
-- PostgreSQL mirrors this file (same names, same meaning).

CREATE TABLE notification_rules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  event_type TEXT NOT NULL,
  conditions TEXT NOT NULL DEFAULT '{}',
  recipients TEXT NOT NULL DEFAULT '[]',
  channels TEXT NOT NULL DEFAULT '["in_app","email"]',
  notify_actor INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX notification_rules_event ON notification_rules (event_type);

-- One template per event type and language; "subject" is the e-mail subject and the in-app title.
CREATE TABLE notification_templates (
  id INTEGER PRIMARY KEY,
  event_type TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX notification_templates_key ON notification_templates (event_type, language);

-- Outgoing webhooks and group robots. kind: json (signed JSON), wecom, dingtalk.
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('json', 'wecom', 'dingtalk')),
  url TEXT NOT NULL,
  secret TEXT NOT NULL DEFAULT '',
  event_types TEXT NOT NULL DEFAULT '["*"]',
  language TEXT NOT NULL DEFAULT 'zh-CN',
  enabled INTEGER NOT NULL DEFAULT 1,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  disabled_reason TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The delivery log: one row per (event, recipient, channel), never two (the unique index).
-- recipient: "user:42", "address:someone@example.com", "webhook:3".
CREATE TABLE notification_deliveries (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  rule_id INTEGER,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  address TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE UNIQUE INDEX notification_deliveries_key
  ON notification_deliveries (event_id, recipient, channel);
CREATE INDEX notification_deliveries_record ON notification_deliveries (record_type, record_id, id);
CREATE INDEX notification_deliveries_message ON notification_deliveries (message_id);

-- In-app notifications (the bell).
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  delivery_id INTEGER NOT NULL REFERENCES notification_deliveries (id),
  event_type TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_user_unread ON notifications (user_id, read_at);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'notification.read', 'all');

-- Shipped rules (administrators change or disable them).
INSERT INTO notification_rules (name, event_type, conditions, recipients, channels, created_at, updated_at) VALUES
  ('记录已创建：告知请求人', 'ticket.created', '{}', '["requester"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('记录已指派：告知处理人', 'ticket.assigned', '{}', '["assignee"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('公开回复：告知请求人', 'ticket.replied', '{}', '["requester","assignee"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('状态变更：告知请求人', 'ticket.state_changed', '{}', '["requester"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('SLA 预警：告知处理人', 'sla.warning', '{}', '["assignee"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('SLA 违约：告知处理人和组', 'sla.breach', '{}', '["assignee","group"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('SLA 升级：告知组', 'sla.escalation', '{}', '["group"]', '["in_app"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- Shipped templates, zh-CN and en. Placeholders: {{number}} {{title}} {{state}} {{priority}}
-- {{kind}} {{requester}} {{assignee}} {{group}} {{organisation}} {{reply}} {{url}} {{recipient}}.
INSERT INTO notification_templates (event_type, language, subject, body, updated_at) VALUES
  ('ticket.created', 'zh-CN', '已受理：{{title}}', '{{recipient}}，您好：

您的服务请求 {{number}}「{{title}}」已受理，我们会尽快处理。
优先级：P{{priority}}

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.created', 'en', 'Received: {{title}}', 'Hello {{recipient}},

We have received your request {{number}} "{{title}}" and will handle it shortly.
Priority: P{{priority}}

Details: {{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.assigned', 'zh-CN', '已指派给您：{{title}}', '{{recipient}}，您好：

记录 {{number}}「{{title}}」已指派给您（{{group}}）。
优先级：P{{priority}}，请求人：{{requester}}

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.assigned', 'en', 'Assigned to you: {{title}}', 'Hello {{recipient}},

{{number}} "{{title}}" has been assigned to you ({{group}}).
Priority: P{{priority}}, requester: {{requester}}

Details: {{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.replied', 'zh-CN', '新回复：{{title}}', '{{recipient}}，您好：

记录 {{number}}「{{title}}」有新回复：

{{reply}}

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.replied', 'en', 'New reply: {{title}}', 'Hello {{recipient}},

There is a new reply on {{number}} "{{title}}":

{{reply}}

Details: {{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.state_changed', 'zh-CN', '状态更新：{{title}}', '{{recipient}}，您好：

记录 {{number}}「{{title}}」的状态已变为：{{state}}。

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.state_changed', 'en', 'Status update: {{title}}', 'Hello {{recipient}},

The status of {{number}} "{{title}}" is now: {{state}}.

Details: {{url}}', '2026-01-01T00:00:00Z'),
  ('sla.warning', 'zh-CN', 'SLA 预警：{{title}}', '记录 {{number}}「{{title}}」即将超出 SLA 时限，请尽快处理。
优先级：P{{priority}}，处理人：{{assignee}}

{{url}}', '2026-01-01T00:00:00Z'),
  ('sla.warning', 'en', 'SLA warning: {{title}}', '{{number}} "{{title}}" is close to its SLA target. Please act now.
Priority: P{{priority}}, assignee: {{assignee}}

{{url}}', '2026-01-01T00:00:00Z'),
  ('sla.breach', 'zh-CN', 'SLA 已违约：{{title}}', '记录 {{number}}「{{title}}」已超出 SLA 时限。
优先级：P{{priority}}，处理人：{{assignee}}，处理组：{{group}}

{{url}}', '2026-01-01T00:00:00Z'),
  ('sla.breach', 'en', 'SLA breached: {{title}}', '{{number}} "{{title}}" has breached its SLA target.
Priority: P{{priority}}, assignee: {{assignee}}, group: {{group}}

{{url}}', '2026-01-01T00:00:00Z'),
  ('sla.escalation', 'zh-CN', 'SLA 升级：{{title}}', '记录 {{number}}「{{title}}」已按 SLA 升级到 {{group}}。

{{url}}', '2026-01-01T00:00:00Z'),
  ('sla.escalation', 'en', 'SLA escalation: {{title}}', '{{number}} "{{title}}" was escalated to {{group}} under its SLA.

{{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.updated', 'zh-CN', '记录已更新：{{title}}', '记录 {{number}}「{{title}}」已更新。

{{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.updated', 'en', 'Record updated: {{title}}', '{{number}} "{{title}}" was updated.

{{url}}', '2026-01-01T00:00:00Z');

-- Notifications start from now: events committed before this migration are not announced.
INSERT INTO outbox_cursors (consumer, last_id)
  SELECT 'notifications', COALESCE(MAX(id), 0) FROM outbox;
