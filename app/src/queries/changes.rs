//! SQL for change proposals, plan revisions and retiring plan items.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, Executor, Transaction};

type Tx = Transaction<'static, Any>;

/// A goal, objective or strategy as a snapshot reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub level: i64,
    pub number: String,
    pub text: Option<String>,
    pub office: Option<String>,
    pub person: Option<String>,
    pub retired_in: Option<i64>,
}

/// Every goal (level 1), objective (2) and strategy (3) of plan `plan_id`, retired ones too.
pub async fn items<'e>(
    ex: impl Executor<'e, Database = Any>,
    plan_id: i64,
) -> Result<Vec<ItemRow>, Error> {
    sqlx::query_as(
        "SELECT CAST(1 AS BIGINT) AS level, number, name AS text, CAST(NULL AS TEXT) AS office, CAST(NULL AS TEXT) AS person, retired_in
           FROM goals WHERE plan_id = $1
         UNION ALL
         SELECT CAST(2 AS BIGINT), number, title, NULL, NULL, retired_in FROM objectives WHERE plan_id = $2
         UNION ALL
         SELECT CAST(3 AS BIGINT), number, text, owner_office, owner_person, retired_in
           FROM strategies WHERE plan_id = $3",
    )
    .bind(plan_id)
    .bind(plan_id)
    .bind(plan_id)
    .fetch_all(ex)
    .await
}

/// A measure as a snapshot reads it: id, the number it is attached to, name, unit.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeasureRow {
    pub id: i64,
    pub attached: String,
    pub name: String,
    pub unit: String,
}

/// Every measure, with the number of the item it is attached to.
pub async fn measures<'e>(ex: impl Executor<'e, Database = Any>) -> Result<Vec<MeasureRow>, Error> {
    sqlx::query_as(
        "SELECT m.id, COALESCE(s.number, o.number, g.number) AS attached, m.name, m.unit
           FROM measures m JOIN goals g ON g.id = m.goal_id
           LEFT JOIN objectives o ON o.id = m.objective_id
           LEFT JOIN strategies s ON s.id = m.strategy_id
          ORDER BY m.id",
    )
    .fetch_all(ex)
    .await
}

/// The id and retiring revision of goal, objective or strategy `number` (by `level`).
pub async fn item(
    tx: &mut Tx,
    level: u8,
    number: &str,
) -> Result<Option<(i64, Option<i64>)>, Error> {
    let table = table_of(level);
    sqlx::query_as(&format!(
        "SELECT id, retired_in FROM {table} WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(&mut **tx)
    .await
}

fn table_of(level: u8) -> &'static str {
    match level {
        1 => "goals",
        2 => "objectives",
        _ => "strategies",
    }
}

/// The numbers in use under `parent` at `level` (retired ones too): "4.1.1", "4.1.2"…
pub async fn numbers_under(tx: &mut Tx, level: u8, parent: &str) -> Result<Vec<String>, Error> {
    let sql = match level {
        1 => "SELECT number FROM goals".to_string(),
        2 => "SELECT o.number FROM objectives o JOIN goals g ON g.id = o.goal_id WHERE g.number = $1".to_string(),
        _ => "SELECT s.number FROM strategies s JOIN objectives o ON o.id = s.objective_id WHERE o.number = $1".to_string(),
    };
    let q = sqlx::query_as::<_, (String,)>(&sql);
    let q = if level == 1 { q } else { q.bind(parent) };
    Ok(q.fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(|(n,)| n)
        .collect())
}

/// Marks `number` at `level`, and everything under it not retired yet, retired in
/// revision `revision`.
pub async fn retire(tx: &mut Tx, level: u8, number: &str, revision: i64) -> Result<(), Error> {
    let prefix = format!("{number}.%");
    for l in level..=3 {
        let table = table_of(l);
        sqlx::query(&format!(
            "UPDATE {table} SET retired_in = $1
              WHERE retired_in IS NULL AND (number = $2 OR number LIKE $3)"
        ))
        .bind(revision)
        .bind(number)
        .bind(&prefix)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Sets a strategy's office and owner.
pub async fn set_owner(
    tx: &mut Tx,
    id: i64,
    office: Option<&str>,
    person: Option<&str>,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE strategies SET owner_office = COALESCE($1, owner_office),
                owner_person = COALESCE($2, owner_person) WHERE id = $3",
    )
    .bind(office)
    .bind(person)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets a measure's name and unit.
pub async fn rename_measure(tx: &mut Tx, id: i64, name: &str, unit: &str) -> Result<(), Error> {
    sqlx::query(
        "UPDATE measures SET name = $1, unit = $2, updated_at = $3, version = version + 1
          WHERE id = $4",
    )
    .bind(name)
    .bind(unit)
    .bind(now_utc())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The next revision number (1 for the first).
pub async fn next_revision(tx: &mut Tx) -> Result<i64, Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(number), 0) + 1 FROM plan_revisions")
        .fetch_one(&mut **tx)
        .await?;
    Ok(n)
}

/// Records revision `number`; returns its id.
pub async fn insert_revision(
    tx: &mut Tx,
    number: i64,
    meeting: Option<i64>,
    reasons: &str,
    (outline, by): (&str, &str),
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO plan_revisions (number, meeting_id, reasons, outline, made_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(number)
    .bind(meeting)
    .bind(reasons)
    .bind(outline)
    .bind(by)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A stored revision, with the quarter of the review that approved it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub number: i64,
    pub reasons: String,
    pub outline: String,
    pub made_by: String,
    pub created_at: String,
    pub fiscal_year: Option<i64>,
    pub quarter: Option<i64>,
}

const REVISION: &str = "SELECT r.id, r.number, r.reasons, r.outline, r.made_by, r.created_at,
        m.fiscal_year, m.quarter
   FROM plan_revisions r LEFT JOIN meetings m ON m.id = r.meeting_id";

/// Every revision, newest first.
pub async fn revisions(db: &Db) -> Result<Vec<RevisionRow>, Error> {
    sqlx::query_as(&format!("{REVISION} ORDER BY r.number DESC"))
        .fetch_all(db.pool())
        .await
}

/// Revision `number`, if recorded.
pub async fn revision(db: &Db, number: i64) -> Result<Option<RevisionRow>, Error> {
    sqlx::query_as(&format!("{REVISION} WHERE r.number = $1"))
        .bind(number)
        .fetch_optional(db.pool())
        .await
}

/// Whether any revision is recorded (inside a write).
pub async fn has_revisions(tx: &mut Tx) -> Result<bool, Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM plan_revisions")
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

/// A stored proposal, with the quarter of the review that decided it and the revision
/// it made.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProposalRow {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub change: String,
    pub reason: String,
    #[sqlx(try_from = "String")]
    pub state: crate::model::proposal::ProposalState,
    pub proposed_by: String,
    pub proposed_at: String,
    pub decision: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub fiscal_year: Option<i64>,
    pub quarter: Option<i64>,
    pub revision: Option<i64>,
}

const PROPOSAL: &str = "SELECT p.id, p.kind, p.subject, p.change, p.reason, p.state,
        p.proposed_by, p.proposed_at, p.decision, p.decided_by, p.decided_at,
        m.fiscal_year, m.quarter, r.number AS revision
   FROM change_proposals p LEFT JOIN meetings m ON m.id = p.meeting_id
   LEFT JOIN plan_revisions r ON r.id = p.revision_id";

/// Every proposal, newest first.
pub async fn proposals(db: &Db) -> Result<Vec<ProposalRow>, Error> {
    sqlx::query_as(&format!("{PROPOSAL} ORDER BY p.id DESC"))
        .fetch_all(db.pool())
        .await
}

/// Proposals still waiting for a decision, oldest first (inside a write).
pub async fn open_proposals_in(tx: &mut Tx) -> Result<Vec<ProposalRow>, Error> {
    sqlx::query_as(&format!(
        "{PROPOSAL} WHERE p.state = 'proposed' ORDER BY p.id"
    ))
    .fetch_all(&mut **tx)
    .await
}

/// Records a proposal; returns its id.
pub async fn insert_proposal(
    tx: &mut Tx,
    (kind, subject, change): (&str, &str, &str),
    reason: &str,
    by: &str,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO change_proposals (kind, subject, change, reason, proposed_by, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(kind)
    .bind(subject)
    .bind(change)
    .bind(reason)
    .bind(by)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Records the decision on proposal `id` if it is still open; false when someone decided
/// it first.
pub async fn decide(
    tx: &mut Tx,
    id: i64,
    (state, meeting, revision): (crate::model::proposal::ProposalState, i64, Option<i64>),
    decision: &str,
    by: &str,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE change_proposals
            SET state = $1, meeting_id = $2, revision_id = $3, decision = $4,
                decided_by = $5, decided_at = $6
          WHERE id = $7 AND state = 'proposed'",
    )
    .bind(state.as_str())
    .bind(meeting)
    .bind(revision)
    .bind(decision)
    .bind(by)
    .bind(now_utc())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The wording of every goal (its name), objective (its title) and strategy (its text)
/// now, by number: what an open wording proposal is compared with.
pub async fn current_wording(db: &Db) -> Result<std::collections::HashMap<String, String>, Error> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT number, name FROM goals
         UNION ALL SELECT number, title FROM objectives
         UNION ALL SELECT number, text FROM strategies",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(n, t)| (n, t.unwrap_or_default()))
        .collect())
}
