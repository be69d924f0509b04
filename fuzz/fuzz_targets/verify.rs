//! Verification of any request under any scheme (built-in or custom), any secrets, any clock.
//!
//! Asserts, beyond "no panic":
//! - only the errors a request can cause come back (never `invalid_scheme`, `invalid_sign_input`);
//! - header names are matched without regard to ASCII case (upper-casing them changes nothing);
//! - the order of the secrets changes nothing (rotation);
//! - `verify_with_mac`, fed an HMAC computed independently with the `hmac` crate over the
//!   secrets' `key_bytes`, gives exactly the same result: so an `Ok` means that a signature in the
//!   request really is the HMAC of the content with one of the secrets;
//! - an `Ok` reports an id exactly when the scheme's signature covers it (and then no unsigned
//!   id), a timestamp exactly when it covers one, and is undone by flipping any one body byte or
//!   by changing every key.
#![no_main]

use hookseal::{Error, Secret, Verifier, VerifyOptions};
use hookseal_fuzz::{Case, other_keys, reference_mac};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let case = Case::decode(data);
    let secrets = case.secret_refs();
    let options = VerifyOptions {
        tolerance_seconds: case.tolerance,
    };
    let verifier =
        match Verifier::with_options(case.scheme.clone(), secrets.iter().copied(), options) {
            Ok(verifier) => verifier,
            Err(error) => {
                assert!(matches!(error, Error::InvalidSecret(_)), "{error:?}");
                return;
            }
        };
    let headers = &case.headers;
    let result = verifier.verify(&case.body, headers, case.now);
    if let Err(error) = &result {
        assert!(
            matches!(
                error,
                Error::MissingHeader(_)
                    | Error::MalformedHeader { .. }
                    | Error::InvalidTimestamp
                    | Error::TimestampTooOld
                    | Error::TimestampTooNew
                    | Error::NoMatchingSignature
            ),
            "a request caused {error:?}"
        );
    }

    let upper: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.to_ascii_uppercase(), value.clone()))
        .collect();
    assert_eq!(
        verifier.verify(&case.body, &upper, case.now),
        result,
        "header case"
    );

    let keys: Vec<Vec<u8>> = secrets
        .iter()
        .map(|secret| {
            secret
                .key_bytes(&case.scheme)
                .expect("the verifier took it")
        })
        .collect();
    let with_mac = verifier.verify_with_mac(headers, case.now, |index, before, after| {
        Some(reference_mac(&keys[index], before, &case.body, after))
    });
    assert_eq!(with_mac, result, "verify_with_mac with an independent HMAC");

    if secrets.len() > 1 {
        let reversed =
            Verifier::with_options(case.scheme.clone(), secrets.iter().rev().copied(), options)
                .expect("same secrets");
        assert_eq!(
            reversed.verify(&case.body, headers, case.now),
            result,
            "secret order"
        );
    }

    let Ok(verified) = result else {
        return;
    };
    let coverage = case.scheme.coverage();
    assert!(coverage.body);
    assert_eq!(
        verified.id.is_some(),
        coverage.id,
        "id iff signed: {verified:?}"
    );
    assert_eq!(
        verified.timestamp.is_some(),
        coverage.timestamp,
        "{verified:?}"
    );
    if coverage.id {
        assert!(verified.unsigned.id.is_none());
    }

    let mut tampered = case.body.clone();
    if tampered.is_empty() {
        tampered.push(0);
    } else {
        let at = (case.flip % tampered.len() as u64) as usize;
        tampered[at] ^= 1 << (case.flip % 8);
    }
    assert_eq!(
        verifier.verify(&tampered, headers, case.now),
        Err(Error::NoMatchingSignature),
        "a flipped body byte still verified"
    );

    let other_keys = other_keys(&keys);
    let other = Verifier::with_options(
        case.scheme.clone(),
        other_keys.iter().map(|key| Secret::Bytes(key)),
        options,
    )
    .expect("non-empty keys");
    assert_eq!(
        other.verify(&case.body, headers, case.now),
        Err(Error::NoMatchingSignature),
        "other keys verified"
    );
});
