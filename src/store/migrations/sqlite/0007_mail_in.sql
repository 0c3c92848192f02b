-- Incoming e-mail: one row per message received per mailbox (its Message-ID makes a redelivery a
-- no-op), what became of it, and the per-sender counts the rate limit reads.
-- PostgreSQL mirrors this file (same names, same meaning).
CREATE TABLE mail_messages (
  id INTEGER PRIMARY KEY,
  mailbox TEXT NOT NULL,
  message_id TEXT NOT NULL,
  from_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  outcome TEXT NOT NULL,
  ticket_id INTEGER REFERENCES tickets (id),
  size INTEGER NOT NULL,
  attachments_not_kept INTEGER NOT NULL DEFAULT 0,
  received_at TEXT NOT NULL
);
CREATE UNIQUE INDEX mail_messages_mailbox_message ON mail_messages (mailbox, message_id);
CREATE INDEX mail_messages_message ON mail_messages (message_id);
CREATE INDEX mail_messages_sender ON mail_messages (from_address, received_at);
