-- The same rows into the schema the next step would migrate to: the submission keyed by an
-- integer given in file order (its UUID indexed after the load), need_report keyed by
-- (submission id, category): every B-tree insert sequential. Same cache, same indexes.
PRAGMA cache_size = -131072;
ATTACH :scratch AS f;
BEGIN;
CREATE TABLE batch_i AS SELECT * FROM f.bat;
CREATE TABLE submission_i (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, form TEXT NOT NULL, municipality_code TEXT NOT NULL,
  submitted_at TEXT, urgency TEXT, barriers TEXT NOT NULL DEFAULT '', languages TEXT NOT NULL DEFAULT '',
  household_size INTEGER, age_group TEXT, organization TEXT, period_start TEXT, period_end TEXT,
  content_hash TEXT NOT NULL, batch_id INTEGER NOT NULL, source_row INTEGER NOT NULL, geom BLOB,
  instance_id TEXT, deprecated_id TEXT, edits INTEGER, version_time TEXT);
CREATE TABLE need_report_i (
  submission_id INTEGER NOT NULL, category_code TEXT NOT NULL, requests INTEGER, unmet INTEGER,
  PRIMARY KEY (submission_id, category_code)) WITHOUT ROWID;
INSERT INTO submission_i SELECT rowid, * FROM f.sub ORDER BY rowid;
INSERT INTO need_report_i SELECT sid, category_code, requests, unmet FROM f.need ORDER BY rowid;
CREATE UNIQUE INDEX submission_i_uuid ON submission_i (uuid);
CREATE INDEX submission_i_edited ON submission_i (instance_id) WHERE instance_id <> uuid;
CREATE INDEX submission_i_municipality ON submission_i (municipality_code, form);
CREATE INDEX need_report_i_category ON need_report_i (category_code);
COMMIT;
