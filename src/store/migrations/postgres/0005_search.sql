-- PostgreSQL mirror of ../sqlite/0005_search.sql: the same search_documents table; the tokens
-- are those of our own tokenizer (store/search), built by the application as a tsvector literal
-- (weights: A title, B body, C internal notes) and indexed with GIN. No text search
-- configuration parses anything here, so both backends find the same records.
CREATE TABLE search_documents (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id),
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  internal TEXT NOT NULL DEFAULT '',
  tokens TSVECTOR
);
CREATE INDEX search_documents_tokens ON search_documents USING GIN (tokens);
