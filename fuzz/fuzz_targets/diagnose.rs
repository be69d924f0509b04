//! Diagnosing any request under any scheme, secrets, options and clock.
//!
//! Bodies are cut to 4 KiB and secrets to 3, and bodies whose re-indented JSON layouts would pass
//! 64 KiB (deep nesting times many values) are skipped: a failed diagnosis builds up to ten
//! layouts of the body (each bounded at 1 MiB by design) and verifies each under every secret,
//! so such inputs cost milliseconds each and, left in, cut the campaign's speed five-fold while
//! reaching no other code. That bounded cost is the core's own `diagnosis_limits` tests' subject.
//!
//! Asserts, beyond "no panic":
//! - `outcome` is exactly what `Verifier::with_options` then `verify` answer, and a verified
//!   request names the secret that matched; the scheme's facts are the scheme's;
//! - a verified request gets no hints;
//! - the signed content shown is the content verification hashes: each expected signature is the
//!   HMAC (computed independently with the `hmac` crate) of `signed_content` under the matching
//!   secret, encoded as the received signatures are; and the body appears in it;
//! - each body hint is true: the body without its final `\n` verifies (trailing_newline_added),
//!   the body with one more verifies (trailing_newline_removed); secret_format only for text
//!   secrets; timestamp_in_milliseconds only with timestamp_too_new;
//! - the skew is the timestamp minus the clock.
#![no_main]

use hookseal::{Error, Hint, RequestContext, Secret, Verifier, VerifyOptions};
use hookseal_fuzz::{Case, base64, classic, hex, reference_mac};
use libfuzzer_sys::fuzz_target;

const MAX_BODY: usize = 4096;
const MAX_SECRETS: usize = 3;

/// Skip bodies whose four-space layout alone would exceed this.
const MAX_LAYOUT_BYTES: usize = 64 * 1024;

/// About the size of the body's JSON indented by four spaces: each structural byte starts a line
/// indented by its depth.
fn layout_bytes(body: &[u8]) -> usize {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if !matches!(first, Some(b'{' | b'[')) {
        return 0;
    }
    let (mut depth, mut total, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &byte in body {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if matches!(byte, b'{' | b'[' | b'}' | b']' | b',') {
            total += depth * 4 + 2;
        }
    }
    total
}

fuzz_target!(|data: &[u8]| {
    let mut case = Case::decode(data);
    case.body.truncate(MAX_BODY);
    case.secrets.truncate(MAX_SECRETS);
    if layout_bytes(&case.body) > MAX_LAYOUT_BYTES {
        return;
    }
    let secrets = case.secret_refs();
    let options = VerifyOptions {
        tolerance_seconds: case.tolerance,
    };
    let Ok(verifier) =
        Verifier::with_options(case.scheme.clone(), secrets.iter().copied(), options)
    else {
        return;
    };
    let diagnosis = verifier.diagnose(
        &case.body,
        &case.headers,
        &RequestContext::default(),
        case.now,
    );
    let outcome = verifier.verify(&case.body, &case.headers, case.now);
    assert_eq!(diagnosis.outcome, outcome, "diagnosis and verify disagree");
    if outcome.is_ok() {
        assert!(diagnosis.hints.is_empty(), "{:?}", diagnosis.hints);
        assert!(
            !diagnosis.matches.is_empty(),
            "verified, yet no secret matched"
        );
    }
    for matched in &diagnosis.matches {
        assert!(
            matched.secret < secrets.len()
                && matched.received < diagnosis.received_signatures.len()
        );
    }
    assert_eq!(diagnosis.coverage, case.scheme.coverage());
    assert_eq!(
        diagnosis.tolerance_past_only,
        case.scheme.tolerance_past_only()
    );
    assert_eq!(diagnosis.tolerance_seconds, verifier.tolerance_seconds());

    // The signed content and expected signatures are those of HMAC-SHA256 over a header-field
    // template only for the classic schemes (`hookseal_fuzz::classic`).
    let classic = classic(&case.scheme)
        && secrets
            .iter()
            .all(|secret| secret.key_bytes(&case.scheme).is_ok());
    if let (Some(content), true) = (&diagnosis.signed_content, classic) {
        assert_eq!(diagnosis.expected_signatures.len(), secrets.len());
        assert!(
            case.body.is_empty() || content.windows(case.body.len()).any(|w| w == case.body),
            "the signed content lacks the body"
        );
        for (secret, expected) in secrets.iter().zip(&diagnosis.expected_signatures) {
            let key = secret
                .key_bytes(&case.scheme)
                .expect("the verifier took it");
            let mac = reference_mac(&key, content, &[], &[]);
            assert!(
                *expected == hex(&mac) || *expected == base64(&mac),
                "expected signature {expected} is not the HMAC of the signed content"
            );
        }
        if outcome.is_ok() {
            let expected: Vec<&String> = diagnosis.expected_signatures.iter().collect();
            assert!(
                diagnosis
                    .received_signatures
                    .iter()
                    .any(|received| expected.iter().any(|e| e.eq_ignore_ascii_case(received))),
                "verified, yet no received signature is an expected one"
            );
        }
    } else if classic {
        assert!(diagnosis.expected_signatures.is_empty());
    }
    if let (Some(timestamp), Some(skew)) = (diagnosis.timestamp, diagnosis.skew_seconds) {
        let exact = i128::from(timestamp) - i128::from(case.now);
        assert_eq!(
            i128::from(skew),
            exact.clamp(i64::MIN.into(), i64::MAX.into())
        );
    }

    let verifies = |body: &[u8]| verifier.verify(body, &case.headers, case.now).is_ok();
    for hint in &diagnosis.hints {
        match hint {
            Hint::TrailingNewlineAdded => {
                let shorter = case.body.strip_suffix(b"\n").expect("a final newline");
                assert!(
                    verifies(shorter),
                    "trailing_newline_added, but it does not verify"
                );
            }
            Hint::TrailingNewlineRemoved => {
                assert!(verifies(&[&case.body[..], b"\n"].concat()));
            }
            Hint::SecretFormat => {
                assert!(secrets.iter().any(|s| matches!(s, Secret::Text(_))));
            }
            Hint::TimestampInMilliseconds => {
                assert_eq!(outcome, Err(Error::TimestampTooNew));
            }
            Hint::WrongScheme(id) => {
                assert_ne!(*id, case.scheme.id());
            }
            _ => {}
        }
    }
});
