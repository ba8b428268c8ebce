//! Ways to hand a message to the phone network: `log` (embedded default), `kannel`
//! (smsbox `sendsms`, how a centre reaches carriers over SMPP) and `http_json` (an
//! aggregator's HTTP API). All over reqwest with timeouts.
mod http_json;
mod kannel;
mod log;

use std::time::Duration;

use async_trait::async_trait;

pub use self::{http_json::HttpJsonProvider, kannel::KannelProvider, log::LogProvider};
use crate::{config::SmsSettings, db::models::outbox::Outgoing};

/// What a provider said about one message.
#[derive(Debug, PartialEq)]
pub enum SendError {
    /// Worth trying again later (timeout, 5xx, throttling).
    Temporary(String),
    /// Will never succeed (bad number, rejected content, refused credentials).
    Permanent(String),
}

#[async_trait]
pub trait SmsProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// Hands one message over; returns the provider's message id if it gives one.
    async fn send(&self, message: &Outgoing) -> Result<Option<String>, SendError>;
}

pub fn from_config(settings: &SmsSettings) -> anyhow::Result<Box<dyn SmsProvider>> {
    let client = || {
        reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.timeout_ms))
            .connect_timeout(Duration::from_millis(settings.timeout_ms.min(3000)))
            // A send is never followed elsewhere: the request carries the provider's
            // password (Kannel) or token, and a redirect is a misconfiguration to see.
            .redirect(reqwest::redirect::Policy::none())
            .tcp_nodelay(true)
            .build()
    };
    Ok(match settings.provider.as_str() {
        "log" => Box::new(LogProvider),
        "kannel" => Box::new(KannelProvider::new(settings, client()?)?),
        "http_json" => Box::new(HttpJsonProvider::new(settings, client()?)),
        other => anyhow::bail!("unknown SMS provider {other:?}"),
    })
}

/// How an HTTP answer or failure maps onto retry or give up.
fn classify(status: reqwest::StatusCode, body: &str) -> SendError {
    let detail = format!(
        "HTTP {}: {}",
        status.as_u16(),
        body.chars().take(200).collect::<String>()
    );
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        SendError::Temporary(detail)
    } else {
        SendError::Permanent(detail)
    }
}

fn transport_error(e: reqwest::Error) -> SendError {
    // Timeouts, refused connections, resets: the provider may be back soon. Without the
    // URL: a Kannel URL carries the password, the text and the number.
    SendError::Temporary(format!("transport: {}", e.without_url()))
}
