//! Response bodies: typed, never ad-hoc JSON.
pub mod papers;
pub mod status;
pub mod ussd;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::{db::models::users::UserRow, services::sessions::Session};

#[derive(Debug, Serialize)]
pub struct UserView {
    pub id: String,
    pub role: String,
    pub scope: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub home_province: Option<String>,
    pub home_district: Option<String>,
    pub language: String,
    pub time_zone: String,
    pub sms_opt_in: bool,
    pub created_at: NaiveDateTime,
}

impl From<UserRow> for UserView {
    fn from(u: UserRow) -> Self {
        UserView {
            id: u.id,
            role: u.role,
            scope: u.scope,
            phone: u.phone,
            email: u.email,
            full_name: u.full_name,
            birth_date: u.birth_date,
            home_province: u.home_province,
            home_district: u.home_district,
            language: u.language,
            time_zone: u.time_zone,
            sms_opt_in: u.sms_opt_in,
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SessionView {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    pub expires_in: u64,
    pub user: UserView,
}

impl From<Session> for SessionView {
    fn from(s: Session) -> Self {
        SessionView {
            access_token: s.access_token,
            refresh_token: s.refresh_token,
            token_type: "Bearer",
            expires_in: s.expires_in,
            user: s.user.into(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct OtpRequestedView {
    pub sent: bool,
    pub expires_in: u64,
}

#[derive(Debug, Serialize)]
pub struct CreatedUserView {
    pub user: UserView,
    /// Shown once, when the server chose the password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_time_password: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HealthView {
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kv: Option<&'static str>,
}
