-- A journal at schema revision 0002, with data, built by tests/test_migrations.py.
-- Entry 3 holds 1,000,000 characters, made by printf so that this file stays small.
-- Entry 2's text holds #Topoi and #ελληνικά (issue 23): an upgrade must arrive with them
-- in entry_tag, so a migration that forgets existing rows fails the upgrade test.
CREATE TABLE acronym (
	term VARCHAR(64) NOT NULL, 
	expansion TEXT NOT NULL, 
	CONSTRAINT pk_acronym PRIMARY KEY (term)
);
INSERT INTO "acronym" VALUES('RL','Reinforcement Learning');
INSERT INTO "acronym" VALUES('LA','Linear Algebra ∑');
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0002');
CREATE TABLE entry (
	id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	text TEXT NOT NULL, 
	minutes INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_entry PRIMARY KEY (id)
);
INSERT INTO "entry" VALUES(1,'2025-03-04','CRLF line'||char(13)||char(10)||'line two',45,'2026-11-22 06:53:01.733134');
INSERT INTO "entry" VALUES(2,'2025-03-05','RTL שלום and emoji 🐙 [bold]x[/bold] #Topoi, C# and #42 #ελληνικά',NULL,'2026-11-22 06:53:02.679976');
INSERT INTO "entry" VALUES(3,'2025-03-06',printf('%.*c', 1000000, 'x'),NULL,'2025-03-06 20:00:00.000000');
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
INSERT INTO "entrygoal" VALUES(1,1,2,2);
INSERT INTO "entrygoal" VALUES(2,2,1,NULL);
INSERT INTO "entrygoal" VALUES(3,2,2,1);
INSERT INTO "entrygoal" VALUES(4,3,1,NULL);
CREATE TABLE goal (
	id INTEGER NOT NULL, 
	sprint_id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	title TEXT NOT NULL, 
	description TEXT, 
	status VARCHAR(16) NOT NULL, 
	outcome TEXT, 
	carried_from_id INTEGER, 
	CONSTRAINT pk_goal PRIMARY KEY (id), 
	CONSTRAINT ck_goal_status_known CHECK (status IN ('open', 'partial', 'done', 'dropped')), 
	CONSTRAINT fk_goal_carried_from_id_goal FOREIGN KEY(carried_from_id) REFERENCES goal (id) ON DELETE SET NULL, 
	CONSTRAINT fk_goal_sprint_id_sprint FOREIGN KEY(sprint_id) REFERENCES sprint (id) ON DELETE CASCADE, 
	CONSTRAINT uq_goal_sprint_number UNIQUE (sprint_id, number)
);
INSERT INTO "goal" VALUES(1,1,1,'Write','Draft the **essay** | with pipes','open',NULL,NULL);
INSERT INTO "goal" VALUES(2,1,3,'Math',NULL,'open',NULL,NULL);
CREATE TABLE question (
	id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	asked_on DATE NOT NULL, 
	resolved_on DATE, 
	CONSTRAINT pk_question PRIMARY KEY (id)
);
INSERT INTO "question" VALUES(1,'How should I use AI tools? | <b>','2025-03-05',NULL);
INSERT INTO "question" VALUES(2,'Solved one','2025-03-04','2025-03-06');
CREATE TABLE reading_item (
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
	CONSTRAINT pk_reading_item PRIMARY KEY (id), 
	CONSTRAINT ck_reading_item_status_known CHECK (status IN ('to read', 'reading', 'read'))
);
INSERT INTO "reading_item" VALUES(1,'A survey of exploration — 日本語',NULL,'RL',2,'read','summary written','2025-03-03','2025-03-04','2025-03-10');
INSERT INTO "reading_item" VALUES(2,'Reward is enough?','https://example.org/reward','RL',2,'reading',NULL,'2025-03-03','2025-03-12',NULL);
INSERT INTO "reading_item" VALUES(3,'LA textbook, chapter 3',NULL,'Math',NULL,'to read',NULL,'2025-03-05',NULL,NULL);
CREATE TABLE setting (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_setting PRIMARY KEY ("key")
);
INSERT INTO "setting" VALUES('days_per_week','5');
CREATE TABLE sprint (
	id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	title TEXT, 
	start_day DATE NOT NULL, 
	end_day DATE NOT NULL, 
	closed_at DATETIME, 
	notes TEXT, 
	CONSTRAINT pk_sprint PRIMARY KEY (id), 
	CONSTRAINT ck_sprint_dates_in_order CHECK (end_day >= start_day), 
	CONSTRAINT uq_sprint_number UNIQUE (number)
);
INSERT INTO "sprint" VALUES(1,1,'First ✨ sprint','2025-03-03','2025-03-16',NULL,NULL);
CREATE TABLE task (
	id INTEGER NOT NULL, 
	goal_id INTEGER NOT NULL, 
	letter VARCHAR(1) NOT NULL, 
	text TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	outcome TEXT, 
	carried_from_id INTEGER, 
	CONSTRAINT pk_task PRIMARY KEY (id), 
	CONSTRAINT ck_task_status_known CHECK (status IN ('open', 'partial', 'done', 'dropped')), 
	CONSTRAINT fk_task_carried_from_id_task FOREIGN KEY(carried_from_id) REFERENCES task (id) ON DELETE SET NULL, 
	CONSTRAINT fk_task_goal_id_goal FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE, 
	CONSTRAINT uq_task_goal_letter UNIQUE (goal_id, letter)
);
INSERT INTO "task" VALUES(1,2,'a','Email two professors','done',NULL,NULL);
INSERT INTO "task" VALUES(2,2,'b','Topoi ch.1 — 日本語','open',NULL,NULL);
CREATE INDEX ix_entry_day ON entry (day);
CREATE INDEX ix_sprint_end_day ON sprint (end_day);
CREATE INDEX ix_goal_sprint_id ON goal (sprint_id);
CREATE INDEX ix_task_goal_id ON task (goal_id);
CREATE INDEX ix_entrygoal_entry_id ON entrygoal (entry_id);
CREATE INDEX ix_entrygoal_goal_id ON entrygoal (goal_id);
CREATE INDEX ix_reading_item_finished_on ON reading_item (finished_on);
