//! Explanations for the holder of the secret, for tools such as the playground. Never send a
//! diagnosis to the party that sent the webhook: it contains the expected signatures.

use alloc::string::String;
use alloc::vec::Vec;

use crate::scheme::SecretFormat;
use crate::secret::Key;
use crate::sign::encode;
use crate::verify::Request;
use crate::{Error, Headers, Scheme, Secret, Verified, Verifier, VerifyOptions};

/// A usual mistake, detected by finding what would have verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hint {
    /// The body verifies with its JSON whitespace changed: it was re-serialized or re-indented
    /// after it arrived. Verify the raw bytes.
    BodyReformatted,
    /// The body verifies without its final line break: one was added.
    TrailingNewlineAdded,
    /// The body verifies with a final line break: one was dropped.
    TrailingNewlineRemoved,
    /// The body verifies with its line endings changed between `\r\n` and `\n`.
    LineEndingsChanged,
    /// A secret verifies when read the other way (`whsec_` + base64 decoded, or the whole string
    /// as bytes): the secret was given in the wrong form.
    SecretFormat,
    /// The timestamp looks like milliseconds; the scheme wants seconds.
    TimestampInMilliseconds,
    /// The signature header's value has quotes or spaces around or inside it.
    QuotedOrSpacedHeader,
    /// The request is of another scheme than the one used to verify it; the scheme's id.
    WrongScheme(&'static str),
}

impl Hint {
    /// A stable snake_case code for the hint.
    pub fn code(&self) -> &'static str {
        match self {
            Hint::BodyReformatted => "body_reformatted",
            Hint::TrailingNewlineAdded => "trailing_newline_added",
            Hint::TrailingNewlineRemoved => "trailing_newline_removed",
            Hint::LineEndingsChanged => "line_endings_changed",
            Hint::SecretFormat => "secret_format",
            Hint::TimestampInMilliseconds => "timestamp_in_milliseconds",
            Hint::QuotedOrSpacedHeader => "quoted_or_spaced_header",
            Hint::WrongScheme(_) => "wrong_scheme",
        }
    }

    /// What to do about it, in a sentence.
    pub fn message(&self) -> &'static str {
        match self {
            Hint::BodyReformatted => {
                "the body was re-serialized or re-indented JSON: verify the raw request bytes as received"
            }
            Hint::TrailingNewlineAdded => {
                "a line break was added at the end of the body: verify the raw bytes"
            }
            Hint::TrailingNewlineRemoved => {
                "the body's final line break was dropped: verify the raw bytes, including trailing whitespace"
            }
            Hint::LineEndingsChanged => {
                "the body's line endings were changed (\\r\\n vs \\n): verify the raw bytes"
            }
            Hint::SecretFormat => {
                "the secret verifies when read the other way: for Standard Webhooks pass the whsec_ string \
                 as shown; for Stripe and hex schemes pass the string as is, without decoding it"
            }
            Hint::TimestampInMilliseconds => {
                "the timestamp looks like milliseconds: the scheme signs Unix seconds"
            }
            Hint::QuotedOrSpacedHeader => {
                "the signature header has quotes or spaces in it: pass the header value exactly as received"
            }
            Hint::WrongScheme(_) => {
                "the request's headers belong to another scheme: verify with that scheme"
            }
        }
    }
}

/// Why a message did or did not verify, for the holder of the secret.
///
/// Contains the expected signatures: show it to whoever holds the secret, never to the sender.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Diagnosis {
    /// What [`Verifier::verify`] answers.
    pub outcome: Result<Verified, Error>,
    /// The built-in scheme the headers look like, if any.
    pub detected_scheme: Option<&'static str>,
    /// The signature header that was read.
    pub signature_header: Option<String>,
    /// The exact bytes the scheme signs for this request (when its headers could be read).
    pub signed_content: Option<Vec<u8>>,
    /// The signature each secret gives over the signed content, encoded as the header carries it.
    pub expected_signatures: Vec<String>,
    /// The candidate signatures the request carries.
    pub received_signatures: Vec<String>,
    /// The signed timestamp, in Unix seconds.
    pub timestamp: Option<u64>,
    /// The timestamp minus the clock, in seconds: negative in the past.
    pub skew_seconds: Option<i64>,
    /// The tolerance in force, in seconds.
    pub tolerance_seconds: u64,
    /// The usual mistakes this request shows.
    pub hints: Vec<Hint>,
}

impl Diagnosis {
    /// Verifies as [`Verifier::with_options`] then [`Verifier::verify`] would, and explains.
    pub fn run<H: Headers + ?Sized>(
        scheme: &Scheme,
        secrets: &[Secret<'_>],
        options: VerifyOptions,
        body: &[u8],
        headers: &H,
        now: u64,
    ) -> Diagnosis {
        let verifier = Verifier::with_options(scheme.clone(), secrets.iter().copied(), options);
        let detected_scheme = Scheme::detect(headers).map(|detected| detected.id());
        let mut diagnosis = Diagnosis {
            outcome: Err(Error::NoMatchingSignature),
            detected_scheme,
            signature_header: None,
            signed_content: None,
            expected_signatures: Vec::new(),
            received_signatures: Vec::new(),
            timestamp: None,
            skew_seconds: None,
            tolerance_seconds: options
                .tolerance_seconds
                .unwrap_or(scheme.spec().tolerance_seconds),
            hints: Vec::new(),
        };
        let verifier = match verifier {
            Ok(verifier) => verifier,
            Err(error) => {
                diagnosis.outcome = Err(error);
                return diagnosis;
            }
        };
        diagnosis.outcome = verifier.verify(body, headers, now);
        let spec = scheme.spec();
        if let Ok(request) = Request::parse(&spec, headers) {
            let content = request.content(body);
            diagnosis.signature_header = Some(request.header_names.signature.into());
            diagnosis.signed_content = Some(content.to_vec());
            diagnosis.expected_signatures = verifier
                .keys()
                .iter()
                .map(|key| encode(&key.sign(&content), request.encoding))
                .collect();
            diagnosis.received_signatures = request
                .signatures
                .iter()
                .map(|text| (*text).into())
                .collect();
            diagnosis.timestamp = request.timestamp.map(|(_, seconds)| seconds);
            diagnosis.skew_seconds = diagnosis
                .timestamp
                .map(|seconds| seconds_between(now, seconds));
        }
        diagnosis.hints = hints(&verifier, scheme, secrets, &diagnosis, body, headers, now);
        diagnosis
    }
}

fn seconds_between(now: u64, timestamp: u64) -> i64 {
    let difference = i128::from(timestamp) - i128::from(now);
    i64::try_from(difference).unwrap_or(if difference < 0 { i64::MIN } else { i64::MAX })
}

fn hints<H: Headers + ?Sized>(
    verifier: &Verifier,
    scheme: &Scheme,
    secrets: &[Secret<'_>],
    diagnosis: &Diagnosis,
    body: &[u8],
    headers: &H,
    now: u64,
) -> Vec<Hint> {
    let mut hints = Vec::new();
    let Err(error) = &diagnosis.outcome else {
        return hints;
    };
    let signature_value = diagnosis
        .signature_header
        .as_deref()
        .and_then(|name| headers.header(name))
        .or_else(|| headers.header(scheme.spec().headers.signature));
    if signature_value.is_some_and(|value| value.contains(['"', '\'']) || value.trim() != value) {
        hints.push(Hint::QuotedOrSpacedHeader);
    }
    if *error == Error::TimestampTooNew
        && diagnosis
            .timestamp
            .is_some_and(|seconds| seconds > 100_000_000_000)
    {
        hints.push(Hint::TimestampInMilliseconds);
    }
    if let Some(detected) = diagnosis.detected_scheme {
        let same_family = |id| matches!(id, "standard-webhooks" | "svix");
        if detected != scheme.id() && !(same_family(detected) && same_family(scheme.id())) {
            hints.push(Hint::WrongScheme(detected));
        }
    }
    if *error != Error::NoMatchingSignature {
        return hints;
    }
    let body_verifies = |candidate: &[u8]| {
        verifier
            .verify_with(verifier.keys(), candidate, headers, now)
            .is_ok()
    };
    let body_hints = [
        (
            body.strip_suffix(b"\n").map(<[u8]>::to_vec),
            Hint::TrailingNewlineAdded,
        ),
        (Some([body, b"\n"].concat()), Hint::TrailingNewlineRemoved),
        (Some(change_line_endings(body)), Hint::LineEndingsChanged),
        (
            reformat_json(body, JsonStyle::Compact),
            Hint::BodyReformatted,
        ),
        (
            reformat_json(body, JsonStyle::Spaced),
            Hint::BodyReformatted,
        ),
    ];
    // The most specific explanation first: a dropped newline is also "reformatted" JSON.
    if let Some((_, hint)) = body_hints
        .into_iter()
        .find(|(candidate, _)| candidate.as_deref().is_some_and(body_verifies))
    {
        hints.push(hint);
    }
    let other_keys: Vec<Key> = secrets
        .iter()
        .filter_map(|secret| other_reading(*secret, scheme))
        .collect();
    if verifier
        .verify_with(&other_keys, body, headers, now)
        .is_ok()
    {
        hints.push(Hint::SecretFormat);
    }
    hints
}

/// The key a text secret gives when read the way the scheme does not read it.
fn other_reading(secret: Secret<'_>, scheme: &Scheme) -> Option<Key> {
    let Secret::Text(text) = secret else {
        return None;
    };
    match scheme.spec().secret_format {
        SecretFormat::Whsec => Key::new(secret, SecretFormat::Utf8).ok(),
        SecretFormat::Utf8 if text.starts_with("whsec_") => {
            Key::new(secret, SecretFormat::Whsec).ok()
        }
        SecretFormat::Utf8 => None,
    }
}

/// `\r\n` to `\n`, or, in a body without `\r\n`, `\n` to `\r\n`.
fn change_line_endings(body: &[u8]) -> Vec<u8> {
    let mut changed = Vec::with_capacity(body.len());
    if body.windows(2).any(|pair| pair == b"\r\n") {
        for (index, byte) in body.iter().enumerate() {
            if !(*byte == b'\r' && body.get(index + 1) == Some(&b'\n')) {
                changed.push(*byte);
            }
        }
    } else {
        for byte in body {
            if *byte == b'\n' {
                changed.push(b'\r');
            }
            changed.push(*byte);
        }
    }
    changed
}

#[derive(Clone, Copy)]
enum JsonStyle {
    /// No whitespace between tokens, as `JSON.stringify` writes.
    Compact,
    /// `", "` and `": "` between tokens, as Python's `json.dumps` writes.
    Spaced,
}

/// The body's JSON with its whitespace between tokens rewritten; `None` when it is not JSON-like.
fn reformat_json(body: &[u8], style: JsonStyle) -> Option<Vec<u8>> {
    let first = body.iter().find(|byte| !byte.is_ascii_whitespace())?;
    if !matches!(first, b'{' | b'[') {
        return None;
    }
    let mut out = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    for &byte in body {
        if in_string {
            out.push(byte);
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'"' => {
                in_string = true;
                out.push(byte);
            }
            b',' | b':' if matches!(style, JsonStyle::Spaced) => {
                out.extend_from_slice(&[byte, b' ']);
            }
            _ => out.push(byte),
        }
    }
    Some(out)
}
