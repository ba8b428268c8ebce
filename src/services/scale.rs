//! Data at scale for benchmarks (`cuakhau seed-scale`): workers with plausible
//! Vietnamese names, phones and home districts, each holding a border pass, a residence
//! permit, a work permit and a health certificate whose expiries spread evenly over a
//! chosen number of days. Deterministic for a given seed; inserted in multi-row batches.
use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::{
    db::{
        DbConnection,
        models::{papers, papers::PaperRow, users, users::NewUser},
    },
    error::ApiResult,
};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    "Nông", "Hoàng", "Lương",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc", "Thanh", "Quang"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Mai", "Nam",
    "Phương", "Quân", "Thảo", "Trang", "Tuấn", "Sơn", "Yến", "Đạt", "Tâm",
];
/// (home province, its border districts)
const HOMES: &[(&str, &[&str])] = &[
    (
        "Lạng Sơn",
        &["Cao Lộc", "Văn Lãng", "Tràng Định", "Lộc Bình", "Đình Lập"],
    ),
    (
        "Cao Bằng",
        &["Trùng Khánh", "Hạ Lang", "Quảng Hòa", "Bảo Lâm"],
    ),
    ("Quảng Ninh", &["Móng Cái", "Hải Hà", "Bình Liêu"]),
    ("Hà Giang", &["Vị Xuyên", "Đồng Văn", "Mèo Vạc"]),
];
const ZONES: &[&str] = &["pingxiang", "dongxing", "longzhou", "ningming"];
const MOBILE_PREFIXES: &[u8] = &[1, 3, 4, 6, 7, 8];
/// (kind, authority, term in days)
const WORKER_PAPERS: &[(&str, &str, u64)] = &[
    ("vn_border_pass", "Công an tỉnh", 365),
    ("cn_residence_permit", "公安机关出入境管理部门", 180),
    ("cn_work_permit", "人力资源和社会保障部门", 365),
    ("cn_health_certificate", "出入境检验检疫局", 365),
];
const BATCH: usize = 2000;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct ScaleSpec {
    pub workers: u64,
    /// Expiries fall uniformly in [today - 30, today + spread_days).
    pub spread_days: u64,
    pub today: NaiveDate,
    pub seed: u64,
}

/// splitmix64: small, fast, reproducible — these are test data, not secrets.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

struct Worker {
    id: String,
    phone: String,
    name: String,
    birth: NaiveDate,
    province: &'static str,
    district: &'static str,
    opt_in: bool,
}

/// Inserts `spec.workers` workers (offset by `start`, so runs can be stacked) and their
/// four papers each, recorded by `officer_id`. Returns (workers, papers) inserted.
pub fn generate(
    conn: &mut DbConnection,
    spec: &ScaleSpec,
    start: u64,
    officer_id: &str,
    now: NaiveDateTime,
) -> ApiResult<(usize, usize)> {
    let mut rng = Mix(spec.seed ^ start);
    let (mut n_users, mut n_papers) = (0, 0);
    let mut i = start;
    let end = start + spec.workers;
    while i < end {
        let upto = (i + BATCH as u64).min(end);
        let workers: Vec<Worker> = (i..upto).map(|n| worker(&mut rng, n, spec)).collect();
        let mut paper_rows = Vec::with_capacity(workers.len() * WORKER_PAPERS.len());
        for w in &workers {
            let zone = rng.pick(ZONES);
            for (k, (kind, authority, term)) in WORKER_PAPERS.iter().enumerate() {
                let span = spec.spread_days + 30;
                let expires_on = spec.today - Days::new(30) + Days::new(rng.below(span));
                let valid_from = expires_on - Days::new(*term);
                paper_rows.push(PaperRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    kind: (*kind).into(),
                    number: format!("S{k}{:09}", w.phone[3..].parse::<u64>().unwrap_or(0)),
                    authority: (*authority).into(),
                    issued_on: valid_from,
                    valid_from,
                    expires_on,
                    state: "active".into(),
                    renewals: 0,
                    series_start: valid_from,
                    worker_id: Some(w.id.clone()),
                    employer_id: None,
                    zone: zone.into(),
                    entered_on: Some(valid_from),
                    supersedes_id: None,
                    revoked_reason: None,
                    recorded_by: officer_id.into(),
                    // Recorded when issued (capped at now), as a live register would be.
                    created_at: valid_from.and_time(chrono::NaiveTime::MIN).min(now),
                    updated_at: valid_from.and_time(chrono::NaiveTime::MIN).min(now),
                });
            }
        }
        let users: Vec<NewUser<'_>> = workers
            .iter()
            .map(|w| NewUser {
                full_name: Some(&w.name),
                birth_date: Some(w.birth),
                home_province: Some(w.province),
                home_district: Some(w.district),
                sms_opt_in: w.opt_in,
                ..NewUser::worker(&w.id, &w.phone, now)
            })
            .collect();
        let (u, p) = crate::db::write_transaction(conn, |conn| {
            Ok((
                users::insert_many(conn, &users)?,
                papers::insert_many(conn, &paper_rows)?,
            ))
        })?;
        n_users += u;
        n_papers += p;
        i = upto;
    }
    Ok((n_users, n_papers))
}

const TITLES: &[(&str, &str, &str)] = &[
    ("Công nhân phân loại hoa quả", "水果分拣工", "fruit_sorting"),
    ("Bốc xếp kho hàng", "仓库装卸工", "warehouse"),
    ("Thợ xây", "建筑工", "construction"),
    ("Thợ may", "缝纫工", "sewing"),
    ("Lắp ráp điện tử", "电子装配工", "electronics"),
    ("Phụ bếp", "帮厨", "cooking"),
    ("Lái xe nâng", "叉车司机", "forklift"),
    ("Công nhân trồng mía", "甘蔗种植工", "farming"),
    ("Thợ chế biến gỗ", "木材加工工", "wood"),
    ("Nhân viên bán hàng", "售货员", "sales"),
];

/// Adds `count` open vacancies (starting over the next 90 days, 1–3 skills each, in
/// the generated zones) posted by a generated centre, in batches.
pub fn generate_vacancies(
    conn: &mut DbConnection,
    count: u64,
    today: NaiveDate,
    seed: u64,
    poster_id: &str,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    use crate::db::models::{centres, jobs};
    let centre_id = match centres::find_by_code(conn, "scale-centre")? {
        Some(c) => c.id,
        None => {
            let id = uuid::Uuid::now_v7().to_string();
            centres::insert(
                conn,
                &centres::CentreRow {
                    id: id.clone(),
                    code: "scale-centre".into(),
                    name_vi: "Trung tâm thử tải".into(),
                    name_zh: "压测中心".into(),
                    zone: "pingxiang".into(),
                    address: "-".into(),
                    phone: "-".into(),
                    hours: "-".into(),
                    created_at: now,
                },
            )?;
            id
        }
    };
    let mut rng = Mix(seed ^ 0x5eed);
    let mut added = 0;
    let mut left = count;
    while left > 0 {
        let n = left.min(BATCH as u64);
        let rows: Vec<jobs::VacancyRow> = (0..n)
            .map(|_| {
                let (vi, zh, skill) = rng.pick(TITLES);
                let (_, _, extra) = rng.pick(TITLES);
                let mut skills = vec![skill, extra];
                skills.sort();
                skills.dedup();
                let wage = 2500 + 100 * rng.below(30) as i32;
                // 10 characters of 31: ~50 bits, so 100 k codes do not clash.
                let code: String = (0..10)
                    .map(|_| {
                        let b = rng.below(256) as u8;
                        crate::domain::vacancies::short_code([b; 5]).remove(0)
                    })
                    .collect();
                jobs::VacancyRow {
                    code: format!("S{code}"),
                    id: uuid::Uuid::now_v7().to_string(),
                    centre_id: Some(centre_id.clone()),
                    employer_id: None,
                    posted_by: poster_id.into(),
                    title_vi: vi.into(),
                    title_zh: zh.into(),
                    description_vi: format!("{vi} (dữ liệu thử tải)"),
                    description_zh: format!("{zh}（压测数据）"),
                    search_text: crate::domain::agencies::search_key(&format!("{vi} | {zh}")),
                    zone: rng.pick(ZONES).into(),
                    workplace: "-".into(),
                    wage_min: wage,
                    wage_max: wage + 800,
                    headcount: 1 + rng.below(10) as i32,
                    skills: skills.join(","),
                    start_on: today + Days::new(1 + rng.below(90)),
                    end_on: None,
                    housing: rng.below(2) == 0,
                    meals: rng.below(2) == 0,
                    hours: "08:00-17:00".into(),
                    contact: "-".into(),
                    state: "open".into(),
                    created_at: now,
                    updated_at: now,
                }
            })
            .collect();
        added +=
            crate::db::write_transaction(conn, |conn| Ok(jobs::insert_vacancies(conn, &rows)?))?;
        left -= n;
    }
    Ok(added)
}

/// The officer the generated papers are recorded by (created once).
pub fn officer(conn: &mut DbConnection, now: NaiveDateTime) -> ApiResult<String> {
    const EMAIL: &str = "scale-officer@cuakhau.invalid";
    if let Some(u) = users::find_by_email(conn, EMAIL)? {
        return Ok(u.id);
    }
    let id = uuid::Uuid::now_v7().to_string();
    users::insert(
        conn,
        &NewUser {
            role: "officer",
            scope: Some("zone:pingxiang"),
            phone: None,
            email: Some(EMAIL),
            ..NewUser::worker(&id, "", now)
        },
    )?;
    Ok(id)
}

/// Workers already generated (their phones are numbered from 0).
pub fn generated_workers(conn: &mut DbConnection) -> ApiResult<u64> {
    Ok(users::count_role(conn, "worker")?.max(0) as u64)
}

fn worker(rng: &mut Mix, n: u64, spec: &ScaleSpec) -> Worker {
    let (province, districts) = rng.pick(HOMES);
    let prefix = MOBILE_PREFIXES[(n / 10_000_000) as usize % MOBILE_PREFIXES.len()];
    Worker {
        id: uuid::Uuid::now_v7().to_string(),
        phone: format!("+849{prefix}{:07}", n % 10_000_000),
        name: format!(
            "{} {} {}",
            rng.pick(FAMILY),
            rng.pick(MIDDLE),
            rng.pick(GIVEN)
        ),
        birth: spec.today - Days::new(18 * 365 + rng.below(30 * 365)),
        province,
        district: rng.pick(districts),
        opt_in: rng.below(10) < 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Phone;

    #[test]
    fn generated_phones_are_valid_and_distinct() {
        let spec = ScaleSpec {
            workers: 0,
            spread_days: 365,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            seed: 1,
        };
        let mut rng = Mix(1);
        let phones: std::collections::BTreeSet<String> = [0, 1, 9_999_999, 10_000_000, 59_999_999]
            .iter()
            .map(|&n| worker(&mut rng, n, &spec).phone)
            .collect();
        assert_eq!(phones.len(), 5);
        for p in &phones {
            assert!(Phone::parse(p).is_ok(), "{p} should be a valid VN mobile");
        }
    }

    #[test]
    fn mix_is_reproducible_and_bounded() {
        let (mut a, mut b) = (Mix(7), Mix(7));
        for _ in 0..100 {
            let x = a.below(13);
            assert_eq!(x, b.below(13));
            assert!(x < 13);
        }
    }
}
