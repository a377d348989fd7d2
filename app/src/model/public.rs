//! The public performance page (`/public`): the plan's goals and objectives, the measures
//! an administrator marked public with their targets and results by fiscal year, and the
//! published Annual Performance Reports. Only what anyone may read: no owner names,
//! notes, evidence, draft targets, or results of a year still running.

use super::chart::DrawnChart;
use super::measure::{assess, show_value, Reading, Rule, TargetState};
use super::plan_year::AppStage;
use serde::{Deserialize, Serialize};

/// The setting that says when the public page was published (absent: it is not).
pub const PUBLISHED_AT_KEY: &str = "plantrack.public_page.published_at";

/// Fiscal years a measure's table shows: the five before the running one, and it.
pub const YEARS_SHOWN: i32 = 5;

/// The page as the public reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicPage {
    /// The plan's title and organisation.
    pub plan: String,
    pub organisation: String,
    /// When it was last updated, as people read it ("6 December 2026").
    pub updated: String,
    /// The fiscal year under way.
    pub current_year: i32,
    pub goals: Vec<PublicGoal>,
    /// Fiscal years whose Annual Performance Report is published, newest first.
    pub reports: Vec<i32>,
}

/// A goal with its objectives and the public measures attached to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicGoal {
    pub number: String,
    pub name: String,
    pub statement: String,
    pub objectives: Vec<PublicObjective>,
    /// Public measures attached to the goal itself, or to something under it.
    pub measures: Vec<PublicMeasure>,
}

/// An objective: its number and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicObjective {
    pub number: String,
    pub title: String,
}

/// A public measure: what it counts and each year's target and result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicMeasure {
    pub id: i64,
    pub name: String,
    /// "Objective 4.1" or "Goal 4": what it measures (never a strategy's owner).
    pub measures: String,
    /// "Higher is better" / "Lower is better".
    pub direction: String,
    pub years: Vec<PublicYear>,
    /// Targets against results, drawn (no downloads: the chart routes are not public).
    pub chart: Option<DrawnChart>,
}

/// One fiscal year of a public measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicYear {
    pub fiscal_year: i32,
    /// The target as people read it, or why there is none.
    pub target: String,
    /// The result as people read it, or why there is none.
    pub result: String,
    /// Met or not, once the year is over and its target approved.
    pub state: Option<TargetState>,
}

/// A measure as the administrator chooses it: id, name, what it is attached to, public.
pub type Choice = (i64, String, String, bool);

/// What the administrator's page shows: whether the page is published and every
/// measure with its public flag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicSettings {
    /// When it was published, as people read it; `None`: not published.
    pub published: Option<String>,
    /// (goal label, [(measure id, name, attached label, public)]) in plan order.
    pub measures: Vec<(String, Vec<Choice>)>,
    /// The public measures' ids as shown ("3,7"): sent back with the form.
    pub shown: String,
    /// A refused choice: the ids picked, and why.
    pub returned: Option<super::form::Returned<Vec<i64>>>,
}

/// How a year's APP stands for the public: its targets are shown once it is approved,
/// and not while a revision is being drafted.
pub fn target_shown(
    stage: Option<AppStage>,
    target: Option<f64>,
) -> Result<Option<f64>, &'static str> {
    match stage {
        Some(AppStage::Approved | AppStage::Revised) => Ok(target),
        Some(AppStage::Revising) => Err("Under revision"),
        Some(AppStage::Draft) | None => Err("Not yet set"),
    }
}

/// One year's row: `current` is the fiscal year under way (its result is not shown
/// until it ends); `quarters` are its recorded readings.
pub fn year_row(
    (rule, unit): (Rule, &str),
    fy: i32,
    current: i32,
    stage: Option<AppStage>,
    (target, quarters): (Option<f64>, [Reading; 4]),
) -> PublicYear {
    let shown = target_shown(stage, target);
    let target_text = match shown {
        Ok(Some(t)) => show_value(rule.kind, unit, t),
        Ok(None) => "No target".to_string(),
        Err(why) => why.to_string(),
    };
    if fy >= current {
        return PublicYear {
            fiscal_year: fy,
            target: target_text,
            result: "Year in progress".into(),
            state: None,
        };
    }
    let actual = super::measure::year_actual(rule, quarters);
    let result = match actual {
        Some(v) => show_value(rule.kind, unit, v),
        None if quarters.contains(&Reading::Lag) => "Data not yet available".into(),
        None => "Not reported".into(),
    };
    let state = match shown {
        Ok(Some(t)) => Some(assess(rule, Some(t), [None; 4], quarters, 4)),
        _ => None,
    };
    PublicYear {
        fiscal_year: fy,
        target: target_text,
        result,
        state,
    }
}

/// The years a measure's table shows when `current` is under way, oldest first.
pub fn years(current: i32) -> std::ops::RangeInclusive<i32> {
    current - YEARS_SHOWN..=current
}

#[cfg(feature = "ssr")]
/// `/robots.txt`: crawlers may read the public page and the published reports once the
/// page is published, and nothing else; before that, nothing at all. `site` is the
/// site's address without a trailing slash.
pub fn robots(published: bool, site: &str) -> String {
    if !published {
        return "User-agent: *\nDisallow: /\n".into();
    }
    format!(
        "User-agent: *\nAllow: /public\nAllow: /reports/*/public\nAllow: /pkg/\nAllow: /vendor/\nDisallow: /\n\nSitemap: {site}/sitemap.xml\n"
    )
}

#[cfg(feature = "ssr")]
/// `/sitemap.xml` of the public pages: the public page and each published report.
pub fn sitemap(site: &str, reports: &[i32]) -> String {
    let mut paths = vec!["/public".to_string()];
    paths.extend(reports.iter().map(|y| format!("/reports/{y}/public")));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let loc = quick_xml::escape::escape(format!("{site}{p}")).to_string();
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measure::{Aggregation, Direction, Kind};

    fn rule() -> Rule {
        Rule {
            direction: Direction::Higher,
            kind: Kind::Quantitative,
            aggregation: Aggregation::Sum,
        }
    }

    fn four(v: f64) -> [Reading; 4] {
        [Reading::Value(v); 4]
    }

    #[test]
    fn a_year_over_shows_its_result_against_an_approved_target() {
        let met = year_row(
            (rule(), ""),
            2025,
            2027,
            Some(AppStage::Approved),
            (Some(40.0), four(10.0)),
        );
        assert_eq!(met.result, "40");
        assert_eq!(met.state, Some(TargetState::Met));
        let missed = year_row(
            (rule(), ""),
            2025,
            2027,
            Some(AppStage::Revised),
            (Some(50.0), four(10.0)),
        );
        assert_eq!(missed.state, Some(TargetState::NotMet));
    }

    #[test]
    fn a_draft_or_revising_target_is_never_shown() {
        let draft = year_row(
            (rule(), ""),
            2025,
            2027,
            Some(AppStage::Draft),
            (Some(40.0), four(10.0)),
        );
        assert_eq!(draft.target, "Not yet set");
        assert_eq!(draft.state, None);
        let revising = year_row(
            (rule(), ""),
            2025,
            2027,
            Some(AppStage::Revising),
            (Some(40.0), four(10.0)),
        );
        assert_eq!(revising.target, "Under revision");
        assert_eq!(revising.result, "40");
        assert_eq!(revising.state, None);
    }

    #[test]
    fn the_running_year_shows_its_target_but_not_its_results_so_far() {
        let now = year_row(
            (rule(), ""),
            2027,
            2027,
            Some(AppStage::Approved),
            (Some(40.0), four(10.0)),
        );
        assert_eq!(now.target, "40");
        assert_eq!(now.result, "Year in progress");
        assert_eq!(now.state, None);
    }

    #[test]
    fn a_year_without_readings_says_why() {
        let none = [Reading::Missing; 4];
        let lag = [
            Reading::Value(1.0),
            Reading::Value(1.0),
            Reading::Value(1.0),
            Reading::Lag,
        ];
        assert_eq!(
            year_row((rule(), ""), 2025, 2027, None, (None, none)).result,
            "Not reported"
        );
        assert_eq!(
            year_row((rule(), ""), 2025, 2027, None, (None, lag)).result,
            "Data not yet available"
        );
        assert_eq!(
            years(2027).collect::<Vec<_>>(),
            vec![2022, 2023, 2024, 2025, 2026, 2027]
        );
    }

    #[test]
    fn robots_keep_crawlers_to_the_public_pages_and_only_once_published() {
        assert_eq!(
            robots(false, "https://x.gov"),
            "User-agent: *\nDisallow: /\n"
        );
        let open = robots(true, "https://x.gov");
        assert!(open.contains("Allow: /public\n") && open.contains("Disallow: /\n"));
        assert!(open.contains("Sitemap: https://x.gov/sitemap.xml"));
        let map = sitemap("https://x.gov", &[2026]);
        assert!(map.contains("<loc>https://x.gov/public</loc>"));
        assert!(map.contains("<loc>https://x.gov/reports/2026/public</loc>"));
        assert!(sitemap("https://x.gov?a=<b>&c", &[]).contains("&lt;b&gt;&amp;c"));
    }
}
