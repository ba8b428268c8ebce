//! `openapi.yaml` is kept by hand; this keeps it equal to the route table the server
//! is built from.
use std::collections::BTreeSet;

use serde_yaml_ng::Value;

fn spec() -> Value {
    serde_yaml_ng::from_str(cuakhau::OPENAPI).expect("openapi.yaml parses")
}

/// Follows a `$ref` to `#/components/responses/…`.
fn resolve<'a>(spec: &'a Value, response: &'a Value) -> &'a Value {
    match response
        .get("$ref")
        .and_then(|r| r.as_str())
        .and_then(|r| r.strip_prefix("#/components/responses/"))
    {
        Some(name) => &spec["components"]["responses"][name],
        None => response,
    }
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[test]
fn the_spec_and_the_server_have_the_same_routes() {
    let spec = spec();
    let documented: BTreeSet<(String, String)> = spec["paths"]
        .as_mapping()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            let path = path.as_str().unwrap().to_string();
            METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(move |m| (m.to_uppercase(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let served: BTreeSet<(String, String)> = cuakhau::routes::table()
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let missing_in_spec: Vec<_> = served.difference(&documented).collect();
    let missing_in_server: Vec<_> = documented.difference(&served).collect();
    assert!(
        missing_in_spec.is_empty(),
        "served but not in openapi.yaml: {missing_in_spec:?}"
    );
    assert!(
        missing_in_server.is_empty(),
        "in openapi.yaml but not served: {missing_in_server:?}"
    );
}

#[test]
fn every_operation_documents_its_responses_and_errors_use_the_error_schema() {
    let spec = spec();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let mut ids = BTreeSet::new();
    for (path, item) in spec["paths"].as_mapping().unwrap() {
        for m in METHODS {
            let Some(op) = item.get(m) else { continue };
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{m} {path:?} has no operationId"));
            assert!(ids.insert(id.to_string()), "duplicate operationId {id}");
            let responses = op["responses"]
                .as_mapping()
                .unwrap_or_else(|| panic!("{id}: no responses"));
            for (status, response) in responses {
                let status = match status {
                    Value::Number(n) => n.to_string(),
                    other => other.as_str().unwrap().to_string(),
                };
                if status.starts_with('4') || status.starts_with('5') {
                    let response = resolve(&spec, response);
                    let text = serde_yaml_ng::to_string(response).unwrap();
                    assert!(
                        text.contains("Error"),
                        "{id} {status} does not use the Error shape: {text}"
                    );
                }
            }
        }
    }
    let codes = spec["components"]["schemas"]["Error"]["properties"]["error"]["enum"]
        .as_sequence()
        .expect("Error.error lists the stable codes");
    let codes: BTreeSet<&str> = codes.iter().map(|c| c.as_str().unwrap()).collect();
    let served: BTreeSet<&str> = cuakhau::error::CODES.iter().copied().collect();
    assert_eq!(
        codes, served,
        "openapi.yaml's error codes are exactly the server's"
    );
}

/// What every operation can answer regardless of its logic, so that a client (and the
/// contract fuzzer) finds it documented: a body can be malformed, too large, of the
/// wrong type or invalid; a query can be invalid; a bearer token can be refused.
#[test]
fn every_operation_documents_the_errors_its_inputs_can_cause() {
    let spec = spec();
    let mut missing = Vec::new();
    for (_, item) in spec["paths"].as_mapping().unwrap() {
        for m in METHODS {
            let Some(op) = item.get(m) else { continue };
            let id = op["operationId"].as_str().unwrap();
            let has = |code: &str| op["responses"].get(code).is_some();
            let mut need = Vec::new();
            if op.get("requestBody").is_some() {
                need.extend(["400", "413", "415", "422"]);
            }
            let params = op["parameters"].as_sequence().cloned().unwrap_or_default();
            if params.iter().any(|p| p["in"].as_str() == Some("query")) {
                need.push("422");
            }
            if op.get("security").is_some() {
                need.push("401");
            }
            for code in need {
                if !has(code) {
                    missing.push(format!("{id} {code}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "undocumented answers: {missing:?}");
}
