use super::*;

const EXCERPT: &str = include_str!("../../plans/dro-strategic-plan-excerpt.txt");

fn goal<'a>(o: &'a Outline, n: &str) -> &'a OutlineGoal {
    o.goals
        .iter()
        .find(|g| g.number == n)
        .expect("goal present")
}

fn strategy<'a>(o: &'a Outline, n: &str) -> &'a OutlineStrategy {
    o.goals
        .iter()
        .flat_map(|g| &g.objectives)
        .flat_map(|ob| &ob.strategies)
        .find(|s| s.number == n)
        .expect("strategy present")
}

#[test]
fn excerpt_goals_objectives_and_strategies() {
    let o = parse_outline(EXCERPT).expect("excerpt parses");
    let numbers: Vec<_> = o.goals.iter().map(|g| g.number.as_str()).collect();
    assert_eq!(numbers, ["3", "4", "5"]);
    assert_eq!(o.counts(), (3, 10, 30));
    let g3 = goal(&o, "3");
    assert_eq!((g3.name.as_ref(), g3.statement.as_ref()), (None, None));
    let o31 = &g3.objectives[0];
    assert_eq!((o31.number.as_str(), o31.title.as_ref()), ("3.1", None));
    assert_eq!(o31.strategies[0].number, "3.1.3");
    assert_eq!(
        g3.objectives[1].title.as_deref(),
        Some("Enhance partnerships with EOIR and DOJ Counsel.")
    );
    let g4 = goal(&o, "4");
    assert_eq!(g4.name.as_deref(), Some("Information Technology"));
    assert!(g4
        .statement
        .as_deref()
        .unwrap()
        .starts_with("Develop and implement a comprehensive integrated"));
    let objective_numbers: Vec<_> = g4.objectives.iter().map(|o| o.number.as_str()).collect();
    assert_eq!(objective_numbers, ["4.1", "4.2", "4.3", "4.4"]);
    assert!(g4.objectives[3]
        .title
        .as_deref()
        .unwrap()
        .starts_with("Maximize the capability"));
    assert_eq!(
        goal(&o, "5").name.as_deref(),
        Some("Human Capital Management")
    );
    assert_eq!(goal(&o, "5").objectives.len(), 4);
}

#[test]
fn excerpt_keeps_the_documents_words_verbatim() {
    let o = parse_outline(EXCERPT).unwrap();
    assert_eq!(
        strategy(&o, "4.1.4").text,
        "Deploy a standard suite of automated tools allowing access t appropriate databases \
         (i.e., NCIC, TECS, Choice Point, AutoTrack)."
    );
    assert!(strategy(&o, "4.3.2")
        .text
        .contains("\"detention management system\""));
}

#[test]
fn excerpt_narrative_sections_and_placeholders_warned() {
    let o = parse_outline(EXCERPT).unwrap();
    assert_eq!(o.title.as_deref(), Some("Chapter 4 continued page 3"));
    let headings: Vec<_> = o.narrative.iter().map(|n| n.heading.as_deref()).collect();
    assert_eq!(
        headings,
        [None, Some("Plan Maintenance"), Some("Planning Cycle")]
    );
    assert!(o.narrative[0]
        .text
        .starts_with("This plan is effective upon receipt."));
    assert!(o.narrative[1]
        .text
        .contains("no less than quarterly, t conduct"));
    let cycle = &o.narrative[2].text;
    assert!(cycle.contains("\n\n"), "two paragraphs kept apart");
    assert!(cycle.ends_with("to ensure proper execution of this plan."));
    assert_eq!(o.warnings.len(), 2, "{:?}", o.warnings);
    assert!(o.warnings.iter().all(|w| w.line == 5));
}

#[test]
fn common_variants_title_prose_dashes_and_wrapping() {
    let text = "Agency Strategic Plan FY2027–2031\n\
        \n\
        This plan sets direction.\n\
        It replaces the old one.\n\
        \n\
        Goal 1: Serve the public well.\n\
        \n\
          Objective 1.1 - Answer every call\n\
            Strategy 1.1.1 - Staff the phone lines\n\
            during peak hours.\n\
            Strategy 1.1.2 – Publish wait times\n\
        Objective 1.2 — Keep records\n\
        Strategy 1.2.1 — Digitise the archive\n\
        \n\
        Strategic Goal Two - Workforce: Hire and keep\n\
        good people.\n\
        Objective 2.1: Recruit\n\
        Strategy 2.1.1: Go to job fairs\n";
    let o = parse_outline(text).unwrap();
    assert_eq!(
        o.title.as_deref(),
        Some("Agency Strategic Plan FY2027–2031")
    );
    assert_eq!(o.narrative.len(), 1);
    assert_eq!(
        o.narrative[0].text,
        "This plan sets direction. It replaces the old one."
    );
    assert_eq!(o.counts(), (2, 3, 4));
    assert_eq!(
        strategy(&o, "1.1.1").text,
        "Staff the phone lines during peak hours."
    );
    assert_eq!(strategy(&o, "1.1.2").text, "Publish wait times");
    let g2 = goal(&o, "2");
    assert_eq!(g2.name.as_deref(), Some("Workforce"));
    assert_eq!(g2.statement.as_deref(), Some("Hire and keep good people."));
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
}

#[test]
fn windows_line_endings_and_relative_objectives() {
    let text = "Goal 1: A\r\nObjective One: First\r\n1.1.1: Do it\r\nObjective Two: Second\r\n1.2.1: Do more\r\n";
    let o = parse_outline(text).unwrap();
    let numbers: Vec<_> = o.goals[0]
        .objectives
        .iter()
        .map(|o| o.number.as_str())
        .collect();
    assert_eq!(numbers, ["1.1", "1.2"]);
    assert_eq!(strategy(&o, "1.2.1").text, "Do more");
}

#[test]
fn strategy_under_wrong_goal_is_an_error_naming_the_line() {
    let text = "Goal 4: IT\n4.1 Objective One: Data\n4.1.1: A\nGoal 5: People\n(5.1) Objective One: Staff\n4.2.1: Misplaced\n";
    let e = parse_outline(text).unwrap_err();
    assert_eq!(e.line, 6);
    assert!(e.message.contains("4.2.1"), "{e}");
    assert!(e.message.contains("goal 5"), "{e}");
}

#[test]
fn duplicate_numbers_are_errors() {
    let dup_strategy = "Goal 1: A\nObjective 1.1: B\n1.1.1: C\n1.1.1: D\n";
    assert_eq!(parse_outline(dup_strategy).unwrap_err().line, 4);
    let dup_goal = "Goal 1: A\nGoal 2: B\nGoal 1: C\n";
    let e = parse_outline(dup_goal).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("goal 1 appears twice"));
    let dup_objective = "Goal 1: A\nObjective 1.1: B\nObjective 1.1: C\n";
    assert_eq!(parse_outline(dup_objective).unwrap_err().line, 3);
}

#[test]
fn objective_of_an_earlier_goal_is_an_error() {
    let text = "Goal 1: A\nGoal 2: B\nObjective 1.3: late\n";
    assert_eq!(parse_outline(text).unwrap_err().line, 3);
}

#[test]
fn stray_text_between_items_is_a_warning_not_dropped() {
    let text = "Goal 1: A\nObjective 1.1: B\n\nChapter 4 continued page 4\n\n1.1.1: C\n";
    let o = parse_outline(text).unwrap();
    assert_eq!(o.warnings.len(), 1);
    assert_eq!(o.warnings[0].line, 4);
    assert!(o.warnings[0].message.contains("Chapter 4 continued page 4"));
    assert_eq!(o.counts(), (1, 1, 1));
}

#[test]
fn text_without_headings_is_all_narrative() {
    let o = parse_outline("My Plan\n\nJust words here.\n").unwrap();
    assert_eq!(o.title.as_deref(), Some("My Plan"));
    assert!(o.goals.is_empty());
    assert_eq!(o.narrative[0].text, "Just words here.");
}

#[test]
fn skipped_heading_gets_a_placeholder_with_a_warning() {
    let text = "Goal 1: A\nObjective 1.1: B\n1.1.1: C\n1.2.1: D\n";
    let o = parse_outline(text).unwrap();
    assert_eq!(o.goals[0].objectives[1].number, "1.2");
    assert_eq!(o.goals[0].objectives[1].title, None);
    assert_eq!(o.warnings.len(), 1);
    assert_eq!(o.warnings[0].line, 4);
}

#[test]
fn a_plan_past_the_size_bound_is_refused_naming_the_line() {
    let mut text = String::from("Goal 1: One: Statement.\nObjective 1.1: Title\n");
    for i in 1..=MAX_HEADINGS {
        text.push_str(&format!("1.1.{i}: Strategy {i}\n"));
    }
    let e = parse_outline(&text).expect_err("too many headings");
    assert_eq!(e.line, MAX_HEADINGS + 1);
    assert!(e.message.contains("at most"), "{}", e.message);
}

#[test]
fn the_largest_plan_allowed_parses_with_every_duplicate_still_found() {
    let mut text = String::from("Goal 1: One: Statement.\nObjective 1.1: Title\n");
    for i in 1..MAX_HEADINGS - 2 {
        text.push_str(&format!("1.1.{i}: Strategy {i}\n"));
    }
    let o = parse_outline(&text).expect("parses");
    assert_eq!(o.counts(), (1, 1, MAX_HEADINGS - 3));
    text.push_str("1.1.7: Again\n");
    let e = parse_outline(&text).expect_err("duplicate");
    assert!(
        e.message.contains("strategy 1.1.7 appears twice"),
        "{}",
        e.message
    );
}
