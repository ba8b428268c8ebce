//! The signed-in user's own profile.
mod get;
mod next_steps;
mod papers;
mod patch;
mod reminders;
mod status;

use actix_web::{HttpMessage, HttpRequest};

use crate::{
    db::models::users::UserRow, i18n::Lang, middleware::RequestLang, route, routes::Route,
};

pub fn routes() -> Vec<Route> {
    vec![
        route!(GET "/v1/me" => get::handler),
        route!(PATCH "/v1/me" => patch::handler),
        route!(GET "/v1/me/status" => status::handler),
        route!(GET "/v1/me/papers" => papers::handler),
        route!(GET "/v1/me/reminders" => reminders::handler),
        route!(GET "/v1/me/next-steps" => next_steps::handler),
    ]
}

/// The stored preference is fresher than the one in the token.
fn use_language_of(req: &HttpRequest, user: &UserRow) {
    if let Some(lang) = Lang::parse(&user.language) {
        req.extensions_mut().insert(RequestLang(lang));
    }
}
