//! Regression tests for what the fuzz targets (`fuzz/`, `make fuzz`) found.
//!
//! Each test names the target and the reproducer, and fails without its fix in
//! `core/src/scheme.rs` (`Scheme::custom`).

#![allow(clippy::panic)]

use hookseal::{CustomScheme, Error, Scheme, SignInput, Signer, Verifier};

const SECRET: &str = "custom-secret-a695792c099f4ffe";
const NOW: u64 = 1_777_991_400;

/// Signs with the scheme, then verifies what was signed: what `Scheme::custom` accepts must
/// verify its own messages.
fn sign_then_verify(scheme: Scheme) -> Result<(), Error> {
    let signer = Signer::new(scheme.clone(), SECRET)?;
    let headers = signer.sign(
        b"{\"ok\":true}",
        &SignInput::new("msg_1", NOW).with_event_type("order.created"),
    )?;
    Verifier::new(scheme, [SECRET])?
        .verify(b"{\"ok\":true}", &headers, NOW)
        .map(|_| ())
}

/// fuzz target `sign`, artifact `crash-51acdd2fb426c0ccb2c26929a6194e08dc558b27` (minimized by
/// hand): a custom scheme whose `timestampHeader` is its `signatureHeader`. `sign` writes the two
/// values under one name, `verify` reads the first for both, and no message ever verifies
/// (`no_matching_signature`). The same happens for any two of the signature, id, timestamp and
/// event type headers with one name, compared without regard to ASCII case (with an id or event
/// type header shared with another, the verified message reports the other header's value).
/// Fix: `Scheme::custom` refuses a description in which two of them have the same name.
#[test]
fn custom_scheme_with_two_headers_of_one_name_is_refused() {
    let pairs: [(&str, CustomScheme); 4] = [
        (
            "timestamp = signature",
            CustomScheme {
                template: "{timestamp}.{body}".into(),
                timestamp_header: Some("X-Sig".into()),
                ..CustomScheme::new("X-Sig")
            },
        ),
        (
            "id = signature, another case",
            CustomScheme {
                template: "{id}.{body}".into(),
                id_header: Some("x-sig".into()),
                ..CustomScheme::new("X-Sig")
            },
        ),
        (
            "id = timestamp",
            CustomScheme {
                template: "{id}.{timestamp}.{body}".into(),
                id_header: Some("X-Meta".into()),
                timestamp_header: Some("X-Meta".into()),
                ..CustomScheme::new("X-Sig")
            },
        ),
        (
            "event type = signature",
            CustomScheme {
                event_type_header: Some("X-Sig".into()),
                ..CustomScheme::new("X-Sig")
            },
        ),
    ];
    for (what, description) in pairs {
        match Scheme::custom(description) {
            Err(Error::InvalidScheme(_)) => {}
            Ok(scheme) => panic!(
                "{what}: accepted; sign then verify gives {:?}",
                sign_then_verify(scheme)
            ),
            Err(other) => panic!("{what}: {other:?}"),
        }
    }
}

/// Found while writing the `sign` target's header checks (sign's headers must have no outer
/// spaces, since HTTP trims them): a custom `prefix` may start with a space (`" sha256="`), which
/// `sign` writes at the start of the header value; the receiver's HTTP stack trims it (so does
/// `verify`), and the value then lacks the prefix (`malformed_header`). Fix: `Scheme::custom`
/// refuses a prefix that starts with a space.
#[test]
fn custom_prefix_starting_with_a_space_is_refused() {
    let description = CustomScheme {
        prefix: " sha256=".into(),
        ..CustomScheme::new("X-Sig")
    };
    match Scheme::custom(description) {
        Err(Error::InvalidScheme(_)) => {}
        Ok(scheme) => panic!(
            "accepted; sign then verify gives {:?}",
            sign_then_verify(scheme)
        ),
        Err(other) => panic!("{other:?}"),
    }
}

/// Found with the previous one, reading `sign` against `verify`: a custom `prefix` has no length
/// limit, but `verify` refuses a header value over `MAX_HEADER_BYTES` (8 KiB) as
/// `malformed_header` ("too long"), so a prefix of more than 8 KiB minus the signature's 64
/// characters signs messages that never verify. Fix: `Scheme::custom` refuses a prefix longer
/// than `MAX_HEADER_BYTES - 64` (or any sensible shorter limit).
#[test]
fn custom_prefix_too_long_to_verify_is_refused() {
    let description = CustomScheme {
        prefix: "p".repeat(hookseal::MAX_HEADER_BYTES - 63),
        ..CustomScheme::new("X-Sig")
    };
    match Scheme::custom(description) {
        Err(Error::InvalidScheme(_)) => {}
        Ok(scheme) => panic!(
            "accepted; sign then verify gives {:?}",
            sign_then_verify(scheme)
        ),
        Err(other) => panic!("{other:?}"),
    }
}

/// What the fix must keep: distinct header names (however cased) and a prefix with inner or
/// trailing spaces still sign messages that verify.
#[test]
fn distinct_headers_and_inner_spaces_still_work() {
    let scheme = Scheme::custom(CustomScheme {
        prefix: "v1 = ".into(),
        template: "{id}.{timestamp}.{body}".into(),
        id_header: Some("X-Id".into()),
        timestamp_header: Some("X-Timestamp".into()),
        event_type_header: Some("X-Event".into()),
        ..CustomScheme::new("X-Sig")
    })
    .expect("a valid scheme");
    assert_eq!(sign_then_verify(scheme), Ok(()));
}
