-- Record relations and work distribution: rich text kept in its original next to the sanitised
-- form, links between tickets, merge, major-incident reviews, escalation and round-robin
-- assignment (with an availability flag on users).

-- Rich text: `body` / `description` hold what is shown (sanitised HTML when format = 'html');
-- the *_original columns keep what the author sent.
ALTER TABLE journal_entries ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
ALTER TABLE journal_entries ADD COLUMN body_original TEXT;
ALTER TABLE tickets ADD COLUMN description_format TEXT NOT NULL DEFAULT 'text';
ALTER TABLE tickets ADD COLUMN description_original TEXT;
-- A merged ticket points at the one that absorbed it.
ALTER TABLE tickets ADD COLUMN merged_into_id INTEGER REFERENCES tickets (id);

-- Stored once from source to target (see domain/ticket/links.h for how each end reads it).
CREATE TABLE ticket_links (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('parent_of', 'relates_to', 'duplicate_of', 'caused_by')),
  source_id INTEGER NOT NULL REFERENCES tickets (id),
  target_id INTEGER NOT NULL REFERENCES tickets (id),
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK (source_id <> target_id)
);
CREATE UNIQUE INDEX ticket_links_unique ON ticket_links (kind, source_id, target_id);
CREATE INDEX ticket_links_target ON ticket_links (target_id, kind);
-- A record has at most one parent.
CREATE UNIQUE INDEX ticket_links_one_parent ON ticket_links (target_id) WHERE kind = 'parent_of';

-- The review a major incident needs before it may close.
CREATE TABLE major_incident_reviews (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
  summary TEXT NOT NULL,
  root_cause TEXT NOT NULL DEFAULT '',
  actions TEXT NOT NULL DEFAULT '',
  reviewed_by INTEGER REFERENCES users (id),
  reviewed_at TEXT NOT NULL
);

-- Absent agents (leave, off shift) are skipped by round-robin assignment.
ALTER TABLE users ADD COLUMN available INTEGER NOT NULL DEFAULT 1;

-- Round-robin: the member each group handed work to last.
CREATE TABLE group_assignment_cursors (
  group_id INTEGER PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
  last_user_id INTEGER NOT NULL
);

-- Service managers (notified of major incidents) hold ticket.manage.
INSERT INTO roles (name, label_zh, label_en, builtin, id)
SELECT 'manager', '服务经理', 'Service manager', 1, (SELECT MAX(id) + 1 FROM roles)
WHERE NOT EXISTS (SELECT 1 FROM roles WHERE name = 'manager');
INSERT INTO role_grants (role, permission, scope)
SELECT 'manager', p, 'all' FROM (SELECT 'ticket.manage' AS p UNION ALL SELECT 'ticket.read'
  UNION ALL SELECT 'ticket.create' UNION ALL SELECT 'ticket.write' UNION ALL SELECT 'ticket.reply'
  UNION ALL SELECT 'ticket.note' UNION ALL SELECT 'ticket.confirm' UNION ALL SELECT 'audit.read') x
WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE role = 'manager' AND permission = x.p);

INSERT INTO notification_rules (name, event_type, conditions, recipients, channels, created_at, updated_at) VALUES
  ('重大事件：告知服务经理和组', 'ticket.major_declared', '{}', '["managers","group"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO notification_templates (event_type, language, subject, body, updated_at) VALUES
  ('ticket.major_declared', 'zh-CN', '重大事件：{{title}}', '{{recipient}}，您好：

{{number}}「{{title}}」已被定为重大事件。
优先级：P{{priority}}，组：{{group}}，处理人：{{assignee}}
关闭前须完成重大事件回顾。

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('ticket.major_declared', 'en', 'Major incident: {{title}}', 'Hello {{recipient}},

{{number}} "{{title}}" has been declared a major incident.
Priority: P{{priority}}, group: {{group}}, assignee: {{assignee}}
It needs its major-incident review before it can close.

Details: {{url}}', '2026-01-01T00:00:00Z');
