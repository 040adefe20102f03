-- The departments, as db/migrations/0001 adds them on SQLite.
INSERT INTO "departments" ("id", "name", "tag") VALUES
	('sozialamt', 'Sozialamt', 'Sozialamt'),
	('jobcenter', 'Jobcenter', 'Jobcenter'),
	('akr', 'Referat AKR', 'AKR'),
	('wfb', 'Referat WFB', 'WFB');
