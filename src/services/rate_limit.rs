//! Abuse limits as counters in the shared key-value store, so every replica counts
//! against the same budget.
use std::time::Duration;

use crate::{error::ApiError, kv::KvStore};

/// A limit: at most `max` hits of one kind for one subject per `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
}

impl Limit {
    pub const fn per_hour(name: &'static str, max: u32) -> Limit {
        Limit {
            name,
            max,
            window: Duration::from_secs(3600),
        }
    }
}

/// Counts one hit for `subject`; past the limit it is a 429 with the time to wait.
pub async fn hit(kv: &dyn KvStore, limit: Limit, subject: &str) -> Result<(), ApiError> {
    let counter = kv
        .incr(&format!("rl:{}:{subject}", limit.name), limit.window)
        .await?;
    if counter.value > u64::from(limit.max) {
        Err(ApiError::TooManyRequests {
            retry_after_secs: counter.resets_in.as_secs().max(1),
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kv::MemoryKv;

    #[tokio::test]
    async fn allows_up_to_the_limit_then_says_when_to_retry() {
        let kv = MemoryKv::new("t:");
        let limit = Limit::per_hour("test", 3);
        for _ in 0..3 {
            hit(&kv, limit, "a").await.unwrap();
        }
        match hit(&kv, limit, "a").await {
            Err(ApiError::TooManyRequests { retry_after_secs }) => {
                assert!((3500..=3600).contains(&retry_after_secs))
            }
            other => panic!("expected 429, got {other:?}"),
        }
        hit(&kv, limit, "b")
            .await
            .expect("other subjects have their own budget");
    }
}
