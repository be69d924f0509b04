//! What a verified webhook becomes on its way to the origin, and sending it there.
//!
//! [`Outbound`] is the message as it will be forwarded: the exact body, the headers carried over
//! from the vendor, and the message id. It is built once after verification and holds no secret,
//! so it can be stored or queued as it is; [`Outbound::signed_headers`] re-signs it (Standard
//! Webhooks, a fresh timestamp) at each attempt, and [`send`] makes one attempt. Direct delivery
//! uses both right away; a queue consumer can use the same two for each retry.

use hookseal::{Headers, SignInput, Signer, Verified};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Route;

/// The header naming the route a forwarded request came through.
pub const ROUTE_HEADER: &str = "x-hookseal-route";
/// The header naming the scheme the request was verified with.
pub const SCHEME_HEADER: &str = "x-hookseal-scheme";
/// The Standard Webhooks header carrying the message id.
pub const ID_HEADER: &str = "webhook-id";
/// The Standard Webhooks headers signed afresh at each attempt (so they differ every time).
pub const SIGNED_AFRESH: [&str; 2] = ["webhook-timestamp", "webhook-signature"];
/// The longest signed message id used as `webhook-id` as it is; a longer or unusual one is
/// replaced by a derived id.
pub const MAX_ID_BYTES: usize = 256;

/// A verified message, ready to be signed and sent to the origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbound {
    /// The route path it came in through.
    pub route: String,
    /// The scheme it was verified with.
    pub scheme: String,
    /// The message id sent as `webhook-id`, from signed data only (see [`message_id`]).
    pub id: String,
    /// Whether `id` is the vendor's own or derived (`None` in messages queued before this was
    /// kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_source: Option<IdSource>,
    /// Headers carried over from the vendor's request (lowercase names): `content-type` and the
    /// scheme's metadata headers. Unauthenticated: the origin's signature check does not cover
    /// them.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes as received (base64 in JSON: a queue message is text).
    #[serde(with = "body_base64")]
    pub body: Vec<u8>,
}

/// Where a message id comes from. Both are authenticated: neither is ever an unsigned header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdSource {
    /// The vendor's own id, covered by its signature ([`Verified::id`]).
    Signed,
    /// Derived from the route and the signed body: the scheme signs no id (or an unusable one).
    Derived,
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
    /// The message a verified request becomes: its id from signed data only (see
    /// [`message_id`]), and the headers carried over: `content-type` and the scheme's metadata
    /// headers ([`hookseal::Scheme::metadata_header_names`]: the unsigned delivery id, the event type,
    /// vendor extras), which the origin gets as the sender sent them, unauthenticated.
    pub fn new<H: Headers + ?Sized>(
        route: &Route,
        verified: &Verified,
        request_headers: &H,
        body: Vec<u8>,
    ) -> Outbound {
        let names = std::iter::once("content-type".to_string())
            .chain(route.scheme().metadata_header_names())
            // A custom scheme may name a header the Worker sets itself: the Worker's wins.
            .filter(|name| !is_own_header(name));
        let mut carried: Vec<(String, String)> = Vec::new();
        for name in names {
            if carried.iter().any(|(known, _)| *known == name) {
                continue;
            }
            if let Some(value) = request_headers.header(&name) {
                carried.push((name, value.to_string()));
            }
        }
        let id = message_id(&route.path, verified.id.as_deref(), &body);
        let id_source = if verified.id.as_deref() == Some(id.as_str()) {
            IdSource::Signed
        } else {
            IdSource::Derived
        };
        Outbound {
            route: route.path.clone(),
            scheme: route.scheme_id.to_string(),
            id,
            id_source: Some(id_source),
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

    /// The headers every attempt sends, in order, but for [`SIGNED_AFRESH`] (a new timestamp
    /// and signature each time): what the operator's page shows of a dead letter.
    pub fn sent_headers(&self) -> Vec<(String, String)> {
        let mut headers = self.headers.clone();
        headers.push((ID_HEADER.into(), self.id.clone()));
        headers.push((ROUTE_HEADER.into(), self.route.clone()));
        headers.push((SCHEME_HEADER.into(), self.scheme.clone()));
        headers
    }
}

/// Whether the Worker sets header `name` (lowercase) on forwarded requests itself: the Standard
/// Webhooks headers and its own `x-hookseal-` ones.
fn is_own_header(name: &str) -> bool {
    name.starts_with("webhook-") || name.starts_with("x-hookseal-")
}

/// The id a message is forwarded and deduplicated with, from signed data only.
///
/// `signed_id` is the message id when the scheme's signature covers it ([`Verified::id`]:
/// Standard Webhooks' and Svix's `webhook-id`, a custom scheme signing `{id}`), used as it is
/// when plain (1 to 256 visible ASCII characters). Otherwise the id is `msg_` and 32 hex digits
/// of SHA-256 over the route path and the body. Never an unsigned header such as GitHub's
/// `X-GitHub-Delivery` or Shopify's `X-Shopify-Webhook-Id`: a captured delivery re-sent under a
/// new one would then be a new message, forwarded again and freshly re-signed. The body is
/// signed by every scheme, and a vendor's retry repeats it (Stripe and Slack sign a new
/// timestamp at each retry, and a key rotation changes every signature), so a retry or a
/// replay gets the same id and is absorbed as a duplicate.
pub fn message_id(route: &str, signed_id: Option<&str>, body: &[u8]) -> String {
    if let Some(id) = signed_id.filter(|id| is_plain_id(id)) {
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
    (1..=MAX_ID_BYTES).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic())
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

/// Sends `outbound` to `route`'s origin once, signed with the route's signer at `now` (Unix
/// seconds), waiting at most the route's `originTimeoutMs` for the origin's answer (its status;
/// the body is not read). Redirects are not followed: a 3xx is a refusal. The destination is
/// always the route's, from the current configuration: a message never names its own.
pub async fn send(route: &Route, outbound: &Outbound, now: u64) -> Attempt {
    match try_send(route, outbound, now).await {
        Ok(attempt) => attempt,
        Err(error) => Attempt::Unreachable {
            error: format!("cannot sign: {error}"),
        },
    }
}

async fn try_send(
    route: &Route,
    outbound: &Outbound,
    now: u64,
) -> Result<Attempt, hookseal::Error> {
    use futures_util::future::{Either, select};
    use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

    let all_headers = outbound.signed_headers(&route.signer, now)?;
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
    let request = match Request::new_with_init(&route.origin, &init) {
        Ok(request) => request,
        Err(error) => return Ok(unreachable(error)),
    };
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Request(request);
    let sending = std::pin::pin!(fetch.send_with_signal(&signal));
    let timer = std::pin::pin!(Delay::from(std::time::Duration::from_millis(
        route.origin_timeout_ms
    )));
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
    use hookseal::Scheme;

    const NOW: u64 = 1_700_000_000;

    fn config() -> Config {
        Config::load(
            Some(
                r#"[
                  {"path": "/gh", "scheme": "github", "secrets": ["S"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/shop", "scheme": "shopify", "secrets": ["S"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/sc", "scheme": "septiccycle", "secrets": ["S"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/svix", "scheme": "svix", "secrets": ["W"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/cu", "scheme": {"signatureHeader": "X-Sig", "idHeader": "X-Id",
                   "eventTypeHeader": "X-Kind"}, "secrets": ["S"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/cu-signed-id", "scheme": {"signatureHeader": "X-Sig", "idHeader": "X-Id",
                   "template": "{id}.{body}"}, "secrets": ["S"], "origin": "http://127.0.0.1:9/in"},
                  {"path": "/own", "scheme": {"signatureHeader": "X-Sig", "idHeader": "webhook-id"},
                   "secrets": ["S"], "origin": "http://127.0.0.1:9/in"}
                ]"#,
            ),
            |name| {
                Some(match name {
                    "ORIGIN_SIGNING_SECRET" => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into(),
                    "W" => "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD".into(),
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

    /// The request a sender of `route`'s scheme sends (signed with the route's secret, `id` as
    /// the scheme carries it), with `extra` headers, verified by the route: the `Outbound` it
    /// becomes.
    fn receive(
        config: &Config,
        path: &str,
        id: Option<&str>,
        extra: &[(&str, &str)],
        body: &[u8],
    ) -> Outbound {
        let route = config.route(path).expect("route");
        let secret = if route.scheme_id == "svix" {
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
        } else {
            "secret"
        };
        let input = SignInput {
            id,
            timestamp: Some(NOW),
            ..SignInput::default()
        };
        let mut request = Signer::new(route.scheme().clone(), secret)
            .expect("signer")
            .sign(body, &input)
            .expect("sign");
        request.extend(headers(extra));
        let verified = route
            .verifier
            .verify(body, &request, NOW)
            .expect("verified");
        Outbound::new(route, &verified, &request, body.to_vec())
    }

    #[test]
    fn carries_content_type_and_metadata_headers_only() {
        let config = config();
        let outbound = receive(
            &config,
            "/gh",
            None,
            &[
                ("Content-Type", "application/json"),
                ("x-github-event", "push"),
                ("X-GitHub-Delivery", "72d3162e"),
                ("x-github-hook-id", "292430182"),
                ("cookie", "a=b"),
            ],
            b"{}",
        );
        assert_eq!(
            outbound.headers,
            headers(&[
                ("content-type", "application/json"),
                ("x-github-delivery", "72d3162e"),
                ("x-github-event", "push"),
                ("x-github-hook-id", "292430182"),
            ])
        );
        assert!(
            !outbound
                .headers
                .iter()
                .any(|(name, _)| name == "x-hub-signature-256")
        );
        assert_eq!(
            (outbound.route.as_str(), outbound.scheme.as_str()),
            ("/gh", "github")
        );
    }

    #[test]
    fn a_replayed_github_or_shopify_delivery_under_a_new_unsigned_id_keeps_its_derived_id() {
        let config = config();
        for (path, header) in [
            ("/gh", "x-github-delivery"),
            ("/shop", "x-shopify-webhook-id"),
        ] {
            let body = br#"{"action":"opened"}"#;
            let ids: Vec<String> = ["72d3162e", "attacker-1", "attacker-2"]
                .iter()
                .map(|unsigned| receive(&config, path, None, &[(header, unsigned)], body).id)
                .collect();
            assert_eq!(ids[0], message_id(path, None, body), "{path}");
            assert!(ids[0].starts_with("msg_"), "{path}");
            assert!(ids.iter().all(|id| *id == ids[0]), "{path}: {ids:?}");
            // The unsigned id still reaches the origin, under its own name.
            let outbound = receive(&config, path, None, &[(header, "attacker-3")], body);
            assert!(
                outbound
                    .headers
                    .contains(&(header.into(), "attacker-3".into()))
            );
        }
    }

    #[test]
    fn a_signed_id_is_the_message_id_and_an_unsigned_one_never_is() {
        let config = config();
        let svix = receive(&config, "/svix", Some("msg_2Kp"), &[], b"{}");
        assert_eq!(svix.id, "msg_2Kp");
        assert_eq!(svix.id_source, Some(IdSource::Signed));
        let signed = receive(&config, "/cu-signed-id", Some("evt_1"), &[], b"{}");
        assert_eq!(signed.id, "evt_1");
        assert_eq!(signed.id_source, Some(IdSource::Signed));
        // A signed id the Worker cannot use as it is: derived, and said so.
        let long = "x".repeat(MAX_ID_BYTES + 1);
        let replaced = receive(&config, "/svix", Some(&long), &[], b"{}");
        assert_eq!(replaced.id, message_id("/svix", None, b"{}"));
        assert_eq!(replaced.id_source, Some(IdSource::Derived));
        let unsigned = receive(
            &config,
            "/cu",
            Some("evt_1"),
            &[("x-kind", "thing.done")],
            b"{}",
        );
        assert_eq!(unsigned.id, message_id("/cu", None, b"{}"));
        assert_eq!(unsigned.id_source, Some(IdSource::Derived));
        assert_eq!(
            unsigned.headers,
            headers(&[("x-id", "evt_1"), ("x-kind", "thing.done")])
        );
        // A custom scheme naming the Worker's own header: never carried over.
        let own = receive(&config, "/own", Some("evt_2"), &[], b"{}");
        assert!(own.headers.is_empty(), "{:?}", own.headers);
    }

    #[test]
    fn derives_a_stable_id_from_route_and_body() {
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
        let config = config();
        let outbound = receive(&config, "/sc", None, &[], b"x");
        assert_eq!(outbound.id, message_id("/sc", None, b"x"));
    }

    #[test]
    fn re_signs_with_standard_webhooks() {
        let config = config();
        let outbound = receive(
            &config,
            "/sc",
            None,
            &[("content-type", "application/json")],
            b"{\"x\":1}",
        );
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
        // What the page shows is what is sent, but for the two headers signed at each attempt.
        let without_fresh: Vec<(String, String)> = signed
            .iter()
            .filter(|(name, _)| !SIGNED_AFRESH.contains(&name.as_str()))
            .cloned()
            .collect();
        assert_eq!(without_fresh, outbound.sent_headers());
        assert_eq!(signed.len(), without_fresh.len() + SIGNED_AFRESH.len());
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
