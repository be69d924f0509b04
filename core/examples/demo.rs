//! Signs one sample event of each scheme with a demo secret, verifies it, then verifies a forged
//! copy, and prints the outcomes. Run with `cargo run -p hookseal --example demo`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use hookseal::{Scheme, SignInput, Signer, Verifier};

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
    if !all_as_expected {
        return Err("a genuine sample failed or a forged one passed".into());
    }
    Ok(())
}
