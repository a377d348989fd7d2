//! Settings: the fiscal year's start month, the roll-up rule, sample-data marking. A
//! server function reads what it needs once and passes it down.

use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::status::{RollupRule, RollupSettings, DEFAULT_MIN_COVERAGE};
use sqlx::{Any, Error, Transaction};

/// A setting's value, if set.
pub async fn setting(db: &Db, key: &str) -> Result<Option<String>, Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|(v,)| v))
}

/// Sets a setting inside a transaction.
pub async fn set_setting(
    tx: &mut Transaction<'static, Any>,
    key: &str,
    value: &str,
) -> Result<(), Error> {
    sqlx::query("DELETE FROM settings WHERE key = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
        .bind(key)
        .bind(value)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The fiscal calendar (start month from settings, October by default).
pub async fn calendar(db: &Db) -> Result<FiscalCalendar, Error> {
    Ok(setting(db, "fiscal_start_month")
        .await?
        .and_then(|m| m.parse().ok())
        .and_then(FiscalCalendar::new)
        .unwrap_or_default())
}

/// The roll-up rule (worst-of by default).
pub async fn rollup_rule(db: &Db) -> Result<RollupRule, Error> {
    Ok(setting(db, "rollup_rule")
        .await?
        .and_then(|r| RollupRule::parse(&r))
        .unwrap_or(RollupRule::WorstOf))
}

/// The roll-up rule and the coverage a headline needs (50 % by default).
pub async fn rollup_settings(db: &Db) -> Result<RollupSettings, Error> {
    Ok(RollupSettings {
        rule: rollup_rule(db).await?,
        min_coverage: setting(db, "rollup_min_coverage")
            .await?
            .and_then(|v| v.parse().ok())
            .filter(|v| *v <= 100)
            .unwrap_or(DEFAULT_MIN_COVERAGE),
    })
}

/// The organisation's time zone (an IANA name; UTC until an administrator sets one).
pub async fn time_zone(db: &Db) -> Result<chrono_tz::Tz, Error> {
    Ok(setting(db, "time_zone")
        .await?
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC))
}

/// When quarters' updates are due and when quarters lock (15 and 45 days by default).
pub async fn call_schedule(db: &Db) -> Result<crate::model::call::CallSchedule, Error> {
    let default = crate::model::call::CallSchedule::default();
    let days = |v: Option<String>, d: u32| v.and_then(|v| v.parse().ok()).unwrap_or(d);
    Ok(crate::model::call::CallSchedule {
        due_days: days(setting(db, "call_due_days").await?, default.due_days),
        lock_days: days(setting(db, "call_lock_days").await?, default.lock_days),
    })
}

/// Whether submitted status updates await the working group's approval (on by default).
pub async fn approval_required(db: &Db) -> Result<bool, Error> {
    Ok(setting(db, "approval_required").await?.as_deref() != Some("off"))
}

/// When owners are reminded (7 days before the due date, then every 3 days by default).
pub async fn reminder_settings(db: &Db) -> Result<crate::model::reminder::ReminderSettings, Error> {
    let d = crate::model::reminder::ReminderSettings::default();
    let read = |v: Option<String>, d: u32| v.and_then(|v| v.parse().ok()).unwrap_or(d);
    Ok(crate::model::reminder::ReminderSettings {
        days_before: read(setting(db, "reminder_days_before").await?, d.days_before),
        every: read(setting(db, "reminder_every").await?, d.every),
    })
}
