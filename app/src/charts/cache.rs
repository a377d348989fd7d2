//! Drawn charts kept per data version, so a page view does not redraw an unchanged chart.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Chart id → (data version, SVG drawn from it).
type Drawn = HashMap<String, (i64, Arc<String>)>;

/// SVGs by chart id, each with the data version it was drawn from.
#[derive(Clone, Default)]
pub struct ChartCache {
    inner: Arc<Mutex<Drawn>>,
}

/// Most charts kept; past this the cache starts afresh (charts are cheap to redraw).
const CAPACITY: usize = 2_000;

impl ChartCache {
    /// The SVG drawn for `id` at `version`, drawing it with `draw` when missing or stale.
    pub fn get_or_draw(
        &self,
        id: &str,
        version: i64,
        draw: impl FnOnce() -> String,
    ) -> Arc<String> {
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
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<String>> {
        let map = self.inner.lock().ok()?;
        map.get(key)
            .filter(|(v, _)| *v == version)
            .map(|(_, s)| s.clone())
    }

    /// Keeps `value` under `key` for `version`.
    pub fn put(&self, key: &str, version: i64, value: String) {
        if let Ok(mut map) = self.inner.lock() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(key.to_string(), (version, Arc::new(value)));
        }
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
