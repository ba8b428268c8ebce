//! Matching workers and vacancies: one scoring function, used both ways (vacancies for a
//! worker, candidates for a vacancy), with its weights in one place and an explanation
//! for every point given. Pure: the database narrows first, this ranks what is left.
use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

/// Points out of 100. Skills matter most; then where, then pay, then when.
pub const WEIGHT_SKILLS: u32 = 40;
pub const WEIGHT_ZONE: u32 = 25;
pub const WEIGHT_WAGE: u32 = 20;
pub const WEIGHT_AVAILABLE: u32 = 15;

/// What the worker offers and wants.
#[derive(Debug, Clone, Default)]
pub struct Seeker {
    pub skills: BTreeSet<String>,
    /// Empty: any zone.
    pub zones: BTreeSet<String>,
    pub min_wage: Option<i32>,
    pub available_from: Option<NaiveDate>,
    /// The last day the worker's papers allow work (none: not legal now).
    pub legal_until: Option<NaiveDate>,
}

/// What the vacancy asks and offers.
#[derive(Debug, Clone)]
pub struct Offer<'a> {
    pub id: &'a str,
    pub skills: BTreeSet<String>,
    pub zone: &'a str,
    pub wage_min: i32,
    pub wage_max: i32,
    pub start_on: NaiveDate,
}

/// One reason for (or against) a match; rendered in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    Skills { matched: usize, wanted: usize },
    PreferredZone,
    AnyZone,
    OtherZone,
    WageAboveMinimum,
    WageBelowMinimum,
    AvailableByStart,
    AvailableAfterStart,
    PapersCoverStart,
    PapersDoNotCoverStart,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    pub points: u32,
    /// The worker's papers allow work on the start date.
    pub papers_cover_start: bool,
    pub reasons: Vec<Reason>,
}

/// Scores one (worker, vacancy) pair.
pub fn score(s: &Seeker, o: &Offer<'_>) -> Score {
    let mut points = 0;
    let mut reasons = Vec::new();
    let wanted = o.skills.len();
    let matched = o.skills.intersection(&s.skills).count();
    points += if wanted == 0 {
        WEIGHT_SKILLS
    } else {
        WEIGHT_SKILLS * matched as u32 / wanted as u32
    };
    reasons.push(Reason::Skills { matched, wanted });
    if s.zones.is_empty() {
        points += WEIGHT_ZONE / 2;
        reasons.push(Reason::AnyZone);
    } else if s.zones.contains(o.zone) {
        points += WEIGHT_ZONE;
        reasons.push(Reason::PreferredZone);
    } else {
        reasons.push(Reason::OtherZone);
    }
    match s.min_wage {
        Some(min) if o.wage_max < min => reasons.push(Reason::WageBelowMinimum),
        _ => {
            points += WEIGHT_WAGE;
            reasons.push(Reason::WageAboveMinimum);
        }
    }
    if s.available_from.is_none_or(|d| d <= o.start_on) {
        points += WEIGHT_AVAILABLE;
        reasons.push(Reason::AvailableByStart);
    } else {
        reasons.push(Reason::AvailableAfterStart);
    }
    let papers_cover_start = s.legal_until.is_some_and(|d| d >= o.start_on);
    reasons.push(if papers_cover_start {
        Reason::PapersCoverStart
    } else {
        Reason::PapersDoNotCoverStart
    });
    Score {
        points,
        papers_cover_start,
        reasons,
    }
}

/// Best first; ties broken by the earlier start, then the id — the same input always
/// gives the same order.
pub fn rank<'a>(s: &Seeker, offers: &'a [Offer<'a>]) -> Vec<(&'a Offer<'a>, Score)> {
    let mut scored: Vec<_> = offers.iter().map(|o| (o, score(s, o))).collect();
    scored.sort_by(|(a, sa), (b, sb)| {
        sb.points
            .cmp(&sa.points)
            .then(a.start_on.cmp(&b.start_on))
            .then(a.id.cmp(b.id))
    });
    scored
}

/// A comma-separated list as a set (how skills and zones are stored).
pub fn set_of(csv: &str) -> BTreeSet<String> {
    csv.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn offer<'a>(
        id: &'a str,
        skills: &str,
        zone: &'a str,
        wage: (i32, i32),
        start: NaiveDate,
    ) -> Offer<'a> {
        Offer {
            id,
            skills: set_of(skills),
            zone,
            wage_min: wage.0,
            wage_max: wage.1,
            start_on: start,
        }
    }

    fn seeker() -> Seeker {
        Seeker {
            skills: set_of("fruit_sorting,warehouse,forklift"),
            zones: set_of("pingxiang"),
            min_wage: Some(3000),
            available_from: Some(d(12, 1)),
            legal_until: Some(d(12, 31)),
        }
    }

    #[test]
    fn a_perfect_match_scores_100_and_says_why() {
        let o = offer(
            "a",
            "fruit_sorting,warehouse",
            "pingxiang",
            (3200, 4000),
            d(12, 5),
        );
        let s = score(&seeker(), &o);
        assert_eq!(s.points, 100);
        assert!(s.papers_cover_start);
        assert_eq!(
            s.reasons,
            vec![
                Reason::Skills {
                    matched: 2,
                    wanted: 2
                },
                Reason::PreferredZone,
                Reason::WageAboveMinimum,
                Reason::AvailableByStart,
                Reason::PapersCoverStart
            ]
        );
    }

    #[test]
    fn each_shortfall_costs_its_weight() {
        let o = offer(
            "b",
            "fruit_sorting,sewing,cooking,farming",
            "dongxing",
            (2000, 2800),
            d(11, 25),
        );
        let s = score(&seeker(), &o);
        assert_eq!(s.points, WEIGHT_SKILLS / 4);
        assert!(s.reasons.contains(&Reason::Skills {
            matched: 1,
            wanted: 4
        }));
        assert!(s.reasons.contains(&Reason::OtherZone));
        assert!(s.reasons.contains(&Reason::WageBelowMinimum));
        assert!(s.reasons.contains(&Reason::AvailableAfterStart));
    }

    #[test]
    fn papers_that_lapse_before_the_start_are_flagged_not_hidden() {
        let o = offer(
            "d",
            "warehouse",
            "pingxiang",
            (3000, 3500),
            NaiveDate::from_ymd_opt(2027, 1, 10).unwrap(),
        );
        let s = score(&seeker(), &o);
        assert!(!s.papers_cover_start);
        assert!(s.reasons.contains(&Reason::PapersDoNotCoverStart));
        assert!(s.points > 0);
    }

    proptest! {
        #[test]
        fn ranking_is_deterministic_and_sorted(
            specs in proptest::collection::vec((0u8..4, 0u8..3, 2000i32..6000, 1u32..28), 0..30)
        ) {
            let skills = ["fruit_sorting", "warehouse", "sewing", "cooking"];
            let zones = ["pingxiang", "dongxing", "chongzuo"];
            let ids: Vec<String> = (0..specs.len()).map(|i| format!("v{i:03}")).collect();
            let offers: Vec<Offer<'_>> = specs.iter().zip(&ids).map(|((k, z, w, day), id)| {
                offer(id, skills[*k as usize], zones[*z as usize], (*w, *w + 500), d(12, *day))
            }).collect();
            let a: Vec<&str> = rank(&seeker(), &offers).iter().map(|(o, _)| o.id).collect();
            let mut reversed = offers.clone();
            reversed.reverse();
            let b: Vec<&str> = rank(&seeker(), &reversed).iter().map(|(o, _)| o.id).collect();
            prop_assert_eq!(&a, &b, "input order does not matter");
            let ranked = rank(&seeker(), &offers);
            for pair in ranked.windows(2) {
                prop_assert!(pair[0].1.points >= pair[1].1.points);
                prop_assert!(pair[0].1.points <= 100);
            }
        }
    }
}
