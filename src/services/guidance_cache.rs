//! Guidance as USSD shows it (the topic titles, each topic's pages) per language, kept
//! in memory while the guidance version in the key-value store stays the same. An edit
//! bumps the version after it commits, and every replica sees the new one on its next
//! USSD request (read with the caller's language, in the same round trip). Entries also
//! end after `TTL`, should a bump be lost.
use std::{sync::Arc, time::Duration};

use super::versioned_cache::VersionedCache;
use crate::{i18n::Lang, kv::KvStore};

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

/// Pages per (language, item): a few per language, so the bound is never reached.
pub type GuidanceCache = VersionedCache<(Lang, Item), Arc<[String]>>;

pub fn new() -> GuidanceCache {
    VersionedCache::new(TTL, 1000)
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
    async fn an_edit_moves_the_version_pages_are_kept_under() {
        let kv = MemoryKv::new("t:");
        let cache = new();
        let v0 = kv.get(VERSION_KEY).await.unwrap();
        let pages: Arc<[String]> = Arc::from(vec!["a".to_string()]);
        cache.put((Lang::Vi, Item::Topic(1)), v0.clone(), pages.clone());
        assert_eq!(
            cache.get(&(Lang::Vi, Item::Topic(1)), v0.as_deref()),
            Some(pages)
        );
        assert_eq!(cache.get(&(Lang::Zh, Item::Topic(1)), v0.as_deref()), None);
        changed(&kv).await;
        let v1 = kv.get(VERSION_KEY).await.unwrap();
        assert_ne!(v0, v1);
        assert_eq!(cache.get(&(Lang::Vi, Item::Topic(1)), v1.as_deref()), None);
    }
}
