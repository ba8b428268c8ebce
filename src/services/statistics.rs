//! Supervision reports (seed 002: monthly, quarterly, half-yearly, yearly): figures for a
//! calendar period in the Asia/Shanghai day, within the asker's scope, computed by
//! grouped queries. Rendered as JSON or as CSV for spreadsheets.
use serde::Serialize;

use crate::{
    db::{
        DbConnection,
        models::statistics::{self as q, Window},
    },
    domain::{
        Role, Scope,
        periods::{Bounds, Period, bounds},
    },
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{access, tokens::Principal},
};

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Statistics {
    pub period: Period,
    pub from: chrono::NaiveDate,
    /// The first day after the period.
    pub to: chrono::NaiveDate,
    pub time_zone: &'static str,
    /// `all` or `zone:<zone>`.
    pub scope: String,
    pub workers_registered: Vec<Group>,
    pub workers_total: i64,
    pub workers_active_by_zone: Vec<Group>,
    pub papers_issued: Vec<Group>,
    pub papers_renewed: Vec<Group>,
    pub papers_expired: Vec<Group>,
    pub papers_revoked: Vec<Group>,
    pub workers_without_residence_permit: i64,
    pub renewal_applications: Vec<Group>,
    pub vacancies_posted: i64,
    pub vacancies_filled: i64,
    /// Messages carry no zone: counted only for the whole service.
    pub sms: Option<Vec<Group>>,
    pub reports_by_category: Vec<Group>,
    pub reports_by_state: Vec<Group>,
}

const TZ: &str = "Asia/Shanghai";

fn groups(rows: Vec<(String, i64)>) -> Vec<Group> {
    rows.into_iter()
        .map(|(key, count)| Group {
            key,
            detail: None,
            count,
        })
        .collect()
}

/// The zone the figures are limited to (`None` = all), from the asker and the asked
/// scope (`all` or `zone:<zone>`).
fn scope_zone(
    conn: &mut DbConnection,
    actor: &Principal,
    asked: Option<&str>,
) -> ApiResult<Option<String>> {
    let asked_zone = match asked {
        None | Some("all") => None,
        Some(s) => match s.parse::<Scope>() {
            Ok(Scope::Zone(z)) => Some(z),
            _ => return Err(ApiError::field("scope", "malformed")),
        },
    };
    let own = match (&actor.role, &actor.scope) {
        (Role::Admin, _) | (Role::Supervisor, Some(Scope::Province(_)) | None) => None,
        (Role::Supervisor, Some(Scope::Zone(z))) => Some(z.clone()),
        (Role::CentreStaff, _) => {
            Some(access::staff_zone(conn, actor)?.ok_or(ApiError::Forbidden)?)
        }
        _ => return Err(ApiError::Forbidden),
    };
    match (own, asked_zone) {
        (Some(own), Some(asked)) if own != asked => Err(ApiError::Forbidden),
        (Some(own), _) => Ok(Some(own)),
        (None, asked) => Ok(asked),
    }
}

pub fn compute(
    conn: &mut DbConnection,
    actor: &Principal,
    period: Period,
    from: chrono::NaiveDate,
    asked_scope: Option<&str>,
) -> ApiResult<Statistics> {
    let zone = scope_zone(conn, actor, asked_scope)?;
    let tz: chrono_tz::Tz = TZ.parse().expect("known zone");
    let Bounds {
        start,
        end,
        start_utc,
        end_utc,
    } = bounds(period, from, tz).ok_or_else(|| ApiError::field("from", "period_start"))?;
    let w = Window {
        start,
        end,
        start_ts: start_utc.naive_utc(),
        end_ts: end_utc.naive_utc(),
    };
    let z = zone.as_deref();
    Ok(Statistics {
        period,
        from: start,
        to: end,
        time_zone: TZ,
        scope: zone
            .as_ref()
            .map_or_else(|| "all".to_string(), |z| format!("zone:{z}")),
        workers_registered: q::registered_by_home(conn, w, z)?
            .into_iter()
            .map(|(province, district, count)| Group {
                key: province.unwrap_or_else(|| "-".into()),
                detail: Some(district.unwrap_or_else(|| "-".into())),
                count,
            })
            .collect(),
        workers_total: q::workers_total(conn, w, z)?,
        workers_active_by_zone: groups(q::active_by_zone(conn, w, z)?),
        papers_issued: groups(q::papers_recorded(conn, w, z, false)?),
        papers_renewed: groups(q::papers_recorded(conn, w, z, true)?),
        papers_expired: groups(q::papers_expired(conn, w, z)?),
        papers_revoked: groups(q::papers_revoked(conn, w, z)?),
        workers_without_residence_permit: q::without_residence(conn, w, z)?,
        renewal_applications: groups(q::applications_by_state(conn, w, z)?),
        vacancies_posted: q::vacancies(conn, w, z, false)?,
        vacancies_filled: q::vacancies(conn, w, z, true)?,
        sms: match z {
            None => Some(groups(q::sms_by_state(conn, w)?)),
            Some(_) => None,
        },
        reports_by_category: groups(q::reports_by(conn, w, z, true)?),
        reports_by_state: groups(q::reports_by(conn, w, z, false)?),
    })
}

/// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Vietnamese and
/// Chinese), headers and section names in `lang`, one figure per row.
pub fn csv(s: &Statistics, lang: Lang) -> String {
    let header = ["section", "key", "detail", "count"]
        .map(|h| field(&i18n::t(lang, &format!("stats-header-{h}"), &[])))
        .join(",");
    let mut out = format!("\u{feff}{header}\r\n");
    let mut row = |section: &str, key: &str, detail: &str, count: i64| {
        let name = i18n::t(lang, &format!("stats-{}", section.replace('_', "-")), &[]);
        out.push_str(&format!(
            "{},{},{},{count}\r\n",
            field(&name),
            field(key),
            field(detail)
        ));
    };
    let sections: [(&str, &Vec<Group>); 9] = [
        ("workers_registered", &s.workers_registered),
        ("workers_active_by_zone", &s.workers_active_by_zone),
        ("papers_issued", &s.papers_issued),
        ("papers_renewed", &s.papers_renewed),
        ("papers_expired", &s.papers_expired),
        ("papers_revoked", &s.papers_revoked),
        ("renewal_applications", &s.renewal_applications),
        ("reports_by_category", &s.reports_by_category),
        ("reports_by_state", &s.reports_by_state),
    ];
    row("workers_total", "", "", s.workers_total);
    row(
        "workers_without_residence_permit",
        "",
        "",
        s.workers_without_residence_permit,
    );
    row("vacancies_posted", "", "", s.vacancies_posted);
    row("vacancies_filled", "", "", s.vacancies_filled);
    for (name, groups) in sections {
        for g in groups {
            row(name, &g.key, g.detail.as_deref().unwrap_or(""), g.count);
        }
    }
    for g in s.sms.iter().flatten() {
        row("sms", &g.key, "", g.count);
    }
    out
}

/// One CSV field: quoted when it holds a comma, quote or line break; a leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so a spreadsheet never runs it as a formula.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) && s != "-" {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("Lạng Sơn"), "Lạng Sơn");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-"), "-");
    }
}
