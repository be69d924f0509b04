//! Typed events (feature `events`): every fixture of a vendor with schemas parses to its event,
//! the shared cases (`tests/events/cases.json`, which the npm package runs too) give the issues
//! they list, and removing or retyping any field of a fixture gives what its schema says.

// Tests may index and panic: a panic here is a failure report, not a crash.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use hookseal::events::{
    CareCycleEvent, EventError, JobEvent, MAX_ISSUES, SepticCycleEvent, SmartComplyEvent, Vendor,
};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// What a parse gave: the event type and whether hookseal knows it.
type Parsed = (String, bool);

fn parse(vendor: &str, body: &[u8], strict: bool) -> Result<Parsed, EventError> {
    macro_rules! parse {
        ($event:ident) => {{
            let event = if strict {
                $event::parse_strict(body)?
            } else {
                $event::parse(body)?
            };
            let known = !matches!(event, $event::Unknown(_));
            (event.event_type().to_string(), known)
        }};
    }
    Ok(match vendor {
        "septiccycle" => parse!(SepticCycleEvent),
        "smartcomply" => parse!(SmartComplyEvent),
        "job-events" => parse!(JobEvent),
        "carecycle" => parse!(CareCycleEvent),
        other => panic!("no vendor {other}"),
    })
}

/// The vendors with schemas and their fixture files, as `dir/event.json`.
fn fixtures() -> Vec<(String, String)> {
    let mut all = Vec::new();
    for vendor in Vendor::all() {
        let dir = root().join("tests/fixtures").join(vendor.id());
        let mut files: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        for file in files {
            all.push((vendor.id().to_string(), format!("{}/{file}", vendor.id())));
        }
    }
    all
}

fn cases() -> Vec<Value> {
    read_json(&root().join("tests/events/cases.json"))["cases"]
        .as_array()
        .unwrap()
        .clone()
}

fn body_of(case: &Value) -> Vec<u8> {
    if let Some(fixture) = case["fixture"].as_str() {
        return fs::read(root().join("tests/fixtures").join(fixture)).unwrap();
    }
    if let Some(text) = case["body"].as_str() {
        return text.as_bytes().to_vec();
    }
    if let Some(hex) = case["bodyHex"].as_str() {
        return (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
    }
    serde_json::to_vec(&case["json"]).unwrap()
}

/// The issues as the cases write them: `[code, path, message]`, without the message for
/// `invalid_json` (each parser words its own).
fn issues_of(error: &EventError) -> Value {
    let issues: Vec<Value> = error
        .issues()
        .iter()
        .map(|issue| {
            if issue.code == "invalid_json" {
                json!([issue.code, issue.path])
            } else {
                json!([issue.code, issue.path, issue.message])
            }
        })
        .collect();
    Value::Array(issues)
}

#[test]
fn every_fixture_parses_to_its_event_leniently_and_strictly() {
    let strict_cases: Vec<String> = cases()
        .iter()
        .filter(|case| case["strict"] == true)
        .filter_map(|case| case["fixture"].as_str().map(str::to_string))
        .collect();
    let fixtures = fixtures();
    assert!(fixtures.len() >= 20, "{fixtures:?}");
    for (vendor, fixture) in &fixtures {
        let body = fs::read(root().join("tests/fixtures").join(fixture)).unwrap();
        let event_type = fixture
            .trim_start_matches(&format!("{vendor}/"))
            .trim_end_matches(".json");
        let parsed =
            parse(vendor, &body, false).unwrap_or_else(|error| panic!("{fixture}: {error}"));
        assert_eq!(parsed, (event_type.to_string(), true), "{fixture}");
        if !strict_cases.contains(fixture) {
            let strict = parse(vendor, &body, true)
                .unwrap_or_else(|error| panic!("{fixture}, strict: {error}"));
            assert_eq!(strict, parsed, "{fixture}");
        }
    }
}

#[test]
fn the_shared_cases_give_what_they_list() {
    let mut typed = BTreeSet::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let vendor = case["vendor"].as_str().unwrap();
        let strict = case["strict"] == true;
        let outcome = parse(vendor, &body_of(&case), strict);
        match (&case["type"], &case["issues"], outcome) {
            (Value::String(event_type), Value::Null, Ok((parsed, known))) => {
                assert_eq!(&parsed, event_type, "{name}");
                assert_eq!(known, case["known"] != false, "{name}");
                if known {
                    typed.insert(format!("{vendor} {parsed}"));
                }
            }
            (Value::Null, expected @ Value::Array(_), Err(error)) => {
                assert_eq!(&issues_of(&error), expected, "{name}");
                // The error is its first issue.
                assert_eq!(error.code(), expected[0][0], "{name}");
                assert_eq!(error.path(), expected[0][1], "{name}");
            }
            (_, _, outcome) => panic!("{name}: {outcome:?}"),
        }
    }
    // Every event type's typed struct is read at least once (by a case or a fixture).
    for (vendor, fixture) in fixtures() {
        let event_type = fixture
            .trim_start_matches(&format!("{vendor}/"))
            .trim_end_matches(".json")
            .to_string();
        typed.insert(format!("{vendor} {event_type}"));
    }
    for vendor in Vendor::all() {
        for event_type in vendor.event_types() {
            assert!(
                typed.contains(&format!("{} {event_type}", vendor.id())),
                "{} {event_type}: no fixture or case parses one",
                vendor.id()
            );
        }
    }
}

/// The fields of every event, from the schemas (as the playground gets them).
fn fields_by_event() -> Vec<(String, String, Vec<Value>)> {
    let document = read_json(&root().join("npm/playground/event-schemas.json"));
    let mut all = Vec::new();
    for vendor in document["vendors"].as_array().unwrap() {
        for event in vendor["events"].as_array().unwrap() {
            all.push((
                vendor["id"].as_str().unwrap().to_string(),
                event["type"].as_str().unwrap().to_string(),
                event["fields"].as_array().unwrap().clone(),
            ));
        }
    }
    all
}

/// A value of the wrong type for a field the schemas type `kind`, and what it is found as.
fn wrong_value(kind: &str) -> Option<(Value, &'static str)> {
    Some(match kind {
        "string" => (json!(12), "a number"),
        "integer" => (json!(1.5), "a number"),
        "number" | "boolean" => (json!("12"), "a string"),
        "object" => (json!([]), "an array"),
        kind if kind.starts_with("array") => (json!({}), "an object"),
        _ => return None, // any value, or the event type's own field
    })
}

fn expected_word(kind: &str) -> &'static str {
    match kind {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean",
        "object" => "an object",
        _ => "an array",
    }
}

/// Each fixture, with each of its fields present in the schema removed (an error where the
/// schema requires it) or given a value of another type (always an error, at that field).
#[test]
fn every_field_of_every_fixture_is_checked_as_its_schema_says() {
    let schemas = fields_by_event();
    let mut checked = 0;
    for (vendor, fixture) in fixtures() {
        let event_type = fixture
            .trim_start_matches(&format!("{vendor}/"))
            .trim_end_matches(".json");
        let original = read_json(&root().join("tests/fixtures").join(&fixture));
        let (_, _, fields) = schemas
            .iter()
            .find(|(v, t, _)| *v == vendor && t == event_type)
            .unwrap();
        for field in fields {
            let path = field["path"].as_str().unwrap();
            let kind = field["type"].as_str().unwrap();
            // Array items (`/*/`): their first element's.
            let pointer = path.replace("/*/", "/0/");
            if original.pointer(&pointer).is_none() {
                continue;
            }
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            if kind.starts_with('"') {
                continue; // the event type itself
            }
            let mut removed = original.clone();
            removed
                .pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key);
            let outcome = parse(&vendor, &serde_json::to_vec(&removed).unwrap(), false);
            if field["required"] == true {
                let error = outcome.expect_err(&pointer);
                assert_eq!(
                    issues_of(&error),
                    json!([["invalid_event", pointer, "missing required field"]]),
                    "{fixture} without {pointer}"
                );
            } else {
                outcome.unwrap_or_else(|error| panic!("{fixture} without {pointer}: {error}"));
            }
            if let Some((value, found)) = wrong_value(kind) {
                let mut retyped = original.clone();
                *retyped.pointer_mut(&pointer).unwrap() = value;
                let error = parse(&vendor, &serde_json::to_vec(&retyped).unwrap(), false)
                    .expect_err(&pointer);
                let message = format!("expected {}, found {found}", expected_word(kind));
                assert_eq!(
                    issues_of(&error),
                    json!([["invalid_event", pointer, message]]),
                    "{fixture} with {pointer} retyped"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked} fields checked");
}

#[test]
fn issues_are_bounded() {
    let mut data = serde_json::Map::new();
    for i in 0..(MAX_ISSUES * 3) {
        data.insert(format!("extra_{i:04}"), json!(i));
    }
    let body = json!({"id": "evt_1", "type": "webhook.test", "created_at": "x", "data": data});
    let error = SmartComplyEvent::parse_strict(&serde_json::to_vec(&body).unwrap()).unwrap_err();
    assert_eq!(error.issues().len(), MAX_ISSUES);
    assert_eq!(error.path(), "/data/extra_0000");
    assert_eq!(
        error.to_string(),
        format!(
            "unknown_field at /data/extra_0000: not in the schema (and {} more)",
            MAX_ISSUES - 1
        )
    );
    // Lenient: the same body parses.
    SmartComplyEvent::parse(&serde_json::to_vec(&body).unwrap()).unwrap();
}

#[test]
fn typed_fields_hold_the_body_values() {
    let body =
        fs::read(root().join("tests/fixtures/smartcomply/iu.exceedance_detected.json")).unwrap();
    let SmartComplyEvent::IuExceedanceDetected(event) = SmartComplyEvent::parse(&body).unwrap()
    else {
        panic!("not an iu.exceedance_detected");
    };
    assert_eq!(event.id, "evt_f0e1d2c3b4a59687");
    let exceedances = event.data.exceedances.unwrap();
    assert_eq!(exceedances[0].parameter.as_deref(), Some("Zinc"));
    assert!((exceedances[0].result_value.unwrap() - 3.8).abs() < f64::EPSILON);

    let body = br#"{"event":"invoice.paid","invoice_id":"inv_1","amount":29900.0}"#;
    let SepticCycleEvent::InvoicePaid(paid) = SepticCycleEvent::parse(body).unwrap() else {
        panic!("not an invoice.paid");
    };
    assert_eq!(paid.amount, 29_900);
    assert_eq!(paid.currency, None);

    let body = fs::read(root().join("tests/fixtures/job-events/job.updated.json")).unwrap();
    let JobEvent::JobUpdated(updated) = JobEvent::parse(&body).unwrap() else {
        panic!("not a job.updated");
    };
    assert_eq!(updated.organization_id, "abc123");
    let change = &updated.changes.unwrap()[0];
    assert_eq!(change.field.as_deref(), Some("settings.customer"));
    assert_eq!(change.old_value, Some(json!({"name": "J Smith"})));
    // `null` is a value: only an absent field is None.
    let body = br#"{"event":"job.updated","timestamp":"t","organizationId":"o","job":{"id":"j","name":"n","ownerUserId":"u","createdAt":"c","updatedAt":"u"},"changes":[{"field":"jobName","oldValue":null}]}"#;
    let JobEvent::JobUpdated(updated) = JobEvent::parse(body).unwrap() else {
        panic!("not a job.updated");
    };
    let change = &updated.changes.unwrap()[0];
    assert_eq!(change.old_value, Some(Value::Null));
    assert_eq!(change.new_value, None);

    // An unknown event keeps every field.
    let body = br#"{"type":"appointment.booked","data":{"id":"apt_1"},"extra":[1]}"#;
    let CareCycleEvent::Unknown(unknown) = CareCycleEvent::parse(body).unwrap() else {
        panic!("not unknown");
    };
    assert_eq!(unknown.event_type, "appointment.booked");
    assert_eq!(unknown.json["extra"], json!([1]));
    assert_eq!(
        CareCycleEvent::Unknown(unknown).event_type(),
        "appointment.booked"
    );
}

#[test]
fn the_event_type_of_a_body_is_read_without_ambiguity() {
    let smartcomply = Vendor::from_id("smartcomply").unwrap();
    assert_eq!(smartcomply.event_type_field(), "type");
    assert_eq!(smartcomply.event_types(), SmartComplyEvent::EVENT_TYPES);
    assert_eq!(SmartComplyEvent::EVENT_TYPES.len(), 12);
    let body = fs::read(root().join("tests/fixtures/smartcomply/test.failed.json")).unwrap();
    assert_eq!(smartcomply.event_type_of(&body).unwrap(), "test.failed");
    // A nested `type` is not the event's.
    assert_eq!(
        smartcomply
            .event_type_of(br#"{"data":{"type":"x"},"type":"test.failed"}"#)
            .unwrap(),
        "test.failed"
    );
    let refused = |body: &[u8]| smartcomply.event_type_of(body).unwrap_err();
    // Parsers disagree on which of two keys counts, and on escapes: refused.
    assert_eq!(
        refused(br#"{"type":"webhook.test","type":"test.failed"}"#).code(),
        "invalid_json"
    );
    assert_eq!(
        refused(br#"{"typ\u0065":"test.failed"}"#).code(),
        "invalid_json"
    );
    assert_eq!(
        refused(br#"{"type":"test\u002efailed"}"#).code(),
        "invalid_json"
    );
    assert_eq!(refused(b"[1]").code(), "invalid_json");
    assert_eq!(refused(b"").code(), "invalid_json");
    assert_eq!(refused(br#"{"id":"evt_1"}"#).code(), "invalid_event");
    let number = refused(br#"{"type":5}"#);
    assert_eq!((number.code(), number.path()), ("invalid_event", "/type"));

    let ids: Vec<&str> = Vendor::all().map(Vendor::id).collect();
    assert_eq!(
        ids,
        ["septiccycle", "smartcomply", "job-events", "carecycle"]
    );
    assert!(Vendor::from_id("github").is_none());
    assert_eq!(
        Vendor::from_id("job-events").unwrap().event_type_field(),
        "event"
    );
}

/// What `tests/events/README.md` says Rust refuses and JavaScript takes (the npm suite checks
/// the other side).
#[test]
fn the_documented_differences_with_javascript() {
    let deep = format!(
        r#"{{"type":"x","data":{{"a":{}{}}}}}"#,
        "[".repeat(130),
        "]".repeat(130)
    );
    for body in [
        deep.as_str(),
        r#"{"type":"x","data":{"a":1e400}}"#,
        r#"{"type":"x","data":{"a":"\ud800"}}"#,
    ] {
        let error = CareCycleEvent::parse(body.as_bytes()).unwrap_err();
        assert_eq!(error.code(), "invalid_json", "{body}");
    }
}
