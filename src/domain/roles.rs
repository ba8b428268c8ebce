//! Who a user is and which part of the world their authority covers.
use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Worker,
    Employer,
    CentreStaff,
    Officer,
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Worker,
        Role::Employer,
        Role::CentreStaff,
        Role::Officer,
        Role::Supervisor,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Worker => "worker",
            Role::Employer => "employer",
            Role::CentreStaff => "centre_staff",
            Role::Officer => "officer",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    /// Staff sign in with a password; workers with an SMS code.
    pub fn is_staff(self) -> bool {
        self != Role::Worker
    }

    /// Which kinds of scope this role may hold; empty means it holds none.
    pub fn allowed_scopes(self) -> &'static [ScopeKind] {
        match self {
            Role::Worker | Role::Admin => &[],
            Role::Employer => &[ScopeKind::Employer],
            Role::CentreStaff => &[ScopeKind::Centre],
            Role::Officer => &[ScopeKind::Zone],
            Role::Supervisor => &[ScopeKind::Zone, ScopeKind::Province],
        }
    }

    /// Whether a user of this role may exist without a scope.
    pub fn scope_optional(self) -> bool {
        matches!(self, Role::Worker | Role::Admin | Role::Employer)
    }

    /// The language a new account starts with: English for operators, Vietnamese for
    /// Vietnamese-side supervisors and workers, Chinese for everyone in Guangxi.
    pub fn default_language(self, scope: Option<&Scope>) -> Lang {
        match (self, scope) {
            (Role::Admin, _) => Lang::En,
            (Role::Worker, _) | (Role::Supervisor, Some(Scope::Province(_))) => Lang::Vi,
            _ => Lang::Zh,
        }
    }

    /// Checks a scope against the role: the one rule for the CLI and the admin API.
    pub fn check_scope(self, scope: Option<&Scope>) -> Result<(), ScopeError> {
        match scope {
            None if self.scope_optional() => Ok(()),
            None => Err(ScopeError::Required),
            Some(s) if self.allowed_scopes().contains(&s.kind()) => Ok(()),
            Some(_) => Err(ScopeError::NotAllowedForRole),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Role, UnknownRole> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(UnknownRole)
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown role")]
pub struct UnknownRole;

/// Pilot zones in Guangxi where officers work (seed 000, 004).
pub const ZONES: [&str; 4] = ["dongxing", "pingxiang", "chongzuo", "baise"];
/// Vietnamese provinces on the Guangxi border (seed 000, 004).
pub const PROVINCES: [&str; 4] = ["quang_ninh", "lang_son", "cao_bang", "ha_giang"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Centre,
    Zone,
    Province,
    Employer,
}

/// The reach of a staff user: `centre:<code>`, `zone:<zone>`, `province:<province>` or
/// `employer:<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    Centre(String),
    Zone(String),
    Province(String),
    Employer(String),
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    #[error(
        "scope must look like centre:<code>, zone:<zone>, province:<province> or employer:<id>"
    )]
    Malformed,
    #[error("unknown zone or province")]
    Unknown,
    #[error("this role needs a scope")]
    Required,
    #[error("this role cannot hold this kind of scope")]
    NotAllowedForRole,
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Scope {
    pub fn kind(&self) -> ScopeKind {
        match self {
            Scope::Centre(_) => ScopeKind::Centre,
            Scope::Zone(_) => ScopeKind::Zone,
            Scope::Province(_) => ScopeKind::Province,
            Scope::Employer(_) => ScopeKind::Employer,
        }
    }

    pub fn value(&self) -> &str {
        match self {
            Scope::Centre(v) | Scope::Zone(v) | Scope::Province(v) | Scope::Employer(v) => v,
        }
    }
}

impl FromStr for Scope {
    type Err = ScopeError;
    fn from_str(s: &str) -> Result<Scope, ScopeError> {
        let (kind, value) = s.trim().split_once(':').ok_or(ScopeError::Malformed)?;
        let value = value.trim().to_ascii_lowercase();
        if !is_slug(&value) {
            return Err(ScopeError::Malformed);
        }
        match kind.trim() {
            "centre" => Ok(Scope::Centre(value)),
            "employer" => Ok(Scope::Employer(value)),
            "zone" if ZONES.contains(&value.as_str()) => Ok(Scope::Zone(value)),
            "province" if PROVINCES.contains(&value.as_str()) => Ok(Scope::Province(value)),
            "zone" | "province" => Err(ScopeError::Unknown),
            _ => Err(ScopeError::Malformed),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind() {
            ScopeKind::Centre => "centre",
            ScopeKind::Zone => "zone",
            ScopeKind::Province => "province",
            ScopeKind::Employer => "employer",
        };
        write!(f, "{kind}:{}", self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert_eq!("root".parse::<Role>(), Err(UnknownRole));
        assert!(!Role::Worker.is_staff() && Role::Officer.is_staff());
    }

    #[test]
    fn scopes_parse_and_print() {
        let z: Scope = "zone:Pingxiang".parse().unwrap();
        assert_eq!(z, Scope::Zone("pingxiang".into()));
        assert_eq!(z.to_string(), "zone:pingxiang");
        assert_eq!(
            "province:lang_son".parse::<Scope>().unwrap().kind(),
            ScopeKind::Province
        );
        assert_eq!("zone:hanoi".parse::<Scope>(), Err(ScopeError::Unknown));
        assert_eq!("pingxiang".parse::<Scope>(), Err(ScopeError::Malformed));
        assert_eq!("centre:a b".parse::<Scope>(), Err(ScopeError::Malformed));
        assert_eq!("galaxy:x".parse::<Scope>(), Err(ScopeError::Malformed));
    }

    #[test]
    fn each_role_holds_only_its_kind_of_scope() {
        let zone = Scope::Zone("dongxing".into());
        let centre = Scope::Centre("pingxiang".into());
        assert_eq!(Role::Officer.check_scope(Some(&zone)), Ok(()));
        assert_eq!(Role::Officer.check_scope(None), Err(ScopeError::Required));
        assert_eq!(
            Role::Officer.check_scope(Some(&centre)),
            Err(ScopeError::NotAllowedForRole)
        );
        assert_eq!(Role::CentreStaff.check_scope(Some(&centre)), Ok(()));
        assert_eq!(
            Role::Admin.check_scope(Some(&zone)),
            Err(ScopeError::NotAllowedForRole)
        );
        assert_eq!(Role::Admin.check_scope(None), Ok(()));
        assert_eq!(
            Role::Supervisor.check_scope(Some(&Scope::Province("cao_bang".into()))),
            Ok(())
        );
    }

    #[test]
    fn new_accounts_start_in_their_readers_language() {
        assert_eq!(Role::Admin.default_language(None), Lang::En);
        assert_eq!(Role::Worker.default_language(None), Lang::Vi);
        assert_eq!(
            Role::Officer.default_language(Some(&Scope::Zone("dongxing".into()))),
            Lang::Zh
        );
        assert_eq!(
            Role::Supervisor.default_language(Some(&Scope::Province("lang_son".into()))),
            Lang::Vi
        );
        assert_eq!(
            Role::Supervisor.default_language(Some(&Scope::Zone("pingxiang".into()))),
            Lang::Zh
        );
    }
}
