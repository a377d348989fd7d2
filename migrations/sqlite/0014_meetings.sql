-- The working group's quarterly review meetings (issue 19): one per quarter, its agenda,
-- follow-up actions, and addenda after sign-off. Once a meeting is signed off (state
-- 'closed') its record is read-only: the triggers refuse any change to it or its items.

-- The risk categories an agenda item may be given (administrators keep the list).
CREATE TABLE risk_categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    retired INTEGER NOT NULL DEFAULT 0
);
INSERT INTO risk_categories (name) VALUES
    ('Resources and staffing'), ('Schedule'), ('Funding'), ('Data quality'),
    ('Dependencies on others'), ('Scope or requirements');

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    held_on TEXT NOT NULL DEFAULT '',
    chair_id INTEGER REFERENCES users(id),
    guests TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    signed_off_by TEXT,
    signed_off_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (fiscal_year, quarter)
);

CREATE TABLE meeting_attendees (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('strategy', 'measure', 'missing', 'milestone', 'action', 'manual')),
    reference TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    reason TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    likelihood TEXT CHECK (likelihood IN ('high', 'medium', 'low')),
    risk_category_id INTEGER REFERENCES risk_categories(id),
    improvement TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

-- Follow-up actions: open until closed with a note; they carry to the next review.
CREATE TABLE meeting_actions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    item_id INTEGER REFERENCES agenda_items(id),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_id INTEGER NOT NULL REFERENCES users(id),
    due_on TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    closing_note TEXT NOT NULL DEFAULT '',
    closed_by TEXT,
    closed_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX meeting_actions_open ON meeting_actions(state, due_on);

-- Notes added to a signed-off review. History: never changed or deleted.
CREATE TABLE meeting_addenda (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TRIGGER meeting_addenda_no_update BEFORE UPDATE ON meeting_addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda are history: never changed or deleted');
END;
CREATE TRIGGER meeting_addenda_no_delete BEFORE DELETE ON meeting_addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda are history: never changed or deleted');
END;

-- A signed-off meeting's record is read-only.
CREATE TRIGGER meetings_closed_read_only BEFORE UPDATE ON meetings
WHEN OLD.state = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a signed-off review is read-only');
END;
CREATE TRIGGER meetings_never_deleted BEFORE DELETE ON meetings
BEGIN
    SELECT RAISE(ABORT, 'reviews are kept');
END;
CREATE TRIGGER agenda_items_closed_read_only BEFORE UPDATE ON agenda_items
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a signed-off review is read-only');
END;
CREATE TRIGGER agenda_items_closed_no_insert BEFORE INSERT ON agenda_items
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a signed-off review is read-only');
END;
CREATE TRIGGER agenda_items_never_deleted BEFORE DELETE ON agenda_items
BEGIN
    SELECT RAISE(ABORT, 'agenda items are kept');
END;
CREATE TRIGGER meeting_attendees_closed BEFORE DELETE ON meeting_attendees
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a signed-off review is read-only');
END;
CREATE TRIGGER meeting_attendees_closed_insert BEFORE INSERT ON meeting_attendees
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a signed-off review is read-only');
END;
CREATE TRIGGER meeting_actions_closed_insert BEFORE INSERT ON meeting_actions
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a signed-off review is read-only');
END;
CREATE TRIGGER meeting_actions_never_deleted BEFORE DELETE ON meeting_actions
BEGIN
    SELECT RAISE(ABORT, 'actions are kept');
END;
