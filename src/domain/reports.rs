//! Abuse reports: categories, the triage state machine and case numbers.

/// What a report is about (seed 003's practices of illegal recruiters).
pub const CATEGORIES: &[&str] = &[
    "wage_arrears",
    "passport_confiscation",
    "excessive_fees",
    "false_promises",
    "no_contract",
    "illegal_crossing_offer",
    "unsafe_work",
    "other",
];

pub fn is_category(s: &str) -> bool {
    CATEGORIES.contains(&s)
}

pub const STATES: &[&str] = &["new", "investigating", "referred", "closed"];

/// `new → investigating → referred → closed`; a report may be closed from any open state
/// (e.g. a duplicate) and a referred case may come back for more investigation.
pub fn may_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("new", "investigating")
            | ("investigating", "referred")
            | ("referred", "investigating")
            | ("new" | "investigating" | "referred", "closed")
    )
}

/// `BC-2026-000123`.
pub fn case_number(year: i32, seq: i64) -> String {
    format!("BC-{year}-{seq:06}")
}

/// A case number as typed: case-insensitive, spaces ignored.
pub fn normalize_case_number(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether a text is a case number (`BC-2026-000123`, any case, spaces ignored).
pub fn is_case_number(s: &str) -> bool {
    let n = normalize_case_number(s);
    let mut parts = n.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("BC"), Some(y), Some(seq), None)
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())
                && seq.len() >= 6 && seq.bytes().all(|b| b.is_ascii_digit())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triage_moves_forward_or_closes_never_reopens() {
        assert!(may_move("new", "investigating"));
        assert!(may_move("investigating", "referred"));
        assert!(may_move("referred", "closed"));
        assert!(may_move("new", "closed"));
        assert!(!may_move("closed", "new"));
        assert!(!may_move("closed", "investigating"));
        assert!(!may_move("new", "referred"));
        assert!(!may_move("new", "new"));
        for s in STATES {
            assert!(!may_move("closed", s));
        }
    }

    #[test]
    fn case_numbers_are_padded_and_normalized() {
        assert_eq!(case_number(2026, 123), "BC-2026-000123");
        assert_eq!(case_number(2027, 1_234_567), "BC-2027-1234567");
        assert_eq!(normalize_case_number(" bc-2026-000123 "), "BC-2026-000123");
        assert!(is_category("wage_arrears") && !is_category("wage"));
        assert!(is_case_number(" bc-2026-000123"));
        assert!(!is_case_number("BC-2026-12") && !is_case_number("chủ nợ lương"));
    }
}
