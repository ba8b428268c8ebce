//! Values read through `get_many_kept`, answered from this process's memory until Redis
//! says that something it tracks for us changed.
//!
//! redis-rs keeps such reads beside the connection already (client-side caching), but
//! asking it still packs a command, hashes it and copies the reply per key: on the USSD
//! path that was a fifth of the handler's CPU. This map answers the same reads with one
//! lock and a lookup per key. It forgets everything whenever the connection reports any
//! push (an invalidation, a flush, a disconnection), which is rare next to reads.
//!
//! A read that missed puts its values back only if nothing was forgotten while it was
//! out (`generation`): a notice that overtakes the reply can then never leave the old
//! value behind.
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

pub struct Kept {
    inner: Mutex<Inner>,
    /// Longest a value serves without a fresh read.
    ttl: Duration,
    /// Most values held; past that, all are forgotten (they are re-read on demand).
    max: usize,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    values: HashMap<String, (Option<String>, Instant)>,
}

/// A read that missed: where the map stood when it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Miss(u64);

impl Kept {
    pub fn new(ttl: Duration, max: usize) -> Kept {
        Kept {
            inner: Mutex::default(),
            ttl,
            max,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every key's value, if all are held and none is older than the TTL.
    pub fn get(&self, keys: &[&str], now: Instant) -> Result<Vec<Option<String>>, Miss> {
        let inner = self.lock();
        keys.iter()
            .map(|k| match inner.values.get(*k) {
                Some((v, until)) if now < *until => Ok(v.clone()),
                _ => Err(Miss(inner.generation)),
            })
            .collect()
    }

    /// Holds what a read that missed got, unless something was forgotten since it began.
    pub fn put(&self, miss: Miss, keys: &[&str], values: &[Option<String>], now: Instant) {
        let mut inner = self.lock();
        if inner.generation != miss.0 || keys.len() != values.len() {
            return;
        }
        if inner.values.len() + keys.len() > self.max {
            inner.values.clear();
        }
        let until = now + self.ttl;
        for (k, v) in keys.iter().zip(values) {
            inner.values.insert((*k).to_string(), (v.clone(), until));
        }
    }

    /// Redis said something changed (or the connection dropped and with it the tracking).
    pub fn forget_all(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.values.clear();
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().values.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn answers_only_when_every_key_is_held_and_fresh() {
        let kept = Kept::new(Duration::from_secs(10), 100);
        let t0 = Instant::now();
        let miss = kept.get(&["a", "b"], t0).unwrap_err();
        kept.put(miss, &["a", "b"], &[v("1"), None], t0);
        assert_eq!(kept.get(&["a", "b"], t0), Ok(vec![v("1"), None]));
        assert_eq!(
            kept.get(&["b"], t0),
            Ok(vec![None]),
            "a missing value is held too"
        );
        assert!(
            kept.get(&["a", "c"], t0).is_err(),
            "one unknown key is a miss"
        );
        assert!(
            kept.get(&["a"], t0 + Duration::from_secs(10)).is_err(),
            "expired"
        );
    }

    #[test]
    fn a_notice_during_a_read_keeps_its_old_value_out() {
        let kept = Kept::new(Duration::from_secs(10), 100);
        let t0 = Instant::now();
        let miss = kept.get(&["a"], t0).unwrap_err();
        // The key changes and Redis says so before the read's reply is put back.
        kept.forget_all();
        kept.put(miss, &["a"], &[v("old")], t0);
        assert!(kept.get(&["a"], t0).is_err());
        // A read begun after the notice is held.
        let miss = kept.get(&["a"], t0).unwrap_err();
        kept.put(miss, &["a"], &[v("new")], t0);
        assert_eq!(kept.get(&["a"], t0), Ok(vec![v("new")]));
        kept.forget_all();
        assert!(kept.get(&["a"], t0).is_err(), "forgotten");
    }

    #[test]
    fn stays_within_its_size() {
        let kept = Kept::new(Duration::from_secs(10), 3);
        let t0 = Instant::now();
        for k in ["a", "b", "c", "d", "e"] {
            let miss = kept.get(&[k], t0).unwrap_err();
            kept.put(miss, &[k], &[v(k)], t0);
            assert!(kept.len() <= 3, "{}", kept.len());
        }
        assert_eq!(kept.get(&["e"], t0), Ok(vec![v("e")]));
    }
}
