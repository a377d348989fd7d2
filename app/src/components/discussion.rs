//! An item's discussion: its threads (newest last, the open ones counted in the heading),
//! a comment's corrections and hiding, resolving a thread, and the forms to comment,
//! reply and correct. Plain forms: the same with JavaScript on or off.

use crate::api::comment::{CorrectComment, HideComment, PostComment, ResolveThread};
use crate::components::alert::{Alert, Tone};
use crate::components::form_group::{described_by, FormGroup};
use crate::components::submit::SubmitButton;
use crate::model::comment::{CommentView, Discussion, Mentionable, Piece, ThreadView};
use crate::model::form::Returned;
use leptos::prelude::*;

/// "Discussion (2 open)" as the heading reads.
pub fn heading(open: usize) -> String {
    match open {
        0 => "Discussion".to_string(),
        1 => "Discussion (1 open thread)".to_string(),
        n => format!("Discussion ({n} open threads)"),
    }
}

/// The names of the forms a discussion shows (a refused one comes back beside its form).
fn known_forms(d: &Discussion) -> Vec<String> {
    let mut names = vec!["new".to_string()];
    for t in &d.threads {
        names.push(format!("thread-{}", t.id));
        if let Some(last) = t.comments.last() {
            names.push(format!("reply-{}", last.id));
        }
        for c in &t.comments {
            names.push(format!("correct-{}", c.id));
            names.push(format!("hide-{}", c.id));
        }
    }
    names
}

/// The actions of a discussion's forms.
#[derive(Clone, Copy)]
struct Forms {
    post: ServerAction<PostComment>,
    correct: ServerAction<CorrectComment>,
    resolve: ServerAction<ResolveThread>,
    hide: ServerAction<HideComment>,
}

/// A loaded discussion.
#[component]
pub fn DiscussionView(d: Discussion) -> impl IntoView {
    let forms = Forms {
        post: ServerAction::new(),
        correct: ServerAction::new(),
        resolve: ServerAction::new(),
        hide: ServerAction::new(),
    };
    let on = format!("{}:{}", d.kind, d.key);
    let returned = d.returned.clone();
    let new_returned = returned.clone().filter(|r| r.is_form("new"));
    // A refused form with no place on the page now (its thread changed meanwhile).
    let known = known_forms(&d);
    let stray = returned
        .clone()
        .filter(|r| !known.contains(&r.form))
        .map(|r| r.message());
    let empty = d.threads.is_empty();
    let may_post = d.may_post;
    let people = d.people.clone();
    let threads = d.threads.clone();
    let noun = d.kind.replace('_', " ");
    let (on_t, returned_t, people_t) = (on.clone(), returned.clone(), people.clone());
    view! {
        <section id="discussion" class="pt-discussion margin-top-4" aria-labelledby="discussion-heading">
            <h2 id="discussion-heading">{heading(d.open)}</h2>
            {stray.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was posted. {m}")/> })}
            {empty.then(|| view! { <p>{format!("No one has commented on this {noun} yet. Questions and answers about it are kept here, with the item.")}</p> })}
            {threads.into_iter().map(|t| view! {
                <Thread t=t on=on_t.clone() returned=returned_t.clone() forms=forms may_post=may_post may_hide=d.may_hide people=people_t.clone()/>
            }).collect_view()}
            {if may_post {
                view! { <NewComment on=on.clone() returned=new_returned people=people forms=forms/> }.into_any()
            } else {
                view! { <p><a href="/login">"Sign in"</a>" to comment."</p> }.into_any()
            }}
        </section>
    }
}

/// One thread with its comments, its state and its forms.
#[component]
fn Thread(
    t: ThreadView,
    on: String,
    returned: Option<Returned>,
    forms: Forms,
    may_post: bool,
    may_hide: bool,
    people: Vec<Mentionable>,
) -> impl IntoView {
    let id = t.id;
    let starter = t
        .comments
        .first()
        .map(|c| c.author_name.clone())
        .unwrap_or_default();
    let state = match &t.resolved {
        Some(r) => format!("\u{2713} {r}"),
        None => "\u{25cb} Open".to_string(),
    };
    let thread_error = returned
        .as_ref()
        .filter(|r| r.is_form(&format!("thread-{id}")))
        .map(|r| r.message());
    let last = t.comments.last().map(|c| c.id).unwrap_or(id);
    let reply_returned = returned
        .clone()
        .filter(|r| r.is_form(&format!("reply-{last}")));
    let reply_open = reply_returned.is_some();
    let reply_text = reply_returned
        .as_ref()
        .map(|r| r.value("text"))
        .unwrap_or_default();
    let reply_error = reply_returned.as_ref().and_then(|r| r.error("text"));
    let reply_id = format!("reply-{id}-text");
    let resolved = t.resolved.is_some();
    let comments = t.comments.clone();
    let (on_c, returned_c) = (on.clone(), returned.clone());
    let (on_r, starter_r) = (on.clone(), starter.clone());
    let label = format!("Thread started by {starter}");
    view! {
        <article class="pt-thread border-top-1px border-base-lighter padding-y-2" aria-label=label>
            <p class="pt-thread-state text-bold">{state}</p>
            {thread_error.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was changed. {m}")/> })}
            <ol class="usa-list usa-list--unstyled pt-comments">
                {comments.into_iter().map(|c| view! {
                    <Comment c=c on=on_c.clone() returned=returned_c.clone() forms=forms may_hide=may_hide/>
                }).collect_view()}
            </ol>
            {(may_post && !resolved).then(|| view! {
                <details class="pt-reply" open=reply_open>
                    <summary>{format!("Reply to {starter}")}</summary>
                    <ActionForm action=forms.post attr:class="usa-form pt-form-wide">
                        <input type="hidden" name="on" value=on.clone()/>
                        <input type="hidden" name="reply_to" value=last/>
                        <FormGroup id=reply_id.clone() label="Your reply" error=reply_error.clone()>
                            <textarea class="usa-textarea" id=reply_id.clone() name="text" rows="3"
                                aria-describedby=described_by(&reply_id, false, reply_error.is_some())>{reply_text}</textarea>
                        </FormGroup>
                        <MentionList people=people.clone()/>
                        <SubmitButton label="Post the reply" class="usa-button margin-top-1"/>
                    </ActionForm>
                </details>
            })}
            {t.may_resolve.then(|| view! {
                <ActionForm action=forms.resolve attr:class="margin-top-1">
                    <input type="hidden" name="on" value=on_r.clone()/>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="seq" value=t.seq/>
                    <input type="hidden" name="resolve" value=if resolved { "0" } else { "1" }/>
                    <SubmitButton
                        label=if resolved { format!("Reopen the thread started by {starter_r}") } else { format!("Resolve the thread started by {starter_r}") }
                        class="usa-button usa-button--outline"/>
                </ActionForm>
            })}
        </article>
    }
}

/// One comment: who, when, the text (links clickable), earlier texts, and its forms.
#[component]
fn Comment(
    c: CommentView,
    on: String,
    returned: Option<Returned>,
    forms: Forms,
    may_hide: bool,
) -> impl IntoView {
    let id = c.id;
    let correct_returned = returned
        .clone()
        .filter(|r| r.is_form(&format!("correct-{id}")));
    let hide_returned = returned.filter(|r| r.is_form(&format!("hide-{id}")));
    let correct_id = format!("correct-{id}-text");
    let hide_id = format!("hide-{id}-reason");
    let text_now: String = c
        .text
        .iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Link(t) => t.as_str(),
        })
        .collect();
    let correct_text = correct_returned
        .as_ref()
        .map_or(text_now, |r| r.value("text"));
    let correct_error = correct_returned
        .as_ref()
        .and_then(|r| r.error("text").or_else(|| r.error("version")));
    let hide_reason = hide_returned
        .as_ref()
        .map(|r| r.value("reason"))
        .unwrap_or_default();
    let hide_error = hide_returned.as_ref().and_then(|r| r.error("reason"));
    let earlier = c.earlier.clone();
    let hidden = c.hidden.clone();
    let on_h = on.clone();
    view! {
        <li class="pt-comment margin-y-1" id=format!("comment-{id}")>
            <p class="pt-comment-meta margin-0">
                <strong>{c.author_name.clone()}</strong>
                {format!(" \u{00b7} {}", c.when)}
                {c.replying_to.clone().map(|to| format!(" \u{00b7} replying to {to}"))}
            </p>
            {match hidden {
                Some(why) => view! { <p class="pt-comment-hidden margin-top-05"><em>{format!("\u{2298} {why}")}</em></p> }.into_any(),
                None => view! { <p class="pt-comment-text margin-top-05">{pieces(c.text.clone())}</p> }.into_any(),
            }}
            {(!earlier.is_empty()).then(|| view! {
                <details class="pt-comment-earlier">
                    <summary>{format!("Corrected ({} earlier {})", earlier.len(), if earlier.len() == 1 { "text" } else { "texts" })}</summary>
                    <ol>{earlier.into_iter().map(|(when, text)| view! { <li><span class="usa-hint">{format!("Until {when}: ")}</span><span class="pt-comment-text">{text}</span></li> }).collect_view()}</ol>
                </details>
            })}
            {(!c.may_correct).then(|| correct_returned.as_ref().map(|r| view! {
                <Alert tone=Tone::Error slim=true text=format!("Nothing was corrected. {}", r.message())/>
            })).flatten()}
            {c.may_correct.then(|| view! {
                <details class="pt-comment-correct" open=correct_returned.is_some()>
                    <summary>"Correct this comment"</summary>
                    <ActionForm action=forms.correct attr:class="usa-form pt-form-wide">
                        <input type="hidden" name="on" value=on.clone()/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="version" value=c.version/>
                        <FormGroup id=correct_id.clone() label="Corrected text" hint="For 15 minutes after posting; the earlier text is kept." error=correct_error.clone()>
                            <textarea class="usa-textarea" id=correct_id.clone() name="text" rows="3"
                                aria-describedby=described_by(&correct_id, true, correct_error.is_some())>{correct_text}</textarea>
                        </FormGroup>
                        <SubmitButton label="Save the correction" class="usa-button margin-top-1"/>
                    </ActionForm>
                </details>
            })}
            {(may_hide && c.hidden.is_none()).then(|| view! {
                <details class="pt-comment-hide" open=hide_returned.is_some()>
                    <summary>"Hide this comment"</summary>
                    <ActionForm action=forms.hide attr:class="usa-form">
                        <input type="hidden" name="on" value=on_h.clone()/>
                        <input type="hidden" name="id" value=id/>
                        <FormGroup id=hide_id.clone() label="Why it is hidden" hint="Shown in the comment's place." error=hide_error.clone()>
                            <input class="usa-input" id=hide_id.clone() name="reason" value=hide_reason
                                aria-describedby=described_by(&hide_id, true, hide_error.is_some())/>
                        </FormGroup>
                        <SubmitButton label="Hide the comment" class="usa-button usa-button--secondary margin-top-1"/>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

/// A comment's pieces: text as text (never HTML), addresses as links.
fn pieces(list: Vec<Piece>) -> impl IntoView {
    list.into_iter()
        .map(|p| match p {
            Piece::Text(t) => view! { <span>{t}</span> }.into_any(),
            Piece::Link(href) => {
                let shown = href.clone();
                view! { <a class="usa-link" href=href rel="nofollow noopener noreferrer">{shown}</a> }.into_any()
            }
        })
        .collect_view()
}

/// Who may be mentioned, by username: the suggestion list (plain text, no script).
#[component]
fn MentionList(people: Vec<Mentionable>) -> impl IntoView {
    view! {
        <details class="pt-mentions margin-top-1">
            <summary>{format!("People you can mention ({})", people.len())}</summary>
            <ul class="usa-list">
                {people.into_iter().map(|p| view! { <li><code>{format!("@{}", p.username)}</code>{format!(" \u{2014} {}", p.display_name)}</li> }).collect_view()}
            </ul>
        </details>
    }
}

/// The form that starts a thread.
#[component]
fn NewComment(
    on: String,
    returned: Option<Returned>,
    people: Vec<Mentionable>,
    forms: Forms,
) -> impl IntoView {
    let text = returned
        .as_ref()
        .map(|r| r.value("text"))
        .unwrap_or_default();
    let error = returned
        .as_ref()
        .and_then(|r| r.error("text").or_else(|| r.error("reply_to")));
    let message = returned.as_ref().map(|r| r.message());
    view! {
        {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was posted. {m}")/> })}
        <ActionForm action=forms.post attr:class="usa-form pt-form-wide" attr:id="new-comment">
            <input type="hidden" name="on" value=on/>
            <FormGroup id="comment-text" label="Add a comment" hint="Plain text; web addresses become links. Write @username to notify someone who may read this item." error=error.clone()>
                <textarea class="usa-textarea" id="comment-text" name="text" rows="4"
                    aria-describedby=described_by("comment-text", true, error.is_some())>{text}</textarea>
            </FormGroup>
            <MentionList people=people/>
            <SubmitButton label="Post the comment" class="usa-button margin-top-1"/>
        </ActionForm>
    }
}
