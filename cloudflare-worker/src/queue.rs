//! Queue delivery: the message a queue carries, putting messages in the queue, and the queue
//! consumer that forwards them with retries and dead-letters them when the retries run out.
//!
//! - A queue message is authenticated: [`seal`] wraps the message's JSON text with an
//!   HMAC-SHA256 under the configuration's queue key (derived from `ORIGIN_SIGNING_SECRET`,
//!   see [`crate::config::Config::queue_key`]), and the consumer reads nothing of a message
//!   whose MAC does not check out ([`open`]): it is dead-lettered as `unauthenticated`, never
//!   sent. Anything that can write to the queue could otherwise have any body signed with the
//!   origin signing secret. A message names its route, never a destination: the origin, the
//!   signing secret and the schedule come from the current configuration.
//! - The producer ([`enqueue`]) sends each message as a text (JSON) queue message. A body too
//!   large for a queue message (128 KB, less room for the rest) is parked in R2
//!   ([`crate::parked`]) and the queue message carries its key and SHA-256.
//! - The consumer ([`queue`], the Worker's `queue` handler) takes a batch, makes one attempt per
//!   message (up to [`CONCURRENCY`] at a time), and then acknowledges each message, retries it
//!   with a delay (`retry({delaySeconds})`, decided by [`crate::retry::decide`]), or stores it in
//!   the dead-letter store and acknowledges it. A message is only acknowledged once it is
//!   delivered or stored: if the store cannot be written, the message is retried instead. A
//!   parked body is removed only after its message is acknowledged; a message whose parked
//!   body is missing (a queue may deliver a message twice) is retried, then dead-lettered as
//!   `body_missing`: the Worker never signs bytes it did not verify.
//! - A batch from a queue whose name ends in [`DEAD_LETTER_QUEUE_SUFFIX`] comes from the queue's
//!   own dead-letter queue (messages the consumer failed on `max_retries` times, say because the
//!   Worker crashed): each goes into the dead-letter store as it is.

use hmac::{KeyInit as _, Mac as _};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq as _;
use wasm_bindgen::{JsCast, JsValue};
use worker::Env;

use crate::config::{Config, Route};
use crate::deadletter::{self, DeadLetter, History};
use crate::forward::{self, Attempt, Outbound};
use crate::parked::{self, Parked};
use crate::respond::Log;
use crate::retry::{self, Moment, Reason, Verdict};
use crate::runtime;

/// The queue producer binding in `wrangler.toml`.
pub const BINDING: &str = "HOOKSEAL_QUEUE";
/// A consumer batch from a queue whose name ends so is drained into the dead-letter store.
pub const DEAD_LETTER_QUEUE_SUFFIX: &str = "-dlq";
/// The largest queue message sent as it is, in bytes; a larger one's body is parked. (A queue
/// message may have 128 KB.)
pub const MAX_INLINE_BYTES: usize = 120_000;
/// The most messages in one `sendBatch` (the queue's limit is 100 messages and 256 KB).
pub const MAX_BATCH_MESSAGES: usize = 100;
/// The most bytes in one `sendBatch`.
pub const MAX_BATCH_BYTES: usize = 240_000;
/// How many messages of a batch are forwarded at the same time (a Worker invocation keeps at
/// most six connections open).
pub const CONCURRENCY: usize = 6;
/// The delay before a message is tried again when the Worker itself could not handle it (its
/// configuration is broken, a store is unavailable), in seconds.
pub const INTERNAL_RETRY_SECONDS: u32 = 60;
/// The version of the queue message format (2: authenticated, no destination).
pub const FORMAT: u32 = 2;

/// What a queue message carries (authenticated by its sealed envelope, see `Sealed`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    /// The message (its body empty when parked).
    pub message: Outbound,
    /// Where the body is parked, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked: Option<Parked>,
    /// When the edge accepted the message, in Unix milliseconds.
    pub accepted_ms: u64,
    /// How often it was replayed from the dead-letter store.
    #[serde(default)]
    pub replays: u32,
}

impl Queued {
    /// A message accepted at `accepted_ms`.
    pub fn new(message: Outbound, accepted_ms: u64) -> Queued {
        Queued {
            message,
            parked: None,
            accepted_ms,
            replays: 0,
        }
    }
}

/// A queue message as it travels: the [`Queued`] message's JSON text, and its MAC over exactly
/// those bytes (base64). The text is only parsed once the MAC checks out, so there is no
/// canonical form to get wrong: what was MACed is what is read.
#[derive(Serialize, Deserialize)]
struct Sealed {
    v: u32,
    message: String,
    mac: String,
}

fn mac(key: &[u8; 32], text: &str) -> [u8; 32] {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(text.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The queue message text of `queued`, authenticated with `key`.
///
/// # Errors
/// Never in practice (serializing plain data).
pub fn seal(queued: &Queued, key: &[u8; 32]) -> serde_json::Result<String> {
    let message = serde_json::to_string(queued)?;
    let mac = forward::encode_base64(&mac(key, &message));
    serde_json::to_string(&Sealed {
        v: FORMAT,
        message,
        mac,
    })
}

/// A queue message that did not authenticate, with what it claims (for the operator only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unauthenticated {
    /// The route it names, if any can be read.
    pub route: String,
    /// The message id it names, if any can be read.
    pub id: String,
}

/// The message a queue message text carries, if its MAC under `key` checks out.
///
/// # Errors
/// Not a sealed message of this format, a MAC that does not match (compared in constant
/// time), or a message that does not parse: [`Unauthenticated`], with what it claims.
pub fn open(text: &str, key: &[u8; 32]) -> Result<Queued, Unauthenticated> {
    let sealed: Sealed = serde_json::from_str(text).map_err(|_| claims(text))?;
    let given = forward::decode_base64(&sealed.mac).unwrap_or_default();
    let expected = mac(key, &sealed.message);
    if sealed.v != FORMAT || !bool::from(given.as_slice().ct_eq(expected.as_slice())) {
        return Err(claims(&sealed.message));
    }
    serde_json::from_str(&sealed.message).map_err(|_| claims(&sealed.message))
}

/// What an unauthenticated text claims to be: the route and id of a message of this format or
/// the previous one (`{"message": {"route", "id"}}`), empty when there is no telling.
fn claims(text: &str) -> Unauthenticated {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let value = match value.get("message") {
        Some(serde_json::Value::String(inner)) => serde_json::from_str(inner).unwrap_or_default(),
        _ => value,
    };
    let field = |name: &str| {
        value
            .pointer(&format!("/message/{name}"))
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .chars()
            .take(256)
            .collect()
    };
    Unauthenticated {
        route: field("route"),
        id: field("id"),
    }
}

/// What becomes of one queue message after the consumer handled it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Acknowledge it: delivered, or stored in the dead-letter store.
    Ack,
    /// Let the queue deliver it again after this many seconds.
    Retry(u32),
}

/// Splits queue message texts into `sendBatch` calls: at most [`MAX_BATCH_MESSAGES`] and
/// [`MAX_BATCH_BYTES`] each, in order.
pub fn batches(texts: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (index, text) in texts.iter().enumerate() {
        if index > start
            && (index - start >= MAX_BATCH_MESSAGES || bytes + text.len() > MAX_BATCH_BYTES)
        {
            ranges.push(start..index);
            start = index;
            bytes = 0;
        }
        bytes += text.len();
    }
    if start < texts.len() {
        ranges.push(start..texts.len());
    }
    ranges
}

/// Sending messages failed after the first `sent` of them were in the queue.
#[derive(Debug)]
pub struct EnqueueError {
    /// How many of the messages, from the first, are in the queue.
    pub sent: usize,
    /// What failed.
    pub error: worker::Error,
}

/// Puts `items` in the delivery queue, in order, sealed with `key` (parking large bodies
/// first; the parked bodies of messages that did not make it into the queue are removed).
///
/// # Errors
/// A body could not be parked or the queue refused a message: [`EnqueueError`] says how many
/// are in the queue.
pub async fn enqueue(env: &Env, key: &[u8; 32], items: Vec<Queued>) -> Result<(), EnqueueError> {
    let mut texts = Vec::with_capacity(items.len());
    let mut parked = Vec::with_capacity(items.len());
    let mut prepared = Ok(());
    for mut item in items {
        let mut text = seal(&item, key).map_err(worker::Error::from);
        if text
            .as_ref()
            .is_ok_and(|text| text.len() > MAX_INLINE_BYTES)
        {
            text = match parked::park(env, &item.message.body).await {
                Ok(reference) => {
                    parked.push(Some(reference.key.clone()));
                    item.message.body = Vec::new();
                    item.parked = Some(reference);
                    seal(&item, key).map_err(worker::Error::from)
                }
                Err(error) => Err(error),
            };
        } else {
            parked.push(None);
        }
        match text {
            Ok(text) => texts.push(text),
            Err(error) => {
                prepared = Err(error);
                break;
            }
        }
    }
    let sent = match prepared {
        Ok(()) => send(env, &texts).await,
        Err(error) => Err(EnqueueError { sent: 0, error }),
    };
    if let Err(failure) = &sent {
        // No queue message refers to these bodies.
        for key in parked.iter().skip(failure.sent).flatten() {
            parked::remove(env, key).await;
        }
    }
    sent
}

async fn send(env: &Env, texts: &[String]) -> Result<(), EnqueueError> {
    let failed = |sent: usize| move |error: worker::Error| EnqueueError { sent, error };
    let queue = env.queue(BINDING).map_err(failed(0))?;
    let message = |text: &String| {
        worker::RawMessageBuilder::new(JsValue::from_str(text))
            .build_with_content_type(worker::QueueContentType::Text)
    };
    if let [text] = texts {
        return queue.send_raw(message(text)).await.map_err(failed(0));
    }
    for range in batches(texts) {
        let sent = range.start;
        let batch = worker::BatchMessageBuilder::new()
            .messages(texts.get(range).unwrap_or_default().iter().map(message))
            .build();
        queue.send_raw_batch(batch).await.map_err(failed(sent))?;
    }
    Ok(())
}

/// The Worker's `queue` handler (exported to the runtime as `queue`).
///
/// # Errors
/// Never: every message is acknowledged or retried explicitly.
#[wasm_bindgen::prelude::wasm_bindgen(
    js_name = queue,
    wasm_bindgen = ::worker::wasm_bindgen,
    wasm_bindgen_futures = ::worker::wasm_bindgen_futures,
    js_sys = ::worker::js_sys
)]
pub async fn queue(
    batch: worker::worker_sys::MessageBatch,
    env: Env,
    context: worker::worker_sys::Context,
) -> Result<JsValue, JsValue> {
    use futures_util::StreamExt as _;

    let execution = worker::Context::new(context);
    let queue_name: String = batch.queue().map(String::from).unwrap_or_default();
    let drain = queue_name.ends_with(DEAD_LETTER_QUEUE_SUFFIX);
    let messages: Vec<worker::worker_sys::Message> = batch
        .messages()
        .map(|array| array.iter().map(JsCast::unchecked_into).collect())
        .unwrap_or_default();
    let loaded = crate::cached_config(&env);
    let Ok(config) = loaded.as_ref() else {
        // Without the configuration no message can be authenticated nor sent: wait for a fix.
        let mut log = Log::consumer(&queue_name);
        log.outcome("invalid_config");
        if let Err(error) = loaded.as_ref() {
            log.detail(&error.0);
        }
        log.finish(0);
        for message in &messages {
            retry_later(message, INTERNAL_RETRY_SECONDS);
        }
        return Ok(JsValue::UNDEFINED);
    };
    let env = &env;
    let execution = &execution;
    let queue_name = queue_name.as_str();
    let handled: Vec<(usize, Handled)> = futures_util::stream::iter(messages.iter().enumerate())
        .map(|(index, message)| async move {
            let handled = handle(env, config, queue_name, drain, message, execution).await;
            (index, handled)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let mut unpark = Vec::new();
    for (index, handled) in handled {
        if let Some(message) = messages.get(index) {
            match handled.action {
                Action::Ack => {
                    let _ = message.ack();
                    unpark.extend(handled.parked);
                }
                Action::Retry(delay) => retry_later(message, delay),
            }
        }
    }
    // Only now, with their messages acknowledged: a body removed earlier would be missing if
    // the message came again.
    for key in unpark {
        parked::remove(env, &key).await;
    }
    Ok(JsValue::UNDEFINED)
}

fn retry_later(message: &worker::worker_sys::Message, delay_seconds: u32) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &"delaySeconds".into(),
        &JsValue::from(delay_seconds),
    );
    let _ = message.retry(options.into());
}

/// What the consumer does with a message, and the parked body to remove once it is
/// acknowledged (only an authenticated message's: a forged one could name anyone's).
struct Handled {
    action: Action,
    parked: Option<String>,
}

/// One queue message: one attempt (or, from the dead-letter queue, into the store).
async fn handle(
    env: &Env,
    config: &Config,
    queue_name: &str,
    drain: bool,
    message: &worker::worker_sys::Message,
    execution: &worker::Context,
) -> Handled {
    let started = runtime::now_ms();
    let mut log = Log::consumer(queue_name);
    let attempts = js_sys::Reflect::get(message, &"attempts".into())
        .ok()
        .and_then(|value| value.as_f64())
        .map_or(1, |attempts| {
            u32::try_from(runtime::to_u64(attempts).max(1)).unwrap_or(u32::MAX)
        });
    let enqueued_ms = message
        .timestamp()
        .map_or(started, |date| runtime::to_u64(date.get_time()));
    let text = message
        .body()
        .ok()
        .and_then(|body| body.as_string())
        .unwrap_or_default();
    let handled = match open(&text, &config.queue_key) {
        Ok(queued) => {
            log.message(&queued.message.id, queued.message.id_source);
            log.route_path(&queued.message.route);
            log.attempt_number(attempts);
            let parked = queued.parked.as_ref().map(|parked| parked.key.clone());
            let at = Moment {
                attempts: if drain { 0 } else { attempts },
                schedule: &[],
                now_ms: started,
                enqueued_ms,
                random: runtime::random(),
            };
            let action = deliver(env, config, drain, queued, at, &mut log).await;
            Handled { action, parked }
        }
        Err(claimed) => {
            log.route_path(&claimed.route);
            log.claimed_message(&claimed.id);
            let history =
                History::new(Reason::Unauthenticated, None, attempts, started, 0, started);
            let letter = DeadLetter::unauthenticated(&text, &claimed, &history);
            let action = store(env, &letter, &mut log).await;
            Handled {
                action,
                parked: None,
            }
        }
    };
    if let Action::Retry(delay) = handled.action {
        log.retry_in(delay);
    }
    let ended = runtime::now_ms();
    log.finish(ended.saturating_sub(started));
    if let Some(entry) = log.entry(ended, ended.saturating_sub(started)) {
        crate::deliveries::record(execution, env, &entry);
    }
    handled
}

/// An authenticated message: its body (from R2 when parked), then one attempt to its route's
/// current origin, or into the store (from the dead-letter queue, for a removed route, when
/// the retries are used up).
async fn deliver(
    env: &Env,
    config: &Config,
    drain: bool,
    queued: Queued,
    at: Moment<'_>,
    log: &mut Log,
) -> Action {
    let Queued {
        message: mut outbound,
        parked,
        accepted_ms,
        replays,
    } = queued;
    let mut body_missing = false;
    if let Some(parked) = &parked {
        match parked::fetch(env, parked).await {
            Ok(Some(body)) => outbound.body = body,
            Ok(None) => {
                log.detail("parked body missing or not the one verified");
                body_missing = true;
            }
            Err(error) => {
                log.outcome("store_unavailable").detail(&error.to_string());
                return Action::Retry(INTERNAL_RETRY_SECONDS);
            }
        }
    }
    let history = |reason: Reason, attempt: Option<&Attempt>| {
        // Without its body a message can only be looked at, never replayed.
        let reason = if body_missing {
            Reason::BodyMissing
        } else {
            reason
        };
        History::new(
            reason,
            attempt,
            at.attempts,
            accepted_ms,
            replays,
            runtime::now_ms(),
        )
    };
    // The route's current origin, signing secret, timeout and schedule: a fixed origin URL
    // applies to messages already queued and to replays. A message names no destination of
    // its own: without its route it goes nowhere.
    let route: Option<&Route> = config.route(&outbound.route);
    let (Some(route), false) = (route, drain) else {
        let reason = if drain {
            Reason::QueueGaveUp
        } else {
            Reason::RouteRemoved
        };
        log.reason(reason.code());
        let letter = DeadLetter::new(outbound, &history(reason, None));
        return store(env, &letter, log).await;
    };
    let at = Moment {
        schedule: &route.retry_schedule,
        ..at
    };
    let (attempt, verdict) = if body_missing {
        (None, retry::body_missing(at))
    } else {
        let attempt = forward::send(route, &outbound, runtime::now_ms() / 1000).await;
        log.attempt(&attempt).attempt_code(attempt.code());
        let verdict = retry::decide(
            &attempt,
            Moment {
                now_ms: runtime::now_ms(),
                ..at
            },
        );
        (Some(attempt), verdict)
    };
    match verdict {
        Verdict::Delivered => {
            log.outcome("delivered");
            Action::Ack
        }
        Verdict::Retry { delay_seconds } => {
            log.outcome("retry");
            Action::Retry(delay_seconds)
        }
        Verdict::DeadLetter(reason) => {
            log.reason(reason.code());
            let letter = DeadLetter::new(outbound, &history(reason, attempt.as_ref()));
            store(env, &letter, log).await
        }
    }
}

/// Stores `letter`; acknowledges the queue message only once it is stored.
async fn store(env: &Env, letter: &DeadLetter, log: &mut Log) -> Action {
    let stored = match deadletter::put(letter) {
        Ok(command) => deadletter::ask(env, &command).await,
        Err(error) => Err(error.into()),
    };
    match stored {
        Ok(_) => {
            log.outcome("dead_lettered").reason(&letter.summary.reason);
            Action::Ack
        }
        Err(error) => {
            log.outcome("store_unavailable").detail(&error.to_string());
            Action::Retry(INTERNAL_RETRY_SECONDS)
        }
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];

    fn outbound(body: &[u8]) -> Outbound {
        Outbound {
            route: "/hooks/q".into(),
            scheme: "github".into(),
            id: "msg_1".into(),
            id_source: None,
            headers: vec![("x-github-event".into(), "push".into())],
            body: body.to_vec(),
        }
    }

    #[test]
    fn a_queue_message_is_sealed_json_naming_its_route_and_no_destination() {
        let queued = Queued::new(outbound(b"{\"a\":1}"), 1_700_000_000_000);
        let text = seal(&queued, &KEY).expect("json");
        let envelope: serde_json::Value = serde_json::from_str(&text).expect("value");
        assert_eq!(envelope["v"], 2);
        let inner: serde_json::Value =
            serde_json::from_str(envelope["message"].as_str().expect("text")).expect("inner");
        assert_eq!(
            inner,
            serde_json::json!({
                "message": {
                    "route": "/hooks/q",
                    "scheme": "github",
                    "id": "msg_1",
                    "headers": [["x-github-event", "push"]],
                    "body": "eyJhIjoxfQ==",
                },
                "accepted_ms": 1_700_000_000_000_u64,
                "replays": 0,
            })
        );
        assert_eq!(open(&text, &KEY), Ok(queued));
        let parked = Queued {
            parked: Some(Parked::new("parked/1".into(), b"large")),
            ..Queued::new(outbound(b""), 1)
        };
        assert_eq!(open(&seal(&parked, &KEY).expect("json"), &KEY), Ok(parked));
    }

    #[test]
    fn a_forged_or_tampered_queue_message_does_not_open() {
        let text = seal(&Queued::new(outbound(b"{}"), 1), &KEY).expect("json");
        let claimed = Unauthenticated {
            route: "/hooks/q".into(),
            id: "msg_1".into(),
        };
        // Another key (another ORIGIN_SIGNING_SECRET), a changed body, a changed route.
        assert_eq!(open(&text, &[8; 32]), Err(claimed.clone()));
        let tampered = text.replace("e30=", "e319");
        assert_ne!(tampered, text);
        assert_eq!(open(&tampered, &KEY), Err(claimed));
        let rerouted = text.replace("/hooks/q", "/hooks/x");
        assert_eq!(
            open(&rerouted, &KEY).map_err(|c| c.route),
            Err("/hooks/x".into())
        );
        // No MAC, an empty one, the previous (unauthenticated) format naming an origin.
        let mut envelope: serde_json::Value = serde_json::from_str(&text).expect("value");
        envelope["mac"] = "".into();
        assert!(open(&envelope.to_string(), &KEY).is_err());
        let v1 = r#"{"v": 1, "message": {"route": "/hooks/q", "origin": "https://evil.example/",
                     "id": "x", "scheme": "svix", "headers": [], "body": ""}, "accepted_ms": 1}"#;
        assert_eq!(
            open(v1, &KEY),
            Err(Unauthenticated {
                route: "/hooks/q".into(),
                id: "x".into()
            })
        );
        for garbage in ["", "null", "[]", "{\"hello\": \"world\"}", "\u{0}"] {
            assert_eq!(
                open(garbage, &KEY),
                Err(Unauthenticated::default()),
                "{garbage:?}"
            );
        }
    }

    #[test]
    fn a_mebibyte_body_does_not_fit_a_queue_message_and_a_small_one_does() {
        let small = seal(&Queued::new(outbound(&vec![b'x'; 80_000]), 1), &KEY).expect("json");
        assert!(small.len() <= MAX_INLINE_BYTES);
        let large = seal(&Queued::new(outbound(&vec![b'x'; 1 << 20]), 1), &KEY).expect("json");
        assert!(large.len() > MAX_INLINE_BYTES);
    }

    #[test]
    fn batches_respect_the_queue_limits() {
        let texts = |sizes: &[usize]| -> Vec<String> {
            sizes.iter().map(|&size| "x".repeat(size)).collect()
        };
        assert_eq!(batches(&[]), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(batches(&texts(&[10])), vec![0..1_usize]);
        assert_eq!(batches(&texts(&[10; 250])), [0..100, 100..200, 200..250]);
        assert_eq!(
            batches(&texts(&[100_000, 100_000, 100_000, 10])),
            [0..2, 2..4]
        );
        assert_eq!(batches(&texts(&[120_000, 120_000, 1])), [0..2, 2..3]);
    }
}
