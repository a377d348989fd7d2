//! Settings: the fiscal year's start month, the roll-up rule, sample-data marking. A
//! server function reads what it needs once and passes it down.

use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::status::{
    RollupRule, RollupSettings, DEFAULT_AT_RISK_SHARE, DEFAULT_MIN_COVERAGE, DEFAULT_ON_TRACK_SHARE,
};
use crate::model::vocabulary::UnknownValue;
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

/// Setting `key` read with `parse`: `None` when it is not set; when what is stored does
/// not read, an error naming the setting and the value (never a quiet default).
async fn typed<T>(
    db: &Db,
    (key, what): (&str, &'static str),
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, Error> {
    read_as((key, what), setting(db, key).await?, parse)
}

/// Settings `a` and `b` in one read.
async fn two(db: &Db, [a, b]: [&str; 2]) -> Result<[Option<String>; 2], Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT key, value FROM settings WHERE key IN ($1, $2)")
            .bind(a)
            .bind(b)
            .fetch_all(db.pool())
            .await?;
    let find = |key: &str| rows.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Ok([find(a), find(b)])
}

/// A setting's stored `value` read with `parse` (see [`typed`]).
fn read_as<T>(
    (key, what): (&str, &'static str),
    value: Option<String>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, Error> {
    match value {
        None => Ok(None),
        Some(value) => match parse(&value) {
            Some(v) => Ok(Some(v)),
            None => Err(Error::Decode(Box::new(UnknownValue {
                column: format!("settings.{key}"),
                what,
                value,
            }))),
        },
    }
}

/// A whole number of days stored in setting `key`.
async fn days(db: &Db, key: &str) -> Result<Option<u32>, Error> {
    typed(db, (key, "number of days"), |v| v.parse().ok()).await
}

/// The fiscal calendar (start month from settings, October by default).
pub async fn calendar(db: &Db) -> Result<FiscalCalendar, Error> {
    let month = |m: &str| m.parse().ok().and_then(FiscalCalendar::new);
    Ok(typed(db, ("fiscal_start_month", "month"), month)
        .await?
        .unwrap_or_default())
}

/// The roll-up rule (the share rule by default).
pub async fn rollup_rule(db: &Db) -> Result<RollupRule, Error> {
    Ok(
        typed(db, ("rollup_rule", "roll-up rule"), RollupRule::parse)
            .await?
            .unwrap_or(RollupRule::ShareOnTrack),
    )
}

/// The roll-up rule, the coverage a headline needs (50 % by default) and the share
/// rule's thresholds (80 % and 60 %).
pub async fn rollup_settings(db: &Db) -> Result<RollupSettings, Error> {
    let percent = |v: &str| v.parse().ok().filter(|v| *v <= 100);
    Ok(RollupSettings {
        rule: rollup_rule(db).await?,
        min_coverage: typed(db, ("rollup_min_coverage", "percentage"), percent)
            .await?
            .unwrap_or(DEFAULT_MIN_COVERAGE),
        on_track_share: typed(db, ("rollup_on_track_share", "percentage"), percent)
            .await?
            .unwrap_or(DEFAULT_ON_TRACK_SHARE),
        at_risk_share: typed(db, ("rollup_at_risk_share", "percentage"), percent)
            .await?
            .unwrap_or(DEFAULT_AT_RISK_SHARE),
    })
}

/// The organisation's time zone (an IANA name; UTC until an administrator sets one).
pub async fn time_zone(db: &Db) -> Result<chrono_tz::Tz, Error> {
    Ok(typed(db, ("time_zone", "time zone"), |z| z.parse().ok())
        .await?
        .unwrap_or(chrono_tz::UTC))
}

/// When quarters' updates are due and when quarters lock (15 and 45 days by default).
pub async fn call_schedule(db: &Db) -> Result<crate::model::call::CallSchedule, Error> {
    let default = crate::model::call::CallSchedule::default();
    let keys = ["call_due_days", "call_lock_days"];
    let [due, lock] = two(db, keys).await?;
    let days = |key, value| read_as((key, "number of days"), value, |v| v.parse().ok());
    Ok(crate::model::call::CallSchedule {
        due_days: days(keys[0], due)?.unwrap_or(default.due_days),
        lock_days: days(keys[1], lock)?.unwrap_or(default.lock_days),
    })
}

/// Whether submitted status updates await the working group's approval (on by default).
pub async fn approval_required(db: &Db) -> Result<bool, Error> {
    let on_off = |v: &str| match v {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    };
    Ok(typed(db, ("approval_required", "on or off"), on_off)
        .await?
        .unwrap_or(true))
}

/// When owners are reminded (7 days before the due date, then every 3 days by default).
pub async fn reminder_settings(db: &Db) -> Result<crate::model::reminder::ReminderSettings, Error> {
    let d = crate::model::reminder::ReminderSettings::default();
    Ok(crate::model::reminder::ReminderSettings {
        days_before: days(db, "reminder_days_before")
            .await?
            .unwrap_or(d.days_before),
        every: days(db, "reminder_every").await?.unwrap_or(d.every),
    })
}

/// The setting holding the plan-wide default thresholds (JSON).
pub const DEFAULT_THRESHOLDS: &str = "default_thresholds";

/// The plan-wide default thresholds an administrator set, or the built-in default.
pub async fn default_thresholds(db: &Db) -> Result<crate::model::bands::Thresholds, Error> {
    Ok(typed(db, (DEFAULT_THRESHOLDS, "thresholds"), |v| {
        serde_json::from_str(v).ok()
    })
    .await?
    .unwrap_or_else(crate::model::bands::default_bands))
}

/// [`default_thresholds`] read inside a write transaction.
pub async fn default_thresholds_in(
    tx: &mut Transaction<'static, Any>,
) -> Result<crate::model::bands::Thresholds, Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = $1")
        .bind(DEFAULT_THRESHOLDS)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row
        .and_then(|(v,)| serde_json::from_str(&v).ok())
        .unwrap_or_else(crate::model::bands::default_bands))
}
