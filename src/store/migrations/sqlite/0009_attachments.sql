-- Attachments of records (tickets now; any record kind later, by record_type and record_id).
-- Content is stored once per SHA-256 in chunks (blobs, blob_chunks); an attachment names its
-- blob. Uploads arrive in chunks (uploads, upload_chunks) and become an attachment on complete.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE blob_chunks (
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (sha256, seq)
);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
  journal_entry_id INTEGER REFERENCES journal_entries (id),
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_record ON attachments (record_type, record_id, id);

CREATE TABLE uploads (
  id INTEGER PRIMARY KEY,
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  chunk_bytes INTEGER NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
  journal_entry_id INTEGER REFERENCES journal_entries (id),
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX uploads_expires ON uploads (expires_at);

CREATE TABLE upload_chunks (
  upload_id INTEGER NOT NULL REFERENCES uploads (id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (upload_id, seq)
);
