-- The rows territorio stored, in the order it stored them (the file's order), in a scratch
-- database (untimed): storage_floor runs read them sequentially from here.
ATTACH :run AS r;
CREATE TABLE bat AS SELECT * FROM r.batch;
CREATE TABLE sub AS SELECT * FROM r.submission ORDER BY rowid;
CREATE TABLE need AS SELECT s.rowid AS sid, n.* FROM r.submission s
  JOIN r.need_report n ON n.submission_uuid = s.uuid ORDER BY s.rowid, n.category_code;
