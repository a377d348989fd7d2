//! Parser that turns a numbered plan outline (plain text) into an [`Outline`].
//!
//! Rules, in the order they apply:
//! - A line is a goal, objective or strategy heading when it matches one of the
//!   recognised forms (see [`classify`]); everything else is text.
//! - Text lines right after a heading (no blank line between) continue it, joined
//!   with single spaces.
//! - Other text forms paragraphs. Paragraphs before the first heading give the title
//!   (a first single short line) and narrative; paragraphs after the last heading are
//!   narrative, split into sections at single short lines ("Plan Maintenance").
//!   A paragraph between headings cannot be placed and becomes a warning.
//! - A heading whose parent was never named is given untitled placeholder parents when
//!   the outline has not yet reached that parent's place (a document that starts
//!   mid-way, or a skipped heading), with a warning. A number that belongs under an
//!   earlier parent, or a duplicate number, is an error naming the line.

mod classify;
mod numbers;

use std::collections::{HashMap, HashSet};

use crate::model::outline::{
    NarrativeSection, Outline, OutlineError, OutlineGoal, OutlineObjective, OutlineStrategy,
    OutlineWarning,
};
pub use classify::{classify, Heading};

/// Longest single line that may be read as a title or section heading.
const HEADING_MAX_CHARS: usize = 80;

/// Most goals, objectives and strategies a plan may have.
pub const MAX_HEADINGS: usize = 20_000;

/// Parses an uploaded plan: StratML XML (its goals, objectives and strategies) or a
/// numbered text outline.
#[cfg(feature = "ssr")]
pub fn parse_plan_text(text: &str) -> Result<Outline, OutlineError> {
    if !crate::model::stratml::is_xml(text) {
        return parse_outline(text);
    }
    crate::model::stratml::read(text)
        .map(|doc| doc.outline())
        .map_err(|e| OutlineError {
            line: 0,
            message: format!("StratML: {e}"),
        })
}

/// Parses plan text into an outline, or returns the first numbering error.
pub fn parse_outline(text: &str) -> Result<Outline, OutlineError> {
    let mut b = Builder::default();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = clean(raw);
        if line.is_empty() {
            b.end_block();
            continue;
        }
        match classify(&line) {
            Some(heading) => b.heading(line_no, heading)?,
            None => b.text(line_no, &line),
        }
    }
    b.end_block();
    Ok(b.finish())
}

/// Trims a line and turns non-breaking spaces and tabs into plain spaces.
fn clean(raw: &str) -> String {
    raw.replace(['\u{a0}', '\t'], " ").trim().to_string()
}

/// Where the last heading's continuation lines go.
#[derive(Clone, Copy)]
enum Cursor {
    Goal(usize),
    Objective(usize, usize),
    Strategy(usize, usize, usize),
}

/// A run of prose lines, with the number of headings seen before it.
struct Paragraph {
    first_line: usize,
    lines: Vec<String>,
    headings_before: usize,
}

#[derive(Default)]
struct Builder {
    goals: Vec<OutlineGoal>,
    warnings: Vec<OutlineWarning>,
    paragraphs: Vec<Paragraph>,
    open_paragraph: Option<Paragraph>,
    cursor: Option<Cursor>,
    current_goal: Option<usize>,
    current_objective: Option<(usize, usize)>,
    headings_seen: usize,
    /// Goal number → index, and every objective and strategy number seen (each check is
    /// a look-up, so parsing stays linear in the number of headings).
    goal_index: HashMap<String, usize>,
    numbers_seen: HashSet<String>,
    /// The highest goal number so far, and each goal's highest objective number.
    max_goal: Option<String>,
    max_objective: HashMap<usize, String>,
}

impl Builder {
    fn end_block(&mut self) {
        self.cursor = None;
        if let Some(p) = self.open_paragraph.take() {
            self.paragraphs.push(p);
        }
    }

    fn text(&mut self, line_no: usize, line: &str) {
        if let Some(cursor) = self.cursor {
            self.continue_heading(cursor, line);
            return;
        }
        let headings_before = self.headings_seen;
        self.open_paragraph
            .get_or_insert_with(|| Paragraph {
                first_line: line_no,
                lines: Vec::new(),
                headings_before,
            })
            .lines
            .push(line.to_string());
    }

    fn continue_heading(&mut self, cursor: Cursor, line: &str) {
        let slot = match cursor {
            Cursor::Goal(g) => &mut self.goals[g].statement,
            Cursor::Objective(g, o) => &mut self.goals[g].objectives[o].title,
            Cursor::Strategy(g, o, s) => {
                append(&mut self.goals[g].objectives[o].strategies[s].text, line);
                return;
            }
        };
        match slot {
            Some(existing) => append(existing, line),
            None => *slot = Some(line.to_string()),
        }
    }

    fn heading(&mut self, line_no: usize, heading: Heading) -> Result<(), OutlineError> {
        if let Some(p) = self.open_paragraph.take() {
            self.paragraphs.push(p);
        }
        self.headings_seen += 1;
        if self.headings_seen > MAX_HEADINGS {
            return Err(err(
                line_no,
                format!(
                    "the plan has more than {MAX_HEADINGS} numbered goals, objectives and \
                     strategies; plantrack holds at most that many"
                ),
            ));
        }
        let cursor = match heading {
            Heading::Goal {
                number,
                name,
                statement,
            } => self.goal(line_no, number, name, statement)?,
            Heading::Objective { number, title } => self.objective(line_no, number, title)?,
            Heading::RelativeObjective { ordinal, title } => match self.current_goal {
                Some(g) => {
                    let number = format!("{}.{}", self.goals[g].number, ordinal);
                    self.objective(line_no, number, title)?
                }
                None => {
                    self.warn(
                        line_no,
                        format!("objective {ordinal} has no goal before it; line skipped"),
                    );
                    self.headings_seen -= 1;
                    return Ok(());
                }
            },
            Heading::Strategy { number, text } => self.strategy(line_no, number, text)?,
        };
        self.cursor = Some(cursor);
        Ok(())
    }

    fn goal(
        &mut self,
        line_no: usize,
        number: String,
        name: Option<String>,
        statement: Option<String>,
    ) -> Result<Cursor, OutlineError> {
        let g = match self.find_goal(&number) {
            Some(g) if is_placeholder_goal(&self.goals[g]) => g,
            Some(_) => return Err(err(line_no, format!("goal {number} appears twice"))),
            None => self.push_goal(number, None, None),
        };
        self.goals[g].name = name;
        self.goals[g].statement = statement;
        self.current_goal = Some(g);
        self.current_objective = None;
        Ok(Cursor::Goal(g))
    }

    fn objective(
        &mut self,
        line_no: usize,
        number: String,
        title: Option<String>,
    ) -> Result<Cursor, OutlineError> {
        let goal_number = parent_number(&number);
        let g = self.parent_goal(line_no, goal_number, &number, "objective")?;
        if !self.numbers_seen.insert(number.clone()) {
            return Err(err(line_no, format!("objective {number} appears twice")));
        }
        let o = self.push_objective(g, number, title);
        self.current_objective = Some((g, o));
        Ok(Cursor::Objective(g, o))
    }

    fn strategy(
        &mut self,
        line_no: usize,
        number: String,
        text: String,
    ) -> Result<Cursor, OutlineError> {
        let objective_number = parent_number(&number).to_string();
        let (g, o) = match self.current_objective {
            Some((g, o)) if self.goals[g].objectives[o].number == objective_number => (g, o),
            _ => self.placeholder_objective(line_no, &objective_number, &number)?,
        };
        if !self.numbers_seen.insert(number.clone()) {
            return Err(err(line_no, format!("strategy {number} appears twice")));
        }
        let objective = &mut self.goals[g].objectives[o];
        objective.strategies.push(OutlineStrategy { number, text });
        Ok(Cursor::Strategy(g, o, objective.strategies.len() - 1))
    }

    /// Finds the goal an objective or placeholder belongs to, creating a placeholder
    /// goal when the outline has not reached it yet.
    fn parent_goal(
        &mut self,
        line_no: usize,
        goal_number: &str,
        child: &str,
        kind: &str,
    ) -> Result<usize, OutlineError> {
        if let Some(g) = self.current_goal {
            if self.goals[g].number == goal_number {
                return Ok(g);
            }
        }
        if self.find_goal(goal_number).is_some() || !self.is_ahead(goal_number) {
            let under = match self.current_goal {
                Some(g) => format!("under goal {}", self.goals[g].number),
                None => "here".to_string(),
            };
            return Err(err(
                line_no,
                format!("{kind} {child} is out of place {under}: it belongs to goal {goal_number}"),
            ));
        }
        self.warn(
            line_no,
            format!(
                "{kind} {child} comes before any goal {goal_number} heading; \
                 created an untitled goal {goal_number}"
            ),
        );
        let g = self.push_goal(goal_number.to_string(), None, None);
        self.current_goal = Some(g);
        self.current_objective = None;
        Ok(g)
    }

    fn placeholder_objective(
        &mut self,
        line_no: usize,
        objective_number: &str,
        strategy: &str,
    ) -> Result<(usize, usize), OutlineError> {
        let goal_number = parent_number(objective_number);
        let g = self.parent_goal(line_no, goal_number, strategy, "strategy")?;
        let ahead = self
            .max_objective
            .get(&g)
            .is_none_or(|max| numbers::compare(max, objective_number).is_lt());
        if !ahead {
            return Err(err(
                line_no,
                format!(
                    "strategy {strategy} is out of place: objective {objective_number} \
                     was already closed"
                ),
            ));
        }
        self.numbers_seen.insert(objective_number.to_string());
        let o = self.push_objective(g, objective_number.to_string(), None);
        self.current_objective = Some((g, o));
        self.warn(
            line_no,
            format!(
                "strategy {strategy} comes before any objective {objective_number} heading; \
                 created an untitled objective {objective_number}"
            ),
        );
        Ok((g, o))
    }

    /// True when `number` comes after every goal seen so far.
    fn is_ahead(&self, number: &str) -> bool {
        self.max_goal
            .as_deref()
            .is_none_or(|max| numbers::compare(max, number).is_lt())
    }

    fn find_goal(&self, number: &str) -> Option<usize> {
        self.goal_index.get(number).copied()
    }

    /// Adds an objective to goal `g`; returns its index there.
    fn push_objective(&mut self, g: usize, number: String, title: Option<String>) -> usize {
        let max = self
            .max_objective
            .entry(g)
            .or_insert_with(|| number.clone());
        if numbers::compare(max, &number).is_lt() {
            *max = number.clone();
        }
        let goal = &mut self.goals[g];
        goal.objectives.push(OutlineObjective {
            number,
            title,
            strategies: Vec::new(),
        });
        goal.objectives.len() - 1
    }

    fn push_goal(
        &mut self,
        number: String,
        name: Option<String>,
        statement: Option<String>,
    ) -> usize {
        if self.is_ahead(&number) {
            self.max_goal = Some(number.clone());
        }
        self.goal_index.insert(number.clone(), self.goals.len());
        self.goals.push(OutlineGoal {
            number,
            name,
            statement,
            objectives: Vec::new(),
        });
        self.goals.len() - 1
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(OutlineWarning { line, message });
    }

    fn finish(mut self) -> Outline {
        let total = self.headings_seen;
        let mut title = None;
        let mut leading = Vec::new();
        let mut trailing = Vec::new();
        for (i, p) in std::mem::take(&mut self.paragraphs).into_iter().enumerate() {
            if p.headings_before == 0 {
                if i == 0 && is_heading_like(&p) {
                    title = Some(p.lines[0].clone());
                } else {
                    leading.push(p);
                }
            } else if p.headings_before == total {
                trailing.push(p);
            } else {
                self.warn(
                    p.first_line,
                    format!(
                        "text between numbered items could not be placed: \"{}\"",
                        excerpt(&p.lines.join(" "))
                    ),
                );
            }
        }
        let mut narrative = sections(leading);
        narrative.extend(sections(trailing));
        self.warnings.sort_by_key(|w| w.line);
        Outline {
            title,
            goals: self.goals,
            narrative,
            warnings: self.warnings,
        }
    }
}

/// Groups paragraphs into sections, starting a new one at each heading-like line.
fn sections(paragraphs: Vec<Paragraph>) -> Vec<NarrativeSection> {
    let mut out: Vec<NarrativeSection> = Vec::new();
    let mut pending_heading: Option<String> = None;
    let count = paragraphs.len();
    for (i, p) in paragraphs.into_iter().enumerate() {
        let text = p.lines.join(" ");
        if is_heading_like(&p) && i + 1 < count {
            if let Some(h) = pending_heading.take() {
                out.push(NarrativeSection {
                    heading: Some(h),
                    text: String::new(),
                });
            }
            pending_heading = Some(text);
            continue;
        }
        match (pending_heading.take(), out.last_mut()) {
            (Some(h), _) => out.push(NarrativeSection {
                heading: Some(h),
                text,
            }),
            (None, Some(last)) => {
                last.text.push_str("\n\n");
                last.text.push_str(&text);
            }
            (None, None) => out.push(NarrativeSection {
                heading: None,
                text,
            }),
        }
    }
    out
}

/// A single short line without closing punctuation reads as a heading.
fn is_heading_like(p: &Paragraph) -> bool {
    p.lines.len() == 1
        && p.lines[0].chars().count() <= HEADING_MAX_CHARS
        && !p.lines[0].ends_with(['.', ':', ';', ',', '?', '!'])
}

fn is_placeholder_goal(g: &OutlineGoal) -> bool {
    g.name.is_none() && g.statement.is_none()
}

/// "4.1.3" -> "4.1"; "4.1" -> "4".
fn parent_number(number: &str) -> &str {
    number.rsplit_once('.').map_or(number, |(parent, _)| parent)
}

fn append(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(line);
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

fn err(line: usize, message: String) -> OutlineError {
    OutlineError { line, message }
}

#[cfg(test)]
mod tests;
