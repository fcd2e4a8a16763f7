-- Version 18 (issue 19): the uuids this database makes begin with an
-- origin of its own, chosen here once at random (48 bits), then the time
-- and a counter (db_uuid, db.c). A national machine that takes thirty
-- provinces' packages added each one's 370,000 answers at random places
-- in every uuid index (the answers', the audit's by form, the merge
-- bases'): past a few provinces each insert read a page from disk, and
-- the same rows took 2.9 s at 3 provinces, 12.2 s at 30. Rows made by one
-- database now sit together in those indexes wherever they go, and a
-- package's rows go in as a few runs, one for each machine that typed
-- them. Rows made before keep their random uuids. A copy of the file
-- keeps the origin; its uuids still differ by time and by counter.
CREATE TABLE uuid_origin (
	id     INTEGER PRIMARY KEY CHECK (id = 1),
	origin TEXT NOT NULL CHECK (length(origin) = 12 AND origin NOT GLOB '*[^0-9a-f]*')
);
INSERT INTO uuid_origin (id, origin) VALUES (1, lower(hex(randomblob(6))));
