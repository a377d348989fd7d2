use super::*;
use Reading::{Lag, Missing, Value};

const COUNT: Rule = Rule {
    direction: Direction::Higher,
    kind: Kind::Quantitative,
    aggregation: Aggregation::Sum,
};
const LEVEL_DOWN: Rule = Rule {
    direction: Direction::Lower,
    kind: Kind::Quantitative,
    aggregation: Aggregation::Latest,
};
const MILESTONE: Rule = Rule {
    direction: Direction::Higher,
    kind: Kind::Milestone,
    aggregation: Aggregation::Latest,
};
const NO_IP: [Option<f64>; 4] = [None; 4];

#[test]
fn a_closed_year_is_met_or_not_met_by_the_sum_of_its_quarters() {
    let q = [Value(10.0), Value(10.0), Value(10.0), Value(10.0)];
    assert_eq!(assess(COUNT, Some(40.0), NO_IP, q, 4), TargetState::Met);
    assert_eq!(assess(COUNT, Some(41.0), NO_IP, q, 4), TargetState::NotMet);
}

#[test]
fn lower_is_better_judges_the_latest_level() {
    let q = [Value(30.0), Value(25.0), Value(22.0), Value(19.5)];
    assert_eq!(
        assess(LEVEL_DOWN, Some(20.0), NO_IP, q, 4),
        TargetState::Met
    );
    assert_eq!(
        assess(LEVEL_DOWN, Some(19.0), NO_IP, q, 4),
        TargetState::NotMet
    );
}

#[test]
fn a_data_lag_is_not_a_miss() {
    let q = [Value(10.0), Value(10.0), Value(10.0), Lag];
    assert_eq!(assess(COUNT, Some(40.0), NO_IP, q, 4), TargetState::DataLag);
    assert_eq!(
        assess(LEVEL_DOWN, Some(20.0), NO_IP, q, 4),
        TargetState::DataLag
    );
    let open = [Value(10.0), Lag, Missing, Missing];
    assert_eq!(
        assess(COUNT, Some(40.0), NO_IP, open, 2),
        TargetState::DataLag
    );
}

#[test]
fn a_missing_quarter_is_not_reported_rather_than_missed() {
    let q = [Value(10.0), Missing, Value(10.0), Value(10.0)];
    assert_eq!(
        assess(COUNT, Some(40.0), NO_IP, q, 4),
        TargetState::NotReported
    );
    let open = [Value(10.0), Missing, Missing, Missing];
    assert_eq!(
        assess(COUNT, Some(40.0), NO_IP, open, 2),
        TargetState::NotReported
    );
    assert_eq!(
        assess(COUNT, Some(40.0), NO_IP, [Missing; 4], 0),
        TargetState::NotReported
    );
}

#[test]
fn no_target_means_no_judgement() {
    assert_eq!(
        assess(COUNT, None, NO_IP, [Value(1.0); 4], 4),
        TargetState::NoTarget
    );
}

#[test]
fn an_open_year_compares_the_running_total_with_the_quarterly_targets() {
    let ip = [Some(5.0), Some(15.0), Some(10.0), Some(10.0)];
    let q = [Value(6.0), Value(12.0), Missing, Missing];
    // 18 so far against 20 planned through Q2.
    assert_eq!(assess(COUNT, Some(40.0), ip, q, 2), TargetState::Behind);
    let q = [Value(6.0), Value(14.0), Missing, Missing];
    assert_eq!(assess(COUNT, Some(40.0), ip, q, 2), TargetState::OnTrack);
}

#[test]
fn without_quarterly_targets_the_annual_target_is_spread_evenly() {
    let q = [Value(10.0), Missing, Missing, Missing];
    assert_eq!(assess(COUNT, Some(40.0), NO_IP, q, 1), TargetState::OnTrack);
    assert_eq!(assess(COUNT, Some(44.0), NO_IP, q, 1), TargetState::Behind);
    assert_eq!(to_date_target(COUNT, 40.0, NO_IP, 2), 30.0);
}

#[test]
fn an_early_actual_for_the_current_quarter_counts() {
    let q = [Value(12.0), Missing, Missing, Missing];
    assert_eq!(assess(COUNT, Some(40.0), NO_IP, q, 0), TargetState::OnTrack);
}

#[test]
fn a_milestone_is_met_when_done_and_behind_when_its_quarter_passed() {
    let ip = [None, Some(1.0), None, None];
    let not_done = [Value(0.0), Value(0.0), Missing, Missing];
    assert_eq!(
        assess(MILESTONE, Some(1.0), ip, not_done, 2),
        TargetState::Behind
    );
    assert_eq!(
        assess(MILESTONE, Some(1.0), ip, not_done, 1),
        TargetState::OnTrack
    );
    let done = [Value(0.0), Value(1.0), Missing, Missing];
    assert_eq!(assess(MILESTONE, Some(1.0), ip, done, 2), TargetState::Met);
    assert_eq!(
        assess(MILESTONE, Some(1.0), NO_IP, [Value(0.0); 4], 4),
        TargetState::NotMet
    );
    assert_eq!(
        assess(
            MILESTONE,
            Some(1.0),
            NO_IP,
            [Missing, Missing, Value(1.0), Missing],
            4
        ),
        TargetState::Met
    );
}

#[test]
fn year_actual_needs_every_quarter_of_a_sum() {
    assert_eq!(
        year_actual(COUNT, [Value(1.0), Value(2.0), Value(3.0), Value(4.0)]),
        Some(10.0)
    );
    assert_eq!(
        year_actual(COUNT, [Value(1.0), Missing, Value(3.0), Value(4.0)]),
        None
    );
    assert_eq!(
        year_actual(LEVEL_DOWN, [Missing, Missing, Missing, Value(4.0)]),
        Some(4.0)
    );
}

#[test]
fn a_quarter_is_judged_against_its_own_target() {
    assert_eq!(
        quarter_state(COUNT, Some(5.0), Value(5.0), true),
        TargetState::Met
    );
    assert_eq!(
        quarter_state(COUNT, Some(5.0), Value(4.0), true),
        TargetState::NotMet
    );
    assert_eq!(
        quarter_state(COUNT, Some(5.0), Value(4.0), false),
        TargetState::Behind
    );
    assert_eq!(
        quarter_state(COUNT, Some(5.0), Lag, true),
        TargetState::DataLag
    );
    assert_eq!(
        quarter_state(COUNT, Some(5.0), Missing, true),
        TargetState::NotReported
    );
    assert_eq!(
        quarter_state(COUNT, None, Value(4.0), true),
        TargetState::NoTarget
    );
}

#[test]
fn typed_actuals_are_read_generously_and_refused_clearly() {
    assert_eq!(
        parse_reading(Kind::Quantitative, " 1,250.5 "),
        Ok(Value(1250.5))
    );
    assert_eq!(parse_reading(Kind::Quantitative, "87%"), Ok(Value(87.0)));
    assert_eq!(parse_reading(Kind::Quantitative, "N/A"), Ok(Lag));
    assert_eq!(parse_reading(Kind::Milestone, "Done"), Ok(Value(1.0)));
    assert_eq!(parse_reading(Kind::Milestone, "not done"), Ok(Value(0.0)));
    assert!(parse_reading(Kind::Quantitative, "twelve")
        .unwrap_err()
        .contains("twelve"));
    assert!(parse_reading(Kind::Quantitative, "NaN").is_err());
    assert!(parse_reading(Kind::Quantitative, "").is_err());
    assert!(parse_reading(Kind::Milestone, "maybe").is_err());
}

#[test]
fn values_are_shown_with_their_unit() {
    assert_eq!(show_value(Kind::Quantitative, "cases", 42.0), "42 cases");
    assert_eq!(show_value(Kind::Quantitative, "%", 87.5), "87.5%");
    assert_eq!(show_value(Kind::Quantitative, "", 1.0 / 3.0), "0.33");
    assert_eq!(show_value(Kind::Milestone, "", 1.0), "Done");
}

fn good_measure() -> MeasureInput {
    MeasureInput {
        attach_to: "4.1.3".into(),
        name: "Cases resolved".into(),
        unit: "cases".into(),
        direction: "higher".into(),
        kind: "quantitative".into(),
        aggregation: "sum".into(),
        baseline_value: "120".into(),
        baseline_fy: "2025".into(),
        ..Default::default()
    }
}

#[test]
fn a_measure_form_is_checked_field_by_field() {
    let fields = validate_measure(&good_measure()).unwrap();
    assert_eq!(fields.baseline_value, Some(120.0));
    assert_eq!(fields.baseline_fy, Some(2025));
    let bad = MeasureInput {
        name: " ".into(),
        direction: "sideways".into(),
        baseline_value: "lots".into(),
        ..good_measure()
    };
    let errors = validate_measure(&bad).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["name", "direction", "baseline_value"]);
    let half = MeasureInput {
        baseline_fy: "".into(),
        ..good_measure()
    };
    assert_eq!(validate_measure(&half).unwrap_err()[0].0, "baseline_fy");
}

#[test]
fn a_percentage_is_never_added_up_over_the_quarters() {
    for unit in ["%", "percent of cases", "Per cent"] {
        let share = MeasureInput {
            unit: unit.into(),
            ..good_measure()
        };
        let errors = validate_measure(&share).unwrap_err();
        assert_eq!(errors[0].0, "aggregation", "{unit}");
        assert!(errors[0].1.contains("does not add up"), "{unit}");
        let level = MeasureInput {
            aggregation: "latest".into(),
            ..share
        };
        assert!(validate_measure(&level).is_ok(), "{unit}");
    }
    let unchosen = MeasureInput {
        aggregation: "".into(),
        ..good_measure()
    };
    assert_eq!(validate_measure(&unchosen).unwrap_err()[0].0, "aggregation");
    let milestone = MeasureInput {
        kind: "milestone".into(),
        baseline_value: "".into(),
        baseline_fy: "".into(),
        ..unchosen
    };
    let fields = validate_measure(&milestone).expect("a milestone needs no choice");
    assert_eq!(fields.rule.aggregation, Aggregation::Latest);
}

#[test]
fn a_shortfall_needs_a_reason_and_a_plan_or_why_it_is_infeasible() {
    let mut s = Shortfall {
        why: "Staff shortage".into(),
        ..Default::default()
    };
    assert_eq!(validate_shortfall(&s).unwrap_err()[0].0, "plan");
    s.plan = "Hire two analysts".into();
    assert_eq!(validate_shortfall(&s).unwrap_err()[0].0, "schedule");
    s.schedule = "By FY2028 Q2".into();
    assert!(validate_shortfall(&s).is_ok());
    let infeasible = Shortfall {
        why: "Law changed".into(),
        infeasible: "The program ended".into(),
        ..Default::default()
    };
    assert!(validate_shortfall(&infeasible).is_ok());
    let no_why = Shortfall {
        why: "".into(),
        ..infeasible
    };
    assert_eq!(validate_shortfall(&no_why).unwrap_err()[0].0, "why");
}

#[test]
fn an_actual_is_checked_the_same_whatever_the_door() {
    use crate::model::fiscal::FiscalQuarter;
    let now = FiscalQuarter {
        year: 2027,
        quarter: 1,
    };
    let q = |year, quarter| FiscalQuarter { year, quarter };
    let check = |quarter, actual, lag, note: &str| {
        check_actual(Kind::Quantitative, quarter, actual, lag, note, now)
    };
    assert_eq!(
        check("2027-Q1", "12", false, ""),
        Ok((q(2027, 1), Value(12.0)))
    );
    assert_eq!(check(" 2026-Q4 ", "", true, "late"), Ok((q(2026, 4), Lag)));
    let fields = |r: Result<_, Vec<(String, String)>>| -> Vec<String> {
        r.unwrap_err().into_iter().map(|(f, _)| f).collect()
    };
    assert_eq!(fields(check("2027-Q2", "12", false, "")), ["quarter"]);
    assert_eq!(fields(check("Q2", "12", false, "")), ["quarter"]);
    assert_eq!(fields(check("2027-Q1", "12", true, "")), ["actual"]);
    assert_eq!(fields(check("2027-Q1", "twelve", false, "")), ["actual"]);
    assert_eq!(fields(check("2027-Q1", "", false, "")), ["actual"]);
    let long = "x".repeat(NOTE_LIMIT + 1);
    assert_eq!(
        fields(check("2028-Q1", "x", false, &long)),
        ["quarter", "actual", "note"]
    );
    assert_eq!(
        check_actual(Kind::Milestone, "2027-Q1", "done", false, "", now),
        Ok((q(2027, 1), Value(1.0)))
    );
}

#[test]
fn target_periods_are_stored_as_0_for_annual_and_1_to_4_for_quarters() {
    for p in Period::ALL {
        assert_eq!(Period::from_code(p.code()), Some(p));
    }
    assert_eq!(Period::Annual.code(), 0);
    assert_eq!(Period::Quarter(3).code(), 3);
    assert_eq!(Period::from_code(5), None);
    assert_eq!(Period::from_code(-1), None);
    let mut t = Targets::default();
    t.0.insert((2027, Period::Annual), 400.0);
    t.0.insert((2027, Period::Quarter(2)), 100.0);
    assert_eq!(t.annual(2027), Some(400.0));
    assert_eq!(t.quarterly(2027), [None, Some(100.0), None, None]);
    assert_eq!(t.annual(2026), None);
}

#[test]
fn a_forms_quarter_versions_travel_and_come_back() {
    let encoded = encode_versions(&[("2027-Q1".into(), 3), ("2026-Q4".into(), 0)]);
    assert_eq!(encoded, "2027-Q1:3,2026-Q4:0");
    assert_eq!(version_in(&encoded, "2027-Q1"), 3);
    assert_eq!(version_in(&encoded, "2026-Q4"), 0);
    assert_eq!(version_in(&encoded, "2026-Q3"), 0);
    assert_eq!(version_in("", "2027-Q1"), 0);
}
