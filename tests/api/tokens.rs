use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use cuakhau::{domain::Role, i18n::Lang, services::tokens::Principal};
use serde_json::json;

use crate::helpers::{assert_error, spawn_app};

#[tokio::test]
async fn missing_expired_altered_and_unsigned_tokens_are_401() {
    let app = spawn_app().await;
    let good = app.sign_in_worker("+84912111000").await;
    assert_eq!(app.get_as("/v1/me", &good.access).await.status(), 200);

    let r = app
        .request(reqwest::Method::GET, "/v1/me")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    assert_error(r, 401, "unauthorized", Lang::Vi).await;

    let principal = Principal {
        id: cuakhau::domain::UserId(good.user_id.clone()),
        role: Role::Worker,
        scope: None,
        lang: Lang::Vi,
    };
    let expired = app
        .state
        .tokens
        .issue(&principal, chrono::Utc::now().timestamp() - 3600)
        .unwrap();
    assert_error(
        app.get_as("/v1/me", &expired).await,
        401,
        "token_expired",
        Lang::Vi,
    )
    .await;

    // Altered: the payload now claims admin, the signature is the old one.
    let parts: Vec<&str> = good.access.split('.').collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
    claims["role"] = json!("admin");
    let altered = format!(
        "{}.{}.{}",
        parts[0],
        B64.encode(claims.to_string()),
        parts[2]
    );
    assert_error(
        app.get_as("/v1/me", &altered).await,
        401,
        "unauthorized",
        Lang::Vi,
    )
    .await;
    assert_error(
        app.get_as("/v1/admin/users/x", &altered).await,
        401,
        "unauthorized",
        Lang::Vi,
    )
    .await;

    // alg: none, no signature.
    let none_header = B64.encode(r#"{"alg":"none","typ":"JWT"}"#);
    for token in [
        format!("{none_header}.{}.", parts[1]),
        format!("{none_header}.{}", parts[1]),
    ] {
        assert_error(
            app.get_as("/v1/me", &token).await,
            401,
            "unauthorized",
            Lang::Vi,
        )
        .await;
    }
    // Garbage and the wrong scheme.
    assert_error(
        app.get_as("/v1/me", "garbage").await,
        401,
        "unauthorized",
        Lang::Vi,
    )
    .await;
    let r = app
        .request(reqwest::Method::GET, "/v1/me")
        .header("authorization", format!("Basic {}", good.access))
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "unauthorized", Lang::Vi).await;
}

#[tokio::test]
async fn another_algorithm_or_another_key_is_refused() {
    use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
    let app = spawn_app().await;
    let good = app.sign_in_worker("+84912111009").await;
    let payload = good.access.split('.').nth(1).unwrap().to_string();
    let claims: serde_json::Value = serde_json::from_slice(&B64.decode(&payload).unwrap()).unwrap();
    let secret = b"test-secret-test-secret-test-secret!";
    // The server's own secret, but HS384/HS512 instead of HS256.
    for alg in [Algorithm::HS384, Algorithm::HS512] {
        let t = encode(
            &Header::new(alg),
            &claims,
            &EncodingKey::from_secret(secret),
        )
        .unwrap();
        assert_error(
            app.get_as("/v1/me", &t).await,
            401,
            "unauthorized",
            Lang::Vi,
        )
        .await;
    }
    // HS256 with another key.
    let t = encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(b"someone-elses-secret-someone-else"),
    )
    .unwrap();
    assert_error(
        app.get_as("/v1/me", &t).await,
        401,
        "unauthorized",
        Lang::Vi,
    )
    .await;
    // An RS256 header over an HMAC signature (key confusion).
    let parts: Vec<&str> = good.access.split('.').collect();
    let rs = format!(
        "{}.{}.{}",
        B64.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
        parts[1],
        parts[2]
    );
    assert_error(
        app.get_as("/v1/me", &rs).await,
        401,
        "unauthorized",
        Lang::Vi,
    )
    .await;
    // And the genuine token still works.
    assert_eq!(app.get_as("/v1/me", &good.access).await.status(), 200);
}
