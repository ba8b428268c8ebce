use async_trait::async_trait;

use super::{SendError, SmsProvider, classify, transport_error};
use crate::{config::SmsSettings, db::models::outbox::Outgoing};

/// Kannel's smsbox `sendsms`, with delivery reports back to cuakhau.
pub struct KannelProvider {
    client: reqwest::Client,
    /// `…/cgi-bin/sendsms?` and every parameter that is the same for each message,
    /// parsed once: a message's own parameters are appended to a copy, which reqwest
    /// takes as it is (a URL string would be parsed again for every message).
    fixed: reqwest::Url,
    /// The `dlr-url` up to the outbox id, when reports are asked for.
    dlr_url: Option<String>,
}

impl KannelProvider {
    pub fn new(s: &SmsSettings, client: reqwest::Client) -> anyhow::Result<KannelProvider> {
        let token = s.kannel_token.clone().unwrap_or_default();
        let base = format!("{}/cgi-bin/sendsms", s.kannel_url.trim_end_matches('/'));
        let mut fixed = reqwest::Url::parse(&base)
            .map_err(|e| anyhow::anyhow!("sms.kannel_url {:?}: {e}", s.kannel_url))?;
        {
            let mut query = fixed.query_pairs_mut();
            query
                .append_pair("username", &s.kannel_username)
                .append_pair("password", s.kannel_password.as_deref().unwrap_or_default())
                .append_pair("from", &s.sender)
                .append_pair("charset", "UTF-8");
            if s.kannel_dlr {
                query.append_pair("dlr-mask", "31");
            }
        }
        Ok(KannelProvider {
            client,
            fixed,
            // Kannel fills in %d (the report type); the rest identifies our row.
            dlr_url: s.kannel_dlr.then(|| {
                format!(
                    "{}/v1/webhooks/kannel/dlr?token={}&status=%d&id=",
                    s.public_url.trim_end_matches('/'),
                    token
                )
            }),
        })
    }

    /// The request's URL: the fixed part and this message's own parameters.
    fn url(&self, m: &Outgoing) -> reqwest::Url {
        let mut url = self.fixed.clone();
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("to", &m.recipient)
                .append_pair("text", &m.body);
            if let Some(dlr) = &self.dlr_url {
                query.append_pair("dlr-url", &format!("{dlr}{}", m.id));
            }
            if m.encoding == "ucs2" {
                query.append_pair("coding", "2");
            }
        }
        url
    }
}

#[async_trait]
impl SmsProvider for KannelProvider {
    fn name(&self) -> &'static str {
        "kannel"
    }

    async fn send(&self, m: &Outgoing) -> Result<Option<String>, SendError> {
        let response = self
            .client
            .get(self.url(m))
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        let body = response.bytes().await.map_err(transport_error)?;
        let body = String::from_utf8_lossy(&body);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(encoding: &str) -> Outgoing {
        Outgoing {
            id: "0193-abc".into(),
            recipient: "+84912345678".into(),
            body: "Giấy phép cư trú & hạn: 9 ngày".into(),
            kind: "notice".into(),
            encoding: encoding.into(),
            attempts: 0,
            next_attempt_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap(),
            claim_token: "claim".into(),
        }
    }

    fn pairs(url: &str) -> Vec<(String, String)> {
        let (base, query) = url.split_once('?').unwrap();
        assert_eq!(base, "http://kannel:13013/cgi-bin/sendsms");
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn each_message_gets_the_fixed_parameters_and_its_own() {
        let mut s = SmsSettings {
            kannel_url: "http://kannel:13013/".into(),
            kannel_password: Some("p&ss=word".into()),
            kannel_token: Some("tok".into()),
            public_url: "https://cuakhau.example/".into(),
            kannel_dlr: true,
            ..Default::default()
        };
        let with = KannelProvider::new(&s, reqwest::Client::new()).unwrap();
        let got = pairs(with.url(&row("ucs2")).as_str());
        let get = |k: &str| got.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("username"), Some(s.kannel_username.as_str()));
        assert_eq!(get("password"), Some("p&ss=word"));
        assert_eq!(get("from"), Some(s.sender.as_str()));
        assert_eq!(get("charset"), Some("UTF-8"));
        assert_eq!(get("to"), Some("+84912345678"));
        assert_eq!(get("text"), Some("Giấy phép cư trú & hạn: 9 ngày"));
        assert_eq!(get("coding"), Some("2"));
        assert_eq!(get("dlr-mask"), Some("31"));
        assert_eq!(
            get("dlr-url"),
            Some("https://cuakhau.example/v1/webhooks/kannel/dlr?token=tok&status=%d&id=0193-abc")
        );
        assert_eq!(got.len(), 9, "{got:?}");
        // Without reports and in GSM-7: neither the report parameters nor a coding.
        s.kannel_dlr = false;
        let without = KannelProvider::new(&s, reqwest::Client::new()).unwrap();
        let got = pairs(without.url(&row("gsm7")).as_str());
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["username", "password", "from", "charset", "to", "text"]
        );
    }
}
