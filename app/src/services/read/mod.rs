//! Read models: what several pages, documents and jobs read (the APP scorecard, the
//! call tracker, follow-up actions, a goal's standing, shortfall explanations, a
//! measure's charts). Use cases and page assemblers import these, never each other;
//! a read model imports queries and model only.

pub mod actions;
pub mod business_plan;
pub mod charts;
pub mod exceptions;
pub mod inbox;
pub mod plan_year;
pub mod report;
pub mod shortfalls;
pub mod standing;
pub mod tracker;
