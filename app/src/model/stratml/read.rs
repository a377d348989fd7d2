//! Reading StratML Part 2 back, tolerant of what real files do: no namespace or an old
//! one (elements are matched by local name), `IndicatorType` for
//! `PerformanceIndicatorType`, optional elements missing, identifiers without numbers
//! (numbers then come from `SequenceIndicator`, or are given in order).

pub use crate::model::import::ShapeProblem;

use super::{
    Document, Goal, Indicator, Item, Level, MeasureFacts, Measured, Outcome, StratmlError,
};
use crate::model::fiscal::FiscalCalendar;
use crate::model::measure::{is_share, Aggregation, Direction, Kind};
use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::Reader;

/// An element: its local name, attributes, children and text.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn first(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The trimmed text of child `name`, if present and not empty.
    fn text_of(&self, name: &str) -> Option<String> {
        self.first(name)
            .map(|c| c.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    fn attr(&self, names: &[&str]) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| names.contains(&k.as_str()))
            .map(|(_, v)| v.as_str())
    }
}

/// How deep elements may nest: a real plan needs 8 (plan, core, goal, objective,
/// indicator, instance, result, descriptor); a file deeper than this is refused before
/// any tree is built, so neither building nor dropping the tree recurses far.
pub const MAX_DEPTH: usize = 64;

impl From<ShapeProblem> for StratmlError {
    fn from(p: ShapeProblem) -> StratmlError {
        StratmlError(p.message().into())
    }
}

/// Whether a `<!DOCTYPE …>` declaration's text has an internal subset or an entity.
fn refused_doctype(text: &str) -> bool {
    text.contains('[') || text.to_ascii_uppercase().contains("ENTITY")
}

/// What must hold before an XML file is stored: nested at most [`MAX_DEPTH`] deep, and
/// no entity declarations. Streams the file (no tree, no recursion), so it is safe on
/// any input; a file that is not well formed passes here and is reported by the
/// preview, which parses it.
pub fn check_shape(xml: &str) -> Option<ShapeProblem> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Err(_) | Ok(Event::Eof) => return None,
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(ShapeProblem::TooDeep);
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::DocType(d)) if refused_doctype(&String::from_utf8_lossy(&d)) => {
                return Some(ShapeProblem::Entities)
            }
            Ok(_) => {}
        }
    }
}

fn not_well_formed(e: String, at: u64) -> StratmlError {
    StratmlError(format!("The XML is not well formed near byte {at}: {e}"))
}

fn parse_tree(xml: &str) -> Result<Node, StratmlError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    let fail = not_well_formed;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| fail(e.to_string(), at))?;
        match event {
            Event::Start(e) => {
                // The document node is the stack's first entry.
                if stack.len() > MAX_DEPTH {
                    return Err(ShapeProblem::TooDeep.into());
                }
                stack.push(node_of(&e));
            }
            Event::Empty(e) => {
                let node = node_of(&e);
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Err(fail("an end tag without its start".into(), at)),
                }
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| fail(e.to_string(), at))?;
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&text);
                }
            }
            Event::CData(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| fail(e.to_string(), at))?;
                let entity = format!("&{name};");
                let resolved = quick_xml::escape::unescape(&entity)
                    .map_err(|_| fail(format!("the entity {entity} is not known"), at))?;
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&resolved);
                }
            }
            Event::DocType(d) if refused_doctype(&String::from_utf8_lossy(&d)) => {
                return Err(ShapeProblem::Entities.into());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().unwrap_or_default();
    if !stack.is_empty() {
        return Err(StratmlError(
            "The XML ends before all its elements are closed.".into(),
        ));
    }
    document
        .children
        .pop()
        .ok_or_else(|| StratmlError("The file has no XML element.".into()))
}

fn node_of(e: &quick_xml::events::BytesStart<'_>) -> Node {
    let mut node = Node {
        name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
        ..Node::default()
    };
    for a in e.attributes().flatten() {
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_default();
        node.attrs.push((key, value));
    }
    node
}

/// Reads a `PerformancePlanOrReport` (or a StratML Part 1 `StrategicPlan`) document.
pub fn read(xml: &str) -> Result<Document, StratmlError> {
    let root = parse_tree(xml.trim_start_matches('\u{feff}'))?;
    if !matches!(
        root.name.as_str(),
        "PerformancePlanOrReport" | "StrategicPlan"
    ) {
        return Err(StratmlError(format!(
            "This is not a StratML plan: its root element is <{}>, not <PerformancePlanOrReport>.",
            root.name
        )));
    }
    let core = root
        .first("StrategicPlanCore")
        .ok_or_else(|| StratmlError("The plan has no <StrategicPlanCore>.".into()))?;
    let admin = root.first("AdministrativeInformation");
    let date = |n: &str| {
        admin
            .and_then(|a| a.text_of(n))
            .and_then(|t| parse_date(&t))
    };
    let cal = FiscalCalendar::default();
    let start = date("StartDate");
    let end = date("EndDate");
    let fiscal_year = end.map(|d| cal.quarter_of(d).year).unwrap_or_default();
    let mut doc = Document {
        name: root.text_of("Name").unwrap_or_default(),
        organisation: core
            .first("Organization")
            .and_then(|o| o.text_of("Name"))
            .unwrap_or_default(),
        fiscal_year,
        start,
        end,
        published: date("PublicationDate"),
        goals: Vec::new(),
        ..Document::default()
    };
    for (i, g) in core.all("Goal").enumerate() {
        doc.goals.push(read_goal(g, i + 1, cal)?);
    }
    if doc.goals.is_empty() {
        return Err(StratmlError("The plan has no <Goal>.".into()));
    }
    match super::check::summary(&doc) {
        Some(problems) => Err(StratmlError(problems)),
        None => Ok(doc),
    }
}

/// The number an element carries: from its `Identifier` ("s-4.1.3", "_4.1"), else its
/// `SequenceIndicator`, else `fallback`.
fn number_of(node: &Node, fallback: String) -> String {
    let from_id = node.text_of("Identifier").and_then(|id| {
        let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
        let ok = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
        ok.then(|| digits.trim_end_matches('.').to_string())
    });
    let from_seq = node.text_of("SequenceIndicator").and_then(|s| {
        let s = s.trim_end_matches('.').to_string();
        s.chars()
            .all(|c| c.is_ascii_digit() || c == '.')
            .then_some(s)
            .filter(|s| !s.is_empty())
    });
    from_id.or(from_seq).unwrap_or(fallback)
}

fn read_goal(g: &Node, position: usize, cal: FiscalCalendar) -> Result<Goal, StratmlError> {
    let number = number_of(g, position.to_string());
    let mut goal = Goal {
        name: g.text_of("Name"),
        statement: g.text_of("Description"),
        number: number.clone(),
        items: Vec::new(),
    };
    let mut objectives = 0;
    for o in g.all("Objective") {
        let strategy_id = o.text_of("Identifier").is_some_and(|i| i.starts_with("s-"));
        let mut item_number = number_of(o, String::new());
        if item_number.is_empty() || !item_number.starts_with(&format!("{number}.")) {
            objectives += 1;
            item_number = format!("{number}.{objectives}");
        }
        let strategy = strategy_id || item_number.matches('.').count() >= 2;
        if !strategy {
            objectives = objectives.max(
                item_number
                    .rsplit('.')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
            );
        }
        let text = if strategy {
            o.text_of("Description").or_else(|| o.text_of("Name"))
        } else {
            o.text_of("Name").or_else(|| o.text_of("Description"))
        };
        let owner = |role: &str| {
            o.all("Stakeholder")
                .find(|s| s.first("Role").and_then(|r| r.text_of("Name")).as_deref() == Some(role))
                .and_then(|s| s.text_of("Name"))
        };
        let mut item = Item {
            number: item_number.clone(),
            strategy,
            text,
            owner_office: owner("Owning office"),
            owner_person: owner("Owner"),
            indicators: Vec::new(),
        };
        for ind in o.all("PerformanceIndicator") {
            item.indicators.push(read_indicator(ind, &item, cal)?);
        }
        goal.items.push(item);
    }
    Ok(goal)
}

fn read_indicator(ind: &Node, item: &Item, cal: FiscalCalendar) -> Result<Indicator, StratmlError> {
    let name = ind.text_of("MeasurementDimension").ok_or_else(|| {
        StratmlError(format!(
            "A performance indicator under {} has no <MeasurementDimension>.",
            item.number
        ))
    })?;
    let unit = ind.text_of("UnitOfMeasurement").unwrap_or_default();
    let kind_attr = ind.attr(&["PerformanceIndicatorType", "IndicatorType"]);
    let is_status = ind
        .text_of("Identifier")
        .is_some_and(|i| i.starts_with("st-"))
        || name.eq_ignore_ascii_case("Quarterly status");
    let other = ind.text_of("OtherInformation").unwrap_or_default();
    let measured = if is_status {
        Measured::Status
    } else {
        Measured::Measure(facts(&other, kind_attr, &unit))
    };
    let mut results = Vec::new();
    for instance in ind.all("MeasurementInstance") {
        for r in &instance.children {
            let actual = match r.name.as_str() {
                "TargetResult" => false,
                "ActualResult" => true,
                _ => continue,
            };
            let outcome = read_outcome(r, actual, &name, cal)?;
            // A result of the same kind and period as the one before continues it with
            // more descriptors (the schema allows one a result; see `write_outcome`).
            match results.last_mut() {
                Some(prev) if continues(prev, &outcome) => {
                    prev.descriptors.extend(outcome.descriptors)
                }
                _ => results.push(outcome),
            }
        }
    }
    Ok(Indicator {
        name,
        unit,
        measured,
        results,
    })
}

/// Whether `next` only carries more descriptors of `prev`'s period.
fn continues(prev: &Outcome, next: &Outcome) -> bool {
    prev.actual == next.actual
        && prev.start == next.start
        && prev.end == next.end
        && next.units.is_none()
        && next.description.is_empty()
}

fn read_outcome(
    r: &Node,
    actual: bool,
    name: &str,
    cal: FiscalCalendar,
) -> Result<Outcome, StratmlError> {
    let bad = |what: &str| StratmlError(format!("A result of \"{name}\" has {what}."));
    let start = r
        .text_of("StartDate")
        .map(|t| parse_date(&t).ok_or_else(|| bad("a start date that is not a date")))
        .transpose()?;
    let end = r
        .text_of("EndDate")
        .ok_or_else(|| bad("no <EndDate>"))
        .and_then(|t| parse_date(&t).ok_or_else(|| bad("an end date that is not a date")))?;
    let fq = cal.quarter_of(end);
    let start = start.unwrap_or_else(|| cal.start_of(fq));
    let whole_year = (end - start).num_days() > 120;
    let period = if whole_year { 0 } else { fq.quarter };
    let units = r
        .text_of("NumberOfUnits")
        .map(|t| {
            t.replace(',', "")
                .parse::<f64>()
                .map_err(|_| bad("a NumberOfUnits that is not a number"))
        })
        .transpose()?
        .filter(|v| v.is_finite());
    let descriptors = r
        .all("Descriptor")
        .filter_map(|d| {
            Some((
                d.text_of("DescriptorName")?,
                d.text_of("DescriptorValue").unwrap_or_default(),
            ))
        })
        .collect();
    let description = r.text_of("Description").unwrap_or_default();
    Ok(Outcome {
        actual,
        fiscal_year: fq.year,
        period,
        start,
        end,
        units,
        descriptors,
        description,
    })
}

/// A measure's definition from `OtherInformation` ("Direction: lower" lines), with
/// defaults for what is missing.
fn facts(other: &str, kind_attr: Option<&str>, unit: &str) -> MeasureFacts {
    let mut fields: Vec<(String, String)> = Vec::new();
    const KEYS: [&str; 8] = [
        "Kind",
        "Direction",
        "Aggregation",
        "Baseline",
        "Attached to",
        "Data source",
        "Verification",
        "Limitations",
    ];
    for line in other.lines() {
        let known = line
            .split_once(':')
            .filter(|(k, _)| KEYS.iter().any(|key| key.eq_ignore_ascii_case(k.trim())));
        match (known, fields.last_mut()) {
            (Some((k, v)), _) => fields.push((k.trim().to_lowercase(), v.trim().to_string())),
            (None, Some((_, v))) => {
                v.push('\n');
                v.push_str(line);
            }
            (None, None) => {}
        }
    }
    let get = |k: &str| {
        fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let kind = get("kind")
        .and_then(|k| Kind::parse(&k))
        .unwrap_or(match kind_attr {
            Some("Qualitative") => Kind::Milestone,
            _ => Kind::Quantitative,
        });
    let aggregation = get("aggregation")
        .and_then(|a| Aggregation::parse(&a))
        .unwrap_or(if is_share(unit) || kind == Kind::Milestone {
            Aggregation::Latest
        } else {
            Aggregation::Sum
        });
    let baseline = get("baseline").and_then(|b| {
        let (value, year) = match b.split_once('(') {
            Some((v, y)) => (
                v.trim().to_string(),
                y.trim_end_matches(')')
                    .trim()
                    .trim_start_matches("FY")
                    .parse()
                    .ok(),
            ),
            None => (b.trim().to_string(), None),
        };
        value.parse::<f64>().ok().map(|v| (v, year))
    });
    let attached = get("attached to").and_then(|a| {
        let (level, number) = a.split_once(' ')?;
        let level = match level.to_lowercase().as_str() {
            "goal" => Level::Goal,
            "objective" => Level::Objective,
            "strategy" => Level::Strategy,
            _ => return None,
        };
        Some((level, number.trim().to_string()))
    });
    MeasureFacts {
        kind,
        direction: get("direction")
            .and_then(|d| Direction::parse(&d))
            .unwrap_or(Direction::Higher),
        aggregation,
        baseline,
        data_source: get("data source").unwrap_or_default(),
        verification: get("verification").unwrap_or_default(),
        limitations: get("limitations").unwrap_or_default(),
        attached,
    }
}

/// A date as StratML writes it ("2026-10-01"), tolerating a time or zone after it.
fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}
