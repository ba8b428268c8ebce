//! The licensed-recruiter registry's rules: whether an agency may recruit today, and the
//! search key that makes `Cong ty Hoa Binh` find `Công ty Hòa Bình`.
use chrono::NaiveDate;

use super::sms_text::unaccent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyState {
    Active,
    Suspended,
    Revoked,
    Expired,
}

impl AgencyState {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyState::Active => "active",
            AgencyState::Suspended => "suspended",
            AgencyState::Revoked => "revoked",
            AgencyState::Expired => "expired",
        }
    }
}

impl std::str::FromStr for AgencyState {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Ok(match s {
            "active" => AgencyState::Active,
            "suspended" => AgencyState::Suspended,
            "revoked" => AgencyState::Revoked,
            "expired" => AgencyState::Expired,
            _ => return Err(()),
        })
    }
}

/// The answer a worker needs: may this agency recruit today, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    MayRecruit,
    Suspended,
    Revoked,
    /// The licence's date has passed (whatever the recorded state says).
    Expired,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::MayRecruit => "may_recruit",
            Standing::Suspended => "suspended",
            Standing::Revoked => "revoked",
            Standing::Expired => "expired",
        }
    }
}

/// Revoked and suspended win over dates; an active licence past its date has expired.
pub fn standing(state: AgencyState, valid_until: NaiveDate, today: NaiveDate) -> Standing {
    match state {
        AgencyState::Revoked => Standing::Revoked,
        AgencyState::Suspended => Standing::Suspended,
        AgencyState::Expired => Standing::Expired,
        AgencyState::Active if valid_until < today => Standing::Expired,
        AgencyState::Active => Standing::MayRecruit,
    }
}

/// Lower case, without accents (đ → d), single spaces: what names are searched by.
pub fn search_key(text: &str) -> String {
    unaccent(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text stored for searching one agency: both names and the licence number.
pub fn search_text(name_vi: &str, name_zh: &str, licence: &str) -> String {
    format!(
        "{} | {} | {}",
        search_key(name_vi),
        search_key(name_zh),
        search_key(licence)
    )
}

/// Licence numbers as typed by people: no spaces, upper case.
pub fn normalize_licence(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn standing_follows_state_then_date() {
        let today = d(2026, 11, 23);
        assert_eq!(
            standing(AgencyState::Active, today, today),
            Standing::MayRecruit,
            "valid through its last day"
        );
        assert_eq!(
            standing(AgencyState::Active, d(2026, 11, 22), today),
            Standing::Expired
        );
        assert_eq!(
            standing(AgencyState::Revoked, d(2030, 1, 1), today),
            Standing::Revoked
        );
        assert_eq!(
            standing(AgencyState::Suspended, d(2030, 1, 1), today),
            Standing::Suspended
        );
    }

    #[test]
    fn search_ignores_accents_case_and_spacing() {
        let stored = search_text("Công ty Hòa Bình  Đồng Đăng", "和平公司", "LS-123");
        for q in [
            "cong ty hoa binh",
            "HÒA BÌNH",
            "dong dang",
            "和平",
            "ls-123",
        ] {
            assert!(stored.contains(&search_key(q)), "{q} in {stored}");
        }
        assert_eq!(normalize_licence(" ls 123 "), "LS123");
    }
}
