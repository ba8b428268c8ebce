//! Guidance as USSD shows it (the topic titles, each topic's pages) per language, kept
//! in memory while the guidance version in the key-value store stays the same. An edit
//! bumps the version after it commits, and every replica sees the new one on its next
//! USSD request (read with the caller's language, in the same round trip). Entries also
//! end after `TTL`, should a bump be lost.
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use crate::{error::ApiResult, i18n::Lang, kv::KvStore};

/// The key-value store's counter of guidance edits.
pub const VERSION_KEY: &str = "guidance:v";
const TTL: Duration = Duration::from_secs(300);
const VERSION_LIFE: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// One line per topic, in topic order.
    Titles,
    /// The pages of topic number `n` (from 1).
    Topic(usize),
}

struct Entry {
    version: Option<String>,
    pages: Arc<[String]>,
    ends: Instant,
}

/// A few entries per language (the titles and one per topic): never needs a bound.
#[derive(Default)]
pub struct GuidanceCache {
    entries: RwLock<HashMap<(Lang, Item), Entry>>,
}

impl GuidanceCache {
    /// The cached pages of `item` if they were made under `version` and have not ended;
    /// otherwise `make`s them and keeps them.
    pub fn get_or_make(
        &self,
        lang: Lang,
        item: Item,
        version: Option<&str>,
        make: impl FnOnce() -> ApiResult<Vec<String>>,
    ) -> ApiResult<Arc<[String]>> {
        {
            let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
            if let Some(e) = entries.get(&(lang, item))
                && e.version.as_deref() == version
                && Instant::now() < e.ends
            {
                return Ok(e.pages.clone());
            }
        }
        let pages: Arc<[String]> = make()?.into();
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.insert(
            (lang, item),
            Entry {
                version: version.map(str::to_string),
                pages: pages.clone(),
                ends: Instant::now() + TTL,
            },
        );
        Ok(pages)
    }
}

/// Call after an edit has committed. A failure is logged, not returned: the edit stands,
/// and the pages it should have replaced end within `TTL`.
pub async fn changed(kv: &dyn KvStore) {
    if let Err(e) = kv.incr(VERSION_KEY, VERSION_LIFE).await {
        tracing::warn!(error = %e, "guidance version not bumped; cached pages end within their TTL");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kv::MemoryKv;

    #[tokio::test]
    async fn pages_live_until_the_version_moves() {
        let kv = MemoryKv::new("t:");
        let cache = GuidanceCache::default();
        let version = || async { kv.get(VERSION_KEY).await.unwrap() };
        let made = std::cell::Cell::new(0);
        let make = |text: &str| {
            made.set(made.get() + 1);
            Ok(vec![text.to_string()])
        };
        let v0 = version().await;
        let first = cache
            .get_or_make(Lang::Vi, Item::Topic(1), v0.as_deref(), || make("a"))
            .unwrap();
        let again = cache
            .get_or_make(Lang::Vi, Item::Topic(1), v0.as_deref(), || make("b"))
            .unwrap();
        assert_eq!(
            (&*first, &*again, made.get()),
            (&["a".to_string()][..], &["a".to_string()][..], 1)
        );
        // Another language or item is another entry.
        cache
            .get_or_make(Lang::Zh, Item::Topic(1), v0.as_deref(), || make("zh"))
            .unwrap();
        assert_eq!(made.get(), 2);
        changed(&kv).await;
        let v1 = version().await;
        assert_ne!(v0, v1);
        let edited = cache
            .get_or_make(Lang::Vi, Item::Topic(1), v1.as_deref(), || make("c"))
            .unwrap();
        assert_eq!(&*edited, &["c".to_string()][..]);
        assert_eq!(made.get(), 3);
    }

    #[test]
    fn a_failure_to_make_is_not_kept() {
        let cache = GuidanceCache::default();
        let failed = cache.get_or_make(Lang::En, Item::Titles, None, || {
            Err(crate::error::ApiError::DatabaseUnavailable("down".into()))
        });
        assert!(failed.is_err());
        let made = cache
            .get_or_make(Lang::En, Item::Titles, None, || Ok(vec!["ok".into()]))
            .unwrap();
        assert_eq!(&*made, &["ok".to_string()][..]);
    }
}
