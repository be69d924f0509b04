//! Signing any body with any scheme (built-in, preset or custom), secret and sign input, then
//! verifying. Catalog presets and the newer custom fields are only checked for panics and
//! determinism; everything below holds for the classic schemes (`hookseal_fuzz::classic`).
//!
//! Asserts, beyond "no panic":
//! - `sign` fails only with `invalid_sign_input`, `Signer::new` only with `invalid_secret`;
//! - signing is deterministic, and every header it writes can be sent as is: a lowercase token
//!   name, a value without control characters or outer spaces, at most `MAX_HEADER_BYTES`;
//! - the signature is the HMAC (computed independently with the `hmac` crate) of the scheme's
//!   documented template rendered with the body, id and timestamp;
//! - what was signed verifies, at the signed timestamp, and reports the signed id exactly when the
//!   scheme covers it (else the id and event type as unsigned metadata); headers the scheme does
//!   not read change nothing; `verify_with_mac` with the independent HMAC agrees;
//! - flipping any body byte, or another key, makes it fail with `no_matching_signature`;
//! - no other reading of the same signed bytes verifies: every way to split them into id,
//!   timestamp and body along the template's literal text is tried with the same signature, and
//!   none may verify as a different message (bytes moving between fields).
#![no_main]

use hookseal::{
    Error, MAX_HEADER_BYTES, RequestContext, Scheme, Secret, SignInput, Signer, Verifier,
};
use hookseal_fuzz::{
    Case, CaseSecret, Reading, base64, classic, has_event_type_header, hex, id_header,
    known_unverifiable, other_keys, pieces, readings, reference_mac, render, template,
    timestamp_header,
};
use libfuzzer_sys::fuzz_target;

const DEFAULT_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fuzz_target!(|data: &[u8]| {
    let case = Case::decode(data);
    let default = CaseSecret::Text(DEFAULT_SECRET.into());
    let secret = case.secrets.first().unwrap_or(&default).as_secret();
    let scheme = &case.scheme;
    if known_unverifiable(scheme).is_some() {
        return;
    }
    if !classic(scheme) || secret.key_bytes(scheme).is_err() {
        // Presets, the newer custom fields and asymmetric keys (`whsk_`): signing must not panic
        // and is deterministic; their oracles (other algorithms, URL, body fields) are still
        // to write.
        let input = SignInput {
            id: case.sign.id.as_deref(),
            timestamp: case.sign.timestamp,
            event_type: case.sign.event_type.as_deref(),
            request: RequestContext::default(),
            headers: &[],
        };
        if let Ok(signer) = Signer::new(scheme.clone(), secret) {
            let first = signer.sign(&case.body, &input);
            assert_eq!(signer.sign(&case.body, &input), first, "deterministic");
        }
        return;
    }
    let signer = match Signer::new(scheme.clone(), secret) {
        Ok(signer) => signer,
        Err(error) => {
            assert!(matches!(error, Error::InvalidSecret(_)), "{error:?}");
            return;
        }
    };
    let input = SignInput {
        id: case.sign.id.as_deref(),
        timestamp: case.sign.timestamp,
        event_type: case.sign.event_type.as_deref(),
        request: RequestContext::default(),
        headers: &[],
    };
    let signed = match signer.sign(&case.body, &input) {
        Ok(headers) => headers,
        Err(error) => {
            assert!(matches!(error, Error::InvalidSignInput(_)), "{error:?}");
            return;
        }
    };
    assert_eq!(
        signer.sign(&case.body, &input).as_ref(),
        Ok(&signed),
        "deterministic"
    );
    for (name, value) in &signed {
        let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        assert!(!name.is_empty() && name.bytes().all(token), "{name:?}");
        assert_eq!(*name, name.to_ascii_lowercase());
        assert!(
            !value.is_empty() && !value.chars().any(char::is_control),
            "{value:?}"
        );
        assert_eq!(
            value.trim_matches([' ', '\t']),
            value,
            "outer spaces in {name}"
        );
        assert!(value.len() <= MAX_HEADER_BYTES, "{name} too long to verify");
    }

    let coverage = scheme.coverage();
    let key = secret.key_bytes(scheme).expect("the signer took it");
    let original = Reading {
        id: if coverage.id {
            input.id.unwrap_or_default().as_bytes().to_vec()
        } else {
            Vec::new()
        },
        timestamp: if coverage.timestamp {
            input.timestamp.expect("signed").to_string().into_bytes()
        } else {
            Vec::new()
        },
        body: case.body.clone(),
    };
    let pieces = pieces(&template(scheme));
    let content = render(&pieces, &original);
    let mac = reference_mac(&key, &content, &[], &[]);
    let (mac_hex, mac_base64) = (hex(&mac), base64(&mac));
    assert!(
        signed
            .iter()
            .any(|(_, value)| value.ends_with(&mac_hex) || value.ends_with(&mac_base64)),
        "no header carries the HMAC of the documented template: {signed:?}"
    );

    let verifier = Verifier::new(scheme.clone(), [secret]).expect("the signer took it");
    let now = input.timestamp.unwrap_or(case.now);
    let verified = verifier
        .verify(&case.body, &signed, now)
        .unwrap_or_else(|error| panic!("a signed message does not verify: {error:?}, {signed:?}"));
    let expected_id = if coverage.id { input.id } else { None };
    assert_eq!(verified.id.as_deref(), expected_id);
    let expected_timestamp = if coverage.timestamp {
        input.timestamp
    } else {
        None
    };
    assert_eq!(verified.timestamp, expected_timestamp);
    let unsigned_id = if coverage.id || id_header(scheme).is_none() {
        None
    } else {
        input.id
    };
    assert_eq!(verified.unsigned.id.as_deref(), unsigned_id);
    let event_type = if has_event_type_header(scheme) {
        input.event_type
    } else {
        None
    };
    assert_eq!(verified.unsigned.event_type.as_deref(), event_type);

    let read = scheme.header_names();
    let mut with_others = signed.clone();
    with_others.extend(
        case.headers
            .iter()
            .filter(|(name, _)| !read.iter().any(|known| known.eq_ignore_ascii_case(name)))
            .cloned(),
    );
    assert_eq!(
        verifier.verify(&case.body, &with_others, now).as_ref(),
        Ok(&verified)
    );
    let with_mac = verifier.verify_with_mac(&signed, now, |_, before, after| {
        Some(reference_mac(&key, before, &case.body, after))
    });
    assert_eq!(with_mac.as_ref(), Ok(&verified));

    let mut tampered = case.body.clone();
    if tampered.is_empty() {
        tampered.push(b'x');
    } else {
        let at = (case.flip % tampered.len() as u64) as usize;
        tampered[at] ^= 1 << (case.flip % 8);
    }
    assert_eq!(
        verifier.verify(&tampered, &signed, now),
        Err(Error::NoMatchingSignature)
    );
    let other = other_keys(&[key.clone()]);
    let other = Verifier::new(scheme.clone(), [Secret::Bytes(&other[0])]).expect("a key");
    assert_eq!(
        other.verify(&case.body, &signed, now),
        Err(Error::NoMatchingSignature)
    );

    // Every other way to read the signed bytes, presented with the same signature.
    for reading in readings(&pieces, &content, 16) {
        if reading == original {
            continue;
        }
        let (Ok(id), Ok(timestamp)) = (
            std::str::from_utf8(&reading.id),
            std::str::from_utf8(&reading.timestamp),
        ) else {
            continue;
        };
        let headers = moved(scheme, &signed, &original, id, timestamp);
        let now = timestamp.parse().unwrap_or(now);
        if let Ok(other) = verifier.verify(&reading.body, &headers, now) {
            assert!(
                other.id == verified.id
                    && other.timestamp == verified.timestamp
                    && reading.body == case.body,
                "one signature, two messages: {verified:?} and {other:?} with body {:?}",
                String::from_utf8_lossy(&reading.body)
            );
        }
    }
});

/// The signed headers with the id and timestamp of another reading.
fn moved(
    scheme: &Scheme,
    signed: &[(String, String)],
    original: &Reading,
    id: &str,
    timestamp: &str,
) -> Vec<(String, String)> {
    let (id_name, timestamp_name) = (id_header(scheme), timestamp_header(scheme));
    let old_timestamp = String::from_utf8_lossy(&original.timestamp).into_owned();
    signed
        .iter()
        .map(|(name, value)| {
            let value = if Some(name) == id_name.as_ref() && !original.id.is_empty() {
                id.to_string()
            } else if Some(name) == timestamp_name.as_ref() && !original.timestamp.is_empty() {
                timestamp.to_string()
            } else if *scheme == Scheme::Stripe && name == "stripe-signature" {
                value.replacen(
                    &format!("t={old_timestamp},"),
                    &format!("t={timestamp},"),
                    1,
                )
            } else {
                value.clone()
            };
            (name.clone(), value)
        })
        .collect()
}
