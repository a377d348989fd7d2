//! Settings an administrator changes: how status rolls up, when the fiscal year starts.

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::status::{RollupRule, RollupSettings};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::status as q;

/// A roll-up settings form as typed: the rule, and (each optional: unchanged when
/// empty) the coverage a headline needs and the share rule's two thresholds, in percent.
pub struct RollupForm<'a> {
    pub rule: RollupRule,
    pub min_coverage: Option<&'a str>,
    pub on_track_share: Option<&'a str>,
    pub at_risk_share: Option<&'a str>,
}

/// A typed percent, or the setting as it was when left empty.
fn percent(typed: Option<&str>, before: u8, what: &str) -> Result<u8, AppError> {
    match typed.map(str::trim) {
        None | Some("") => Ok(before),
        Some(v) => v.parse::<u8>().ok().filter(|v| *v <= 100).ok_or_else(|| {
            AppError::Invalid(format!(
                "\"{v}\" is not {what}: enter a whole percent from 0 to 100."
            ))
        }),
    }
}

/// Chooses how objectives, goals and the plan roll up: the rule, the share of
/// strategies that must report before a roll-up gives a headline, and the share rule's
/// thresholds. One transaction; one audit event per setting changed.
pub async fn set_rollup_settings(
    db: &Db,
    actor: &Actor,
    form: RollupForm<'_>,
) -> Result<(), AppError> {
    let before = q::rollup_settings(db).await?;
    let coverage = percent(
        form.min_coverage,
        before.min_coverage,
        "a share of strategies",
    )?;
    let on_track = percent(
        form.on_track_share,
        before.on_track_share,
        "an on-track share",
    )?;
    let at_risk = percent(form.at_risk_share, before.at_risk_share, "an at-risk share")?;
    RollupSettings::check_shares(on_track, at_risk).map_err(AppError::Invalid)?;
    let mut tx = db.begin_write().await?;
    if form.rule != before.rule {
        q::set_setting(&mut tx, "rollup_rule", form.rule.as_str()).await?;
        let event = Event::Setting {
            key: "rollup_rule",
            before: before.rule.as_str().into(),
            after: form.rule.as_str().into(),
        };
        audit::write(&mut tx, actor, &event).await?;
    }
    let numbers = [
        ("rollup_min_coverage", before.min_coverage, coverage),
        ("rollup_on_track_share", before.on_track_share, on_track),
        ("rollup_at_risk_share", before.at_risk_share, at_risk),
    ];
    for (key, was, now) in numbers {
        if was == now {
            continue;
        }
        q::set_setting(&mut tx, key, &now.to_string()).await?;
        let event = Event::Setting {
            key,
            before: was.into(),
            after: now.into(),
        };
        audit::write(&mut tx, actor, &event).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets the month (1–12) on whose first day the fiscal year starts.
pub async fn set_fiscal_start_month(db: &Db, actor: &Actor, month: u32) -> Result<(), AppError> {
    if FiscalCalendar::new(month).is_none() {
        return Err(AppError::Invalid("Choose a month from 1 to 12.".into()));
    }
    let before = q::calendar(db).await?.start_month;
    let mut tx = db.begin_write().await?;
    q::set_setting(&mut tx, "fiscal_start_month", &month.to_string()).await?;
    let event = Event::Setting {
        key: "fiscal_start_month",
        before: before.into(),
        after: month.into(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the organisation's time zone (an IANA name such as "America/New_York"), in which
/// the audit trail shows times.
pub async fn set_time_zone(db: &Db, actor: &Actor, name: &str) -> Result<(), AppError> {
    let name = name.trim();
    let zone: chrono_tz::Tz = name.parse().map_err(|_| {
        AppError::Invalid(format!(
            "\"{name}\" is not a time zone: use a name such as America/New_York or Europe/London."
        ))
    })?;
    let before = crate::queries::settings::time_zone(db).await?;
    let mut tx = db.begin_write().await?;
    q::set_setting(&mut tx, "time_zone", zone.name()).await?;
    let event = Event::Setting {
        key: "time_zone",
        before: before.name().into(),
        after: zone.name().into(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets how many days after a quarter ends its updates are due and it locks.
pub async fn set_call_schedule(
    db: &Db,
    actor: &Actor,
    due_days: &str,
    lock_days: &str,
) -> Result<(), AppError> {
    let schedule =
        crate::model::call::CallSchedule::parse(due_days, lock_days).map_err(AppError::Invalid)?;
    let before = crate::queries::settings::call_schedule(db).await?;
    let mut tx = db.begin_write().await?;
    q::set_setting(&mut tx, "call_due_days", &schedule.due_days.to_string()).await?;
    q::set_setting(&mut tx, "call_lock_days", &schedule.lock_days.to_string()).await?;
    let event = Event::Setting {
        key: "call_schedule",
        before: serde_json::json!({"due_days": before.due_days, "lock_days": before.lock_days}),
        after: serde_json::json!({"due_days": schedule.due_days, "lock_days": schedule.lock_days}),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Turns the working group's approval of submitted updates on or off.
pub async fn set_approval(db: &Db, actor: &Actor, on: bool) -> Result<(), AppError> {
    let before = crate::queries::settings::approval_required(db).await?;
    let mut tx = db.begin_write().await?;
    q::set_setting(&mut tx, "approval_required", if on { "on" } else { "off" }).await?;
    let event = Event::Setting {
        key: "approval_required",
        before: serde_json::json!(before),
        after: serde_json::json!(on),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets when owners are reminded: days before the due date, and between reminders while
/// overdue (0: none).
pub async fn set_reminders(
    db: &Db,
    actor: &Actor,
    days_before: &str,
    every: &str,
) -> Result<(), AppError> {
    let r = crate::model::reminder::ReminderSettings::parse(days_before, every)
        .map_err(AppError::Invalid)?;
    let before = crate::queries::settings::reminder_settings(db).await?;
    let mut tx = db.begin_write().await?;
    q::set_setting(&mut tx, "reminder_days_before", &r.days_before.to_string()).await?;
    q::set_setting(&mut tx, "reminder_every", &r.every.to_string()).await?;
    let event = Event::Setting {
        key: "reminders",
        before: serde_json::json!({"days_before": before.days_before, "every": before.every}),
        after: serde_json::json!({"days_before": r.days_before, "every": r.every}),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
