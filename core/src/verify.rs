use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD as BASE64, URL_SAFE_NO_PAD as BASE64_URL};

use crate::scheme::{
    Encoding, HeaderNames, Part, SVIX_HEADERS, SignatureFormat, Spec, WEBHOOK_HEADERS,
    holds_separator,
};
use crate::secret::{HmacPads, Key, MAC_LEN, MAX_TAG_LEN, SignedContent, Tag, any_equal};
use crate::{Error, Headers, Scheme, Secret, form, json, time};
use sha2::{Digest, Sha256};

/// The longest header value read, in bytes; a longer one is `malformed_header`. Bounds the work
/// one request can cause.
pub const MAX_HEADER_BYTES: usize = 8192;

/// The most signatures parsed from one header; more is `malformed_header`. Bounds the work one
/// request can cause (each candidate costs a comparison per secret).
pub const MAX_SIGNATURES: usize = 32;

/// What a request says besides its headers and body, for schemes that sign it.
///
/// ```
/// let context = hookseal::RequestContext::new("https://example.com/hooks/square", "POST");
/// # let _ = context;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestContext<'a> {
    /// The full URL the sender sent the request to, as the sender saw it: scheme, host, path
    /// and query (behind a proxy, the public URL, not the internal one).
    pub url: Option<&'a str>,
    /// The request's method, such as `POST`.
    pub method: Option<&'a str>,
}

impl<'a> RequestContext<'a> {
    /// A context with both the URL and the method.
    pub fn new(url: &'a str, method: &'a str) -> Self {
        RequestContext {
            url: Some(url),
            method: Some(method),
        }
    }
}

/// The request inputs a scheme signs besides headers and body, checked and derived once.
pub(crate) struct Inputs<'a> {
    /// The URL as given; empty when the scheme signs none.
    pub(crate) url: &'a str,
    /// For Twilio, the URL with its default port removed and added, tried instead of `url`.
    port_variants: Vec<Cow<'a, str>>,
    pub(crate) method: &'a str,
    pub(crate) form: Vec<u8>,
}

impl<'a> Inputs<'a> {
    pub(crate) fn new(
        spec: &Spec<'_>,
        body: &[u8],
        context: &RequestContext<'a>,
    ) -> Result<Inputs<'a>, Error> {
        // One pass, by kind: most templates sign none of these, and this runs per message.
        let (mut needs_url, mut needs_method, mut signs_form) = (false, false, false);
        for part in spec.template {
            match part {
                Part::Url | Part::Path => needs_url = true,
                Part::FormParams => (needs_url, signs_form) = (true, true),
                Part::Method => needs_method = true,
                _ => {}
            }
        }
        let url = match context.url {
            Some(url) if needs_url => url,
            None if needs_url => return Err(Error::MissingUrl),
            _ => "",
        };
        let method = match context.method {
            Some(method) if needs_method => method,
            None if needs_method => return Err(Error::MissingMethod),
            _ => "",
        };
        let mut form = Vec::new();
        if signs_form {
            match form::query_param(url, "bodySHA256") {
                // The body is JSON and its hash, in the signed URL, covers it.
                Some(expected) => {
                    let digest = base16ct::lower::encode_string(&Sha256::digest(body));
                    if !any_equal(digest.as_bytes(), core::iter::once(expected.as_bytes())) {
                        return Err(Error::NoMatchingSignature);
                    }
                }
                None => form = form::sorted_params(body),
            }
        }
        let port_variants = if spec.url_port_variants {
            form::port_variants(url)
        } else {
            Vec::new()
        };
        Ok(Inputs {
            url,
            port_variants,
            method,
            form,
        })
    }

    /// The readings of the URL to try.
    pub(crate) fn urls(&self) -> impl Iterator<Item = &str> {
        let own = self.port_variants.is_empty().then_some(self.url);
        own.into_iter()
            .chain(self.port_variants.iter().map(AsRef::as_ref))
    }
}

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
    /// The keys the text secrets give when read the way the scheme does not read them, for
    /// [`diagnose`](Self::diagnose)'s `secret_format` hint; never used to verify.
    other_readings: Vec<Key>,
    /// Each HMAC-SHA256 key's pads, for [`verify_request_with_inner_hash`](Self::verify_request_with_inner_hash)
    /// (empty unless every key is one and the scheme suits it).
    pads: Vec<HmacPads>,
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
        let mut other_readings = Vec::new();
        let mut pads = Vec::new();
        let keys = secrets
            .into_iter()
            .map(|secret| {
                let secret = secret.into();
                other_readings.extend(crate::diagnose::other_reading(secret, &spec));
                pads.extend(HmacPads::new(secret, &spec));
                Key::new(secret, &spec)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(Error::InvalidSecret("no secret given"));
        }
        if pads.len() != keys.len() || !scheme.host_mac_applies() {
            pads = Vec::new();
        }
        let tolerance_seconds = options.tolerance_seconds.unwrap_or(spec.tolerance_seconds);
        Ok(Verifier {
            scheme,
            keys,
            other_readings,
            pads,
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

    /// Whether [`verify_with_mac`](Self::verify_with_mac) can verify for this verifier: the
    /// scheme's content suits it ([`Scheme::host_mac_applies`]) and every secret is an
    /// HMAC-SHA256 key (a Standard Webhooks `whpk_` key is Ed25519, whatever the scheme).
    pub fn host_mac_applies(&self) -> bool {
        self.scheme.host_mac_applies() && self.keys.iter().all(Key::is_hmac_sha256)
    }

    /// Verifies the raw body bytes against the request headers at time `now` (Unix seconds).
    /// Schemes that sign the request's URL or method need [`verify_request`](Self::verify_request).
    pub fn verify<H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        now: u64,
    ) -> Result<Verified, Error> {
        self.verify_with(&self.keys, body, headers, &RequestContext::default(), now)
    }

    /// Verifies like [`verify`](Self::verify), with the request's URL and method for schemes
    /// that sign them (see [`Coverage::url`](crate::Coverage::url)); without them such a scheme
    /// fails with `missing_url` or `missing_method`. Others ignore the context.
    pub fn verify_request<H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        context: &RequestContext<'_>,
        now: u64,
    ) -> Result<Verified, Error> {
        self.verify_with(&self.keys, body, headers, context, now)
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

    pub(crate) fn other_readings(&self) -> &[Key] {
        &self.other_readings
    }

    pub(crate) fn verify_with<H: Headers + ?Sized>(
        &self,
        keys: &[Key],
        body: &[u8],
        headers: &H,
        context: &RequestContext<'_>,
        now: u64,
    ) -> Result<Verified, Error> {
        let spec = self.scheme.spec();
        let request = Request::parse(&spec, headers, body)?;
        request.check_timestamp(now, self.tolerance_seconds)?;
        let inputs = Inputs::new(&spec, body, context)?;
        // Every URL reading is tried (Twilio signs the URL with or without its default port).
        let matched = inputs.urls().any(|url| {
            let signed = request.content_with(body, &inputs, url);
            keys.iter()
                .any(|key| key.matches(&signed, request.candidates_for(key)))
        });
        if !matched {
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
    /// not, which counts as no match for that secret. Only for schemes whose
    /// [`Scheme::algorithm`] is HMAC-SHA256; others fail with `invalid_scheme`.
    pub fn verify_with_mac<H, F>(&self, headers: &H, now: u64, mac: F) -> Result<Verified, Error>
    where
        H: Headers + ?Sized,
        F: FnMut(usize, &[u8], &[u8]) -> Option<[u8; MAC_LEN]>,
    {
        self.verify_request_with_mac(headers, &RequestContext::default(), now, mac)
    }

    /// [`verify_with_mac`](Self::verify_with_mac) with the request's URL and method, for schemes
    /// that sign them.
    pub fn verify_request_with_mac<H, F>(
        &self,
        headers: &H,
        context: &RequestContext<'_>,
        now: u64,
        mut mac: F,
    ) -> Result<Verified, Error>
    where
        H: Headers + ?Sized,
        F: FnMut(usize, &[u8], &[u8]) -> Option<[u8; MAC_LEN]>,
    {
        let spec = self.scheme.spec();
        if !self.host_mac_applies() {
            return Err(Error::InvalidScheme(
                "verify_with_mac is for HMAC-SHA256 over the body, id, timestamp, URL and method"
                    .into(),
            ));
        }
        let request = Request::parse(&spec, headers, &[])?;
        request.check_timestamp(now, self.tolerance_seconds)?;
        let inputs = Inputs::new(&spec, &[], context)?;
        let (before, after) = request.content_with(&[], &inputs, inputs.url).around_body();
        let matched = (0..self.keys.len()).any(|index| {
            mac(index, &before, &after)
                .is_some_and(|tag| any_equal(&tag, request.decoded_signatures()))
        });
        if !matched {
            return Err(Error::NoMatchingSignature);
        }
        Ok(request.verified())
    }
}

impl Verifier {
    /// The block HMAC-SHA256's inner hash starts with under the `index`-th secret (its key,
    /// zero-padded to 64 bytes, XOR 0x36), for [`verify_request_with_inner_hash`](Self::verify_request_with_inner_hash);
    /// `None` where that does not apply ([`host_mac_applies`](Self::host_mac_applies)). Treat it
    /// as the secret it is.
    pub fn inner_pad(&self, index: usize) -> Option<&[u8; 64]> {
        self.pads.get(index).map(|pads| &pads.inner)
    }

    /// Verifies like [`verify_request_with_mac`](Self::verify_request_with_mac) with only the
    /// inner hash of HMAC-SHA256 computed by the caller, the one that covers the body: `inner(index,
    /// before, after)` returns SHA-256 over the `index`-th secret's [`inner_pad`](Self::inner_pad),
    /// `before`, the body, then `after` (or `None`: no match for that secret). This crate
    /// computes the outer hash (one compression) and compares. Node hashes that with one call
    /// of `crypto.hash`, about half the fixed cost of a `createHmac` object.
    pub fn verify_request_with_inner_hash<H, F>(
        &self,
        headers: &H,
        context: &RequestContext<'_>,
        now: u64,
        mut inner: F,
    ) -> Result<Verified, Error>
    where
        H: Headers + ?Sized,
        F: FnMut(usize, &[u8], &[u8]) -> Option<[u8; MAC_LEN]>,
    {
        if self.pads.is_empty() {
            return Err(Error::InvalidScheme(
                "verify_request_with_inner_hash is for HMAC-SHA256 keys over the body, id, timestamp, URL and method"
                    .into(),
            ));
        }
        self.verify_request_with_mac(headers, context, now, |index, before, after| {
            let digest = inner(index, before, after)?;
            Some(self.pads.get(index)?.finish(&digest))
        })
    }
}

/// The parts of a request a scheme reads, taken from the headers and checked for form.
pub(crate) struct Request<'a> {
    pub(crate) spec: Spec<'a>,
    pub(crate) header_names: HeaderNames<'a>,
    pub(crate) id: Option<&'a str>,
    pub(crate) timestamp: Option<(&'a str, u64)>,
    pub(crate) event_type: Option<&'a str>,
    pub(crate) signatures: Vec<Candidate<'a>>,
    pub(crate) encoding: Encoding,
    /// The values of the headers the template signs by name (`{header:Name}`).
    pub(crate) signed_headers: Vec<(&'a str, &'a str)>,
}

impl<'a> Request<'a> {
    /// The signature, id and timestamp, from the headers or, where the scheme puts them
    /// there, from the JSON body.
    pub(crate) fn parse<H: Headers + ?Sized>(
        spec: &Spec<'a>,
        headers: &'a H,
        body: &'a [u8],
    ) -> Result<Self, Error> {
        let names = choose_header_names(spec, headers);
        let fields = spec.body_fields;
        let (signatures, entry_timestamp, encoding) = match fields.signature {
            Some(path) => parse_signature_header(spec.format, required_field(body, path)?)
                .map_err(|reason| Error::MalformedBody {
                    field: path.into(),
                    reason,
                })?,
            None => signature_headers(spec, &names, headers)?,
        };
        let id = match (fields.id, names.id) {
            (Some(path), _) => body_field(body, path)?,
            (None, Some(name)) => read(headers, name)?,
            (None, None) => None,
        };
        if spec.template.contains(&Part::Id) {
            let missing = || match fields.id {
                Some(path) => Error::MalformedBody {
                    field: path.into(),
                    reason: "missing",
                },
                None => Error::MissingHeader(names.id.unwrap_or_default().into()),
            };
            let malformed = |reason| match fields.id {
                Some(path) => Error::MalformedBody {
                    field: path.into(),
                    reason,
                },
                None => Error::MalformedHeader {
                    header: names.id.unwrap_or_default().into(),
                    reason,
                },
            };
            match id {
                None => return Err(missing()),
                Some("") => return Err(malformed("empty")),
                Some(id) if holds_separator(spec.template, &Part::Id, id) => {
                    return Err(malformed(
                        "contains the character that separates the id from the next signed field",
                    ));
                }
                Some(_) => {}
            }
        }
        let timestamp_text = match (entry_timestamp, fields.timestamp, names.timestamp) {
            (Some(text), _, _) => Some(text),
            (None, Some(path), _) => Some(required_field(body, path)?),
            (None, None, Some(name)) => match read(headers, name)? {
                None => return Err(Error::MissingHeader(name.into())),
                Some("") => {
                    return Err(Error::MalformedHeader {
                        header: name.into(),
                        reason: "empty",
                    });
                }
                text => text,
            },
            (None, None, None) => None,
        };
        let timestamp = match timestamp_text {
            Some(text) => Some((text, time::parse(text, spec.timestamp_format)?)),
            None => None,
        };
        let event_type = match names.event_type {
            Some(name) => read(headers, name)?,
            None => None,
        };
        let mut signed_headers = Vec::new();
        for part in spec.template {
            let Part::Header(name) = part else { continue };
            let value =
                read(headers, name)?.ok_or_else(|| Error::MissingHeader(name.to_string()))?;
            // As with an id: a value holding its separator could trade bytes with a neighbour.
            if holds_separator(spec.template, part, value) {
                return Err(Error::MalformedHeader {
                    header: name.to_string(),
                    reason: "contains the character that separates it from the next signed field",
                });
            }
            signed_headers.push((name.as_ref(), value));
        }
        Ok(Request {
            spec: *spec,
            header_names: names,
            id,
            timestamp,
            event_type,
            signatures,
            encoding,
            signed_headers,
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

    /// The signed content without URL, method or form: what diagnostics show.
    pub(crate) fn content<'b>(&'b self, body: &'b [u8]) -> SignedContent<'b> {
        SignedContent {
            template: self.spec.template,
            id: self.id.unwrap_or_default(),
            timestamp: self.timestamp.map(|(text, _)| text).unwrap_or_default(),
            url: "",
            path: "",
            method: "",
            form: &[],
            headers: &self.signed_headers,
            body,
        }
    }

    pub(crate) fn content_with<'b>(
        &'b self,
        body: &'b [u8],
        inputs: &'b Inputs<'b>,
        url: &'b str,
    ) -> SignedContent<'b> {
        SignedContent {
            url,
            path: form::path(url),
            method: inputs.method,
            form: &inputs.form,
            ..self.content(body)
        }
    }

    /// The candidates `key` can check (a Standard Webhooks key only those of its version),
    /// decoded the way that key reads signatures; those that do not decode never match.
    pub(crate) fn candidates_for<'k>(&'k self, key: &'k Key) -> impl Iterator<Item = Tag> + 'k {
        let version = match self.spec.format {
            SignatureFormat::VersionedList => key.version(),
            _ => "",
        };
        self.signatures
            .iter()
            .filter(move |candidate| candidate.version == version)
            .filter_map(|candidate| key.decode(candidate.text, self.encoding))
    }

    /// Each candidate, in order, decoded the way `key` reads signatures; `None` for those it
    /// cannot check (another version, or not decodable). For diagnostics.
    pub(crate) fn each_candidate_for(&self, key: &Key) -> Vec<Option<Tag>> {
        let version = match self.spec.format {
            SignatureFormat::VersionedList => key.version(),
            _ => "",
        };
        self.signatures
            .iter()
            .map(|candidate| {
                (candidate.version == version)
                    .then(|| key.decode(candidate.text, self.encoding))
                    .flatten()
            })
            .collect()
    }

    /// The candidates decoded as HMAC-SHA256 tags, for a host that computes the HMAC (decoded
    /// as they are compared: collecting them first was an allocation a verify).
    pub(crate) fn decoded_signatures(&self) -> impl Iterator<Item = Tag> + '_ {
        let version = match self.spec.format {
            SignatureFormat::VersionedList => "v1",
            _ => "",
        };
        self.signatures
            .iter()
            .filter(move |candidate| candidate.version == version)
            .filter_map(|candidate| decode_signature(candidate.text, self.encoding, MAC_LEN))
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

/// The candidate signatures in a signature header, the timestamp a key/value header carries, and
/// the signatures' encoding; or why the header is malformed.
fn parse_signature_header<'a>(
    format: SignatureFormat<'_>,
    value: &'a str,
) -> Result<SignatureHeader<'a>, &'static str> {
    let mut signatures: Vec<Candidate<'a>> = Vec::new();
    let mut push = |version, text| {
        signatures.push(Candidate { version, text });
        if signatures.len() > MAX_SIGNATURES {
            return Err("too many signatures");
        }
        Ok(())
    };
    let mut stripe_timestamp = None;
    match format {
        SignatureFormat::Single { prefix, .. } => {
            let encoded = value
                .strip_prefix(prefix)
                .ok_or("does not start with the scheme's prefix")?;
            push("", encoded)?;
        }
        SignatureFormat::VersionedList => {
            for entry in value.split(' ').filter(|entry| !entry.is_empty()) {
                // Supabase joins its entries with ", "; the reference libraries read an entry's
                // first two comma-separated fields, so a trailing comma after a signature is no
                // part of it (a bare `v1,` stays an empty signature).
                let entry = entry
                    .strip_suffix(',')
                    .filter(|rest| rest.contains(','))
                    .unwrap_or(entry);
                let (version, signature) = entry
                    .split_once(',')
                    .ok_or("an entry is not <version>,<signature>")?;
                push(version, signature)?;
            }
        }
        SignatureFormat::KeyValue {
            separator,
            timestamp_key,
            signature_key,
            ..
        } => {
            for entry in value.split(separator) {
                let (key, value) = entry
                    .trim_matches([' ', '\t'])
                    .split_once('=')
                    .ok_or("an entry is not key=value")?;
                if Some(key) == timestamp_key {
                    if stripe_timestamp.is_some() {
                        return Err("more than one timestamp entry");
                    }
                    stripe_timestamp = Some(value);
                } else if key == signature_key {
                    push("", value)?;
                }
            }
            if timestamp_key.is_some() && stripe_timestamp.is_none() {
                return Err("no timestamp entry");
            }
        }
    }
    Ok((signatures, stripe_timestamp, format.encoding()))
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

/// The candidates in the signature header and in any further signature headers (Box's
/// secondary), the timestamp a key/value header carries, and the
/// encoding. Further headers' timestamps are ignored: the first header's is the signed one.
fn signature_headers<'a, H: Headers + ?Sized>(
    spec: &Spec<'_>,
    names: &HeaderNames<'_>,
    headers: &'a H,
) -> Result<SignatureHeader<'a>, Error> {
    let raw = read(headers, names.signature)?
        .ok_or_else(|| Error::MissingHeader(names.signature.into()))?;
    let malformed = |header: &str, reason| Error::MalformedHeader {
        header: header.into(),
        reason,
    };
    if raw.is_empty() {
        return Err(malformed(names.signature, "empty"));
    }
    let (mut signatures, timestamp, encoding) = parse_signature_header(spec.format, raw)
        .map_err(|reason| malformed(names.signature, reason))?;
    for name in names
        .more_signatures
        .split(',')
        .filter(|name| !name.is_empty())
    {
        let Some(value) = read(headers, name)? else {
            continue;
        };
        let (more, _, _) =
            parse_signature_header(spec.format, value).map_err(|reason| malformed(name, reason))?;
        signatures.extend(more);
        if signatures.len() > MAX_SIGNATURES {
            return Err(malformed(names.signature, "too many signatures"));
        }
    }
    Ok((signatures, timestamp, encoding))
}

/// What a signature header holds: candidates, a timestamp entry, and the encoding.
type SignatureHeader<'a> = (Vec<Candidate<'a>>, Option<&'a str>, Encoding);

/// A field of the JSON body, if present.
fn body_field<'a>(body: &'a [u8], path: &str) -> Result<Option<&'a str>, Error> {
    json::field(body, path).map_err(|reason| Error::MalformedBody {
        field: path.into(),
        reason,
    })
}

/// A field of the JSON body the scheme cannot do without.
fn required_field<'a>(body: &'a [u8], path: &str) -> Result<&'a str, Error> {
    body_field(body, path)?.ok_or_else(|| Error::MalformedBody {
        field: path.into(),
        reason: "missing",
    })
}

/// A header's value with the surrounding spaces and tabs HTTP ignores trimmed; too long a value is
/// `malformed_header`.
fn read<'a, H: Headers + ?Sized>(headers: &'a H, name: &str) -> Result<Option<&'a str>, Error> {
    let Some(value) = headers.header(name) else {
        return Ok(None);
    };
    if headers.repeated(name) {
        return Err(Error::MalformedHeader {
            header: name.into(),
            reason: "sent more than once",
        });
    }
    if value.len() > MAX_HEADER_BYTES {
        return Err(Error::MalformedHeader {
            header: name.into(),
            reason: "too long",
        });
    }
    Ok(Some(value.trim_matches([' ', '\t'])))
}

/// A candidate signature as the header writes it, with its version where the format has one
/// (Standard Webhooks' `v1`, `v1a`), else empty.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate<'a> {
    pub(crate) version: &'a str,
    pub(crate) text: &'a str,
}

/// A signature as `encoding` writes it, when it decodes to exactly `len` bytes.
pub(crate) fn decode_signature(text: &str, encoding: Encoding, len: usize) -> Option<Tag> {
    decode_bounded(text, encoding).filter(|tag| tag.as_bytes().len() == len)
}

/// A signature as `encoding` writes it, when it decodes to at most [`MAX_TAG_LEN`] bytes.
pub(crate) fn decode_bounded(text: &str, encoding: Encoding) -> Option<Tag> {
    // Room for the longest tag and base64's rounding: a longer text fails to fit.
    let mut buffer = [0u8; MAX_TAG_LEN + 3];
    let decoded = match encoding {
        Encoding::Hex => base16ct::mixed::decode(text, &mut buffer).ok()?,
        Encoding::Base64 => {
            let n = BASE64.decode_slice(text, &mut buffer).ok()?;
            buffer.get(..n)?
        }
        Encoding::Base64Url => {
            let n = BASE64_URL
                .decode_slice(text.trim_end_matches('='), &mut buffer)
                .ok()?;
            buffer.get(..n)?
        }
        Encoding::Raw => text.as_bytes(),
    };
    Tag::new(decoded)
}

/// A token as `encoding` writes it, of any length.
pub(crate) fn decode_token(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Raw => Some(text.as_bytes().to_vec()),
        Encoding::Base64 => BASE64.decode(text).ok(),
        Encoding::Base64Url => BASE64_URL.decode(text.trim_end_matches('=')).ok(),
        Encoding::Hex => base16ct::mixed::decode_vec(text).ok(),
    }
}
