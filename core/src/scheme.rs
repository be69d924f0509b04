use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use crate::catalog::{self, PRESETS, Preset};
use crate::{Error, Headers};

/// The timestamp tolerance every scheme uses unless told otherwise, in seconds.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// The longest custom `prefix`, in bytes: far below what a header may hold.
const MAX_PREFIX_BYTES: usize = 256;

/// A webhook signing scheme: how a sender signs and where the signature travels.
///
/// All schemes sign with HMAC-SHA256. The README's scheme table gives each wire format.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// [Standard Webhooks](https://www.standardwebhooks.com/): `webhook-id`, `webhook-timestamp`,
    /// `webhook-signature: v1,<base64>` over `{id}.{timestamp}.{body}`, `whsec_` + base64 secrets.
    /// Verification also accepts the `svix-` header names.
    StandardWebhooks,
    /// Standard Webhooks as Svix (and careCycle) send it: verifies like
    /// [`StandardWebhooks`](Scheme::StandardWebhooks), signs with `svix-id`, `svix-timestamp`,
    /// `svix-signature`.
    Svix,
    /// SepticCycle: `X-SepticCycle-Signature: <hex>` over the body.
    SepticCycle,
    /// `X-Webhook-Signature: sha256=<hex>` over the body, `X-Webhook-Event` naming the event
    /// (not signed: reported as [`Unsigned`](crate::Unsigned)).
    XWebhookSignature,
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body. `X-GitHub-Delivery` and
    /// `X-GitHub-Event` are not signed: they are reported as [`Unsigned`](crate::Unsigned).
    GitHub,
    /// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>` over `{t}.{body}`; the whole `whsec_…`
    /// string is the key. Like Stripe's own library, only too-old timestamps are rejected.
    Stripe,
    /// Slack: `X-Slack-Signature: v0=<hex>` over `v0:{timestamp}:{body}`, with
    /// `X-Slack-Request-Timestamp`.
    Slack,
    /// Shopify: `X-Shopify-Hmac-Sha256: <base64>` over the body. `X-Shopify-Webhook-Id` and
    /// `X-Shopify-Topic` are not signed: they are reported as [`Unsigned`](crate::Unsigned).
    Shopify,
    /// A provider from the catalog (see [`Scheme::presets`]).
    Preset(&'static Preset),
    /// A scheme described by the user; build it with [`Scheme::custom`].
    Custom(Box<Custom>),
}

/// How the signature is computed from the key and the signed content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC-SHA256: most providers.
    #[default]
    HmacSha256,
    /// HMAC-SHA1 (Twilio, Intercom, Vercel, Segment, …): still unforgeable as an HMAC, though
    /// SHA-1 itself is broken for collisions.
    HmacSha1,
    /// HMAC-SHA512 (Paystack, Terraform Cloud, Authorize.Net).
    HmacSha512,
    /// SHA-256 over the secret's bytes followed by the signed content, no HMAC (HubSpot v1 and
    /// v2). Weaker than an HMAC (length extension), used only where a vendor signs this way.
    Sha256,
    /// Ed25519 (Standard Webhooks `v1a`, Discord, Telnyx): verified with the sender's public
    /// key, signed with its private key. Needs the `ed25519` feature.
    Ed25519,
    /// ECDSA over P-256 with SHA-256, DER signatures (SendGrid). Needs the `ecdsa` feature.
    EcdsaP256,
    /// A shared secret sent as it is (GitLab's `X-Gitlab-Token`, HTTP Basic credentials): it
    /// proves who sent the request but covers none of it.
    Token,
}

impl Algorithm {
    /// Every algorithm.
    pub const ALL: [Algorithm; 7] = [
        Algorithm::HmacSha256,
        Algorithm::HmacSha1,
        Algorithm::HmacSha512,
        Algorithm::Sha256,
        Algorithm::Ed25519,
        Algorithm::EcdsaP256,
        Algorithm::Token,
    ];

    /// The id custom schemes use: `hmac-sha256`, `hmac-sha1`, `hmac-sha512`, `sha256`,
    /// `ed25519`, `ecdsa-p256` or `token`.
    pub fn id(self) -> &'static str {
        match self {
            Algorithm::HmacSha256 => "hmac-sha256",
            Algorithm::HmacSha1 => "hmac-sha1",
            Algorithm::HmacSha512 => "hmac-sha512",
            Algorithm::Sha256 => "sha256",
            Algorithm::Ed25519 => "ed25519",
            Algorithm::EcdsaP256 => "ecdsa-p256",
            Algorithm::Token => "token",
        }
    }

    /// Whether the verifier holds a public key (the sender alone can sign), rather than a
    /// secret it shares with the sender.
    pub fn is_asymmetric(self) -> bool {
        matches!(self, Algorithm::Ed25519 | Algorithm::EcdsaP256)
    }
}

/// How a signature is written in its header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum Encoding {
    /// Hexadecimal; lowercase when signing, either case accepted when verifying.
    #[default]
    Hex,
    /// Standard base64 with padding.
    Base64,
    /// URL-safe base64 (`-` and `_`); sent without padding, accepted with or without.
    Base64Url,
    /// The text as it is: for tokens (`Algorithm::Token`).
    Raw,
}

/// How the timestamp a scheme signs is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum TimestampFormat {
    /// Unix seconds as plain decimal digits.
    #[default]
    Seconds,
    /// Unix milliseconds as plain decimal digits.
    Milliseconds,
    /// An RFC 3339 date and time with an offset, such as `2020-01-01T00:00:00-07:00`.
    Rfc3339,
}

/// How a secret given as text becomes the HMAC key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum SecretFormat {
    /// The text's UTF-8 bytes are the key.
    #[default]
    Utf8,
    /// As Standard Webhooks: an optional `whsec_` prefix, then base64 of the key.
    Whsec,
    /// Standard base64 of the key (Airtable, Microsoft Teams).
    Base64,
    /// Hexadecimal of the key (Adyen, Authorize.Net).
    Hex,
}

/// A user's description of a scheme, before [`Scheme::custom`] checks it.
///
/// With the `serde` feature this deserializes from the camelCase JSON object the npm package and
/// the Worker accept, for example
/// `{"signatureHeader": "X-Signature", "prefix": "sha256=", "template": "{timestamp}.{body}",
/// "timestampHeader": "X-Timestamp"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "camelCase", deny_unknown_fields, default)
)]
pub struct CustomScheme {
    /// The header carrying the signature; empty when `signature_field` says where it is.
    pub signature_header: String,
    /// Text before the encoded signature, such as `sha256=`. Default: none.
    pub prefix: String,
    /// The signature's encoding. Default: hex.
    pub encoding: Encoding,
    /// The signed content over `{id}`, `{timestamp}`, `{body}`, `{url}`, `{path}`, `{method}`,
    /// `{form}` and `{header:Name}` (the body once, as `{body}` or `{form}`). Default: `{body}`.
    pub template: String,
    /// The header holding the message id; required when the template signs `{id}`. Without
    /// `{id}` in the template the id is not authenticated: it is reported as
    /// [`Unsigned::id`](crate::Unsigned::id), never as [`Verified::id`](crate::Verified::id).
    pub id_header: Option<String>,
    /// The header holding the Unix timestamp in seconds; required when the template signs
    /// `{timestamp}`, and only allowed then (an unsigned timestamp proves nothing).
    pub timestamp_header: Option<String>,
    /// The header naming the event type. No template signs it, so it is reported as
    /// [`Unsigned::event_type`](crate::Unsigned::event_type). Default: none.
    pub event_type_header: Option<String>,
    /// How a text secret becomes the key. Default: its UTF-8 bytes.
    pub secret_format: SecretFormat,
    /// The scheme's default timestamp tolerance. Default: 300 seconds.
    pub tolerance_seconds: Option<u64>,
    /// How the signature is computed. Default: HMAC-SHA256.
    pub algorithm: Algorithm,
    /// How the timestamp is written. Default: Unix seconds.
    pub timestamp_format: TimestampFormat,
    /// For a signature header of `key=value` entries (Stripe's `t=…,v1=…`, Paddle's
    /// `ts=…;h1=…`): the key whose values are signatures; each entry with it is a candidate.
    /// Without it the header holds one signature after `prefix`.
    pub signature_key: Option<String>,
    /// With `signature_key`: the key of the entry holding the timestamp (`t`, `ts`), instead of
    /// a `timestamp_header`.
    pub timestamp_key: Option<String>,
    /// With `signature_key`: the character between entries. Default: `,`.
    pub entry_separator: Option<char>,
    /// Further headers that may carry signatures in the same format (Box's
    /// `BOX-SIGNATURE-SECONDARY`): a match in any of them counts. Default: none.
    pub more_signature_headers: Vec<String>,
    /// Reject only timestamps older than the tolerance, accept any in the future, as some
    /// vendors' SDKs do (Stripe, Paddle, Mux). Default: both directions are checked.
    pub tolerance_past_only: bool,
    /// The signature is this field of the JSON body (keys separated by `.`, as Mailgun's
    /// `signature.signature`) instead of a header: leave `signature_header` empty. The template
    /// then cannot sign the body.
    pub signature_field: Option<String>,
    /// The timestamp is this field of the JSON body (Linear's `webhookTimestamp`), signed with
    /// the body, or by `{timestamp}` in the template.
    pub timestamp_field: Option<String>,
    /// The id is this field of the JSON body (Mailgun's `signature.token`).
    pub id_field: Option<String>,
}

/// Every field at its default, and no signature header yet: what a JSON description leaves out.
impl Default for CustomScheme {
    fn default() -> Self {
        CustomScheme::new("")
    }
}

impl CustomScheme {
    /// A description with the given signature header and every other field at its default.
    pub fn new(signature_header: impl Into<String>) -> Self {
        CustomScheme {
            signature_header: signature_header.into(),
            prefix: String::new(),
            encoding: Encoding::Hex,
            template: "{body}".into(),
            id_header: None,
            timestamp_header: None,
            event_type_header: None,
            secret_format: SecretFormat::Utf8,
            tolerance_seconds: None,
            algorithm: Algorithm::HmacSha256,
            timestamp_format: TimestampFormat::Seconds,
            signature_key: None,
            timestamp_key: None,
            entry_separator: None,
            more_signature_headers: Vec::new(),
            tolerance_past_only: false,
            signature_field: None,
            timestamp_field: None,
            id_field: None,
        }
    }

    /// Every header is a header name, and no two roles share one: one header holds one value,
    /// so two roles under one name would sign messages that never verify, or report one
    /// header's value as the other's.
    fn check_headers(&self) -> Result<(), Error> {
        // The signature is in a header, or in a body field: one of the two.
        let in_body = self.signature_field.is_some();
        if in_body != self.signature_header.is_empty() {
            return Err(invalid(
                "give exactly one of signatureHeader and signatureField",
            ));
        }
        if !in_body && !is_header_name(&self.signature_header) {
            return Err(invalid("signatureHeader is not a header name"));
        }
        let is_path = |path: &str| {
            path.split('.').all(|key| {
                !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
            })
        };
        let fields = [&self.signature_field, &self.timestamp_field, &self.id_field];
        if fields.into_iter().flatten().any(|path| !is_path(path)) {
            return Err(invalid(
                "a body field is keys separated by dots, without quotes or backslashes",
            ));
        }
        let signature = (!in_body).then_some(&self.signature_header);
        let others = [
            &self.id_header,
            &self.timestamp_header,
            &self.event_type_header,
        ];
        let names: Vec<&String> = signature
            .into_iter()
            .chain(others.into_iter().flatten())
            .chain(&self.more_signature_headers)
            .collect();
        if !names.iter().all(|name| is_header_name(name)) {
            return Err(invalid("a header field is not a header name"));
        }
        for (index, name) in names.iter().enumerate() {
            let later = names.get(index + 1..).unwrap_or_default();
            if later.iter().any(|other| other.eq_ignore_ascii_case(name)) {
                return Err(invalid("two of the scheme's headers have the same name"));
            }
        }
        Ok(())
    }

    /// The signature header's framing: a prefix, or `key=value` entries.
    fn check_signature_format(&self) -> Result<(), Error> {
        if !self
            .prefix
            .bytes()
            .all(|b| b.is_ascii_graphic() || b == b' ')
        {
            return Err(invalid("prefix must be printable ASCII"));
        }
        // What `sign` writes must verify: HTTP trims a leading space off a header value, and
        // `verify` reads no header longer than MAX_HEADER_BYTES.
        if self.prefix.starts_with(' ') {
            return Err(invalid("prefix must not start with a space: HTTP trims it"));
        }
        if self.prefix.len() > MAX_PREFIX_BYTES {
            return Err(invalid("prefix is longer than 256 bytes"));
        }
        let Some(signature_key) = &self.signature_key else {
            if self.timestamp_key.is_some() || self.entry_separator.is_some() {
                return Err(invalid(
                    "timestampKey and entrySeparator need a signatureKey",
                ));
            }
            return Ok(());
        };
        let is_key = |key: &str| {
            !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if !is_key(signature_key)
            || self
                .timestamp_key
                .as_deref()
                .is_some_and(|key| !is_key(key))
        {
            return Err(invalid(
                "signatureKey and timestampKey are letters, digits, - or _",
            ));
        }
        if self.timestamp_key.as_ref() == Some(signature_key) {
            return Err(invalid("signatureKey and timestampKey must differ"));
        }
        let separator = self.entry_separator.unwrap_or(',');
        if !(separator.is_ascii_punctuation() || separator == ' ') || separator == '=' {
            return Err(invalid(
                "entrySeparator must be one punctuation character other than =",
            ));
        }
        if !self.prefix.is_empty() {
            return Err(invalid("prefix does not apply to key=value signatures"));
        }
        Ok(())
    }
}

/// A checked custom scheme, made by [`Scheme::custom`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Custom {
    description: CustomScheme,
    template: Vec<Part>,
    /// `more_signature_headers`, comma-separated.
    more_signatures: String,
}

impl Custom {
    /// The description this scheme was built from.
    pub fn description(&self) -> &CustomScheme {
        &self.description
    }
}

/// The parts of a request a scheme's signature covers: all that a verified message vouches for.
/// Whatever else a request carries (a delivery id or an event name in a header the sender does
/// not sign) is metadata that anyone on the way could have set or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[allow(clippy::struct_excessive_bools)] // independent facts, one per part of a request
pub struct Coverage {
    /// The body's exact bytes.
    pub body: bool,
    /// The timestamp, which is then checked against the tolerance: replays are bounded in time.
    pub timestamp: bool,
    /// The message id, which can then key deduplication.
    pub id: bool,
    /// The request's URL (or its path): a request replayed to another of the receiver's URLs
    /// fails.
    pub url: bool,
    /// The request's method.
    pub method: bool,
    /// Named headers' values (`{header:Name}`).
    pub headers: bool,
}

impl Coverage {
    /// The names of the covered parts, in the order `body`, `timestamp`, `id`, `url`, `method`,
    /// `headers`:
    /// the words the npm package, the Worker and the test vectors use.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        [
            (self.body, "body"),
            (self.timestamp, "timestamp"),
            (self.id, "id"),
            (self.url, "url"),
            (self.method, "method"),
            (self.headers, "headers"),
        ]
        .into_iter()
        .filter_map(|(covered, name)| covered.then_some(name))
    }
}

/// One piece of the signed content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Literal(Cow<'static, str>),
    Id,
    Timestamp,
    /// The request's full URL, as the receiver was called (Square, HubSpot, Twilio).
    Url,
    /// The request's method, such as `POST` (HubSpot).
    Method,
    /// A form body's parameters sorted by name, each name then its values (sorted, duplicates
    /// once), with nothing between (Twilio). Empty when the URL carries `bodySHA256`, which
    /// then covers the body instead.
    FormParams,
    /// The URL's path and query, without scheme and host.
    Path,
    /// The value of the named header (lowercase name).
    Header(Cow<'static, str>),
    Body,
}

/// Where the signatures are in the signature header and how they are written.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SignatureFormat<'a> {
    /// One signature: `<prefix><encoded>`.
    Single { prefix: &'a str, encoding: Encoding },
    /// Standard Webhooks: space-separated `<version>,<base64>`, only `v1` counts.
    VersionedList,
    /// `key=value` entries split by `separator` (Stripe's `t=<unix>,v1=<hex>`): every entry with
    /// `signature_key` is a candidate, the one with `timestamp_key` the signed timestamp, others
    /// are skipped. Spaces around entries are ignored.
    KeyValue {
        separator: char,
        timestamp_key: Option<&'a str>,
        signature_key: &'a str,
        encoding: Encoding,
    },
}

impl SignatureFormat<'_> {
    /// How the signature is encoded in this framing.
    pub(crate) fn encoding(&self) -> Encoding {
        match *self {
            SignatureFormat::Single { encoding, .. }
            | SignatureFormat::KeyValue { encoding, .. } => encoding,
            SignatureFormat::VersionedList => Encoding::Base64,
        }
    }

    /// The header value that carries `signature` (already encoded) in this framing, with
    /// `timestamp` where the framing carries one and `version` where it names one. The signer
    /// passes the real values and `Scheme::signature_layout` placeholders: one writer of the
    /// framing for both.
    pub(crate) fn write(&self, version: &str, signature: &str, timestamp: &str) -> String {
        match *self {
            SignatureFormat::Single { prefix, .. } => alloc::format!("{prefix}{signature}"),
            SignatureFormat::VersionedList => alloc::format!("{version},{signature}"),
            SignatureFormat::KeyValue {
                separator,
                timestamp_key,
                signature_key,
                ..
            } => match timestamp_key {
                Some(key) => {
                    alloc::format!("{key}={timestamp}{separator}{signature_key}={signature}")
                }
                None => alloc::format!("{signature_key}={signature}"),
            },
        }
    }
}

/// The names of the headers a scheme reads and writes. Whether the id is signed is the
/// template's business (`Part::Id`); the event type never is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HeaderNames<'a> {
    pub(crate) signature: &'a str,
    pub(crate) id: Option<&'a str>,
    pub(crate) timestamp: Option<&'a str>,
    pub(crate) event_type: Option<&'a str>,
    /// Further headers the sender sends about the delivery, none of them signed (lowercase).
    pub(crate) metadata: &'static [&'static str],
    /// Further headers that may carry signatures, comma-separated (header names cannot hold a
    /// comma): Box's secondary signature.
    pub(crate) more_signatures: &'a str,
    /// Headers a signer sends with fixed values (Box's `box-signature-version: 1`); not
    /// checked when verifying, since nothing signs them.
    pub(crate) fixed: &'static [(&'static str, &'static str)],
}

/// Everything the verifier and signer need to know of a scheme. Built-in schemes and custom ones
/// go through the same code; only this description differs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec<'a> {
    pub(crate) headers: HeaderNames<'a>,
    pub(crate) format: SignatureFormat<'a>,
    pub(crate) template: &'a [Part],
    pub(crate) algorithm: Algorithm,
    pub(crate) secret_format: SecretFormat,
    pub(crate) timestamp_format: TimestampFormat,
    pub(crate) rejects_future_timestamps: bool,
    pub(crate) tolerance_seconds: u64,
    /// Whether the URL also verifies with its default port added or removed (Twilio).
    pub(crate) url_port_variants: bool,
    /// Fields the sender puts in the JSON body instead of headers.
    pub(crate) body_fields: BodyFields<'a>,
}

/// Where in a JSON body a scheme finds its signature, timestamp or id (`.`-separated keys).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BodyFields<'a> {
    pub(crate) signature: Option<&'a str>,
    pub(crate) timestamp: Option<&'a str>,
    pub(crate) id: Option<&'a str>,
}

pub(crate) const fn lit(text: &'static str) -> Part {
    Part::Literal(Cow::Borrowed(text))
}

pub(crate) static BODY: [Part; 1] = [Part::Body];
pub(crate) static STANDARD_WEBHOOKS_CONTENT: [Part; 5] =
    [Part::Id, lit("."), Part::Timestamp, lit("."), Part::Body];
pub(crate) static STRIPE_CONTENT: [Part; 3] = [Part::Timestamp, lit("."), Part::Body];
pub(crate) static SLACK_CONTENT: [Part; 4] = [lit("v0:"), Part::Timestamp, lit(":"), Part::Body];

pub(crate) const WEBHOOK_HEADERS: HeaderNames<'static> = HeaderNames {
    signature: "webhook-signature",
    id: Some("webhook-id"),
    timestamp: Some("webhook-timestamp"),
    event_type: None,
    metadata: &[],
    more_signatures: "",
    fixed: &[],
};

pub(crate) const SVIX_HEADERS: HeaderNames<'static> = HeaderNames {
    signature: "svix-signature",
    id: Some("svix-id"),
    timestamp: Some("svix-timestamp"),
    event_type: None,
    metadata: &[],
    more_signatures: "",
    fixed: &[],
};

pub(crate) const fn single(prefix: &'static str, encoding: Encoding) -> SignatureFormat<'static> {
    SignatureFormat::Single { prefix, encoding }
}

pub(crate) const fn key_value(
    separator: char,
    timestamp_key: Option<&'static str>,
    signature_key: &'static str,
    encoding: Encoding,
) -> SignatureFormat<'static> {
    SignatureFormat::KeyValue {
        separator,
        timestamp_key,
        signature_key,
        encoding,
    }
}

impl<'a> Spec<'a> {
    /// The same spec with other header names.
    pub(crate) const fn with_headers(self, headers: HeaderNames<'a>) -> Spec<'a> {
        Spec { headers, ..self }
    }

    /// The same spec with headers its signer sends with fixed values.
    pub(crate) const fn with_fixed(
        self,
        fixed: &'static [(&'static str, &'static str)],
    ) -> Spec<'a> {
        Spec {
            headers: HeaderNames {
                fixed,
                ..self.headers
            },
            ..self
        }
    }

    /// The same spec with these unsigned metadata headers.
    pub(crate) const fn with_metadata(self, metadata: &'static [&'static str]) -> Spec<'a> {
        Spec {
            headers: HeaderNames {
                metadata,
                ..self.headers
            },
            ..self
        }
    }
}

pub(crate) const fn body_only(
    headers: HeaderNames<'static>,
    format: SignatureFormat<'static>,
) -> Spec<'static> {
    Spec {
        headers,
        format,
        template: &BODY,
        algorithm: Algorithm::HmacSha256,
        secret_format: SecretFormat::Utf8,
        timestamp_format: TimestampFormat::Seconds,
        rejects_future_timestamps: true,
        tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
        url_port_variants: false,
        body_fields: BodyFields {
            signature: None,
            timestamp: None,
            id: None,
        },
    }
}

pub(crate) const fn signature_only(signature: &'static str) -> HeaderNames<'static> {
    HeaderNames {
        signature,
        id: None,
        timestamp: None,
        event_type: None,
        metadata: &[],
        more_signatures: "",
        fixed: &[],
    }
}

impl Scheme {
    /// Every built-in scheme, in the order the README lists them.
    pub const BUILT_IN: [Scheme; 8] = [
        Scheme::StandardWebhooks,
        Scheme::Svix,
        Scheme::SepticCycle,
        Scheme::XWebhookSignature,
        Scheme::GitHub,
        Scheme::Stripe,
        Scheme::Slack,
        Scheme::Shopify,
    ];

    /// The scheme's id: a built-in scheme's (`standard-webhooks`, `svix`, `septiccycle`,
    /// `x-webhook-signature`, `github`, `stripe`, `slack`, `shopify`), a preset's, or `custom`.
    pub fn id(&self) -> &'static str {
        self.preset().map_or("custom", Preset::id)
    }

    /// Every provider preset of the catalog beyond the built-in schemes, by id.
    pub fn presets() -> impl Iterator<Item = Scheme> {
        PRESETS.iter().map(Scheme::Preset)
    }

    /// Every scheme known by id: the built-in schemes, then the catalog's presets. These are
    /// all the ids [`Scheme::from_id`] accepts.
    pub fn catalog() -> impl Iterator<Item = Scheme> {
        Scheme::BUILT_IN.into_iter().chain(Scheme::presets())
    }

    /// The scheme with this id (see [`Scheme::id`]): a built-in scheme or a preset.
    ///
    /// # Errors
    /// `invalid_scheme` for an id the catalog does not hold.
    pub fn from_id(id: &str) -> Result<Scheme, Error> {
        Scheme::catalog()
            .find(|scheme| scheme.id() == id)
            .ok_or_else(|| invalid("unknown scheme id"))
    }

    /// The catalog entry of a built-in scheme or preset: its provider's name, documentation,
    /// provenance and a sample event. `None` for a custom scheme.
    pub fn preset(&self) -> Option<&'static Preset> {
        self.entry().ok()
    }

    /// Checks a custom scheme description and builds the scheme.
    ///
    /// Besides the form of each field, the template must keep its fields apart: `{id}` and
    /// `{timestamp}` at most once, `{body}` exactly once, literal text between any two fields,
    /// and no digit in the text touching `{timestamp}`. Otherwise bytes could move from one field
    /// to its neighbour (`{id}{body}` signs `ab` + `c` and `a` + `bc` alike) and a changed
    /// message would still verify. The id's side of that rule is checked per message: an id
    /// holding the character that separates it from its neighbour is `malformed_header`.
    pub fn custom(description: CustomScheme) -> Result<Scheme, Error> {
        let d = &description;
        let template = parse_template(&d.template, d.signature_field.is_some())?;
        d.check_headers()?;
        d.check_signature_format()?;
        let signs = |part: &Part| template.contains(part);
        if d.id_header.is_some() && d.id_field.is_some() {
            return Err(invalid("idHeader and idField exclude each other"));
        }
        if signs(&Part::Id) && d.id_header.is_none() && d.id_field.is_none() {
            return Err(invalid(
                "the template signs {id} but idHeader or idField is missing",
            ));
        }
        let timestamp_sources = usize::from(d.timestamp_header.is_some())
            + usize::from(d.timestamp_key.is_some())
            + usize::from(d.timestamp_field.is_some());
        if timestamp_sources > 1 {
            return Err(invalid(
                "timestampHeader, timestampKey and timestampField exclude each other",
            ));
        }
        // A timestamp in the body is signed with the body; any other only by {timestamp}.
        let signed_in_body = d.timestamp_field.is_some() && signs(&Part::Body);
        if timestamp_sources == 1 && !signs(&Part::Timestamp) && !signed_in_body {
            return Err(invalid(
                "an unsigned timestamp proves nothing: sign it with {timestamp}",
            ));
        }
        if signs(&Part::Timestamp) && timestamp_sources == 0 {
            return Err(invalid(
                "{timestamp} in the template needs a timestampHeader, timestampKey or timestampField",
            ));
        }
        // A token is sent as it is: it signs nothing, so there is no content to describe, and
        // the raw encoding can only hold a token.
        let token = description.algorithm == Algorithm::Token;
        if token && description.template != "{body}" {
            return Err(invalid("a token signs nothing: leave the template out"));
        }
        if !token && description.encoding == Encoding::Raw {
            return Err(invalid("encoding raw is for tokens (algorithm token)"));
        }
        let template = if token { Vec::new() } else { template };
        let more_signatures = description.more_signature_headers.join(",");
        Ok(Scheme::Custom(Box::new(Custom {
            description,
            template,
            more_signatures,
        })))
    }

    /// What the scheme's signature covers. Only these parts of a verified message are
    /// authenticated; see [`Verified`](crate::Verified) and [`Unsigned`](crate::Unsigned).
    pub fn coverage(&self) -> Coverage {
        let spec = self.spec();
        let template = spec.template;
        let body = template.contains(&Part::Body);
        // A field read from the body is covered wherever the body is.
        Coverage {
            body,
            timestamp: template.contains(&Part::Timestamp)
                || (body && spec.body_fields.timestamp.is_some()),
            id: template.contains(&Part::Id) || (body && spec.body_fields.id.is_some()),
            url: template
                .iter()
                .any(|part| matches!(part, Part::Url | Part::Path)),
            method: template.contains(&Part::Method),
            headers: template.iter().any(|part| matches!(part, Part::Header(_))),
        }
    }

    /// Whether the tolerance applies only into the past: old timestamps are refused, future ones
    /// are not (Stripe; a custom scheme with `tolerance_past_only`). Otherwise a timestamp too
    /// far either way is refused. Meaningless for schemes that sign no timestamp.
    pub fn tolerance_past_only(&self) -> bool {
        !self.spec().rejects_future_timestamps
    }

    /// How the scheme's signature is computed.
    pub fn algorithm(&self) -> Algorithm {
        self.spec().algorithm
    }

    /// How a secret or key given as text becomes the key (a public key's text, for the
    /// asymmetric algorithms).
    pub fn secret_format(&self) -> SecretFormat {
        self.spec().secret_format
    }

    /// Whether this scheme's content suits [`Verifier::verify_with_mac`](crate::Verifier::verify_with_mac):
    /// HMAC-SHA256 over the body and fields around it, with one reading of the URL. The secrets
    /// must suit it too (a `whpk_` key is Ed25519): ask [`Verifier::host_mac_applies`](crate::Verifier::host_mac_applies).
    pub fn host_mac_applies(&self) -> bool {
        let spec = self.spec();
        let fields = spec.body_fields;
        spec.algorithm == Algorithm::HmacSha256
            && !spec.url_port_variants
            && fields.signature.is_none()
            && fields.timestamp.is_none()
            && fields.id.is_none()
            && spec.template.contains(&Part::Body)
            && !spec.template.contains(&Part::FormParams)
    }

    /// The headers a sender of this scheme sends about a delivery that its signature does not
    /// cover, in lowercase: an unsigned id header, the event type header, and vendor extras
    /// (GitHub's hook ids, Shopify's shop domain and API version, Slack's retry count). A proxy
    /// may pass them on, under their own names and as unauthenticated.
    pub fn metadata_header_names(&self) -> Vec<String> {
        let spec = self.spec();
        let unsigned_id = spec
            .headers
            .id
            .filter(|_| !spec.template.contains(&Part::Id));
        [unsigned_id, spec.headers.event_type]
            .into_iter()
            .flatten()
            .chain(spec.headers.metadata.iter().copied())
            .map(str::to_ascii_lowercase)
            .collect()
    }

    /// Guesses the scheme from the headers a request carries, for tools such as the playground:
    /// the first of [`Scheme::candidates`]. Returns `None` when no scheme's signature header is
    /// present.
    pub fn detect<H: Headers + ?Sized>(headers: &H) -> Option<Scheme> {
        Scheme::candidates(headers).into_iter().next()
    }

    /// Every catalog scheme whose signature header (and timestamp header, and fixed headers such
    /// as HubSpot's signature version) the request carries, best match first: the more of a
    /// scheme's other headers are present, the better; ties keep catalog order, built-in schemes
    /// first. Several providers share a header (`X-Hub-Signature-256`), so this is a guess, never
    /// a reason to trust a request.
    pub fn candidates<H: Headers + ?Sized>(headers: &H) -> Vec<Scheme> {
        let present = |name: &str| headers.header(name).is_some();
        let mut scored: Vec<(usize, usize, Scheme)> = Scheme::catalog()
            .enumerate()
            .filter_map(|(index, scheme)| {
                let names = scheme.spec().headers;
                let fits = !names.signature.is_empty()
                    && present(names.signature)
                    && names.timestamp.is_none_or(present)
                    && names
                        .fixed
                        .iter()
                        .all(|(name, value)| headers.header(name) == Some(*value));
                // Scored only once it fits: listing a scheme's headers allocates, and few fit.
                if !fits {
                    return None;
                }
                let score = scheme
                    .header_names()
                    .iter()
                    .chain(&scheme.metadata_header_names())
                    .filter(|name| present(name))
                    .count()
                    + names.fixed.len();
                Some((score, index, scheme))
            })
            .collect();
        // Ties in catalog order, by index: an unstable sort does, and the form parameters' sort
        // is unstable too, so the WebAssembly modules link one sort, not two (6 KB less).
        scored.sort_unstable_by_key(|&(score, index, _)| (core::cmp::Reverse(score), index));
        scored.into_iter().map(|(_, _, scheme)| scheme).collect()
    }

    /// What the signature is computed over, in the custom template vocabulary: `{id}`,
    /// `{timestamp}`, `{body}`, `{url}`, `{method}`, `{path}`, `{form}`, `{header:Name}` and
    /// literal text (`{timestamp}.{body}`). Empty for a token, which signs nothing.
    pub fn signed_content(&self) -> String {
        self.spec()
            .template
            .iter()
            .map(|part| {
                match part {
                    Part::Literal(text) => text.as_ref(),
                    Part::Id => "{id}",
                    Part::Timestamp => "{timestamp}",
                    Part::Url => "{url}",
                    Part::Method => "{method}",
                    Part::FormParams => "{form}",
                    Part::Path => "{path}",
                    Part::Header(name) => return alloc::format!("{{header:{name}}}"),
                    Part::Body => "{body}",
                }
                .to_string()
            })
            .collect()
    }

    /// The header the signature travels in, lowercase; `None` when it travels in the body.
    pub fn signature_header(&self) -> Option<&str> {
        Some(self.spec().headers.signature).filter(|name| !name.is_empty())
    }

    /// How the signature is written where it travels: `sha256=<hex>`, `t=<timestamp>,v1=<hex>`,
    /// `v1,<base64>` (a space-separated list); for a signature in the JSON body, the field too
    /// (`<hex> in signature.signature`).
    pub fn signature_layout(&self) -> String {
        let spec = self.spec();
        let encoded = match spec.format.encoding() {
            Encoding::Hex => "<hex>",
            Encoding::Base64 => "<base64>",
            Encoding::Base64Url => "<base64url>",
            Encoding::Raw => "<token>",
        };
        let layout = spec.format.write("v1", encoded, "<timestamp>");
        match (spec.format, spec.body_fields.signature) {
            (SignatureFormat::VersionedList, _) => layout + " …",
            (_, Some(field)) => alloc::format!("{layout} in {field}"),
            (_, None) => layout,
        }
    }

    /// Every header the scheme may read, in lowercase: its signature header, and its id,
    /// timestamp and event type headers where it has them (for Standard Webhooks and Svix, both
    /// the `webhook-` and the `svix-` names). Bindings use it to pass only these headers along.
    pub fn header_names(&self) -> Vec<String> {
        let spec = self.spec();
        let mut sets = alloc::vec![spec.headers];
        if matches!(spec.format, SignatureFormat::VersionedList) {
            sets.push(if spec.headers.signature == WEBHOOK_HEADERS.signature {
                SVIX_HEADERS
            } else {
                WEBHOOK_HEADERS
            });
        }
        sets.iter()
            .flat_map(|names| {
                [
                    Some(names.signature),
                    names.id,
                    names.timestamp,
                    names.event_type,
                ]
                .into_iter()
                .flatten()
                .chain(names.more_signatures.split(','))
            })
            .chain(spec.template.iter().filter_map(|part| match part {
                Part::Header(name) => Some(name.as_ref()),
                _ => None,
            }))
            .filter(|name| !name.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    }

    /// The description the verifier and signer run on.
    pub(crate) fn spec(&self) -> Spec<'_> {
        match self.entry() {
            Ok(entry) => entry.spec,
            Err(custom) => custom.spec(),
        }
    }

    /// The catalog entry of a built-in scheme or preset, or the description of a custom one.
    fn entry(&self) -> Result<&'static Preset, &Custom> {
        match self {
            Scheme::StandardWebhooks => Ok(&catalog::STANDARD_WEBHOOKS),
            Scheme::Svix => Ok(&catalog::SVIX),
            Scheme::SepticCycle => Ok(&catalog::SEPTICCYCLE),
            Scheme::XWebhookSignature => Ok(&catalog::X_WEBHOOK_SIGNATURE),
            Scheme::GitHub => Ok(&catalog::GITHUB),
            Scheme::Stripe => Ok(&catalog::STRIPE),
            Scheme::Slack => Ok(&catalog::SLACK),
            Scheme::Shopify => Ok(&catalog::SHOPIFY),
            Scheme::Preset(preset) => Ok(preset),
            Scheme::Custom(custom) => Err(custom),
        }
    }
}

impl Custom {
    /// The description as the verifier and signer run on it.
    fn spec(&self) -> Spec<'_> {
        let d = &self.description;
        let format = match &d.signature_key {
            Some(signature_key) => SignatureFormat::KeyValue {
                separator: d.entry_separator.unwrap_or(','),
                timestamp_key: d.timestamp_key.as_deref(),
                signature_key,
                encoding: d.encoding,
            },
            None => SignatureFormat::Single {
                prefix: &d.prefix,
                encoding: d.encoding,
            },
        };
        Spec {
            headers: HeaderNames {
                signature: &d.signature_header,
                id: d.id_header.as_deref(),
                timestamp: d.timestamp_header.as_deref(),
                event_type: d.event_type_header.as_deref(),
                metadata: &[],
                more_signatures: &self.more_signatures,
                fixed: &[],
            },
            format,
            template: &self.template,
            algorithm: d.algorithm,
            secret_format: d.secret_format,
            timestamp_format: d.timestamp_format,
            rejects_future_timestamps: !d.tolerance_past_only,
            tolerance_seconds: d.tolerance_seconds.unwrap_or(DEFAULT_TOLERANCE_SECONDS),
            url_port_variants: false,
            body_fields: BodyFields {
                signature: d.signature_field.as_deref(),
                timestamp: d.timestamp_field.as_deref(),
                id: d.id_field.as_deref(),
            },
        }
    }
}

impl FromStr for Scheme {
    type Err = Error;

    /// Parses a built-in scheme's or a preset's id (see [`Scheme::id`]).
    fn from_str(id: &str) -> Result<Scheme, Error> {
        Scheme::from_id(id)
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Encoding {
    type Err = Error;

    /// `hex`, `base64` or `base64url`.
    fn from_str(name: &str) -> Result<Encoding, Error> {
        match name {
            "hex" => Ok(Encoding::Hex),
            "base64" => Ok(Encoding::Base64),
            "base64url" => Ok(Encoding::Base64Url),
            "raw" => Ok(Encoding::Raw),
            _ => Err(invalid("encoding must be hex, base64, base64url or raw")),
        }
    }
}

impl FromStr for SecretFormat {
    type Err = Error;

    /// `utf8`, `whsec`, `base64` or `hex`.
    fn from_str(name: &str) -> Result<SecretFormat, Error> {
        match name {
            "utf8" => Ok(SecretFormat::Utf8),
            "whsec" => Ok(SecretFormat::Whsec),
            "base64" => Ok(SecretFormat::Base64),
            "hex" => Ok(SecretFormat::Hex),
            _ => Err(invalid("secretFormat must be utf8, whsec, base64 or hex")),
        }
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    /// An [`Algorithm::id`].
    fn from_str(name: &str) -> Result<Algorithm, Error> {
        Algorithm::ALL
            .into_iter()
            .find(|algorithm| algorithm.id() == name)
            .ok_or_else(|| {
                invalid("algorithm must be hmac-sha256, hmac-sha1, hmac-sha512, sha256, ed25519, ecdsa-p256 or token")
            })
    }
}

impl FromStr for TimestampFormat {
    type Err = Error;

    /// `seconds`, `milliseconds` or `rfc3339`.
    fn from_str(name: &str) -> Result<TimestampFormat, Error> {
        match name {
            "seconds" => Ok(TimestampFormat::Seconds),
            "milliseconds" => Ok(TimestampFormat::Milliseconds),
            "rfc3339" => Ok(TimestampFormat::Rfc3339),
            _ => Err(invalid(
                "timestampFormat must be seconds, milliseconds or rfc3339",
            )),
        }
    }
}

/// A scheme as configuration names it: a built-in id, or a custom scheme object.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum SchemeDescription {
    Id(String),
    Custom(Box<CustomScheme>),
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Scheme {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let scheme = match SchemeDescription::deserialize(deserializer)? {
            SchemeDescription::Id(id) => id.parse(),
            SchemeDescription::Custom(description) => Scheme::custom(*description),
        };
        scheme.map_err(D::Error::custom)
    }
}

fn invalid(reason: &str) -> Error {
    Error::InvalidScheme(reason.to_string())
}

/// An RFC 9110 token: the characters a header name may have.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The template's parts. `signature_in_body`: the signature is a field of the body, which it
/// therefore cannot cover (Mailgun); otherwise the template signs the body, as `{body}` or as its
/// `{form}` parameters, exactly once.
fn parse_template(template: &str, signature_in_body: bool) -> Result<Vec<Part>, Error> {
    let mut parts = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            parts.push(Part::Literal(Cow::Owned(rest.into())));
            break;
        };
        let (literal, placeholder) = rest.split_at_checked(open).unwrap_or((rest, ""));
        if !literal.is_empty() {
            parts.push(Part::Literal(Cow::Owned(literal.into())));
        }
        let close = placeholder
            .find('}')
            .ok_or_else(|| invalid("unclosed { in template"))?;
        parts.push(match placeholder.get(..=close) {
            Some("{id}") => Part::Id,
            Some("{timestamp}") => Part::Timestamp,
            Some("{body}") => Part::Body,
            Some("{url}") => Part::Url,
            Some("{method}") => Part::Method,
            Some("{path}") => Part::Path,
            Some("{form}") => Part::FormParams,
            Some(other) => match other
                .strip_prefix("{header:")
                .and_then(|rest| rest.strip_suffix('}'))
            {
                Some(name) if is_header_name(name) => {
                    Part::Header(Cow::Owned(name.to_ascii_lowercase()))
                }
                _ => {
                    return Err(invalid(
                        "unknown placeholder in template (use {id}, {timestamp}, {body}, {url}, {method}, {path}, {form}, {header:Name})",
                    ));
                }
            },
            None => return Err(invalid("unclosed { in template")),
        });
        rest = placeholder.get(close + 1..).unwrap_or_default();
    }
    let count = |wanted: &Part| parts.iter().filter(|part| *part == wanted).count();
    let bodies = count(&Part::Body) + count(&Part::FormParams);
    if bodies > 1 || (bodies == 0 && !signature_in_body) {
        return Err(invalid(
            "the template must contain {body} (or {form}) exactly once",
        ));
    }
    if signature_in_body && bodies > 0 {
        return Err(invalid(
            "a signature inside the body cannot sign the body: leave {body} out",
        ));
    }
    let repeated = parts.iter().enumerate().any(|(index, part)| {
        !matches!(part, Part::Literal(_))
            && parts
                .get(index + 1..)
                .is_some_and(|rest| rest.contains(part))
    });
    if repeated {
        return Err(invalid("each field may appear once in the template"));
    }
    for pair in parts.windows(2) {
        let fields_touch = !matches!(pair, [Part::Literal(_), _] | [_, Part::Literal(_)]);
        if fields_touch {
            return Err(invalid(
                "two fields touch in the template: put literal text between them, or bytes could move from one to the other",
            ));
        }
    }
    if separators(&parts, &Part::Timestamp).any(|c| c.is_ascii_digit()) {
        return Err(invalid(
            "the text touching {timestamp} must not be a digit: the timestamp's digits could move into it",
        ));
    }
    Ok(parts)
}

/// Whether `value`, the value of `field` (an id or a named header), holds a character of the
/// literal text touching that field in `template`. Such a value could give bytes to its
/// neighbour (or take them) and the signature would still match: Standard Webhooks'
/// `{id}.{timestamp}.{body}` signs id `m.1700000000` with body `x` and id `m` with body
/// `1700000000.x`, both at timestamp `1700000000`, as the same bytes.
pub(crate) fn holds_separator(template: &[Part], field: &Part, value: &str) -> bool {
    separators(template, field).any(|c| value.contains(c))
}

/// The characters of literal text that touch `field` in `template`, one per side.
fn separators<'a>(template: &'a [Part], field: &'a Part) -> impl Iterator<Item = char> + 'a {
    template.windows(2).filter_map(move |pair| match pair {
        [Part::Literal(text), next] if next == field => text.chars().next_back(),
        [previous, Part::Literal(text)] if previous == field => text.chars().next(),
        // A field touching the timestamp with nothing between (Twitch's `{id}{timestamp}`): an
        // RFC 3339 timestamp always holds ':', so a field without one cannot take in the
        // timestamp and move the message's other bytes along (digit timestamps are kept apart
        // by checking their window both ways instead).
        [Part::Timestamp, next] if next == field => Some(':'),
        [previous, Part::Timestamp] if previous == field => Some(':'),
        _ => None,
    })
}
