-- A journal at schema revision 0008, with data: 0007.sql upgraded by sprintlog and dumped
-- with `sqlite3 j.db .dump` (entry 3's 1,000,000 characters put back as printf), then
-- a start time given to entry 1 and an imported state to the jrnl import_source row.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE acronym (
	term VARCHAR(64) NOT NULL, 
	expansion TEXT NOT NULL, 
	CONSTRAINT pk_acronym PRIMARY KEY (term)
);
INSERT INTO acronym VALUES('RL','Reinforcement Learning');
INSERT INTO acronym VALUES('LA','Linear Algebra ∑');
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES('0008');
CREATE TABLE entrygoal (
	id INTEGER NOT NULL, 
	entry_id INTEGER NOT NULL, 
	goal_id INTEGER NOT NULL, 
	task_id INTEGER, 
	CONSTRAINT pk_entrygoal PRIMARY KEY (id), 
	CONSTRAINT fk_entrygoal_entry_id_entry FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE, 
	CONSTRAINT fk_entrygoal_goal_id_goal FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE, 
	CONSTRAINT fk_entrygoal_task_id_task FOREIGN KEY(task_id) REFERENCES task (id) ON DELETE SET NULL
);
INSERT INTO entrygoal VALUES(1,1,2,2);
INSERT INTO entrygoal VALUES(2,2,1,NULL);
INSERT INTO entrygoal VALUES(3,2,2,1);
INSERT INTO entrygoal VALUES(4,3,1,NULL);
CREATE TABLE setting (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_setting PRIMARY KEY ("key")
);
INSERT INTO setting VALUES('days_per_week','5');
INSERT INTO setting VALUES('journal_id','0123456789abcdef0123456789abcdef');
CREATE TABLE IF NOT EXISTS "sprint" (
	id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	title TEXT, 
	start_day DATE NOT NULL, 
	end_day DATE NOT NULL, 
	closed_at DATETIME, 
	notes TEXT, 
	uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_sprint PRIMARY KEY (id), 
	CONSTRAINT ck_sprint_dates_in_order CHECK (end_day >= start_day), 
	CONSTRAINT uq_sprint_number UNIQUE (number), 
	CONSTRAINT uq_sprint_uuid UNIQUE (uuid)
);
INSERT INTO sprint VALUES(1,1,'First ✨ sprint','2025-03-03','2025-03-16',NULL,NULL,'48f9ac1f46d34c00814720159d4078a6','2026-11-27 19:52:19.854025');
CREATE TABLE IF NOT EXISTS "goal" (
	id INTEGER NOT NULL, 
	sprint_id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	title TEXT NOT NULL, 
	description TEXT, 
	status VARCHAR(16) NOT NULL, 
	outcome TEXT, 
	carried_from_id INTEGER, 
	uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, previous_status VARCHAR(16), 
	CONSTRAINT pk_goal PRIMARY KEY (id), 
	CONSTRAINT uq_goal_sprint_number UNIQUE (sprint_id, number), 
	CONSTRAINT fk_goal_sprint_id_sprint FOREIGN KEY(sprint_id) REFERENCES sprint (id) ON DELETE CASCADE, 
	CONSTRAINT fk_goal_carried_from_id_goal FOREIGN KEY(carried_from_id) REFERENCES goal (id) ON DELETE SET NULL, 
	CONSTRAINT ck_goal_status_known CHECK (status IN ('open', 'partial', 'done', 'dropped', 'deferred')), 
	CONSTRAINT uq_goal_uuid UNIQUE (uuid)
);
INSERT INTO goal VALUES(1,1,1,'Write','Draft the **essay** | with pipes','open',NULL,NULL,'acc8ce3b9d8844fc878bda4a95672e48','2026-11-27 19:52:19.862530',NULL);
INSERT INTO goal VALUES(2,1,3,'Math',NULL,'open',NULL,NULL,'cecfc8bd2e28448a9f780ddbd65dc389','2026-11-27 19:52:19.862530',NULL);
CREATE TABLE IF NOT EXISTS "task" (
	id INTEGER NOT NULL, 
	goal_id INTEGER NOT NULL, 
	letter VARCHAR(1) NOT NULL, 
	text TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	outcome TEXT, 
	carried_from_id INTEGER, 
	description TEXT, 
	uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, previous_status VARCHAR(16), 
	CONSTRAINT pk_task PRIMARY KEY (id), 
	CONSTRAINT ck_task_status_known CHECK (status IN ('open', 'partial', 'done', 'dropped', 'deferred')), 
	CONSTRAINT uq_task_goal_letter UNIQUE (goal_id, letter), 
	CONSTRAINT fk_task_carried_from_id_task FOREIGN KEY(carried_from_id) REFERENCES task (id) ON DELETE SET NULL, 
	CONSTRAINT fk_task_goal_id_goal FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE, 
	CONSTRAINT uq_task_uuid UNIQUE (uuid)
);
INSERT INTO task VALUES(1,2,'a','Email two professors','done',NULL,NULL,NULL,'f58043db3369434c92137c152e72201c','2026-11-27 19:52:19.870415',NULL);
INSERT INTO task VALUES(2,2,'b','Topoi ch.1 — 日本語','open',NULL,NULL,replace('Places to start:\n- the *Topoi* book\n  - ch.1','\n',char(10)),'60422d4613344cb1b5e3991d3e3e931c','2026-11-27 19:52:19.870415',NULL);
INSERT INTO task VALUES(3,1,'a','Outline, deferred','deferred',NULL,NULL,NULL,'c54db4525931453d8de0e067aa025d13','2026-11-27 19:52:19.870415',NULL);
CREATE TABLE IF NOT EXISTS "reading_item" (
	id INTEGER NOT NULL, 
	title TEXT NOT NULL, 
	url TEXT, 
	category VARCHAR(200), 
	goal_number INTEGER, 
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	added_on DATE NOT NULL, 
	started_on DATE, 
	finished_on DATE, 
	uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_reading_item PRIMARY KEY (id), 
	CONSTRAINT ck_reading_item_status_known CHECK (status IN ('to read', 'reading', 'read')), 
	CONSTRAINT uq_reading_item_uuid UNIQUE (uuid)
);
INSERT INTO reading_item VALUES(1,'A survey of exploration — 日本語',NULL,'RL',2,'read','summary written','2025-03-03','2025-03-04','2025-03-10','f3d5edae6e744588abcc5022c438b613','2026-11-27 19:52:19.896403');
INSERT INTO reading_item VALUES(2,'Reward is enough?','https://example.org/reward','RL',2,'reading',NULL,'2025-03-03','2025-03-12',NULL,'068f947dbd074e369b8f9a41c8ad0b8b','2026-11-27 19:52:19.896403');
INSERT INTO reading_item VALUES(3,'LA textbook, chapter 3',NULL,'Math',NULL,'to read',NULL,'2025-03-05',NULL,NULL,'166d4850bb3c452cb45f99fb9d5696cf','2026-11-27 19:52:19.896403');
CREATE TABLE IF NOT EXISTS "question" (
	id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	asked_on DATE NOT NULL, 
	resolved_on DATE, 
	uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_question PRIMARY KEY (id), 
	CONSTRAINT uq_question_uuid UNIQUE (uuid)
);
INSERT INTO question VALUES(1,'How should I use AI tools? | <b>','2025-03-05',NULL,'2e7c1b93bee648fa97be3c12633e87c5','2026-11-27 19:52:19.902614');
INSERT INTO question VALUES(2,'Solved one','2025-03-04','2025-03-06','addf315ebb684020824377063e27afc0','2026-11-27 19:52:19.902614');
CREATE TABLE entry_tag (
	entry_id INTEGER NOT NULL, 
	tag VARCHAR(100) NOT NULL, written VARCHAR(100), 
	CONSTRAINT pk_entry_tag PRIMARY KEY (entry_id, tag), 
	CONSTRAINT fk_entry_tag_entry_id_entry FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE
);
INSERT INTO entry_tag VALUES(1,'math/topoi',NULL);
INSERT INTO entry_tag VALUES(2,'ελληνικά',NULL);
INSERT INTO entry_tag VALUES(2,'topoi','Topoi');
CREATE TABLE study_break (
	id INTEGER NOT NULL, 
	start_day DATE NOT NULL, 
	end_day DATE NOT NULL, 
	reason TEXT, 
	uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_study_break PRIMARY KEY (id), 
	CONSTRAINT ck_study_break_dates_in_order CHECK (end_day >= start_day), 
	CONSTRAINT uq_study_break_uuid UNIQUE (uuid)
);
INSERT INTO study_break VALUES(1,'2025-03-10','2025-03-14','exams ✍','00000000000000000000000000000b01','2026-11-27 20:00:00.000000');
CREATE TABLE timer (
	id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	day DATE NOT NULL, 
	text TEXT, 
	goal_refs TEXT, 
	CONSTRAINT pk_timer PRIMARY KEY (id), 
	CONSTRAINT ck_timer_only_one CHECK (id = 1)
);
INSERT INTO timer VALUES(1,'2026-11-27 19:00:00.000000','2026-11-27','reading #math','3b 1');
CREATE TABLE import_source (
	source VARCHAR(16) NOT NULL, 
	source_id VARCHAR(200) NOT NULL, 
	row_table VARCHAR(32) NOT NULL, 
	row_uuid VARCHAR(32) NOT NULL, 
	imported_at DATETIME NOT NULL, imported_state VARCHAR(64), 
	CONSTRAINT pk_import_source PRIMARY KEY (source, source_id)
);
INSERT INTO import_source VALUES('jrnl','a3f1c2','entry','b8d7cf65f73d4621a104a3e1882519b5','2026-11-27 20:00:01.000000','5f0c0ffee5f0c0ffee5f0c0f');
CREATE TABLE removal (
	uuid VARCHAR(32) NOT NULL, 
	row_table VARCHAR(32) NOT NULL, 
	removed_at DATETIME NOT NULL, 
	row_updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_removal PRIMARY KEY (uuid)
);
INSERT INTO removal VALUES('0123456789abcdef0123456789abcdef','entry','2026-12-01 10:00:00.000000','2026-11-30 09:00:00.000000');
INSERT INTO removal VALUES('7a36885b55c7405aabc16ba72e4e29cb','entry','2026-12-08 01:16:01.746563','2026-12-08 01:15:59.803960');
CREATE TABLE exchange_base (
	peer VARCHAR(32) NOT NULL, 
	row_uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_exchange_base PRIMARY KEY (peer, row_uuid)
);
INSERT INTO exchange_base VALUES('fedcba9876543210fedcba9876543210','7002b7a76e2a45bb80bb13d0947bea10','2026-11-22 06:53:01.733134');
CREATE TABLE IF NOT EXISTS "entry" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	day DATE NOT NULL, 
	text TEXT NOT NULL, 
	minutes INTEGER, 
	created_at DATETIME NOT NULL, 
	uuid VARCHAR(32) NOT NULL, 
	updated_at DATETIME NOT NULL, started_at DATETIME, 
	CONSTRAINT uq_entry_uuid UNIQUE (uuid)
);
INSERT INTO entry VALUES(1,'2025-03-04',replace(replace('CRLF line\r\nline two','\r',char(13)),'\n',char(10)),45,'2026-11-22 06:53:01.733134','7002b7a76e2a45bb80bb13d0947bea10','2026-11-22 06:53:01.733134','2025-03-04 07:15:00.000000');
INSERT INTO entry VALUES(2,'2025-03-05','RTL שלום and emoji 🐙 [bold]x[/bold] #Topoi, C# and #42 #ελληνικά',NULL,'2026-11-22 06:53:02.679976','b8d7cf65f73d4621a104a3e1882519b5','2026-11-22 06:53:02.679976',NULL);
INSERT INTO entry VALUES(3,'2025-03-06',printf('%.*c', 1000000, 'x'),NULL,'2025-03-06 20:00:00.000000','63c3cd59ac524003ba64a6b042e7d2d8','2025-03-06 20:00:00.000000',NULL);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('entry',4);
CREATE INDEX ix_entrygoal_entry_id ON entrygoal (entry_id);
CREATE INDEX ix_entrygoal_goal_id ON entrygoal (goal_id);
CREATE INDEX ix_sprint_end_day ON sprint (end_day);
CREATE INDEX ix_goal_sprint_id ON goal (sprint_id);
CREATE INDEX ix_task_goal_id ON task (goal_id);
CREATE INDEX ix_reading_item_finished_on ON reading_item (finished_on);
CREATE INDEX ix_entry_tag_tag ON entry_tag (tag);
CREATE INDEX ix_study_break_start_day ON study_break (start_day);
CREATE INDEX ix_entry_day ON entry (day);
COMMIT;
