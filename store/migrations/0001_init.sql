-- turncoder project file, schema 1.
-- Ids that two copies of a project must agree on (documents, turns, codes) are derived from
-- content or fixed at creation; local row ids (speakers, sections, coders) never leave the file.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE documents (
  id          TEXT PRIMARY KEY,           -- content hash of the parsed document
  title       TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT '',   -- file name it was imported from
  format      TEXT NOT NULL,
  encoding    TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL,
  imported_at INTEGER NOT NULL            -- unix nanoseconds
);

CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,           -- among the document's items
  title       TEXT NOT NULL,
  UNIQUE (document_id, position)
);

CREATE TABLE speakers (
  id    INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,             -- normalised (NFKC, white space folded)
  role  TEXT NOT NULL DEFAULT 'respondent' CHECK (role IN ('interviewer', 'respondent', 'other'))
);

CREATE TABLE speaker_aliases (
  alias      TEXT PRIMARY KEY,            -- another normalised label for the same speaker
  speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE
);

CREATE TABLE turns (
  id          TEXT PRIMARY KEY,           -- hash of document id, position, speaker and text
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,           -- among the document's items (turns, notes, headers)
  number      INTEGER NOT NULL,           -- 1-based among the document's turns
  speaker_id  INTEGER REFERENCES speakers(id),
  label       TEXT NOT NULL DEFAULT '',   -- the label as written in the source
  text        TEXT NOT NULL,
  start_ms    INTEGER,
  end_ms      INTEGER,
  UNIQUE (document_id, number)
);
CREATE INDEX turns_speaker ON turns(speaker_id);

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  UNIQUE (document_id, position)
);

CREATE TABLE codes (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_zh    TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL DEFAULT '',
  inclusion  TEXT NOT NULL DEFAULT '',
  exclusion  TEXT NOT NULL DEFAULT '',
  example    TEXT NOT NULL DEFAULT '',
  colour     TEXT NOT NULL DEFAULT '',
  shortcut   TEXT NOT NULL DEFAULT '',
  parent_id  TEXT REFERENCES codes(id),
  position   INTEGER NOT NULL DEFAULT 0,
  removed    INTEGER NOT NULL DEFAULT 0,
  changed_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX codes_shortcut ON codes(shortcut) WHERE shortcut <> '' AND removed = 0;
CREATE UNIQUE INDEX codes_name ON codes(name) WHERE removed = 0;

CREATE TABLE coders (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  consensus  INTEGER NOT NULL DEFAULT 0,  -- the adjudicated layer, never counted as a coder
  created_at INTEGER NOT NULL
);

-- One row per coder, turn and code ever applied; removed = 1 is a tombstone, so that merges
-- can be last-writer-wins on changed_at.
CREATE TABLE codings (
  coder_id   INTEGER NOT NULL REFERENCES coders(id),
  turn_id    TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  code_id    TEXT NOT NULL REFERENCES codes(id),
  removed    INTEGER NOT NULL DEFAULT 0,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (coder_id, turn_id, code_id)
) WITHOUT ROWID;

-- A reviewed turn with no live coding is a decision ("no code applies"), not missing data.
CREATE TABLE reviews (
  coder_id   INTEGER NOT NULL REFERENCES coders(id),
  turn_id    TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  reviewed   INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (coder_id, turn_id)
) WITHOUT ROWID;

CREATE TABLE memos (
  coder_id   INTEGER NOT NULL REFERENCES coders(id),
  turn_id    TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (coder_id, turn_id)
);

CREATE TABLE audit (
  id     INTEGER PRIMARY KEY,
  at     INTEGER NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
