use super::*;
use crate::model::chart::{Chart, ChartKind, Series};

/// Whether the SVG draws `t` as a text element of its own.
fn has_text(svg: &str, t: &str) -> bool {
    svg.contains(&format!(">\n{t}\n</text>"))
}

fn chart(kind: ChartKind, categories: usize, series: &[&str]) -> Chart {
    Chart {
        forecast: None,
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
        period: "FY2020 to FY2022".into(),
        note: String::new(),
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
    // Only the labels that fit without overlapping, so forty quarters stay legible.
    let labels = (0..40)
        .filter(|i| has_text(&drawn, &format!("C{i}")))
        .count();
    assert!((2..=20).contains(&labels), "{labels} labels");
}

#[test]
fn png_is_drawn_with_the_bundled_font_at_twice_the_size_for_slides() {
    let c = chart(ChartKind::BarsWithTarget, 3, &["Actual", "Target"]);
    let bytes = png(&c);
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 2_000);
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    let (w, h) = size_of(&c, Frame::WIDE);
    assert_eq!((width, height), (2 * w, 2 * h));
}

#[test]
fn the_png_is_the_svg_rasterised_pixel_for_pixel_with_its_text_drawn() {
    let c = chart(ChartKind::Lines, 4, &["Actual", "Target"]);
    let decode = |bytes: &[u8]| resvg::tiny_skia::Pixmap::decode_png(bytes).expect("a PNG");
    let download = decode(&png(&c));
    let svg_drawn = decode(&rasterise(&svg(&c), 2.0).expect("the SVG reads"));
    assert_eq!(download.width(), svg_drawn.width());
    assert_eq!(download.data(), svg_drawn.data(), "every pixel equal");
    // The title's text is drawn: dark pixels in its band (the first 40 px at 2×).
    let width = download.width() as usize;
    let dark = download.data()[..width * 4 * 40]
        .chunks(4)
        .filter(|p| p[0] < 80 && p[1] < 80 && p[2] < 80)
        .count();
    assert!(dark > 500, "{dark} dark pixels in the title band");
}

#[test]
fn pointing_at_a_point_bar_or_cell_shows_its_value() {
    let lines = svg(&chart(ChartKind::Lines, 3, &["Actual", "Target"]));
    assert!(
        lines.contains("<title>Actual, C2: 3</title>"),
        "a line's point"
    );
    let bars = svg(&chart(ChartKind::BarsWithTarget, 3, &["Actual", "Target"]));
    assert!(bars.contains("<title>Actual, C0: 1</title>"), "a bar");
    assert!(
        bars.contains("<title>Target, C1: 3</title>"),
        "a target marker"
    );
    let stacked = svg(&chart(ChartKind::StackedBars, 2, &["On track", "At risk"]));
    assert!(
        stacked.contains("<title>C1: At risk 3</title>"),
        "a segment"
    );
    // The boxes are invisible: the PNG is unchanged by them.
    assert!(lines.contains("fill-opacity=\"0\""));
}

#[test]
fn every_line_ends_with_its_value_and_many_lines_say_whose_it_is_without_overlap() {
    let two = chart(ChartKind::Lines, 4, &["Actual", "Target"]);
    let drawn = svg(&two);
    // Values run 1..4 and 2..5: the last of each is written at the line's end.
    assert!(has_text(&drawn, "4") && has_text(&drawn, "5"), "end values");
    let names: Vec<String> = (1..=8)
        .map(|g| format!("Goal {g}: A long goal name"))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut many = chart(ChartKind::Lines, 6, &refs);
    for s in &mut many.series {
        // Eight lines ending on nearly the same value (the band the sample showed).
        s.values = vec![Some(40.0); 6];
    }
    let drawn = svg(&many);
    let mut ys = Vec::new();
    for g in 1..=8 {
        let label = format!("Goal {g} 40");
        assert!(has_text(&drawn, &label), "{label}");
        let at = drawn.find(&format!(">\n{label}\n<")).unwrap();
        let open = drawn[..at].rfind("<text").unwrap();
        let y: f64 = drawn[open..at]
            .split("y=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .expect("a y");
        ys.push(y);
    }
    ys.sort_by(f64::total_cmp);
    assert!(
        ys.windows(2).all(|w| w[1] - w[0] >= 15.0),
        "labels apart: {ys:?}"
    );
    assert!(
        drawn.contains("stroke-dasharray") || drawn.matches("<polyline").count() > 8,
        "past four series some lines are dashed"
    );
}

/// Every `font-size` an SVG sets.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn no_text_is_smaller_than_twelve_pixels_in_either_layout() {
    for kind in [
        ChartKind::StackedBars,
        ChartKind::Lines,
        ChartKind::BarsWithTarget,
        ChartKind::HeatMap,
    ] {
        let c = chart(kind, 6, &["Actual", "Target"]);
        let mut drawn = vec![svg(&c)];
        drawn.extend(svg_narrow(&c));
        for svg in drawn {
            let sizes = font_sizes(&svg);
            assert!(!sizes.is_empty(), "{kind:?}");
            assert!(sizes.iter().all(|s| *s >= 12.0), "{kind:?}: {sizes:?}");
        }
    }
}

#[test]
fn a_phone_gets_its_own_narrow_layout_and_a_heat_map_keeps_its_size() {
    let c = chart(ChartKind::StackedBars, 3, &["On track", "No update"]);
    let narrow = svg_narrow(&c).expect("bars have a phone layout");
    assert!(
        narrow.starts_with("<svg width=\"340\""),
        "{}",
        &narrow[..60]
    );
    assert!(svg(&c).starts_with("<svg width=\"760\""));
    let heat = chart(ChartKind::HeatMap, 3, &["FY2027 Q1"]);
    assert_eq!(svg_narrow(&heat), None);
}

#[test]
fn a_count_axis_has_whole_numbers_only() {
    let mut c = chart(ChartKind::StackedBars, 2, &["On track", "At risk"]);
    c.series[0].values = vec![Some(1.0), None];
    c.series[1].values = vec![Some(1.0), Some(3.0)];
    let drawn = svg(&c);
    for tick in ["0", "1", "2", "3"] {
        assert!(has_text(&drawn, tick), "tick {tick}");
    }
    for fraction in ["0.5", "1.5", "2.0", "0.0"] {
        assert!(!has_text(&drawn, fraction), "no tick {fraction}");
    }
}

#[test]
fn the_svg_has_a_title_and_a_description() {
    let c = chart(ChartKind::Lines, 3, &["Goal 1"]);
    let drawn = svg(&c);
    let head = &drawn[..drawn.find("</desc>").expect("a desc")];
    assert!(head.contains("<title>Cases &lt;resolved&gt;"), "{head}");
    assert!(head.contains("<desc>Cases &lt;resolved&gt;"), "{head}");
}

#[test]
fn quarters_read_as_on_the_pages_with_the_year_under_its_first_quarter() {
    let mut c = chart(ChartKind::Lines, 6, &["Goal 1"]);
    c.categories = [
        "FY2026 Q3",
        "FY2026 Q4",
        "FY2027 Q1",
        "FY2027 Q2",
        "FY2027 Q3",
        "FY2027 Q4",
    ]
    .map(String::from)
    .to_vec();
    c.marker = Some(5);
    let drawn = svg(&c);
    for label in ["Q1", "Q3", "Q4", "FY2026", "FY2027", "Current quarter"] {
        assert!(has_text(&drawn, label), "{label}");
    }
    assert_eq!(drawn.matches(">\nFY2027\n<").count(), 1, "the year once");
}

#[test]
fn no_update_is_light_in_a_heat_map_and_stacked_bars() {
    let mut c = chart(ChartKind::HeatMap, 2, &["FY2027 Q1"]);
    c.series[0].values = vec![None, Some(1.0)];
    let light = format!("{:?}", colour(colours::LIGHT as usize));
    let (fill, ink) = status_fill(None);
    assert_eq!(format!("{fill:?}"), light);
    assert_eq!(ink, BLACK, "dark text on the light cell");
    assert!(has_text(&svg(&c), "No update"), "in the legend");
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
        ChartId::StatusOf("4".into()),
        ChartId::StatusOf("4.1".into()),
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
        ChartId::Roadmap {
            first: 2027,
            page: 1,
        },
        ChartId::Roadmap {
            first: 2027,
            page: 2,
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
        "roadmap-fy",
        "roadmap-fy1066",
        "roadmap-fy2027-p1",
        "heatmap-goal-4-qx",
        "heatmap-goal-../x-q8",
        "status-of-",
        "status-of-4..1",
        "status-of-4.1.3",
        "status-of-x",
    ] {
        assert_eq!(ChartId::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_long_legend_makes_the_chart_taller_instead_of_spilling_out() {
    let names: Vec<String> = (1..=10)
        .map(|g| format!("Goal {g}: Provide timely and accurate services to the public"))
        .collect();
    let many = chart(
        ChartKind::Lines,
        8,
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let few = chart(ChartKind::Lines, 8, &["Goal 1", "Goal 2"]);
    let (_, tall) = size_of(&many, Frame::WIDE);
    let (_, short) = size_of(&few, Frame::WIDE);
    assert!(tall > short + 100, "{tall} vs {short}");
    // Every legend line is drawn inside the drawing.
    let drawn = svg(&many);
    let ys: Vec<f64> = drawn
        .split("<text ")
        .skip(1)
        .filter_map(|t| t.split("y=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    assert!(ys.iter().all(|y| *y < tall as f64), "{ys:?} in {tall}");
}

#[test]
fn a_roadmap_marks_each_quarter_worked_on_and_the_quarter_a_milestone_is_due() {
    use crate::model::business_plan::{Entry, PlanStrategy};
    let entry = |fy, active, milestones: Vec<(u8, String)>| Entry {
        fiscal_year: fy,
        active,
        milestones,
        cents: None,
        fte: None,
        needs: Default::default(),
        lead_office: String::new(),
        contributing: String::new(),
    };
    let s = PlanStrategy {
        number: "4.1.3".into(),
        objective: "4.1".into(),
        years: vec![
            Some(entry(2027, true, vec![(2, "Pilot".into())])),
            Some(entry(2028, false, Vec::new())),
            None,
            None,
            None,
        ],
    };
    let paging = crate::model::paging::Paging::of(1, 50, None);
    let c = super::build::roadmap(2027, &[s], paging);
    assert_eq!(c.series.len(), 20, "five years of quarters");
    assert_eq!(c.series[0].name, "FY2027 Q1");
    let codes: Vec<Option<f64>> = c.series.iter().take(9).map(|s| s.values[0]).collect();
    assert_eq!(
        codes,
        [
            Some(1.0),
            Some(2.0),
            Some(1.0),
            Some(1.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
            None
        ]
    );
    let table = c.table();
    assert_eq!(table[0].1[1], "Worked on, a milestone due");
    assert_eq!(table[0].1[8], "— Not planned");
    let svg = super::svg(&c);
    assert!(
        svg.contains("FY2027 Q2: Worked on, a milestone due"),
        "each cell says itself"
    );
    assert!(c
        .alt()
        .contains("a triangle in the quarter a milestone is due"));
    assert!(super::svg_narrow(&c).is_none(), "it scrolls on a phone");
}
