use std::{
    collections::HashMap,
    sync::Arc,
    thread::ThreadId,
    time::{Duration, Instant},
};

use async_trait::async_trait;
use redis::{AsyncCommands, aio::ConnectionManager};
use tokio::sync::Mutex;

use super::{Counter, KvError, KvStore, kept::Kept};

/// Every command gives up after this long: a slow or absent Redis becomes a 503.
const OP_TIMEOUT: Duration = Duration::from_secs(2);

/// Redis, shared by every replica. Connected lazily and reconnected on demand, so the
/// server starts and keeps serving what does not need Redis while it is down.
///
/// One connection per thread that asks: a connection's driver runs on the runtime that
/// opened it, so a request on another worker thread would hand each command to that
/// thread and its answer back (two cross-thread wake-ups per command — under the USSD
/// benchmark a fifth of the CPU went to such switches). Each actix worker is one thread
/// with its own runtime; a server has a few such threads, so a few connections.
///
/// `get_many_kept` reads through Redis's server-assisted client-side caching (RESP3,
/// `CLIENT TRACKING`; redis-rs's `cache-aio`): a value read once is kept beside the
/// connection, and Redis tells that connection when the key changes, expires or is
/// flushed; a reconnect drops everything kept. In front of that, `kept` answers repeated
/// reads from this process's memory and forgets them on any notice from any of the
/// connections (see `kept.rs`). A URL that asks for `protocol=resp2` turns both off
/// (every read goes to Redis).
pub struct RedisKv {
    client: redis::Client,
    kept: Arc<Kept>,
    /// The connection speaks RESP3, so values may be kept (see above).
    keeps: bool,
    prefix: String,
    conns: std::sync::Mutex<HashMap<ThreadId, ConnectionManager>>,
    /// One connect at a time, so that callers queue behind it instead of all dialling.
    connecting: Mutex<()>,
    /// After a failed connect, callers fail at once until this instant instead of
    /// queueing behind another connect attempt.
    down_until: std::sync::Mutex<Option<Instant>>,
}

/// Longest a kept value serves without a fresh read, and how many are kept per connection.
const KEPT_FOR: Duration = Duration::from_secs(300);
const KEPT_MAX: std::num::NonZeroUsize = std::num::NonZeroUsize::new(100_000).unwrap();

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
        use redis::IntoConnectionInfo;
        let mut info = url.into_connection_info()?;
        if !url.contains("protocol=") {
            let settings = info
                .redis_settings()
                .clone()
                .set_protocol(redis::ProtocolVersion::RESP3);
            info = info.set_redis_settings(settings);
        }
        let keeps = info.redis_settings().protocol() == redis::ProtocolVersion::RESP3;
        let client = redis::Client::open(info)?;
        Ok(RedisKv {
            client,
            kept: Arc::new(Kept::new(KEPT_FOR, KEPT_MAX.get())),
            keeps,
            prefix: prefix.to_string(),
            conns: std::sync::Mutex::default(),
            connecting: Mutex::new(()),
            down_until: std::sync::Mutex::new(None),
        })
    }

    fn recently_down(&self) -> bool {
        let guard = self.down_until.lock().unwrap_or_else(|p| p.into_inner());
        guard.is_some_and(|until| Instant::now() < until)
    }

    /// This thread's connection, if it has one.
    fn thread_connection(&self) -> Option<ConnectionManager> {
        let conns = self.conns.lock().unwrap_or_else(|p| p.into_inner());
        conns.get(&std::thread::current().id()).cloned()
    }

    async fn connection(&self) -> Result<ConnectionManager, KvError> {
        if let Some(conn) = self.thread_connection() {
            return Ok(conn);
        }
        if self.recently_down() {
            return Err(err("Redis was unreachable moments ago"));
        }
        let _connecting = self.connecting.lock().await;
        if let Some(conn) = self.thread_connection() {
            return Ok(conn);
        }
        if self.recently_down() {
            return Err(err("Redis was unreachable moments ago"));
        }
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_number_of_retries(1)
            .set_connection_timeout(Some(Duration::from_millis(1500)))
            .set_response_timeout(Some(OP_TIMEOUT))
            .set_max_delay(Duration::from_secs(1));
        let config = if self.keeps {
            // Only the reads that ask (`get_many_kept`) are kept, for at most KEPT_FOR
            // should a notice of change ever be missed.
            config
                .set_cache_config(
                    redis::caching::CacheConfig::new()
                        .set_mode(redis::caching::CacheMode::OptIn)
                        .set_size(KEPT_MAX)
                        .set_default_client_ttl(KEPT_FOR),
                )
                // Any notice (an invalidation, a flush, this connection dropping and with it
                // the tracking) makes the memory in front forget everything.
                .set_push_sender({
                    let kept = self.kept.clone();
                    move |_: redis::PushInfo| {
                        kept.forget_all();
                        Ok::<(), std::convert::Infallible>(())
                    }
                })
        } else {
            config
        };
        match ConnectionManager::new_with_config(self.client.clone(), config).await {
            Ok(conn) => {
                let mut conns = self.conns.lock().unwrap_or_else(|p| p.into_inner());
                conns.insert(std::thread::current().id(), conn.clone());
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

    /// Commands that went through this thread's connection's client-side cache (answered
    /// there or sent on to Redis).
    #[cfg(test)]
    fn cache_lookups(&self) -> usize {
        self.thread_connection()
            .and_then(|c| c.get_cache_statistics())
            .map_or(0, |s| s.hit + s.miss)
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

    async fn get_many_kept(&self, keys: &[&str]) -> Result<Vec<Option<String>>, KvError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        if !self.keeps {
            return self.get_many(keys).await;
        }
        let miss = match self.kept.get(keys, Instant::now()) {
            Ok(values) => return Ok(values),
            Err(miss) => miss,
        };
        let mut cmd = redis::cmd("MGET");
        cmd.arg(keys.iter().map(|k| self.key(k)).collect::<Vec<_>>())
            .set_cache_config(redis::CommandCacheConfig::new().set_enable_cache(true));
        let values: Vec<Option<String>> = self
            .op(|mut c| async move { cmd.query_async(&mut c).await })
            .await?;
        self.kept.put(miss, keys, &values, Instant::now());
        Ok(values)
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

    /// Two stores on one Redis and one prefix, as two replicas see it.
    fn two_replicas() -> (RedisKv, RedisKv) {
        let url = std::env::var("TEST_REDIS_URL").expect("TEST_REDIS_URL");
        let prefix = format!("test:{}:", uuid::Uuid::new_v4());
        (
            RedisKv::new(&url, &prefix).unwrap(),
            RedisKv::new(&url, &prefix).unwrap(),
        )
    }

    #[tokio::test]
    #[ignore = "needs Redis at TEST_REDIS_URL; run by .ci/run"]
    async fn kept_values_need_no_round_trip_and_follow_changes_made_elsewhere() {
        let (here, there) = two_replicas();
        there.set("v", "1", Duration::from_secs(60)).await.unwrap();
        let keys = ["v", "missing"];
        let first = here.get_many_kept(&keys).await.unwrap();
        assert_eq!(first, [Some("1".to_string()), None]);
        let lookups = here.cache_lookups();
        for _ in 0..10 {
            assert_eq!(here.get_many_kept(&keys).await.unwrap(), first);
        }
        assert_eq!(
            here.cache_lookups(),
            lookups,
            "kept reads were answered from memory, without a command"
        );
        // Another connection changes the key: Redis tells this one, which reads afresh.
        there.set("v", "2", Duration::from_secs(60)).await.unwrap();
        super::super::contract::eventually(&here, "v", Some("2")).await;
        there
            .set("missing", "now", Duration::from_secs(60))
            .await
            .unwrap();
        super::super::contract::eventually(&here, "missing", Some("now")).await;
        there.delete("v").await.unwrap();
        super::super::contract::eventually(&here, "v", None).await;
        // A plain read is never kept.
        there.set("p", "1", Duration::from_secs(60)).await.unwrap();
        assert_eq!(here.get("p").await.unwrap().as_deref(), Some("1"));
        there.set("p", "2", Duration::from_secs(60)).await.unwrap();
        assert_eq!(here.get("p").await.unwrap().as_deref(), Some("2"));
    }

    #[tokio::test]
    #[ignore = "needs Redis at TEST_REDIS_URL; run by .ci/run"]
    async fn a_dropped_connection_forgets_what_was_kept() {
        let (here, there) = two_replicas();
        there.set("d", "1", Duration::from_secs(60)).await.unwrap();
        assert_eq!(
            here.get_many_kept(&["d"]).await.unwrap(),
            [Some("1".into())]
        );
        assert_eq!(here.kept.len(), 1);
        // Redis drops this connection: what it tracked for it is gone, so must the memory be.
        let mut conn = here.thread_connection().unwrap();
        let id: i64 = redis::cmd("CLIENT")
            .arg("ID")
            .query_async(&mut conn)
            .await
            .unwrap();
        let mut other = there.connection().await.unwrap();
        let killed: i64 = redis::cmd("CLIENT")
            .arg(&["KILL", "ID", &id.to_string()])
            .query_async(&mut other)
            .await
            .unwrap();
        assert_eq!(killed, 1);
        let started = Instant::now();
        while here.kept.len() > 0 {
            assert!(started.elapsed() < Duration::from_secs(5), "still kept");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // A change no notice will tell the old connection about is read afresh.
        there.set("d", "2", Duration::from_secs(60)).await.unwrap();
        assert_eq!(
            here.get_many_kept(&["d"]).await.unwrap(),
            [Some("2".into())]
        );
    }

    #[test]
    fn resp3_unless_the_url_asks_otherwise() {
        assert!(RedisKv::new("redis://127.0.0.1:6379", "t:").unwrap().keeps);
        let resp2 = RedisKv::new("redis://127.0.0.1:6379/?protocol=resp2", "t:").unwrap();
        assert!(!resp2.keeps);
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
