//! Endpoint challenges: what some providers send before they deliver, which a receiver must
//! answer for its route to work at all.
//!
//! Three providers of the catalog check an endpoint before (and while) they deliver to it:
//!
//! | handshake | request | answer |
//! | --- | --- | --- |
//! | [`ZoomUrlValidation`](Handshake::ZoomUrlValidation) (`zoom`) | `POST`, signed like every Zoom event, body `{"event": "endpoint.url_validation", "payload": {"plainToken": "…"}, …}` | `200`, `application/json`: `{"plainToken": "…", "encryptedToken": "<hex HMAC-SHA256(secret token, plainToken)>"}` |
//! | [`MetaVerifyToken`](Handshake::MetaVerifyToken) (`meta`, `whatsapp`) | `GET ?hub.mode=subscribe&hub.challenge=<c>&hub.verify_token=<token>` | `200`, `text/plain`: `<c>` when the token is the route's verify token (compared in constant time); otherwise `403` |
//! | [`TwitterCrc`](Handshake::TwitterCrc) (`twitter`) | `GET ?crc_token=<t>` | `200`, `application/json`: `{"response_token": "sha256=<base64 HMAC-SHA256(consumer secret, t)>"}` |
//!
//! [`Verifier::answer_handshake`] is what a receiver calls: it answers a Zoom challenge only
//! once it verified (never an unsigned one), keyed with the secret that verified it; X's with
//! the first secret; Meta's against the verify token, a setting of its own (it travels in a URL:
//! never the app secret). [`Handshake::answer`] is the same logic without a verifier, for a
//! caller that holds the secret's bytes and has verified a Zoom challenge itself.
//!
//! Query parameters are read as URL forms are (percent-decoding, `+` as a space); one given
//! twice makes the request no challenge, since parsers disagree on which copy counts.

use alloc::string::String;
use alloc::vec::Vec;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::Hmac;
use hmac::digest::{FixedOutput, KeyInit, Update};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::secret::MAC_LEN;
use crate::{Error, Headers, RequestContext, Verifier, form, json};

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

/// What a receiver sends back to a challenge, as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Answer {
    /// The HTTP status: `200` for an answered challenge, `403` for a Meta verification request
    /// with the wrong verify token.
    pub status: u16,
    /// The `Content-Type` of the body.
    pub content_type: &'static str,
    /// The body.
    pub body: String,
}

const JSON: &str = "application/json";
const TEXT: &str = "text/plain";
const ZOOM_EVENT: &str = "endpoint.url_validation";
const ZOOM_TOKEN: &str = "payload.plainToken";

/// A challenge as read from the request, before any key is used.
enum Challenge<'a> {
    Zoom {
        plain_token: &'a str,
    },
    Meta {
        verify_token: Option<Vec<u8>>,
        challenge: String,
    },
    Twitter {
        crc_token: Vec<u8>,
    },
}

impl Handshake {
    /// The method the provider sends its challenge with: `POST` for Zoom, `GET` for the others.
    pub fn method(self) -> &'static str {
        match self {
            Handshake::ZoomUrlValidation => "POST",
            Handshake::MetaVerifyToken | Handshake::TwitterCrc => "GET",
        }
    }

    /// Whether the challenge is signed like the provider's events and must verify before it is
    /// answered (Zoom's).
    pub fn is_signed(self) -> bool {
        self == Handshake::ZoomUrlValidation
    }

    /// Whether the request has the shape of this provider's challenge. Nothing is checked: a
    /// Zoom challenge still has to verify, a Meta one to carry the right verify token.
    ///
    /// `url` is the request's URL (at least its `?` and query), `body` its raw bytes.
    pub fn is_challenge(self, method: &str, url: &str, body: &[u8]) -> bool {
        self.read(method, url, body).is_some()
    }

    /// The answer to this provider's challenge, or `None` when the request is not one (or is a
    /// Zoom challenge without a readable `payload.plainToken`).
    ///
    /// `secret` is the HMAC key: Zoom's secret token or X's consumer secret, as UTF-8 bytes.
    /// `verify_token` is the token the Meta app owner chose (`None`: every Meta verification
    /// request is refused). **A Zoom challenge is answered here without being verified**: call
    /// this only for one that verified, or call [`Verifier::answer_handshake`], which does both.
    ///
    /// ```
    /// use hookseal::handshake::Handshake;
    ///
    /// // Meta's documented verification request.
    /// let url = "https://example.com/webhooks?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
    /// let answer = Handshake::MetaVerifyToken.answer("GET", url, b"", b"", Some("meatyhamhock")).unwrap();
    /// assert_eq!((answer.status, answer.body.as_str()), (200, "1158201444"));
    /// let refused = Handshake::MetaVerifyToken.answer("GET", url, b"", b"", Some("another")).unwrap();
    /// assert_eq!(refused.status, 403);
    /// ```
    pub fn answer(
        self,
        method: &str,
        url: &str,
        body: &[u8],
        secret: &[u8],
        verify_token: Option<&str>,
    ) -> Option<Answer> {
        let challenge = self.read(method, url, body)?.ok()?;
        let mac = |message: &[u8]| {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).ok()?;
            Update::update(&mut mac, message);
            Some(<[u8; MAC_LEN]>::from(mac.finalize_fixed()))
        };
        challenge.respond(mac, verify_token)
    }

    /// The challenge in the request: `None` when there is none, an error for a Zoom challenge
    /// whose token cannot be read.
    fn read<'a>(
        self,
        method: &str,
        url: &str,
        body: &'a [u8],
    ) -> Option<Result<Challenge<'a>, Error>> {
        if !method.eq_ignore_ascii_case(self.method()) {
            return None;
        }
        match self {
            Handshake::ZoomUrlValidation => {
                if json::field(body, "event") != Ok(Some(ZOOM_EVENT)) {
                    return None;
                }
                let token = match json::field(body, ZOOM_TOKEN) {
                    Ok(Some(token)) if !token.is_empty() => {
                        Ok(Challenge::Zoom { plain_token: token })
                    }
                    Ok(_) => Err("missing or empty"),
                    Err(reason) => Err(reason),
                };
                Some(token.map_err(|reason| Error::MalformedBody {
                    field: ZOOM_TOKEN.into(),
                    reason,
                }))
            }
            Handshake::MetaVerifyToken => {
                let query = Query::new(url);
                if query.param("hub.mode")? != b"subscribe" {
                    return None;
                }
                let challenge = String::from_utf8(query.param("hub.challenge")?).ok()?;
                let verify_token = match query.count("hub.verify_token") {
                    0 => None,
                    1 => query.param("hub.verify_token"),
                    _ => return None,
                };
                Some(Ok(Challenge::Meta {
                    verify_token,
                    challenge,
                }))
            }
            Handshake::TwitterCrc => {
                let crc_token = Query::new(url).param("crc_token")?;
                (!crc_token.is_empty()).then_some(Ok(Challenge::Twitter { crc_token }))
            }
        }
    }
}

impl Challenge<'_> {
    /// The answer, with `mac` computing HMAC-SHA256 under the provider's secret; `None` when
    /// `mac` cannot (the key is not an HMAC-SHA256 key).
    fn respond(
        &self,
        mac: impl FnOnce(&[u8]) -> Option<[u8; MAC_LEN]>,
        expected_token: Option<&str>,
    ) -> Option<Answer> {
        Some(match self {
            Challenge::Zoom { plain_token } => {
                let encrypted = base16ct::lower::encode_string(&mac(plain_token.as_bytes())?);
                let mut body = String::from("{\"plainToken\":");
                json_string(&mut body, plain_token);
                body.push_str(",\"encryptedToken\":\"");
                body.push_str(&encrypted);
                body.push_str("\"}");
                Answer {
                    status: 200,
                    content_type: JSON,
                    body,
                }
            }
            Challenge::Twitter { crc_token } => {
                let mut body = String::from("{\"response_token\":\"sha256=");
                BASE64.encode_string(mac(crc_token)?, &mut body);
                body.push_str("\"}");
                Answer {
                    status: 200,
                    content_type: JSON,
                    body,
                }
            }
            Challenge::Meta {
                verify_token,
                challenge,
            } => {
                if same_token(verify_token.as_deref(), expected_token) {
                    Answer {
                        status: 200,
                        content_type: TEXT,
                        body: challenge.clone(),
                    }
                } else {
                    Answer {
                        status: 403,
                        content_type: JSON,
                        body: "{\"error\":\"invalid_verify_token\"}".into(),
                    }
                }
            }
        })
    }
}

impl Verifier {
    /// Answers the endpoint challenge of the scheme's provider ([`Preset::handshake`](crate::Preset::handshake))
    /// when the request is one. Call it before [`verify_request`](Verifier::verify_request):
    ///
    /// - `None`: the scheme has no handshake, or the request is not its challenge. Verify it as
    ///   usual.
    /// - `Some(Ok(answer))`: send `answer` back as it is. The request is not a message: never
    ///   pass it on.
    /// - `Some(Err(error))`: a signed challenge (Zoom's) that does not verify, or whose token
    ///   cannot be read: refuse it like any request that fails verification (`401`).
    ///
    /// A Zoom challenge is answered only once it verified, keyed with the secret that verified
    /// it; X's check is answered with the first secret; Meta's verification request is
    /// answered when its `hub.verify_token` is `verify_token` (compared in constant time, by
    /// SHA-256), and refused with `403` otherwise or when `verify_token` is `None`.
    ///
    /// ```
    /// use hookseal::{RequestContext, Scheme, Verifier};
    ///
    /// let verifier = Verifier::new(Scheme::from_id("twitter")?, ["z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu"])?;
    /// let context = RequestContext::new("https://example.com/x?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553", "GET");
    /// let no_headers: [(&str, &str); 0] = [];
    /// let answer = verifier.answer_handshake(b"", &no_headers, &context, 0, None).unwrap()?;
    /// assert_eq!(answer.body, r#"{"response_token":"sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8="}"#);
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn answer_handshake<H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        context: &RequestContext<'_>,
        now: u64,
        verify_token: Option<&str>,
    ) -> Option<Result<Answer, Error>> {
        let handshake = self.scheme().preset()?.handshake()?;
        let method = context.method.unwrap_or_default();
        let url = context.url.unwrap_or_default();
        let challenge = match handshake.read(method, url, body)? {
            Ok(challenge) => challenge,
            // Verification comes first: an unsigned challenge learns nothing from its error.
            Err(error) => {
                return Some(
                    self.verify_request(body, headers, context, now)
                        .and(Err(error)),
                );
            }
        };
        let key = if handshake.is_signed() {
            if let Err(error) = self.verify_request(body, headers, context, now) {
                return Some(Err(error));
            }
            // The secret that verified it: during a rotation Zoom signs with one of them.
            self.keys().iter().find(|key| {
                self.verify_with(core::slice::from_ref(*key), body, headers, context, now)
                    .is_ok()
            })
        } else {
            self.keys().first()
        };
        let mac = |message: &[u8]| key?.hmac_sha256(message);
        Some(
            challenge
                .respond(mac, verify_token)
                .ok_or(Error::InvalidSecret(
                    "the handshake needs an HMAC-SHA256 secret",
                )),
        )
    }
}

/// Whether the received verify token is the expected one: both hashed first, so that the
/// comparison takes the same time whatever the lengths. An empty or missing expected token
/// matches nothing.
fn same_token(received: Option<&[u8]>, expected: Option<&str>) -> bool {
    let (Some(received), Some(expected)) = (received, expected) else {
        return false;
    };
    if expected.is_empty() {
        return false;
    }
    Sha256::digest(received)
        .ct_eq(&Sha256::digest(expected.as_bytes()))
        .into()
}

/// `text` as a JSON string, quotes included.
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                out.push_str("\\u00");
                let byte = u8::try_from(u32::from(c)).unwrap_or_default();
                out.push_str(&base16ct::lower::encode_string(&[byte]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A URL's query, its parameters decoded as URL forms are.
struct Query<'a>(&'a str);

impl<'a> Query<'a> {
    fn new(url: &'a str) -> Query<'a> {
        let query = url.split_once('?').map_or("", |(_, query)| query);
        Query(query.split_once('#').map_or(query, |(query, _)| query))
    }

    fn values(&self, name: &'a str) -> impl Iterator<Item = Vec<u8>> + 'a {
        self.0
            .split('&')
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .filter(move |(key, _)| form::decode(key.as_bytes()) == name.as_bytes())
            .map(|(_, value)| form::decode(value.as_bytes()))
    }

    fn count(&self, name: &'a str) -> usize {
        self.values(name).count()
    }

    /// The value of parameter `name`, decoded; `None` when it is absent or given more than once.
    fn param(&self, name: &'a str) -> Option<Vec<u8>> {
        let mut values = self.values(name);
        let value = values.next()?;
        values.next().is_none().then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::ToString;

    use super::*;
    use crate::{Scheme, SignInput, Signer};

    const NOW: u64 = 1_654_503_849;
    /// Zoom's documented challenge (Validate your webhook endpoint).
    const ZOOM_CHALLENGE: &str = r#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"#;
    /// Meta's documented verification request (Graph API webhooks, Verification Requests).
    const META_URL: &str = "https://www.your-clever-domain-name.com/webhooks?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
    /// The consumer secret and token of X's developer-relations CRC example
    /// (gist.github.com/jcipriano/46c4b3f379d214d57a9ddfa70dba49fe).
    const X_SECRET: &str = "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu";
    const X_TOKEN: &str = "9b4507b3-9040-4669-9ca3-6b94edb50553";
    /// Computed with python3 hmac and base64 from the example above.
    const X_RESPONSE: &str =
        r#"{"response_token":"sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8="}"#;

    fn verifier(id: &str, secrets: &[&str]) -> Verifier {
        Verifier::new(
            Scheme::from_id(id).expect("a preset"),
            secrets.iter().copied(),
        )
        .expect("a verifier")
    }

    fn zoom_headers(secret: &str, body: &str) -> Vec<(String, String)> {
        Signer::new(Scheme::from_id("zoom").expect("zoom"), secret)
            .expect("a signer")
            .sign(
                body.as_bytes(),
                &SignInput {
                    timestamp: Some(NOW),
                    ..SignInput::default()
                },
            )
            .expect("signed headers")
    }

    #[test]
    fn zoom_answers_the_documented_challenge() {
        // The docs give the challenge and an answer but not the secret token behind it; the
        // same challenge under "secretValueTest" is elastic/beats' test of its Zoom CRC
        // (x-pack/filebeat/input/http_endpoint), an implementation independent of this one.
        let answer = Handshake::ZoomUrlValidation
            .answer(
                "POST",
                "",
                ZOOM_CHALLENGE.as_bytes(),
                b"secretValueTest",
                None,
            )
            .expect("an answer");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.content_type, "application/json");
        assert_eq!(
            answer.body,
            r#"{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":"70c1f2e2e6ca2d39297490d1f9142c7d701415ea8e6151f6562a08fa657a40ff"}"#
        );
    }

    #[test]
    fn zoom_answers_only_a_challenge_that_verifies() {
        let verifier = verifier("zoom", &["old-secret-token", "secretValueTest"]);
        let body = ZOOM_CHALLENGE.as_bytes();
        let context = RequestContext::new("https://example.com/zoom", "POST");
        let headers = zoom_headers("secretValueTest", ZOOM_CHALLENGE);
        let answer = verifier
            .answer_handshake(body, &headers, &context, NOW, None)
            .expect("an answer")
            .expect("an answer");
        // Keyed with the secret that verified it, not the first one.
        assert!(answer.body.contains("70c1f2e2e6ca2d39"), "{}", answer.body);

        let forged = zoom_headers("not-the-secret", ZOOM_CHALLENGE);
        assert_eq!(
            verifier.answer_handshake(body, &forged, &context, NOW, None),
            Some(Err(Error::NoMatchingSignature))
        );
        let none: [(&str, &str); 0] = [];
        assert_eq!(
            verifier
                .answer_handshake(body, &none, &context, NOW, None)
                .map(|answer| answer.map_err(|error| error.code())),
            Some(Err("missing_header"))
        );
        assert_eq!(
            verifier.answer_handshake(body, &headers, &context, NOW + 301, None),
            Some(Err(Error::TimestampTooOld))
        );
        // An ordinary event is not a challenge: verified and passed on as usual.
        let event = r#"{"event":"meeting.started","payload":{"plainToken":"x"}}"#;
        let event_headers = zoom_headers("secretValueTest", event);
        assert_eq!(
            verifier.answer_handshake(event.as_bytes(), &event_headers, &context, NOW, None),
            None
        );
        // A challenge by GET is no challenge.
        let get = RequestContext::new("https://example.com/zoom", "GET");
        assert_eq!(
            verifier.answer_handshake(body, &headers, &get, NOW, None),
            None
        );
    }

    #[test]
    fn zoom_challenge_without_a_readable_token_is_refused_after_verification() {
        let verifier = verifier("zoom", &["secretValueTest"]);
        let context = RequestContext::new("https://example.com/zoom", "POST");
        for body in [
            r#"{"event":"endpoint.url_validation","payload":{}}"#,
            r#"{"event":"endpoint.url_validation","payload":{"plainToken":""}}"#,
            r#"{"event":"endpoint.url_validation","payload":{"plainToken":"a\u0041"}}"#,
            r#"{"event":"endpoint.url_validation","payload":{"plainToken":12}}"#,
        ] {
            let headers = zoom_headers("secretValueTest", body);
            let outcome = verifier
                .answer_handshake(body.as_bytes(), &headers, &context, NOW, None)
                .map(|answer| answer.map_err(|error| error.code()));
            if body.contains(":12") {
                // A number is read as its text: answered like any token.
                assert!(matches!(outcome, Some(Ok(_))), "{body}");
            } else {
                assert_eq!(outcome, Some(Err("malformed_body")), "{body}");
            }
            let forged = zoom_headers("other", body);
            assert_eq!(
                verifier
                    .answer_handshake(body.as_bytes(), &forged, &context, NOW, None)
                    .map(|answer| answer.map_err(|error| error.code())),
                Some(Err("no_matching_signature")),
                "{body}"
            );
            assert_eq!(
                Handshake::ZoomUrlValidation
                    .answer("POST", "", body.as_bytes(), b"k", None)
                    .is_some(),
                body.contains(":12"),
                "{body}"
            );
        }
    }

    #[test]
    fn zoom_echoes_the_token_as_json() {
        // Raw control characters are not valid JSON inside a string: escaped in the answer.
        let body = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"a\tb\"}}";
        let answer = Handshake::ZoomUrlValidation
            .answer("POST", "", body.as_bytes(), b"k", None)
            .expect("an answer");
        assert!(
            answer.body.starts_with(r#"{"plainToken":"a\u0009b","#),
            "{}",
            answer.body
        );
    }

    #[test]
    fn meta_answers_the_documented_request_with_the_right_verify_token_only() {
        let answer = Handshake::MetaVerifyToken
            .answer("GET", META_URL, b"", b"", Some("meatyhamhock"))
            .expect("an answer");
        assert_eq!(
            answer,
            Answer {
                status: 200,
                content_type: "text/plain",
                body: "1158201444".to_string(),
            }
        );
        for wrong in [Some("meatyhamhocks"), Some("meatyhamhoc"), Some(""), None] {
            let refused = Handshake::MetaVerifyToken
                .answer("GET", META_URL, b"", b"", wrong)
                .expect("an answer");
            assert_eq!(refused.status, 403, "{wrong:?}");
            assert!(!refused.body.contains("1158201444"));
        }
        let without = "https://x/h?hub.mode=subscribe&hub.challenge=1158201444";
        let refused = Handshake::MetaVerifyToken
            .answer("GET", without, b"", b"", Some("meatyhamhock"))
            .expect("an answer");
        assert_eq!(refused.status, 403);
        // Through a verifier, whatever the app secret.
        let verifier = verifier("whatsapp", &["app-secret"]);
        let context = RequestContext::new(META_URL, "GET");
        let none: [(&str, &str); 0] = [];
        assert_eq!(
            verifier
                .answer_handshake(b"", &none, &context, NOW, Some("meatyhamhock"))
                .expect("an answer")
                .expect("an answer")
                .body,
            "1158201444"
        );
        assert_eq!(
            verifier
                .answer_handshake(b"", &none, &context, NOW, Some("app-secret"))
                .expect("an answer")
                .expect("an answer")
                .status,
            403
        );
    }

    #[test]
    fn meta_reads_the_query_as_a_form() {
        let url = "https://x/h?hub.verify_token=a+b%26c%3D%F0%9F%94%91&hub.challenge=abc%20d&hub.mode=subscribe#frag";
        let answer = Handshake::MetaVerifyToken
            .answer("GET", url, b"", b"", Some("a b&c=🔑"))
            .expect("an answer");
        assert_eq!((answer.status, answer.body.as_str()), (200, "abc d"));
        // Not a challenge: another mode, no challenge, a repeated parameter, another method.
        for url in [
            "https://x/h?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=t",
            "https://x/h?hub.mode=subscribe&hub.verify_token=t",
            "https://x/h?hub.mode=subscribe&hub.challenge=1&hub.challenge=2&hub.verify_token=t",
            "https://x/h?hub.mode=subscribe&hub.challenge=1&hub.verify_token=t&hub.verify_token=u",
            "https://x/h?hub.mode=subscribe&hub.challenge=%FF&hub.verify_token=t",
            "https://x/h",
        ] {
            assert_eq!(
                Handshake::MetaVerifyToken.answer("GET", url, b"", b"", Some("t")),
                None,
                "{url}"
            );
        }
        assert_eq!(
            Handshake::MetaVerifyToken.answer("POST", META_URL, b"", b"", Some("meatyhamhock")),
            None
        );
    }

    #[test]
    fn twitter_answers_the_crc_with_the_first_secret() {
        let url = format!("https://example.com/x?crc_token={X_TOKEN}");
        let answer = Handshake::TwitterCrc
            .answer("GET", &url, b"", X_SECRET.as_bytes(), None)
            .expect("an answer");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.content_type, "application/json");
        assert_eq!(answer.body, X_RESPONSE);
        let verifier = verifier("twitter", &[X_SECRET, "the-next-secret"]);
        let context = RequestContext::new(&url, "GET");
        let none: [(&str, &str); 0] = [];
        assert_eq!(
            verifier
                .answer_handshake(b"", &none, &context, NOW, None)
                .expect("an answer")
                .expect("an answer")
                .body,
            X_RESPONSE
        );
        for url in [
            "https://x/h",
            "https://x/h?crc_token=",
            "https://x/h?crc_token=a&crc_token=b",
        ] {
            assert_eq!(
                Handshake::TwitterCrc.answer("GET", url, b"", b"k", None),
                None
            );
        }
        assert_eq!(
            Handshake::TwitterCrc.answer("POST", &url, b"", b"k", None),
            None
        );
    }

    #[test]
    fn schemes_without_a_handshake_answer_nothing() {
        let verifier = verifier("github", &["secret"]);
        let none: [(&str, &str); 0] = [];
        for (url, method) in [
            (META_URL, "GET"),
            ("https://x/h?crc_token=t", "GET"),
            ("https://x/h", "POST"),
        ] {
            let context = RequestContext::new(url, method);
            assert_eq!(
                verifier.answer_handshake(
                    ZOOM_CHALLENGE.as_bytes(),
                    &none,
                    &context,
                    NOW,
                    Some("meatyhamhock")
                ),
                None
            );
        }
        let handshake = |id: &str| Scheme::from_id(id).ok()?.preset()?.handshake();
        assert_eq!(handshake("zoom"), Some(Handshake::ZoomUrlValidation));
        assert_eq!(handshake("meta"), Some(Handshake::MetaVerifyToken));
        assert_eq!(handshake("whatsapp"), Some(Handshake::MetaVerifyToken));
        assert_eq!(handshake("twitter"), Some(Handshake::TwitterCrc));
        assert_eq!(handshake("github"), None);
    }

    #[test]
    fn bad_input_never_panics() {
        let mut deep = b"{\"event\":\"endpoint.url_validation\",\"payload\":".to_vec();
        deep.extend(core::iter::repeat_n(b'[', 100_000));
        let bodies: [&[u8]; 8] = [
            b"",
            b"{",
            b"\xff\xfe",
            br#"{"event":"endpoint.url_validation""#,
            br#"{"event":"endpoint.url_validation","payload":{"plainToken":"\"#,
            br#"{"event":"endpoint.url_validation","event":"endpoint.url_validation"}"#,
            br#"{"event":"endpoint.url_validation","payload":{"plainToken":"\xff"}}"#,
            &deep,
        ];
        let urls = [
            "",
            "?",
            "?&&&",
            "?=",
            "?%",
            "?%f",
            "?hub.mode=%",
            "?crc_token=%zz",
            "#?crc_token=1",
            "?hub.mode=subscribe&hub.challenge=%C3",
            "?crc_token=%00",
        ];
        let handshakes = [
            Handshake::ZoomUrlValidation,
            Handshake::MetaVerifyToken,
            Handshake::TwitterCrc,
        ];
        for handshake in handshakes {
            for body in bodies {
                for url in urls {
                    for method in ["GET", "POST", "", "get"] {
                        let _ = handshake.answer(method, url, body, b"", Some(""));
                        let _ = handshake.is_challenge(method, url, body);
                    }
                }
            }
        }
        assert_eq!(
            Handshake::TwitterCrc
                .answer("GET", "?crc_token=%00", b"", b"k", None)
                .map(|answer| answer.status),
            Some(200)
        );
    }
}
