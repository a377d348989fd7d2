//! The audit events use cases write, typed: each knows its action, object and payloads.

use crate::model::fiscal::FiscalQuarter;
use crate::model::measure::Period;
use crate::model::plan_year::{AppStage, AppStep};
use crate::model::status::Status;
use crate::model::user::Role;
use crate::queries::audit::{record, Actor, Change};
use crate::queries::measure::Tx;
use serde_json::{json, Value};

/// A status update as the audit trail records it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusMark {
    pub status: Status,
    pub percent: i64,
    pub version: i64,
}

/// Where a year's APP stands: its stage and kept revision.
#[derive(Debug, Clone, PartialEq)]
pub struct AppMark {
    pub stage: AppStage,
    pub revision: i64,
}

/// An account's fields an administrator changes.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountMark {
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
}

/// A strategy's office and owners (usernames).
#[derive(Debug, Clone, PartialEq)]
pub struct OwnersMark {
    pub office: Option<String>,
    pub owners: Vec<String>,
}

/// Where a change came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A person's form.
    Form,
    /// A CSV file of actuals.
    CsvImport,
    /// The JSON API, with a personal access token.
    Api,
}

impl Via {
    fn as_str(self) -> &'static str {
        match self {
            Via::Form => "form",
            Via::CsvImport => "csv import",
            Via::Api => "api",
        }
    }
}

/// A part of the plan's outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanItem {
    Plan,
    Goal,
    Objective,
    Strategy,
}

impl PlanItem {
    fn as_str(self) -> &'static str {
        match self {
            PlanItem::Plan => "plan",
            PlanItem::Goal => "goal",
            PlanItem::Objective => "objective",
            PlanItem::Strategy => "strategy",
        }
    }
}

/// One change to the plan's data, as the audit trail records it.
#[derive(Debug, Clone)]
pub enum Event {
    /// A quarter's actual recorded (`before` None) or corrected; readings as shown.
    Actual {
        measure: i64,
        quarter: FiscalQuarter,
        before: Option<String>,
        after: String,
        version: i64,
        via: Via,
    },
    /// A strategy's quarterly status recorded (`before` None) or corrected.
    Status {
        number: String,
        quarter: FiscalQuarter,
        before: Option<StatusMark>,
        after: StatusMark,
        corrects: Option<i64>,
        /// Saved as a draft (else submitted).
        draft: bool,
        via: Via,
    },
    /// A submitted status update approved or returned (with the comment).
    Review {
        number: String,
        quarter: FiscalQuarter,
        version: i64,
        approved: bool,
        comment: String,
    },
    /// A year's APP taken one step.
    AppStep {
        fiscal_year: i32,
        step: AppStep,
        before: AppMark,
        after: AppMark,
        note: String,
    },
    /// A year's IP distributed.
    IpDistributed { fiscal_year: i32 },
    /// A quarterly milestone added to a year's IP.
    IpMilestoneAdded {
        id: i64,
        number: String,
        fiscal_year: i32,
        quarter: u8,
        description: String,
    },
    /// Something marked done or reopened: an IP milestone ("ip_milestone") or a
    /// planning-cycle milestone ("cycle").
    Done {
        object_type: &'static str,
        key: String,
        done: bool,
    },
    /// Plan text saved as an import draft.
    DraftSaved {
        id: i64,
        source: String,
        characters: usize,
    },
    /// The plan, a goal, an objective or a strategy created (`before` None) or changed by
    /// an import.
    PlanItem {
        item: PlanItem,
        key: String,
        before: Option<Value>,
        after: Value,
    },
    /// The plan's narrative sections replaced.
    Narrative { before: Value, after: Value },
    /// A setting changed.
    Setting {
        key: &'static str,
        before: Value,
        after: Value,
    },
    /// A scheduled report created, changed, paused, resumed or sent now ("create",
    /// "update", "pause", "resume", "send").
    Schedule {
        action: &'static str,
        id: i64,
        before: Option<Value>,
        after: Value,
    },
    /// An account added.
    UserAdded {
        username: String,
        display_name: String,
        role: Role,
    },
    /// An account's display name, role or disabled flag changed.
    UserChanged {
        username: String,
        before: AccountMark,
        after: AccountMark,
    },
    /// A password reset by an administrator ("reset_password") or changed by its owner
    /// ("change_password"); never the password itself.
    Password {
        action: &'static str,
        username: String,
    },
    /// A strategy's office and owners (usernames) changed on its page.
    Owners {
        number: String,
        before: OwnersMark,
        after: OwnersMark,
    },
    /// The strategies assigned to an account.
    Assigned {
        username: String,
        before: Vec<String>,
        after: Vec<String>,
    },
    /// A measure defined (`before` None) or changed.
    Measure {
        id: i64,
        before: Option<Value>,
        after: Value,
    },
    /// One period's target (annual or a quarter) set, changed or cleared, with the reason.
    Target {
        measure: i64,
        fiscal_year: i32,
        period: Period,
        before: Option<f64>,
        after: Option<f64>,
        reason: String,
    },
    /// An account's e-mail address set, changed or removed.
    Email {
        username: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// A person reminded now of what they have not submitted for a quarter.
    Remind {
        username: String,
        quarter: FiscalQuarter,
        items: usize,
    },
    /// A locked quarter of a strategy ("strategy") or measure ("measure") unlocked until
    /// its next save; `key` is "4.1.3 2026-Q4" or "measure 7 2026-Q4".
    Unlock {
        kind: &'static str,
        key: String,
        reason: String,
    },
    /// A file attached as evidence to a quarter's update of a strategy or measure; `key`
    /// is "4.1.3 2027-Q1" or "measure 7 2027-Q1".
    Evidence {
        kind: &'static str,
        key: String,
        version: i64,
        filename: String,
        content_type: String,
        size: usize,
    },
    /// A change to a quarter's review meeting: `action` is open_review, record_item,
    /// move_item, add_item, set_details, add_action, close_action, sign_off or
    /// add_addendum; `key` is the quarter ("2027-Q1") or "2027-Q1 item 12".
    Meeting {
        action: &'static str,
        key: String,
        after: Value,
    },
    /// A change proposal, plan revision, budget request or year copy: `action` is
    /// propose, approve, reject, revise, retire, save_budget or start_year; `object` names
    /// what it acts on ("proposal", "revision", "budget_request", "plan_year").
    Change {
        action: &'static str,
        object: &'static str,
        key: String,
        after: Value,
    },
    /// A comment posted, corrected or hidden, or a thread resolved or reopened: `action`
    /// is post, correct, hide, resolve or reopen; `key` is the comment's id.
    Comment {
        action: &'static str,
        key: String,
        after: Value,
    },
    /// Single sign-on: a sign-in, a first link, a refusal, a break-glass mark.
    SignIn {
        action: &'static str,
        key: String,
        after: Value,
    },
    /// Why a closed year's target was missed, and the plan.
    Shortfall {
        measure: i64,
        fiscal_year: i32,
        explanation: Value,
    },
}

impl Event {
    /// (action, object type, object key, before, after) as stored.
    fn parts(
        &self,
    ) -> (
        &'static str,
        &'static str,
        String,
        Option<Value>,
        Option<Value>,
    ) {
        match self {
            Event::Actual {
                measure,
                quarter,
                before,
                after,
                version,
                via,
            } => (
                if before.is_some() {
                    "correct"
                } else {
                    "record"
                },
                "actual",
                format!("measure {measure} {}", quarter.slug()),
                before.as_ref().map(|b| json!({ "actual": b })),
                Some(json!({ "actual": after, "version": version, "via": via.as_str() })),
            ),
            Event::Status {
                number,
                quarter,
                before,
                after,
                corrects,
                draft,
                via,
            } => (
                match (draft, before.is_some()) {
                    (true, _) => "save_draft",
                    (false, true) => "correct",
                    (false, false) => "record",
                },
                "status",
                format!("{number} {}", quarter.slug()),
                before.as_ref().map(|b| {
                    json!({"status": b.status.as_str(), "percent": b.percent, "version": b.version})
                }),
                Some(json!({
                    "quarter": quarter.slug(), "status": after.status.as_str(),
                    "percent": after.percent, "version": after.version, "corrects": corrects,
                    "via": via.as_str(),
                })),
            ),
            Event::AppStep {
                fiscal_year,
                step,
                before,
                after,
                note,
            } => (
                step.as_str(),
                "app",
                format!("FY{fiscal_year}"),
                Some(json!({"state": before.stage.as_str(), "revision": before.revision})),
                Some(json!({"state": after.stage.as_str(), "revision": after.revision, "note": note})),
            ),
            Event::IpDistributed { fiscal_year } => (
                "distribute",
                "ip",
                format!("FY{fiscal_year}"),
                Some(json!({"state": "draft"})),
                Some(json!({"state": "distributed"})),
            ),
            Event::IpMilestoneAdded {
                id,
                number,
                fiscal_year,
                quarter,
                description,
            } => (
                "create",
                "ip_milestone",
                id.to_string(),
                None,
                Some(json!({
                    "strategy": number, "fiscal_year": fiscal_year, "quarter": quarter,
                    "description": description,
                })),
            ),
            Event::Done {
                object_type,
                key,
                done,
            } => (
                if *done { "mark_done" } else { "reopen" },
                object_type,
                key.clone(),
                Some(json!({"done": !done})),
                Some(json!({"done": done})),
            ),
            Event::DraftSaved {
                id,
                source,
                characters,
            } => (
                "create",
                "import_draft",
                id.to_string(),
                None,
                Some(json!({"source": source, "characters": characters})),
            ),
            Event::PlanItem {
                item,
                key,
                before,
                after,
            } => (
                if before.is_some() { "update" } else { "create" },
                item.as_str(),
                key.clone(),
                before.clone(),
                Some(after.clone()),
            ),
            Event::Narrative { before, after } => (
                "replace",
                "narrative",
                "plan".to_string(),
                Some(before.clone()),
                Some(after.clone()),
            ),
            Event::Schedule {
                action,
                id,
                before,
                after,
            } => (
                action,
                "report_schedule",
                id.to_string(),
                before.clone(),
                Some(after.clone()),
            ),
            Event::Setting { key, before, after } => (
                "update",
                "setting",
                key.to_string(),
                Some(before.clone()),
                Some(after.clone()),
            ),
            Event::UserAdded {
                username,
                display_name,
                role,
            } => (
                "create",
                "user",
                username.clone(),
                None,
                Some(json!({"display_name": display_name, "role": role.as_str()})),
            ),
            Event::UserChanged {
                username,
                before,
                after,
            } => {
                let shown = |a: &AccountMark| {
                    json!({"display_name": a.display_name, "role": a.role.as_str(), "disabled": a.disabled})
                };
                ("update", "user", username.clone(), Some(shown(before)), Some(shown(after)))
            }
            Event::Password { action, username } => (action, "user", username.clone(), None, None),
            Event::Owners {
                number,
                before,
                after,
            } => (
                "update",
                "strategy",
                number.clone(),
                Some(json!({"office": before.office, "owners": before.owners})),
                Some(json!({"office": after.office, "owners": after.owners})),
            ),
            Event::Assigned {
                username,
                before,
                after,
            } => (
                "assign",
                "user",
                username.clone(),
                Some(json!({"strategies": before})),
                Some(json!({"strategies": after})),
            ),
            Event::Measure { id, before, after } => (
                if before.is_some() { "update" } else { "create" },
                "measure",
                id.to_string(),
                before.clone(),
                Some(after.clone()),
            ),
            Event::Target {
                measure,
                fiscal_year,
                period,
                before,
                after,
                reason,
            } => (
                "set_target",
                "target",
                format!("measure {measure} FY{fiscal_year} {}", period.short()),
                before.map(|v| json!({ "value": v })),
                Some(json!({ "value": after, "reason": reason })),
            ),
            Event::Review {
                number,
                quarter,
                version,
                approved,
                comment,
            } => (
                if *approved { "approve" } else { "return" },
                "status",
                format!("{number} {}", quarter.slug()),
                Some(json!({ "version": version, "state": "submitted" })),
                Some(json!({
                    "version": version,
                    "state": if *approved { "approved" } else { "returned" },
                    "comment": comment,
                })),
            ),
            Event::Email {
                username,
                before,
                after,
            } => (
                "set_email",
                "user",
                username.clone(),
                Some(json!({ "email": before })),
                Some(json!({ "email": after })),
            ),
            Event::Remind {
                username,
                quarter,
                items,
            } => (
                "remind",
                "user",
                username.clone(),
                None,
                Some(json!({ "quarter": quarter.slug(), "items": items })),
            ),
            Event::Unlock { kind, key, reason } => (
                "unlock",
                kind,
                key.clone(),
                Some(json!({ "locked": true })),
                Some(json!({ "locked": false, "reason": reason })),
            ),
            Event::Evidence {
                kind,
                key,
                version,
                filename,
                content_type,
                size,
            } => (
                "attach_evidence",
                kind,
                key.clone(),
                None,
                Some(json!({ "version": version, "file": filename, "type": content_type, "bytes": size })),
            ),
            Event::Meeting { action, key, after } => {
                (action, "review", key.clone(), None, Some(after.clone()))
            }
            Event::Comment { action, key, after } => {
                (action, "comment", key.clone(), None, Some(after.clone()))
            }
            Event::SignIn { action, key, after } => {
                (action, "sign_in", key.clone(), None, Some(after.clone()))
            }
            Event::Change {
                action,
                object,
                key,
                after,
            } => (action, object, key.clone(), None, Some(after.clone())),
            Event::Shortfall {
                measure,
                fiscal_year,
                explanation,
            } => (
                "explain",
                "shortfall",
                format!("measure {measure} FY{fiscal_year}"),
                None,
                Some(explanation.clone()),
            ),
        }
    }
}

/// Appends `event` to the audit trail inside the use case's transaction.
pub async fn write(tx: &mut Tx, actor: &Actor, event: &Event) -> Result<(), sqlx::Error> {
    let (action, object_type, object_key, before, after) = event.parts();
    let change = Change {
        action,
        object_type,
        object_key: &object_key,
        before,
        after,
    };
    record(tx, actor, change).await
}

/// A page of the audit trail as people read it: each change field by field, times in
/// the organisation's time zone with the date.
pub async fn page(
    db: &crate::db::Db,
    filter: &crate::model::audit::AuditFilter,
) -> Result<crate::model::audit::AuditPage, sqlx::Error> {
    let zone = crate::queries::settings::time_zone(db).await?;
    let mut page = crate::queries::audit::list(db, filter).await?;
    for e in &mut page.entries {
        e.changes = crate::model::audit::changes(e.before.as_deref(), e.after.as_deref());
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&e.at) {
            e.at = t
                .with_timezone(&zone)
                .format("%-d %b %Y, %H:%M %Z")
                .to_string();
        }
    }
    page.time_zone = zone.name().to_string();
    Ok(page)
}
