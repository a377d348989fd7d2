//! One glossary of states and symbols. Every state a page, a CSV, a chart or the PDF
//! shows beside its words takes its symbol from a [`Mark`], and a mark means one thing
//! wherever it shows: ▲ is always "needs attention", never "high".

/// A symbol with its one meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Mark {
    Done,
    Going,
    Warning,
    Failed,
    NotYet,
    Partly,
    Closed,
    Waiting,
    Paused,
    Draft,
    Sent,
    Returned,
    Nothing,
    Noteworthy,
    Focus,
    Up,
    Level,
    Down,
}

impl Mark {
    /// Every mark, in the order the glossary lists them.
    pub const ALL: [Mark; 18] = [
        Mark::Done,
        Mark::Going,
        Mark::Warning,
        Mark::Failed,
        Mark::NotYet,
        Mark::Partly,
        Mark::Closed,
        Mark::Waiting,
        Mark::Paused,
        Mark::Draft,
        Mark::Sent,
        Mark::Returned,
        Mark::Nothing,
        Mark::Noteworthy,
        Mark::Focus,
        Mark::Up,
        Mark::Level,
        Mark::Down,
    ];

    /// The symbol (the packet's PDF draws it from its symbol font).
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Done => "✔",
            Mark::Going => "●",
            Mark::Warning => "▲",
            Mark::Failed => "✖",
            Mark::NotYet => "○",
            Mark::Partly => "◐",
            Mark::Closed => "■",
            Mark::Waiting => "◷",
            Mark::Paused => "‖",
            Mark::Draft => "✎",
            Mark::Sent => "➜",
            Mark::Returned => "↩",
            Mark::Nothing => "–",
            Mark::Noteworthy => "★",
            Mark::Focus => "⚑",
            Mark::Up => "↑",
            Mark::Level => "→",
            Mark::Down => "↓",
        }
    }

    /// What the symbol means, wherever it shows.
    pub fn meaning(self) -> &'static str {
        match self {
            Mark::Done => "Done: met, completed, approved, funded or signed off",
            Mark::Going => "Going as it should: on track, open or due now",
            Mark::Warning => "Needs attention: at risk, behind target or past due",
            Mark::Failed => {
                "Failed or missed: off track, not met, overdue, missing, refused or revoked"
            }
            Mark::NotYet => "Not begun: not started, upcoming, planned or not rated yet",
            Mark::Partly => "Under way: the quarter has begun",
            Mark::Closed => "Closed to changes: locked, in review or no longer usable",
            Mark::Waiting => "Waiting for data that comes later (a data lag)",
            Mark::Paused => "Deferred: put off on purpose",
            Mark::Draft => "A draft: saved, not submitted, counted nowhere",
            Mark::Sent => "Sent: submitted and waiting for a decision",
            Mark::Returned => "Returned for correction with a comment",
            Mark::Nothing => "Nothing to judge: no target, no update or neither",
            Mark::Noteworthy => "Noteworthy progress (annual strategic review)",
            Mark::Focus => "A focus area for improvement (annual strategic review)",
            Mark::Up => "Likelihood high",
            Mark::Level => "Likelihood medium",
            Mark::Down => "Likelihood low",
        }
    }

    /// The CSS form ("done", "not_yet"): pages colour a mark by it, after its words.
    pub fn css(self) -> &'static str {
        match self {
            Mark::Done => "done",
            Mark::Going => "going",
            Mark::Warning => "warning",
            Mark::Failed => "failed",
            Mark::NotYet => "not_yet",
            Mark::Partly => "partly",
            Mark::Closed => "closed",
            Mark::Waiting => "waiting",
            Mark::Paused => "paused",
            Mark::Draft => "draft",
            Mark::Sent => "sent",
            Mark::Returned => "returned",
            Mark::Nothing => "nothing",
            Mark::Noteworthy => "noteworthy",
            Mark::Focus => "focus",
            Mark::Up => "up",
            Mark::Level => "level",
            Mark::Down => "down",
        }
    }

    /// The symbol before `words`: "▲ At risk".
    pub fn with(self, words: &str) -> String {
        format!("{} {words}", self.glyph())
    }
}

/// `items` counted by state in `order`'s order for a folded heading: "● 8 On track ·
/// ▲ 2 At risk" (a state none has is left out).
pub fn tally<T: PartialEq + Copy>(
    order: &[T],
    items: &[T],
    shown: impl Fn(T) -> (Mark, String),
) -> String {
    order
        .iter()
        .filter_map(|s| {
            let n = items.iter().filter(|x| *x == s).count();
            let (mark, words) = shown(*s);
            (n > 0).then(|| format!("{} {n} {words}", mark.glyph()))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_in_the_familys_order_and_leaves_out_what_none_has() {
        let order = [Mark::Done, Mark::Warning, Mark::Failed];
        let items = [Mark::Failed, Mark::Done, Mark::Failed];
        let shown = |m: Mark| (m, format!("{m:?}"));
        assert_eq!(tally(&order, &items, shown), "✔ 1 Done · ✖ 2 Failed");
        assert_eq!(tally(&order, &[], shown), "");
    }
}
