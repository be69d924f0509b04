use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use crate::{Error, Headers};

/// The timestamp tolerance every scheme uses unless told otherwise, in seconds.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

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
    /// A scheme described by the user; build it with [`Scheme::custom`].
    Custom(Box<Custom>),
}

/// How a signature is written in its header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Encoding {
    /// Hexadecimal; lowercase when signing, either case accepted when verifying.
    #[default]
    Hex,
    /// Standard base64 with padding.
    Base64,
}

/// How a secret given as text becomes the HMAC key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum SecretFormat {
    /// The text's UTF-8 bytes are the key.
    #[default]
    Utf8,
    /// As Standard Webhooks: an optional `whsec_` prefix, then base64 of the key.
    Whsec,
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
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct CustomScheme {
    /// The header carrying the signature.
    pub signature_header: String,
    /// Text before the encoded signature, such as `sha256=`. Default: none.
    #[cfg_attr(feature = "serde", serde(default))]
    pub prefix: String,
    /// The signature's encoding. Default: hex.
    #[cfg_attr(feature = "serde", serde(default))]
    pub encoding: Encoding,
    /// The signed content over `{id}`, `{timestamp}` and `{body}` (exactly one `{body}`).
    /// Default: `{body}`.
    #[cfg_attr(feature = "serde", serde(default = "body_template"))]
    pub template: String,
    /// The header holding the message id; required when the template signs `{id}`. Without
    /// `{id}` in the template the id is not authenticated: it is reported as
    /// [`Unsigned::id`](crate::Unsigned::id), never as [`Verified::id`](crate::Verified::id).
    #[cfg_attr(feature = "serde", serde(default))]
    pub id_header: Option<String>,
    /// The header holding the Unix timestamp in seconds; required when the template signs
    /// `{timestamp}`, and only allowed then (an unsigned timestamp proves nothing).
    #[cfg_attr(feature = "serde", serde(default))]
    pub timestamp_header: Option<String>,
    /// The header naming the event type. No template signs it, so it is reported as
    /// [`Unsigned::event_type`](crate::Unsigned::event_type). Default: none.
    #[cfg_attr(feature = "serde", serde(default))]
    pub event_type_header: Option<String>,
    /// How a text secret becomes the key. Default: its UTF-8 bytes.
    #[cfg_attr(feature = "serde", serde(default))]
    pub secret_format: SecretFormat,
    /// The scheme's default timestamp tolerance. Default: 300 seconds.
    #[cfg_attr(feature = "serde", serde(default))]
    pub tolerance_seconds: Option<u64>,
}

#[cfg(feature = "serde")]
fn body_template() -> String {
    "{body}".into()
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
        }
    }
}

/// A checked custom scheme, made by [`Scheme::custom`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Custom {
    description: CustomScheme,
    template: Vec<Part>,
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
pub struct Coverage {
    /// The body's exact bytes.
    pub body: bool,
    /// The timestamp, which is then checked against the tolerance: replays are bounded in time.
    pub timestamp: bool,
    /// The message id, which can then key deduplication.
    pub id: bool,
}

impl Coverage {
    /// The names of the covered parts, in the order `body`, `timestamp`, `id`: the words the npm
    /// package, the Worker and the test vectors use.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        [
            (self.body, "body"),
            (self.timestamp, "timestamp"),
            (self.id, "id"),
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
    Body,
}

/// Where the signatures are in the signature header and how they are written.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SignatureFormat<'a> {
    /// One signature: `<prefix><encoded>`.
    Single { prefix: &'a str, encoding: Encoding },
    /// Standard Webhooks: space-separated `<version>,<base64>`, only `v1` counts.
    VersionedList,
    /// Stripe: comma-separated `t=<unix>` and `v1=<hex>` pairs.
    Stripe,
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
}

/// Everything the verifier and signer need to know of a scheme. Built-in schemes and custom ones
/// go through the same code; only this description differs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec<'a> {
    pub(crate) headers: HeaderNames<'a>,
    pub(crate) format: SignatureFormat<'a>,
    pub(crate) template: &'a [Part],
    pub(crate) secret_format: SecretFormat,
    pub(crate) rejects_future_timestamps: bool,
    pub(crate) tolerance_seconds: u64,
}

const fn lit(text: &'static str) -> Part {
    Part::Literal(Cow::Borrowed(text))
}

static BODY: [Part; 1] = [Part::Body];
static STANDARD_WEBHOOKS_CONTENT: [Part; 5] =
    [Part::Id, lit("."), Part::Timestamp, lit("."), Part::Body];
static STRIPE_CONTENT: [Part; 3] = [Part::Timestamp, lit("."), Part::Body];
static SLACK_CONTENT: [Part; 4] = [lit("v0:"), Part::Timestamp, lit(":"), Part::Body];

pub(crate) const WEBHOOK_HEADERS: HeaderNames<'static> = HeaderNames {
    signature: "webhook-signature",
    id: Some("webhook-id"),
    timestamp: Some("webhook-timestamp"),
    event_type: None,
    metadata: &[],
};

pub(crate) const SVIX_HEADERS: HeaderNames<'static> = HeaderNames {
    signature: "svix-signature",
    id: Some("svix-id"),
    timestamp: Some("svix-timestamp"),
    event_type: None,
    metadata: &[],
};

const fn single(prefix: &'static str, encoding: Encoding) -> SignatureFormat<'static> {
    SignatureFormat::Single { prefix, encoding }
}

const fn body_only(
    headers: HeaderNames<'static>,
    format: SignatureFormat<'static>,
) -> Spec<'static> {
    Spec {
        headers,
        format,
        template: &BODY,
        secret_format: SecretFormat::Utf8,
        rejects_future_timestamps: true,
        tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
    }
}

const fn signature_only(signature: &'static str) -> HeaderNames<'static> {
    HeaderNames {
        signature,
        id: None,
        timestamp: None,
        event_type: None,
        metadata: &[],
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

    /// The scheme's id: `standard-webhooks`, `svix`, `septiccycle`, `x-webhook-signature`,
    /// `github`, `stripe`, `slack`, `shopify`, or `custom`.
    pub fn id(&self) -> &'static str {
        match self {
            Scheme::StandardWebhooks => "standard-webhooks",
            Scheme::Svix => "svix",
            Scheme::SepticCycle => "septiccycle",
            Scheme::XWebhookSignature => "x-webhook-signature",
            Scheme::GitHub => "github",
            Scheme::Stripe => "stripe",
            Scheme::Slack => "slack",
            Scheme::Shopify => "shopify",
            Scheme::Custom(_) => "custom",
        }
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
        let template = parse_template(&description.template)?;
        let signs = |part: &Part| template.contains(part);
        if !is_header_name(&description.signature_header) {
            return Err(invalid("signatureHeader is not a header name"));
        }
        for header in [
            &description.id_header,
            &description.timestamp_header,
            &description.event_type_header,
        ]
        .into_iter()
        .flatten()
        {
            if !is_header_name(header) {
                return Err(invalid("a header field is not a header name"));
            }
        }
        if signs(&Part::Id) && description.id_header.is_none() {
            return Err(invalid("the template signs {id} but idHeader is missing"));
        }
        if signs(&Part::Timestamp) != description.timestamp_header.is_some() {
            return Err(invalid(
                "timestampHeader and {timestamp} in the template go together",
            ));
        }
        if !description
            .prefix
            .bytes()
            .all(|b| b.is_ascii_graphic() || b == b' ')
        {
            return Err(invalid("prefix must be printable ASCII"));
        }
        Ok(Scheme::Custom(Box::new(Custom {
            description,
            template,
        })))
    }

    /// What the scheme's signature covers. Only these parts of a verified message are
    /// authenticated; see [`Verified`](crate::Verified) and [`Unsigned`](crate::Unsigned).
    pub fn coverage(&self) -> Coverage {
        let template = self.spec().template;
        Coverage {
            body: template.contains(&Part::Body),
            timestamp: template.contains(&Part::Timestamp),
            id: template.contains(&Part::Id),
        }
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

    /// Guesses the scheme from the headers a request carries, for tools such as the playground.
    /// Returns `None` when no built-in scheme's signature header is present.
    pub fn detect<H: Headers + ?Sized>(headers: &H) -> Option<Scheme> {
        if headers.header("svix-signature").is_some()
            && headers.header("webhook-signature").is_none()
        {
            return Some(Scheme::Svix);
        }
        Scheme::BUILT_IN
            .into_iter()
            .find(|scheme| headers.header(scheme.spec().headers.signature).is_some())
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
            })
            .flatten()
            .map(str::to_ascii_lowercase)
            .collect()
    }

    /// The description the verifier and signer run on.
    pub(crate) fn spec(&self) -> Spec<'_> {
        match self {
            Scheme::StandardWebhooks | Scheme::Svix => Spec {
                headers: if *self == Scheme::Svix {
                    SVIX_HEADERS
                } else {
                    WEBHOOK_HEADERS
                },
                format: SignatureFormat::VersionedList,
                template: &STANDARD_WEBHOOKS_CONTENT,
                secret_format: SecretFormat::Whsec,
                rejects_future_timestamps: true,
                tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
            },
            Scheme::SepticCycle => body_only(
                signature_only("x-septiccycle-signature"),
                single("", Encoding::Hex),
            ),
            Scheme::XWebhookSignature => body_only(
                HeaderNames {
                    event_type: Some("x-webhook-event"),
                    ..signature_only("x-webhook-signature")
                },
                single("sha256=", Encoding::Hex),
            ),
            Scheme::GitHub => body_only(
                HeaderNames {
                    signature: "x-hub-signature-256",
                    id: Some("x-github-delivery"),
                    timestamp: None,
                    event_type: Some("x-github-event"),
                    metadata: &[
                        "x-github-hook-id",
                        "x-github-hook-installation-target-id",
                        "x-github-hook-installation-target-type",
                    ],
                },
                single("sha256=", Encoding::Hex),
            ),
            Scheme::Stripe => Spec {
                template: &STRIPE_CONTENT,
                rejects_future_timestamps: false,
                ..body_only(signature_only("stripe-signature"), SignatureFormat::Stripe)
            },
            Scheme::Slack => Spec {
                template: &SLACK_CONTENT,
                ..body_only(
                    HeaderNames {
                        timestamp: Some("x-slack-request-timestamp"),
                        metadata: &["x-slack-retry-num", "x-slack-retry-reason"],
                        ..signature_only("x-slack-signature")
                    },
                    single("v0=", Encoding::Hex),
                )
            },
            Scheme::Shopify => body_only(
                HeaderNames {
                    signature: "x-shopify-hmac-sha256",
                    id: Some("x-shopify-webhook-id"),
                    timestamp: None,
                    event_type: Some("x-shopify-topic"),
                    metadata: &[
                        "x-shopify-event-id",
                        "x-shopify-shop-domain",
                        "x-shopify-api-version",
                        "x-shopify-triggered-at",
                    ],
                },
                single("", Encoding::Base64),
            ),
            Scheme::Custom(custom) => {
                let d = &custom.description;
                Spec {
                    headers: HeaderNames {
                        signature: &d.signature_header,
                        id: d.id_header.as_deref(),
                        timestamp: d.timestamp_header.as_deref(),
                        event_type: d.event_type_header.as_deref(),
                        metadata: &[],
                    },
                    format: SignatureFormat::Single {
                        prefix: &d.prefix,
                        encoding: d.encoding,
                    },
                    template: &custom.template,
                    secret_format: d.secret_format,
                    rejects_future_timestamps: true,
                    tolerance_seconds: d.tolerance_seconds.unwrap_or(DEFAULT_TOLERANCE_SECONDS),
                }
            }
        }
    }
}

impl FromStr for Scheme {
    type Err = Error;

    /// Parses a built-in scheme id (see [`Scheme::id`]).
    fn from_str(id: &str) -> Result<Scheme, Error> {
        Scheme::BUILT_IN
            .into_iter()
            .find(|scheme| scheme.id() == id)
            .ok_or_else(|| invalid("unknown scheme id"))
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Encoding {
    type Err = Error;

    /// `hex` or `base64`.
    fn from_str(name: &str) -> Result<Encoding, Error> {
        match name {
            "hex" => Ok(Encoding::Hex),
            "base64" => Ok(Encoding::Base64),
            _ => Err(invalid("encoding must be hex or base64")),
        }
    }
}

impl FromStr for SecretFormat {
    type Err = Error;

    /// `utf8` or `whsec`.
    fn from_str(name: &str) -> Result<SecretFormat, Error> {
        match name {
            "utf8" => Ok(SecretFormat::Utf8),
            "whsec" => Ok(SecretFormat::Whsec),
            _ => Err(invalid("secretFormat must be utf8 or whsec")),
        }
    }
}

/// A scheme as configuration names it: a built-in id, or a custom scheme object.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum SchemeDescription {
    Id(String),
    Custom(CustomScheme),
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Scheme {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let scheme = match SchemeDescription::deserialize(deserializer)? {
            SchemeDescription::Id(id) => id.parse(),
            SchemeDescription::Custom(description) => Scheme::custom(description),
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

fn parse_template(template: &str) -> Result<Vec<Part>, Error> {
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
            _ => {
                return Err(invalid(
                    "unknown placeholder in template (use {id}, {timestamp}, {body})",
                ));
            }
        });
        rest = placeholder.get(close + 1..).unwrap_or_default();
    }
    let count = |wanted: &Part| parts.iter().filter(|part| *part == wanted).count();
    if count(&Part::Body) != 1 {
        return Err(invalid("the template must contain {body} exactly once"));
    }
    if count(&Part::Id) > 1 || count(&Part::Timestamp) > 1 {
        return Err(invalid(
            "{id} and {timestamp} may each appear once in the template",
        ));
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

/// The characters a signed id must not contain under `template`: those of the literal text
/// touching `{id}`. An id holding one could give bytes to its neighbour (or take them) and the
/// signature would still match: Standard Webhooks' `{id}.{timestamp}.{body}` signs id
/// `m.1700000000` with body `x` and id `m` with body `1700000000.x`, both at timestamp
/// `1700000000`, as the same bytes.
pub(crate) fn id_separators(template: &[Part]) -> impl Iterator<Item = char> + '_ {
    separators(template, &Part::Id)
}

/// The characters of literal text that touch `field` in `template`, one per side.
fn separators<'a>(template: &'a [Part], field: &'a Part) -> impl Iterator<Item = char> + 'a {
    template.windows(2).filter_map(move |pair| match pair {
        [Part::Literal(text), next] if next == field => text.chars().next_back(),
        [previous, Part::Literal(text)] if previous == field => text.chars().next(),
        _ => None,
    })
}
