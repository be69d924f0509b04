//! The Worker's answers and its structured log line.

use serde::Serialize;
use worker::Response;

use crate::config::{Config, Route};
use crate::deliveries::{Entry, Kind, clip};
use crate::forward::{Attempt, IdSource};

/// A JSON answer with `status`.
pub fn json(status: u16, value: &impl Serialize) -> worker::Result<Response> {
    Ok(Response::from_json(value)?.with_status(status))
}

/// `{"error": code}` with `status`.
pub fn error(status: u16, code: &str) -> worker::Result<Response> {
    json(status, &serde_json::json!({ "error": code }))
}

/// 405 with the `Allow` header.
pub fn method_not_allowed(allow: &str) -> worker::Result<Response> {
    let response = error(405, "method_not_allowed")?;
    response.headers().set("allow", allow)?;
    Ok(response)
}

/// The core's answer to an endpoint challenge, as it is.
pub fn handshake(answer: &hookseal::HandshakeAnswer) -> worker::Result<Response> {
    let response = Response::ok(answer.body.clone())?.with_status(answer.status);
    response
        .headers()
        .set("content-type", answer.content_type)?;
    Ok(response)
}

/// 200 for a message the origin has (`forwarded` now, or a `duplicate` of one it had).
pub fn accepted(outcome: &str, id: &str) -> worker::Result<Response> {
    json(200, &serde_json::json!({ "outcome": outcome, "id": id }))
}

/// 200 for a verified message whose event type the route does not forward: the sender is
/// done with it, and nothing reaches the origin.
pub fn filtered() -> worker::Result<Response> {
    json(200, &serde_json::json!({ "outcome": "filtered" }))
}

/// 202 for a message put in the delivery queue (`queued`), or a duplicate of one taken before.
pub fn queued(outcome: &str, id: &str) -> worker::Result<Response> {
    json(202, &serde_json::json!({ "outcome": outcome, "id": id }))
}

/// 503 when the message could not be put in the queue: the sender retries.
pub fn queue_unavailable() -> worker::Result<Response> {
    let response = error(503, "queue_unavailable")?;
    response.headers().set("retry-after", "30")?;
    Ok(response)
}

/// 409 while another delivery of the same message is being forwarded: the sender retries later.
pub fn in_flight() -> worker::Result<Response> {
    let response = error(409, "in_flight")?;
    response.headers().set("retry-after", "10")?;
    Ok(response)
}

/// 502 for a forward that failed: the sender retries.
pub fn bad_gateway(attempt: &Attempt) -> worker::Result<Response> {
    let mut body = serde_json::json!({ "error": attempt.code() });
    if let (Some(status), Some(object)) = (attempt.status(), body.as_object_mut()) {
        object.insert("originStatus".into(), status.into());
    }
    json(502, &body)
}

/// The health document: the routes, their schemes and delivery, nothing else (no secrets, no
/// origins).
pub fn health_document(config: &Config) -> serde_json::Value {
    let routes: Vec<_> = config
        .routes
        .iter()
        .map(|route| {
            serde_json::json!({
                "path": route.path,
                "scheme": route.scheme_id,
                "delivery": route.delivery.name(),
            })
        })
        .collect();
    serde_json::json!({ "service": "hookseal-worker", "ok": true, "routes": routes })
}

/// `GET /`.
pub fn health(config: &Config) -> worker::Result<Response> {
    json(200, &health_document(config))
}

/// One JSON log line per request: route, scheme, outcome code, origin status, duration, message
/// id, and a short detail for failures. Never a secret, a signature or a body.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Log {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<&'static str>,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dedupe_error: Option<String>,
    /// Queue delivery: the attempt's number (1 for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    attempt: Option<u32>,
    /// Queue delivery: the attempt's outcome code (`forwarded`, `origin_error`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    attempt_outcome: Option<&'static str>,
    /// Queue delivery: the next attempt's delay.
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_in_seconds: Option<u32>,
    /// Queue delivery: why the message was dead-lettered.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    duration_ms: u64,
    /// For the delivery log only (see [`Log::entry`]): a request or a queue attempt.
    #[serde(skip)]
    kind: Option<Kind>,
    /// Whether the message id is the vendor's own or derived.
    #[serde(skip)]
    id_source: Option<IdSource>,
    /// The message id is what an unauthenticated queue message claims: logged, never shown as
    /// a message's id.
    #[serde(skip)]
    id_claimed: bool,
    /// The vendor's unsigned delivery id.
    #[serde(skip)]
    unsigned_id: Option<String>,
    /// Whether the origin was called (directly, while the sender waited).
    #[serde(skip)]
    origin_called: bool,
}

impl Log {
    /// The log line of a request for `path`.
    pub fn new(path: String) -> Log {
        Log {
            path,
            outcome: "error",
            ..Log::default()
        }
    }

    /// The log line of a queue consumer's message from queue `queue_name`.
    pub fn consumer(queue_name: &str) -> Log {
        Log {
            kind: Some(Kind::Attempt),
            ..Log::new(format!("queue:{queue_name}"))
        }
    }

    /// The request matched `route`.
    pub fn route(&mut self, route: &Route) -> &mut Log {
        self.route = Some(route.path.clone());
        self.scheme = Some(route.scheme_id);
        self
    }

    /// The request's outcome code.
    pub fn outcome(&mut self, code: &'static str) -> &mut Log {
        self.outcome = code;
        self
    }

    /// Why it failed, in a few words (a core error message names headers, never secrets).
    pub fn detail(&mut self, detail: &str) -> &mut Log {
        self.detail = Some(detail.to_string());
        self
    }

    /// The verified message's id (from signed data only), and where it comes from when known.
    pub fn message(&mut self, id: &str, source: Option<IdSource>) -> &mut Log {
        self.message_id = Some(id.to_string());
        self.id_source = source;
        self.id_claimed = false;
        self
    }

    /// The id an unauthenticated queue message claims.
    pub fn claimed_message(&mut self, id: &str) -> &mut Log {
        self.message_id = Some(id.to_string());
        self.id_claimed = true;
        self
    }

    /// The vendor's delivery id from a header its signature does not cover.
    pub fn unsigned_id(&mut self, id: Option<&str>) -> &mut Log {
        self.unsigned_id = id.map(clip);
        self
    }

    /// The route path a queued message came in through.
    pub fn route_path(&mut self, path: &str) -> &mut Log {
        self.route = Some(path.to_string());
        self
    }

    /// Queue delivery: the attempt's number.
    pub fn attempt_number(&mut self, attempt: u32) -> &mut Log {
        self.attempt = Some(attempt);
        self
    }

    /// Queue delivery: the attempt's outcome code, kept when the line's outcome becomes what
    /// follows it (`delivered`, `retry`, `dead_lettered`).
    pub fn attempt_code(&mut self, code: &'static str) -> &mut Log {
        self.attempt_outcome = Some(code);
        self
    }

    /// Queue delivery: the next attempt comes after `seconds`.
    pub fn retry_in(&mut self, seconds: u32) -> &mut Log {
        self.retry_in_seconds = Some(seconds);
        self
    }

    /// Queue delivery: why the message was dead-lettered.
    pub fn reason(&mut self, reason: &str) -> &mut Log {
        self.reason = Some(reason.to_string());
        self
    }

    /// The forward's outcome.
    pub fn attempt(&mut self, attempt: &Attempt) -> &mut Log {
        self.origin_called = true;
        self.outcome = attempt.code();
        self.origin_status = attempt.status();
        if let Attempt::Unreachable { error } = attempt {
            self.detail = Some(error.clone());
        }
        self
    }

    /// The dedupe store failed; the message is forwarded anyway.
    pub fn dedupe_error(&mut self, error: &str) -> &mut Log {
        self.dedupe_error = Some(error.to_string());
        self
    }

    /// The delivery log's entry of this request or queue attempt, ended at `at_ms` after
    /// `duration_ms`; `None` when it matched no route (the health document, the admin API, an
    /// unknown path, an invalid configuration).
    pub fn entry(&self, at_ms: u64, duration_ms: u64) -> Option<Entry> {
        let route = self.route.clone()?;
        let kind = self.kind.unwrap_or(Kind::Request);
        let id = self.message_id.clone().filter(|_| !self.id_claimed);
        Some(Entry {
            at_ms,
            route,
            kind,
            outcome: self.outcome.to_string(),
            id_source: id.as_ref().and(self.id_source),
            id,
            unsigned_id: self.unsigned_id.clone(),
            origin_status: self.origin_status,
            attempt: match kind {
                Kind::Attempt => self.attempt,
                Kind::Request => self.origin_called.then_some(1),
            },
            attempt_outcome: self.attempt_outcome.map(str::to_string),
            duration_ms,
            detail: self.detail.as_deref().or(self.reason.as_deref()).map(clip),
        })
    }

    /// The log line as JSON, with the request's duration.
    pub fn line(&mut self, duration_ms: u64) -> String {
        self.duration_ms = duration_ms;
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Writes the log line (to the console: `wrangler tail`, Workers Logs).
    pub fn finish(&mut self, duration_ms: u64) {
        let line = self.line(duration_ms);
        worker::console_log!("{line}");
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_are_json_without_empty_fields() {
        let mut log = Log::new("/hooks/x".into());
        log.outcome("no_matching_signature")
            .detail("no matching signature");
        let value = |line: String| serde_json::from_str::<serde_json::Value>(&line).expect("json");
        assert_eq!(
            value(log.line(3)),
            serde_json::json!({"path": "/hooks/x", "outcome": "no_matching_signature",
                               "detail": "no matching signature", "durationMs": 3})
        );
        let mut log = Log::new("/".into());
        log.attempt(&Attempt::Refused {
            status: 500,
            retry_after: None,
        });
        assert_eq!(
            value(log.line(0)),
            serde_json::json!({"path": "/", "outcome": "origin_error", "originStatus": 500, "durationMs": 0})
        );
    }

    #[test]
    fn entries_carry_authenticated_ids_only() {
        let mut request = Log::new("/hooks/x".into());
        assert_eq!(request.entry(1, 0), None, "no route: no entry");
        request.route_path("/hooks/x");
        request
            .message("msg_1", Some(IdSource::Derived))
            .unsigned_id(Some("72d3162e"))
            .attempt(&Attempt::Delivered { status: 204 });
        let entry = request.entry(5, 2).expect("entry");
        assert_eq!(
            (
                entry.kind,
                entry.outcome.as_str(),
                entry.attempt,
                entry.origin_status
            ),
            (Kind::Request, "forwarded", Some(1), Some(204))
        );
        assert_eq!(entry.id.as_deref(), Some("msg_1"));
        assert_eq!(entry.id_source, Some(IdSource::Derived));
        assert_eq!(entry.unsigned_id.as_deref(), Some("72d3162e"));
        let mut forged = Log::consumer("q");
        forged
            .route_path("/hooks/x")
            .claimed_message("msg_chosen_by_anyone")
            .outcome("dead_lettered")
            .reason("unauthenticated");
        let entry = forged.entry(5, 0).expect("entry");
        assert_eq!(entry.kind, Kind::Attempt);
        assert_eq!(
            entry.id, None,
            "a claimed id is never shown as the message's"
        );
        assert_eq!(entry.id_source, None);
        assert_eq!(entry.detail.as_deref(), Some("unauthenticated"));
        // The log line still names what it claimed.
        assert!(forged.line(0).contains("msg_chosen_by_anyone"));
    }

    #[test]
    fn health_names_routes_and_schemes_only() {
        let config = Config::load(
            Some(
                r#"[{"path": "/h", "scheme": "slack", "secrets": ["S"], "origin": "http://127.0.0.1:1/secret-path"}]"#,
            ),
            |name| {
                Some(if name == "S" {
                    "slack-secret".into()
                } else if name == "ADMIN_TOKEN" {
                    return None;
                } else {
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()
                })
            },
        )
        .expect("configuration");
        // Compared as values: key order depends on serde_json's features in the build.
        assert_eq!(
            health_document(&config),
            serde_json::json!({
                "ok": true,
                "routes": [{"path": "/h", "scheme": "slack", "delivery": "direct"}],
                "service": "hookseal-worker",
            })
        );
    }
}
