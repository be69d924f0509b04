//! Explanations for the holder of the secret, for tools such as the playground. Never send a
//! diagnosis to the party that sent the webhook: it contains the expected signatures.

use alloc::string::String;
use alloc::vec::Vec;

use crate::scheme::{SecretFormat, Spec};
use crate::secret::{Key, SignedContent};
use crate::sign::encode;
use crate::verify::{Inputs, Request};
use crate::{Coverage, Error, Headers, RequestContext, Scheme, Secret, Verified, Verifier};

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

/// A received signature that one of the verifier's secrets accepts, compared the way
/// verification compares (decoded bytes, not text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignatureMatch {
    /// The secret's index, in the order the [`Verifier`] was given its secrets.
    pub secret: usize,
    /// The signature's index in [`Diagnosis::received_signatures`].
    pub received: usize,
}

/// Why a message did or did not verify, for the holder of the secret: see
/// [`Verifier::diagnose`].
///
/// Contains the expected signatures: show it to whoever holds the secret, never to the sender.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Diagnosis {
    /// What [`Verifier::verify_request`] answers.
    pub outcome: Result<Verified, Error>,
    /// The built-in scheme the headers look like, if any.
    pub detected_scheme: Option<&'static str>,
    /// What the scheme's signature covers ([`Scheme::coverage`]): with `timestamp`, replays are
    /// bounded by the tolerance; without it, the scheme signs no timestamp.
    pub coverage: Coverage,
    /// Whether only old timestamps are refused ([`Scheme::tolerance_past_only`]: Stripe); otherwise
    /// the tolerance applies in both directions.
    pub tolerance_past_only: bool,
    /// The signature header that was read.
    pub signature_header: Option<String>,
    /// The exact bytes the scheme signs for this request (when its headers could be read).
    pub signed_content: Option<Vec<u8>>,
    /// The signature each secret gives over the signed content, encoded as the header carries it,
    /// in the order of the secrets (a public key, which cannot sign, gives none).
    pub expected_signatures: Vec<String>,
    /// The candidate signatures the request carries.
    pub received_signatures: Vec<String>,
    /// Which received signatures which secrets accept (empty when none does).
    pub matches: Vec<SignatureMatch>,
    /// The signed timestamp, in Unix seconds.
    pub timestamp: Option<u64>,
    /// The timestamp minus the clock, in seconds: negative in the past.
    pub skew_seconds: Option<i64>,
    /// The tolerance in force, in seconds.
    pub tolerance_seconds: u64,
    /// The usual mistakes this request shows.
    pub hints: Vec<Hint>,
}

impl Verifier {
    /// Verifies as [`verify_request`](Self::verify_request) does, and explains the outcome for
    /// the holder of the secret: what was signed, the expected and received signatures and which
    /// match, the timestamp against the tolerance, the scheme's facts, and the usual mistakes.
    ///
    /// Linear in the body, whatever its shape: a diagnosis hashes a few variants of it (about ten
    /// for JSON bodies up to 256 KiB, which also get layout guesses of at most 1 MiB each, about
    /// five above) and holds at most one variant at a time besides the signed content it returns.
    ///
    /// ```
    /// use hookseal::{RequestContext, Scheme, Verifier};
    /// let verifier = Verifier::new(Scheme::GitHub, ["It's a Secret to Everybody"])?;
    /// let headers = [("x-hub-signature-256", "sha256=0000")];
    /// let diagnosis = verifier.diagnose(b"{}", &headers[..], &RequestContext::default(), 0);
    /// assert!(diagnosis.outcome.is_err() && !diagnosis.coverage.timestamp);
    /// assert!(diagnosis.matches.is_empty());
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn diagnose<H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        context: &RequestContext<'_>,
        now: u64,
    ) -> Diagnosis {
        let scheme = self.scheme();
        let mut diagnosis = Diagnosis {
            outcome: self.verify_request(body, headers, context, now),
            detected_scheme: Scheme::detect(headers).map(|detected| detected.id()),
            coverage: scheme.coverage(),
            tolerance_past_only: scheme.tolerance_past_only(),
            signature_header: None,
            signed_content: None,
            expected_signatures: Vec::new(),
            received_signatures: Vec::new(),
            matches: Vec::new(),
            timestamp: None,
            skew_seconds: None,
            tolerance_seconds: self.tolerance_seconds(),
            hints: Vec::new(),
        };
        let spec = scheme.spec();
        if let Ok(request) = Request::parse(&spec, headers, body) {
            // With the URL and method where the scheme signs them and they were given; else what
            // the headers and body alone give.
            let inputs = Inputs::new(&spec, body, context).ok();
            let candidates: Vec<_> = self
                .keys()
                .iter()
                .map(|key| request.each_candidate_for(key))
                .collect();
            let matches_over = |content: &SignedContent<'_>| -> Vec<SignatureMatch> {
                self.keys()
                    .iter()
                    .zip(&candidates)
                    .enumerate()
                    .flat_map(|(secret, (key, decoded))| {
                        key.accepts_each(content, decoded)
                            .into_iter()
                            .enumerate()
                            .filter(|(_, accepted)| *accepted)
                            .map(move |(received, _)| SignatureMatch { secret, received })
                    })
                    .collect()
            };
            let mut signed = request.content(body);
            if let Some(inputs) = &inputs {
                // The URL reading that matches (Twilio's with or without its port), else the first.
                let mut readings = inputs
                    .urls()
                    .map(|url| request.content_with(body, inputs, url));
                if let Some(first) = readings.next() {
                    signed = first;
                    diagnosis.matches = matches_over(&signed);
                    if diagnosis.matches.is_empty() {
                        for reading in readings {
                            let matches = matches_over(&reading);
                            if !matches.is_empty() {
                                (signed, diagnosis.matches) = (reading, matches);
                                break;
                            }
                        }
                    }
                }
            } else {
                diagnosis.matches = matches_over(&signed);
            }
            diagnosis.signature_header = Some(request.header_names.signature.into());
            diagnosis.signed_content = Some(signed.to_vec());
            diagnosis.expected_signatures = self
                .keys()
                .iter()
                .filter_map(|key| Some(encode(&key.sign(&signed)?, request.encoding)))
                .collect();
            diagnosis.received_signatures = request
                .signatures
                .iter()
                .map(|candidate| candidate.text.into())
                .collect();
            diagnosis.timestamp = request.timestamp.map(|(_, seconds)| seconds);
            diagnosis.skew_seconds = diagnosis
                .timestamp
                .map(|seconds| seconds_between(now, seconds));
        }
        diagnosis.hints = hints(self, &diagnosis, body, headers, context, now);
        diagnosis
    }
}

fn seconds_between(now: u64, timestamp: u64) -> i64 {
    let difference = i128::from(timestamp) - i128::from(now);
    i64::try_from(difference).unwrap_or(if difference < 0 { i64::MIN } else { i64::MAX })
}

fn hints<H: Headers + ?Sized>(
    verifier: &Verifier,
    diagnosis: &Diagnosis,
    body: &[u8],
    headers: &H,
    context: &RequestContext<'_>,
    now: u64,
) -> Vec<Hint> {
    let scheme = verifier.scheme();
    let mut hints = Vec::new();
    let Err(error) = &diagnosis.outcome else {
        return hints;
    };
    let quoted = |value: &str| value.contains(['"', '\'']) || value.trim() != value;
    if scheme
        .header_names()
        .iter()
        .filter_map(|name| headers.header(name))
        .any(quoted)
    {
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
            .verify_with(verifier.keys(), candidate, headers, context, now)
            .is_ok()
    };
    if let Some(hint) = body_hint(body, body_verifies) {
        hints.push(hint);
    }
    if !verifier.other_readings().is_empty()
        && verifier
            .verify_with(verifier.other_readings(), body, headers, context, now)
            .is_ok()
    {
        hints.push(Hint::SecretFormat);
    }
    hints
}

/// The key a text secret gives when read the way the scheme does not read it.
pub(crate) fn other_reading(secret: Secret<'_>, spec: &Spec<'_>) -> Option<Key> {
    let Secret::Text(text) = secret else {
        return None;
    };
    let spec = *spec;
    let read_as = |secret_format| {
        Key::new(
            secret,
            &Spec {
                secret_format,
                ..spec
            },
        )
        .ok()
    };
    match spec.secret_format {
        SecretFormat::Whsec => read_as(SecretFormat::Utf8),
        SecretFormat::Utf8 if text.starts_with("whsec_") => read_as(SecretFormat::Whsec),
        _ => None,
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

/// Bodies longer than this get no JSON layout guesses (`body_reformatted`): a diagnosis stays
/// linear in the body, and 256 KiB is far above the usual webhook. The other guesses are tried at
/// any size.
const MAX_LAYOUT_GUESS_BODY: usize = 256 * 1024;

/// A re-indented layout longer than this is not tried (it is abandoned once about this long).
/// Indentation grows with depth times size: 16 KiB of `[` would re-indent to hundreds of
/// megabytes.
const MAX_LAYOUT_GUESS_BYTES: usize = 1024 * 1024;

/// The first usual change that makes the body verify, the most specific first (a dropped newline
/// is also "reformatted" JSON): a final line break added or dropped, line endings changed, then
/// the body's JSON in the layouts senders usually sign: compact (`JSON.stringify`), Python's
/// `json.dumps` separators, and indented by two spaces, four spaces, a tab or nothing (one value
/// per line), each with and without a final line break.
///
/// Candidates are built one at a time and dropped once tried, so the memory a diagnosis takes
/// stays a small multiple of the body's size (see the limits above).
fn body_hint(body: &[u8], verifies: impl Fn(&[u8]) -> bool) -> Option<Hint> {
    if body.strip_suffix(b"\n").is_some_and(&verifies) {
        return Some(Hint::TrailingNewlineAdded);
    }
    if verifies(&[body, b"\n"].concat()) {
        return Some(Hint::TrailingNewlineRemoved);
    }
    if body.contains(&b'\n') && verifies(&change_line_endings(body)) {
        return Some(Hint::LineEndingsChanged);
    }
    if body.len() > MAX_LAYOUT_GUESS_BODY {
        return None;
    }
    let compact = compact_json(body)?;
    if verifies(&compact) || verifies(&spaced_json(&compact)) {
        return Some(Hint::BodyReformatted);
    }
    for indent in [&b"  "[..], b"    ", b"\t", b""] {
        let Some(mut pretty) = indented_json(&compact, indent, MAX_LAYOUT_GUESS_BYTES) else {
            continue;
        };
        if verifies(&pretty) {
            return Some(Hint::BodyReformatted);
        }
        pretty.push(b'\n');
        if verifies(&pretty) {
            return Some(Hint::BodyReformatted);
        }
    }
    None
}

/// Calls `f` with each byte of JSON text and whether it is outside a string.
fn for_each_json_byte(json: &[u8], mut f: impl FnMut(u8, bool)) {
    let (mut in_string, mut escaped) = (false, false);
    for &byte in json {
        let outside = !in_string;
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        }
        f(byte, outside);
    }
}

/// The JSON with the whitespace between tokens removed; `None` when it is not JSON-like.
fn compact_json(body: &[u8]) -> Option<Vec<u8>> {
    let first = body.iter().find(|byte| !byte.is_ascii_whitespace())?;
    if !matches!(first, b'{' | b'[') {
        return None;
    }
    let mut out = Vec::with_capacity(body.len());
    for_each_json_byte(body, |byte, outside| {
        if !(outside && matches!(byte, b' ' | b'\t' | b'\n' | b'\r')) {
            out.push(byte);
        }
    });
    Some(out)
}

/// Compact JSON with `", "` and `": "` between tokens, as Python's `json.dumps` writes.
fn spaced_json(compact: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(compact.len() * 2);
    for_each_json_byte(compact, |byte, outside| {
        out.push(byte);
        if outside && matches!(byte, b',' | b':') {
            out.push(b' ');
        }
    });
    out
}

/// Compact JSON laid out one value per line with `indent` per level and `": "` after keys, as
/// `JSON.stringify(value, null, indent)` writes (empty objects and arrays stay `{}` and `[]`);
/// `None` as soon as it would be longer than `limit` bytes.
fn indented_json(compact: &[u8], indent: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(compact.len().saturating_mul(2).min(limit));
    let mut depth = 0usize;
    // Checked before writing, and linear in the bytes written (an empty indent costs nothing
    // per level): the cost of a layout is bounded by `limit`, whatever the depth.
    let new_line = |out: &mut Vec<u8>, depth: usize| {
        let width = depth.saturating_mul(indent.len());
        if out.len().saturating_add(width) >= limit {
            return None;
        }
        out.push(b'\n');
        out.extend(indent.iter().cycle().take(width));
        Some(())
    };
    let mut bytes = compact.iter().copied().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(byte) = bytes.next() {
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
            b'"' => {
                in_string = true;
                out.push(byte);
            }
            b'{' | b'[' => {
                out.push(byte);
                if let Some(close @ (b'}' | b']')) = bytes.peek().copied() {
                    out.push(close); // `{}` and `[]` stay on one line
                    bytes.next();
                } else {
                    depth += 1;
                    new_line(&mut out, depth)?;
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth)?;
                out.push(byte);
            }
            b',' => {
                out.push(byte);
                new_line(&mut out, depth)?;
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(byte),
        }
        if out.len() > limit {
            return None;
        }
    }
    Some(out)
}
