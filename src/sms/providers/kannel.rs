use async_trait::async_trait;

use super::{SendError, SmsProvider, classify, transport_error};
use crate::{config::SmsSettings, db::models::outbox::OutboundRow};

/// Kannel's smsbox `sendsms`, with delivery reports back to cuakhau.
pub struct KannelProvider {
    client: reqwest::Client,
    url: String,
    username: String,
    password: String,
    sender: String,
    dlr_url: String,
    dlr: bool,
}

impl KannelProvider {
    pub fn new(s: &SmsSettings, client: reqwest::Client) -> KannelProvider {
        let token = s.kannel_token.clone().unwrap_or_default();
        KannelProvider {
            client,
            url: format!("{}/cgi-bin/sendsms", s.kannel_url.trim_end_matches('/')),
            username: s.kannel_username.clone(),
            password: s.kannel_password.clone().unwrap_or_default(),
            sender: s.sender.clone(),
            dlr: s.kannel_dlr,
            // Kannel fills in %d (the report type); the rest identifies our row.
            dlr_url: format!(
                "{}/v1/webhooks/kannel/dlr?token={}&status=%d&id=",
                s.public_url.trim_end_matches('/'),
                token
            ),
        }
    }
}

#[async_trait]
impl SmsProvider for KannelProvider {
    fn name(&self) -> &'static str {
        "kannel"
    }

    async fn send(&self, m: &OutboundRow) -> Result<Option<String>, SendError> {
        let dlr_url = format!("{}{}", self.dlr_url, m.id);
        let mut query = vec![
            ("username", self.username.as_str()),
            ("password", self.password.as_str()),
            ("from", self.sender.as_str()),
            ("to", m.recipient.as_str()),
            ("text", m.body.as_str()),
            ("charset", "UTF-8"),
        ];
        if self.dlr {
            query.push(("dlr-mask", "31"));
            query.push(("dlr-url", dlr_url.as_str()));
        }
        if m.encoding == "ucs2" {
            query.push(("coding", "2"));
        }
        let response = self
            .client
            .get(&self.url)
            .query(&query)
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        let body = response.text().await.map_err(transport_error)?;
        // "0: Accepted for delivery" / "3: Queued for later delivery"
        if status.is_success() && (body.starts_with("0:") || body.starts_with("3:")) {
            Ok(None)
        } else if status.is_success() {
            Err(SendError::Temporary(format!(
                "unexpected Kannel answer: {}",
                body.chars().take(200).collect::<String>()
            )))
        } else {
            Err(classify(status, &body))
        }
    }
}
