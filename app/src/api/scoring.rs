//! How measures are scored and forecast: a measure's thresholds and profile, and the
//! plan-wide default thresholds, each with a preview before saving.

use crate::model::view::ScoringForm;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::form::{send_back, take_returned},
    auth::{policy, Owned},
    model::form::Returned,
    model::scoring::ScoringInput,
    queries::audit::Actor,
    queries::status::calendar,
    services::outcome::Outcome,
    services::scoring as service,
    state::db,
};

/// The session key of a returned scoring form (`id` 0: the plan's default).
#[cfg(feature = "ssr")]
fn form_key(id: i64) -> String {
    format!("plantrack.form.scoring.{id}")
}

/// What was typed, from the form's fields (band rows come as parallel lists).
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
fn typed(
    version: String,
    mode: String,
    names: Option<Vec<String>>,
    froms: Option<Vec<String>>,
    marks: Option<Vec<String>>,
    low: String,
    high: String,
    profile: String,
) -> ScoringInput {
    let (names, froms, marks) = (
        names.unwrap_or_default(),
        froms.unwrap_or_default(),
        marks.unwrap_or_default(),
    );
    let rows = names.len().max(froms.len()).max(marks.len());
    let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    ScoringInput {
        version,
        mode,
        bands: (0..rows.min(crate::model::bands::MAX_BANDS * 2))
            .map(|i| (at(&names, i), at(&froms, i), at(&marks, i)))
            .collect(),
        low,
        high,
        profile,
    }
}

/// The door's answer: a preview goes back to the form unsaved; a save's outcome becomes
/// a notice and the measure's page, or the form again with the problem.
#[cfg(feature = "ssr")]
async fn answer(
    id: i64,
    (url, back): (&str, &str),
    input: ScoringInput,
    outcome: Option<Outcome<()>>,
    current_version: impl std::future::Future<Output = Result<String, AppError>>,
) -> Result<(), AppError> {
    let (errors, error) = match outcome {
        None => {
            // A preview: what was typed comes back, nothing saved.
            if let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await {
                let returned = Returned::<ScoringInput, ()>::invalid(input, Vec::new());
                let _ = auth.session.insert(&form_key(id), returned).await;
            }
            crate::api::form::redirect(&format!("{url}#preview"));
            return Ok(());
        }
        Some(Outcome::Saved(())) => {
            crate::api::notice::set_notice("Thresholds saved.").await;
            crate::api::form::redirect(back);
            return Ok(());
        }
        Some(Outcome::Invalid(errors)) => {
            let message = crate::model::form::message(&errors);
            (errors, AppError::Invalid(message))
        }
        Some(Outcome::Conflict { theirs, .. }) | Some(Outcome::Locked(theirs)) => (
            vec![("version".to_string(), theirs.clone())],
            AppError::Conflict(theirs),
        ),
    };
    // A conflict keeps what was typed at their version: saving again replaces theirs.
    let input = match error {
        AppError::Conflict(_) => ScoringInput {
            version: current_version.await?,
            ..input
        },
        _ => input,
    };
    let returned = Returned::<ScoringInput, ()>::invalid(input, errors);
    send_back(&form_key(id), url, returned, error).await
}

/// A measure's thresholds and profile form, with what was typed if it came back.
#[server(input = GetUrl)]
pub async fn get_scoring_form(id: i64) -> Result<ScoringForm, AppError> {
    let user = policy::authorize_user(crate::auth::UseCase::GetScoringForm).await?;
    let db = db()?;
    crate::queries::measure::measure_or_404(&db, id).await?;
    policy::require(&db, &user, Owned::Measure(id)).await?;
    let typed = take_returned::<ScoringInput, ()>(&form_key(id))
        .await
        .map(|r| (r.input, r.errors));
    let when = (calendar(&db).await?, crate::state::clock().today());
    service::measure_form(&db, id, typed, when).await
}

/// Previews (`intent` "preview") or saves a measure's thresholds and profile.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_scoring(
    id: i64,
    #[server(default)] version: String,
    #[server(default)] mode: String,
    #[server(default)] band_name: Option<Vec<String>>,
    #[server(default)] band_from: Option<Vec<String>>,
    #[server(default)] band_mark: Option<Vec<String>>,
    #[server(default)] low: String,
    #[server(default)] high: String,
    #[server(default)] profile: String,
    #[server(default)] intent: String,
) -> Result<(), AppError> {
    let user = policy::authorize_user(crate::auth::UseCase::SaveScoring).await?;
    let db = db()?;
    crate::queries::measure::measure_or_404(&db, id).await?;
    policy::require(&db, &user, Owned::Measure(id)).await?;
    let input = typed(
        version, mode, band_name, band_from, band_mark, low, high, profile,
    );
    let outcome = match intent.as_str() {
        "preview" => None,
        _ => Some(service::save_measure_scoring(&db, &Actor::user(&user), id, &input).await?),
    };
    let url = format!("/measures/{id}/thresholds");
    let back = format!("/measures/{id}#outlook-heading");
    let current = async {
        let m = crate::queries::measure::measure_or_404(&db, id).await?;
        Ok(m.version.to_string())
    };
    answer(id, (&url, &back), input, outcome, current).await
}

/// The plan-wide default thresholds' form.
#[server(input = GetUrl)]
pub async fn get_default_thresholds() -> Result<ScoringForm, AppError> {
    policy::authorize_user(crate::auth::UseCase::GetDefaultThresholds).await?;
    let typed = take_returned::<ScoringInput, ()>(&form_key(0))
        .await
        .map(|r| (r.input, r.errors));
    service::default_form(&db()?, typed).await
}

/// Previews (`intent` "preview") or saves the plan-wide default thresholds.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_default_thresholds(
    #[server(default)] version: String,
    #[server(default)] mode: String,
    #[server(default)] band_name: Option<Vec<String>>,
    #[server(default)] band_from: Option<Vec<String>>,
    #[server(default)] band_mark: Option<Vec<String>>,
    #[server(default)] low: String,
    #[server(default)] high: String,
    #[server(default)] intent: String,
) -> Result<(), AppError> {
    let user = policy::authorize_user(crate::auth::UseCase::SaveDefaultThresholds).await?;
    let db = db()?;
    let input = typed(
        version,
        mode,
        band_name,
        band_from,
        band_mark,
        low,
        high,
        String::new(),
    );
    let outcome = match intent.as_str() {
        "preview" => None,
        _ => Some(service::save_default_thresholds(&db, &Actor::user(&user), &input).await?),
    };
    let current = async {
        let t = crate::queries::settings::default_thresholds(&db).await?;
        Ok(service::default_version(&t))
    };
    answer(
        0,
        ("/admin/thresholds", "/admin/thresholds"),
        input,
        outcome,
        current,
    )
    .await
}
