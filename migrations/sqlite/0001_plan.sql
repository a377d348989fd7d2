-- The plan and its outline: goals, objectives, strategies, narrative.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    fy_start INTEGER,
    fy_end INTEGER,
    effective_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE narrative_sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading TEXT,
    body TEXT NOT NULL
);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT,
    statement TEXT,
    UNIQUE (plan_id, number)
);

CREATE TABLE objectives (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    title TEXT,
    UNIQUE (plan_id, number)
);
CREATE INDEX objectives_goal ON objectives(goal_id);

CREATE TABLE strategies (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    objective_id INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner_office TEXT,
    owner_person TEXT,
    UNIQUE (plan_id, number)
);
CREATE INDEX strategies_objective ON strategies(objective_id);

-- Pasted or uploaded plan text waiting to be previewed and committed.
CREATE TABLE import_drafts (
    id INTEGER PRIMARY KEY,
    source_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    committed_at TEXT,
    summary TEXT
);
