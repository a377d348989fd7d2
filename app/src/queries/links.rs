//! Link tables (pairs of ids), written one way: the links of one row replaced whole.

use sqlx::{Any, Error, Transaction};

type Tx = Transaction<'static, Any>;

/// A link table and its two id columns.
#[derive(Debug, Clone, Copy)]
pub struct Links {
    pub table: &'static str,
    pub left: &'static str,
    pub right: &'static str,
}

/// Who owns which strategy (`strategy_assignments`).
pub const STRATEGY_OWNERS: Links = Links {
    table: "strategy_assignments",
    left: "strategy_id",
    right: "user_id",
};

/// Who attended which review meeting (`meeting_attendees`).
pub const ATTENDEES: Links = Links {
    table: "meeting_attendees",
    left: "meeting_id",
    right: "user_id",
};

/// Which side of a link the fixed id is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// Replaces every link of `id` (on `side`) with links to `others`.
pub async fn replace(
    tx: &mut Tx,
    links: Links,
    side: Side,
    id: i64,
    others: &[i64],
) -> Result<(), Error> {
    let (fixed, other) = match side {
        Side::Left => (links.left, links.right),
        Side::Right => (links.right, links.left),
    };
    sqlx::query(&format!("DELETE FROM {} WHERE {fixed} = $1", links.table))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let insert = format!(
        "INSERT INTO {} ({fixed}, {other}) VALUES ($1, $2)",
        links.table
    );
    for o in others {
        sqlx::query(&insert)
            .bind(id)
            .bind(o)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
