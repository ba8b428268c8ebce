//! A worker's rendered status (`GET /v1/me/status`), kept between requests until
//! something it depends on changes — most requests then touch no database.
//!
//! Validity is a version in the key-value store, so replicas agree through Redis: the
//! worker's own counter, bumped after a change to their papers, employment or profile
//! commits, and one counter for everyone, bumped when a paper that is not a worker's
//! (an employer's permit, say) changes. The version is read *before* the database, so
//! an entry is never newer than its version claims. An entry also ends when the
//! worker's day ends (a status is of a day) and after `TTL`, which bounds staleness
//! when a bump is lost (the store down just after a commit) or a change is made behind
//! the service's back.
use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

use actix_web::web::Bytes;
use chrono::NaiveDate;

use crate::{
    db::models::papers::PaperRow,
    i18n::Lang,
    kv::{KvError, KvStore},
};

const TTL: Duration = Duration::from_secs(300);
/// Each entry lives `TTL` less a random part of this, so entries filled in the same
/// seconds (a morning rush, a warm-up) do not all expire — and miss — together.
const TTL_JITTER: Duration = Duration::from_secs(120);
/// Past this many entries the cache is emptied and refills with who asks next
/// (an entry is 1–2 KB: this bounds the cache near 100 MB).
const MAX_ENTRIES: usize = 50_000;
/// How long a version counter lives without changes (far beyond `TTL`).
const VERSION_LIFE: Duration = Duration::from_secs(7 * 24 * 3600);
const EVERYONE: &str = "status:v:*";

fn worker_key(worker_id: &str) -> String {
    format!("status:v:{worker_id}")
}

/// The versions an entry was computed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    everyone: Option<String>,
    worker: Option<String>,
}

/// A rendered status: its language (errors after it speak it too), the worker's time
/// zone (whose day it is of) and the JSON body.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub lang: Lang,
    pub time_zone: chrono_tz::Tz,
    pub day: NaiveDate,
    pub body: Bytes,
}

struct Entry {
    version: Version,
    rendered: Rendered,
    ends: Instant,
}

#[derive(Default)]
pub struct StatusCache {
    entries: RwLock<HashMap<String, Entry>>,
}

impl StatusCache {
    /// The current versions for a worker (both counters in one read).
    pub async fn version(kv: &dyn KvStore, worker_id: &str) -> Result<Version, KvError> {
        let mut got = kv
            .get_many(&[EVERYONE, &worker_key(worker_id)])
            .await?
            .into_iter();
        Ok(Version {
            everyone: got.next().flatten(),
            worker: got.next().flatten(),
        })
    }

    /// The entry for `worker_id` if it was computed under `version`, is of the day it
    /// is now in the worker's time zone, and has not reached its end (`TTL` less jitter).
    pub fn get(&self, worker_id: &str, version: &Version) -> Option<Rendered> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let e = entries.get(worker_id)?;
        let fresh = e.version == *version
            && Instant::now() < e.ends
            && e.rendered.day
                == chrono::Utc::now()
                    .with_timezone(&e.rendered.time_zone)
                    .date_naive();
        fresh.then(|| e.rendered.clone())
    }

    pub fn put(&self, worker_id: &str, version: Version, rendered: Rendered) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            worker_id.to_string(),
            Entry {
                version,
                rendered,
                ends: Instant::now() + TTL - TTL_JITTER.mul_f64(rand::random::<f64>()),
            },
        );
    }
}

/// What a committed change touched.
pub enum Changed<'a> {
    Worker(&'a str),
    Everyone,
}

impl<'a> Changed<'a> {
    /// A worker's own paper touches that worker; any other paper may touch many.
    pub fn paper(row: &'a PaperRow) -> Changed<'a> {
        match &row.worker_id {
            Some(w) => Changed::Worker(w),
            None => Changed::Everyone,
        }
    }
}

/// Call after the change has committed. A failure is logged, not returned: the change
/// stands, and entries it should have ended end within `TTL`.
pub async fn changed(kv: &dyn KvStore, what: Changed<'_>) {
    let key = match what {
        Changed::Worker(w) => worker_key(w),
        Changed::Everyone => EVERYONE.to_string(),
    };
    if let Err(e) = kv.incr(&key, VERSION_LIFE).await {
        tracing::warn!(error = %e, key, "status version not bumped; cached statuses end within their TTL");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kv::MemoryKv;

    fn rendered(day: NaiveDate, body: &'static str) -> Rendered {
        Rendered {
            lang: Lang::Vi,
            time_zone: chrono_tz::Asia::Ho_Chi_Minh,
            day,
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[tokio::test]
    async fn an_entry_lives_until_its_worker_or_everyone_changes() {
        let kv = MemoryKv::new("t:");
        let cache = StatusCache::default();
        let today = super::super::status::today_in("Asia/Ho_Chi_Minh");
        let v0 = StatusCache::version(&kv, "w1").await.unwrap();
        cache.put("w1", v0.clone(), rendered(today, "a"));
        cache.put("w2", v0.clone(), rendered(today, "b"));
        assert_eq!(cache.get("w1", &v0).unwrap().body, "a");

        changed(&kv, Changed::Worker("w1")).await;
        let v1 = StatusCache::version(&kv, "w1").await.unwrap();
        assert!(
            cache.get("w1", &v1).is_none(),
            "w1's change ends w1's entry"
        );
        let w2 = StatusCache::version(&kv, "w2").await.unwrap();
        assert_eq!(cache.get("w2", &w2).unwrap().body, "b", "not w2's");

        changed(&kv, Changed::Everyone).await;
        let w2 = StatusCache::version(&kv, "w2").await.unwrap();
        assert!(
            cache.get("w2", &w2).is_none(),
            "a change for everyone ends all"
        );
    }

    #[test]
    fn an_entry_of_another_day_is_not_served() {
        let cache = StatusCache::default();
        let v = Version {
            everyone: None,
            worker: None,
        };
        let yesterday = super::super::status::today_in("Asia/Ho_Chi_Minh")
            .pred_opt()
            .unwrap();
        cache.put("w1", v.clone(), rendered(yesterday, "old"));
        assert!(cache.get("w1", &v).is_none());
    }
}
