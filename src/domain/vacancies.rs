//! Vacancy and job-application lifecycles.

/// `draft → open → filled | closed`, a draft may be dropped (`closed`), and an open
/// vacancy may go back to draft for changes. `expired` is set by time, not by people.
pub fn vacancy_may_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("draft", "open") | ("open", "draft") | ("open", "filled" | "closed") | ("draft", "closed")
    )
}

/// Decisions by the vacancy's owner: `applied → shortlisted → hired`, `applied |
/// shortlisted → rejected`. Workers withdraw any open application.
pub fn application_may_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("applied", "shortlisted")
            | ("shortlisted", "hired")
            | ("applied" | "shortlisted", "rejected")
            | ("applied" | "shortlisted", "withdrawn")
    )
}

/// Before shortlisting, an employer sees no phone number or birth date.
pub fn contact_visible(state: &str) -> bool {
    matches!(state, "shortlisted" | "hired")
}

/// Short codes for SMS and USSD: five characters from an alphabet without look-alikes.
pub fn short_code(bytes: [u8; 5]) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycles() {
        assert!(vacancy_may_move("draft", "open"));
        assert!(vacancy_may_move("open", "filled"));
        assert!(!vacancy_may_move("filled", "open"));
        assert!(!vacancy_may_move("closed", "open"));
        assert!(application_may_move("applied", "shortlisted"));
        assert!(application_may_move("shortlisted", "hired"));
        assert!(!application_may_move("applied", "hired"), "shortlist first");
        assert!(!application_may_move("hired", "withdrawn"));
        assert!(!application_may_move("withdrawn", "applied"));
        assert!(contact_visible("shortlisted") && !contact_visible("applied"));
        let c = short_code([0, 1, 30, 31, 255]);
        assert_eq!(c.len(), 5);
        assert!(!c.contains(['0', 'O', '1', 'I', 'L']));
    }
}
