use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::scheme::{Part, SecretFormat};
use crate::{Error, Scheme};

/// The length of an HMAC-SHA256 tag, the only signature length any scheme accepts.
pub(crate) const MAC_LEN: usize = 32;

/// A signing secret as its holder has it: text, read the way the scheme reads text secrets
/// (for Standard Webhooks `whsec_` + base64, for Stripe the whole string, otherwise its UTF-8
/// bytes), or raw key bytes, used as the HMAC key as they are.
///
/// `Debug` never shows the secret.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    /// A secret as the sender's dashboard shows it.
    Text(&'a str),
    /// The raw HMAC key.
    Bytes(&'a [u8]),
}

impl Secret<'_> {
    /// The HMAC key this secret gives under `scheme`: for hosts that compute the HMAC themselves
    /// (see [`Verifier::verify_with_mac`](crate::Verifier::verify_with_mac)). Treat it as the
    /// secret it is.
    pub fn key_bytes(&self, scheme: &Scheme) -> Result<Vec<u8>, Error> {
        key_bytes(*self, scheme.spec().secret_format).map(Cow::into_owned)
    }
}

fn key_bytes(secret: Secret<'_>, format: SecretFormat) -> Result<Cow<'_, [u8]>, Error> {
    let bytes = match (secret, format) {
        (Secret::Bytes(bytes), _) => Cow::Borrowed(bytes),
        (Secret::Text(text), SecretFormat::Utf8) => Cow::Borrowed(text.as_bytes()),
        (Secret::Text(text), SecretFormat::Whsec) => {
            let encoded = text.strip_prefix("whsec_").unwrap_or(text);
            Cow::Owned(
                BASE64
                    .decode(encoded)
                    .map_err(|_| Error::InvalidSecret("not base64 after the whsec_ prefix"))?,
            )
        }
    };
    if bytes.is_empty() {
        return Err(Error::InvalidSecret("empty"));
    }
    Ok(bytes)
}

impl fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl<'a> From<&'a str> for Secret<'a> {
    fn from(text: &'a str) -> Self {
        Secret::Text(text)
    }
}

impl<'a> From<&'a String> for Secret<'a> {
    fn from(text: &'a String) -> Self {
        Secret::Text(text)
    }
}

impl<'a> From<&'a [u8]> for Secret<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Secret::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Secret<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Secret::Bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Secret<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Secret::Bytes(bytes)
    }
}

/// An HMAC-SHA256 key, keyed once: each message then clones the keyed state instead of hashing
/// the key again (two compression blocks saved per message).
#[derive(Clone)]
pub(crate) struct Key(Hmac<Sha256>);

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

impl Key {
    pub(crate) fn new(secret: Secret<'_>, format: SecretFormat) -> Result<Key, Error> {
        Hmac::new_from_slice(&key_bytes(secret, format)?)
            .map(Key)
            .map_err(|_| Error::InvalidSecret("unusable as an HMAC key"))
    }

    /// The HMAC of the signed content.
    pub(crate) fn sign(&self, content: &SignedContent<'_>) -> [u8; MAC_LEN] {
        let mut mac = self.0.clone();
        content.for_each_piece(|piece| mac.update(piece));
        mac.finalize().into_bytes().into()
    }
}

/// The bytes a scheme signs, as the template's pieces, so that they are hashed without being
/// copied into one buffer.
pub(crate) struct SignedContent<'a> {
    pub(crate) template: &'a [Part],
    pub(crate) id: &'a str,
    pub(crate) timestamp: &'a str,
    pub(crate) body: &'a [u8],
}

impl SignedContent<'_> {
    pub(crate) fn for_each_piece(&self, mut f: impl FnMut(&[u8])) {
        for part in self.template {
            f(match part {
                Part::Literal(text) => text.as_bytes(),
                Part::Id => self.id.as_bytes(),
                Part::Timestamp => self.timestamp.as_bytes(),
                Part::Body => self.body,
            });
        }
    }

    /// The signed bytes before the body and after it (a template has exactly one `{body}`).
    pub(crate) fn around_body(&self) -> (Vec<u8>, Vec<u8>) {
        let (mut before, mut after) = (Vec::new(), Vec::new());
        let mut seen_body = false;
        for part in self.template {
            let piece = match part {
                Part::Literal(text) => text.as_bytes(),
                Part::Id => self.id.as_bytes(),
                Part::Timestamp => self.timestamp.as_bytes(),
                Part::Body => {
                    seen_body = true;
                    continue;
                }
            };
            if seen_body { &mut after } else { &mut before }.extend_from_slice(piece);
        }
        (before, after)
    }

    /// The signed content in one buffer, for diagnostics.
    pub(crate) fn to_vec(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.for_each_piece(|piece| bytes.extend_from_slice(piece));
        bytes
    }
}
