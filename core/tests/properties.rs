//! Property tests: signing then verifying round-trips for every scheme, and any change to what is
//! signed, or any header text at all, fails without a panic.

// Tests and benchmarks may index and panic: a panic here is a failure report, not a crash.
#![allow(clippy::indexing_slicing, clippy::panic)]

use hookseal::{CustomScheme, Encoding, Hint, RequestContext, Scheme, SignInput, Signer, Verifier};
use proptest::prelude::*;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW: u64 = 1_700_000_000;

fn schemes() -> Vec<Scheme> {
    let custom = Scheme::custom(CustomScheme {
        prefix: "t=".into(),
        encoding: Encoding::Base64,
        template: "{id}|{timestamp}|{body}".into(),
        id_header: Some("X-Id".into()),
        timestamp_header: Some("X-Time".into()),
        ..CustomScheme::new("X-Signature")
    })
    .expect("valid custom scheme");
    Scheme::BUILT_IN.into_iter().chain([custom]).collect()
}

fn sign(scheme: &Scheme, body: &[u8], id: &str, timestamp: u64) -> Vec<(String, String)> {
    let input = SignInput::new(id, timestamp).with_event_type("thing.happened");
    Signer::new(scheme.clone(), SECRET)
        .and_then(|signer| signer.sign(body, &input))
        .expect("signs")
}

fn verifier(scheme: &Scheme) -> Verifier {
    Verifier::new(scheme.clone(), [SECRET]).expect("verifier")
}

fn signature_header(scheme: &Scheme, headers: &[(String, String)]) -> usize {
    let name = match scheme {
        Scheme::Custom(_) => "x-signature",
        _ => Scheme::BUILT_IN
            .iter()
            .zip([
                "webhook-signature",
                "svix-signature",
                "x-septiccycle-signature",
                "x-webhook-signature",
                "x-hub-signature-256",
                "stripe-signature",
                "x-slack-signature",
                "x-shopify-hmac-sha256",
            ])
            .find(|(built_in, _)| *built_in == scheme)
            .map(|(_, name)| name)
            .expect("built-in"),
    };
    headers
        .iter()
        .position(|(header, _)| header == name)
        .expect("signature header present")
}

/// Ids without the separators of the templates under test (`.` and `|`): an id holding its
/// separator is refused (see `an_id_holding_its_separator_is_refused` in api.rs).
fn id_strategy() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_:-]{1,40}"
}

proptest! {
    #[test]
    fn sign_then_verify_round_trips(body in prop::collection::vec(any::<u8>(), 0..2048), id in id_strategy(),
                                    skew in -300i64..=300) {
        let timestamp = NOW.checked_add_signed(skew).expect("in range");
        for scheme in schemes() {
            let headers = sign(&scheme, &body, &id, timestamp);
            let verified = verifier(&scheme).verify(&body, &headers, NOW);
            prop_assert!(verified.is_ok(), "{scheme}: {verified:?}");
        }
    }

    #[test]
    fn any_change_to_the_body_fails(body in prop::collection::vec(any::<u8>(), 1..512), index in any::<prop::sample::Index>(),
                                    flip in 1u8..=255, extra in any::<u8>()) {
        let mut flipped = body.clone();
        let position = index.index(flipped.len());
        flipped[position] ^= flip;
        let mut longer = body.clone();
        longer.push(extra);
        for scheme in schemes() {
            let headers = sign(&scheme, &body, "msg_1", NOW);
            for changed in [&flipped, &longer, &body[..body.len() - 1].to_vec()] {
                let error = verifier(&scheme).verify(changed, &headers, NOW).expect_err("changed body must fail");
                prop_assert_eq!(error.code(), "no_matching_signature");
            }
        }
    }

    #[test]
    fn any_change_to_id_or_timestamp_fails(id in id_strategy(), other_id in id_strategy(), delta in 1u64..200) {
        prop_assume!(id != other_id);
        for scheme in schemes() {
            let headers = sign(&scheme, b"{}", &id, NOW);
            let retimed: Vec<_> = headers.iter().map(|(name, value)| {
                let value = if value == &NOW.to_string() { (NOW - delta).to_string() }
                            else { value.replace(&format!("t={NOW},"), &format!("t={},", NOW - delta)) };
                (name.clone(), value)
            }).collect();
            let renamed: Vec<_> = headers.iter().map(|(name, value)| {
                (name.clone(), if *value == id { other_id.clone() } else { value.clone() })
            }).collect();
            // What `coverage` claims is covered must be: changing it fails. What it does not
            // claim is not: changing it still verifies, and the value is reported as unsigned.
            let coverage = scheme.coverage();
            if coverage.timestamp {
                prop_assert!(retimed != headers, "{scheme}: the timestamp was not changed");
                prop_assert!(verifier(&scheme).verify(b"{}", &retimed, NOW).is_err(), "{scheme}: retimed passed");
            }
            let outcome = verifier(&scheme).verify(b"{}", &renamed, NOW);
            if coverage.id {
                prop_assert!(outcome.is_err(), "{scheme}: renamed passed");
            } else if renamed != headers {
                let verified = outcome.expect("an unsigned id does not matter");
                prop_assert_eq!(verified.id, None);
                prop_assert_eq!(verified.unsigned.id, Some(other_id.clone()));
            }
        }
    }

    #[test]
    fn truncated_or_altered_signatures_fail(cut in 1usize..40, position in any::<prop::sample::Index>()) {
        for scheme in schemes() {
            let headers = sign(&scheme, b"payload", "msg_1", NOW);
            let at = signature_header(&scheme, &headers);
            let value = &headers[at].1;
            let mut truncated = headers.clone();
            truncated[at].1 = value[..value.len().saturating_sub(cut)].to_owned();
            prop_assert!(verifier(&scheme).verify(b"payload", &truncated, NOW).is_err(), "{scheme}: prefix passed");
            let mut altered = headers.clone();
            let mut bytes = value.clone().into_bytes();
            let i = position.index(bytes.len());
            bytes[i] = if bytes[i] == b'0' { b'1' } else { b'0' };
            altered[at].1 = String::from_utf8(bytes).expect("ascii");
            // A change to a signature's character must not pass (a hex digit's case is the only
            // spelling change that decodes to the same bytes, and '0'/'1' have no case).
            prop_assert!(verifier(&scheme).verify(b"payload", &altered, NOW).is_err(), "{scheme}: altered passed");
        }
    }

    #[test]
    fn arbitrary_header_values_never_panic_nor_pass(values in prop::collection::vec(".{0,200}", 6), body in ".{0,64}") {
        let names = ["webhook-id", "webhook-timestamp", "webhook-signature", "stripe-signature",
                     "x-slack-request-timestamp", "x-slack-signature"];
        let mut headers: Vec<(String, String)> = names.iter().map(|n| (n.to_string(), String::new())).zip(&values)
            .map(|((name, _), value)| (name, value.clone())).collect();
        for other in ["x-septiccycle-signature", "x-webhook-signature", "x-hub-signature-256", "x-shopify-hmac-sha256", "x-signature"] {
            headers.push((other.into(), values[2].clone()));
        }
        for scheme in schemes() {
            prop_assert!(verifier(&scheme).verify(body.as_bytes(), &headers, NOW).is_err());
        }
    }

    #[test]
    fn diagnosing_arbitrary_requests_never_panics_nor_passes(body in "[ -~\n\t{}\\[\\]\":,]{0,300}", values in prop::collection::vec(".{0,80}", 3)) {
        let headers: Vec<(String, String)> = ["webhook-id", "webhook-timestamp", "webhook-signature"]
            .into_iter()
            .map(String::from)
            .zip(values)
            .collect();
        for scheme in schemes() {
            let diagnosis = Verifier::new(scheme.clone(), [SECRET]).expect("verifier").diagnose(body.as_bytes(), &headers, &RequestContext::default(), NOW);
            prop_assert!(diagnosis.outcome.is_err());
        }
    }

    #[test]
    fn diagnosis_explains_a_reformatted_json_body(value in json_value(), indent in 0usize..3) {
        let compact = serde_json::to_vec(&value).expect("JSON");
        let pretty = String::from_utf8(serde_json::to_vec_pretty(&value).expect("JSON")).expect("UTF-8");
        // The same layout with another indentation: a tab, four spaces, or none.
        let reindented: Vec<String> = pretty
            .lines()
            .map(|line| {
                let depth = (line.len() - line.trim_start_matches(' ').len()) / 2;
                format!("{}{}", ["\t", "    ", ""][indent].repeat(depth), line.trim_start_matches(' '))
            })
            .collect();
        let layouts = [pretty.clone().into_bytes(), reindented.join("\n").into_bytes()];
        let headers = sign(&Scheme::StandardWebhooks, &compact, "msg_1", NOW);
        for received in layouts.iter().filter(|layout| **layout != compact) {
            let diagnosis = Verifier::new(Scheme::StandardWebhooks, [SECRET]).expect("verifier").diagnose(received, &headers, &RequestContext::default(), NOW);
            prop_assert_eq!(diagnosis.hints.as_slice(), [Hint::BodyReformatted]);
        }
    }
}

/// JSON values whose strings hold awkward characters: quotes, backslashes, braces, commas, colons.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i32>().prop_map(serde_json::Value::from),
        "[a-z \"\\\\{}\\[\\],:é🚽]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::vec(("[a-z\"{}:,]{1,6}", inner), 0..4)
                .prop_map(|entries| serde_json::Value::Object(entries.into_iter().collect())),
        ]
    })
}
