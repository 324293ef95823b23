-- turncoder project file, schema 3: a stamp of when each document's turns were last rewritten.
--
-- Search in a large project reads an index of the turns' text kept outside the project file, in
-- the user's cache folder (store/search.go). Importing and merging add documents, which the
-- index finds by their ids; a correction of the segmentation deletes a document's turns and
-- writes them anew under the same document id, which these triggers stamp with a random number:
-- the index rebuilds a document whose stamp is not the one it indexed. Inserting a turn stamps
-- nothing, so an import pays no trigger per turn.

CREATE TABLE turn_edits (
  document_id TEXT PRIMARY KEY,
  stamp       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER turn_edits_delete AFTER DELETE ON turns BEGIN
  INSERT INTO turn_edits(document_id, stamp) VALUES (OLD.document_id, random())
    ON CONFLICT(document_id) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER turn_edits_update AFTER UPDATE OF id, document_id, number, text ON turns BEGIN
  INSERT INTO turn_edits(document_id, stamp) VALUES (OLD.document_id, random()), (NEW.document_id, random())
    ON CONFLICT(document_id) DO UPDATE SET stamp = excluded.stamp;
END;
