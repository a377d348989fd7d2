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
    /// One gate per key: concurrent requests that miss compute it once, the others wait.
    gates: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
}

impl<T> Clone for ChartCache<T> {
    fn clone(&self) -> Self {
        ChartCache {
            inner: self.inner.clone(),
            gates: self.gates.clone(),
        }
    }
}

impl<T> Default for ChartCache<T> {
    fn default() -> Self {
        ChartCache {
            inner: Arc::default(),
            gates: Arc::default(),
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

    /// What is kept under `key` for `version`, computing it with `compute` when missing.
    /// One caller computes; callers that miss meanwhile get the value kept for an earlier
    /// version at once when there is one (at most one computation behind), else wait for
    /// the computation and share it: no stampede after a write, and a view during a data
    /// call costs what a view of an unchanged plan does.
    pub async fn get_or_compute<E, F, Fut>(
        &self,
        key: &str,
        version: i64,
        compute: F,
    ) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        if let Some(kept) = self.get(key, version) {
            return Ok(kept);
        }
        let gate = {
            let Ok(mut gates) = self.gates.lock() else {
                return compute().await.map(Arc::new);
            };
            if gates.len() >= CAPACITY {
                gates.retain(|_, g| Arc::strong_count(g) > 1);
            }
            gates.entry(key.to_string()).or_default().clone()
        };
        let _turn = match gate.clone().try_lock_owned() {
            Ok(turn) => turn,
            Err(_) => match self.latest(key) {
                Some((kept_version, kept)) if kept_version < version => return Ok(kept),
                _ => gate.lock_owned().await,
            },
        };
        if let Some(kept) = self.get(key, version) {
            return Ok(kept);
        }
        let value = compute().await?;
        Ok(self.put(key, version, value))
    }

    /// The newest value kept under `key`, whatever its version.
    fn latest(&self, key: &str) -> Option<(i64, Arc<T>)> {
        let map = self.inner.lock().ok()?;
        map.get(key).map(|(v, s)| (*v, s.clone()))
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_misses_compute_once_and_share_the_result() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cache: ChartCache<usize> = ChartCache::default();
        let computed = Arc::new(AtomicUsize::new(0));
        let mut waiting = tokio::task::JoinSet::new();
        for _ in 0..32 {
            let (cache, computed) = (cache.clone(), computed.clone());
            waiting.spawn(async move {
                cache
                    .get_or_compute("dashboard", 7, || async {
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        Ok::<_, ()>(computed.fetch_add(1, Ordering::SeqCst) + 100)
                    })
                    .await
                    .map(|v| *v)
            });
        }
        let answers = waiting.join_all().await;
        assert_eq!(computed.load(Ordering::SeqCst), 1, "computed once");
        assert!(answers.iter().all(|a| *a == Ok(100)), "{answers:?}");
        // A new data version computes again.
        let again = cache
            .get_or_compute("dashboard", 8, || async { Ok::<_, ()>(5) })
            .await;
        assert_eq!(again.map(|v| *v), Ok(5));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn while_a_new_version_is_computed_others_get_the_previous_one_at_once() {
        let cache: ChartCache<usize> = ChartCache::default();
        let first = cache
            .get_or_compute("d", 1, || async { Ok::<_, ()>(1) })
            .await;
        assert_eq!(first.map(|v| *v), Ok(1));
        let (started, wait) = tokio::sync::oneshot::channel();
        let (finish, finished) = tokio::sync::oneshot::channel::<()>();
        let slow = {
            let cache = cache.clone();
            tokio::spawn(async move {
                cache
                    .get_or_compute("d", 2, || async {
                        let _ = started.send(());
                        let _ = finished.await;
                        Ok::<_, ()>(2)
                    })
                    .await
                    .map(|v| *v)
            })
        };
        wait.await.unwrap();
        // Version 2 is being computed: another caller gets version 1 without waiting.
        let meanwhile = cache
            .get_or_compute("d", 2, || async { Ok::<_, ()>(99) })
            .await;
        assert_eq!(meanwhile.map(|v| *v), Ok(1));
        finish.send(()).unwrap();
        assert_eq!(slow.await.unwrap(), Ok(2));
        let after = cache
            .get_or_compute("d", 2, || async { Ok::<_, ()>(99) })
            .await;
        assert_eq!(after.map(|v| *v), Ok(2), "computed once, then kept");
    }
}
