//! Every shared vector (`tests/vectors/*.json`) through the Worker's own path: the route
//! configuration as `HOOKSEAL_ROUTES` gives it (serde reads custom schemes here, not the npm
//! package's bindings), the route's verifier with the URL the Worker was called on, and the
//! `webhook-id` the message would be forwarded under. Cases with raw-byte secrets are skipped:
//! a Worker's secrets are text bindings.

#![allow(clippy::panic, clippy::indexing_slicing)]

use std::fs;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hookseal::RequestContext;
use hookseal_worker::config::Config;
use hookseal_worker::forward::{Outbound, message_id};
use serde_json::{Value, json};

/// The Worker's own signing secret: never a vendor secret in the vectors.
const SIGNING: &str = "whsec_d29ya2VyIHZlY3RvcnMgc2lnbmluZyBzZWNyZXQ=";

#[test]
fn every_vector_through_the_worker() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let (mut ran, mut refused_by_coverage, mut failures) = (0, 0, Vec::new());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/vectors")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for path in files {
        let file: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
        for case in file["cases"].as_array().expect("cases") {
            let Some(secrets) = case["secrets"].as_array() else {
                continue; // raw key bytes: no Worker binding holds those
            };
            let name = format!("{} / {}", path.display(), case["name"]);
            match run(&file["scheme"], case, secrets) {
                Outcome::Agreed => ran += 1,
                Outcome::RefusedForCoverage => refused_by_coverage += 1,
                Outcome::Differed(why) => failures.push(format!("{name}: {why}")),
            }
        }
    }
    println!(
        "{ran} cases agree; {refused_by_coverage} refused at configuration for not covering the body"
    );
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran > 400, "only {ran} cases ran");
    // Tokens and Mailgun, Twilio: their routes are refused at configuration.
    assert!(refused_by_coverage > 0);
}

enum Outcome {
    Agreed,
    RefusedForCoverage,
    Differed(String),
}

fn run(file_scheme: &Value, case: &Value, secrets: &[Value]) -> Outcome {
    let scheme = case.get("scheme").unwrap_or(file_scheme);
    let names: Vec<String> = (0..secrets.len())
        .map(|i| format!("VENDOR_SECRET_{i}"))
        .collect();
    let mut route = json!({"path": "/v", "scheme": scheme, "secrets": names, "origin": "https://origin.example/in"});
    if let Some(tolerance) = case.get("tolerance_seconds") {
        route["toleranceSeconds"] = tolerance.clone();
    }
    // Meta's schemes need their verify token (a string of its own) to be configured at all.
    let handshake = scheme
        .as_str()
        .and_then(|id| hookseal::Scheme::from_id(id).ok()?.preset()?.handshake());
    if handshake == Some(hookseal::Handshake::MetaVerifyToken) {
        route["verifyToken"] = json!("VERIFY_TOKEN");
    }
    let routes = json!([route]).to_string();
    let secret = |binding: &str| -> Option<String> {
        if binding == "ORIGIN_SIGNING_SECRET" {
            return Some(SIGNING.into());
        }
        if binding == "VERIFY_TOKEN" {
            return Some("vector-verify-token".into());
        }
        let index: usize = binding.strip_prefix("VENDOR_SECRET_")?.parse().ok()?;
        secrets.get(index)?.as_str().map(String::from)
    };
    let expect = case["expect"].as_str().expect("expect");
    let config = match Config::load(Some(&routes), secret) {
        Ok(config) => config,
        Err(error) if error.0.contains("does not sign the body") => {
            return Outcome::RefusedForCoverage;
        }
        // The Worker refuses at configuration what the core refuses when building a verifier.
        Err(_) if matches!(expect, "invalid_scheme" | "invalid_secret") => return Outcome::Agreed,
        Err(error) => return Outcome::Differed(format!("configuration refused: {}", error.0)),
    };
    let route = config.route("/v").expect("the route");
    let body = match (
        case["body"].as_str(),
        case["body_base64"].as_str(),
        case["body_fixture"].as_str(),
    ) {
        (Some(text), _, _) => text.as_bytes().to_vec(),
        (_, Some(encoded), _) => BASE64.decode(encoded).expect("base64 body"),
        (_, _, Some(fixture)) => fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures")
                .join(fixture),
        )
        .expect("fixture"),
        _ => panic!("no body"),
    };
    let headers: Vec<(String, String)> = case["headers"]
        .as_object()
        .expect("headers")
        .iter()
        .map(|(name, value)| (name.clone(), value.as_str().expect("text").to_string()))
        .collect();
    let mut context = RequestContext::default();
    context.url = case["url"].as_str();
    context.method = case["method"].as_str();
    let now = case["now"].as_u64().expect("now");
    match (
        route
            .verifier
            .verify_request(&body, &headers, &context, now),
        expect,
    ) {
        (Ok(verified), "ok") => {
            // Forwarded under the signed id when there is one, else the id derived from the
            // body: never an unsigned header's value.
            let outbound = Outbound::new(route, &verified, &headers, body.clone());
            let want = message_id("/v", case["expect_id"].as_str(), &body);
            if outbound.id == want {
                Outcome::Agreed
            } else {
                Outcome::Differed(format!("forwarded as {}, expected {want}", outbound.id))
            }
        }
        (Err(error), code) if error.code() == code => Outcome::Agreed,
        (Ok(_), code) => Outcome::Differed(format!("verified, expected {code}")),
        (Err(error), code) => Outcome::Differed(format!("got {}, expected {code}", error.code())),
    }
}
