-- The dashboard's figures (app/stats): open tickets by state and group with their SLA deadlines,
-- and tickets created and resolved per hour, each read from an index instead of the whole table.
CREATE INDEX tickets_open_stats ON tickets (state_category, state, group_id, sla_due_at);
CREATE INDEX tickets_created_at ON tickets (created_at);
CREATE INDEX tickets_resolved_at ON tickets (resolved_at);
