-- E-mailed survey invitations (issue 9): each invitation of a campaign of channel "email" is
-- sent to its respondents as a notification delivery, in the recipient's language, from this
-- template (editable like every notification template: {{recipient}}, {{organisation}},
-- {{campaign}}, {{campaign_en}}, {{number}} — the surveyed record — and {{url}}, the form's link).
-- The outbox consumer starts at the present: campaigns from before are not mailed.
-- PostgreSQL mirrors this file.
INSERT INTO outbox_cursors (consumer, last_id) SELECT 'surveys.invitation_mails', COALESCE(MAX(id), 0) FROM outbox;

INSERT INTO notification_templates (event_type, language, subject, body, updated_at) VALUES
  ('survey.invitation', 'zh-CN', '满意度调查：{{campaign}}', '{{recipient}}，您好：

感谢您选择我们的服务。为了不断改进，诚邀{{organisation}}填写满意度调查「{{campaign}}」{{number}}，只需几分钟：

{{url}}

无需登录，打开链接即可填写。感谢您的支持！', '2026-01-01T00:00:00Z'),
  ('survey.invitation', 'en', 'Satisfaction survey: {{campaign_en}}', 'Hello {{recipient}},

Thank you for choosing our service. To keep improving it, we invite {{organisation}} to fill in the satisfaction survey "{{campaign_en}}" {{number}}; it takes a few minutes:

{{url}}

No sign-in is needed: the link opens the form. Thank you!', '2026-01-01T00:00:00Z');
