-- SQLite alone storing the ingested rows in territorio's schema (the submission keyed by its
-- UUID text, need_report by (submission_uuid, category)), under the same bulk-load conditions
-- as `territorio ingest` (128 MB cache; the two indexes the ingest never reads and the
-- geometry triggers set aside and the indexes rebuilt before the commit): no CSV, no checks,
-- no point in polygon. The floor of any ingest that keeps this schema.
PRAGMA cache_size = -131072;
ATTACH :scratch AS f;
BEGIN;
DROP INDEX submission_municipality;
DROP INDEX need_report_category;
DROP TRIGGER ggi_submission_geom;
DROP TRIGGER tmi_submission_geom;
INSERT INTO batch SELECT * FROM f.bat;
INSERT INTO submission SELECT * FROM f.sub ORDER BY rowid;
INSERT INTO need_report SELECT submission_uuid, category_code, requests, unmet FROM f.need ORDER BY rowid;
CREATE INDEX submission_municipality ON submission (municipality_code, form);
CREATE INDEX need_report_category ON need_report (category_code);
COMMIT;
