-- Performance measures, the Annual Performance Plan (annual targets and revisions), the
-- Implementation Plan (quarterly targets and milestones), actuals, shortfall
-- explanations and the planning cycle.

CREATE TABLE measures (
    id INTEGER PRIMARY KEY,
    -- Every measure belongs to a goal; objective and strategy narrow where it is attached.
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    objective_id INTEGER REFERENCES objectives(id) ON DELETE CASCADE,
    strategy_id INTEGER REFERENCES strategies(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    kind TEXT NOT NULL CHECK (kind IN ('quantitative', 'milestone')),
    aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'latest')),
    baseline_value REAL,
    baseline_fy INTEGER,
    data_source TEXT NOT NULL DEFAULT '',
    verification TEXT NOT NULL DEFAULT '',
    limitations TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX measures_goal ON measures(goal_id);
CREATE INDEX measures_strategy ON measures(strategy_id);

-- One row per fiscal year that has an APP or IP.
CREATE TABLE plan_years (
    fiscal_year INTEGER PRIMARY KEY,
    app_state TEXT NOT NULL DEFAULT 'draft'
        CHECK (app_state IN ('draft', 'approved', 'revising', 'revised')),
    app_revision INTEGER NOT NULL DEFAULT 0,
    ip_state TEXT NOT NULL DEFAULT 'draft' CHECK (ip_state IN ('draft', 'distributed')),
    ip_distributed_at TEXT,
    ip_distributed_by TEXT
);

-- Each approved or revised APP, with its targets as they stood (JSON).
CREATE TABLE app_revisions (
    id INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    state TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    targets TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (fiscal_year, revision)
);

-- Current targets: period 0 is the APP's annual target, 1 to 4 the IP's quarters.
CREATE TABLE targets (
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    period INTEGER NOT NULL CHECK (period BETWEEN 0 AND 4),
    value REAL NOT NULL,
    PRIMARY KEY (measure_id, fiscal_year, period)
);

-- Every target change: who, when, why. Never changed.
CREATE TABLE target_changes (
    id INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    period INTEGER NOT NULL,
    old_value REAL,
    new_value REAL,
    reason TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX target_changes_measure ON target_changes(measure_id);

-- Actuals per quarter; a correction is a new version. value is NULL when the data is
-- not yet available (a data lag), which is not a miss.
CREATE TABLE actuals (
    id INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    version INTEGER NOT NULL,
    value REAL,
    data_lag INTEGER NOT NULL DEFAULT 0 CHECK (data_lag IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (measure_id, fiscal_year, quarter, version),
    CHECK ((value IS NULL) = (data_lag = 1))
);
CREATE INDEX actuals_year ON actuals(fiscal_year);

-- Why an annual target was not met, and the plan to meet it or why it cannot be.
CREATE TABLE shortfalls (
    id INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    why TEXT NOT NULL,
    plan TEXT NOT NULL DEFAULT '',
    schedule TEXT NOT NULL DEFAULT '',
    infeasible TEXT NOT NULL DEFAULT '',
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX shortfalls_measure ON shortfalls(measure_id, fiscal_year);

-- Quarterly milestones of a strategy in a year's IP.
CREATE TABLE ip_milestones (
    id INTEGER PRIMARY KEY,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    description TEXT NOT NULL,
    done_at TEXT,
    done_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX ip_milestones_year ON ip_milestones(fiscal_year);

-- Planning-cycle milestones marked done.
CREATE TABLE cycle_marks (
    fiscal_year INTEGER NOT NULL,
    milestone TEXT NOT NULL,
    done_at TEXT NOT NULL,
    done_by TEXT NOT NULL,
    PRIMARY KEY (fiscal_year, milestone)
);

CREATE TRIGGER target_changes_no_update BEFORE UPDATE ON target_changes
BEGIN
    SELECT RAISE(ABORT, 'the target change log is never changed');
END;
CREATE TRIGGER actuals_no_update BEFORE UPDATE ON actuals
BEGIN
    SELECT RAISE(ABORT, 'actuals are never changed: record a correction');
END;
