//! Guidance topics and the paging of their text for small screens (USSD: 182 characters).
//! The words live in `locales/<lang>/guidance.ftl` and in supervisors' revisions; this
//! module knows only the topics' order (their number in `HD <n>`) and how to page text.
use super::papers::PaperKind;

/// Topic ids in the order workers see and number them (`HD 1` is the first).
pub const TOPICS: &[&str] = &[
    "legal-steps",
    "border-pass",
    "residence-permit",
    "work-permit",
    "health-certificate",
    "employer-papers",
    "centres",
    "border-gates",
    "hotlines",
    "rights",
    "recruiter-warning",
    "papers-lapsed",
];

/// The topic an SMS or USSD number names (1-based).
pub fn by_number(n: usize) -> Option<&'static str> {
    n.checked_sub(1).and_then(|i| TOPICS.get(i)).copied()
}

/// The number workers type for `topic`.
pub fn number_of(topic: &str) -> Option<usize> {
    TOPICS.iter().position(|t| *t == topic).map(|i| i + 1)
}

/// The topic that explains how to get or renew a paper of `kind`.
pub fn topic_for(kind: PaperKind) -> &'static str {
    match kind {
        PaperKind::VnBorderPass => "border-pass",
        PaperKind::CnResidencePermit | PaperKind::CnStayPermit => "residence-permit",
        PaperKind::CnWorkPermit => "work-permit",
        PaperKind::CnHealthCertificate => "health-certificate",
        _ => "employer-papers",
    }
}

/// Splits `text` into pages of at most `width` characters (not bytes), breaking only
/// between words; paragraphs (blank lines) become line breaks. A single word longer than
/// a page is the only thing ever split. No page is empty; an empty text has no pages.
pub fn pages(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut page = String::new();
    let mut len = 0;
    for (i, para) in text.split("\n\n").enumerate() {
        for (j, word) in para.split_whitespace().enumerate() {
            let sep = if len == 0 {
                ""
            } else if i > 0 && j == 0 {
                "\n"
            } else {
                " "
            };
            let wlen = word.chars().count();
            if len > 0 && len + sep.len() + wlen > width {
                out.push(std::mem::take(&mut page));
                len = 0;
            }
            if wlen > width {
                // A word wider than a page: hard-split it (URLs, long numbers).
                let chars: Vec<char> = word.chars().collect();
                for chunk in chars.chunks(width) {
                    if len > 0 {
                        out.push(std::mem::take(&mut page));
                    }
                    page = chunk.iter().collect();
                    len = chunk.len();
                }
                continue;
            }
            if len > 0 {
                page.push_str(sep);
                len += sep.len();
            }
            page.push_str(word);
            len += wlen;
        }
    }
    if len > 0 {
        out.push(page);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_and_topics_round_trip() {
        for (i, t) in TOPICS.iter().enumerate() {
            assert_eq!(by_number(i + 1), Some(*t));
            assert_eq!(number_of(t), Some(i + 1));
        }
        assert_eq!(by_number(0), None);
        assert_eq!(by_number(TOPICS.len() + 1), None);
        assert_eq!(number_of("nope"), None);
        for kind in [PaperKind::CnStayPermit, PaperKind::AccidentInsurance] {
            assert!(TOPICS.contains(&topic_for(kind)));
        }
    }

    #[test]
    fn pages_break_between_words_and_keep_paragraphs() {
        let p = pages("Một hai ba\n\nbốn năm", 11);
        assert_eq!(p, vec!["Một hai ba", "bốn năm"]);
        let p = pages("Một hai\n\nba", 20);
        assert_eq!(p, vec!["Một hai\nba"]);
        assert!(pages("   ", 10).is_empty());
        assert_eq!(pages("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    proptest! {
        #[test]
        fn pages_fit_lose_no_word_and_never_cut_one(
            words in proptest::collection::vec("[a-zđăâêôơưạảấầẩẫậ]{1,12}", 0..80),
            width in 12usize..200,
        ) {
            let text = words.join(" ");
            let p = pages(&text, width);
            for page in &p {
                prop_assert!(page.chars().count() <= width);
                prop_assert!(!page.is_empty());
            }
            let rejoined: Vec<String> = p.iter().flat_map(|s| s.split_whitespace()).map(String::from).collect();
            prop_assert_eq!(rejoined, words);
        }
    }
}
