//! cuakhau → Kannel → fake SMSC and back, with the real Kannel that
//! `../shared/kannel/start.sh` runs on loopback. `.ci/run` starts it with the MO url
//! pointing at `KANNEL_TEST_APP_PORT` (18089) and the token below.
use std::{process::Command, time::Duration};

use cuakhau::{
    domain::Phone,
    i18n::Lang,
    services::now,
    sms::{self, Outbound, SmsKind},
};

use crate::helpers::spawn_app_with;

const TOKEN: &str = "kannel-hook-secret";

fn scripts() -> String {
    std::env::var("KANNEL_SCRIPTS")
        .unwrap_or_else(|_| format!("{}/../shared/kannel", env!("CARGO_MANIFEST_DIR")))
}

/// One part of a concatenated UCS-2 message as read-mt.py prints it: the UDH, the
/// marker " data ", then UTF-16BE text, all hex. Returns (reference, part, total, text).
fn udh_part(hex: &str) -> Option<(u8, u8, u8, String)> {
    if !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    let split = bytes.windows(6).position(|w| w == b" data ")?;
    let (udh, payload) = (&bytes[..split], &bytes[split + 6..]);
    // 05 00 03 <ref> <total> <seq>
    if udh.len() < 6 || udh[1] != 0 {
        return None;
    }
    let units: Vec<u16> = payload
        .chunks(2)
        .filter(|c| c.len() == 2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    Some((udh[3], udh[5], udh[4], String::from_utf16_lossy(&units)))
}

/// Parts of concatenated messages by (recipient, reference): (part, total, text).
type Parts = std::collections::BTreeMap<(String, u8), Vec<(u8, u8, String)>>;

/// (to, text) of every MT the fake SMSC received, concatenated parts joined.
fn mt() -> Vec<(String, String)> {
    let out = Command::new("python3")
        .arg(format!("{}/read-mt.py", scripts()))
        .output()
        .expect("read-mt.py runs");
    let mut whole = Vec::new();
    let mut parts = Parts::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(_from), Some(to), Some(text)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        match udh_part(text) {
            Some((reference, seq, total, part)) => {
                parts
                    .entry((to.to_string(), reference))
                    .or_default()
                    .push((seq, total, part));
            }
            None => whole.push((to.to_string(), text.to_string())),
        }
    }
    for ((to, _), mut list) in parts {
        list.sort_by_key(|p| p.0);
        if list.len() == list[0].1 as usize {
            whole.push((to, list.into_iter().map(|p| p.2).collect()));
        }
    }
    whole
}

async fn wait_for_mt(to: &str, starts: &str) -> String {
    for _ in 0..150 {
        if let Some((_, text)) = mt()
            .into_iter()
            .find(|(t, text)| t.ends_with(to.trim_start_matches('+')) && text.starts_with(starts))
        {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no MT to {to} starting {starts:?}; received: {:?}", mt());
}

#[tokio::test]
#[ignore = "needs Kannel from ../shared/kannel/start.sh; run by .ci/run"]
async fn a_vietnamese_reminder_reaches_the_phone_and_a_tt_gets_an_answer() {
    let port: u16 = std::env::var("KANNEL_TEST_APP_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(18089);
    let app = spawn_app_with(move |c| {
        c.port = port;
        c.run_jobs = true;
        c.sms.provider = "kannel".into();
        c.sms.kannel_url =
            std::env::var("KANNEL_URL").unwrap_or_else(|_| "http://127.0.0.1:13013".into());
        c.sms.kannel_password =
            Some(std::env::var("KANNEL_SENDSMS_PASSWORD").unwrap_or_else(|_| "kannel-test".into()));
        c.sms.kannel_token = Some(TOKEN.into());
        c.sms.public_url = format!("http://127.0.0.1:{port}");
    })
    .await;
    // A number of its own per run: the fake SMSC's log outlives a test run.
    let phone_text = format!("+849123{:05}", rand_suffix());
    let phone_text = phone_text.as_str();
    app.legal_worker("pingxiang", phone_text, "91451481MA5KKANN01", 100)
        .await;

    // A reminder with diacritics goes out as UCS-2 and arrives intact.
    let text = "Giấy phép cư trú của bạn hết hạn sau 9 ngày (30/06/2026). Hãy gia hạn tại trung tâm Bằng Tường.";
    let phone = Phone::parse(phone_text).unwrap();
    let settings = app.state.config.sms.clone();
    let body = text.to_string();
    app.state
        .db
        .run(move |c| {
            let msg = Outbound {
                recipient: &phone,
                body: &body,
                lang: Lang::Vi,
                kind: SmsKind::Reminder,
                idempotency_key: "kannel-e2e",
                expires_at: None,
                essential: false,
            };
            sms::queue(c, &msg, &settings, now())
        })
        .await
        .unwrap();
    assert_eq!(wait_for_mt(phone_text, "Giấy phép cư trú").await, text);

    // Kannel's delivery reports come back: the row ends delivered.
    let mut state = String::new();
    for _ in 0..100 {
        let to = phone_text.to_string();
        let rows = app
            .state
            .db
            .run(move |c| Ok(cuakhau::db::models::outbox::for_recipient(c, &to)?))
            .await
            .unwrap();
        state = rows
            .iter()
            .find(|r| r.idempotency_key == "kannel-e2e")
            .unwrap()
            .state
            .clone();
        if state == "delivered" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state, "delivered");

    // A phone sends "TT": Kannel hands it to cuakhau, the answer goes back through Kannel.
    let status = Command::new("bash")
        .arg(format!("{}/inject-mo.sh", scripts()))
        .args([phone_text, "8088", "TT"])
        .status()
        .expect("inject-mo.sh runs");
    assert!(status.success());
    let reply = wait_for_mt(phone_text, "cuakhau: ").await;
    assert!(
        reply.contains("hợp pháp") || reply.contains("hop phap"),
        "{reply}"
    );
}

fn rand_suffix() -> u32 {
    (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        / 7)
        % 100_000
}
