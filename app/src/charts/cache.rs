//! Drawn charts kept per data version, so a page view (or a download) does not redraw an
//! unchanged chart.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Chart key → (data version, what was drawn from it).
type Drawn<T> = HashMap<String, (i64, Arc<T>)>;

/// Drawn charts (SVG text, or a file's bytes) by key, each with the data version it was
/// drawn from.
pub struct ChartCache<T = String> {
    inner: Arc<Mutex<Drawn<T>>>,
}

impl<T> Clone for ChartCache<T> {
    fn clone(&self) -> Self {
        ChartCache {
            inner: self.inner.clone(),
        }
    }
}

impl<T> Default for ChartCache<T> {
    fn default() -> Self {
        ChartCache {
            inner: Arc::default(),
        }
    }
}

/// Most charts kept; past this the cache starts afresh (charts are cheap to redraw).
const CAPACITY: usize = 2_000;

impl<T> ChartCache<T> {
    /// What was drawn for `id` at `version`, drawing it with `draw` when missing or stale.
    pub fn get_or_draw(&self, id: &str, version: i64, draw: impl FnOnce() -> T) -> Arc<T> {
        if let Ok(map) = self.inner.lock() {
            if let Some((v, svg)) = map.get(id) {
                if *v == version {
                    return svg.clone();
                }
            }
        }
        let svg = Arc::new(draw());
        if let Ok(mut map) = self.inner.lock() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(id.to_string(), (version, svg.clone()));
        }
        svg
    }

    /// What is kept under `key` for `version`, if anything.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<T>> {
        let map = self.inner.lock().ok()?;
        map.get(key)
            .filter(|(v, _)| *v == version)
            .map(|(_, s)| s.clone())
    }

    /// Keeps `value` under `key` for `version`; returns it as kept.
    pub fn put(&self, key: &str, version: i64, value: T) -> Arc<T> {
        let value = Arc::new(value);
        if let Ok(mut map) = self.inner.lock() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(key.to_string(), (version, value.clone()));
        }
        value
    }

    /// How many charts are kept.
    pub fn len(&self) -> usize {
        self.inner.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_drawn_once_per_data_version() {
        let cache = ChartCache::default();
        let mut draws = 0;
        for version in [1, 1, 1, 2, 2] {
            let svg = cache.get_or_draw("c", version, || {
                draws += 1;
                format!("<svg>{version}</svg>")
            });
            assert_eq!(*svg, format!("<svg>{version}</svg>"));
        }
        assert_eq!(draws, 2);
        assert_eq!(cache.len(), 1);
    }
}
