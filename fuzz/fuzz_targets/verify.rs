//! Verification of any request under any scheme (built-in, catalog preset or custom), any
//! secrets, any clock.
//!
//! Asserts, beyond "no panic", for every scheme:
//! - a request never causes a configuration error (`invalid_secret`, `invalid_scheme`,
//!   `invalid_sign_input`);
//! - header names are matched without regard to ASCII case (upper-casing them changes nothing);
//! - the order of the secrets changes nothing (rotation);
//! - when the signature covers the body, flipping any one body byte undoes an `Ok`.
//!
//! And for the classic schemes (`hookseal_fuzz::classic`: HMAC-SHA256 with header fields) with
//! HMAC secrets (every secret has `key_bytes`):
//! - `verify_with_mac`, fed an HMAC computed independently with the `hmac` crate over the
//!   secrets' `key_bytes`, gives exactly the same result: so an `Ok` means that a signature in the
//!   request really is the HMAC of the content with one of the secrets;
//! - an `Ok` reports an id exactly when the scheme's signature covers it (and then no unsigned
//!   id), a timestamp exactly when it covers one; a flipped body byte gives exactly
//!   `no_matching_signature`, and so does changing every key.
#![no_main]

use hookseal::{Error, Secret, Verifier, VerifyOptions};
use hookseal_fuzz::{Case, classic, flipped, other_keys, reference_mac};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let case = Case::decode(data);
    let secrets = case.secret_refs();
    let options = VerifyOptions {
        tolerance_seconds: case.tolerance,
    };
    let Ok(verifier) =
        Verifier::with_options(case.scheme.clone(), secrets.iter().copied(), options)
    else {
        return;
    };
    let headers = &case.headers;
    let result = verifier.verify(&case.body, headers, case.now);
    if let Err(error) = &result {
        assert!(
            !matches!(
                error,
                Error::InvalidSecret(_) | Error::InvalidScheme(_) | Error::InvalidSignInput(_)
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
    let coverage = case.scheme.coverage();
    let tampered = flipped(&case.body, case.flip);
    if result.is_ok() && coverage.body {
        assert!(
            verifier.verify(&tampered, headers, case.now).is_err(),
            "a flipped body byte still verified"
        );
    }
    // Classic schemes with HMAC secrets only (a Standard Webhooks `whpk_` key is Ed25519).
    let keys: Option<Vec<Vec<u8>>> = secrets
        .iter()
        .map(|secret| secret.key_bytes(&case.scheme).ok())
        .collect();
    let (Some(keys), true) = (keys, classic(&case.scheme)) else {
        return;
    };
    let with_mac = verifier.verify_with_mac(headers, case.now, |index, before, after| {
        Some(reference_mac(&keys[index], before, &case.body, after))
    });
    assert_eq!(with_mac, result, "verify_with_mac with an independent HMAC");

    let Ok(verified) = result else {
        return;
    };
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
    assert_eq!(
        verifier.verify(&tampered, headers, case.now),
        Err(Error::NoMatchingSignature),
        "a flipped body byte"
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
