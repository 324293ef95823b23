-- turncoder project file, schema 2: the digest of the coders' work.
--
-- meta.digest is the sum, over every row of codings, reviews and memos, of a number made from
-- the row's change time and its state (see store/digest.go). Triggers keep it in the
-- transaction of every change. A copy of the file taken while the app was copying its -wal into
-- it can hold some pages of before the change and some of after; such a copy holds rows whose
-- sum disagrees with the digest it holds, and is refused when opened or merged.

INSERT OR REPLACE INTO meta(key, value) VALUES ('digest',
  (SELECT COALESCE(SUM(changed_at % 4294967291 + removed * 7919), 0) FROM codings) +
  (SELECT COALESCE(SUM(changed_at % 4294967291 + reviewed * 7919), 0) FROM reviews) +
  (SELECT COALESCE(SUM(changed_at % 4294967291 + length(text)), 0) FROM memos));

CREATE TRIGGER digest_codings_insert AFTER INSERT ON codings BEGIN
  UPDATE meta SET value = value + (NEW.changed_at % 4294967291 + NEW.removed * 7919) WHERE key = 'digest';
END;
CREATE TRIGGER digest_codings_update AFTER UPDATE ON codings BEGIN
  UPDATE meta SET value = value - (OLD.changed_at % 4294967291 + OLD.removed * 7919)
    + (NEW.changed_at % 4294967291 + NEW.removed * 7919) WHERE key = 'digest';
END;
CREATE TRIGGER digest_codings_delete AFTER DELETE ON codings BEGIN
  UPDATE meta SET value = value - (OLD.changed_at % 4294967291 + OLD.removed * 7919) WHERE key = 'digest';
END;

CREATE TRIGGER digest_reviews_insert AFTER INSERT ON reviews BEGIN
  UPDATE meta SET value = value + (NEW.changed_at % 4294967291 + NEW.reviewed * 7919) WHERE key = 'digest';
END;
CREATE TRIGGER digest_reviews_update AFTER UPDATE ON reviews BEGIN
  UPDATE meta SET value = value - (OLD.changed_at % 4294967291 + OLD.reviewed * 7919)
    + (NEW.changed_at % 4294967291 + NEW.reviewed * 7919) WHERE key = 'digest';
END;
CREATE TRIGGER digest_reviews_delete AFTER DELETE ON reviews BEGIN
  UPDATE meta SET value = value - (OLD.changed_at % 4294967291 + OLD.reviewed * 7919) WHERE key = 'digest';
END;

CREATE TRIGGER digest_memos_insert AFTER INSERT ON memos BEGIN
  UPDATE meta SET value = value + (NEW.changed_at % 4294967291 + length(NEW.text)) WHERE key = 'digest';
END;
CREATE TRIGGER digest_memos_update AFTER UPDATE ON memos BEGIN
  UPDATE meta SET value = value - (OLD.changed_at % 4294967291 + length(OLD.text))
    + (NEW.changed_at % 4294967291 + length(NEW.text)) WHERE key = 'digest';
END;
CREATE TRIGGER digest_memos_delete AFTER DELETE ON memos BEGIN
  UPDATE meta SET value = value - (OLD.changed_at % 4294967291 + length(OLD.text)) WHERE key = 'digest';
END;
