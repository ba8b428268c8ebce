//! Demo data for the registry and reports: three agencies (one revoked) and two abuse
//! reports (one anonymous). Idempotent, like the rest of the demo data.
use chrono::NaiveDate;

use crate::{
    db::{
        DbConnection,
        models::{agencies as a, reports as r, users},
    },
    domain::{Phone, agencies::AgencyState},
    error::ApiResult,
    i18n::Lang,
    services::{
        agencies::{self, AgencyInput},
        reports::{self, Channel, NewReport, Reporter},
        sessions,
    },
};

/// (licence, name vi, name zh, country, province, state, valid until (days from today))
const AGENCIES: [(&str, &str, &str, &str, &str, AgencyState, i64); 3] = [
    (
        "LS-DEMO-001",
        "Công ty Cổ phần Cung ứng Nhân lực Hòa Bình Lạng Sơn (mẫu)",
        "谅山和平劳务供应股份公司（演示）",
        "VN",
        "Lạng Sơn",
        AgencyState::Active,
        400,
    ),
    (
        "GX-DEMO-002",
        "Công ty Dịch vụ Lao động Bằng Tường (mẫu)",
        "凭祥市劳务服务有限公司（演示）",
        "CN",
        "Quảng Tây",
        AgencyState::Active,
        200,
    ),
    (
        "LS-DEMO-003",
        "Công ty TNHH Việc làm Nhanh Đồng Đăng (mẫu)",
        "同登快速就业有限公司（演示）",
        "VN",
        "Lạng Sơn",
        AgencyState::Revoked,
        100,
    ),
];

pub fn seed(conn: &mut DbConnection, today: NaiveDate) -> ApiResult<usize> {
    let Some(sup) = users::find_by_email(conn, "supervisor@cuakhau.demo")? else {
        return Ok(0);
    };
    let sup = sessions::principal(&sup)?;
    let mut added = 0;
    for (licence, vi, zh, country, province, state, days) in AGENCIES {
        if a::by_licence(conn, licence)?.is_some() {
            continue;
        }
        agencies::create(
            conn,
            &sup,
            AgencyInput {
                licence_number: licence.into(),
                name_vi: vi.into(),
                name_zh: zh.into(),
                country: country.into(),
                province: province.into(),
                activities: vec!["tuyển dụng".into(), "đưa lao động sang Quảng Tây".into()],
                valid_until: today + chrono::TimeDelta::days(days),
                state,
                source: "Dữ liệu mẫu / demo data".into(),
            },
        )?;
        added += 1;
    }
    if r::search(conn, None, None, None, 1)?.is_empty() {
        let revoked = a::by_licence(conn, "LS-DEMO-003")?.map(|x| x.id);
        let worker = users::find_by_phone(conn, crate::services::demo::WORKERS[0].0)?;
        reports::file(
            conn,
            NewReport {
                category: "excessive_fees".into(),
                details: "Một người tự xưng môi giới đòi 5.000.000 đồng để đưa sang làm việc, \
                          không có hợp đồng (dữ liệu mẫu)."
                    .into(),
                named_party: Some("Công ty TNHH Việc làm Nhanh Đồng Đăng".into()),
                agency_id: revoked,
                place: Some("Đồng Đăng".into()),
                zone: Some("pingxiang".into()),
                happened_on: Some(today - chrono::TimeDelta::days(3)),
                anonymous: false,
            },
            Reporter {
                phone: worker
                    .as_ref()
                    .and_then(|w| w.phone.as_deref())
                    .and_then(|p| Phone::parse(p).ok()),
                user_id: worker.map(|w| w.id),
            },
            Channel::App,
            Lang::Vi,
            today,
        )?;
        reports::file(
            conn,
            NewReport {
                category: "passport_confiscation".into(),
                details: "Chủ xưởng giữ giấy thông hành của nhiều người (dữ liệu mẫu).".into(),
                named_party: None,
                agency_id: None,
                place: Some("Bằng Tường".into()),
                zone: Some("pingxiang".into()),
                happened_on: None,
                anonymous: true,
            },
            Reporter::default(),
            Channel::Sms,
            Lang::Vi,
            today,
        )?;
        added += 2;
    }
    Ok(added)
}
