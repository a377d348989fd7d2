//! Reminders and messages of the data call: queued in the outbox with what causes them
//! (the day's reminders, a returned update, "remind now"), delivered by the background
//! task through SMTP when one is configured, and readable in the app either way.

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::call::OwnerProgress;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::notify::{Delivery, MessageKind};
use crate::model::reminder::{digest, quarters_in_call, summary_day, Pending, Reminder};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::outbox::{self as q, MessageRow, NewMessage};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sqlx::Error;

/// An instant as the outbox stores it.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Where people record their updates, for the messages: `PLANTRACK_PUBLIC_URL` + "/my".
pub fn my_link() -> String {
    format!("{}/my", site())
}

/// The site's public address without a trailing slash ("" when not set: links are paths).
pub fn site() -> String {
    let base = std::env::var("PLANTRACK_PUBLIC_URL").unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// When a mention of `user` at `now` waits for their reminder digest: the start of the
/// day of their next digest, if it is today (not yet queued) or tomorrow and they have
/// updates not submitted; otherwise `None` (a mention goes out on its own, now). A
/// question never waits more than a day.
pub async fn next_digest(
    db: &Db,
    cal: FiscalCalendar,
    (user_id, username): (i64, &str),
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, Error> {
    let today = now.date_naive();
    let schedule = crate::queries::settings::call_schedule(db).await?;
    let settings = crate::queries::settings::reminder_settings(db).await?;
    for day in [today, today + chrono::Days::new(1)] {
        for fq in quarters_in_call(schedule, cal, day) {
            let Some(r) = settings.on(schedule, cal, fq, day) else {
                continue;
            };
            let key = format!("{}:{}:{day}:{user_id}", r.kind().as_str(), fq.slug());
            if day == today && q::exists(db, &key).await? {
                continue;
            }
            let tracker = super::read::tracker::tracker(db, fq, cal, today).await?;
            if tracker
                .owners
                .iter()
                .any(|o| o.username == username && o.missing() > 0)
            {
                let start = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
                return Ok(Some(start.max(now)));
            }
        }
    }
    Ok(None)
}

/// What an owner still has to submit for a quarter, as a digest lists it.
fn pending(o: &OwnerProgress) -> Vec<Pending> {
    let statuses = o.missing_status.iter().map(|n| Pending {
        label: format!("Strategy {n}: quarterly status"),
        state: "not submitted".into(),
    });
    let returned = o.returned.iter().map(|n| Pending {
        label: format!("Strategy {n}: quarterly status"),
        state: "returned for correction".into(),
    });
    let actuals = o.missing_actuals.iter().map(|(_, name)| Pending {
        label: format!("Measure: {name}"),
        state: "no actual".into(),
    });
    statuses.chain(returned).chain(actuals).collect()
}

/// Queues the reminders due at `now` (one digest per owner with items not submitted, per
/// quarter in call; the working group's summary the day after a due date). Queuing the
/// same day twice queues nothing more. Returns how many messages were queued.
pub async fn queue_due(db: &Db, cal: FiscalCalendar, now: DateTime<Utc>) -> Result<usize, Error> {
    let today = now.date_naive();
    let schedule = crate::queries::settings::call_schedule(db).await?;
    let settings = crate::queries::settings::reminder_settings(db).await?;
    let at = stamp(now);
    let ids: std::collections::HashMap<String, i64> = crate::queries::ownership::candidates(db)
        .await?
        .into_iter()
        .map(|c| (c.username, c.id))
        .collect();
    let mut queued = 0;
    for fq in quarters_in_call(schedule, cal, today) {
        let reminder = settings.on(schedule, cal, fq, today);
        let summary = today == summary_day(schedule, cal, fq);
        if reminder.is_none() && !summary {
            continue;
        }
        let tracker = super::read::tracker::tracker(db, fq, cal, today).await?;
        let mut tx = db.begin_write().await?;
        if let Some(r) = reminder {
            for o in tracker.owners.iter().filter(|o| o.missing() > 0) {
                let Some(&user_id) = ids.get(&o.username) else {
                    continue;
                };
                let (subject, body) = digest(
                    &o.display_name,
                    fq,
                    (&tracker.due, &tracker.locks),
                    Some(r),
                    &pending(o),
                    &my_link(),
                );
                let key = format!("{}:{}:{today}:{user_id}", r.kind().as_str(), fq.slug());
                let held = q::held_mentions(&mut tx, user_id, &at).await?;
                let body = with_mentions(body, &held);
                let m = NewMessage {
                    user_id,
                    subject: &subject,
                    body: &body,
                    kind: r.kind(),
                    dedupe_key: Some(&key),
                    now: &at,
                };
                if q::queue(&mut tx, &m).await? {
                    queued += 1;
                    q::fold(&mut tx, &held, &key).await?;
                }
            }
        }
        if summary {
            let (subject, body) = summary_text(fq, &tracker);
            for (user_id, _) in q::working_group(db).await? {
                let key = format!("summary:{}:{user_id}", fq.slug());
                let m = NewMessage {
                    user_id,
                    subject: &subject,
                    body: &body,
                    kind: MessageKind::Summary,
                    dedupe_key: Some(&key),
                    now: &at,
                };
                queued += usize::from(q::queue(&mut tx, &m).await?);
            }
        }
        tx.commit().await?;
    }
    Ok(queued)
}

/// A digest's body with the mentions held for it (subject and text of each) at its end.
fn with_mentions(mut body: String, held: &[q::Held]) -> String {
    if held.is_empty() {
        return body;
    }
    body.push_str("\nYou were mentioned:\n");
    for h in held {
        body.push_str(&format!("\n- {}\n", h.subject));
        for line in h.body.lines() {
            body.push_str(&format!("  {line}\n"));
        }
    }
    body
}

/// The working group's summary of a quarter's call the day after its due date.
fn summary_text(fq: FiscalQuarter, t: &crate::model::call::CallTracker) -> (String, String) {
    let total: usize = t.goals.iter().map(|g| g.strategies).sum();
    let submitted: usize = t.goals.iter().map(|g| g.recorded).sum();
    let mut body = format!(
        "{fq} updates were due {}. {submitted} of {total} strategies have a submitted status.\n\n",
        t.due
    );
    let late: Vec<&OwnerProgress> = t.owners.iter().filter(|o| o.missing() > 0).collect();
    if late.is_empty() {
        body.push_str("Every owner has submitted.\n");
    } else {
        body.push_str("Still missing:\n");
        for o in late {
            body.push_str(&format!("- {}: {} item(s)\n", o.display_name, o.missing()));
        }
    }
    if !t.unowned.is_empty() {
        let n = t.unowned.len();
        body.push_str(&format!(
            "\n{n} {} no owner, so nobody is asked for {}:\n",
            if n == 1 {
                "strategy has"
            } else {
                "strategies have"
            },
            if n == 1 {
                "its update"
            } else {
                "their updates"
            }
        ));
        for (number, text) in &t.unowned {
            body.push_str(&format!(
                "- {number} {}\n",
                crate::model::meeting::shorten(text, 80)
            ));
        }
    }
    body.push_str(&format!(
        "\nThe tracker: {}\n",
        my_link().replace("/my", &format!("/quarters/{}/call", fq.slug()))
    ));
    (
        format!("{fq} data call: {submitted} of {total} submitted"),
        body,
    )
}

/// Queues a digest for `username` of what they have not submitted for `fq` now (the
/// tracker's "remind now"), audited. Refused when they have nothing missing.
pub async fn remind_now(
    db: &Db,
    actor: &Actor,
    username: &str,
    fq: FiscalQuarter,
    (cal, now): (FiscalCalendar, DateTime<Utc>),
) -> Result<(), AppError> {
    let tracker = super::read::tracker::tracker(db, fq, cal, now.date_naive()).await?;
    let owner = tracker
        .owners
        .iter()
        .find(|o| o.username == username)
        .ok_or_else(|| AppError::NotFound(format!("{username} owns nothing in {fq}.")))?;
    if owner.missing() == 0 {
        return Err(AppError::Invalid(format!(
            "{} has submitted everything for {fq}: there is nothing to remind them of.",
            owner.display_name
        )));
    }
    let user_id = crate::queries::ownership::candidates(db)
        .await?
        .into_iter()
        .find(|c| c.username == username)
        .map(|c| c.id)
        .ok_or(AppError::Internal)?;
    let reminder = (now.date_naive()
        > crate::queries::settings::call_schedule(db)
            .await?
            .due(cal, fq))
    .then_some(Reminder::Overdue { days: 0 });
    let (subject, body) = digest(
        &owner.display_name,
        fq,
        (&tracker.due, &tracker.locks),
        reminder,
        &pending(owner),
        &my_link(),
    );
    let at = stamp(now);
    let mut tx = db.begin_write().await?;
    let m = NewMessage {
        user_id,
        subject: &subject,
        body: &body,
        kind: MessageKind::RemindNow,
        dedupe_key: None,
        now: &at,
    };
    q::queue(&mut tx, &m).await?;
    let event = Event::Remind {
        username: username.to_string(),
        quarter: fq,
        items: owner.missing(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// How sending a message ended.
#[derive(Debug)]
pub enum Sent {
    Sent,
    /// Not sent and never will be (no address, no mail server): why.
    NotSent(String),
    /// Failed this time: why.
    Failed(String),
}

/// Something that sends a claimed message (SMTP in production, a test double).
pub trait Sender {
    /// Sends `m` with its attachment, if any, or says why not.
    fn send(
        &self,
        m: &MessageRow,
        attachment: Option<&q::Document>,
    ) -> impl std::future::Future<Output = Sent> + Send;
}

/// The longest a claimed message stays claimed before another instance may take it.
const CLAIM: i64 = 5;
/// Attempts before a message is given up on.
pub const MAX_ATTEMPTS: i64 = 5;

/// Sends the messages due at `now` through `sender`, each claimed first (so with several
/// instances each is sent once) and retried with backoff (1, 2, 4, 8 minutes) until
/// [`MAX_ATTEMPTS`]. Returns how many were claimed.
pub async fn deliver(db: &Db, sender: &impl Sender, now: DateTime<Utc>) -> Result<usize, Error> {
    let claimed = q::claim(db, &stamp(now), &stamp(now + Duration::minutes(CLAIM)), 20).await?;
    for m in &claimed {
        let attachment = match m.document_id {
            Some(id) => q::document(db, id).await?,
            None => None,
        };
        let outcome = sender.send(m, attachment.as_ref()).await;
        let at = stamp(now);
        match outcome {
            Sent::Sent => q::finish(db, m.id, Delivery::Sent, None, (&at, &at)).await?,
            Sent::NotSent(why) => {
                q::finish(db, m.id, Delivery::NotSent, Some(&why), (&at, &at)).await?
            }
            Sent::Failed(why) if m.attempts + 1 >= MAX_ATTEMPTS => {
                q::finish(db, m.id, Delivery::Failed, Some(&why), (&at, &at)).await?
            }
            Sent::Failed(why) => {
                let next = stamp(now + Duration::minutes(1 << m.attempts));
                tracing::warn!(message = m.id, error = %why, "mail not sent; will retry");
                q::finish(db, m.id, Delivery::Queued, Some(&why), (&at, &next)).await?
            }
        }
    }
    Ok(claimed.len())
}

/// One round of the background task at `now`: queue the day's reminders, then deliver
/// what is due (the server's round runs the scheduled reports due just before). Errors are logged, never fatal (the next round tries again).
pub async fn tick(db: &Db, sender: &impl Sender, now: DateTime<Utc>) {
    let queued = match crate::queries::settings::calendar(db).await {
        Ok(cal) => queue_due(db, cal, now).await,
        Err(e) => Err(e),
    };
    match queued {
        Ok(0) => {}
        Ok(n) => tracing::info!(queued = n, "reminders queued"),
        Err(e) => tracing::warn!(error = %e, "reminders not queued this round"),
    }
    if let Err(e) = deliver(db, sender, now).await {
        tracing::warn!(error = %e, "outbox not delivered this round");
    }
}
