//! The StratML document as XML, element order as the schema requires.

use super::{decimal, identifier, Document, Goal, Indicator, Item, Measured, Outcome, NAMESPACE};
use crate::model::measure::Kind;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// Writes `doc` as a `PerformancePlanOrReport` document of type `Performance_Plan`, or
/// `Performance_Report` when it is the year's report.
pub fn write(doc: &Document) -> String {
    let mut x = Out(Writer::new_with_indent(Vec::new(), b' ', 2));
    x.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let kind = if doc.report {
        "Performance_Report"
    } else {
        "Performance_Plan"
    };
    x.open(
        "PerformancePlanOrReport",
        &[("xmlns", NAMESPACE), ("Type", kind)],
    );
    x.leaf("Name", &doc.name);
    let description = if doc.description.is_empty() {
        format!(
            "Annual performance plan targets, implementation plan quarters, actuals and quarterly strategy status for FY{}",
            doc.fiscal_year
        )
    } else {
        doc.description.clone()
    };
    x.leaf("Description", &description);
    x.open("StrategicPlanCore", &[]);
    x.open("Organization", &[]);
    if !doc.organisation.is_empty() {
        x.leaf("Name", &doc.organisation);
    }
    x.close("Organization");
    let mut counter = 0;
    for goal in &doc.goals {
        write_goal(&mut x, goal, &mut counter);
    }
    x.close("StrategicPlanCore");
    x.open("AdministrativeInformation", &[]);
    let id = if doc.report { "report" } else { "plan" };
    x.leaf("Identifier", &format!("{id}-fy{}", doc.fiscal_year));
    for (name, date) in [
        ("StartDate", doc.start),
        ("EndDate", doc.end),
        ("PublicationDate", doc.published),
    ] {
        if let Some(date) = date {
            x.leaf(name, &date.to_string());
        }
    }
    x.close("AdministrativeInformation");
    x.close("PerformancePlanOrReport");
    let mut text = String::from_utf8(x.0.into_inner()).unwrap_or_default();
    text.push('\n');
    text
}

fn write_goal(x: &mut Out, goal: &Goal, counter: &mut usize) {
    x.open("Goal", &[]);
    let name = goal
        .name
        .clone()
        .unwrap_or_else(|| format!("Goal {}", goal.number));
    x.leaf("Name", &name);
    x.leaf("Description", goal.statement.as_deref().unwrap_or(""));
    x.leaf("Identifier", &identifier("g", &goal.number));
    x.leaf("SequenceIndicator", &goal.number);
    for item in &goal.items {
        write_item(x, item, counter);
    }
    x.close("Goal");
}

fn write_item(x: &mut Out, item: &Item, counter: &mut usize) {
    x.open("Objective", &[]);
    if item.strategy {
        x.leaf("Name", &format!("Strategy {}", item.number));
        x.leaf("Description", item.text.as_deref().unwrap_or(""));
        x.leaf("Identifier", &identifier("s", &item.number));
    } else {
        if let Some(title) = &item.text {
            x.leaf("Name", title);
        }
        x.leaf("Identifier", &identifier("o", &item.number));
    }
    x.leaf("SequenceIndicator", &item.number);
    for (who, role) in [
        (&item.owner_office, "Owning office"),
        (&item.owner_person, "Owner"),
    ] {
        if let Some(who) = who {
            x.open("Stakeholder", &[]);
            x.leaf("Name", who);
            x.open("Role", &[]);
            x.leaf("Name", role);
            x.leaf("RoleType", "Performer");
            x.close("Role");
            x.close("Stakeholder");
        }
    }
    for ind in &item.indicators {
        write_indicator(x, item, ind, counter);
    }
    x.close("Objective");
}

fn write_indicator(x: &mut Out, item: &Item, ind: &Indicator, counter: &mut usize) {
    let (kind, id, other) = match &ind.measured {
        Measured::Status => (
            "Qualitative",
            identifier("st", &item.number),
            format!(
                "Quarterly status of strategy {}: percent complete, status and narrative.",
                item.number
            ),
        ),
        Measured::Measure(f) => {
            *counter += 1;
            let mut lines = vec![
                format!("Kind: {}", f.kind.as_str()),
                format!("Direction: {}", f.direction.as_str()),
                format!("Aggregation: {}", f.aggregation.as_str()),
            ];
            if let Some((value, fy)) = f.baseline {
                let year = fy.map(|y| format!(" (FY{y})")).unwrap_or_default();
                lines.push(format!("Baseline: {}{year}", decimal(value)));
            }
            if let Some((level, number)) = &f.attached {
                lines.push(format!("Attached to: {} {number}", level.word()));
            }
            for (key, value) in [
                ("Data source", &f.data_source),
                ("Verification", &f.verification),
                ("Limitations", &f.limitations),
            ] {
                if !value.is_empty() {
                    lines.push(format!("{key}: {value}"));
                }
            }
            let kind = match f.kind {
                Kind::Quantitative => "Quantitative",
                Kind::Milestone => "Qualitative",
            };
            (kind, format!("m-{counter}"), lines.join("\n"))
        }
    };
    x.open(
        "PerformanceIndicator",
        &[
            ("PerformanceIndicatorType", kind),
            ("ValueChainStage", "Outcome"),
        ],
    );
    // The published schema's order: SequenceIndicator?, MeasurementDimension,
    // UnitOfMeasurement, Identifier?, Relationship*, MeasurementInstance*,
    // OtherInformation?.
    x.leaf("MeasurementDimension", &ind.name);
    x.leaf("UnitOfMeasurement", &ind.unit);
    x.leaf("Identifier", &id);
    if !ind.results.is_empty() {
        x.open("MeasurementInstance", &[]);
        // The schema lists every target before every actual.
        for actual in [false, true] {
            for r in ind.results.iter().filter(|r| r.actual == actual) {
                write_outcome(x, r);
            }
        }
        x.close("MeasurementInstance");
    }
    x.leaf("OtherInformation", &other);
    x.close("PerformanceIndicator");
}

/// One result. The schema allows one `Descriptor` a result, so a result with more (a
/// status with its issues and next steps) continues in results of the same period that
/// carry only their dates and one further descriptor each; the reader joins them.
fn write_outcome(x: &mut Out, r: &Outcome) {
    let name = if r.actual {
        "ActualResult"
    } else {
        "TargetResult"
    };
    let mut descriptors = r.descriptors.iter();
    x.open(name, &[]);
    x.leaf("StartDate", &r.start.to_string());
    x.leaf("EndDate", &r.end.to_string());
    if let Some(units) = r.units {
        x.leaf("NumberOfUnits", &decimal(units));
    }
    if let Some(d) = descriptors.next() {
        write_descriptor(x, d);
    }
    x.leaf("Description", &r.description);
    x.close(name);
    for d in descriptors {
        x.open(name, &[]);
        x.leaf("StartDate", &r.start.to_string());
        x.leaf("EndDate", &r.end.to_string());
        write_descriptor(x, d);
        x.close(name);
    }
}

fn write_descriptor(x: &mut Out, (name, value): &(String, String)) {
    x.open("Descriptor", &[]);
    x.leaf("DescriptorName", name);
    x.leaf("DescriptorValue", value);
    x.close("Descriptor");
}

/// Text without the control characters XML 1.0 cannot carry.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

struct Out(Writer<Vec<u8>>);

impl Out {
    fn event(&mut self, e: Event<'_>) {
        // Writing into memory cannot fail.
        let _ = self.0.write_event(e);
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for a in attrs {
            start.push_attribute(*a);
        }
        self.event(Event::Start(start));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn leaf(&mut self, name: &str, text: &str) {
        self.open(name, &[]);
        let text = clean(text);
        self.event(Event::Text(BytesText::new(&text)));
        self.close(name);
    }
}
