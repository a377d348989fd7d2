//! Review meetings: the meeting, its attendees and agenda items, follow-up actions,
//! addenda and the risk categories. (A signed-off meeting's rows refuse changes in the
//! database itself: migration 0014.)

use crate::db::{now_utc, Db};
use crate::model::fiscal::FiscalQuarter;
use crate::model::meeting::{ItemKind, State};
use sqlx::{Any, Error, FromRow, Transaction};

type Tx = Transaction<'static, Any>;

/// A meeting as stored.
#[derive(Debug, Clone, FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub fiscal_year: i64,
    pub quarter: i64,
    pub held_on: String,
    pub chair_id: Option<i64>,
    pub chair_name: Option<String>,
    pub guests: String,
    #[sqlx(try_from = "String")]
    pub state: State,
    pub signed_off_by: Option<String>,
    pub signed_off_at: Option<String>,
    pub version: i64,
}

const MEETING_COLUMNS: &str = "m.id, m.fiscal_year, m.quarter, m.held_on, m.chair_id,
    u.display_name AS chair_name, m.guests, m.state, m.signed_off_by, m.signed_off_at, m.version";

/// Quarter `q`'s meeting, if opened.
pub async fn find(db: &Db, q: FiscalQuarter) -> Result<Option<MeetingRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings m LEFT JOIN users u ON u.id = m.chair_id
         WHERE m.fiscal_year = $1 AND m.quarter = $2"
    ))
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_optional(db.pool())
    .await
}

/// A meeting line of `/reviews`.
#[derive(Debug, Clone, FromRow)]
pub struct LineRow {
    pub fiscal_year: i64,
    pub quarter: i64,
    pub held_on: String,
    #[sqlx(try_from = "String")]
    pub state: State,
    pub items: i64,
    pub open_actions: i64,
}

/// Every meeting, newest first, with its item and open-action counts.
pub async fn list(db: &Db) -> Result<Vec<LineRow>, Error> {
    sqlx::query_as(
        "SELECT m.fiscal_year, m.quarter, m.held_on, m.state,
            (SELECT COUNT(*) FROM agenda_items i WHERE i.meeting_id = m.id) AS items,
            (SELECT COUNT(*) FROM meeting_actions a WHERE a.meeting_id = m.id AND a.state = 'open') AS open_actions
         FROM meetings m ORDER BY m.fiscal_year DESC, m.quarter DESC",
    )
    .fetch_all(db.pool())
    .await
}

/// Opens quarter `q`'s meeting; `Ok(None)` when it already exists.
pub async fn insert(tx: &mut Tx, q: FiscalQuarter, author: &str) -> Result<Option<i64>, Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO meetings (fiscal_year, quarter, created_by, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (fiscal_year, quarter) DO NOTHING RETURNING id",
    )
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .bind(author)
    .bind(now_utc())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// A new agenda item of a meeting.
pub struct NewItem<'a> {
    pub position: i64,
    pub kind: &'a str,
    pub reference: &'a str,
    pub title: &'a str,
    pub reason: &'a str,
}

/// Adds an item to `meeting`'s agenda; returns its id.
pub async fn insert_item(tx: &mut Tx, meeting: i64, item: &NewItem<'_>) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO agenda_items (meeting_id, position, kind, reference, title, reason)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(meeting)
    .bind(item.position)
    .bind(item.kind)
    .bind(item.reference)
    .bind(item.title)
    .bind(item.reason)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// An agenda item as stored, with its risk category's name.
#[derive(Debug, Clone, FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    #[sqlx(try_from = "String")]
    pub kind: ItemKind,
    pub reference: String,
    pub title: String,
    pub reason: String,
    pub notes: String,
    pub likelihood: Option<String>,
    pub risk_category_id: Option<i64>,
    pub risk_name: Option<String>,
    pub improvement: String,
    pub decisions: String,
    pub version: i64,
}

const ITEM_COLUMNS: &str = "i.id, i.meeting_id, i.position, i.kind, i.reference, i.title, i.reason,
    i.notes, i.likelihood, i.risk_category_id, r.name AS risk_name, i.improvement, i.decisions,
    i.version";

/// `meeting`'s agenda in order.
pub async fn items(db: &Db, meeting: i64) -> Result<Vec<ItemRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM agenda_items i
         LEFT JOIN risk_categories r ON r.id = i.risk_category_id
         WHERE i.meeting_id = $1 ORDER BY i.position, i.id"
    ))
    .bind(meeting)
    .fetch_all(db.pool())
    .await
}

/// Item `id`.
pub async fn item(db: &Db, id: i64) -> Result<Option<ItemRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM agenda_items i
         LEFT JOIN risk_categories r ON r.id = i.risk_category_id WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// What is recorded for an item.
pub struct ItemRecord<'a> {
    pub notes: &'a str,
    pub likelihood: Option<&'a str>,
    pub risk: Option<i64>,
    pub improvement: &'a str,
    pub decisions: &'a str,
}

/// Records an item at `version`; `Ok(false)` when someone saved it since.
pub async fn update_item(
    tx: &mut Tx,
    id: i64,
    version: i64,
    r: &ItemRecord<'_>,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE agenda_items SET notes = $1, likelihood = $2, risk_category_id = $3,
            improvement = $4, decisions = $5, version = version + 1
         WHERE id = $6 AND version = $7",
    )
    .bind(r.notes)
    .bind(r.likelihood)
    .bind(r.risk)
    .bind(r.improvement)
    .bind(r.decisions)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves item `id` to `position`.
pub async fn set_position(tx: &mut Tx, id: i64, position: i64) -> Result<(), Error> {
    sqlx::query("UPDATE agenda_items SET position = $1 WHERE id = $2")
        .bind(position)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// The meeting's date, chair and guests at `version`; `Ok(false)` when saved since.
pub async fn update_details(
    tx: &mut Tx,
    meeting: i64,
    version: i64,
    (held_on, chair, guests): (&str, Option<i64>, &str),
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE meetings SET held_on = $1, chair_id = $2, guests = $3, version = version + 1
         WHERE id = $4 AND version = $5 AND state = 'open'",
    )
    .bind(held_on)
    .bind(chair)
    .bind(guests)
    .bind(meeting)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the meeting's attendees.
pub async fn set_attendees(tx: &mut Tx, meeting: i64, users: &[i64]) -> Result<(), Error> {
    use super::links::{replace, Side, ATTENDEES};
    replace(tx, ATTENDEES, Side::Left, meeting, users).await
}

/// The meeting's attendees (id, name).
pub async fn attendees(db: &Db, meeting: i64) -> Result<Vec<(i64, String)>, Error> {
    sqlx::query_as(
        "SELECT u.id, u.display_name FROM meeting_attendees a JOIN users u ON u.id = a.user_id
         WHERE a.meeting_id = $1 ORDER BY u.display_name",
    )
    .bind(meeting)
    .fetch_all(db.pool())
    .await
}

/// Signs the meeting off at `version`; `Ok(false)` when saved since or already closed.
pub async fn sign_off(tx: &mut Tx, meeting: i64, version: i64, by: &str) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE meetings SET state = 'closed', signed_off_by = $1, signed_off_at = $2,
            version = version + 1
         WHERE id = $3 AND version = $4 AND state = 'open'",
    )
    .bind(by)
    .bind(now_utc())
    .bind(meeting)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A follow-up action as stored, with its owner's and review's names.
#[derive(Debug, Clone, FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub meeting_id: i64,
    pub fiscal_year: i64,
    pub quarter: i64,
    pub item_title: Option<String>,
    pub title: String,
    pub owner_id: i64,
    pub owner_name: String,
    pub due_on: String,
    #[sqlx(try_from = "String")]
    pub state: State,
    pub closing_note: String,
    pub closed_by: Option<String>,
    pub closed_at: Option<String>,
    pub version: i64,
}

const ACTION_SELECT: &str = "SELECT a.id, a.meeting_id, m.fiscal_year, m.quarter,
    i.title AS item_title, a.title, a.owner_id, u.display_name AS owner_name, a.due_on, a.state,
    a.closing_note, a.closed_by, a.closed_at, a.version
    FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id
    JOIN users u ON u.id = a.owner_id LEFT JOIN agenda_items i ON i.id = a.item_id";

/// The actions agreed at `meeting`.
pub async fn actions_of(db: &Db, meeting: i64) -> Result<Vec<ActionRow>, Error> {
    sqlx::query_as(&format!(
        "{ACTION_SELECT} WHERE a.meeting_id = $1 ORDER BY a.id"
    ))
    .bind(meeting)
    .fetch_all(db.pool())
    .await
}

/// Every open action, soonest due first; only `owner`'s when given.
pub async fn open_actions(db: &Db, owner: Option<i64>) -> Result<Vec<ActionRow>, Error> {
    match owner {
        None => {
            sqlx::query_as(&format!(
                "{ACTION_SELECT} WHERE a.state = 'open' ORDER BY a.due_on, a.id"
            ))
            .fetch_all(db.pool())
            .await
        }
        Some(owner) => {
            sqlx::query_as(&format!(
            "{ACTION_SELECT} WHERE a.state = 'open' AND a.owner_id = $1 ORDER BY a.due_on, a.id"
        ))
            .bind(owner)
            .fetch_all(db.pool())
            .await
        }
    }
}

/// Action `id`.
pub async fn action(db: &Db, id: i64) -> Result<Option<ActionRow>, Error> {
    sqlx::query_as(&format!("{ACTION_SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// A new follow-up action.
pub struct NewAction<'a> {
    pub meeting: i64,
    pub item: Option<i64>,
    pub title: &'a str,
    pub owner: i64,
    pub due_on: &'a str,
    pub author: &'a str,
}

/// Adds an action; returns its id.
pub async fn insert_action(tx: &mut Tx, a: &NewAction<'_>) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO meeting_actions (meeting_id, item_id, title, owner_id, due_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(a.meeting)
    .bind(a.item)
    .bind(a.title)
    .bind(a.owner)
    .bind(a.due_on)
    .bind(a.author)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Closes action `id` at `version` with `note`; `Ok(false)` when changed since.
pub async fn close_action(
    tx: &mut Tx,
    id: i64,
    version: i64,
    note: &str,
    by: &str,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE meeting_actions SET state = 'closed', closing_note = $1, closed_by = $2,
            closed_at = $3, version = version + 1
         WHERE id = $4 AND version = $5 AND state = 'open'",
    )
    .bind(note)
    .bind(by)
    .bind(now_utc())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds an addendum to a signed-off meeting.
pub async fn insert_addendum(
    tx: &mut Tx,
    meeting: i64,
    text: &str,
    author: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO meeting_addenda (meeting_id, text, author_name, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(meeting)
    .bind(text)
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// `meeting`'s addenda, oldest first: (text, author, at).
pub async fn addenda(db: &Db, meeting: i64) -> Result<Vec<(String, String, String)>, Error> {
    sqlx::query_as(
        "SELECT text, author_name, created_at FROM meeting_addenda WHERE meeting_id = $1 ORDER BY id",
    )
    .bind(meeting)
    .fetch_all(db.pool())
    .await
}

/// The risk categories on offer (id, name), by name.
pub async fn risks(db: &Db) -> Result<Vec<(i64, String)>, Error> {
    sqlx::query_as("SELECT id, name FROM risk_categories WHERE retired = 0 ORDER BY name")
        .fetch_all(db.pool())
        .await
}

/// Everyone who may chair, attend or own an action (id, name): active users but viewers.
pub async fn people(db: &Db) -> Result<Vec<(i64, String)>, Error> {
    sqlx::query_as(
        "SELECT id, display_name FROM users WHERE disabled = 0 AND role <> 'viewer'
         ORDER BY display_name, username",
    )
    .fetch_all(db.pool())
    .await
}

/// Adds risk category `name` (or brings a retired one back); `Ok(false)` when it is on the
/// list already.
pub async fn add_risk(tx: &mut Tx, name: &str) -> Result<bool, Error> {
    let back =
        sqlx::query("UPDATE risk_categories SET retired = 0 WHERE name = $1 AND retired = 1")
            .bind(name)
            .execute(&mut **tx)
            .await?;
    if back.rows_affected() == 1 {
        return Ok(true);
    }
    let done =
        sqlx::query("INSERT INTO risk_categories (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Retires risk category `id` (items that have it keep it); its name, if it was on offer.
pub async fn retire_risk(tx: &mut Tx, id: i64) -> Result<Option<String>, Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "UPDATE risk_categories SET retired = 1 WHERE id = $1 AND retired = 0 RETURNING name",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(n,)| n))
}
