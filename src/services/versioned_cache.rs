//! An in-process cache whose entries are tagged with a version read from the key-value
//! store: an entry serves only while the version it was made under is still current
//! (a change elsewhere bumps the version, and every replica sees it on its next read)
//! and for at most `ttl`, should a bump be lost. Bounded: full, it starts over.
use std::{
    borrow::Borrow,
    collections::HashMap,
    hash::Hash,
    sync::RwLock,
    time::{Duration, Instant},
};

use crate::error::ApiResult;

struct Entry<V> {
    version: Option<String>,
    value: V,
    ends: Instant,
}

pub struct VersionedCache<K, V> {
    entries: RwLock<HashMap<K, Entry<V>>>,
    ttl: Duration,
    max: usize,
}

impl<K: Eq + Hash, V: Clone> VersionedCache<K, V> {
    pub fn new(ttl: Duration, max: usize) -> Self {
        VersionedCache {
            entries: RwLock::default(),
            ttl,
            max: max.max(1),
        }
    }

    /// The value for `key` if it was made under `version` and has not ended.
    pub fn get<Q>(&self, key: &Q, version: Option<&str>) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let e = entries.get(key)?;
        (e.version.as_deref() == version && Instant::now() < e.ends).then(|| e.value.clone())
    }

    pub fn put(&self, key: K, version: Option<String>, value: V) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.max && !entries.contains_key(&key) {
            entries.clear();
        }
        let ends = Instant::now() + self.ttl;
        entries.insert(
            key,
            Entry {
                version,
                value,
                ends,
            },
        );
    }

    /// The value for `key` under `version`, made (and kept) on a miss. A failure to
    /// make is returned and not kept.
    pub fn get_or_make(
        &self,
        key: K,
        version: Option<&str>,
        make: impl FnOnce() -> ApiResult<V>,
    ) -> ApiResult<V> {
        if let Some(v) = self.get(&key, version) {
            return Ok(v);
        }
        let value = make()?;
        self.put(key, version.map(str::to_string), value.clone());
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_serves_its_version_until_it_ends() {
        let cache = VersionedCache::<String, u32>::new(Duration::from_secs(60), 10);
        cache.put("a".into(), Some("1".into()), 7);
        assert_eq!(cache.get("a", Some("1")), Some(7));
        assert_eq!(cache.get("a", Some("2")), None, "a newer version");
        assert_eq!(cache.get("a", None), None, "the version was reset");
        assert_eq!(cache.get("b", Some("1")), None);
        let ended = VersionedCache::<String, u32>::new(Duration::ZERO, 10);
        ended.put("a".into(), None, 7);
        assert_eq!(ended.get("a", None), None, "past its life");
    }

    #[test]
    fn made_once_failures_not_kept_and_bounded() {
        let cache = VersionedCache::<u32, u32>::new(Duration::from_secs(60), 2);
        let failed = cache.get_or_make(1, None, || {
            Err(crate::error::ApiError::DatabaseUnavailable("down".into()))
        });
        assert!(failed.is_err());
        assert_eq!(cache.get_or_make(1, None, || Ok(10)).unwrap(), 10);
        assert_eq!(cache.get_or_make(1, None, || Ok(11)).unwrap(), 10, "kept");
        cache.put(2, None, 20);
        cache.put(3, None, 30); // full: starts over
        assert_eq!(cache.get(&1, None), None);
        assert_eq!(cache.get(&3, None), Some(30));
    }
}
