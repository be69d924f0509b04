use alloc::string::{String, ToString};
use alloc::vec::Vec;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use subtle::ConstantTimeEq;

use crate::scheme::{
    Encoding, HeaderNames, Part, SVIX_HEADERS, SignatureFormat, Spec, WEBHOOK_HEADERS,
    id_separators,
};
use crate::secret::{Key, MAC_LEN, SignedContent};
use crate::{Error, Headers, Scheme, Secret};

/// The longest header value read, in bytes; a longer one is `malformed_header`. Bounds the work
/// one request can cause.
pub const MAX_HEADER_BYTES: usize = 8192;

/// The most signatures parsed from one header; more is `malformed_header`. Bounds the work one
/// request can cause (each candidate costs a comparison per secret).
pub const MAX_SIGNATURES: usize = 32;

/// How a [`Verifier`] checks messages.
///
/// ```
/// let options = hookseal::VerifyOptions { tolerance_seconds: Some(60), ..Default::default() };
/// # let _ = options;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// How far the signed timestamp may be from the clock, in seconds, in either direction
    /// (Stripe: only into the past). Default `None`: the scheme's own tolerance, 300 seconds unless
    /// a custom scheme sets `tolerance_seconds`. Schemes without a signed timestamp (SepticCycle,
    /// `X-Webhook-Signature`, GitHub, Shopify) have no replay protection to configure.
    pub tolerance_seconds: Option<u64>,
}

/// What a verified message says about itself. The body (which the caller holds), [`id`] and
/// [`timestamp`] are authenticated: the signature covers them (see [`Scheme::coverage`]).
/// [`unsigned`] is what the request's other headers claim, which anyone could have set.
///
/// [`id`]: Verified::id
/// [`timestamp`]: Verified::timestamp
/// [`unsigned`]: Verified::unsigned
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The message id, only where the signature covers it: Standard Webhooks' and Svix's
    /// `webhook-id`, a custom scheme whose template signs `{id}`. Safe to deduplicate on.
    pub id: Option<String>,
    /// The signed timestamp in Unix seconds, for schemes that sign one.
    pub timestamp: Option<u64>,
    /// What the request claims that the signature does not cover.
    pub unsigned: Unsigned,
}

/// What a verified request's headers claim that its signature does not cover: useful for
/// routing or logging, but a replay of a genuine message can carry any value here. Never
/// deduplicate, authorize or dispatch on it without checking it against the signed body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unsigned {
    /// The vendor's delivery id from a header the signature does not cover: GitHub's
    /// `X-GitHub-Delivery`, Shopify's `X-Shopify-Webhook-Id`, a custom scheme's `idHeader` whose
    /// template has no `{id}`.
    pub id: Option<String>,
    /// The event type from a header: `X-Webhook-Event`, `X-GitHub-Event`, `X-Shopify-Topic`, a
    /// custom scheme's `eventTypeHeader`. No scheme signs it.
    pub event_type: Option<String>,
}

/// Checks signed webhooks of one scheme against one or more secrets.
///
/// Build it once per endpoint: the secrets are decoded and keyed then, not per message.
#[derive(Clone, Debug)]
pub struct Verifier {
    scheme: Scheme,
    keys: Vec<Key>,
    tolerance_seconds: u64,
}

impl Verifier {
    /// A verifier with default [`VerifyOptions`]. Several secrets verify a message signed with
    /// any of them (key rotation). Fails with `invalid_secret` for an unusable secret or none.
    pub fn new<'a, S: Into<Secret<'a>>>(
        scheme: Scheme,
        secrets: impl IntoIterator<Item = S>,
    ) -> Result<Verifier, Error> {
        Verifier::with_options(scheme, secrets, VerifyOptions::default())
    }

    /// A verifier with the given options.
    pub fn with_options<'a, S: Into<Secret<'a>>>(
        scheme: Scheme,
        secrets: impl IntoIterator<Item = S>,
        options: VerifyOptions,
    ) -> Result<Verifier, Error> {
        let spec = scheme.spec();
        let keys = secrets
            .into_iter()
            .map(|secret| Key::new(secret.into(), spec.secret_format))
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(Error::InvalidSecret("no secret given"));
        }
        let tolerance_seconds = options.tolerance_seconds.unwrap_or(spec.tolerance_seconds);
        Ok(Verifier {
            scheme,
            keys,
            tolerance_seconds,
        })
    }

    /// The scheme this verifier checks.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// The timestamp tolerance in force, in seconds.
    pub fn tolerance_seconds(&self) -> u64 {
        self.tolerance_seconds
    }

    /// Verifies the raw body bytes against the request headers at time `now` (Unix seconds).
    pub fn verify<H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        now: u64,
    ) -> Result<Verified, Error> {
        self.verify_with(&self.keys, body, headers, now)
    }

    /// Verifies against the system clock.
    #[cfg(feature = "std")]
    pub fn verify_now<H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
    ) -> Result<Verified, Error> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        self.verify(body, headers, now)
    }

    pub(crate) fn keys(&self) -> &[Key] {
        &self.keys
    }

    pub(crate) fn verify_with<H: Headers + ?Sized>(
        &self,
        keys: &[Key],
        body: &[u8],
        headers: &H,
        now: u64,
    ) -> Result<Verified, Error> {
        let spec = self.scheme.spec();
        let request = Request::parse(&spec, headers)?;
        request.check_timestamp(now, self.tolerance_seconds)?;
        let content = request.content(body);
        let decoded = request.decoded_signatures();
        if !keys
            .iter()
            .any(|key| matches_any(&key.sign(&content), &decoded))
        {
            return Err(Error::NoMatchingSignature);
        }
        Ok(request.verified())
    }

    /// Verifies like [`verify`](Verifier::verify), with the HMAC-SHA256 computed by the caller:
    /// for hosts whose HMAC is faster than this crate's portable one (Node's OpenSSL uses the
    /// CPU's SHA instructions, which WebAssembly cannot). Every check but the hashing stays here:
    /// headers, timestamp, decoding and the constant-time comparison.
    ///
    /// `mac(index, before, after)` must return HMAC-SHA256, keyed with the `index`-th secret's
    /// [`Secret::key_bytes`], over `before`, then the body, then `after`; or `None` when it could
    /// not, which counts as no match for that secret.
    pub fn verify_with_mac<H, F>(
        &self,
        headers: &H,
        now: u64,
        mut mac: F,
    ) -> Result<Verified, Error>
    where
        H: Headers + ?Sized,
        F: FnMut(usize, &[u8], &[u8]) -> Option<[u8; MAC_LEN]>,
    {
        let spec = self.scheme.spec();
        let request = Request::parse(&spec, headers)?;
        request.check_timestamp(now, self.tolerance_seconds)?;
        let (before, after) = request.content(&[]).around_body();
        let decoded = request.decoded_signatures();
        let matched = (0..self.keys.len()).any(|index| {
            mac(index, &before, &after).is_some_and(|tag| matches_any(&tag, &decoded))
        });
        if !matched {
            return Err(Error::NoMatchingSignature);
        }
        Ok(request.verified())
    }
}

/// Whether `expected` equals any candidate, comparing every candidate in constant time.
fn matches_any(expected: &[u8; MAC_LEN], candidates: &[[u8; MAC_LEN]]) -> bool {
    candidates
        .iter()
        .fold(subtle::Choice::from(0), |found, candidate| {
            found | expected.ct_eq(candidate)
        })
        .into()
}

/// The parts of a request a scheme reads, taken from the headers and checked for form.
pub(crate) struct Request<'a> {
    pub(crate) spec: Spec<'a>,
    pub(crate) header_names: HeaderNames<'a>,
    pub(crate) id: Option<&'a str>,
    pub(crate) timestamp: Option<(&'a str, u64)>,
    pub(crate) event_type: Option<&'a str>,
    pub(crate) signatures: Vec<&'a str>,
    pub(crate) encoding: Encoding,
}

impl<'a> Request<'a> {
    pub(crate) fn parse<H: Headers + ?Sized>(
        spec: &Spec<'a>,
        headers: &'a H,
    ) -> Result<Self, Error> {
        let names = choose_header_names(spec, headers);
        let raw_signature_header = read(headers, names.signature)?
            .ok_or_else(|| Error::MissingHeader(names.signature.into()))?;
        let malformed = |reason| Error::MalformedHeader {
            header: names.signature.into(),
            reason,
        };
        if raw_signature_header.is_empty() {
            return Err(malformed("empty"));
        }
        let (signatures, stripe_timestamp, encoding) =
            parse_signature_header(spec.format, raw_signature_header).map_err(malformed)?;
        let id = match names.id {
            Some(name) => read(headers, name)?,
            None => None,
        };
        if spec.template.contains(&Part::Id) {
            let name = names.id.unwrap_or_default();
            let malformed = |reason| Error::MalformedHeader {
                header: name.into(),
                reason,
            };
            match id {
                None => return Err(Error::MissingHeader(name.into())),
                Some("") => return Err(malformed("empty")),
                Some(id) if id_separators(spec.template).any(|c| id.contains(c)) => {
                    return Err(malformed(
                        "contains the character that separates the id from the next signed field",
                    ));
                }
                Some(_) => {}
            }
        }
        let timestamp_text = match (stripe_timestamp, names.timestamp) {
            (Some(text), _) => Some(text),
            (None, Some(name)) => {
                Some(read(headers, name)?.ok_or_else(|| Error::MissingHeader(name.into()))?)
            }
            (None, None) => None,
        };
        let timestamp = match timestamp_text {
            Some(text) => Some((text, parse_timestamp(text)?)),
            None => None,
        };
        let event_type = match names.event_type {
            Some(name) => read(headers, name)?,
            None => None,
        };
        Ok(Request {
            spec: *spec,
            header_names: names,
            id,
            timestamp,
            event_type,
            signatures,
            encoding,
        })
    }

    pub(crate) fn check_timestamp(&self, now: u64, tolerance: u64) -> Result<(), Error> {
        let Some((_, timestamp)) = self.timestamp else {
            return Ok(());
        };
        if now.saturating_sub(timestamp) > tolerance {
            return Err(Error::TimestampTooOld);
        }
        if self.spec.rejects_future_timestamps && timestamp.saturating_sub(now) > tolerance {
            return Err(Error::TimestampTooNew);
        }
        Ok(())
    }

    pub(crate) fn content<'b>(&'b self, body: &'b [u8]) -> SignedContent<'b> {
        SignedContent {
            template: self.spec.template,
            id: self.id.unwrap_or_default(),
            timestamp: self.timestamp.map(|(text, _)| text).unwrap_or_default(),
            body,
        }
    }

    /// The candidate signatures that decode to a MAC's length; the others can never match.
    pub(crate) fn decoded_signatures(&self) -> Vec<[u8; MAC_LEN]> {
        self.signatures
            .iter()
            .filter_map(|text| decode_signature(text, self.encoding))
            .collect()
    }

    /// The id goes where its coverage says: authenticated only when the template signs it.
    fn verified(&self) -> Verified {
        let id = self.id.map(ToString::to_string);
        let (id, unsigned_id) = if self.spec.template.contains(&Part::Id) {
            (id, None)
        } else {
            (None, id)
        };
        Verified {
            id,
            timestamp: self.timestamp.map(|(_, seconds)| seconds),
            unsigned: Unsigned {
                id: unsigned_id,
                event_type: self.event_type.map(ToString::to_string),
            },
        }
    }
}

/// The candidate signatures in a signature header, the timestamp a Stripe header carries, and the
/// signatures' encoding; or why the header is malformed.
fn parse_signature_header<'a>(
    format: SignatureFormat<'_>,
    value: &'a str,
) -> Result<(Vec<&'a str>, Option<&'a str>, Encoding), &'static str> {
    let mut signatures = Vec::new();
    let mut stripe_timestamp = None;
    let encoding = match format {
        SignatureFormat::Single { prefix, encoding } => {
            let encoded = value
                .strip_prefix(prefix)
                .ok_or("does not start with the scheme's prefix")?;
            signatures.push(encoded);
            encoding
        }
        SignatureFormat::VersionedList => {
            for entry in value.split(' ').filter(|entry| !entry.is_empty()) {
                let (version, signature) = entry
                    .split_once(',')
                    .ok_or("an entry is not <version>,<signature>")?;
                if version == "v1" {
                    signatures.push(signature);
                }
                if signatures.len() > MAX_SIGNATURES {
                    return Err("too many signatures");
                }
            }
            Encoding::Base64
        }
        SignatureFormat::Stripe => {
            for entry in value.split(',') {
                let (key, value) = entry
                    .trim()
                    .split_once('=')
                    .ok_or("an entry is not key=value")?;
                match key {
                    "t" if stripe_timestamp.is_some() => return Err("more than one t="),
                    "t" => stripe_timestamp = Some(value),
                    "v1" => signatures.push(value),
                    _ => {}
                }
                if signatures.len() > MAX_SIGNATURES {
                    return Err("too many signatures");
                }
            }
            if stripe_timestamp.is_none() {
                return Err("no t= timestamp");
            }
            Encoding::Hex
        }
    };
    Ok((signatures, stripe_timestamp, encoding))
}

/// Standard Webhooks senders use either the `webhook-` or the `svix-` header names; the set whose
/// signature header is present wins, the scheme's own first.
fn choose_header_names<'a, H: Headers + ?Sized>(spec: &Spec<'a>, headers: &H) -> HeaderNames<'a> {
    if !matches!(spec.format, SignatureFormat::VersionedList)
        || headers.header(spec.headers.signature).is_some()
    {
        return spec.headers;
    }
    let other = if spec.headers.signature == WEBHOOK_HEADERS.signature {
        SVIX_HEADERS
    } else {
        WEBHOOK_HEADERS
    };
    if headers.header(other.signature).is_some() {
        other
    } else {
        spec.headers
    }
}

/// A header's value with the surrounding spaces and tabs HTTP ignores trimmed; too long a value is
/// `malformed_header`.
fn read<'a, H: Headers + ?Sized>(headers: &'a H, name: &str) -> Result<Option<&'a str>, Error> {
    let Some(value) = headers.header(name) else {
        return Ok(None);
    };
    if value.len() > MAX_HEADER_BYTES {
        return Err(Error::MalformedHeader {
            header: name.into(),
            reason: "too long",
        });
    }
    Ok(Some(value.trim_matches([' ', '\t'])))
}

/// Unix seconds as plain decimal digits: no sign, no fraction, no exponent.
pub(crate) fn parse_timestamp(text: &str) -> Result<u64, Error> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::InvalidTimestamp);
    }
    text.parse().map_err(|_| Error::InvalidTimestamp)
}

pub(crate) fn decode_signature(text: &str, encoding: Encoding) -> Option<[u8; MAC_LEN]> {
    let mut mac = [0u8; MAC_LEN];
    match encoding {
        Encoding::Hex => {
            if text.len() != 2 * MAC_LEN {
                return None;
            }
            base16ct::mixed::decode(text, &mut mac).ok()?;
        }
        Encoding::Base64 => {
            // Base64 of 32 bytes is 44 characters; decode into room for more so that a longer
            // signature is rejected by its length, not by a buffer check.
            if text.len() != 44 {
                return None;
            }
            let mut buffer = [0u8; MAC_LEN + 3];
            let len = BASE64.decode_slice(text, &mut buffer).ok()?;
            mac.copy_from_slice(buffer.get(..len).filter(|bytes| bytes.len() == MAC_LEN)?);
        }
    }
    Some(mac)
}
