//! Demo data so a newcomer sees something at once: a centre in Pingxiang, its staff,
//! an officer, an employer, a supervisor, an admin and three workers with papers: one
//! fully legal, one whose residence permit lapses in 10 days with one renewal left, one
//! whose health certificate has expired. Idempotent; dates are relative to the day it
//! runs.
use chrono::{NaiveDate, TimeDelta};

use crate::{
    db::{
        DbConnection,
        models::{centres, employers, users},
    },
    domain::{Phone, Role, UserId, ids::CentreId, papers::PaperKind, papers::PaperRules},
    error::ApiResult,
    i18n::Lang,
    services::{
        accounts, now,
        papers::{self, NewEmployer, NewEmployment, RecordPaper, Renewal},
        sessions, status,
    },
};

/// Password of every demo staff account; demo data is for development only.
pub const DEMO_PASSWORD: &str = "demo-password-2026";
pub const DEMO_CREDIT_CODE: &str = "91451481MA5DEMO001";

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
    // The employer's scope is filled in with the demo employer's id.
    DemoStaff {
        role: Role::Employer,
        scope: None,
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
        if users::find_by_email(conn, s.email)?.is_some() || s.role == Role::Employer {
            continue;
        }
        add_staff(conn, s, s.scope.map(str::to_string))?;
        added += 1;
    }
    let officer_row =
        users::find_by_email(conn, "officer@cuakhau.demo")?.expect("demo officer exists");
    let officer = sessions::principal(&officer_row)?;
    let (employer_id, new_employer) = match employers::find_by_credit_code(conn, DEMO_CREDIT_CODE)?
    {
        Some(e) => (e.id, false),
        None => {
            let e = papers::create_employer(
                conn,
                &officer,
                NewEmployer {
                    name_zh: "凭祥红棉水果贸易有限公司（演示）".into(),
                    name_vi: Some(
                        "Công ty TNHH Thương mại Trái cây Hồng Miên Bằng Tường (mẫu)".into(),
                    ),
                    credit_code: DEMO_CREDIT_CODE.into(),
                    contact_name: Some("陈国华".into()),
                    contact_phone: Some("+8613877100000".into()),
                },
            )?;
            added += 1;
            (e.id, true)
        }
    };
    if users::find_by_email(conn, "employer@cuakhau.demo")?.is_none() {
        let s = &STAFF[3];
        let prepared = accounts::prepare(accounts::NewStaff {
            role: s.role,
            scope: Some(
                format!("employer:{employer_id}")
                    .parse()
                    .expect("uuid scopes are valid"),
            ),
            phone: None,
            email: Some(s.email.into()),
            full_name: Some(s.name.into()),
            language: s.lang,
            password: Some(DEMO_PASSWORD.into()),
        })?;
        accounts::insert_staff(conn, &prepared)?;
        added += 1;
    }
    let today = status::today_in("Asia/Shanghai");
    let rules = PaperRules::default();
    if new_employer {
        record_employer_permit(conn, &officer, &employer_id, today, &rules)?;
    }
    for (i, (phone, name, (y, m, d), province, district)) in WORKERS.into_iter().enumerate() {
        let phone = Phone::parse(phone).expect("demo phones are valid");
        if users::find_by_phone(conn, phone.as_str())?.is_some() {
            continue;
        }
        let id = UserId::generate();
        users::insert(
            conn,
            &users::NewUser {
                full_name: Some(name),
                birth_date: NaiveDate::from_ymd_opt(y, m, d),
                home_province: Some(province),
                home_district: Some(district),
                sms_opt_in: true,
                ..users::NewUser::worker(id.as_str(), phone.as_str(), now)
            },
        )?;
        added += 1;
        give_papers(conn, &officer, id.as_str(), i, &employer_id, today, &rules)?;
    }
    added += crate::services::demo_registry::seed(conn, today)?;
    added += crate::services::demo_jobs::seed(conn, today)?;
    // The reminders ahead (Hoàng Thị Mai's residence permit lapses in 10 days).
    crate::services::reminders::plan(conn, chrono::Utc::now(), &Default::default())?;
    Ok(added)
}

fn add_staff(conn: &mut DbConnection, s: &DemoStaff, scope: Option<String>) -> ApiResult<()> {
    let prepared = accounts::prepare(accounts::NewStaff {
        role: s.role,
        scope: scope.map(|x| x.parse().expect("demo scopes are valid")),
        phone: None,
        email: Some(s.email.into()),
        full_name: Some(s.name.into()),
        language: s.lang,
        password: Some(DEMO_PASSWORD.into()),
    })?;
    accounts::insert_staff(conn, &prepared)?;
    Ok(())
}

fn days(today: NaiveDate, n: i64) -> NaiveDate {
    today + TimeDelta::days(n)
}

fn paper(
    kind: PaperKind,
    number: String,
    authority: &str,
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> RecordPaper {
    RecordPaper {
        kind,
        number,
        authority: authority.into(),
        issued_on: from,
        valid_from: from,
        expires_on: to,
        employer_id: None,
        worker_id: None,
        entered_on: None,
    }
}

fn record_employer_permit(
    conn: &mut DbConnection,
    officer: &crate::services::tokens::Principal,
    employer_id: &str,
    today: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<()> {
    let permit = paper(
        PaperKind::EmployerPermit,
        "凭人社用工〔2026〕018号".into(),
        "凭祥市人力资源和社会保障局",
        days(today, -200),
        Some(days(today, 530)),
    );
    papers::record_employer_paper(conn, officer, employer_id, permit, rules, today)?;
    Ok(())
}

/// Worker 0 is fully legal; worker 1's residence permit lapses in 10 days with one
/// renewal left; worker 2's health certificate has expired.
fn give_papers(
    conn: &mut DbConnection,
    officer: &crate::services::tokens::Principal,
    worker_id: &str,
    which: usize,
    employer_id: &str,
    today: NaiveDate,
    rules: &PaperRules,
) -> ApiResult<()> {
    let n = which + 1;
    let start = days(today, -175);
    let mut pass = paper(
        PaperKind::VnBorderPass,
        format!("LS{n:07}"),
        "Công an tỉnh Lạng Sơn",
        days(today, -300),
        Some(days(today, 430)),
    );
    pass.entered_on = Some(start);
    papers::record_worker_paper(conn, officer, worker_id, pass, rules, today)?;

    let residence_from = if which == 1 { start } else { days(today, -30) };
    let residence = paper(
        PaperKind::CnResidencePermit,
        format!("PX-JL-2026-{n:05}"),
        "凭祥市公安局出入境管理大队",
        residence_from,
        None,
    );
    let residence = papers::record_worker_paper(conn, officer, worker_id, residence, rules, today)?;
    if which == 1 {
        let renewal = Renewal {
            expires_on: Some(days(today, 10)),
            number: None,
            issued_on: Some(days(today, -5)),
        };
        papers::renew(conn, officer, &residence.id, renewal, rules, today)?;
    }

    let mut work = paper(
        PaperKind::CnWorkPermit,
        format!("PX-WG-2026-{n:05}"),
        "凭祥市人力资源和社会保障局",
        start,
        Some(days(today, 190)),
    );
    work.employer_id = Some(employer_id.into());
    papers::record_worker_paper(conn, officer, worker_id, work, rules, today)?;

    let health_from = if which == 2 {
        days(today, -380)
    } else {
        days(today, -60)
    };
    let health = paper(
        PaperKind::CnHealthCertificate,
        format!("GXJK{n:08}"),
        "广西国际旅行卫生保健中心凭祥分中心",
        health_from,
        None,
    );
    papers::record_worker_paper(conn, officer, worker_id, health, rules, today)?;

    let employment = NewEmployment {
        worker_id: worker_id.into(),
        start_on: start,
        end_on: None,
    };
    papers::add_employment(conn, officer, employer_id, employment)?;
    for (kind, authority) in [
        (PaperKind::LabourAgreement, "凭祥红棉水果贸易有限公司"),
        (PaperKind::AccidentInsurance, "中国人寿财产保险凭祥支公司"),
        (PaperKind::WorkInjuryInsurance, "中国人寿财产保险凭祥支公司"),
    ] {
        let mut p = paper(
            kind,
            format!("{}-{n:04}", kind.as_str().to_uppercase()),
            authority,
            start,
            Some(days(today, 190)),
        );
        p.worker_id = Some(worker_id.into());
        papers::record_employer_paper(conn, officer, employer_id, p, rules, today)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_workers_have_the_promised_situations() {
        let path = std::env::temp_dir().join(format!("cuakhau-demo-{}.db", uuid::Uuid::new_v4()));
        let db = crate::db::Db::connect(path.to_str().unwrap(), 1).unwrap();
        db.migrate().unwrap();
        let added = db.run_sync(seed).unwrap();
        assert_eq!(
            added, 27,
            "centre, 5 staff, employer, 3 workers, 3 agencies, 2 reports, 12 vacancies"
        );
        assert_eq!(db.run_sync(seed).unwrap(), 0, "idempotent");
        let today = status::today_in("Asia/Shanghai");
        let rules = PaperRules::default();
        let verdicts: Vec<_> = WORKERS
            .iter()
            .map(|(phone, ..)| {
                db.run_sync(|c| {
                    let u = users::find_by_phone(c, phone)?.unwrap();
                    status::worker_status(c, &u.id, today, &rules, status::NumberVisibility::All)
                })
                .unwrap()
            })
            .collect();
        assert!(verdicts[0].verdict.legal, "{:?}", verdicts[0].verdict);
        assert!(verdicts[1].verdict.legal);
        let residence = verdicts[1]
            .papers
            .iter()
            .find(|l| l.assessment.kind == PaperKind::CnResidencePermit)
            .unwrap();
        assert_eq!(
            (
                residence.assessment.days_left,
                residence.assessment.renewals_left
            ),
            (Some(10), Some(1))
        );
        assert!(!verdicts[2].verdict.legal);
        assert_eq!(
            verdicts[2].verdict.failures[0].code,
            "health_certificate_invalid"
        );
        let _ = std::fs::remove_file(&path);
    }
}
