//! Settings: built-in defaults, then an optional TOML file, then `CUAKHAU_*` variables.
//! Secrets are never logged (see the `Debug` impl).
use std::{fmt, path::PathBuf};

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// The USSD gateway's callbacks (`[ussd]`, `CUAKHAU_USSD__…`).
#[derive(Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct UssdSettings {
    /// Secret the gateway sends as `token=` or `X-Ussd-Token`.
    pub token: Option<String>,
    /// Gateway addresses allowed without a token (exact IPs).
    pub allow_ips: Vec<String>,
    /// How long a session's path is kept for gateways that send one input at a time.
    pub session_ttl_secs: u64,
}

impl Default for UssdSettings {
    fn default() -> Self {
        UssdSettings {
            token: None,
            allow_ips: Vec::new(),
            session_ttl_secs: 300,
        }
    }
}

impl std::fmt::Debug for UssdSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UssdSettings")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("allow_ips", &self.allow_ips)
            .field("session_ttl_secs", &self.session_ttl_secs)
            .finish()
    }
}

/// How SMS go out and come in.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsSettings {
    /// `log` (writes to the log), `kannel` (smsbox sendsms) or `http_json`.
    pub provider: String,
    /// Sender id or short code shown on the phone.
    pub sender: String,
    /// Kannel smsbox, e.g. `http://127.0.0.1:13013`.
    pub kannel_url: String,
    pub kannel_username: String,
    pub kannel_password: Option<String>,
    /// HTTP aggregator endpoint and bearer token.
    pub http_url: String,
    pub http_token: Option<String>,
    /// How Kannel reaches cuakhau for delivery reports, e.g. `http://10.0.0.5:8080`.
    pub public_url: String,
    /// Key with which JSON webhooks sign their body (HMAC-SHA256, `X-Signature`).
    pub webhook_secret: Option<String>,
    /// The `token=` Kannel's callbacks (MO and delivery reports) carry. A different
    /// secret from `webhook_secret`: it travels in URLs, the HMAC key never does.
    pub kannel_token: Option<String>,
    pub timeout_ms: u64,
    pub max_attempts: i32,
    /// Messages per second handed to the provider by one dispatcher.
    pub rate_per_second: u32,
    /// Messages in flight to the provider at once, per dispatcher.
    pub concurrency: usize,
    /// Ask Kannel for delivery reports (`dlr-mask=31`).
    pub kannel_dlr: bool,
    /// Non-OTP messages one number may receive per day.
    pub per_recipient_daily_cap: i64,
    /// The default diacritics policy; `diacritics_by` overrides it per message kind
    /// (`reminder`) or per kind and language (`reminder_vi`), the most specific winning.
    pub diacritics: crate::domain::sms_text::DiacriticsPolicy,
    pub diacritics_by:
        std::collections::BTreeMap<String, crate::domain::sms_text::DiacriticsPolicy>,
    pub max_segments_otp: usize,
    pub max_segments: usize,
}

impl Default for SmsSettings {
    fn default() -> Self {
        SmsSettings {
            provider: "log".into(),
            sender: "cuakhau".into(),
            kannel_url: "http://127.0.0.1:13013".into(),
            kannel_username: "cuakhau".into(),
            kannel_password: None,
            http_url: String::new(),
            http_token: None,
            public_url: "http://127.0.0.1:8080".into(),
            webhook_secret: None,
            kannel_token: None,
            timeout_ms: 5000,
            max_attempts: 5,
            rate_per_second: 50,
            concurrency: 8,
            kannel_dlr: true,
            per_recipient_daily_cap: 10,
            diacritics: crate::domain::sms_text::DiacriticsPolicy::Auto,
            diacritics_by: Default::default(),
            max_segments_otp: 1,
            max_segments: 2,
        }
    }
}

impl SmsSettings {
    fn check(&self, env: Environment) -> anyhow::Result<()> {
        for key in self.diacritics_by.keys() {
            let (kind, lang) = key
                .split_once('_')
                .map_or((key.as_str(), None), |(k, l)| (k, Some(l)));
            anyhow::ensure!(
                ["otp", "reminder", "reply", "notice", "broadcast"].contains(&kind)
                    && lang.is_none_or(|l| ["vi", "zh", "en"].contains(&l)),
                "sms.diacritics_by key {key:?}: expected <kind> or <kind>_<lang> \
                 (kinds otp, reminder, reply, notice, broadcast; languages vi, zh, en)"
            );
        }
        match self.provider.as_str() {
            "log" => {}
            "kannel" => {
                anyhow::ensure!(
                    self.kannel_password.is_some(),
                    "sms.kannel_password is required for kannel"
                );
                let url = provider_address("sms.kannel_url", &self.kannel_url)?;
                // `/cgi-bin/sendsms?…` is appended to it: a query or fragment would swallow that.
                anyhow::ensure!(
                    url.query().is_none() && url.fragment().is_none(),
                    "sms.kannel_url {:?}: expected smsbox's address without ? or #",
                    self.kannel_url
                );
            }
            "http_json" => {
                anyhow::ensure!(
                    !self.http_url.is_empty(),
                    "sms.http_url is required for http_json"
                );
                provider_address("sms.http_url", &self.http_url)?;
            }
            other => {
                anyhow::bail!("unknown sms.provider {other:?} (known: log, kannel, http_json)")
            }
        }
        if env == Environment::Production {
            anyhow::ensure!(
                self.provider != "kannel" || self.kannel_token.is_some(),
                "sms.kannel_token is required in production with the kannel provider"
            );
            anyhow::ensure!(
                self.provider != "http_json" || self.webhook_secret.is_some(),
                "sms.webhook_secret is required in production with the http_json provider"
            );
        }
        anyhow::ensure!(
            self.max_attempts > 0 && self.rate_per_second > 0,
            "sms limits must be positive"
        );
        Ok(())
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Config {
    pub environment: Environment,
    pub host: String,
    pub port: u16,
    /// `postgres://…`, `sqlite://path` or a plain file path.
    pub database_url: String,
    pub database_pool_size: u32,
    /// Shared state for several replicas; in-process when unset.
    pub redis_url: Option<String>,
    /// HS256 secret for access tokens. Required in production.
    pub jwt_secret: Option<String>,
    pub access_token_ttl_secs: u64,
    pub refresh_token_ttl_days: u32,
    pub otp_ttl_secs: u64,
    pub otp_max_attempts: u32,
    pub otp_per_phone_per_hour: u32,
    pub otp_per_ip_per_hour: u32,
    pub login_per_ip_per_hour: u32,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    pub log_format: LogFormat,
    pub log_level: String,
    /// Load demo data on start when the database has no users. Default: on in development.
    pub demo_data: Option<bool>,
    /// Run the background loops (outbox dispatcher…) inside `serve`.
    pub run_jobs: bool,
    pub outbox_poll_ms: u64,
    /// The SMS gateway (`[sms]` in the file, `CUAKHAU_SMS__…` in the environment).
    pub sms: SmsSettings,
    pub ussd: UssdSettings,
    /// Prefix for every key in the key-value store (lets several deployments share a Redis).
    pub kv_prefix: String,
    /// Validity rules of the papers (`[papers]` in the file, `CUAKHAU_PAPERS__…` in the
    /// environment).
    pub papers: crate::domain::papers::PaperRules,
    /// Anonymous status checks per address and per paper number per hour.
    pub status_checks_per_hour: u32,
    /// Public registry lookups and report-status checks per address per hour.
    pub public_lookups_per_hour: u32,
    /// Abuse reports per address, per account and per phone per hour.
    pub reports_per_hour: u32,
    /// Expiry reminders (`[reminders]`, `CUAKHAU_REMINDERS__…`): offsets and window.
    pub reminders: crate::domain::reminders::ReminderRules,
    /// How often the reminder planner and sender run.
    pub reminders_poll_secs: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            environment: Environment::Development,
            host: "127.0.0.1".into(),
            port: 8080,
            database_url: "./data/cuakhau.db".into(),
            database_pool_size: 8,
            redis_url: None,
            jwt_secret: None,
            access_token_ttl_secs: 15 * 60,
            refresh_token_ttl_days: 30,
            otp_ttl_secs: 5 * 60,
            otp_max_attempts: 5,
            otp_per_phone_per_hour: 5,
            otp_per_ip_per_hour: 20,
            login_per_ip_per_hour: 30,
            trust_forwarded_for: false,
            log_format: LogFormat::Text,
            log_level: "info".into(),
            demo_data: None,
            run_jobs: true,
            outbox_poll_ms: 1000,
            sms: SmsSettings::default(),
            ussd: UssdSettings::default(),
            kv_prefix: "cuakhau:".into(),
            papers: Default::default(),
            status_checks_per_hour: 10,
            public_lookups_per_hour: 120,
            reports_per_hour: 5,
            reminders: Default::default(),
            reminders_poll_secs: 60,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |s: &Option<String>| s.as_ref().map(|_| "<redacted>");
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("database_url", &redact_url(&self.database_url))
            .field("redis_url", &self.redis_url.as_deref().map(redact_url))
            .field("jwt_secret", &redacted(&self.jwt_secret))
            .field("run_jobs", &self.run_jobs)
            .field("sms_provider", &self.sms.provider)
            .finish_non_exhaustive()
    }
}

/// Hides the password in `scheme://user:password@host/…`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..s + 3], &userinfo[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl Config {
    /// Defaults, then the TOML file (explicit path, or `CUAKHAU_CONFIG`), then `CUAKHAU_*`.
    pub fn load(file: Option<PathBuf>) -> anyhow::Result<Config> {
        let file = file.or_else(|| std::env::var_os("CUAKHAU_CONFIG").map(PathBuf::from));
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = file {
            anyhow::ensure!(
                path.exists(),
                "config file {} does not exist",
                path.display()
            );
            figment = figment.merge(Toml::file(path));
        }
        let config: Config = figment
            .merge(Env::prefixed("CUAKHAU_").ignore(&["config"]).split("__"))
            .extract()?;
        config.check()?;
        Ok(config)
    }

    pub fn check(&self) -> anyhow::Result<()> {
        if self.environment == Environment::Production {
            match &self.jwt_secret {
                Some(s) if s.len() >= 32 => {}
                _ => anyhow::bail!(
                    "CUAKHAU_JWT_SECRET (at least 32 characters) is required in production"
                ),
            }
        }
        anyhow::ensure!(
            !(self.environment == Environment::Production && self.demo_data == Some(true)),
            "demo data (with its published passwords) cannot be loaded in production"
        );
        self.sms.check(self.environment)?;
        anyhow::ensure!(
            self.database_pool_size > 0,
            "database_pool_size must be positive"
        );
        Ok(())
    }

    pub fn demo_data_enabled(&self) -> bool {
        self.demo_data
            .unwrap_or(self.environment == Environment::Development)
    }
}

/// A provider's address must be an http(s) URL with a host: refused at start, not on
/// every send.
fn provider_address(name: &str, value: &str) -> anyhow::Result<reqwest::Url> {
    let url = reqwest::Url::parse(value).map_err(|e| anyhow::anyhow!("{name} {value:?}: {e}"))?;
    anyhow::ensure!(
        matches!(url.scheme(), "http" | "https") && url.has_host(),
        "{name} {value:?}: expected http://host[:port] or https://…"
    );
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_addresses_are_checked_at_start() {
        let kannel = |url: &str| SmsSettings {
            provider: "kannel".into(),
            kannel_password: Some("p".into()),
            kannel_url: url.into(),
            ..Default::default()
        };
        let check = |sms: SmsSettings| {
            Config {
                sms,
                ..Config::default()
            }
            .check()
        };
        assert!(check(kannel("http://127.0.0.1:13013")).is_ok());
        assert!(check(kannel("https://kannel.example/")).is_ok());
        for bad in [
            "127.0.0.1:13013",
            "ftp://kannel",
            "kannel",
            "http://",
            "http://kannel:13013/#x",
            "http://kannel:13013/?a=b",
        ] {
            let e = check(kannel(bad)).expect_err(bad).to_string();
            assert!(e.contains("sms.kannel_url"), "{bad}: {e}");
        }
        let json = |url: &str| SmsSettings {
            provider: "http_json".into(),
            http_url: url.into(),
            ..Default::default()
        };
        assert!(check(json("https://sms.example/v1/send")).is_ok());
        let e = check(json("sms.example/send")).unwrap_err().to_string();
        assert!(e.contains("sms.http_url"), "{e}");
    }

    #[test]
    fn production_requires_a_long_jwt_secret() {
        let mut c = Config {
            environment: Environment::Production,
            sms: SmsSettings {
                webhook_secret: Some("hook-secret".into()),
                ..Default::default()
            },
            ..Config::default()
        };
        assert!(c.check().is_err());
        c.jwt_secret = Some("short".into());
        assert!(c.check().is_err());
        c.jwt_secret = Some("x".repeat(32));
        assert!(c.check().is_ok());
        assert!(!c.demo_data_enabled());
        c.demo_data = Some(true);
        assert!(
            c.check().is_err(),
            "no published demo passwords in production"
        );
        assert!(Config::default().demo_data_enabled());
    }

    #[test]
    fn diacritics_overrides_name_known_kinds_and_languages() {
        #[allow(clippy::result_large_err)] // figment's own error type
        figment::Jail::expect_with(|jail| {
            jail.set_env("CUAKHAU_SMS__DIACRITICS_BY__REMINDER_VI", "strip");
            let c = Config::load(None).expect("loads");
            assert_eq!(
                c.sms.diacritics_by.get("reminder_vi"),
                Some(&crate::domain::sms_text::DiacriticsPolicy::Strip)
            );
            jail.set_env("CUAKHAU_SMS__DIACRITICS_BY__FAX", "strip");
            assert!(Config::load(None).is_err(), "unknown kind refused at start");
            Ok(())
        });
    }

    #[test]
    fn paper_rules_come_from_the_environment_by_section() {
        #[allow(clippy::result_large_err)] // figment's own error type
        figment::Jail::expect_with(|jail| {
            jail.set_env("CUAKHAU_PAPERS__EXPIRING_SOON_DAYS", "45");
            jail.set_env("CUAKHAU_OTP_TTL_SECS", "120");
            let c = Config::load(None).expect("loads");
            assert_eq!(c.papers.expiring_soon_days, 45);
            assert_eq!(
                c.papers.residence_max_renewals, 2,
                "other rules keep their defaults"
            );
            assert_eq!(c.otp_ttl_secs, 120);
            Ok(())
        });
    }

    #[test]
    fn secrets_do_not_appear_in_debug_output() {
        let c = Config {
            jwt_secret: Some("very-secret-value".into()),
            database_url: "postgres://app:hunter2@db/cuakhau".into(),
            ..Config::default()
        };
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("very-secret-value") && !shown.contains("hunter2"),
            "{shown}"
        );
        assert!(shown.contains("postgres://app:***@db/cuakhau"));
    }
}
