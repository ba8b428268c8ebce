//! The papers of the "four certificates, two insurances" model (seed 000 §三, seed 004
//! §26): what each kind is, how long it lasts, whether it can be renewed, and its
//! status on a given day. Pure: the day is always an argument.
use std::{fmt, str::FromStr};

use chrono::{Months, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperKind {
    VnBorderPass,
    CnResidencePermit,
    CnStayPermit,
    CnWorkPermit,
    CnHealthCertificate,
    EmployerPermit,
    LabourAgreement,
    AccidentInsurance,
    WorkInjuryInsurance,
}

/// Who holds a kind of paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The worker's own papers.
    Worker,
    /// The employer's own permit.
    Employer,
    /// Held by the employer for one worker (agreement, insurances).
    EmployerForWorker,
}

impl PaperKind {
    pub const ALL: [PaperKind; 9] = [
        PaperKind::VnBorderPass,
        PaperKind::CnResidencePermit,
        PaperKind::CnStayPermit,
        PaperKind::CnWorkPermit,
        PaperKind::CnHealthCertificate,
        PaperKind::EmployerPermit,
        PaperKind::LabourAgreement,
        PaperKind::AccidentInsurance,
        PaperKind::WorkInjuryInsurance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaperKind::VnBorderPass => "vn_border_pass",
            PaperKind::CnResidencePermit => "cn_residence_permit",
            PaperKind::CnStayPermit => "cn_stay_permit",
            PaperKind::CnWorkPermit => "cn_work_permit",
            PaperKind::CnHealthCertificate => "cn_health_certificate",
            PaperKind::EmployerPermit => "employer_permit",
            PaperKind::LabourAgreement => "labour_agreement",
            PaperKind::AccidentInsurance => "accident_insurance",
            PaperKind::WorkInjuryInsurance => "work_injury_insurance",
        }
    }

    pub fn holder(self) -> Holder {
        match self {
            PaperKind::VnBorderPass
            | PaperKind::CnResidencePermit
            | PaperKind::CnStayPermit
            | PaperKind::CnWorkPermit
            | PaperKind::CnHealthCertificate => Holder::Worker,
            PaperKind::EmployerPermit => Holder::Employer,
            PaperKind::LabourAgreement
            | PaperKind::AccidentInsurance
            | PaperKind::WorkInjuryInsurance => Holder::EmployerForWorker,
        }
    }

    /// Whether the kind names an employer (a work permit is tied to one).
    pub fn names_employer(self) -> bool {
        self == PaperKind::CnWorkPermit || self.holder() != Holder::Worker
    }
}

impl fmt::Display for PaperKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PaperKind {
    type Err = ();
    fn from_str(s: &str) -> Result<PaperKind, ()> {
        PaperKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperState {
    Active,
    Revoked,
    /// Replaced by its renewal.
    Superseded,
}

impl PaperState {
    pub fn as_str(self) -> &'static str {
        match self {
            PaperState::Active => "active",
            PaperState::Revoked => "revoked",
            PaperState::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<PaperState> {
        [
            PaperState::Active,
            PaperState::Revoked,
            PaperState::Superseded,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One paper as the rules see it (no number: the rules never need it).
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    pub id: String,
    pub kind: PaperKind,
    pub valid_from: NaiveDate,
    /// The last day on which the paper is valid.
    pub expires_on: NaiveDate,
    pub state: PaperState,
    pub renewals: u32,
    /// First day of the first paper in a renewal chain (caps stay permits at 180 days).
    pub series_start: NaiveDate,
    pub employer_id: Option<String>,
}

/// Validity rules of every kind, in one place. Defaults follow the sources; where they
/// are silent (health certificate, stay-permit renewals) they are assumptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaperRules {
    /// A valid paper within this many days of its expiry is `expiring_soon`.
    pub expiring_soon_days: i64,
    pub residence_months: u32,
    pub residence_max_renewals: u32,
    pub residence_renewal_months: u32,
    /// A stay permit (Chongzuo) covers at most this many days from its first day.
    pub stay_max_days: i64,
    pub health_months: u32,
    /// Each entry on a border pass allows this stay until a residence or stay permit.
    pub entry_stay_hours: i64,
}

impl Default for PaperRules {
    fn default() -> Self {
        PaperRules {
            expiring_soon_days: 30,
            residence_months: 6,
            residence_max_renewals: 2,
            residence_renewal_months: 3,
            stay_max_days: 180,
            health_months: 12,
            entry_stay_hours: 72,
        }
    }
}

impl PaperRules {
    /// Most renewals a kind allows; `None` means the sources set no limit.
    pub fn max_renewals(&self, kind: PaperKind) -> Option<u32> {
        match kind {
            PaperKind::CnResidencePermit => Some(self.residence_max_renewals),
            _ => None,
        }
    }

    /// The standard term of a new paper of `kind` starting on `from`, if the rules fix
    /// one; otherwise the expiry is as issued.
    pub fn standard_expiry(&self, kind: PaperKind, from: NaiveDate) -> Option<NaiveDate> {
        let months = |m: u32| {
            from.checked_add_months(Months::new(m))
                .map(|d| d - TimeDelta::days(1))
        };
        match kind {
            PaperKind::CnResidencePermit => months(self.residence_months),
            PaperKind::CnHealthCertificate => months(self.health_months),
            PaperKind::CnStayPermit => Some(from + TimeDelta::days(self.stay_max_days - 1)),
            _ => None,
        }
    }

    /// The latest expiry a new paper may have: standard term for fixed kinds.
    pub fn longest_expiry(&self, kind: PaperKind, from: NaiveDate) -> Option<NaiveDate> {
        self.standard_expiry(kind, from)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperStatus {
    Valid,
    ExpiringSoon,
    Expired,
    Revoked,
    Missing,
    NotYetValid,
}

impl PaperStatus {
    pub fn is_valid(self) -> bool {
        matches!(self, PaperStatus::Valid | PaperStatus::ExpiringSoon)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PaperStatus::Valid => "valid",
            PaperStatus::ExpiringSoon => "expiring_soon",
            PaperStatus::Expired => "expired",
            PaperStatus::Revoked => "revoked",
            PaperStatus::Missing => "missing",
            PaperStatus::NotYetValid => "not_yet_valid",
        }
    }
}

/// A paper's standing on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub kind: PaperKind,
    pub status: PaperStatus,
    /// Days until the expiry day, counting it (0 on the expiry day); negative once expired.
    pub days_left: Option<i64>,
    /// `None` when the kind has no renewal limit.
    pub renewals_left: Option<u32>,
    pub can_renew: bool,
    /// Renewal must happen by this day (the paper's last valid day).
    pub renew_by: Option<NaiveDate>,
}

/// The status of `paper` (of `kind`) on `on`.
pub fn assess(
    kind: PaperKind,
    paper: Option<&Paper>,
    on: NaiveDate,
    rules: &PaperRules,
) -> Assessment {
    let Some(p) = paper else {
        return Assessment {
            kind,
            status: PaperStatus::Missing,
            days_left: None,
            renewals_left: rules.max_renewals(kind),
            can_renew: false,
            renew_by: None,
        };
    };
    let days_left = (p.expires_on - on).num_days();
    let status = match p.state {
        PaperState::Revoked => PaperStatus::Revoked,
        PaperState::Superseded | PaperState::Active if on < p.valid_from => {
            PaperStatus::NotYetValid
        }
        _ if days_left < 0 => PaperStatus::Expired,
        _ if days_left < rules.expiring_soon_days => PaperStatus::ExpiringSoon,
        _ => PaperStatus::Valid,
    };
    let renewals_left = rules
        .max_renewals(kind)
        .map(|max| max.saturating_sub(p.renewals));
    // Renewable while active and unexpired, within the limit and with room to extend;
    // kinds whose new expiry is "as issued" are renewable too.
    let can_renew = days_left >= 0
        && matches!(
            renewal_term(p, None, rules),
            Ok(_) | Err(RenewalError::ExpiryRequired)
        );
    Assessment {
        kind,
        status,
        days_left: Some(days_left),
        renewals_left,
        can_renew,
        renew_by: can_renew.then_some(p.expires_on),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewalError {
    /// Revoked or already superseded.
    NotActive,
    LimitReached,
    /// The requested new expiry is longer than the rules allow.
    ExtensionTooLong,
    /// The kind has no standard term: the new expiry must be given.
    ExpiryRequired,
    /// The new expiry is not after the current one.
    NotAnExtension,
}

/// The new expiry of `paper` renewed now, requested or standard. The renewed paper
/// continues from the day after the current expiry.
pub fn renewal_term(
    paper: &Paper,
    requested: Option<NaiveDate>,
    rules: &PaperRules,
) -> Result<NaiveDate, RenewalError> {
    if paper.state != PaperState::Active {
        return Err(RenewalError::NotActive);
    }
    if let Some(max) = rules.max_renewals(paper.kind)
        && paper.renewals >= max
    {
        return Err(RenewalError::LimitReached);
    }
    let next_day = paper.expires_on + TimeDelta::days(1);
    let longest = match paper.kind {
        PaperKind::CnResidencePermit => next_day
            .checked_add_months(Months::new(rules.residence_renewal_months))
            .map(|d| d - TimeDelta::days(1)),
        PaperKind::CnStayPermit => {
            Some(paper.series_start + TimeDelta::days(rules.stay_max_days - 1))
        }
        kind => rules.standard_expiry(kind, next_day),
    };
    let expiry = match (requested, longest) {
        (Some(r), Some(l)) if r > l => return Err(RenewalError::ExtensionTooLong),
        (Some(r), _) => r,
        (None, Some(l)) => l,
        (None, None) => return Err(RenewalError::ExpiryRequired),
    };
    if expiry <= paper.expires_on {
        return Err(if requested.is_some() {
            RenewalError::NotAnExtension
        } else {
            RenewalError::ExtensionTooLong
        });
    }
    Ok(expiry)
}

/// Checks the dates of a paper being recorded and settles its expiry (the standard term
/// when none is given). Returns the failing fields and rules otherwise.
pub fn check_new_paper(
    kind: PaperKind,
    issued_on: NaiveDate,
    valid_from: NaiveDate,
    expires_on: Option<NaiveDate>,
    today: NaiveDate,
    rules: &PaperRules,
) -> Result<NaiveDate, Vec<(&'static str, &'static str)>> {
    let mut errors = Vec::new();
    if issued_on > today {
        errors.push(("issued_on", "in_future"));
    }
    if valid_from < issued_on {
        errors.push(("valid_from", "before_issue"));
    }
    let longest = rules.longest_expiry(kind, valid_from);
    let expiry = match (expires_on, longest) {
        (Some(e), _) if e < valid_from => {
            errors.push(("expires_on", "before_valid_from"));
            e
        }
        (Some(e), Some(l)) if e > l => {
            errors.push(("expires_on", "too_long"));
            e
        }
        (Some(e), _) => e,
        (None, Some(l)) => l,
        (None, None) => {
            errors.push(("expires_on", "required"));
            valid_from
        }
    };
    if errors.is_empty() {
        Ok(expiry)
    } else {
        Err(errors)
    }
}

/// Among a holder's papers of one kind, the one that counts on `on`: an active paper
/// valid that day, else the active one expiring last, else the latest revoked one.
pub fn current(papers: &[Paper], kind: PaperKind, on: NaiveDate) -> Option<&Paper> {
    let of_kind = || papers.iter().filter(move |p| p.kind == kind);
    let active = || of_kind().filter(|p| p.state == PaperState::Active);
    active()
        .filter(|p| p.valid_from <= on && on <= p.expires_on)
        .max_by_key(|p| p.expires_on)
        .or_else(|| active().max_by_key(|p| p.expires_on))
        .or_else(|| {
            of_kind()
                .filter(|p| p.state == PaperState::Revoked)
                .max_by_key(|p| p.expires_on)
        })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub fn paper(kind: PaperKind, from: NaiveDate, to: NaiveDate) -> Paper {
        Paper {
            id: format!("{kind}-{from}"),
            kind,
            valid_from: from,
            expires_on: to,
            state: PaperState::Active,
            renewals: 0,
            series_start: from,
            employer_id: None,
        }
    }

    #[test]
    fn kinds_round_trip_and_have_holders() {
        for k in PaperKind::ALL {
            assert_eq!(k.as_str().parse::<PaperKind>(), Ok(k));
        }
        assert_eq!(
            PaperKind::LabourAgreement.holder(),
            Holder::EmployerForWorker
        );
        assert!(PaperKind::CnWorkPermit.names_employer());
        assert!(!PaperKind::CnHealthCertificate.names_employer());
    }

    #[test]
    fn status_through_a_papers_life() {
        let r = PaperRules::default();
        let p = paper(
            PaperKind::CnHealthCertificate,
            d(2026, 1, 1),
            d(2026, 12, 31),
        );
        let at = |on| assess(p.kind, Some(&p), on, &r);
        assert_eq!(at(d(2025, 12, 31)).status, PaperStatus::NotYetValid);
        assert_eq!(at(d(2026, 6, 1)).status, PaperStatus::Valid);
        assert_eq!(
            at(d(2026, 12, 1)).status,
            PaperStatus::Valid,
            "30 days left is not yet soon"
        );
        assert_eq!(at(d(2026, 12, 2)).status, PaperStatus::ExpiringSoon);
        let last = at(d(2026, 12, 31));
        assert_eq!(
            (last.status, last.days_left),
            (PaperStatus::ExpiringSoon, Some(0))
        );
        let after = at(d(2027, 1, 1));
        assert_eq!(
            (after.status, after.days_left, after.can_renew),
            (PaperStatus::Expired, Some(-1), false)
        );
        let revoked = Paper {
            state: PaperState::Revoked,
            ..p.clone()
        };
        assert_eq!(
            assess(p.kind, Some(&revoked), d(2026, 6, 1), &r).status,
            PaperStatus::Revoked
        );
        assert_eq!(
            assess(p.kind, None, d(2026, 6, 1), &r).status,
            PaperStatus::Missing
        );
    }

    #[test]
    fn standard_terms() {
        let r = PaperRules::default();
        assert_eq!(
            r.standard_expiry(PaperKind::CnResidencePermit, d(2026, 1, 15)),
            Some(d(2026, 7, 14))
        );
        assert_eq!(
            r.standard_expiry(PaperKind::CnHealthCertificate, d(2026, 3, 1)),
            Some(d(2027, 2, 28))
        );
        assert_eq!(
            r.standard_expiry(PaperKind::CnStayPermit, d(2026, 1, 1)),
            Some(d(2026, 6, 29))
        );
        assert_eq!(
            r.standard_expiry(PaperKind::CnWorkPermit, d(2026, 1, 1)),
            None
        );
    }

    #[test]
    fn a_residence_permit_renews_twice_by_three_months() {
        let r = PaperRules::default();
        let mut p = paper(PaperKind::CnResidencePermit, d(2026, 1, 1), d(2026, 6, 30));
        assert_eq!(renewal_term(&p, None, &r), Ok(d(2026, 9, 30)));
        assert_eq!(
            renewal_term(&p, Some(d(2026, 10, 1)), &r),
            Err(RenewalError::ExtensionTooLong)
        );
        assert_eq!(
            renewal_term(&p, Some(d(2026, 8, 31)), &r),
            Ok(d(2026, 8, 31))
        );
        assert_eq!(
            renewal_term(&p, Some(d(2026, 6, 30)), &r),
            Err(RenewalError::NotAnExtension)
        );
        let a = assess(p.kind, Some(&p), d(2026, 6, 20), &r);
        assert_eq!(
            (a.renewals_left, a.can_renew, a.renew_by),
            (Some(2), true, Some(d(2026, 6, 30)))
        );
        p.renewals = 2;
        assert_eq!(renewal_term(&p, None, &r), Err(RenewalError::LimitReached));
        let a = assess(p.kind, Some(&p), d(2026, 6, 20), &r);
        assert_eq!(
            (a.renewals_left, a.can_renew, a.renew_by),
            (Some(0), false, None)
        );
        p.state = PaperState::Revoked;
        p.renewals = 0;
        assert_eq!(renewal_term(&p, None, &r), Err(RenewalError::NotActive));
    }

    #[test]
    fn a_stay_permit_never_reaches_past_180_days_from_its_first_day() {
        let r = PaperRules::default();
        let mut p = paper(PaperKind::CnStayPermit, d(2026, 1, 1), d(2026, 3, 31));
        assert_eq!(renewal_term(&p, None, &r), Ok(d(2026, 6, 29)));
        p.expires_on = d(2026, 6, 29);
        assert_eq!(
            renewal_term(&p, None, &r),
            Err(RenewalError::ExtensionTooLong)
        );
        assert!(!assess(p.kind, Some(&p), d(2026, 6, 1), &r).can_renew);
    }

    #[test]
    fn kinds_without_a_standard_term_need_the_new_expiry() {
        let r = PaperRules::default();
        let p = paper(PaperKind::CnWorkPermit, d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(
            renewal_term(&p, None, &r),
            Err(RenewalError::ExpiryRequired)
        );
        assert!(assess(p.kind, Some(&p), d(2026, 12, 20), &r).can_renew);
        assert_eq!(
            renewal_term(&p, Some(d(2027, 12, 31)), &r),
            Ok(d(2027, 12, 31))
        );
    }

    #[test]
    fn new_papers_get_checked_dates_and_a_standard_term() {
        let r = PaperRules::default();
        let today = d(2026, 11, 23);
        let check = |kind, issued, from, to| check_new_paper(kind, issued, from, to, today, &r);
        assert_eq!(
            check(
                PaperKind::CnResidencePermit,
                d(2026, 11, 1),
                d(2026, 11, 1),
                None
            ),
            Ok(d(2027, 4, 30))
        );
        assert_eq!(
            check(
                PaperKind::CnResidencePermit,
                d(2026, 11, 1),
                d(2026, 11, 1),
                Some(d(2027, 6, 1))
            ),
            Err(vec![("expires_on", "too_long")])
        );
        assert_eq!(
            check(
                PaperKind::CnWorkPermit,
                d(2026, 11, 1),
                d(2026, 11, 1),
                None
            ),
            Err(vec![("expires_on", "required")])
        );
        assert_eq!(
            check(
                PaperKind::VnBorderPass,
                d(2026, 12, 1),
                d(2026, 11, 1),
                Some(d(2026, 10, 1))
            ),
            Err(vec![
                ("issued_on", "in_future"),
                ("valid_from", "before_issue"),
                ("expires_on", "before_valid_from")
            ])
        );
        assert_eq!(
            check(
                PaperKind::VnBorderPass,
                d(2026, 1, 1),
                d(2026, 1, 1),
                Some(d(2028, 1, 1))
            ),
            Ok(d(2028, 1, 1))
        );
    }

    #[test]
    fn the_current_paper_is_the_one_valid_that_day() {
        let old = paper(
            PaperKind::CnHealthCertificate,
            d(2025, 1, 1),
            d(2025, 12, 31),
        );
        let new = paper(
            PaperKind::CnHealthCertificate,
            d(2026, 1, 1),
            d(2026, 12, 31),
        );
        let revoked = Paper {
            state: PaperState::Revoked,
            ..paper(PaperKind::CnHealthCertificate, d(2026, 1, 1), d(2027, 6, 1))
        };
        let all = vec![old.clone(), new.clone(), revoked.clone()];
        assert_eq!(
            current(&all, PaperKind::CnHealthCertificate, d(2025, 6, 1)),
            Some(&old)
        );
        assert_eq!(
            current(&all, PaperKind::CnHealthCertificate, d(2026, 6, 1)),
            Some(&new)
        );
        assert_eq!(
            current(&all, PaperKind::CnHealthCertificate, d(2027, 3, 1)),
            Some(&new),
            "expired beats revoked"
        );
        assert_eq!(
            current(
                std::slice::from_ref(&revoked),
                PaperKind::CnHealthCertificate,
                d(2026, 6, 1)
            ),
            Some(&revoked)
        );
        assert_eq!(current(&all, PaperKind::CnWorkPermit, d(2026, 6, 1)), None);
    }
}
