use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use async_trait::async_trait;

use super::{Counter, KvError, KvStore};

/// One process's store, for a single instance on SQLite.
pub struct MemoryKv {
    prefix: String,
    inner: Mutex<Inner>,
}

struct Inner {
    entries: HashMap<String, (String, Instant)>,
    last_sweep: Instant,
}

/// How often expired entries are dropped, so memory stays bounded without a scan per call.
const SWEEP_EVERY: Duration = Duration::from_secs(30);

impl MemoryKv {
    pub fn new(prefix: &str) -> MemoryKv {
        MemoryKv {
            prefix: prefix.to_string(),
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                last_sweep: Instant::now(),
            }),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, (String, Instant)>, Instant) -> T) -> T {
        let mut inner = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if now.duration_since(inner.last_sweep) > SWEEP_EVERY {
            inner.entries.retain(|_, (_, expires)| *expires > now);
            inner.last_sweep = now;
        }
        f(&mut inner.entries, now)
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }
}

#[async_trait]
impl KvStore for MemoryKv {
    async fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        let key = self.key(key);
        Ok(self.with(|map, now| {
            map.get(&key)
                .filter(|(_, exp)| *exp > now)
                .map(|(v, _)| v.clone())
        }))
    }

    async fn get_many(&self, keys: &[&str]) -> Result<Vec<Option<String>>, KvError> {
        let keys: Vec<String> = keys.iter().map(|k| self.key(k)).collect();
        Ok(self.with(|map, now| {
            keys.iter()
                .map(|k| {
                    map.get(k)
                        .filter(|(_, exp)| *exp > now)
                        .map(|(v, _)| v.clone())
                })
                .collect()
        }))
    }

    async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), KvError> {
        let key = self.key(key);
        self.with(|map, now| map.insert(key, (value.to_string(), now + ttl)));
        Ok(())
    }

    async fn incr(&self, key: &str, ttl: Duration) -> Result<Counter, KvError> {
        let key = self.key(key);
        Ok(self.with(|map, now| {
            let entry = map.entry(key).or_insert_with(|| ("0".into(), now + ttl));
            if entry.1 <= now {
                *entry = ("0".into(), now + ttl);
            }
            let value = entry.0.parse::<u64>().unwrap_or(0) + 1;
            entry.0 = value.to_string();
            Counter {
                value,
                resets_in: entry.1 - now,
            }
        }))
    }

    async fn delete(&self, key: &str) -> Result<bool, KvError> {
        let key = self.key(key);
        Ok(self.with(|map, now| map.remove(&key).is_some_and(|(_, exp)| exp > now)))
    }

    async fn ping(&self) -> Result<(), KvError> {
        Ok(())
    }

    fn name(&self) -> &'static str {
        "memory"
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn memory_store_keeps_the_contract() {
        super::super::contract::check(&super::MemoryKv::new("t:")).await;
    }
}
