//! Endpoint challenges: what some providers send before they deliver, which a receiver must
//! answer for its route to work at all.

/// A provider's endpoint challenge ([`Preset::handshake`](crate::Preset::handshake)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Handshake {
    /// Zoom's `endpoint.url_validation` event: a signed POST whose `payload.plainToken` the
    /// receiver returns with its HMAC-SHA256 under the secret token, hex.
    ZoomUrlValidation,
    /// Meta's (Facebook, Instagram, Messenger, WhatsApp) verification request: a GET with
    /// `hub.mode=subscribe`, the verify token the app owner chose and `hub.challenge`, which the
    /// receiver echoes when the verify token matches.
    MetaVerifyToken,
    /// X's (Twitter's) challenge-response check: a GET with `crc_token`, answered with
    /// `sha256=` + base64 HMAC-SHA256 of it under the consumer secret.
    TwitterCrc,
}
