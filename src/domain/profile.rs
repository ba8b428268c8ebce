//! What a user may change about themselves, checked before anything is stored.
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use validator::{Validate, ValidationError};

use crate::i18n::Lang;

/// Youngest working age the service accepts (assumption: Vietnamese labour code, 15).
pub const MIN_AGE_YEARS: i32 = 15;
pub const MAX_AGE_YEARS: i32 = 100;

/// `PATCH /v1/me`. Unknown fields (role, scope, phone…) are rejected, not ignored.
#[derive(Debug, Default, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProfilePatch {
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    pub full_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    #[validate(length(min = 1, max = 64), custom(function = "not_blank"))]
    pub home_province: Option<String>,
    #[validate(length(min = 1, max = 64), custom(function = "not_blank"))]
    pub home_district: Option<String>,
    pub language: Option<Lang>,
    #[validate(custom(function = "known_time_zone"))]
    pub time_zone: Option<String>,
    pub sms_opt_in: Option<bool>,
}

fn not_blank(s: &str) -> Result<(), ValidationError> {
    if s.trim().is_empty() {
        Err(ValidationError::new("blank"))
    } else {
        Ok(())
    }
}

fn known_time_zone(s: &str) -> Result<(), ValidationError> {
    s.parse::<chrono_tz::Tz>()
        .map(|_| ())
        .map_err(|_| ValidationError::new("unknown_time_zone"))
}

/// Whether someone born on `birth` is of working age on `today`.
pub fn check_birth_date(birth: NaiveDate, today: NaiveDate) -> Result<(), &'static str> {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    if birth > today {
        Err("in_future")
    } else if age < MIN_AGE_YEARS {
        Err("too_young")
    } else if age > MAX_AGE_YEARS {
        Err("too_old")
    } else {
        Ok(())
    }
}

impl ProfilePatch {
    /// All field rules, including those that need today's date.
    pub fn check(&self, today: NaiveDate) -> Result<(), crate::error::FieldErrors> {
        let mut errors: crate::error::FieldErrors = match self.validate() {
            Ok(()) => Default::default(),
            Err(e) => match crate::error::ApiError::from(e) {
                crate::error::ApiError::Validation(fields) => fields,
                _ => unreachable!("validation errors convert to Validation"),
            },
        };
        if let Some(birth) = self.birth_date
            && let Err(rule) = check_birth_date(birth, today)
        {
            errors
                .entry("birth_date".into())
                .or_default()
                .push(rule.into());
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.full_name.is_none()
            && self.birth_date.is_none()
            && self.home_province.is_none()
            && self.home_district.is_none()
            && self.language.is_none()
            && self.time_zone.is_none()
            && self.sms_opt_in.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn working_age_is_checked_to_the_day() {
        let today = d(2026, 11, 23);
        assert_eq!(check_birth_date(d(2011, 11, 23), today), Ok(()));
        assert_eq!(check_birth_date(d(2011, 11, 24), today), Err("too_young"));
        assert_eq!(check_birth_date(d(2030, 1, 1), today), Err("in_future"));
        assert_eq!(check_birth_date(d(1900, 1, 1), today), Err("too_old"));
    }

    #[test]
    fn rejects_unknown_fields_and_bad_values() {
        let err = serde_json::from_str::<ProfilePatch>(r#"{"role":"admin"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `role`"), "{err}");
        let p: ProfilePatch = serde_json::from_str(
            r#"{"full_name":"  ","time_zone":"Mars/Base","birth_date":"2020-01-01"}"#,
        )
        .unwrap();
        let errors = p.check(d(2026, 11, 23)).unwrap_err();
        assert_eq!(errors["full_name"], vec!["blank"]);
        assert_eq!(errors["time_zone"], vec!["unknown_time_zone"]);
        assert_eq!(errors["birth_date"], vec!["too_young"]);
    }

    #[test]
    fn accepts_a_good_patch() {
        let p: ProfilePatch = serde_json::from_str(
            r#"{"full_name":"Nguyễn Văn An","time_zone":"Asia/Ho_Chi_Minh","language":"zh","sms_opt_in":true}"#,
        )
        .unwrap();
        assert_eq!(p.check(d(2026, 11, 23)), Ok(()));
        assert_eq!(p.language, Some(Lang::Zh));
        assert!(!p.is_empty());
    }
}
