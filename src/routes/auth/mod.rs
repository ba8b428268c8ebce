//! Sign-in: SMS codes for workers, passwords for staff, token refresh and logout.
mod login;
mod logout;
mod otp_request;
mod otp_verify;
mod refresh;

use serde::Deserialize;

use crate::{route, routes::Route};

pub fn routes() -> Vec<Route> {
    vec![
        route!(POST "/v1/auth/otp/request" => otp_request::handler),
        route!(POST "/v1/auth/otp/verify" => otp_verify::handler),
        route!(POST "/v1/auth/login" => login::handler),
        route!(POST "/v1/auth/refresh" => refresh::handler),
        route!(POST "/v1/auth/logout" => logout::handler),
    ]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshTokenBody {
    pub refresh_token: String,
}
