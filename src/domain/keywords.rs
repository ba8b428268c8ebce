//! SMS keywords: one registry, matched without regard to case, accents or extra spaces,
//! in Vietnamese, English and Chinese. Later capabilities add their entries here; the
//! help text lists exactly what is registered.
use super::sms_text::unaccent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `TT`: my status and verdict.
    Status,
    /// `HD`: short guidance and the list of keywords.
    Help,
    /// `DUNG`: no more non-essential messages.
    Stop,
    /// `BAT`: messages again.
    Start,
    /// `KT <licence or name>`: may this recruiter recruit?
    CheckAgency,
    /// `BC <text>` (or `BC AN <text>`, anonymous): report abuse.
    Report,
    /// `VIEC`: my top jobs; `VIEC <code>`: apply.
    Jobs,
}

pub struct Keyword {
    pub command: Command,
    /// The first alias is the one shown in help texts.
    pub aliases: &'static [&'static str],
}

pub const REGISTRY: &[Keyword] = &[
    Keyword {
        command: Command::Status,
        aliases: &["TT", "TRANG THAI", "STATUS", "状态"],
    },
    Keyword {
        command: Command::Help,
        aliases: &["HD", "HUONG DAN", "HELP", "帮助"],
    },
    Keyword {
        command: Command::Stop,
        aliases: &["DUNG", "HUY", "STOP", "退订"],
    },
    Keyword {
        command: Command::Start,
        aliases: &["BAT", "START"],
    },
    Keyword {
        command: Command::CheckAgency,
        aliases: &["KT", "KIEM TRA", "CHECK", "查询"],
    },
    Keyword {
        command: Command::Report,
        aliases: &["BC", "BAO CAO", "REPORT", "举报"],
    },
    Keyword {
        command: Command::Jobs,
        aliases: &["VIEC", "VIEC LAM", "JOBS", "JOB", "工作"],
    },
];

/// Upper case, no accents, single spaces.
pub fn normalize(text: &str) -> String {
    unaccent(text)
        .to_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The command a text starts with (the longest alias that is followed by a space or the
/// end), and the rest of the text.
pub fn parse(text: &str) -> (Option<Command>, String) {
    let norm = normalize(text);
    let found = REGISTRY
        .iter()
        .flat_map(|k| k.aliases.iter().map(move |a| (k.command, *a)))
        .filter(|(_, alias)| {
            norm.strip_prefix(alias)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' ') || !alias.is_ascii())
        })
        .max_by_key(|(_, alias)| alias.len());
    match found {
        Some((command, alias)) => (Some(command), norm[alias.len()..].trim().to_string()),
        None => (None, norm),
    }
}

/// Like [`parse`], but the rest is the sender's own text (accents, case and line breaks
/// kept) — for free text such as a report.
pub fn parse_original(text: &str) -> (Option<Command>, String) {
    let (command, rest_norm) = parse(text);
    if command.is_none() {
        return (None, text.trim().to_string());
    }
    // The keyword used the words (or CJK characters) that normalize to everything before
    // the normalized rest; drop the same number of words from the original.
    let norm = normalize(text);
    let alias = norm[..norm.len() - rest_norm.len()].trim();
    let original = text.trim();
    let rest = if alias.is_ascii() {
        let words = alias.split_whitespace().count();
        let mut rest = original;
        for _ in 0..words {
            rest = rest.trim_start();
            rest = rest.find(char::is_whitespace).map_or("", |i| &rest[i..]);
        }
        rest
    } else {
        original.strip_prefix(alias).unwrap_or(original)
    };
    (command, rest.trim().to_string())
}

/// The keywords as shown in help: the first alias of each.
pub fn listed() -> Vec<&'static str> {
    REGISTRY.iter().map(|k| k.aliases[0]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_match_whatever_the_case_accents_and_spaces() {
        for text in [
            "TT",
            "tt",
            " Tt  ",
            "trạng thái",
            "TRANG   THAI",
            "status",
            "状态",
        ] {
            assert_eq!(parse(text).0, Some(Command::Status), "{text:?}");
        }
        assert_eq!(parse("hướng dẫn").0, Some(Command::Help));
        assert_eq!(parse("Dừng").0, Some(Command::Stop));
        assert_eq!(parse("huỷ").0, Some(Command::Stop));
        assert_eq!(parse("退订").0, Some(Command::Stop));
        assert_eq!(parse("bật").0, Some(Command::Start));
        assert_eq!(parse("HD 3"), (Some(Command::Help), "3".to_string()));
    }

    #[test]
    fn other_words_are_not_keywords() {
        assert_eq!(parse("TTX").0, None, "a keyword must end at a space");
        assert_eq!(parse("xin chao").0, None);
        assert_eq!(parse("").0, None);
        assert_eq!(listed(), ["TT", "HD", "DUNG", "BAT", "KT", "BC", "VIEC"]);
    }

    #[test]
    fn free_text_after_a_keyword_keeps_its_accents_and_case() {
        assert_eq!(
            parse_original("bc  Chủ giữ hộ chiếu\ncủa tôi"),
            (
                Some(Command::Report),
                "Chủ giữ hộ chiếu\ncủa tôi".to_string()
            )
        );
        assert_eq!(
            parse_original("Báo cáo AN Công ty X"),
            (Some(Command::Report), "AN Công ty X".to_string())
        );
        assert_eq!(
            parse_original("举报老板扣押护照"),
            (Some(Command::Report), "老板扣押护照".to_string())
        );
        assert_eq!(
            parse_original("kt Hòa Bình"),
            (Some(Command::CheckAgency), "Hòa Bình".to_string())
        );
        assert_eq!(parse_original("BC"), (Some(Command::Report), String::new()));
        assert_eq!(parse_original(" xin chào "), (None, "xin chào".to_string()));
    }
}
