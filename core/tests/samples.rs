//! Every sample of tests/fixtures/samples.json (the one list of samples and demo secrets that the
//! demo, the playground build and the tests read) signs and verifies with its demo secret, and a
//! forged copy does not; every built-in scheme has a sample, and every fixture file is listed.

// Tests and benchmarks may index and panic: a panic here is a failure report, not a crash.
#![allow(clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use hookseal::{Error, Scheme, SignInput, Signer, Verifier};
use serde_json::Value;

const NOW: u64 = 1_700_000_000;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn vendors() -> Vec<Value> {
    let text = fs::read_to_string(fixtures().join("samples.json")).expect("samples.json");
    let data: Value = serde_json::from_str(&text).expect("samples.json is JSON");
    data["vendors"].as_array().expect("a vendors array").clone()
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {value}"))
}

#[test]
fn every_sample_verifies_with_its_demo_secret() {
    let mut count = 0;
    for vendor in vendors() {
        let scheme: Scheme = text(&vendor, "scheme").parse().expect("a scheme id");
        let secret = text(&vendor, "secret");
        let dir = text(&vendor, "dir");
        let events = vendor["events"].as_array().expect("events");
        assert!(
            events.iter().any(|event| event == &vendor["demo"]),
            "{dir}: the demo event is one of its events"
        );
        let signer = Signer::new(scheme.clone(), secret).expect("signer");
        let verifier = Verifier::new(scheme.clone(), [secret]).expect("verifier");
        for event in events {
            let event = event.as_str().expect("an event name");
            let event_type = vendor["eventTypes"][event].as_str().unwrap_or(event);
            let path = format!("{dir}/{event}.json");
            let body = fs::read(fixtures().join(&path)).unwrap_or_else(|_| panic!("{path}"));
            let input = SignInput::new("msg_sample", NOW).with_event_type(event_type);
            let headers = signer.sign(&body, &input).expect("signs");
            verifier.verify(&body, &headers, NOW).expect(&path);
            for (name, value) in &headers {
                if matches!(
                    name.as_str(),
                    "x-webhook-event" | "x-github-event" | "x-shopify-topic"
                ) {
                    assert_eq!(value, event_type, "{path}");
                }
            }
            let mut forged = body.clone();
            *forged.last_mut().expect("a body") ^= 1;
            assert_eq!(
                verifier.verify(&forged, &headers, NOW).map(|_| ()),
                Err(Error::NoMatchingSignature),
                "{path}"
            );
            count += 1;
        }
    }
    assert!(count >= 24, "{count} samples");
}

#[test]
fn samples_cover_every_built_in_scheme_and_every_fixture() {
    let vendors = vendors();
    let schemes: BTreeSet<&str> = vendors
        .iter()
        .map(|vendor| text(vendor, "scheme"))
        .collect();
    for scheme in Scheme::BUILT_IN {
        assert!(
            schemes.contains(scheme.id()),
            "no sample for {}",
            scheme.id()
        );
    }
    let listed: BTreeSet<String> = vendors
        .iter()
        .flat_map(|vendor| {
            let dir = text(vendor, "dir");
            vendor["events"]
                .as_array()
                .expect("events")
                .iter()
                .map(move |event| format!("{dir}/{}.json", event.as_str().expect("a name")))
        })
        .collect();
    let mut present = BTreeSet::new();
    for entry in fs::read_dir(fixtures()).expect("tests/fixtures") {
        let entry = entry.expect("an entry");
        if !entry.file_type().expect("a type").is_dir() {
            continue;
        }
        for file in fs::read_dir(entry.path()).expect("a vendor directory") {
            let name = file
                .expect("a file")
                .file_name()
                .into_string()
                .expect("UTF-8");
            if Path::new(&name)
                .extension()
                .is_some_and(|ext| ext == "json")
            {
                present.insert(format!("{}/{name}", entry.file_name().to_string_lossy()));
            }
        }
    }
    assert_eq!(listed, present);
}
