//! Runs the language-neutral vectors in `tests/vectors/*.json` (format: `tests/vectors/README.md`).

// Tests and benchmarks may index and panic: a panic here is a failure report, not a crash.
#![allow(clippy::indexing_slicing, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hookseal::{RequestContext, Scheme, Secret, SignInput, Signer, Verifier, VerifyOptions};
use serde_json::Value;

fn repository_tests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// The vector files beside the catalog's own (one per catalog id).
const OTHER_FILES: [&str; 2] = ["custom", "engine"];

/// The fewest cases a file must hold, so an emptied file cannot pass.
fn fewest_cases(name: &str) -> usize {
    match name {
        "standard-webhooks" => 80,
        "engine" => 65,
        "custom" => 40,
        _ => 5,
    }
}

fn files_on_disk() -> Vec<String> {
    let mut on_disk: Vec<String> = fs::read_dir(repository_tests().join("vectors"))
        .expect("tests/vectors exists")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
        .collect();
    on_disk.sort();
    on_disk
}

#[test]
fn the_vector_files_are_the_catalogs() {
    let mut expected: Vec<String> = Scheme::catalog()
        .map(|scheme| scheme.id().to_owned())
        .chain(OTHER_FILES.iter().map(|name| (*name).to_owned()))
        .collect();
    expected.sort();
    assert_eq!(files_on_disk(), expected, "one vector file per catalog id");
}

#[test]
fn every_vector_file_passes() {
    let failures: Vec<String> = files_on_disk()
        .iter()
        .filter_map(|name| run_file(name).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn run_file(name: &str) -> Result<(), String> {
    let path = repository_tests()
        .join("vectors")
        .join(format!("{name}.json"));
    let file: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("vector file")).expect("JSON");
    let cases = file["cases"].as_array().expect("cases");
    let fewest = fewest_cases(name);
    if cases.len() < fewest {
        return Err(format!(
            "{name}: {} cases, expected at least {fewest}",
            cases.len()
        ));
    }
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run_case(&file["scheme"], case)
                .err()
                .map(|why| format!("{name} / {}: {why}", case["name"]))
        })
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name}: {} of {} cases failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        ))
    }
}

fn run_case(file_scheme: &Value, case: &Value) -> Result<(), String> {
    let expect = case["expect"].as_str().ok_or("no expect")?;
    let scheme =
        match serde_json::from_value::<Scheme>(case.get("scheme").unwrap_or(file_scheme).clone()) {
            Ok(scheme) => scheme,
            // Configuration faces map a scheme that does not deserialize to `invalid_scheme`.
            Err(_) if expect == "invalid_scheme" => return Ok(()),
            Err(error) => return Err(format!("scheme: {error}")),
        };
    let texts: Vec<String> = strings(&case["secrets"]);
    let raw: Vec<Vec<u8>> = strings(&case["secrets_base64"])
        .iter()
        .map(|text| BASE64.decode(text).expect("secret base64"))
        .collect();
    let secrets: Vec<Secret<'_>> = texts
        .iter()
        .map(Secret::from)
        .chain(raw.iter().map(Secret::from))
        .collect();
    let body = body(case)?;
    let headers: Vec<(String, String)> = case["headers"]
        .as_object()
        .ok_or("no headers")?
        .iter()
        .map(|(name, value)| {
            (
                name.clone(),
                value.as_str().expect("header value").to_owned(),
            )
        })
        .collect();
    let now = case["now"].as_u64().ok_or("no now")?;
    // The request's URL and method, for schemes that sign them.
    let mut request = RequestContext::default();
    request.url = case["url"].as_str();
    request.method = case["method"].as_str();
    let options = VerifyOptions {
        tolerance_seconds: case["tolerance_seconds"].as_u64(),
    };

    let outcome = Verifier::with_options(scheme.clone(), secrets.iter().copied(), options)
        .and_then(|verifier| verifier.verify_request(&body, &headers, &request, now));
    match (&outcome, expect) {
        (Ok(_), "ok") => {}
        (Err(error), code) if error.code() == code => return Ok(()),
        (Ok(_), code) => return Err(format!("verified, expected {code}")),
        (Err(error), code) => {
            return Err(format!("got {} ({error}), expected {code}", error.code()));
        }
    }
    let verified = outcome.map_err(|error| error.to_string())?;
    // Every field is compared, absent ones too: a field a case does not expect must not be
    // reported (an unsigned delivery id reported as the authenticated id is the bug this catches).
    let covers: Vec<&str> = scheme.coverage().names().collect();
    let expected_covers: Vec<&str> = case["expect_covers"]
        .as_array()
        .ok_or("no expect_covers")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if covers != expected_covers {
        return Err(format!("covers {covers:?}, expected {expected_covers:?}"));
    }
    check_field("id", verified.id.as_deref(), case["expect_id"].as_str())?;
    check_field(
        "unsigned id",
        verified.unsigned.id.as_deref(),
        case["expect_unsigned_id"].as_str(),
    )?;
    check_field(
        "unsigned event type",
        verified.unsigned.event_type.as_deref(),
        case["expect_unsigned_event_type"].as_str(),
    )?;
    let expected_timestamp = case["expect_timestamp"].as_u64();
    if verified.timestamp != expected_timestamp {
        return Err(format!(
            "timestamp {:?}, expected {expected_timestamp:?}",
            verified.timestamp
        ));
    }
    match case.get("sign") {
        Some(sign) => {
            let secret = *secrets.first().ok_or("no secret")?;
            check_signing(scheme, secret, sign, &headers, &body, request)
        }
        None => Ok(()),
    }
}

/// Signing the body with the first secret and the case's `sign` inputs gives exactly the case's
/// headers. Headers a template signs by name take their values from those headers.
fn check_signing(
    scheme: Scheme,
    secret: Secret<'_>,
    sign: &Value,
    headers: &[(String, String)],
    body: &[u8],
    request: RequestContext<'_>,
) -> Result<(), String> {
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let input = SignInput {
        id: sign["id"].as_str(),
        timestamp: sign["timestamp"].as_u64(),
        event_type: sign["event_type"].as_str(),
        request,
        headers: &pairs,
    };
    let mut signed = Signer::new(scheme, secret)
        .and_then(|signer| signer.sign(body, &input))
        .map_err(|error| format!("sign: {error}"))?;
    let mut expected: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
        .collect();
    expected.sort();
    signed.sort();
    if signed != expected {
        return Err(format!("signed headers {signed:?}, expected {expected:?}"));
    }
    Ok(())
}

fn check_field(what: &str, got: Option<&str>, expected: Option<&str>) -> Result<(), String> {
    if got == expected {
        Ok(())
    } else {
        Err(format!("{what} {got:?}, expected {expected:?}"))
    }
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map_or_else(Vec::new, |items| {
        items
            .iter()
            .map(|item| item.as_str().expect("a string").to_owned())
            .collect()
    })
}

fn body(case: &Value) -> Result<Vec<u8>, String> {
    if let Some(text) = case["body"].as_str() {
        return Ok(text.as_bytes().to_vec());
    }
    if let Some(encoded) = case["body_base64"].as_str() {
        return BASE64.decode(encoded).map_err(|error| error.to_string());
    }
    if let Some(fixture) = case["body_fixture"].as_str() {
        return fs::read(repository_tests().join("fixtures").join(fixture))
            .map_err(|error| error.to_string());
    }
    Err("no body".into())
}
