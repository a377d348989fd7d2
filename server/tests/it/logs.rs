//! What the test servers log: one tracing subscriber for the whole test binary that keeps
//! each server's warnings and errors (printed when a test fails) and counts sqlx
//! statements (the dashboard's query-count test).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use tracing::span::{Attributes, Id};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

/// The span name the harness wraps each request of a test server in (field `port`).
pub const SERVER_SPAN: &str = "test_server";

/// SQL statements run so far by every server (PRAGMAs of new connections left out); a test
/// that counts them runs `harness::alone()`, so that they are its own.
pub static QUERIES: AtomicUsize = AtomicUsize::new(0);

/// The statements counted while a test runs alone (`harness::alone` starts the list, its
/// guard ends it): (port of the server whose request ran it, 0 outside any request;
/// the statement), so a count that differs can say which statement it was.
static RECORDED: Mutex<Option<Vec<(u16, String)>>> = Mutex::new(None);

/// Starts (`true`) or ends recording the statements counted.
pub fn record_statements(on: bool) {
    *RECORDED.lock().unwrap_or_else(|e| e.into_inner()) = on.then(Vec::new);
}

/// How many statements have been recorded so far.
pub fn recorded_len() -> usize {
    RECORDED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map_or(0, Vec::len)
}

/// The statements recorded from position `from` on, one a line with their port.
pub fn recorded_since(from: usize) -> String {
    let recorded = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
    let all = recorded.as_deref().unwrap_or_default();
    all.get(from..)
        .unwrap_or_default()
        .iter()
        .map(|(port, sql)| format!("  [{port}] {sql}\n"))
        .collect()
}

/// Warnings and errors by the port of the server that logged them (0: no server known).
static LOGGED: Mutex<Option<HashMap<u16, Vec<String>>>> = Mutex::new(None);

/// Installs the subscriber once; every test server calls it before it starts.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        tracing_subscriber::registry()
            .with(CountQueries)
            .with(KeepWarnings)
            .init();
    });
}

/// The warnings and errors logged while serving requests on `port`, and those logged
/// outside any request (start-up, background tasks), which no server can be named for.
pub fn take(port: u16) -> (Vec<String>, Vec<String>) {
    let mut logged = LOGGED.lock().unwrap_or_else(|e| e.into_inner());
    let map = logged.get_or_insert_with(HashMap::new);
    (
        map.remove(&port).unwrap_or_default(),
        map.remove(&0).unwrap_or_default(),
    )
}

/// Prints what [`take`] returns for `port`, for a test that is failing.
pub fn print_for_failed_test(port: u16) {
    let (own, unattributed) = take(port);
    eprintln!("--- warnings and errors of the test server on port {port} ---");
    if own.is_empty() {
        eprintln!("(none)");
    }
    for line in own {
        eprintln!("{line}");
    }
    if !unattributed.is_empty() {
        eprintln!("--- warnings and errors logged outside any request ---");
        for line in unattributed {
            eprintln!("{line}");
        }
    }
}

/// The port a request span was opened for.
struct Port(u16);

/// Collects an event's or span's fields as text.
#[derive(Default)]
struct Fields {
    text: String,
    port: Option<u16>,
}

impl tracing::field::Visit for Fields {
    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        if field.name() == "port" {
            self.port = u16::try_from(value).ok();
        }
        self.record_debug(field, &value);
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.text.insert_str(0, &format!("{value:?} "));
        } else {
            self.text.push_str(&format!("{}={value:?} ", field.name()));
        }
    }
}

/// Counts the statements sqlx runs (its `sqlx::query` events), recording them while a
/// test runs alone.
struct CountQueries;

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for CountQueries {
    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut fields = Fields::default();
            event.record(&mut fields);
            if !fields.text.to_uppercase().contains("PRAGMA") {
                QUERIES.fetch_add(1, Ordering::SeqCst);
                let mut recorded = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(list) = recorded.as_mut() {
                    let sql: String = fields.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    list.push((port_of(event, &ctx), sql.chars().take(160).collect()));
                }
            }
        }
    }
}

/// The port of the test server whose request `event` happened in (0: none).
fn port_of<S: Subscriber + for<'a> LookupSpan<'a>>(event: &Event<'_>, ctx: &Context<'_, S>) -> u16 {
    ctx.event_scope(event)
        .and_then(|scope| {
            scope
                .from_root()
                .find_map(|span| span.extensions().get::<Port>().map(|p| p.0))
        })
        .unwrap_or(0)
}

/// Keeps every WARN and ERROR event under the port of the server it was logged for.
struct KeepWarnings;

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for KeepWarnings {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() == SERVER_SPAN {
            let mut fields = Fields::default();
            attrs.record(&mut fields);
            if let (Some(port), Some(span)) = (fields.port, ctx.span(id)) {
                span.extensions_mut().insert(Port(port));
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let level = *event.metadata().level();
        if level > Level::WARN {
            return;
        }
        let port = port_of(event, &ctx);
        let mut fields = Fields::default();
        event.record(&mut fields);
        let line = format!(
            "{level} {}: {}",
            event.metadata().target(),
            fields.text.trim_end()
        );
        let mut logged = LOGGED.lock().unwrap_or_else(|e| e.into_inner());
        logged
            .get_or_insert_with(HashMap::new)
            .entry(port)
            .or_default()
            .push(line);
    }
}
