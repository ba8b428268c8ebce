use chrono::{NaiveDate, TimeDelta};
use proptest::prelude::*;

use super::*;
use crate::domain::papers::{
    PaperState, renewal_term,
    tests::{d, paper},
};

const EMPLOYER: &str = "emp-1";

fn employed(p: Paper) -> Paper {
    Paper {
        employer_id: Some(EMPLOYER.into()),
        ..p
    }
}

/// A worker legal from 2026-01-01, the health certificate being the first to lapse.
fn legal_situation() -> Situation {
    let (from, to) = (d(2026, 1, 1), d(2026, 12, 31));
    Situation {
        worker_papers: vec![
            paper(PaperKind::VnBorderPass, from, d(2028, 1, 1)),
            paper(PaperKind::CnResidencePermit, from, d(2026, 6, 30)),
            employed(paper(PaperKind::CnWorkPermit, from, to)),
            paper(PaperKind::CnHealthCertificate, from, d(2026, 5, 31)),
        ],
        employment: Some(Employment {
            employer_id: EMPLOYER.into(),
            start: from,
            end: None,
        }),
        employer_papers: vec![
            employed(paper(PaperKind::EmployerPermit, from, to)),
            employed(paper(PaperKind::LabourAgreement, from, to)),
            employed(paper(PaperKind::AccidentInsurance, from, to)),
            employed(paper(PaperKind::WorkInjuryInsurance, from, to)),
        ],
        last_entry: None,
    }
}

fn codes(v: &Verdict) -> Vec<&'static str> {
    v.failures.iter().map(|f| f.code).collect()
}

#[test]
fn all_papers_in_order_is_legal_until_the_first_lapse() {
    let r = PaperRules::default();
    let v = verdict(&legal_situation(), d(2026, 3, 1), &r);
    assert!(v.legal, "{v:?}");
    assert_eq!(
        v.legal_until,
        Some(d(2026, 6, 1)),
        "health certificate lapses after 31/05"
    );
    assert_eq!(
        next_step(&legal_situation(), &v, &r),
        NextStep::AllInOrder {
            next_expiry: Some(d(2026, 5, 31)),
            kind: Some(PaperKind::CnHealthCertificate)
        }
    );
}

#[test]
fn every_failing_condition_is_listed() {
    let r = PaperRules::default();
    let mut s = legal_situation();
    s.worker_papers
        .retain(|p| p.kind != PaperKind::VnBorderPass);
    s.employer_papers
        .retain(|p| p.kind != PaperKind::AccidentInsurance);
    let v = verdict(&s, d(2026, 6, 15), &r);
    assert!(!v.legal);
    assert_eq!(
        codes(&v),
        [
            "border_pass_invalid",
            "health_certificate_invalid",
            "accident_insurance_invalid"
        ]
    );
    assert_eq!(v.failures[1].status, Some(PaperStatus::Expired));
    assert_eq!(v.failures[0].status, Some(PaperStatus::Missing));
    assert_eq!(v.legal_until, None);
    assert_eq!(
        next_step(&s, &v, &r),
        NextStep::Obtain {
            kind: PaperKind::VnBorderPass
        }
    );
}

#[test]
fn a_work_permit_for_another_employer_does_not_count() {
    let r = PaperRules::default();
    let mut s = legal_situation();
    s.employment = Some(Employment {
        employer_id: "emp-2".into(),
        start: d(2026, 2, 1),
        end: None,
    });
    let v = verdict(&s, d(2026, 3, 1), &r);
    assert!(codes(&v).contains(&"work_permit_other_employer"));
    // The new employer's own papers are missing too.
    assert!(codes(&v).contains(&"employer_permit_invalid"));
}

#[test]
fn no_employment_means_not_legal_to_work() {
    let r = PaperRules::default();
    let mut s = legal_situation();
    s.employment = Some(Employment {
        employer_id: EMPLOYER.into(),
        start: d(2026, 1, 1),
        end: Some(d(2026, 2, 28)),
    });
    assert!(verdict(&s, d(2026, 2, 28), &r).legal);
    assert_eq!(
        verdict(&s, d(2026, 2, 1), &r).legal_until,
        Some(d(2026, 3, 1))
    );
    let v = verdict(&s, d(2026, 3, 1), &r);
    assert_eq!(codes(&v), ["no_employment"]);
    assert_eq!(
        next_step(&s, &v, &r),
        NextStep::AskEmployer {
            failure: "no_employment"
        }
    );
}

#[test]
fn a_stay_permit_replaces_the_residence_permit() {
    let r = PaperRules::default();
    let mut s = legal_situation();
    s.worker_papers
        .retain(|p| p.kind != PaperKind::CnResidencePermit);
    assert_eq!(
        codes(&verdict(&s, d(2026, 3, 1), &r)),
        ["no_residence_or_stay_permit"]
    );
    s.worker_papers.push(paper(
        PaperKind::CnStayPermit,
        d(2026, 1, 1),
        d(2026, 6, 29),
    ));
    assert!(verdict(&s, d(2026, 3, 1), &r).legal);
}

#[test]
fn the_72_hour_entry_window_bridges_until_a_permit_is_issued() {
    let r = PaperRules::default();
    let mut s = legal_situation();
    s.worker_papers
        .retain(|p| p.kind != PaperKind::CnResidencePermit);
    s.last_entry = Some(d(2026, 3, 10));
    assert!(
        !verdict(&s, d(2026, 3, 9), &r).legal,
        "not before the entry"
    );
    let v = verdict(&s, d(2026, 3, 10), &r);
    assert!(v.legal);
    assert_eq!(v.legal_until, Some(d(2026, 3, 13)));
    assert!(verdict(&s, d(2026, 3, 12), &r).legal);
    assert!(!verdict(&s, d(2026, 3, 13), &r).legal);
}

#[test]
fn the_next_step_is_to_renew_or_to_leave() {
    let r = PaperRules::default();
    let s = legal_situation();
    // Residence permit: 10 days left, renewable.
    let mut s2 = s.clone();
    s2.worker_papers
        .retain(|p| p.kind != PaperKind::CnHealthCertificate);
    s2.worker_papers.push(paper(
        PaperKind::CnHealthCertificate,
        d(2026, 1, 1),
        d(2026, 12, 31),
    ));
    let v = verdict(&s2, d(2026, 6, 20), &r);
    assert_eq!(
        next_step(&s2, &v, &r),
        NextStep::Renew {
            kind: PaperKind::CnResidencePermit,
            days_left: 10,
            renewals_left: Some(2),
            renew_by: d(2026, 6, 30)
        }
    );
    // No renewals left: the worker must leave before it lapses.
    for p in s2
        .worker_papers
        .iter_mut()
        .filter(|p| p.kind == PaperKind::CnResidencePermit)
    {
        p.renewals = 2;
    }
    let v = verdict(&s2, d(2026, 6, 20), &r);
    assert_eq!(
        next_step(&s2, &v, &r),
        NextStep::MustExit {
            kind: PaperKind::CnResidencePermit,
            by: d(2026, 6, 30)
        }
    );
}

#[test]
fn revoked_papers_fail_with_their_status() {
    let r = PaperRules::default();
    let mut s = legal_situation();
    for p in s
        .worker_papers
        .iter_mut()
        .filter(|p| p.kind == PaperKind::CnWorkPermit)
    {
        p.state = PaperState::Revoked;
    }
    let v = verdict(&s, d(2026, 3, 1), &r);
    assert_eq!(
        v.failures,
        vec![Failure {
            code: "work_permit_invalid",
            kind: Some(PaperKind::CnWorkPermit),
            status: Some(PaperStatus::Revoked)
        }]
    );
}

fn arb_paper(kind: PaperKind) -> impl Strategy<Value = Option<Paper>> {
    (
        any::<bool>(),
        -400i64..400,
        1i64..500,
        0u8..10,
        0u32..4,
        any::<bool>(),
    )
        .prop_map(
            move |(present, start, len, state, renewals, same_employer)| {
                present.then(|| {
                    let from = d(2026, 1, 1) + TimeDelta::days(start);
                    Paper {
                        id: format!("{kind}"),
                        kind,
                        valid_from: from,
                        expires_on: from + TimeDelta::days(len),
                        state: if state == 0 {
                            PaperState::Revoked
                        } else {
                            PaperState::Active
                        },
                        renewals,
                        series_start: from,
                        employer_id: Some(if same_employer { EMPLOYER } else { "other" }.into()),
                    }
                })
            },
        )
}

fn arb_situation() -> impl Strategy<Value = Situation> {
    let worker = WORKER_KINDS.map(arb_paper);
    let employer = [
        PaperKind::EmployerPermit,
        PaperKind::LabourAgreement,
        PaperKind::AccidentInsurance,
        PaperKind::WorkInjuryInsurance,
    ]
    .map(arb_paper);
    (
        worker,
        employer,
        any::<bool>(),
        proptest::option::of(-30i64..30),
    )
        .prop_map(|(w, e, employed, entry)| Situation {
            worker_papers: w.into_iter().flatten().collect(),
            employer_papers: e.into_iter().flatten().collect(),
            employment: employed.then(|| Employment {
                employer_id: EMPLOYER.into(),
                start: d(2025, 1, 1),
                end: None,
            }),
            last_entry: entry.map(|days| d(2026, 1, 1) + TimeDelta::days(days)),
        })
}

proptest! {
    #[test]
    fn never_legal_when_a_required_paper_is_not_valid(s in arb_situation(), day in -400i64..800) {
        let r = PaperRules::default();
        let on = d(2026, 1, 1) + TimeDelta::days(day);
        let v = verdict(&s, on, &r);
        let valid = |pool: &[Paper], kind| {
            current(pool, kind, on).is_some_and(|p| assess(kind, Some(p), on, &r).status.is_valid())
        };
        for kind in [PaperKind::VnBorderPass, PaperKind::CnWorkPermit, PaperKind::CnHealthCertificate] {
            if !valid(&s.worker_papers, kind) {
                prop_assert!(!v.legal, "{kind} not valid on {on} yet legal");
            }
        }
        for kind in [PaperKind::EmployerPermit, PaperKind::LabourAgreement, PaperKind::AccidentInsurance, PaperKind::WorkInjuryInsurance] {
            if !valid(&s.employer_papers, kind) {
                prop_assert!(!v.legal, "{kind} not valid on {on} yet legal");
            }
        }
        let in_window = s.last_entry.is_some_and(|e| e <= on && on < e + TimeDelta::days(3));
        if !valid(&s.worker_papers, PaperKind::CnResidencePermit) && !valid(&s.worker_papers, PaperKind::CnStayPermit) && !in_window {
            prop_assert!(!v.legal);
        }
        if v.legal {
            let until = v.legal_until.expect("a legal verdict says until when");
            prop_assert!(until > on);
            // And on that day it is indeed no longer legal.
            prop_assert!(!verdict(&s, until, &r).legal, "still legal on {until}");
        } else {
            prop_assert!(!v.failures.is_empty());
        }
    }

    #[test]
    fn renewal_never_exceeds_the_limit(renewals in 0u32..6, len in 1i64..400, ask in proptest::option::of(1i64..400)) {
        let r = PaperRules::default();
        let mut p = paper(PaperKind::CnResidencePermit, d(2026, 1, 1), d(2026, 1, 1) + TimeDelta::days(len));
        p.renewals = renewals;
        let requested = ask.map(|days| p.expires_on + TimeDelta::days(days));
        match renewal_term(&p, requested, &r) {
            Ok(expiry) => {
                prop_assert!(renewals < r.residence_max_renewals);
                prop_assert!(expiry > p.expires_on);
                let longest = (p.expires_on + TimeDelta::days(1)).checked_add_months(chrono::Months::new(3)).unwrap();
                prop_assert!(expiry < longest);
            }
            Err(_) => prop_assert!(renewals >= r.residence_max_renewals || requested.is_some()),
        }
        // Renewing again and again from a fresh permit stops after exactly the limit.
        let mut chain = paper(PaperKind::CnResidencePermit, d(2026, 1, 1), d(2026, 6, 30));
        let mut count = 0;
        while let Ok(expiry) = renewal_term(&chain, None, &r) {
            chain = Paper { expires_on: expiry, renewals: chain.renewals + 1, ..chain };
            count += 1;
            prop_assert!(count <= r.residence_max_renewals);
        }
        prop_assert_eq!(count, r.residence_max_renewals);
        let total: NaiveDate = chain.expires_on;
        prop_assert!(total <= d(2026, 12, 31), "at most 12 months in all");
    }
}
