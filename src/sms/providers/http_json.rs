use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::{SendError, SmsProvider, classify, transport_error};
use crate::{config::SmsSettings, db::models::outbox::Outgoing};

/// An aggregator that takes `{to, text, reference}` as JSON with a bearer token and
/// reports delivery to `/v1/webhooks/sms/dlr`.
pub struct HttpJsonProvider {
    client: reqwest::Client,
    url: String,
    token: Option<String>,
}

impl HttpJsonProvider {
    pub fn new(s: &SmsSettings, client: reqwest::Client) -> HttpJsonProvider {
        HttpJsonProvider {
            client,
            url: s.http_url.clone(),
            token: s.http_token.clone(),
        }
    }
}

#[derive(Serialize)]
struct Request<'a> {
    to: &'a str,
    text: &'a str,
    reference: &'a str,
}

#[derive(Deserialize)]
struct Accepted {
    #[serde(alias = "message_id", alias = "messageId")]
    id: Option<String>,
}

#[async_trait]
impl SmsProvider for HttpJsonProvider {
    fn name(&self) -> &'static str {
        "http_json"
    }

    async fn send(&self, m: &Outgoing) -> Result<Option<String>, SendError> {
        let mut request = self.client.post(&self.url).json(&Request {
            to: &m.recipient,
            text: &m.body,
            reference: &m.id,
        });
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        let body = response.text().await.map_err(transport_error)?;
        if !status.is_success() {
            return Err(classify(status, &body));
        }
        // Accepted. An answer we cannot read still means accepted: sending again would
        // duplicate the message; the delivery report will tell the rest.
        match serde_json::from_str::<Accepted>(&body) {
            Ok(a) => Ok(a.id),
            Err(e) => {
                tracing::warn!(error = %e, "provider accepted the message with an unreadable answer");
                Ok(None)
            }
        }
    }
}
