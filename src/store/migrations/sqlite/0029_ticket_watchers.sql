-- Watchers of a record: people told about it by the notification recipient "watchers" (issue 10).
-- Agents (ticket.write) add anyone who may read the record; a customer watches or unwatches only
-- themselves. PostgreSQL mirrors this file (same names, same meaning).
CREATE TABLE ticket_watchers (
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  added_by INTEGER REFERENCES users (id),
  added_at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX ticket_watchers_user ON ticket_watchers (user_id);

-- The shipped rules for public replies and state changes also tell the watchers (unless an
-- administrator has changed their recipients).
UPDATE notification_rules SET recipients = '["requester","assignee","watchers"]'
  WHERE event_type = 'ticket.replied' AND recipients = '["requester","assignee"]';
UPDATE notification_rules SET recipients = '["requester","watchers"]'
  WHERE event_type = 'ticket.state_changed' AND recipients = '["requester"]';
