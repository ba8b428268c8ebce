//! Demo data so a newcomer sees something at once: a centre in Pingxiang, its staff,
//! an officer, an employer, a supervisor, an admin and three workers. Idempotent.
use chrono::NaiveDate;

use crate::{
    db::{
        DbConnection,
        models::{centres, users},
    },
    domain::{Phone, Role, UserId, ids::CentreId},
    error::ApiResult,
    i18n::Lang,
    services::{accounts, now},
};

/// Password of every demo staff account; demo data is for development only.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

pub struct DemoStaff {
    pub role: Role,
    pub scope: Option<&'static str>,
    pub email: &'static str,
    pub name: &'static str,
    pub lang: Lang,
}

pub const STAFF: [DemoStaff; 5] = [
    DemoStaff {
        role: Role::Admin,
        scope: None,
        email: "admin@cuakhau.demo",
        name: "Operator",
        lang: Lang::En,
    },
    DemoStaff {
        role: Role::CentreStaff,
        scope: Some("centre:pingxiang"),
        email: "centre@cuakhau.demo",
        name: "黄丽华",
        lang: Lang::Zh,
    },
    DemoStaff {
        role: Role::Officer,
        scope: Some("zone:pingxiang"),
        email: "officer@cuakhau.demo",
        name: "李建国",
        lang: Lang::Zh,
    },
    DemoStaff {
        role: Role::Employer,
        scope: Some("employer:pingxiang-hongmian-fruit"),
        email: "employer@cuakhau.demo",
        name: "凭祥红棉水果贸易有限公司",
        lang: Lang::Zh,
    },
    DemoStaff {
        role: Role::Supervisor,
        scope: Some("province:lang_son"),
        email: "supervisor@cuakhau.demo",
        name: "Trần Thị Hạnh",
        lang: Lang::Vi,
    },
];

/// (phone, name, birth date, province, district)
type DemoWorker = (
    &'static str,
    &'static str,
    (i32, u32, u32),
    &'static str,
    &'static str,
);

pub const WORKERS: [DemoWorker; 3] = [
    (
        "+84912345678",
        "Nguyễn Văn An",
        (1994, 3, 12),
        "Lạng Sơn",
        "Cao Lộc",
    ),
    (
        "+84987654321",
        "Hoàng Thị Mai",
        (1998, 7, 25),
        "Lạng Sơn",
        "Văn Lãng",
    ),
    (
        "+84388123456",
        "Nông Văn Dũng",
        (1990, 11, 2),
        "Cao Bằng",
        "Trùng Khánh",
    ),
];

/// Creates whatever of the demo data is missing; returns how many records it added.
pub fn seed(conn: &mut DbConnection) -> ApiResult<usize> {
    let mut added = 0;
    let now = now();
    if centres::find_by_code(conn, "pingxiang")?.is_none() {
        centres::insert(
            conn,
            &centres::CentreRow {
                id: CentreId::generate().0,
                code: "pingxiang".into(),
                name_vi: "Trung tâm quản lý dịch vụ lao động biên giới Bằng Tường (dữ liệu mẫu)"
                    .into(),
                name_zh: "凭祥市境外边民务工管理服务中心（演示数据）".into(),
                zone: "pingxiang".into(),
                address: "Bằng Tường, Sùng Tả, Quảng Tây (demo)".into(),
                phone: "+867710000000".into(),
                hours: "Mon–Fri 08:00–12:00, 14:30–17:30".into(),
                created_at: now,
            },
        )?;
        added += 1;
    }
    for s in &STAFF {
        if users::find_by_email(conn, s.email)?.is_some() {
            continue;
        }
        let prepared = accounts::prepare(accounts::NewStaff {
            role: s.role,
            scope: s.scope.map(|x| x.parse().expect("demo scopes are valid")),
            phone: None,
            email: Some(s.email.into()),
            full_name: Some(s.name.into()),
            language: s.lang,
            password: Some(DEMO_PASSWORD.into()),
        })?;
        accounts::insert_staff(conn, &prepared)?;
        added += 1;
    }
    for (phone, name, (y, m, d), province, district) in WORKERS {
        let phone = Phone::parse(phone).expect("demo phones are valid");
        if users::find_by_phone(conn, phone.as_str())?.is_some() {
            continue;
        }
        let id = UserId::generate();
        users::insert(
            conn,
            &users::NewUser {
                id: id.as_str(),
                role: Role::Worker.as_str(),
                scope: None,
                phone: Some(phone.as_str()),
                email: None,
                password_hash: None,
                full_name: Some(name),
                birth_date: NaiveDate::from_ymd_opt(y, m, d),
                home_province: Some(province),
                home_district: Some(district),
                language: Lang::Vi.code(),
                time_zone: "Asia/Shanghai",
                sms_opt_in: true,
                created_at: now,
                updated_at: now,
            },
        )?;
        added += 1;
    }
    Ok(added)
}
