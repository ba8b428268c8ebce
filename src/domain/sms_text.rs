//! What an SMS costs: GSM-7 or UCS-2, how many segments, and the unaccented
//! Vietnamese fallback that fits cheap handsets. Pure.
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "gsm7",
            Encoding::Ucs2 => "ucs2",
        }
    }

    /// (units in a single message, units per part of a concatenated one)
    fn capacity(self) -> (usize, usize) {
        match self {
            Encoding::Gsm7 => (160, 153),
            Encoding::Ucs2 => (70, 67),
        }
    }
}

/// How to treat Vietnamese diacritics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiacriticsPolicy {
    Keep,
    Strip,
    /// Keep them when the text fits the allowed segments, strip them otherwise.
    Auto,
}

/// GSM-7 septets a character takes (1, or 2 from the extension table), or `None` if
/// the character is not in GSM 03.38 at all. The table is the `gsm7` crate's.
pub fn gsm_septets(c: char) -> Option<usize> {
    let mut writer = gsm7::Gsm7Writer::new(Vec::new());
    writer.write_char(c).ok()?;
    // One character alone: 7 bits pad to one byte, 14 bits (escape + char) to two.
    writer.into_writer().ok().map(|bytes| bytes.len())
}

/// A text's cost on the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cost {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    pub units: usize,
    pub segments: usize,
}

/// Encoding and segment count, never splitting an escape pair or a surrogate pair
/// across parts.
pub fn cost(text: &str) -> Cost {
    let gsm: Option<Vec<usize>> = text.chars().map(gsm_septets).collect();
    let (encoding, widths) = match gsm {
        Some(w) => (Encoding::Gsm7, w),
        None => (Encoding::Ucs2, text.chars().map(char::len_utf16).collect()),
    };
    let units: usize = widths.iter().sum();
    let (single, part) = encoding.capacity();
    let segments = if units <= single {
        1
    } else {
        let mut segments = 1;
        let mut used = 0;
        for w in widths {
            if used + w > part {
                segments += 1;
                used = 0;
            }
            used += w;
        }
        segments
    };
    Cost {
        encoding,
        units,
        segments,
    }
}

/// Vietnamese without diacritics: every accented letter to its base (including đ/Đ,
/// which Unicode does not decompose), and typographic punctuation to plain. Chinese and
/// other scripts are left as they are.
pub fn unaccent(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_ascii() => out.push(c),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            '–' | '—' => out.push('-'),
            '‘' | '’' => out.push('\''),
            '“' | '”' => out.push('"'),
            '…' => out.push_str("..."),
            c if is_latin(c) => out.extend(std::iter::once(c).nfd().filter(|m| !is_combining(*m))),
            c => out.push(c),
        }
    }
    out
}

fn is_latin(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// A text ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub text: String,
    pub cost: Cost,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub segments: usize,
    pub allowed: usize,
}

/// Applies the policy within `max_segments`. Chinese keeps its characters (always
/// UCS-2). A text that still does not fit is refused, never truncated.
pub fn prepare(
    text: &str,
    chinese: bool,
    policy: DiacriticsPolicy,
    max_segments: usize,
) -> Result<Prepared, TooLong> {
    let keep = Prepared {
        text: text.to_string(),
        cost: cost(text),
    };
    let candidate = match policy {
        _ if chinese => keep,
        DiacriticsPolicy::Keep => keep,
        DiacriticsPolicy::Auto if keep.cost.segments <= max_segments => keep,
        DiacriticsPolicy::Auto | DiacriticsPolicy::Strip => {
            let stripped = unaccent(text);
            Prepared {
                cost: cost(&stripped),
                text: stripped,
            }
        }
    };
    if candidate.cost.segments <= max_segments {
        Ok(candidate)
    } else {
        Err(TooLong {
            segments: candidate.cost.segments,
            allowed: max_segments,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_gsm7_and_extension_characters_count_double() {
        assert_eq!(gsm_septets('a'), Some(1));
        assert_eq!(gsm_septets('€'), Some(2));
        assert_eq!(gsm_septets('['), Some(2));
        assert_eq!(gsm_septets('ă'), None);
        assert_eq!(
            cost("Hello"),
            Cost {
                encoding: Encoding::Gsm7,
                units: 5,
                segments: 1
            }
        );
        assert_eq!(cost(&"a".repeat(160)).segments, 1);
        assert_eq!(cost(&"a".repeat(161)).segments, 2);
        assert_eq!(cost(&"a".repeat(306)).segments, 2);
        assert_eq!(cost(&"a".repeat(307)).segments, 3);
        assert_eq!(cost(&"€".repeat(80)).units, 160);
        assert_eq!(cost(&"€".repeat(80)).segments, 1);
        // An escape pair is never split: 152 plain septets, then a 2-septet character.
        let mut s = "a".repeat(152);
        s.push('€');
        s.push_str(&"a".repeat(10));
        assert_eq!(cost(&s).segments, 2);
        assert_eq!(cost(&s).units, 164);
    }

    #[test]
    fn vietnamese_with_diacritics_is_ucs2() {
        let c = cost("Giấy phép cư trú");
        assert_eq!(c.encoding, Encoding::Ucs2);
        assert_eq!(c.units, 16);
        assert_eq!(cost(&"ư".repeat(70)).segments, 1);
        assert_eq!(cost(&"ư".repeat(71)).segments, 2);
        assert_eq!(cost(&"ư".repeat(134)).segments, 2);
        assert_eq!(cost(&"ư".repeat(135)).segments, 3);
        assert_eq!(
            cost("😀").units,
            2,
            "outside the BMP takes two UTF-16 units"
        );
    }

    #[test]
    fn unaccent_maps_every_vietnamese_letter() {
        assert_eq!(unaccent("Đường Đức Thắng"), "Duong Duc Thang");
        assert_eq!(unaccent("đặng ỷ ỹ ự ờ ẫ"), "dang y y u o a");
        assert_eq!(
            unaccent("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"),
            "AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYY"
        );
        assert_eq!(unaccent("Hạn “cuối” – 30/06…"), "Han \"cuoi\" - 30/06...");
        assert_eq!(
            unaccent("临时居留证 còn 5 ngày"),
            "临时居留证 con 5 ngay",
            "Chinese untouched"
        );
        assert_eq!(
            cost(&unaccent("Giấy phép cư trú tạm thời hết hạn")).encoding,
            Encoding::Gsm7
        );
    }

    #[test]
    fn auto_keeps_diacritics_when_they_fit_and_strips_when_they_do_not() {
        let short = "Giấy phép cư trú còn 9 ngày.";
        assert_eq!(
            prepare(short, false, DiacriticsPolicy::Auto, 1)
                .unwrap()
                .text,
            short
        );
        let long = "Giấy phép cư trú tạm thời của bạn hết hạn sau 9 ngày, ngày 30/06/2026. Còn 1 lần gia hạn.";
        assert!(cost(long).segments > 1);
        let p = prepare(long, false, DiacriticsPolicy::Auto, 1).unwrap();
        assert_eq!(p.cost.encoding, Encoding::Gsm7);
        assert!(
            p.text.starts_with("Giay phep cu tru tam thoi"),
            "{}",
            p.text
        );
        assert_eq!(
            prepare(long, false, DiacriticsPolicy::Keep, 2)
                .unwrap()
                .text,
            long
        );
        assert_eq!(
            prepare(short, false, DiacriticsPolicy::Strip, 1)
                .unwrap()
                .text,
            "Giay phep cu tru con 9 ngay."
        );
    }

    #[test]
    fn too_long_is_refused_not_truncated_and_chinese_keeps_its_characters() {
        let huge = "Giấy phép ".repeat(80);
        assert_eq!(
            prepare(&huge, false, DiacriticsPolicy::Auto, 2),
            Err(TooLong {
                segments: 6,
                allowed: 2
            })
        );
        let zh = "您的临时居留证将于9天后到期。";
        let p = prepare(zh, true, DiacriticsPolicy::Strip, 1).unwrap();
        assert_eq!((p.text.as_str(), p.cost.encoding), (zh, Encoding::Ucs2));
    }
}
