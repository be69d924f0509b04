//! Signs one sample event of each built-in scheme with a demo secret, verifies it, then verifies a
//! forged copy, and prints the outcomes; then the same for every entry of the provider catalog,
//! with its own sample event and a demo key of its kind. Run with
//! `cargo run -p hookseal --example demo`.

// Indexing a `serde_json::Value` by key cannot panic: a missing key reads as null.
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hookseal::{Algorithm, RequestContext, Scheme, SecretFormat, SignInput, Signer, Verifier};

/// The samples and their demo secrets: tests/fixtures/samples.json, the one place they are written
/// down (the playground build and the tests read it too; tests/fixtures/README.md describes it).
const SAMPLES_JSON: &str = include_str!("../../tests/fixtures/samples.json");

/// What the demo reads of tests/fixtures/samples.json (other fields are for the playground).
#[derive(serde::Deserialize)]
struct SampleData {
    vendors: Vec<Vendor>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Vendor {
    dir: String,
    scheme: String,
    secret: String,
    /// The event the demo sends, one of the vendor's fixtures.
    demo: String,
    /// Event types that are not the fixture's name (Shopify's `orders/create`).
    #[serde(default)]
    event_types: BTreeMap<String, String>,
}

/// A sample to sign: its fixture under tests/fixtures, demo secret and event type.
struct Sample {
    scheme: Scheme,
    fixture: String,
    secret: String,
    event_type: String,
}

/// One sample per built-in scheme, in [`Scheme::BUILT_IN`] order.
fn samples() -> Result<Vec<Sample>, Box<dyn std::error::Error>> {
    let data: SampleData = serde_json::from_str(SAMPLES_JSON)?;
    Scheme::BUILT_IN
        .into_iter()
        .map(|scheme| {
            let vendor = data
                .vendors
                .iter()
                .find(|vendor| vendor.scheme == scheme.id())
                .ok_or_else(|| format!("samples.json has no sample for {}", scheme.id()))?;
            Ok(Sample {
                fixture: format!("{}/{}.json", vendor.dir, vendor.demo),
                secret: vendor.secret.clone(),
                event_type: vendor
                    .event_types
                    .get(&vendor.demo)
                    .unwrap_or(&vendor.demo)
                    .clone(),
                scheme,
            })
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let mut all_as_expected = true;
    println!(
        "{:<20} {:<38} {:<10} forged (one byte changed)",
        "scheme", "sample", "genuine"
    );
    for Sample {
        scheme,
        fixture,
        secret,
        event_type,
    } in samples()?
    {
        let id = scheme.id();
        let body = std::fs::read(fixtures.join(&fixture))?;
        let input = SignInput::new("msg_demo_1", now).with_event_type(&event_type);
        let headers = Signer::new(scheme.clone(), secret.as_str())?.sign(&body, &input)?;
        let verifier = Verifier::new(scheme, [secret.as_str()])?;
        let genuine = verifier.verify(&body, &headers, now);
        let mut forged = body.clone();
        if let Some(last) = forged.last_mut() {
            *last ^= 1;
        }
        let forged = verifier.verify(&forged, &headers, now);
        all_as_expected &= genuine.is_ok() && forged.is_err();
        println!(
            "{id:<20} {fixture:<38} {:<10} {}",
            if genuine.is_ok() {
                "verified"
            } else {
                "FAILED"
            },
            forged.map_or_else(
                |error| format!("rejected: {}", error.code()),
                |_| "ACCEPTED".into()
            )
        );
    }
    all_as_expected &= catalog_table(now);
    if !all_as_expected {
        return Err("a genuine sample failed or a forged one passed".into());
    }
    Ok(())
}

/// The URL the demo's catalog samples are addressed to, for schemes that sign it.
const DEMO_URL: &str = "https://hooks.example.com/webhooks/demo?source=hookseal";

/// A demo key of the kind the scheme reads, written the way it reads text: a shared secret in
/// its secret format, `user:password` for HTTP Basic, an Ed25519 seed and public key, or an
/// ECDSA P-256 private key in PKCS #8 (a private key signs, and verifies with its public half).
fn demo_key(scheme: &Scheme) -> Result<String, Box<dyn std::error::Error>> {
    let bytes: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(37) ^ 0x5a).collect();
    let raw = match scheme.algorithm() {
        Algorithm::Token if scheme.signature_layout().starts_with("Basic ") => {
            return Ok("demo:demo-password".into());
        }
        Algorithm::Token => return Ok(format!("demo-token-{}", scheme.id())),
        Algorithm::Ed25519 => {
            let signing =
                ed25519_dalek::SigningKey::from_bytes(&bytes.clone().try_into().unwrap_or([1; 32]));
            [bytes.as_slice(), signing.verifying_key().as_bytes()].concat()
        }
        Algorithm::EcdsaP256 => {
            use p256::pkcs8::EncodePrivateKey as _;
            let signing = p256::ecdsa::SigningKey::from_slice(&bytes)?;
            signing.to_pkcs8_der()?.as_bytes().to_vec()
        }
        _ if scheme.secret_format() == SecretFormat::Utf8 => {
            return Ok(format!("demo-secret-{}", scheme.id()));
        }
        _ => bytes,
    };
    Ok(match scheme.secret_format() {
        SecretFormat::Whsec => format!("whsec_{}", BASE64.encode(raw)),
        SecretFormat::Hex => raw.iter().fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        }),
        _ => BASE64.encode(raw),
    })
}

/// Whether the scheme's sample signed now with a demo key verifies, and a copy changed by one
/// byte (for a token, which covers no byte, a changed token) does not.
fn genuine_and_forged(scheme: &Scheme, now: u64) -> Result<Outcomes, Box<dyn std::error::Error>> {
    let entry = scheme.preset().ok_or("not a catalog entry")?;
    let key = demo_key(scheme)?;
    let body = entry.sample().as_bytes();
    let input = SignInput::new("msg_demo_1", now).with_request(DEMO_URL, "POST");
    let headers = Signer::new(scheme.clone(), key.as_str())?.sign(body, &input)?;
    let verifier = Verifier::new(scheme.clone(), [key.as_str()])?;
    let context = RequestContext::new(DEMO_URL, "POST");
    let outcome = |body: &[u8], headers: &[(String, String)]| {
        verifier
            .verify_request(body, headers, &context, now)
            .map(|_| ())
            .map_err(|error| error.code().to_string())
    };
    let genuine = outcome(body, &headers);
    let forged = if scheme.algorithm() == Algorithm::Token {
        let mut forged_headers = headers.clone();
        for (_, value) in &mut forged_headers {
            value.push('x');
        }
        outcome(body, &forged_headers)
    } else {
        outcome(&forge(body), &headers)
    };
    Ok((genuine, forged))
}

type Outcomes = (Result<(), String>, Result<(), String>);

/// The scheme's first passing case in `tests/vectors/<id>.json`, verified as it is and with one
/// digit of its body changed.
fn vector_and_forged(scheme: &Scheme) -> Result<Outcomes, Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(format!("{}.json", scheme.id()));
    let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let case = file["cases"]
        .as_array()
        .and_then(|cases| {
            cases.iter().find(|case| {
                case["expect"] == "ok" && case["secrets"].is_array() && case["body"].is_string()
            })
        })
        .ok_or("no passing vector with text secrets and body")?;
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    let secrets: Vec<String> = case["secrets"]
        .as_array()
        .map(|secrets| secrets.iter().map(text).collect())
        .unwrap_or_default();
    let headers: Vec<(String, String)> = case["headers"]
        .as_object()
        .map(|headers| {
            headers
                .iter()
                .map(|(name, value)| (name.clone(), text(value)))
                .collect()
        })
        .unwrap_or_default();
    let (url, method) = (text(&case["url"]), text(&case["method"]));
    let now = case["now"].as_u64().unwrap_or_default();
    let verifier = Verifier::new(scheme.clone(), secrets.iter().map(String::as_str))?;
    let context = RequestContext::new(&url, &method);
    let outcome = |body: &[u8]| {
        verifier
            .verify_request(body, &headers, &context, now)
            .map(|_| ())
            .map_err(|error| error.code().to_string())
    };
    let body = text(&case["body"]).into_bytes();
    // Where the signature does not cover the body (Mailgun signs only the timestamp and token
    // its body carries first), change the first digit, the signed timestamp; else the last.
    let mut forged = body.clone();
    if scheme.coverage().body {
        forged = forge(&body);
    } else if let Some(first) = forged.iter_mut().find(|b| b.is_ascii_digit()) {
        *first = if *first == b'9' { b'0' } else { *first + 1 };
    }
    Ok((outcome(&body), outcome(&forged)))
}

/// The body with its last digit changed: one byte, and JSON stays JSON.
fn forge(body: &[u8]) -> Vec<u8> {
    let mut forged = body.to_vec();
    if let Some(last) = forged.iter_mut().rev().find(|b| b.is_ascii_digit()) {
        *last = if *last == b'9' { b'0' } else { *last + 1 };
    }
    forged
}

/// One line per catalog entry: its sample signed with a demo key verified, a forged copy
/// rejected. Returns whether every line came out so.
fn catalog_table(now: u64) -> bool {
    println!();
    println!(
        "{:<22} {:<46} {:<10} forged",
        "catalog id", "provider", "genuine"
    );
    let (mut verified, mut rejected, mut total) = (0, 0, 0);
    for scheme in Scheme::catalog() {
        total += 1;
        let name = scheme.preset().map_or("", |entry| entry.name());
        // A scheme the demo cannot sign now (a signature, or a timestamp, inside the sample's
        // body) shows its first passing vector instead.
        let outcomes = genuine_and_forged(&scheme, now)
            .ok()
            .filter(|(genuine, _)| genuine.is_ok())
            .map_or_else(|| vector_and_forged(&scheme), Ok);
        let (genuine, forged) = match outcomes {
            Ok(outcomes) => outcomes,
            Err(why) => {
                println!("{:<22} {name:<46} FAILED: {why}", scheme.id());
                continue;
            }
        };
        verified += usize::from(genuine.is_ok());
        rejected += usize::from(forged.is_err());
        println!(
            "{:<22} {name:<46} {:<10} {}",
            scheme.id(),
            genuine.map_or_else(|code| format!("FAILED: {code}"), |()| "verified".into()),
            forged.map_or_else(|code| format!("rejected: {code}"), |()| "ACCEPTED".into()),
        );
    }
    println!(
        "{total} catalog entries: {verified} genuine samples verified, {rejected} forged ones rejected"
    );
    verified == total && rejected == total
}
