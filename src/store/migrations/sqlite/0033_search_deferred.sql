-- The FTS5 index is brought up to date once per write transaction instead of once per document
-- (issue 5, speed at 1,000,000 tickets).
--
-- FTS5 writes its pending terms to a new segment whenever a savepoint opens or closes around it
-- (xSavepoint/xRelease), and the writer runs each unit of a group commit in its own savepoint:
-- every document became a segment of its own, with the index's merge work on top — 1 to 3
-- million instructions per document at a million tickets, four fifths of a ticket create.
-- Now the triggers only note which documents changed (search_pending, with the text the index
-- holds for the ones it has); the writer indexes them all with two statements just before its
-- COMMIT, outside every savepoint (store/sqlite/sqlite_database.cc), in the same transaction, so
-- a search never sees a half-indexed write and a rolled-back unit leaves no trace.
CREATE TABLE search_pending (
  ticket_id INTEGER PRIMARY KEY,
  -- 1 when the index holds the document as old_title/old_body/old_internal (its first version
  -- since the last indexing: what the FTS5 'delete' must be given), 0 for a new document.
  indexed INTEGER NOT NULL,
  old_title TEXT,
  old_body TEXT,
  old_internal TEXT
);

DROP TRIGGER search_documents_ai;
DROP TRIGGER search_documents_ad;
DROP TRIGGER search_documents_au;
CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
  INSERT INTO search_pending (ticket_id, indexed) VALUES (new.ticket_id, 0)
  ON CONFLICT (ticket_id) DO NOTHING;
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
  INSERT INTO search_pending (ticket_id, indexed, old_title, old_body, old_internal)
  VALUES (old.ticket_id, 1, old.title, old.body, old.internal)
  ON CONFLICT (ticket_id) DO NOTHING;
END;
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
  INSERT INTO search_pending (ticket_id, indexed, old_title, old_body, old_internal)
  VALUES (old.ticket_id, 1, old.title, old.body, old.internal)
  ON CONFLICT (ticket_id) DO NOTHING;
END;
