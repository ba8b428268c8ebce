//! Access tokens (short-lived HS256 JWTs) and the hashing of secrets we store.
use std::{collections::HashMap, sync::RwLock, time::Duration};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{
    domain::{Role, Scope, UserId},
    error::ApiError,
    i18n::Lang,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub lang: Lang,
    pub iat: i64,
    pub exp: i64,
}

/// The signed-in user as a token proves them.
#[derive(Debug, Clone)]
pub struct Principal {
    pub id: UserId,
    pub role: Role,
    pub scope: Option<Scope>,
    pub lang: Lang,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    secret: Vec<u8>,
    pub access_ttl: Duration,
    /// Tokens already verified, with their expiry: the same token string was signed by
    /// us, so only its expiry needs checking again. Emptied past `VERIFIED_MAX`.
    verified: RwLock<HashMap<String, (Principal, i64)>>,
}

const VERIFIED_MAX: usize = 100_000;
const LEEWAY_SECS: u64 = 5;

impl TokenKeys {
    pub fn new(secret: &[u8], access_ttl: Duration) -> TokenKeys {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            secret: secret.to_vec(),
            access_ttl,
            verified: RwLock::default(),
        }
    }

    pub fn issue(&self, user: &Principal, now: i64) -> anyhow::Result<String> {
        let claims = Claims {
            sub: user.id.0.clone(),
            role: user.role,
            scope: user.scope.as_ref().map(|s| s.to_string()),
            lang: user.lang,
            iat: now,
            exp: now + self.access_ttl.as_secs() as i64,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Only HS256 with our key, unexpired, is accepted (`alg: none` and others are not).
    pub fn verify(&self, token: &str) -> Result<Principal, ApiError> {
        let seen = self
            .verified
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(token)
            .cloned();
        if let Some((principal, exp)) = seen {
            // The same leeway as the full check below.
            return if chrono::Utc::now().timestamp() <= exp + LEEWAY_SECS as i64 {
                Ok(principal)
            } else {
                Err(ApiError::TokenExpired)
            };
        }
        let (principal, exp) = self.verify_signed(token)?;
        let mut verified = self.verified.write().unwrap_or_else(|e| e.into_inner());
        if verified.len() >= VERIFIED_MAX {
            verified.clear();
        }
        verified.insert(token.to_string(), (principal.clone(), exp));
        Ok(principal)
    }

    fn verify_signed(&self, token: &str) -> Result<(Principal, i64), ApiError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECS;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).map_err(
            |e| match e.kind() {
                ErrorKind::ExpiredSignature => ApiError::TokenExpired,
                _ => ApiError::Unauthorized,
            },
        )?;
        let c = data.claims;
        let scope = match c.scope {
            Some(s) => Some(s.parse().map_err(|_| ApiError::Unauthorized)?),
            None => None,
        };
        let principal = Principal {
            id: UserId(c.sub),
            role: c.role,
            scope,
            lang: c.lang,
        };
        Ok((principal, c.exp))
    }

    /// A keyed hash for low-entropy secrets (OTP codes), useless without our key.
    pub fn keyed_hash(&self, parts: &[&str]) -> String {
        let mut h = Sha256::new();
        h.update(&self.secret);
        for p in parts {
            h.update([0u8]);
            h.update(p.as_bytes());
        }
        hex(&h.finalize())
    }
}

/// Hash of a high-entropy secret (refresh tokens) for storage and lookup.
pub fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes[..]);
    hex(&bytes)
}

/// A random secret for development, when none is configured.
pub fn dev_secret() -> Vec<u8> {
    random_token().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::new(
            b"0123456789abcdef0123456789abcdef",
            Duration::from_secs(900),
        )
    }

    fn worker() -> Principal {
        Principal {
            id: UserId("u1".into()),
            role: Role::Worker,
            scope: None,
            lang: Lang::Vi,
        }
    }

    #[test]
    fn issued_tokens_verify() {
        let k = keys();
        let now = chrono::Utc::now().timestamp();
        let p = k.verify(&k.issue(&worker(), now).unwrap()).unwrap();
        assert_eq!((p.id.0.as_str(), p.role), ("u1", Role::Worker));
    }

    #[test]
    fn a_token_seen_before_is_accepted_again_but_a_changed_one_is_not() {
        let k = keys();
        let now = chrono::Utc::now().timestamp();
        let token = k.issue(&worker(), now).unwrap();
        assert_eq!(k.verify(&token).unwrap().id.0, "u1");
        assert_eq!(
            k.verify(&token).unwrap().id.0,
            "u1",
            "from the verified set"
        );
        let mut tampered = token.clone();
        tampered.pop();
        tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
        assert!(matches!(k.verify(&tampered), Err(ApiError::Unauthorized)));
        let other = keys_with(b"another-secret-another-secret-xx");
        assert!(matches!(other.verify(&token), Err(ApiError::Unauthorized)));
    }

    fn keys_with(secret: &[u8]) -> TokenKeys {
        TokenKeys::new(secret, Duration::from_secs(900))
    }

    #[test]
    fn expired_foreign_and_tampered_tokens_are_rejected() {
        let k = keys();
        let old = k
            .issue(&worker(), chrono::Utc::now().timestamp() - 3600)
            .unwrap();
        assert!(matches!(k.verify(&old), Err(ApiError::TokenExpired)));
        let other = TokenKeys::new(
            b"another-secret-another-secret-xx",
            Duration::from_secs(900),
        );
        let foreign = other
            .issue(&worker(), chrono::Utc::now().timestamp())
            .unwrap();
        assert!(matches!(k.verify(&foreign), Err(ApiError::Unauthorized)));
        assert!(matches!(k.verify("not.a.jwt"), Err(ApiError::Unauthorized)));
    }

    #[test]
    fn keyed_hash_depends_on_key_and_parts() {
        let k = keys();
        assert_eq!(k.keyed_hash(&["a", "b"]), k.keyed_hash(&["a", "b"]));
        assert_ne!(k.keyed_hash(&["a", "b"]), k.keyed_hash(&["ab", ""]));
        let other = TokenKeys::new(b"x", Duration::from_secs(1));
        assert_ne!(k.keyed_hash(&["a"]), other.keyed_hash(&["a"]));
        assert_eq!(random_token().len(), 64);
    }
}
