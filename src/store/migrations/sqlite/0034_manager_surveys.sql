-- Service managers own the quality figures (issue 9): besides the KPIs and the monthly statistics
-- (0023), they read the satisfaction survey campaigns and their analysis report (顾客满意度分析报告)
-- and run campaigns and templates. Answering stays with customers, agents and engineers (0018).
-- An administrator may have granted these already: kept as they are.
INSERT INTO role_grants (role, permission, scope) VALUES
  ('manager', 'survey.read', 'all'),
  ('manager', 'survey.write', 'all')
ON CONFLICT (role, permission) DO NOTHING;
