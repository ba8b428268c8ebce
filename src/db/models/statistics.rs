//! Supervision figures: every number is a grouped query in the database, never rows
//! loaded into memory. `zone` narrows to one zone (papers, centres and reports carry
//! one); `None` counts everything.
use chrono::{NaiveDate, NaiveDateTime};
use diesel::{dsl::count_star, prelude::*};

use crate::db::{
    DbConnection,
    schema::{
        abuse_reports as rep, centres, outbound_messages as out, papers,
        renewal_applications as ra, users, vacancies as vac,
    },
};

diesel::alias!(papers as permits: PermitsAlias);

/// The window being counted: days [start, end) and the same instants in UTC.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub start_ts: NaiveDateTime,
    pub end_ts: NaiveDateTime,
}

const WORKER_KINDS: [&str; 5] = [
    "vn_border_pass",
    "cn_residence_permit",
    "cn_stay_permit",
    "cn_work_permit",
    "cn_health_certificate",
];

pub type Count = (String, i64);
pub type HomeCount = (Option<String>, Option<String>, i64);

/// Workers whose account was created in the window, by home province and district.
pub fn registered_by_home(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
) -> QueryResult<Vec<HomeCount>> {
    let mut q = users::table
        .filter(users::role.eq("worker"))
        .filter(users::created_at.ge(w.start_ts))
        .filter(users::created_at.lt(w.end_ts))
        .group_by((users::home_province, users::home_district))
        .select((users::home_province, users::home_district, count_star()))
        .order((users::home_province.asc(), users::home_district.asc()))
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(diesel::dsl::exists(
            papers::table
                .filter(papers::worker_id.eq(users::id.nullable()))
                .filter(papers::zone.eq(z.to_string())),
        ));
    }
    q.load(conn)
}

/// Workers registered before the window's end.
pub fn workers_total(conn: &mut DbConnection, w: Window, zone: Option<&str>) -> QueryResult<i64> {
    let mut q = users::table
        .filter(users::role.eq("worker"))
        .filter(users::created_at.lt(w.end_ts))
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(diesel::dsl::exists(
            papers::table
                .filter(papers::worker_id.eq(users::id.nullable()))
                .filter(papers::zone.eq(z.to_string())),
        ));
    }
    q.select(count_star()).first(conn)
}

/// Workers holding a paper in force on the window's last day, by the paper's zone
/// (a worker with papers in two zones counts in both).
pub fn active_by_zone(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
) -> QueryResult<Vec<Count>> {
    let last = w.end.pred_opt().unwrap_or(w.end);
    let mut q = papers::table
        .filter(papers::worker_id.is_not_null())
        .filter(papers::kind.eq_any(WORKER_KINDS))
        .filter(papers::valid_from.le(last))
        .filter(papers::expires_on.ge(last))
        .filter(papers::created_at.lt(w.end_ts))
        .filter(
            papers::state
                .eq("active")
                .or(papers::updated_at.ge(w.end_ts)),
        )
        .group_by(papers::zone)
        .select((
            papers::zone,
            diesel::dsl::count(papers::worker_id).aggregate_distinct(),
        ))
        .order(papers::zone.asc())
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(papers::zone.eq(z.to_string()));
    }
    q.load(conn)
}

/// Papers by kind: `issued` (first of their series) or `renewed` in the window.
pub fn papers_recorded(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
    renewals: bool,
) -> QueryResult<Vec<Count>> {
    let mut q = papers::table
        .filter(papers::created_at.ge(w.start_ts))
        .filter(papers::created_at.lt(w.end_ts))
        .group_by(papers::kind)
        .select((papers::kind, count_star()))
        .order(papers::kind.asc())
        .into_boxed();
    q = if renewals {
        q.filter(papers::supersedes_id.is_not_null())
    } else {
        q.filter(papers::supersedes_id.is_null())
    };
    if let Some(z) = zone {
        q = q.filter(papers::zone.eq(z.to_string()));
    }
    q.load(conn)
}

/// Papers that lapsed in the window without being renewed or revoked first.
pub fn papers_expired(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
) -> QueryResult<Vec<Count>> {
    let mut q = papers::table
        .filter(papers::expires_on.ge(w.start))
        .filter(papers::expires_on.lt(w.end))
        .filter(papers::state.eq("active"))
        .group_by(papers::kind)
        .select((papers::kind, count_star()))
        .order(papers::kind.asc())
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(papers::zone.eq(z.to_string()));
    }
    q.load(conn)
}

/// Papers revoked in the window.
pub fn papers_revoked(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
) -> QueryResult<Vec<Count>> {
    let mut q = papers::table
        .filter(papers::state.eq("revoked"))
        .filter(papers::updated_at.ge(w.start_ts))
        .filter(papers::updated_at.lt(w.end_ts))
        .group_by(papers::kind)
        .select((papers::kind, count_star()))
        .order(papers::kind.asc())
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(papers::zone.eq(z.to_string()));
    }
    q.load(conn)
}

/// Overstay risk: workers with a paper in force on the last day but no residence or
/// stay permit in force that day.
pub fn without_residence(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
) -> QueryResult<i64> {
    let last = w.end.pred_opt().unwrap_or(w.end);
    let permit_in_force = permits
        .filter(permits.field(papers::worker_id).eq(papers::worker_id))
        .filter(
            permits
                .field(papers::kind)
                .eq_any(["cn_residence_permit", "cn_stay_permit"]),
        )
        .filter(permits.field(papers::valid_from).le(last))
        .filter(permits.field(papers::expires_on).ge(last))
        .filter(permits.field(papers::created_at).lt(w.end_ts))
        .filter(
            permits
                .field(papers::state)
                .eq("active")
                .or(permits.field(papers::updated_at).ge(w.end_ts)),
        );
    let mut q = papers::table
        .filter(papers::worker_id.is_not_null())
        .filter(papers::kind.eq_any(WORKER_KINDS))
        .filter(papers::valid_from.le(last))
        .filter(papers::expires_on.ge(last))
        .filter(papers::created_at.lt(w.end_ts))
        .filter(
            papers::state
                .eq("active")
                .or(papers::updated_at.ge(w.end_ts)),
        )
        .filter(diesel::dsl::not(diesel::dsl::exists(permit_in_force)))
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(papers::zone.eq(z.to_string()));
    }
    q.select(diesel::dsl::count(papers::worker_id).aggregate_distinct())
        .first(conn)
}

/// Renewal applications made in the window, by their state now.
pub fn applications_by_state(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
) -> QueryResult<Vec<Count>> {
    let mut q = ra::table
        .inner_join(centres::table.on(centres::id.eq(ra::centre_id)))
        .filter(ra::created_at.ge(w.start_ts))
        .filter(ra::created_at.lt(w.end_ts))
        .group_by(ra::state)
        .select((ra::state, count_star()))
        .order(ra::state.asc())
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(centres::zone.eq(z.to_string()));
    }
    q.load(conn)
}

/// SMS queued in the window, by their state now (all zones: messages carry none).
pub fn sms_by_state(conn: &mut DbConnection, w: Window) -> QueryResult<Vec<Count>> {
    out::table
        .filter(out::created_at.ge(w.start_ts))
        .filter(out::created_at.lt(w.end_ts))
        .group_by(out::state)
        .select((out::state, count_star()))
        .order(out::state.asc())
        .load(conn)
}

/// Abuse reports filed in the window, grouped by `category` or by `state`.
pub fn reports_by(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
    by_category: bool,
) -> QueryResult<Vec<Count>> {
    // The two groupings differ only by column, which diesel types apart.
    macro_rules! grouped_by {
        ($key:expr) => {{
            let mut q = rep::table
                .filter(rep::created_at.ge(w.start_ts))
                .filter(rep::created_at.lt(w.end_ts))
                .group_by($key)
                .select(($key, count_star()))
                .order($key.asc())
                .into_boxed();
            if let Some(z) = zone {
                q = q.filter(rep::zone.eq(z.to_string()));
            }
            q.load(conn)
        }};
    }
    if by_category {
        grouped_by!(rep::category)
    } else {
        grouped_by!(rep::state)
    }
}

/// Vacancies posted in the window (`filled` false), or filled in it (`filled` true).
pub fn vacancies(
    conn: &mut DbConnection,
    w: Window,
    zone: Option<&str>,
    filled: bool,
) -> QueryResult<i64> {
    let mut q = vac::table.into_boxed();
    q = if filled {
        q.filter(vac::state.eq("filled"))
            .filter(vac::updated_at.ge(w.start_ts))
            .filter(vac::updated_at.lt(w.end_ts))
    } else {
        q.filter(vac::state.ne("draft"))
            .filter(vac::created_at.ge(w.start_ts))
            .filter(vac::created_at.lt(w.end_ts))
    };
    if let Some(z) = zone {
        q = q.filter(vac::zone.eq(z.to_string()));
    }
    q.count().get_result(conn)
}
