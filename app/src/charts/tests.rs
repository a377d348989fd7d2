use super::*;
use crate::model::chart::{Chart, ChartKind, Series};

/// Whether the SVG draws `t` as a text element of its own.
fn has_text(svg: &str, t: &str) -> bool {
    svg.contains(&format!(">\n{t}\n</text>"))
}

fn chart(kind: ChartKind, categories: usize, series: &[&str]) -> Chart {
    Chart {
        id: "test".into(),
        title: "Cases <resolved> & \"closed\"".into(),
        x_label: "Fiscal year".into(),
        y_label: "Cases (count)".into(),
        categories: (0..categories).map(|i| format!("C{i}")).collect(),
        series: series
            .iter()
            .enumerate()
            .map(|(s, name)| Series {
                name: name.to_string(),
                values: (0..categories).map(|i| Some((i + s + 1) as f64)).collect(),
                colour: s as u8,
            })
            .collect(),
        kind,
        marker: None,
        baseline: None,
    }
}

#[test]
fn a_chart_has_its_title_axis_labels_and_escaped_text() {
    let svg = svg(&chart(ChartKind::BarsWithTarget, 5, &["Actual", "Target"]));
    assert!(svg.starts_with("<svg"), "{}", &svg[..60]);
    assert!(svg.contains("Cases &lt;resolved&gt; &amp; &quot;closed&quot;"));
    assert!(!svg.contains("<resolved>"));
    assert!(svg.contains("Fiscal year"));
    assert!(svg.contains("Cases (count)"));
    for c in ["C0", "C4"] {
        assert!(has_text(&svg, c), "category {c} labelled");
    }
}

#[test]
fn every_series_is_in_the_legend() {
    for kind in [
        ChartKind::StackedBars,
        ChartKind::Lines,
        ChartKind::BarsWithTarget,
    ] {
        let svg = svg(&chart(kind, 4, &["Actual", "Target"]));
        assert!(has_text(&svg, "Actual"), "{kind:?}");
        assert!(has_text(&svg, "Target"), "{kind:?}");
    }
}

#[test]
fn stacked_bars_label_each_count() {
    let mut c = chart(ChartKind::StackedBars, 2, &["On track", "At risk"]);
    c.series[0].values = vec![Some(17.0), Some(3.0)];
    c.series[1].values = vec![Some(4.0), None];
    let svg = svg(&c);
    for count in ["17", "3", "4"] {
        assert!(has_text(&svg, count), "count {count} labelled");
    }
    assert!(svg.matches("<rect").count() >= 3);
}

#[test]
fn no_data_draws_a_clear_empty_state() {
    let mut c = chart(ChartKind::Lines, 0, &["Actual"]);
    c.categories.clear();
    let empty = svg(&c);
    assert!(empty.contains("No data yet"));
    let mut gaps = chart(ChartKind::BarsWithTarget, 3, &["Actual"]);
    gaps.series[0].values = vec![None; 3];
    assert!(svg(&gaps).contains("No data yet"));
}

#[test]
fn one_point_and_forty_quarters_both_draw() {
    let one = svg(&chart(ChartKind::Lines, 1, &["Percent complete"]));
    assert!(
        one.contains("<circle"),
        "a single point is visible as a marker"
    );
    let mut many = chart(ChartKind::Lines, 40, &["Goal 1", "Goal 2"]);
    many.marker = Some(39);
    let drawn = svg(&many);
    assert!(drawn.contains("Current quarter"));
    assert!(drawn.matches("<circle").count() >= 40);
    // At most ten category labels, so forty quarters stay legible.
    let labels = (0..40)
        .filter(|i| has_text(&drawn, &format!("C{i}")))
        .count();
    assert!((2..=10).contains(&labels), "{labels} labels");
}

#[test]
fn png_is_drawn_with_the_bundled_font() {
    let bytes = png(&chart(ChartKind::BarsWithTarget, 3, &["Actual", "Target"]));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 2_000);
}

#[test]
fn chart_ids_read_back_as_written_and_nothing_else_reads() {
    use crate::model::chart::ChartId;
    let ids = [
        ChartId::StatusByGoal,
        ChartId::PercentTrend,
        ChartId::AppScorecard,
        ChartId::MeasureApp(7),
        ChartId::MeasureIp(12),
        ChartId::HeatMap {
            goal: "4".into(),
            quarters: 8,
            page: 1,
        },
        ChartId::HeatMap {
            goal: "4".into(),
            quarters: 8,
            page: 3,
        },
    ];
    for id in ids {
        assert_eq!(ChartId::parse(&id.to_string()), Some(id.clone()), "{id}");
    }
    for bad in [
        "",
        "status",
        "measure-x-app",
        "measure-7-pie",
        "heatmap-goal--q8",
        "heatmap-goal-4-qx",
        "heatmap-goal-../x-q8",
    ] {
        assert_eq!(ChartId::parse(bad), None, "{bad}");
    }
}
