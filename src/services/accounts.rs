//! Accounts: staff created by an admin (API or command line), profiles kept by users.
use chrono::NaiveDate;
use serde::Deserialize;
use validator::{Validate, ValidateEmail};

use crate::{
    db::{
        Db, DbConnection, is_unique_violation,
        models::{centres, users, users::UserRow},
    },
    domain::{Phone, Role, Scope, UserId, profile::ProfilePatch, roles::ScopeError},
    error::{ApiError, ApiResult, FieldErrors},
    i18n::Lang,
    services::{now, passwords},
};

/// `POST /v1/admin/users` and `cuakhau admin create-user`.
#[derive(Debug, Default, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateStaffRequest {
    pub role: String,
    pub scope: Option<String>,
    pub phone: Option<String>,
    #[validate(length(max = 254))]
    pub email: Option<String>,
    #[validate(length(min = 1, max = 100))]
    pub full_name: Option<String>,
    pub language: Option<Lang>,
    /// Chosen password; when absent a one-time password is generated and shown once.
    #[validate(length(min = 10, max = 200))]
    pub password: Option<String>,
}

/// A staff account ready to store: every field parsed.
#[derive(Debug)]
pub struct NewStaff {
    pub role: Role,
    pub scope: Option<Scope>,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub language: Lang,
    pub password: Option<String>,
}

fn push(errors: &mut FieldErrors, field: &str, rule: &str) {
    errors
        .entry(field.to_string())
        .or_default()
        .push(rule.to_string());
}

impl TryFrom<CreateStaffRequest> for NewStaff {
    type Error = ApiError;

    fn try_from(req: CreateStaffRequest) -> Result<NewStaff, ApiError> {
        let mut errors = match req.validate() {
            Ok(()) => FieldErrors::new(),
            Err(e) => match ApiError::from(e) {
                ApiError::Validation(fields) => fields,
                other => return Err(other),
            },
        };
        let role = match req.role.parse::<Role>() {
            Ok(Role::Worker) => {
                push(&mut errors, "role", "not_staff");
                None
            }
            Ok(role) => Some(role),
            Err(_) => {
                push(&mut errors, "role", "unknown_role");
                None
            }
        };
        let scope = match req.scope.as_deref().map(str::parse::<Scope>) {
            None => None,
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => {
                push(&mut errors, "scope", scope_rule(&e));
                None
            }
        };
        if let Some(role) = role
            && !errors.contains_key("scope")
            && let Err(e) = role.check_scope(scope.as_ref())
        {
            push(&mut errors, "scope", scope_rule(&e));
        }
        let phone = match req.phone.as_deref() {
            None => None,
            Some(p) => match Phone::parse(p) {
                Ok(p) => Some(p),
                Err(_) => {
                    push(&mut errors, "phone", "invalid_phone");
                    None
                }
            },
        };
        let email = req.email.map(|e| e.trim().to_lowercase());
        if let Some(e) = &email
            && !e.validate_email()
        {
            push(&mut errors, "email", "email");
        }
        if req.phone.is_none() && email.is_none() {
            push(&mut errors, "email", "phone_or_email_required");
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        let role = role.expect("checked above");
        let language = req
            .language
            .unwrap_or_else(|| role.default_language(scope.as_ref()));
        Ok(NewStaff {
            role,
            scope,
            phone,
            email,
            full_name: req.full_name.map(|n| n.trim().to_string()),
            language,
            password: req.password,
        })
    }
}

fn scope_rule(e: &ScopeError) -> &'static str {
    match e {
        ScopeError::Malformed => "malformed_scope",
        ScopeError::Unknown => "unknown_scope",
        ScopeError::Required => "required",
        ScopeError::NotAllowedForRole => "not_allowed_for_role",
    }
}

/// A staff account with its password already hashed, ready to insert.
#[derive(Debug)]
pub struct PreparedStaff {
    staff: NewStaff,
    password_hash: String,
    /// The generated one-time password, when none was chosen.
    pub generated_password: Option<String>,
}

/// Hashes the password (generating one if none was chosen). Slow on purpose: run it
/// off the async threads and without holding a database connection.
pub fn prepare(staff: NewStaff) -> ApiResult<PreparedStaff> {
    let generated_password = staff.password.is_none().then(passwords::generate);
    let password = staff
        .password
        .as_deref()
        .or(generated_password.as_deref())
        .expect("one of them is set");
    let password_hash = passwords::hash(password)?;
    Ok(PreparedStaff {
        staff,
        password_hash,
        generated_password,
    })
}

/// Stores a prepared staff user. A centre scope must name a known centre.
pub fn insert_staff(conn: &mut DbConnection, prepared: &PreparedStaff) -> ApiResult<UserRow> {
    let staff = &prepared.staff;
    if let Some(Scope::Centre(code)) = &staff.scope
        && centres::find_by_code(conn, code)?.is_none()
    {
        return Err(ApiError::field("scope", "unknown_centre"));
    }
    let id = UserId::generate();
    let now = now();
    let scope = staff.scope.as_ref().map(|s| s.to_string());
    let result = users::insert(
        conn,
        &users::NewUser {
            id: id.as_str(),
            role: staff.role.as_str(),
            scope: scope.as_deref(),
            phone: staff.phone.as_ref().map(|p| p.as_str()),
            email: staff.email.as_deref(),
            password_hash: Some(&prepared.password_hash),
            full_name: staff.full_name.as_deref(),
            birth_date: None,
            home_province: None,
            home_district: None,
            language: staff.language.code(),
            time_zone: "Asia/Shanghai",
            sms_opt_in: false,
            created_at: now,
            updated_at: now,
        },
    );
    match result {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => return Err(ApiError::UserExists),
        Err(e) => return Err(e.into()),
    }
    users::find(conn, id.as_str())?.ok_or(ApiError::NotFound)
}

/// Creates a staff user from the API: hashing on the blocking pool, then one insert.
/// Returns the user and the one-time password, if the server chose it.
pub async fn create_staff(db: &Db, staff: NewStaff) -> ApiResult<(UserRow, Option<String>)> {
    let prepared = actix_web::rt::task::spawn_blocking(move || prepare(staff))
        .await
        .map_err(|e| anyhow::anyhow!("password hashing panicked: {e}"))??;
    db.run(move |conn| {
        let user = insert_staff(conn, &prepared)?;
        Ok((user, prepared.generated_password))
    })
    .await
}

/// Applies a checked profile patch to `user_id`'s own record and returns the result.
pub fn update_profile(
    conn: &mut DbConnection,
    user_id: &UserId,
    patch: ProfilePatch,
    today: NaiveDate,
) -> ApiResult<UserRow> {
    patch.check(today).map_err(ApiError::Validation)?;
    if !patch.is_empty() {
        let changes = users::ProfileChanges {
            full_name: patch.full_name.map(|s| s.trim().to_string()),
            birth_date: patch.birth_date,
            home_province: patch.home_province.map(|s| s.trim().to_string()),
            home_district: patch.home_district.map(|s| s.trim().to_string()),
            language: patch.language.map(|l| l.code().to_string()),
            time_zone: patch.time_zone,
            sms_opt_in: patch.sms_opt_in,
            updated_at: Some(now()),
        };
        users::update_profile(conn, user_id.as_str(), &changes)?;
    }
    users::find(conn, user_id.as_str())?.ok_or(ApiError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(role: &str, scope: Option<&str>) -> CreateStaffRequest {
        CreateStaffRequest {
            role: role.into(),
            scope: scope.map(Into::into),
            email: Some("Officer@Example.org".into()),
            ..Default::default()
        }
    }

    #[test]
    fn parses_a_valid_officer() {
        let s = NewStaff::try_from(req("officer", Some("zone:dongxing"))).unwrap();
        assert_eq!(s.role, Role::Officer);
        assert_eq!(s.email.as_deref(), Some("officer@example.org"));
        assert_eq!(s.language, Lang::Zh, "officers read Chinese by default");
    }

    #[test]
    fn reports_every_bad_field() {
        let fields = |r| match NewStaff::try_from(r) {
            Err(ApiError::Validation(f)) => f,
            other => panic!("{other:?}"),
        };
        assert_eq!(fields(req("worker", None))["role"], vec!["not_staff"]);
        assert_eq!(fields(req("king", None))["role"], vec!["unknown_role"]);
        assert_eq!(fields(req("officer", None))["scope"], vec!["required"]);
        assert_eq!(
            fields(req("officer", Some("centre:x")))["scope"],
            vec!["not_allowed_for_role"]
        );
        assert_eq!(
            fields(req("officer", Some("zone:mars")))["scope"],
            vec!["unknown_scope"]
        );
        let mut r = req("admin", None);
        r.email = None;
        r.phone = Some("123".into());
        let f = fields(r);
        assert_eq!(f["phone"], vec!["invalid_phone"]);
        let mut r = req("admin", None);
        r.email = None;
        assert_eq!(fields(r)["email"], vec!["phone_or_email_required"]);
        let mut r = req("admin", None);
        r.password = Some("short".into());
        assert_eq!(fields(r)["password"], vec!["length"]);
    }
}
