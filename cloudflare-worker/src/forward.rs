//! What a verified webhook becomes on its way to the origin, and sending it there.
//!
//! [`Outbound`] is the message as it will be forwarded: the exact body, the headers carried over
//! from the vendor, and the message id. It is built once after verification and holds no secret,
//! so it can be stored or queued as it is; [`Outbound::signed_headers`] re-signs it (Standard
//! Webhooks, a fresh timestamp) at each attempt, and [`send`] makes one attempt. Direct delivery
//! uses both right away; a queue consumer can use the same two for each retry.

use hookseal::{Scheme, SignInput, Signer, Verified};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Route;

/// The header naming the route a forwarded request came through.
pub const ROUTE_HEADER: &str = "x-hookseal-route";
/// The header naming the scheme the request was verified with.
pub const SCHEME_HEADER: &str = "x-hookseal-scheme";
/// The longest vendor message id used as `webhook-id` as it is; a longer or unusual one is
/// replaced by a derived id.
pub const MAX_VENDOR_ID_BYTES: usize = 256;

/// A verified message, ready to be signed and sent to the origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbound {
    /// The route path it came in through.
    pub route: String,
    /// The scheme it was verified with.
    pub scheme: String,
    /// The origin URL.
    pub origin: String,
    /// The message id sent as `webhook-id`: the vendor's own, or derived (see [`message_id`]).
    pub id: String,
    /// Headers carried over from the vendor's request (lowercase names): `content-type` and the
    /// scheme's event headers (see [`event_headers`]).
    pub headers: Vec<(String, String)>,
    /// The exact body bytes as received (base64 in JSON: a queue message is text).
    #[serde(with = "body_base64")]
    pub body: Vec<u8>,
}

/// `bytes` as standard base64.
pub fn encode_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Standard base64 as bytes.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

mod body_base64 {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub(super) fn serialize<S: Serializer>(body: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::encode_base64(body))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::decode_base64(&text).ok_or_else(|| D::Error::custom("body is not base64"))
    }
}

impl Outbound {
    /// The message a verified request becomes.
    pub fn new(
        route: &Route,
        verified: &Verified,
        request_headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Outbound {
        let mut carried = Vec::new();
        for name in
            std::iter::once("content-type").chain(event_headers(route.scheme()).iter().copied())
        {
            if let Some((_, value)) = request_headers
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
            {
                carried.push((name.to_string(), value.clone()));
            }
        }
        Outbound {
            route: route.path.clone(),
            scheme: route.scheme_id.to_string(),
            origin: route.origin.clone(),
            id: message_id(&route.path, verified.id.as_deref(), &body),
            headers: carried,
            body,
        }
    }

    /// Every header of the forwarded request: the carried-over ones, `webhook-id`,
    /// `webhook-timestamp` and `webhook-signature` (Standard Webhooks with `signer`, timestamp
    /// `now` in Unix seconds), `x-hookseal-route` and `x-hookseal-scheme`.
    pub fn signed_headers(
        &self,
        signer: &Signer,
        now: u64,
    ) -> Result<Vec<(String, String)>, hookseal::Error> {
        let mut headers = self.headers.clone();
        headers.extend(signer.sign(&self.body, &SignInput::new(&self.id, now))?);
        headers.push((ROUTE_HEADER.into(), self.route.clone()));
        headers.push((SCHEME_HEADER.into(), self.scheme.clone()));
        Ok(headers)
    }
}

/// The vendor headers a scheme's messages carry that the origin may want besides the body: event
/// type, delivery id and the like (lowercase). Signature and timestamp headers are never carried
/// over: the origin checks the Worker's own signature.
pub fn event_headers(scheme: &Scheme) -> Vec<&str> {
    match scheme {
        Scheme::XWebhookSignature => vec!["x-webhook-event"],
        Scheme::GitHub => vec![
            "x-github-event",
            "x-github-delivery",
            "x-github-hook-id",
            "x-github-hook-installation-target-id",
            "x-github-hook-installation-target-type",
        ],
        Scheme::Slack => vec!["x-slack-retry-num", "x-slack-retry-reason"],
        Scheme::Shopify => vec![
            "x-shopify-topic",
            "x-shopify-webhook-id",
            "x-shopify-event-id",
            "x-shopify-shop-domain",
            "x-shopify-api-version",
            "x-shopify-triggered-at",
        ],
        Scheme::Custom(custom) => {
            let description = custom.description();
            [&description.id_header, &description.event_type_header]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect()
        }
        // Standard Webhooks, Svix: the id becomes `webhook-id`. SepticCycle, Stripe: none.
        _ => Vec::new(),
    }
}

/// The id a message is forwarded and deduplicated with.
///
/// The vendor's message id when the scheme has one and it is plain (1 to 256 visible ASCII
/// characters); otherwise `msg_` and 32 hex digits of SHA-256 over the route path and the body.
/// The body alone (not the signature header) identifies such a message: Stripe and Slack sign a
/// new timestamp at each retry and a key rotation changes every signature, but the body a vendor
/// retries is the same, so the retry gets the same id and is absorbed as a duplicate.
pub fn message_id(route: &str, vendor_id: Option<&str>, body: &[u8]) -> String {
    if let Some(id) = vendor_id.filter(|id| is_plain_id(id)) {
        return id.to_string();
    }
    let digest = Sha256::new()
        .chain_update(b"hookseal message id v1\0")
        .chain_update(route.as_bytes())
        .chain_update(b"\0")
        .chain_update(body)
        .finalize();
    let hex = base16ct::lower::encode_string(&digest);
    format!("msg_{}", hex.get(..32).unwrap_or(&hex))
}

fn is_plain_id(id: &str) -> bool {
    (1..=MAX_VENDOR_ID_BYTES).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic())
}

/// How one attempt to forward a message ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// The origin answered 2xx.
    Delivered {
        /// The origin's status.
        status: u16,
    },
    /// The origin answered, but not 2xx.
    Refused {
        /// The origin's status.
        status: u16,
        /// The origin's `Retry-After` header, if any (for a retrying consumer).
        retry_after: Option<String>,
    },
    /// The origin did not answer within the route's timeout.
    TimedOut,
    /// The request could not be sent, or the connection failed.
    Unreachable {
        /// What the runtime said.
        error: String,
    },
}

impl Attempt {
    /// A stable code for logs and error answers.
    pub fn code(&self) -> &'static str {
        match self {
            Attempt::Delivered { .. } => "forwarded",
            Attempt::Refused { .. } => "origin_error",
            Attempt::TimedOut => "origin_timeout",
            Attempt::Unreachable { .. } => "origin_unreachable",
        }
    }

    /// The origin's status, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Attempt::Delivered { status } | Attempt::Refused { status, .. } => Some(*status),
            Attempt::TimedOut | Attempt::Unreachable { .. } => None,
        }
    }
}

/// Sends `outbound` to its origin once, signed at `now` (Unix seconds), waiting at most
/// `timeout_ms` for the origin's answer (its status; the body is not read). Redirects are not
/// followed: a 3xx is a refusal.
pub async fn send(
    outbound: &Outbound,
    signer: &Signer,
    now: u64,
    timeout_ms: u64,
) -> Result<Attempt, hookseal::Error> {
    use futures_util::future::{Either, select};
    use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

    let all_headers = outbound.signed_headers(signer, now)?;
    let unreachable = |error: worker::Error| Attempt::Unreachable {
        error: error.to_string(),
    };
    let headers = Headers::new();
    for (name, value) in &all_headers {
        if let Err(error) = headers.set(name, value) {
            return Ok(unreachable(error));
        }
    }
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_redirect(worker::RequestRedirect::Manual)
        .with_body(Some(
            js_sys::Uint8Array::from(outbound.body.as_slice()).into(),
        ));
    let request = match Request::new_with_init(&outbound.origin, &init) {
        Ok(request) => request,
        Err(error) => return Ok(unreachable(error)),
    };
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Request(request);
    let sending = std::pin::pin!(fetch.send_with_signal(&signal));
    let timer = std::pin::pin!(Delay::from(std::time::Duration::from_millis(timeout_ms)));
    Ok(match select(sending, timer).await {
        Either::Left((Ok(response), _)) => {
            let status = response.status_code();
            if (200..300).contains(&status) {
                Attempt::Delivered { status }
            } else {
                Attempt::Refused {
                    status,
                    retry_after: response.headers().get("retry-after").ok().flatten(),
                }
            }
        }
        Either::Left((Err(error), _)) => unreachable(error),
        Either::Right(((), _)) => {
            controller.abort();
            Attempt::TimedOut
        }
    })
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn config() -> Config {
        Config::load(
            Some(
                r#"[
                  {"path": "/gh", "scheme": "github", "secrets": ["S"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/sc", "scheme": "septiccycle", "secrets": ["S"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/cu", "scheme": {"signatureHeader": "X-Sig", "idHeader": "X-Id",
                   "eventTypeHeader": "X-Kind"}, "secrets": ["S"], "origin": "http://127.0.0.1:9/in"}
                ]"#,
            ),
            |name| {
                Some(match name {
                    "ORIGIN_SIGNING_SECRET" => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into(),
                    "ADMIN_TOKEN" => return None,
                    _ => "secret".into(),
                })
            },
        )
        .expect("configuration")
    }

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    fn verified(id: Option<&str>) -> Verified {
        // Build a real `Verified` through the core: sign, then verify.
        let scheme = Scheme::custom(hookseal::CustomScheme {
            id_header: Some("X-Id".into()),
            ..hookseal::CustomScheme::new("X-Sig")
        })
        .expect("scheme");
        let signed = Signer::new(scheme.clone(), "k")
            .expect("signer")
            .sign(
                b"{}",
                &SignInput {
                    id,
                    ..SignInput::default()
                },
            )
            .expect("sign");
        hookseal::Verifier::new(scheme, ["k"])
            .expect("verifier")
            .verify(b"{}", &signed, 0)
            .expect("verified")
    }

    #[test]
    fn carries_content_type_and_event_headers_only() {
        let config = config();
        let route = config.route("/gh").expect("route");
        let request = headers(&[
            ("Content-Type", "application/json"),
            ("x-hub-signature-256", "sha256=00"),
            ("x-github-event", "push"),
            ("x-github-delivery", "72d3162e"),
            ("cookie", "a=b"),
        ]);
        let outbound = Outbound::new(route, &verified(Some("72d3162e")), &request, b"{}".to_vec());
        assert_eq!(
            outbound.headers,
            headers(&[
                ("content-type", "application/json"),
                ("x-github-event", "push"),
                ("x-github-delivery", "72d3162e")
            ])
        );
        assert_eq!(outbound.id, "72d3162e");
        assert_eq!(
            (outbound.route.as_str(), outbound.scheme.as_str()),
            ("/gh", "github")
        );
    }

    #[test]
    fn custom_schemes_carry_their_id_and_event_type_headers() {
        let config = config();
        let route = config.route("/cu").expect("route");
        assert_eq!(event_headers(route.scheme()), ["X-Id", "X-Kind"]);
        let request = headers(&[("x-id", "evt_1"), ("x-kind", "thing.done"), ("x-sig", "00")]);
        let outbound = Outbound::new(route, &verified(Some("evt_1")), &request, Vec::new());
        assert_eq!(
            outbound.headers,
            headers(&[("X-Id", "evt_1"), ("X-Kind", "thing.done")])
        );
    }

    #[test]
    fn derives_a_stable_id_without_a_vendor_id() {
        let a = message_id("/sc", None, b"{\"a\":1}");
        assert_eq!(a, message_id("/sc", None, b"{\"a\":1}"));
        assert!(a.starts_with("msg_") && a.len() == 36, "{a}");
        assert!(a[4..].bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, message_id("/sc", None, b"{\"a\":2}"));
        assert_ne!(a, message_id("/other", None, b"{\"a\":1}"));
        assert_eq!(message_id("/sc", Some("evt_9"), b""), "evt_9");
        for unusable in ["", "has space", "tab\there", &"x".repeat(257), "é"] {
            assert!(
                message_id("/sc", Some(unusable), b"").starts_with("msg_"),
                "{unusable:?}"
            );
        }
        let verified = verified(None);
        let config = config();
        let outbound = Outbound::new(
            config.route("/sc").expect("route"),
            &verified,
            &[],
            b"x".to_vec(),
        );
        assert_eq!(outbound.id, message_id("/sc", None, b"x"));
    }

    #[test]
    fn re_signs_with_standard_webhooks() {
        let config = config();
        let route = config.route("/sc").expect("route");
        let request = headers(&[("content-type", "application/json")]);
        let outbound = Outbound::new(route, &verified(None), &request, b"{\"x\":1}".to_vec());
        let signed = outbound
            .signed_headers(&config.signer, 1_700_000_000)
            .expect("signed");
        let names: Vec<&str> = signed.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "content-type",
                "webhook-id",
                "webhook-timestamp",
                "webhook-signature",
                "x-hookseal-route",
                "x-hookseal-scheme"
            ]
        );
        let verifier = hookseal::Verifier::new(
            Scheme::StandardWebhooks,
            ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        )
        .expect("verifier");
        let message = verifier
            .verify(&outbound.body, &signed, 1_700_000_000)
            .expect("the origin's verifier accepts the re-signature");
        assert_eq!(message.id.as_deref(), Some(outbound.id.as_str()));
        // Serializable as it is, for a queue: the body in base64.
        let json = serde_json::to_string(&outbound).expect("serialize");
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(value["body"], "eyJ4IjoxfQ==");
        assert_eq!(
            serde_json::from_str::<Outbound>(&json).expect("parse"),
            outbound
        );
    }

    #[test]
    fn attempt_codes() {
        assert_eq!(Attempt::Delivered { status: 204 }.code(), "forwarded");
        let refused = Attempt::Refused {
            status: 500,
            retry_after: None,
        };
        assert_eq!(
            (refused.code(), refused.status()),
            ("origin_error", Some(500))
        );
        assert_eq!(
            (Attempt::TimedOut.code(), Attempt::TimedOut.status()),
            ("origin_timeout", None)
        );
        let unreachable = Attempt::Unreachable { error: "x".into() };
        assert_eq!(unreachable.code(), "origin_unreachable");
    }
}
