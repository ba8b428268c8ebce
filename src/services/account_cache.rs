//! The account behind a phone, as USSD needs it on every screen (who calls, their role
//! and language), kept in memory per phone. Only accounts that exist are kept (a phone
//! that registers is seen at once); a profile change bumps the phone's version after
//! it commits (`changed`), read with the caller's language in the same round trip.
use std::{sync::Arc, time::Duration};

use super::versioned_cache::VersionedCache;
use crate::{db::models::users::UserRow, kv::KvStore};

const TTL: Duration = Duration::from_secs(300);
const MAX_ENTRIES: usize = 50_000;
const VERSION_LIFE: Duration = Duration::from_secs(7 * 24 * 3600);

pub type AccountCache = VersionedCache<String, Arc<UserRow>>;

pub fn new() -> AccountCache {
    VersionedCache::new(TTL, MAX_ENTRIES)
}

/// The key-value key of a phone's account version.
pub fn version_key(phone: &str) -> String {
    format!("account:v:{phone}")
}

/// Call after a change to an account has committed. A failure is logged, not returned:
/// the change stands, and the kept account ends within `TTL`.
pub async fn changed(kv: &dyn KvStore, phone: &str) {
    if let Err(e) = kv.incr(&version_key(phone), VERSION_LIFE).await {
        tracing::warn!(error = %e, "account version not bumped; the kept account ends within its TTL");
    }
}
