//! Diagnosing stays linear in the body (issue #9 §3): bodies up to 1 MiB built to blow up the JSON
//! layout guesses (deep nesting re-indents to depth × size bytes) diagnose quickly, with output
//! that grows with the body only. The old diagnosis needed seconds and gigabytes for 16 KiB.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use hookseal::{Diagnosis, Error, Hint, RequestContext, Scheme, SignInput, Signer, Verifier};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW: u64 = 1_700_000_000;
const MIB: usize = 1024 * 1024;

fn signed(body: &[u8]) -> Vec<(String, String)> {
    Signer::new(Scheme::StandardWebhooks, SECRET)
        .and_then(|signer| signer.sign(body, &SignInput::new("msg_1", NOW)))
        .expect("signs")
}

fn repeat(unit: &str, size: usize) -> Vec<u8> {
    unit.bytes().cycle().take(size).collect()
}

/// The adversarial shapes, `size` bytes each.
fn shapes(size: usize) -> Vec<(&'static str, Vec<u8>)> {
    let mut pretty = b"[\n".to_vec();
    while pretty.len() < size - 2 {
        pretty
            .extend_from_slice(b"  {\n    \"id\": 1,\n    \"tags\": [\n      \"a\"\n    ]\n  },\n");
    }
    pretty.truncate(size);
    vec![
        ("nested [", repeat("[", size)),
        ("nested {\"a\":", repeat("{\"a\":", size)),
        (
            "nested [ closed",
            [repeat("[", size / 2), repeat("]", size / 2)].concat(),
        ),
        (
            "long string",
            [&b"[\""[..], &repeat("a", size - 4), b"\"]"].concat(),
        ),
        ("line breaks", repeat("\n", size)),
        ("line breaks, CRLF", repeat("\r\n", size)),
        ("pretty JSON", pretty),
    ]
}

/// Diagnoses on another thread, failing when it takes longer than `limit` (the old quadratic
/// diagnosis would run for hours on 1 MiB, if its memory did not run out first).
fn diagnose_within(body: Vec<u8>, headers: Vec<(String, String)>, limit: Duration) -> Diagnosis {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let diagnosis = Verifier::new(Scheme::StandardWebhooks, [SECRET])
            .expect("verifier")
            .diagnose(&body, &headers, &RequestContext::default(), NOW);
        let _ = sender.send(diagnosis);
    });
    receiver
        .recv_timeout(limit)
        .expect("the diagnosis finishes in time")
}

#[test]
fn diagnosing_adversarial_bodies_up_to_1_mib_is_linear() {
    let headers = signed(b"{}");
    for size in [16 * 1024, 256 * 1024, 256 * 1024 + 1, MIB] {
        for (shape, body) in shapes(size) {
            let start = Instant::now();
            // Generous: unoptimized test builds on a shared machine. The release build (the npm
            // package) takes milliseconds; see npm/test/bench/diagnose.mjs.
            let diagnosis = diagnose_within(body.clone(), headers.clone(), Duration::from_secs(20));
            let elapsed = start.elapsed();
            assert_eq!(
                diagnosis.outcome,
                Err(Error::NoMatchingSignature),
                "{shape} {size}"
            );
            assert_eq!(diagnosis.hints, [], "{shape} {size}");
            // Output that grows with the body only: the signed content is the body and the
            // short id and timestamp around it.
            let content = diagnosis.signed_content.expect("signed content");
            assert_eq!(content.len(), body.len() + "msg_1.1700000000.".len());
            assert_eq!(diagnosis.expected_signatures.len(), 1);
            eprintln!("{shape:>18} {size:>8} bytes: {elapsed:?}");
        }
    }
}

#[test]
fn the_usual_mistakes_are_still_found_in_large_bodies() {
    // Pretty JSON just under the layout guesses' limit (256 KiB), signed compact.
    let item = serde_json::json!({"id": 12345, "tags": ["a", "b"], "nested": {"ok": true}});
    let value = serde_json::Value::Array(vec![item; 2400]);
    let compact = serde_json::to_vec(&value).expect("compact");
    let received = serde_json::to_vec_pretty(&value).expect("pretty");
    assert!(
        (200 * 1024..=256 * 1024).contains(&received.len()),
        "{}",
        received.len()
    );
    let diagnosis = diagnose_within(received, signed(&compact), Duration::from_secs(20));
    assert_eq!(diagnosis.hints, [Hint::BodyReformatted]);

    // A trailing newline and line endings, at 1 MiB.
    let body = repeat("{\"a\": 1}\r\n", MIB);
    let with_newline = [&body[..], b"\n"].concat();
    let diagnosis = diagnose_within(with_newline, signed(&body), Duration::from_secs(20));
    assert_eq!(diagnosis.hints, [Hint::TrailingNewlineAdded]);
    let lf: Vec<u8> = body.iter().copied().filter(|byte| *byte != b'\r').collect();
    let diagnosis = diagnose_within(lf, signed(&body), Duration::from_secs(20));
    assert_eq!(diagnosis.hints, [Hint::LineEndingsChanged]);
}
