//! Phone numbers of workers and staff: Vietnamese (+84) or Chinese (+86), kept in E.164.
use std::{
    collections::HashMap,
    fmt,
    sync::{LazyLock, RwLock},
};

use phonenumber::country::Id;
use serde::{Serialize, Serializer};

/// A valid Vietnamese or Chinese phone number in E.164 form (`+84912345678`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a valid Vietnamese or Chinese phone number")]
pub struct InvalidPhone;

const ACCEPTED: [Id; 2] = [Id::VN, Id::CN];

/// Numbers parsed before, by their input as given. Parsing runs libphonenumber's
/// regular expressions (an eighth of a USSD request's CPU), and the same few numbers come
/// back on every request of a session and every reminder. Only valid numbers are kept;
/// full, it starts over.
static PARSED: LazyLock<RwLock<HashMap<String, Phone>>> = LazyLock::new(RwLock::default);
const PARSED_MAX: usize = 100_000;

impl Phone {
    /// Accepts `+84 912 345 678`, `0912345678`, `0084…`, `+86 138 0013 8000`,
    /// `13800138000`… A number without a country code is read as Vietnamese first,
    /// then as Chinese.
    pub fn parse(input: &str) -> Result<Phone, InvalidPhone> {
        let kept = PARSED.read().unwrap_or_else(|p| p.into_inner());
        if let Some(phone) = kept.get(input) {
            return Ok(phone.clone());
        }
        drop(kept);
        let phone = Phone::parse_afresh(input)?;
        let mut kept = PARSED.write().unwrap_or_else(|p| p.into_inner());
        if kept.len() >= PARSED_MAX {
            kept.clear();
        }
        kept.insert(input.to_string(), phone.clone());
        Ok(phone)
    }

    fn parse_afresh(input: &str) -> Result<Phone, InvalidPhone> {
        let cleaned: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect();
        if cleaned.is_empty()
            || cleaned.len() > 20
            || !cleaned
                .trim_start_matches('+')
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            return Err(InvalidPhone);
        }
        let international = cleaned.strip_prefix("00").map(|rest| format!("+{rest}"));
        let candidate = international.as_deref().unwrap_or(&cleaned);
        let regions: &[Option<Id>] = if candidate.starts_with('+') {
            &[None]
        } else {
            &[Some(Id::VN), Some(Id::CN)]
        };
        regions
            .iter()
            .filter_map(|region| phonenumber::parse(*region, candidate).ok())
            .find(|n| {
                n.country().id().is_some_and(|id| ACCEPTED.contains(&id))
                    && phonenumber::is_valid(n)
            })
            .map(|n| Phone(n.format().mode(phonenumber::Mode::E164).to_string()))
            .ok_or(InvalidPhone)
    }

    /// Trusted input already in E.164 (from the database).
    pub fn from_e164_unchecked(s: String) -> Phone {
        Phone(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_vietnamese(&self) -> bool {
        self.0.starts_with("+84")
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers_with_or_without_country_code() {
        for input in [
            "0912 345 678",
            "+84912345678",
            "+84 912-345-678",
            "0084912345678",
            "84912345678",
        ] {
            assert_eq!(
                Phone::parse(input).map(|p| p.0),
                Ok("+84912345678".into()),
                "{input}"
            );
        }
        assert!(Phone::parse("0912345678").unwrap().is_vietnamese());
    }

    #[test]
    fn chinese_numbers_with_or_without_country_code() {
        for input in ["13800138000", "+86 138 0013 8000", "008613800138000"] {
            assert_eq!(
                Phone::parse(input).map(|p| p.0),
                Ok("+8613800138000".into()),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_other_countries_and_garbage() {
        for input in [
            "",
            "abc",
            "12",
            "+14155550123",
            "+33612345678",
            "0912 345 67x",
            "+84 1",
            "09123456789012345678901",
        ] {
            assert_eq!(Phone::parse(input), Err(InvalidPhone), "{input}");
        }
    }

    #[test]
    fn a_number_parsed_before_reads_the_same_and_garbage_is_never_kept() {
        for input in ["0912 345 679", "+86 138 0013 8001", "0987654321"] {
            let first = Phone::parse(input).unwrap();
            assert!(PARSED.read().unwrap().contains_key(input), "{input} kept");
            assert_eq!(Phone::parse(input).unwrap(), first, "{input}");
            assert_eq!(Phone::parse_afresh(input).unwrap(), first, "{input}");
        }
        for input in ["+33612345679", "0912 345 6x"] {
            assert_eq!(Phone::parse(input), Err(InvalidPhone));
            assert_eq!(Phone::parse(input), Err(InvalidPhone));
            assert!(!PARSED.read().unwrap().contains_key(input), "{input}");
        }
    }
}
