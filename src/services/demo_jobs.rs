//! Demo vacancies: a dozen, posted by the Pingxiang centre for Pingxiang, Dongxing and
//! Chongzuo (some for the demo employer), and a job profile for the first demo worker.
//! Idempotent: nothing is added once the centre has posted.
use chrono::{NaiveDate, TimeDelta};

use crate::{
    db::{
        DbConnection,
        models::{employers, jobs, users},
    },
    error::ApiResult,
    services::{
        demo::{DEMO_CREDIT_CODE, WORKERS},
        jobs::{JobProfile, NewVacancy, create, save_job_profile},
        sessions,
    },
};

/// (title vi, title zh, zone, workplace, skills, wage min–max, start in days, for the
/// demo employer, housing and meals)
type DemoVacancy = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    (i32, i32),
    i64,
    bool,
);

const VACANCIES: [DemoVacancy; 12] = [
    (
        "Công nhân phân loại thanh long",
        "火龙果分拣工",
        "pingxiang",
        "Chợ hoa quả cửa khẩu Phù Long, Bằng Tường",
        &["fruit_sorting"],
        (3200, 3800),
        7,
        true,
    ),
    (
        "Công nhân đóng gói sầu riêng",
        "榴莲包装工",
        "pingxiang",
        "Khu thương mại biên mậu Bằng Tường",
        &["fruit_sorting", "warehouse"],
        (3300, 4000),
        14,
        true,
    ),
    (
        "Lái xe nâng kho lạnh",
        "冷库叉车司机",
        "pingxiang",
        "Kho lạnh Hữu Nghị Quan",
        &["forklift", "warehouse"],
        (4200, 5200),
        10,
        true,
    ),
    (
        "Bốc xếp hàng hóa",
        "货物装卸工",
        "pingxiang",
        "Bãi hàng cửa khẩu Hữu Nghị",
        &["warehouse"],
        (3500, 4500),
        5,
        false,
    ),
    (
        "Thợ chế biến gỗ",
        "木材加工工人",
        "pingxiang",
        "Khu công nghiệp gỗ Bằng Tường",
        &["wood"],
        (3600, 4400),
        21,
        false,
    ),
    (
        "Phiên dịch Việt - Trung tại chợ",
        "市场越中翻译",
        "pingxiang",
        "Chợ Nam Sơn, Bằng Tường",
        &["interpreting", "sales"],
        (4500, 6000),
        14,
        false,
    ),
    (
        "Thợ may công nghiệp",
        "缝纫工",
        "dongxing",
        "Khu công nghiệp may Đông Hưng",
        &["sewing"],
        (3400, 4200),
        10,
        false,
    ),
    (
        "Công nhân chế biến hải sản",
        "海产品加工工",
        "dongxing",
        "Cảng cá Trúc Sơn, Đông Hưng",
        &["cooking", "cleaning"],
        (3300, 4000),
        7,
        false,
    ),
    (
        "Nhân viên bán hàng chợ biên giới",
        "边贸市场售货员",
        "dongxing",
        "Chợ biên mậu Đông Hưng",
        &["sales", "interpreting"],
        (3500, 4800),
        12,
        false,
    ),
    (
        "Công nhân lắp ráp điện tử",
        "电子装配工",
        "chongzuo",
        "Khu công nghiệp Sùng Tả",
        &["electronics"],
        (3800, 4600),
        20,
        false,
    ),
    (
        "Công nhân trồng mía",
        "甘蔗种植工",
        "chongzuo",
        "Nông trường mía Phù Tuy",
        &["farming"],
        (3000, 3600),
        15,
        false,
    ),
    (
        "Phụ bếp nhà ăn công nhân",
        "员工食堂帮厨",
        "chongzuo",
        "Khu công nghiệp Sùng Tả",
        &["cooking", "cleaning"],
        (3000, 3500),
        9,
        false,
    ),
];

pub fn seed(conn: &mut DbConnection, today: NaiveDate) -> ApiResult<usize> {
    let Some(staff) = users::find_by_email(conn, "centre@cuakhau.demo")? else {
        return Ok(0);
    };
    let staff = sessions::principal(&staff)?;
    let mut added = 0;
    if let Some(w) = users::find_by_phone(conn, WORKERS[0].0)?
        && jobs::profile(conn, &w.id)?.is_none()
    {
        save_job_profile(
            conn,
            &sessions::principal(&w)?,
            JobProfile {
                skills: vec!["fruit_sorting".into(), "warehouse".into()],
                zones: vec!["pingxiang".into()],
                min_wage: Some(3200),
                available_from: None,
            },
        )?;
    }
    if jobs::has_posted(conn, staff.id.as_str())? {
        return Ok(added);
    }
    let employer = employers::find_by_credit_code(conn, DEMO_CREDIT_CODE)?.map(|e| e.id);
    for (title_vi, title_zh, zone, workplace, skills, (min, max), start, ours) in VACANCIES {
        create(
            conn,
            &staff,
            NewVacancy {
                title_vi: title_vi.into(),
                title_zh: title_zh.into(),
                description_vi: format!(
                    "{title_vi} tại {workplace}. Có hợp đồng lao động, bảo hiểm tai nạn và \
                     bảo hiểm tai nạn lao động; lương trả hằng tháng. Cần đủ giấy tờ hợp lệ \
                     (dữ liệu mẫu)."
                ),
                description_zh: format!(
                    "{title_zh}，签订劳动合同，购买意外伤害保险和工伤保险，按月发薪。须持有效证件（演示数据）。"
                ),
                zone: zone.into(),
                workplace: workplace.into(),
                wage_min: min,
                wage_max: max,
                headcount: 3 + (added as i32 % 5),
                skills: skills.iter().map(|s| s.to_string()).collect(),
                start_on: today + TimeDelta::days(start),
                end_on: Some(today + TimeDelta::days(start + 180)),
                housing: added % 2 == 0,
                meals: added % 3 != 2,
                hours: "08:00–12:00, 13:30–17:30".into(),
                contact: "Trung tâm Bằng Tường / 凭祥服务中心 (demo)".into(),
                employer_id: if ours { employer.clone() } else { None },
                open: true,
            },
            today,
        )?;
        added += 1;
    }
    Ok(added)
}
