//! Rendered pages kept per reader and data version: the pages a person opens often are
//! rendered once for an unchanged plan and served again with only the per-response part
//! (the CSP nonce) put in last. A save changes the data version; the first reader after
//! it renders the page again while the others are served the previous version meanwhile.
//! Under load (readers were served the previous page while it rendered) a page is rendered
//! again at most once per [`COOLDOWN_FACTOR`] times its render time (never more than
//! [`LONGEST_COOLDOWN`] of rest), so saves every 100 ms do not keep the cores rendering;
//! a lone reader sees every save at once.
//! `server::kept_pages` decides what is kept; this is the store.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The session key that says the session holds something shown once (a notice, a form
/// sent back, an import waiting to be confirmed): its pages are then rendered afresh.
pub const ONE_TIME_KEY: &str = "plantrack.one_time";

/// Session keys that last as long as the sign-in; any other key is shown once and so
/// makes the session's pages personal until it is taken.
pub const SIGN_IN_KEYS: [&str; 5] = [
    "axum-login.data",
    crate::auth::LOGIN_AT_KEY,
    crate::auth::LAST_SEEN_KEY,
    crate::auth::END_SESSION_KEY,
    ONE_TIME_KEY,
];

/// Whether a session holding `keys` holds something shown once.
pub fn holds_one_time<'a>(mut keys: impl Iterator<Item = &'a String>) -> bool {
    keys.any(|k| !SIGN_IN_KEYS.contains(&k.as_str()))
}

/// Whether the page at `path` is one a person opens often and that depends only on the
/// reader, the data and the date: the overview, goals, objectives, strategies, quarters,
/// the heat map, the APP and IP, My updates, the inboxes, measures and the reports.
pub fn is_kept(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    match segments.as_slice() {
        [] | [""] => true,
        ["goals" | "objectives" | "strategies", _] => true,
        ["quarters"] | ["quarters", _] | ["quarters", _, "inbox"] => true,
        ["heatmap" | "my" | "inbox" | "app" | "ip" | "reports" | "business-plan" | "public"] => {
            true
        }
        ["app" | "ip" | "reports" | "business-plan", fy] => fy.chars().all(|c| c.is_ascii_digit()),
        ["reports", fy, "public"] => fy.chars().all(|c| c.is_ascii_digit()),
        ["business-plan", "strategies", _] => true,
        ["measures", id] => id.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// A rendered page as kept: its headers (the policy's nonce among them) and its body cut
/// at every place the render's nonce stood.
#[derive(Debug)]
pub struct KeptPage {
    /// The response's headers, without cookies.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body in pieces, the nonce going between each two.
    pub pieces: Vec<Vec<u8>>,
    /// The nonce the page was rendered with (empty when it had none).
    pub nonce: String,
}

impl KeptPage {
    /// Keeps `body` rendered with `nonce` (the nonce's every place remembered).
    pub fn new(headers: Vec<(String, Vec<u8>)>, body: &[u8], nonce: &str) -> KeptPage {
        let pieces = if nonce.is_empty() {
            vec![body.to_vec()]
        } else {
            split_at(body, nonce.as_bytes())
        };
        KeptPage {
            headers,
            pieces,
            nonce: nonce.to_string(),
        }
    }

    /// The body with `nonce` in every place the render's nonce stood.
    pub fn body_with(&self, nonce: &str) -> Vec<u8> {
        let total: usize = self.pieces.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(total + nonce.len() * self.pieces.len());
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(nonce.as_bytes());
            }
            out.extend_from_slice(piece);
        }
        out
    }

    /// A header's value with `nonce` in place of the render's.
    pub fn header_with(&self, value: &[u8], nonce: &str) -> Vec<u8> {
        if self.nonce.is_empty() {
            return value.to_vec();
        }
        split_at(value, self.nonce.as_bytes()).join(nonce.as_bytes())
    }

    /// Bytes kept.
    fn size(&self) -> usize {
        self.pieces.iter().map(Vec::len).sum::<usize>()
            + self
                .headers
                .iter()
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>()
    }
}

/// `haystack` cut at every occurrence of `needle` (not empty).
fn split_at(haystack: &[u8], needle: &[u8]) -> Vec<Vec<u8>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if haystack[i] == needle[0] && haystack[i..].starts_with(needle) {
            pieces.push(haystack[start..i].to_vec());
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(haystack[start..].to_vec());
    pieces
}

/// What [`PageCache::look`] found.
pub enum Look {
    /// The page kept for this version.
    Kept(Arc<KeptPage>),
    /// Another request is rendering it: the previous version, served meanwhile.
    Previous(Arc<KeptPage>),
    /// This request renders it; hand the result to [`Turn::finish`].
    Render(Turn),
}

/// A key's kept page and whether someone is rendering it.
#[derive(Default)]
struct Slot {
    kept: Option<(u64, Arc<KeptPage>)>,
    rendering: bool,
    /// Whether a reader was served the previous page during the render in progress.
    contended: bool,
    /// Under load, no new render before this (the previous page is served until then).
    rest_until: Option<Instant>,
    gate: Arc<tokio::sync::Mutex<()>>,
}

/// Under load, a page is rendered again no sooner than this many times its last render
/// time after that render ended: rendering then takes at most a quarter of a core.
pub const COOLDOWN_FACTOR: u32 = 3;

/// The longest a page under load rests between renders: half a second, so with the
/// render itself another instance's save shows within a second (measured on PostgreSQL,
/// docs/benchmarks.md; a second's rest made it 0.9–1.1 s).
pub const LONGEST_COOLDOWN: Duration = Duration::from_millis(500);

#[derive(Default)]
struct Store {
    slots: HashMap<String, Slot>,
    bytes: usize,
}

/// Most bytes of pages kept; past this, pages nobody is rendering are dropped.
const BUDGET: usize = 48 * 1024 * 1024;

/// The kept pages, shared by the process's requests (`AppState.pages`).
#[derive(Clone, Default)]
pub struct PageCache {
    store: Arc<Mutex<Store>>,
    /// Bumped by every write through this process, so its own readers never wait for
    /// the data version to show a write that touched no audited table.
    epoch: Arc<AtomicU64>,
    /// The data version read in flight, shared by the requests that ask meanwhile.
    reading: Arc<Mutex<Option<Arc<tokio::sync::OnceCell<i64>>>>>,
}

impl PageCache {
    /// This process's write count.
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    /// The data version by `read`, one read at a time: requests that ask while a read is
    /// in flight get its answer instead of queueing a read each for the database's
    /// connections (under load and during saves, the queue was most of a kept page's time).
    pub async fn data_version<E, F, Fut>(&self, read: F) -> Result<i64, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<i64, E>>,
    {
        let flight = {
            let Ok(mut slot) = self.reading.lock() else {
                return read().await;
            };
            match &*slot {
                Some(flight) if !flight.initialized() => flight.clone(),
                _ => {
                    let flight = Arc::new(tokio::sync::OnceCell::new());
                    *slot = Some(flight.clone());
                    flight
                }
            }
        };
        flight.get_or_try_init(read).await.copied()
    }

    /// Notes a write (called after every request that may have written).
    pub fn wrote(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    /// The page kept under `key` for `version`; the previous one while another request
    /// renders it; or this request's turn to render it. The turn is claimed under the
    /// store's lock, so after a save exactly one reader renders and the rest are served
    /// the previous version; only when nothing is kept yet do readers wait for the first
    /// render (and then look again).
    pub async fn look(&self, key: &str, version: u64) -> Look {
        self.look_at(key, version, Instant::now()).await
    }

    /// [`PageCache::look`] at `now`.
    pub async fn look_at(&self, key: &str, version: u64, now: Instant) -> Look {
        loop {
            let wait = {
                let Ok(mut store) = self.store.lock() else {
                    return Look::Render(Turn::none());
                };
                let slot = store.slots.entry(key.to_string()).or_default();
                match (&slot.kept, slot.rendering) {
                    (Some((v, page)), _) if *v == version => return Look::Kept(page.clone()),
                    (Some((_, page)), true) => {
                        slot.contended = true;
                        return Look::Previous(page.clone());
                    }
                    (Some((_, page)), false) if slot.rest_until.is_some_and(|t| now < t) => {
                        return Look::Previous(page.clone());
                    }
                    (None, true) => slot.gate.clone(),
                    (_, false) => match slot.gate.clone().try_lock_owned() {
                        Ok(turn) => {
                            slot.rendering = true;
                            slot.contended = false;
                            return Look::Render(Turn {
                                cache: Some((self.store.clone(), key.to_string(), version)),
                                started: now,
                                _turn: Some(turn),
                            });
                        }
                        // The last render is letting go of the key: wait a moment.
                        Err(_) => slot.gate.clone(),
                    },
                }
            };
            drop(wait.lock_owned().await);
        }
    }

    /// How many pages are kept, and their bytes.
    pub fn size(&self) -> (usize, usize) {
        self.store
            .lock()
            .map(|s| {
                let n = s.slots.values().filter(|s| s.kept.is_some()).count();
                (n, s.bytes)
            })
            .unwrap_or_default()
    }
}

/// One request's turn to render a key; the key is free again when it is finished or
/// dropped (a render that failed keeps nothing).
pub struct Turn {
    cache: Option<(Arc<Mutex<Store>>, String, u64)>,
    started: Instant,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Turn {
    /// A turn that keeps nothing (the store could not be read).
    fn none() -> Turn {
        Turn {
            cache: None,
            started: Instant::now(),
            _turn: None,
        }
    }

    /// Keeps `page` (when there is one to keep) and frees the key.
    pub fn finish(self, page: Option<KeptPage>) -> Option<Arc<KeptPage>> {
        self.finish_at(page, Instant::now())
    }

    /// [`Turn::finish`] at `now`.
    pub fn finish_at(mut self, page: Option<KeptPage>, now: Instant) -> Option<Arc<KeptPage>> {
        let (store, key, version) = self.cache.take()?;
        let mut store = store.lock().ok()?;
        let page = page.map(Arc::new);
        let added = page.as_ref().map_or(0, |p| p.size());
        if store.bytes + added > BUDGET {
            let Store { slots, bytes } = &mut *store;
            slots.retain(|k, slot| {
                if slot.rendering || k == &key || *bytes + added <= BUDGET {
                    return true;
                }
                *bytes -= slot.kept.as_ref().map_or(0, |(_, p)| p.size());
                false
            });
        }
        let slot = store.slots.entry(key).or_default();
        slot.rendering = false;
        slot.rest_until = slot.contended.then(|| {
            let took = now.saturating_duration_since(self.started);
            now + (took * COOLDOWN_FACTOR).min(LONGEST_COOLDOWN)
        });
        let page = page?;
        let old = slot.kept.replace((version, page.clone()));
        let freed = old.map_or(0, |(_, p)| p.size());
        store.bytes = store.bytes + added - freed;
        Some(page)
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some((store, key, _)) = self.cache.take() {
            if let Ok(mut store) = store.lock() {
                if let Some(slot) = store.slots.get_mut(&key) {
                    slot.rendering = false;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
