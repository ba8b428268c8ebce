use std::time::{Duration, Instant};

use async_trait::async_trait;
use redis::{AsyncCommands, aio::ConnectionManager};
use tokio::sync::Mutex;

use super::{Counter, KvError, KvStore};

/// Every command gives up after this long: a slow or absent Redis becomes a 503.
const OP_TIMEOUT: Duration = Duration::from_secs(2);

/// Redis, shared by every replica. Connected lazily and reconnected on demand, so the
/// server starts and keeps serving what does not need Redis while it is down.
pub struct RedisKv {
    client: redis::Client,
    prefix: String,
    conn: Mutex<Option<ConnectionManager>>,
    /// After a failed connect, callers fail at once until this instant instead of
    /// queueing behind another connect attempt.
    down_until: std::sync::Mutex<Option<Instant>>,
}

/// How long a failed connect makes every caller fail fast.
const BACKOFF: Duration = Duration::from_secs(1);

const INCR_SCRIPT: &str = r"
local v = redis.call('INCR', KEYS[1])
local t = redis.call('PTTL', KEYS[1])
if t < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  t = tonumber(ARGV[1])
end
return {v, t}
";

fn err(e: impl std::fmt::Display) -> KvError {
    KvError(e.to_string())
}

impl RedisKv {
    pub fn new(url: &str, prefix: &str) -> anyhow::Result<RedisKv> {
        let client = redis::Client::open(url)?;
        Ok(RedisKv {
            client,
            prefix: prefix.to_string(),
            conn: Mutex::new(None),
            down_until: std::sync::Mutex::new(None),
        })
    }

    fn recently_down(&self) -> bool {
        let guard = self.down_until.lock().unwrap_or_else(|p| p.into_inner());
        guard.is_some_and(|until| Instant::now() < until)
    }

    async fn connection(&self) -> Result<ConnectionManager, KvError> {
        if self.recently_down() {
            return Err(err("Redis was unreachable moments ago"));
        }
        let mut guard = self.conn.lock().await;
        if let Some(conn) = guard.as_ref() {
            return Ok(conn.clone());
        }
        if self.recently_down() {
            return Err(err("Redis was unreachable moments ago"));
        }
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_number_of_retries(1)
            .set_connection_timeout(Some(Duration::from_millis(1500)))
            .set_response_timeout(Some(OP_TIMEOUT))
            .set_max_delay(Duration::from_secs(1));
        match ConnectionManager::new_with_config(self.client.clone(), config).await {
            Ok(conn) => {
                *guard = Some(conn.clone());
                Ok(conn)
            }
            Err(e) => {
                *self.down_until.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(Instant::now() + BACKOFF);
                Err(err(e))
            }
        }
    }

    /// Connect (if need be) and run one command, all within `OP_TIMEOUT`.
    async fn op<T, F, Fut>(&self, f: F) -> Result<T, KvError>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: std::future::Future<Output = redis::RedisResult<T>>,
    {
        tokio::time::timeout(OP_TIMEOUT, async {
            let conn = self.connection().await?;
            f(conn).await.map_err(err)
        })
        .await
        .map_err(|_| err("Redis did not answer in time"))?
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }
}

fn millis(d: Duration) -> u64 {
    d.as_millis().max(1) as u64
}

#[async_trait]
impl KvStore for RedisKv {
    async fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        let key = self.key(key);
        self.op(|mut c| async move { c.get(key).await }).await
    }

    async fn get_many(&self, keys: &[&str]) -> Result<Vec<Option<String>>, KvError> {
        let keys: Vec<String> = keys.iter().map(|k| self.key(k)).collect();
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        self.op(|mut c| async move { c.mget(keys).await }).await
    }

    async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), KvError> {
        let key = self.key(key);
        let value = value.to_string();
        self.op(|mut c| async move { c.pset_ex(key, value, millis(ttl)).await })
            .await
    }

    async fn incr(&self, key: &str, ttl: Duration) -> Result<Counter, KvError> {
        let key = self.key(key);
        let (value, pttl): (u64, i64) = self
            .op(|mut c| async move {
                redis::Script::new(INCR_SCRIPT)
                    .key(key)
                    .arg(millis(ttl))
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        Ok(Counter {
            value,
            resets_in: Duration::from_millis(pttl.max(0) as u64),
        })
    }

    async fn delete(&self, key: &str) -> Result<bool, KvError> {
        let key = self.key(key);
        let n: u64 = self.op(|mut c| async move { c.del(key).await }).await?;
        Ok(n > 0)
    }

    async fn ping(&self) -> Result<(), KvError> {
        self.op(|mut c| async move { redis::cmd("PING").query_async::<String>(&mut c).await })
            .await
            .map(|_| ())
    }

    fn name(&self) -> &'static str {
        "redis"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    #[ignore = "needs Redis at TEST_REDIS_URL; run by .ci/run"]
    async fn redis_store_keeps_the_contract() {
        let url = std::env::var("TEST_REDIS_URL").expect("TEST_REDIS_URL");
        let kv = RedisKv::new(&url, &format!("test:{}:", uuid::Uuid::new_v4())).unwrap();
        super::super::contract::check(&kv).await;
    }

    #[tokio::test]
    async fn unreachable_redis_is_an_error_not_a_hang_or_panic() {
        // Port 1 on loopback: nothing listens there.
        let kv = RedisKv::new("redis://127.0.0.1:1", "t:").unwrap();
        let started = std::time::Instant::now();
        assert!(kv.get("x").await.is_err());
        assert!(kv.ping().await.is_err());
        assert!(started.elapsed() < Duration::from_secs(6));
        // Many callers during an outage fail at once rather than queueing.
        let started = std::time::Instant::now();
        let calls = (0..20).map(|_| kv.get("x"));
        for result in futures_util::future::join_all(calls).await {
            assert!(result.is_err());
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
    }
}
