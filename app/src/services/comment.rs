//! Discussion on the work: reading an item's threads, posting and replying (with
//! @mentions notified in the app and by e-mail), correcting within the window, resolving
//! and reopening a thread, and hiding a comment. Each write is one transaction with its
//! audit event.

use crate::db::Db;
use crate::model::comment::{
    self as rules, CommentView, Discussion, MentionLine, Mentionable, Subject, ThreadView,
};
use crate::model::fiscal::FiscalCalendar;
use crate::model::notify::MessageKind;
use crate::model::user::{CurrentUser, Role};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::comments::{self as q, NewComment};
use crate::queries::outbox::{self as outbox, NewMessage};
use crate::services::audit::{self, Event};
use crate::services::Refused;
use chrono::{DateTime, Utc};
use serde_json::json;

/// A problem with field `field`.
fn invalid(field: &str, message: impl Into<String>) -> Refused {
    Refused::Invalid(vec![(field.to_string(), message.into())])
}

/// A stored timestamp read back (the app's clock writes RFC 3339).
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The subject's words, or a 404 when there is no such item.
async fn label_of(db: &Db, subject: &Subject) -> Result<String, AppError> {
    let (kind, key) = subject.key();
    q::subject_label(db, kind, &key)
        .await?
        .map(|l| subject.describe(&l))
        .ok_or_else(|| AppError::NotFound(format!("There is no such {}.", subject.noun())))
}

/// The discussion on `subject` as `reader` sees it at `now`.
pub async fn discussion(
    db: &Db,
    subject: &Subject,
    reader: Option<&CurrentUser>,
    (cal, now): (FiscalCalendar, DateTime<Utc>),
) -> Result<Discussion, AppError> {
    let title = label_of(db, subject).await?;
    let (kind, key) = subject.key();
    let rows = q::on_subject(db, kind, &key).await?;
    let corrections = q::corrections(db, kind, &key).await?;
    let events = q::thread_events(db, kind, &key).await?;
    let group = reader.is_some_and(|r| matches!(r.role, Role::Admin | Role::WorkingGroup));
    let names: std::collections::HashMap<i64, String> =
        rows.iter().map(|r| (r.id, r.author_name.clone())).collect();
    let view = |r: &q::CommentRow| {
        let mut earlier = Vec::new();
        let mut text = r.original.clone();
        for c in corrections.iter().filter(|c| c.comment_id == r.id) {
            earlier.push((cal.label_timestamp(&c.corrected_at), text.clone()));
            text = c.body.clone();
        }
        let hidden = r.hidden_reason.as_ref().map(|why| {
            format!(
                "Hidden by {} on {}: {why}",
                r.hidden_by.clone().unwrap_or_default(),
                cal.label_timestamp(r.hidden_at.as_deref().unwrap_or_default())
            )
        });
        let mine = reader.is_some_and(|u| u.id == r.author_id);
        CommentView {
            id: r.id,
            author_name: r.author_name.clone(),
            when: cal.label_timestamp(&r.posted_at),
            text: if hidden.is_some() {
                Vec::new()
            } else {
                rules::pieces(&r.body)
            },
            earlier: if hidden.is_some() {
                Vec::new()
            } else {
                earlier
            },
            version: r.version,
            may_correct: mine
                && hidden.is_none()
                && parse_time(&r.posted_at).is_some_and(|t| rules::may_correct(t, now)),
            replying_to: r.reply_to.and_then(|id| names.get(&id).cloned()),
            hidden,
        }
    };
    let mut threads: Vec<ThreadView> = Vec::new();
    for root in rows.iter().filter(|r| r.thread_id.is_none()) {
        let mine = events.iter().filter(|e| e.thread_id == root.id);
        let last = mine.clone().next_back();
        threads.push(ThreadView {
            id: root.id,
            comments: std::iter::once(root)
                .chain(rows.iter().filter(|r| r.thread_id == Some(root.id)))
                .map(view)
                .collect(),
            resolved: last.filter(|e| e.resolved == 1).map(|e| {
                format!(
                    "Resolved by {} on {}",
                    e.by_name,
                    cal.label_timestamp(&e.at)
                )
            }),
            seq: mine.count() as i64,
            may_resolve: group || reader.is_some_and(|u| u.id == root.author_id),
        });
    }
    let may_post = reader.is_some_and(|u| !u.must_change_password);
    let people = if may_post {
        q::readers(db)
            .await?
            .into_iter()
            .map(|p| Mentionable {
                username: p.username,
                display_name: p.display_name,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Discussion {
        kind: kind.to_string(),
        page: subject.page(),
        open: threads.iter().filter(|t| t.resolved.is_none()).count(),
        key,
        title,
        threads,
        may_post,
        may_hide: reader.is_some_and(|u| u.role == Role::Admin),
        people,
        returned: None,
    })
}

/// What a new comment says and where it goes.
#[derive(Debug, Clone)]
pub struct Post<'a> {
    pub subject: &'a Subject,
    pub text: &'a str,
    /// The comment it answers (None: it starts a thread).
    pub reply_to: Option<i64>,
}

/// Posts a comment (or a reply) by `author` at `now`; notifies whoever it mentions.
/// Refused: empty or over-long text, control characters, a mention of someone who may
/// not read the item, a reply to a comment elsewhere, or a burst over the throttle.
/// Returns the comment's id.
pub async fn post(
    db: &Db,
    author: &CurrentUser,
    p: Post<'_>,
    (cal, now): (FiscalCalendar, DateTime<Utc>),
) -> Result<i64, Refused> {
    let text = rules::check_text(p.text).map_err(|m| invalid("text", m))?;
    let title = label_of(db, p.subject).await?;
    let mentioned = rules::mentions(&text);
    let readers = q::readers(db).await?;
    let refused = rules::unreadable(&mentioned, |m| readers.iter().any(|r| r.username == m));
    if !refused.is_empty() {
        let names: Vec<String> = refused.iter().map(|m| format!("@{m}")).collect();
        return Err(invalid(
            "text",
            format!(
                "{} cannot read this {}: there is no active account by that name. Check the spelling against the list of people, or take the @ off.",
                names.join(", "),
                p.subject.noun()
            ),
        ));
    }
    let (kind, key) = p.subject.key();
    let at = crate::services::outbox::stamp(now);
    let mut tx = db.begin_write().await?;
    let since =
        crate::services::outbox::stamp(now - chrono::Duration::minutes(rules::BURST_MINUTES));
    if q::posted_since(&mut tx, author.id, &since).await? >= rules::BURST_LIMIT {
        return Err(AppError::TooFast(format!(
            "You have posted {} comments in the last {} minutes. Wait a few minutes, then post again.",
            rules::BURST_LIMIT,
            rules::BURST_MINUTES
        ))
        .into());
    }
    let thread_id = match p.reply_to {
        None => None,
        Some(id) => {
            let Some(to) = q::locate(&mut tx, id).await? else {
                return Err(invalid(
                    "reply_to",
                    "The comment you answered is not there.",
                ));
            };
            if (to.subject_kind.as_str(), to.subject_key.as_str()) != (kind, key.as_str()) {
                return Err(invalid(
                    "reply_to",
                    "That comment is on another item; answer it there.",
                ));
            }
            Some(to.thread_id.unwrap_or(to.id))
        }
    };
    let c = NewComment {
        kind,
        key: &key,
        thread_id,
        reply_to: p.reply_to,
        author_id: author.id,
        body: &text,
        at: &at,
    };
    let id = q::insert(&mut tx, &c).await?;
    let link = format!("{}{}", crate::services::outbox::site(), p.subject.page());
    let mut notified = Vec::new();
    for person in readers
        .iter()
        .filter(|r| mentioned.contains(&r.username) && r.id != author.id)
    {
        q::mention(&mut tx, id, person.id).await?;
        let subject = format!("{} mentioned you: {title}", author.display_name);
        let body = format!(
            "{} wrote on {title}:\n\n{}\n\nRead and answer it here: {link}\n",
            author.display_name,
            rules::excerpt(&text, 600)
        );
        let hold =
            crate::services::outbox::next_digest(db, cal, (person.id, &person.username), now)
                .await?
                .map(crate::services::outbox::stamp);
        let m = NewMessage {
            user_id: person.id,
            subject: &subject,
            body: &body,
            kind: MessageKind::Mention,
            dedupe_key: None,
            now: &at,
        };
        outbox::queue_at(&mut tx, &m, hold.as_deref().unwrap_or(&at)).await?;
        notified.push(person.username.clone());
    }
    let event = Event::Comment {
        action: if thread_id.is_some() { "reply" } else { "post" },
        key: id.to_string(),
        after: json!({ "on": format!("{kind}:{key}"), "text": text, "mentions": notified }),
    };
    audit::write(&mut tx, &Actor::user(author), &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Corrects comment `id` (its author, within the window, from correction `version`),
/// keeping the earlier text. Returns the subject it is on.
pub async fn correct(
    db: &Db,
    author: &CurrentUser,
    (id, version): (i64, i64),
    text: &str,
    now: DateTime<Utc>,
) -> Result<Subject, Refused> {
    let text = rules::check_text(text).map_err(|m| invalid("text", m))?;
    let mut tx = db.begin_write().await?;
    let c = located(&mut tx, id).await?;
    if c.author_id != author.id {
        crate::respond::set_response_status(403);
        return Err(AppError::Forbidden.into());
    }
    if c.hidden > 0 {
        return Err(invalid("text", "A hidden comment cannot be corrected."));
    }
    if !parse_time(&c.posted_at).is_some_and(|t| rules::may_correct(t, now)) {
        return Err(invalid(
            "text",
            format!(
                "A comment can be corrected for {} minutes after it is posted; this one is older. Post a new comment instead.",
                rules::EDIT_WINDOW_MINUTES
            ),
        ));
    }
    if version != c.version
        || !q::correct(
            &mut tx,
            id,
            c.version + 1,
            &text,
            &crate::services::outbox::stamp(now),
        )
        .await?
    {
        return Err(AppError::Conflict(
            "You corrected this comment in another window meanwhile; read it again before correcting it."
                .into(),
        )
        .into());
    }
    let event = Event::Comment {
        action: "correct",
        key: id.to_string(),
        after: json!({ "version": c.version + 1, "text": text }),
    };
    audit::write(&mut tx, &Actor::user(author), &event).await?;
    tx.commit().await?;
    Ok(subject_of(&c))
}

/// Resolves (or reopens) thread `id`, from `seq` events seen: its starter or the working
/// group. Returns the subject it is on.
pub async fn set_resolved(
    db: &Db,
    who: &CurrentUser,
    (id, seq): (i64, i64),
    resolved: bool,
    now: DateTime<Utc>,
) -> Result<Subject, Refused> {
    let mut tx = db.begin_write().await?;
    let c = located(&mut tx, id).await?;
    if c.thread_id.is_some() {
        return Err(invalid(
            "thread",
            "Resolve the thread from its first comment.",
        ));
    }
    let group = matches!(who.role, Role::Admin | Role::WorkingGroup);
    if !group && c.author_id != who.id {
        crate::respond::set_response_status(403);
        return Err(AppError::Forbidden.into());
    }
    let (last, now_resolved) = q::thread_state(&mut tx, id).await?;
    if last != seq || now_resolved == resolved {
        let state = if now_resolved { "resolved" } else { "open" };
        return Err(AppError::Conflict(format!(
            "Someone changed this thread meanwhile: it is {state} now."
        ))
        .into());
    }
    let at = crate::services::outbox::stamp(now);
    if !q::thread_event(&mut tx, id, last + 1, resolved, (who.id, &at)).await? {
        return Err(AppError::Conflict("Someone changed this thread meanwhile.".into()).into());
    }
    let event = Event::Comment {
        action: if resolved { "resolve" } else { "reopen" },
        key: id.to_string(),
        after: json!({ "on": format!("{}:{}", c.subject_kind, c.subject_key) }),
    };
    audit::write(&mut tx, &Actor::user(who), &event).await?;
    tx.commit().await?;
    Ok(subject_of(&c))
}

/// Hides comment `id` with `reason` (administrators; the policy checks the role).
/// Returns the subject it is on.
pub async fn hide(
    db: &Db,
    admin: &CurrentUser,
    id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Subject, Refused> {
    let reason = rules::check_reason(reason).map_err(|m| invalid("reason", m))?;
    let mut tx = db.begin_write().await?;
    let c = located(&mut tx, id).await?;
    if !q::hide(
        &mut tx,
        id,
        &reason,
        admin.id,
        &crate::services::outbox::stamp(now),
    )
    .await?
    {
        return Err(AppError::Conflict("That comment is hidden already.".into()).into());
    }
    let event = Event::Comment {
        action: "hide",
        key: id.to_string(),
        after: json!({ "on": format!("{}:{}", c.subject_kind, c.subject_key), "reason": reason }),
    };
    audit::write(&mut tx, &Actor::user(admin), &event).await?;
    tx.commit().await?;
    Ok(subject_of(&c))
}

/// Comment `id` inside a write, or a 404.
async fn located(tx: &mut crate::queries::measure::Tx, id: i64) -> Result<q::Located, Refused> {
    q::locate(tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such comment.".into()).into())
}

/// The subject a stored comment is on.
fn subject_of(c: &q::Located) -> Subject {
    Subject::parse(&c.subject_kind, &c.subject_key).unwrap_or(Subject::Measure(0))
}

/// The comments that mention `user_id`, newest first, as My updates lists them.
pub async fn mentions(
    db: &Db,
    user_id: i64,
    cal: FiscalCalendar,
) -> Result<Vec<MentionLine>, AppError> {
    let rows = q::mentions_of(db, user_id, 20).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.hidden == 0)
        .filter_map(|r| {
            let subject = Subject::parse(&r.subject_kind, &r.subject_key)?;
            Some(MentionLine {
                author_name: r.author_name,
                when: cal.label_timestamp(&r.posted_at),
                excerpt: rules::excerpt(&r.body, 160),
                link: subject.page(),
                state: if r.resolved == 1 {
                    "Resolved".into()
                } else if r.answered > 0 {
                    "Answered".into()
                } else {
                    "Waiting for your answer".into()
                },
            })
        })
        .collect())
}

/// Open threads per subject key of `kind` (for the inbox, tracker and agenda columns).
pub async fn open_counts(
    db: &Db,
    kind: &str,
) -> Result<std::collections::HashMap<String, i64>, AppError> {
    Ok(q::open_threads(db, kind).await?.into_iter().collect())
}
