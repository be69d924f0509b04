use alloc::string::String;
use core::fmt;

/// Why a webhook did not verify, or why a verifier or signer could not be built.
///
/// Every variant has a stable snake_case [`code`](Error::code) that the npm package and the
/// Worker report unchanged. The messages name headers and formats, never secrets, signatures or
/// bodies: a mismatch says only that it mismatched. The holder of the secret can ask
/// [`Verifier::diagnose`](crate::Verifier::diagnose) for the details.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A header the scheme needs is absent. Carries the header's name.
    MissingHeader(String),
    /// A header is present but not in the scheme's format (empty, wrong prefix, no `t=` in a
    /// Stripe header, too long, too many signatures). Carries the header's name and what is wrong.
    MalformedHeader {
        /// The header's name.
        header: String,
        /// What is wrong with it, in a few words.
        reason: &'static str,
    },
    /// The timestamp is not a plain decimal number of Unix seconds.
    InvalidTimestamp,
    /// The timestamp is further in the past than the tolerance allows.
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance allows.
    TimestampTooNew,
    /// No signature in the request matches any of the secrets.
    NoMatchingSignature,
    /// A secret cannot be used: empty, or not base64 where the scheme decodes it.
    InvalidSecret(&'static str),
    /// An unknown scheme id, or a custom scheme description that does not describe a usable scheme.
    InvalidScheme(String),
    /// A field the scheme reads from the JSON body is absent, or the body is not the JSON the
    /// scheme expects. Carries the field's path and what is wrong.
    MalformedBody {
        /// The field's path, keys separated by `.`.
        field: String,
        /// What is wrong, in a few words.
        reason: &'static str,
    },
    /// The scheme signs the request's URL and none was given (see
    /// [`RequestContext`](crate::RequestContext)).
    MissingUrl,
    /// The scheme signs the request's method and none was given.
    MissingMethod,
    /// Signing was asked without an input the scheme signs (an id or a timestamp), or with an
    /// input that cannot go into a header (a line break in the id).
    InvalidSignInput(&'static str),
}

impl Error {
    /// The stable snake_case code of this error, shared by every face of hookseal.
    pub fn code(&self) -> &'static str {
        match self {
            Error::MissingHeader(_) => "missing_header",
            Error::MalformedHeader { .. } => "malformed_header",
            Error::InvalidTimestamp => "invalid_timestamp",
            Error::TimestampTooOld => "timestamp_too_old",
            Error::TimestampTooNew => "timestamp_too_new",
            Error::NoMatchingSignature => "no_matching_signature",
            Error::InvalidSecret(_) => "invalid_secret",
            Error::InvalidScheme(_) => "invalid_scheme",
            Error::InvalidSignInput(_) => "invalid_sign_input",
            Error::MalformedBody { .. } => "malformed_body",
            Error::MissingUrl => "missing_url",
            Error::MissingMethod => "missing_method",
        }
    }

    /// A generic hint for a person fixing their receiver or sender. It never depends on the
    /// secret; request-specific hints come from [`Verifier::diagnose`](crate::Verifier::diagnose).
    pub fn hint(&self) -> Option<&'static str> {
        Some(match self {
            Error::MissingHeader(_) => {
                "pass all request headers unchanged; check that the scheme matches the sender"
            }
            Error::MalformedHeader { .. } => {
                "pass the header value exactly as received, without added quotes or prefixes"
            }
            Error::InvalidTimestamp => {
                "the timestamp must be whole Unix seconds, not milliseconds or a date"
            }
            Error::TimestampTooOld | Error::TimestampTooNew => {
                "check the receiver's clock, or a replayed or delayed delivery"
            }
            Error::NoMatchingSignature => {
                "verify the raw request body bytes (not re-serialized JSON) with the endpoint's secret"
            }
            Error::InvalidSecret(_) => {
                "use the secret exactly as the sender shows it (Standard Webhooks: whsec_ + base64)"
            }
            Error::MalformedBody { .. } => {
                "pass the raw body as received: this scheme reads signed fields from it"
            }
            Error::MissingUrl | Error::MissingMethod => {
                "this scheme signs the request's URL and method: pass them as the sender saw them"
            }
            Error::InvalidScheme(_) | Error::InvalidSignInput(_) => return None,
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingHeader(name) => write!(f, "missing header {name}"),
            Error::MalformedHeader { header, reason } => {
                write!(f, "malformed header {header}: {reason}")
            }
            Error::InvalidTimestamp => f.write_str("invalid timestamp"),
            Error::TimestampTooOld => f.write_str("timestamp too old"),
            Error::TimestampTooNew => f.write_str("timestamp too new"),
            Error::NoMatchingSignature => f.write_str("no matching signature"),
            Error::InvalidSecret(reason) => write!(f, "invalid secret: {reason}"),
            Error::InvalidScheme(reason) => write!(f, "invalid scheme: {reason}"),
            Error::InvalidSignInput(reason) => write!(f, "cannot sign: {reason}"),
            Error::MalformedBody { field, reason } => {
                write!(f, "malformed body field {field}: {reason}")
            }
            Error::MissingUrl => f.write_str("missing request URL"),
            Error::MissingMethod => f.write_str("missing request method"),
        }
    }
}

impl core::error::Error for Error {}
