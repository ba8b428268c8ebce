//! Shared ephemeral state (OTP codes, rate-limit counters, later USSD sessions): Redis
//! when configured, in-process otherwise. Nothing here may be needed after a restart.
mod kept;
mod memory;
mod redis;

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;

pub use self::{memory::MemoryKv, redis::RedisKv};

#[derive(Debug, thiserror::Error)]
#[error("key-value store unavailable: {0}")]
pub struct KvError(pub String);

impl From<KvError> for crate::error::ApiError {
    fn from(e: KvError) -> Self {
        crate::error::ApiError::KvUnavailable(e.0)
    }
}

/// A counter after an increment: its value and how long until it resets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub value: u64,
    pub resets_in: Duration,
}

#[async_trait]
pub trait KvStore: Send + Sync {
    async fn get(&self, key: &str) -> Result<Option<String>, KvError>;
    /// Several keys in one round trip, values in the order of `keys`.
    async fn get_many(&self, keys: &[&str]) -> Result<Vec<Option<String>>, KvError>;
    /// Like `get_many`, for values read far more often than they change, which may be
    /// kept beside the caller until the store says they changed (Redis: client-side
    /// caching with invalidation). Most reads then need no round trip. A change made
    /// through another connection is seen once the store's notice has arrived — a moment
    /// later, not at once — so never use it for a value whose last write must be seen
    /// (a one-time code, a filed report, a counter). A kept value may also outlive its
    /// expiry by a moment (until the store notices it expired).
    async fn get_many_kept(&self, keys: &[&str]) -> Result<Vec<Option<String>>, KvError> {
        self.get_many(keys).await
    }
    async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), KvError>;
    /// Adds one; a new key starts at 1 and lives `ttl`; an existing key keeps its expiry.
    async fn incr(&self, key: &str, ttl: Duration) -> Result<Counter, KvError>;
    /// Deletes a key; true if it existed (so exactly one caller can consume a value).
    async fn delete(&self, key: &str) -> Result<bool, KvError>;
    async fn ping(&self) -> Result<(), KvError>;
    fn name(&self) -> &'static str;
}

pub type Kv = Arc<dyn KvStore>;

/// Redis when a URL is given, in-process otherwise. Never fails: Redis is reached lazily.
pub fn from_config(redis_url: Option<&str>, prefix: &str) -> anyhow::Result<Kv> {
    Ok(match redis_url {
        Some(url) => Arc::new(RedisKv::new(url, prefix)?),
        None => Arc::new(MemoryKv::new(prefix)),
    })
}

#[cfg(test)]
pub(crate) mod contract {
    //! The behaviour every implementation must have; run against each of them.
    use super::*;

    /// `get_many_kept` gives `want` for `key` within a second.
    pub async fn eventually(kv: &dyn KvStore, key: &str, want: Option<&str>) {
        let until = std::time::Instant::now() + Duration::from_secs(1);
        loop {
            let got = kv.get_many_kept(&[key]).await.unwrap();
            if got[0].as_deref() == want {
                return;
            }
            assert!(
                std::time::Instant::now() < until,
                "{key}: {got:?}, want {want:?}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    pub async fn check(kv: &dyn KvStore) {
        assert_eq!(kv.get("missing").await.unwrap(), None);
        kv.set("a", "1", Duration::from_secs(60)).await.unwrap();
        assert_eq!(kv.get("a").await.unwrap().as_deref(), Some("1"));
        kv.set("a", "2", Duration::from_secs(60)).await.unwrap();
        assert_eq!(kv.get("a").await.unwrap().as_deref(), Some("2"));
        assert!(kv.delete("a").await.unwrap());
        assert!(!kv.delete("a").await.unwrap());
        assert_eq!(kv.get("a").await.unwrap(), None);

        kv.set("b", "x", Duration::from_secs(60)).await.unwrap();
        assert_eq!(
            kv.get_many(&["b", "missing", "b"]).await.unwrap(),
            [Some("x".to_string()), None, Some("x".to_string())],
            "one value per key, in order"
        );
        assert!(kv.get_many(&[]).await.unwrap().is_empty());

        // Kept reads give what plain reads give, and follow changes (a moment later).
        kv.set("kept", "1", Duration::from_secs(60)).await.unwrap();
        assert_eq!(
            kv.get_many_kept(&["kept", "missing"]).await.unwrap(),
            [Some("1".to_string()), None]
        );
        assert!(kv.get_many_kept(&[]).await.unwrap().is_empty());
        kv.set("kept", "2", Duration::from_secs(60)).await.unwrap();
        eventually(kv, "kept", Some("2")).await;
        kv.delete("kept").await.unwrap();
        eventually(kv, "kept", None).await;

        let first = kv.incr("n", Duration::from_secs(100)).await.unwrap();
        assert_eq!(first.value, 1);
        assert!(
            first.resets_in <= Duration::from_secs(100)
                && first.resets_in > Duration::from_secs(90)
        );
        let second = kv.incr("n", Duration::from_secs(5)).await.unwrap();
        assert_eq!(second.value, 2);
        assert!(
            second.resets_in > Duration::from_secs(90),
            "an existing counter keeps its expiry"
        );

        kv.set("short", "x", Duration::from_millis(150))
            .await
            .unwrap();
        kv.incr("short-n", Duration::from_millis(150))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(kv.get("short").await.unwrap(), None, "values expire");
        assert_eq!(kv.get_many(&["short", "b"]).await.unwrap()[0], None);
        assert_eq!(
            kv.incr("short-n", Duration::from_secs(5))
                .await
                .unwrap()
                .value,
            1,
            "counters reset"
        );
        kv.ping().await.unwrap();
    }
}
