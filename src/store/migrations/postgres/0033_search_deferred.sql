-- PostgreSQL twin of ../sqlite/0033_search_deferred.sql. PostgreSQL keeps the search tokens in
-- search_documents itself (a GIN-indexed tsvector written with the row), so nothing is deferred
-- here and this table stays empty; it exists so that both backends have the same tables (copy-db,
-- the schema parity test).
CREATE TABLE search_pending (
  ticket_id BIGINT PRIMARY KEY,
  indexed INTEGER NOT NULL,
  old_title TEXT,
  old_body TEXT,
  old_internal TEXT
);
