//! Evidence routes: `POST /evidence` attaches a file to a quarter's status update or
//! actual (a multipart form that works without JavaScript; a refusal goes back to the
//! page with its problem), `GET /evidence/{id}` downloads one as an attachment. Plain
//! handlers, decided by the same policy.

use app::api::evidence::refused_key;
use app::auth::policy::{authorize_route, require};
use app::auth::{AuthSession, Owned};
use app::model::evidence::MAX_BYTES;
use app::model::fiscal::FiscalQuarter;
use app::model::form::Returned;
use app::model::lock::Lockable;
use app::model::redirect::local_path;
use app::model::AppError;
use app::queries::audit::Actor;
use app::services::evidence::{attach as attach_file, file, Upload};
use app::services::Refused;
use app::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

/// What the upload form sent.
#[derive(Default)]
struct Form {
    kind: String,
    item: String,
    quarter: String,
    back: String,
    file: Option<Upload>,
    /// The file was cut off at the limit.
    too_large: bool,
}

/// Reads the form, keeping at most [`MAX_BYTES`] and one byte of the file.
async fn read_form(mut multipart: Multipart) -> Result<Form, &'static str> {
    let mut form = Form::default();
    let unreadable = "The form could not be read (a file over 10 MB is refused).";
    while let Some(mut field) = multipart.next_field().await.map_err(|_| unreadable)? {
        match field.name().unwrap_or_default() {
            "file" => {
                let name = field.file_name().unwrap_or_default().to_string();
                let mut data = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| unreadable)? {
                    if data.len() + chunk.len() > MAX_BYTES {
                        form.too_large = true;
                        data.extend_from_slice(
                            &chunk[..(MAX_BYTES + 1 - data.len()).min(chunk.len())],
                        );
                        break;
                    }
                    data.extend_from_slice(&chunk);
                }
                form.file = Some(Upload { name, data });
            }
            other => {
                let other = other.to_string();
                let text = field.text().await.map_err(|_| unreadable)?;
                match other.as_str() {
                    "kind" => form.kind = text,
                    "item" => form.item = text,
                    "quarter" => form.quarter = text,
                    "back" => form.back = text,
                    _ => {}
                }
            }
        }
    }
    Ok(form)
}

/// The item a form names ("strategy" "4.1.3", "measure" "7"), its words and its page.
async fn item_of(
    state: &AppState,
    kind: &str,
    item: &str,
) -> Result<(Lockable, String, String), AppError> {
    let missing = || AppError::NotFound("There is no such strategy or measure.".into());
    match kind {
        "strategy" => {
            let id = app::queries::status::strategy_id(&state.db, item)
                .await?
                .ok_or_else(missing)?;
            Ok((
                Lockable::Strategy(id),
                format!("strategy {item}"),
                format!("/strategies/{item}"),
            ))
        }
        "measure" => {
            let id: i64 = item.parse().map_err(|_| missing())?;
            app::queries::measure::get(&state.db, id)
                .await?
                .ok_or_else(missing)?;
            Ok((
                Lockable::Measure(id),
                format!("measure {id}"),
                format!("/measures/{id}"),
            ))
        }
        _ => Err(missing()),
    }
}

/// `POST /evidence`: attaches the chosen file to the quarter's latest update of the
/// strategy or measure, then goes back to its page (with a notice, or the problem).
pub async fn attach(
    State(state): State<AppState>,
    mut auth: AuthSession,
    multipart: Multipart,
) -> Response {
    let user = match authorize_route(&state, &mut auth, app::auth::UseCase::AttachEvidence).await {
        Ok(Some(u)) => u,
        Ok(None) | Err(AppError::Unauthorized) => return Redirect::to("/login").into_response(),
        Err(refused) => return refused.into_response(),
    };
    let form = match read_form(multipart).await {
        Ok(f) => f,
        Err(message) => return AppError::Invalid(message.into()).into_response(),
    };
    let (item, key, page) = match item_of(&state, &form.kind, &form.item).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let owned = match item {
        Lockable::Strategy(id) => Owned::Strategy(id),
        Lockable::Measure(id) => Owned::Measure(id),
    };
    if let Err(refused) = require(&state.db, &user, owned).await {
        return refused.into_response();
    }
    let back = local_path(
        Some(form.back.as_str()).filter(|b| !b.is_empty()),
        &format!("{page}#evidence"),
    );
    let refuse = |message: String| {
        let back = back.clone();
        let quarter = form.quarter.clone();
        let auth = &auth;
        async move {
            let returned =
                Returned::<(String, String), ()>::invalid((message, quarter), Vec::new());
            let _ = auth.session.insert(&refused_key(item), returned).await;
            Redirect::to(&back).into_response()
        }
    };
    let Some(fq) = FiscalQuarter::parse(&form.quarter) else {
        return refuse("Choose the quarter whose update the file supports.".into()).await;
    };
    let Some(upload) = form.file else {
        return refuse("Choose a file to attach.".into()).await;
    };
    let name = app::model::evidence::clean_name(&upload.name);
    if form.too_large {
        return refuse(format!("\u{201c}{name}\u{201d} is larger than 10 MB.")).await;
    }
    let cal = match app::queries::status::calendar(&state.db).await {
        Ok(c) => c,
        Err(e) => return AppError::from(e).into_response(),
    };
    let today = (cal, state.clock.today());
    match attach_file(
        &state.db,
        &Actor::user(&user),
        (item, &key),
        fq,
        upload,
        today,
    )
    .await
    {
        Ok(_) => {
            let notice = format!("\u{201c}{name}\u{201d} attached as evidence for {fq}.");
            let _ = auth
                .session
                .insert(app::api::notice::NOTICE_KEY, notice)
                .await;
            Redirect::to(&back).into_response()
        }
        Err(Refused::Invalid(errors)) => {
            let message = errors
                .into_iter()
                .map(|(_, m)| m)
                .collect::<Vec<_>>()
                .join(" ");
            refuse(message).await
        }
        Err(Refused::Error(e)) => e.into_response(),
    }
}

/// `GET /evidence/{id}`: the file, always as a download (never shown in the page's
/// origin), with the type read from its content.
pub async fn download(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Path(id): Path<String>,
) -> Response {
    if let Err(refused) =
        authorize_route(&state, &mut auth, app::auth::UseCase::DownloadEvidence).await
    {
        return refused.into_response();
    }
    let Ok(id) = id.parse::<i64>() else {
        return AppError::NotFound("There is no such evidence file.".into()).into_response();
    };
    let f = match file(&state.db, id).await {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let ascii: String = f
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    // RFC 5987: everything but its attr-chars percent-encoded.
    const ATTR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'.')
        .remove(b'-')
        .remove(b'_')
        .remove(b'~');
    let encoded = percent_encoding::utf8_percent_encode(&f.filename, ATTR);
    (
        [
            (header::CONTENT_TYPE, f.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_string(),
            ),
        ],
        f.data,
    )
        .into_response()
}
