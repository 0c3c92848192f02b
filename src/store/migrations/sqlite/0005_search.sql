-- Full-text search over tickets (see src/app/search/search.h).
--
-- search_documents holds the text each ticket is found by, written by the application in the same
-- write unit as the change: title, body (description and public journal replies) and internal
-- (internal notes; only agents' searches look there). ticket_search is an FTS5 index over it with
-- our own tokenizer (CJK bigrams plus single characters, lower-cased words), registered on every
-- connection by store/sqlite.
--
-- External content (content = 'search_documents') rather than contentless: SQLite 3.40 cannot
-- delete from a contentless table without the old text, which we keep here anyway; snippets and
-- a 'rebuild' need it too, and the PostgreSQL backend keeps the same table (with the tokens as a
-- tsvector in `tokens`, which stays NULL here: FTS5 holds them).
CREATE TABLE search_documents (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  internal TEXT NOT NULL DEFAULT '',
  tokens TEXT
);

CREATE VIRTUAL TABLE ticket_search USING fts5 (
  title, body, internal,
  content = 'search_documents', content_rowid = 'ticket_id', tokenize = 'fuwu'
);

-- The index follows search_documents.
CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
  INSERT INTO ticket_search (rowid, title, body, internal)
  VALUES (new.ticket_id, new.title, new.body, new.internal);
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, title, body, internal)
  VALUES ('delete', old.ticket_id, old.title, old.body, old.internal);
END;
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, title, body, internal)
  VALUES ('delete', old.ticket_id, old.title, old.body, old.internal);
  INSERT INTO ticket_search (rowid, title, body, internal)
  VALUES (new.ticket_id, new.title, new.body, new.internal);
END;
