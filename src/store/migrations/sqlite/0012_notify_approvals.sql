-- Notifications for approvals (approval.requested / approved / rejected events of the service
-- catalogue): shipped rules and zh-CN / en templates. PostgreSQL mirrors this file.
INSERT INTO notification_rules (name, event_type, conditions, recipients, channels, created_at, updated_at) VALUES
  ('待审批：告知审批人', 'approval.requested', '{}', '["approver"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('审批通过：告知请求人', 'approval.approved', '{}', '["requester"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('审批拒绝：告知请求人', 'approval.rejected', '{}', '["requester"]', '["in_app","email"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO notification_templates (event_type, language, subject, body, updated_at) VALUES
  ('approval.requested', 'zh-CN', '待您审批：{{title}}', '{{recipient}}，您好：

请求 {{number}}「{{title}}」等待您审批（第 {{stage}} 级）。
请求人：{{requester}}（{{organisation}}）

审批：{{url}}', '2026-01-01T00:00:00Z'),
  ('approval.requested', 'en', 'Approval needed: {{title}}', 'Hello {{recipient}},

{{number}} "{{title}}" waits for your approval (stage {{stage}}).
Requester: {{requester}} ({{organisation}})

Approve or reject: {{url}}', '2026-01-01T00:00:00Z'),
  ('approval.approved', 'zh-CN', '审批通过：{{title}}', '{{recipient}}，您好：

您的请求 {{number}}「{{title}}」第 {{stage}} 级审批已由 {{approver}} 批准。
{{comment}}

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('approval.approved', 'en', 'Approved: {{title}}', 'Hello {{recipient}},

Stage {{stage}} of your request {{number}} "{{title}}" was approved by {{approver}}.
{{comment}}

Details: {{url}}', '2026-01-01T00:00:00Z'),
  ('approval.rejected', 'zh-CN', '审批未通过：{{title}}', '{{recipient}}，您好：

您的请求 {{number}}「{{title}}」第 {{stage}} 级审批未通过（{{approver}}）。
{{comment}}

查看详情：{{url}}', '2026-01-01T00:00:00Z'),
  ('approval.rejected', 'en', 'Rejected: {{title}}', 'Hello {{recipient}},

Stage {{stage}} of your request {{number}} "{{title}}" was rejected by {{approver}}.
{{comment}}

Details: {{url}}', '2026-01-01T00:00:00Z');
