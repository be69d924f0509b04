//! Queue delivery: the message a queue carries, putting messages in the queue, and the queue
//! consumer that forwards them with retries and dead-letters them when the retries run out.
//!
//! - The producer ([`enqueue`]) sends each message as a text (JSON) queue message. A body too
//!   large for a queue message (128 KB, less room for the rest) is parked in the dead-letter
//!   store's Durable Object and the queue message carries its key.
//! - The consumer ([`queue`], the Worker's `queue` handler) takes a batch, makes one attempt per
//!   message (up to [`CONCURRENCY`] at a time), and then acknowledges each message, retries it
//!   with a delay (`retry({delaySeconds})`, decided by [`crate::retry::decide`]), or stores it in
//!   the dead-letter store and acknowledges it. A message is only acknowledged once it is
//!   delivered or stored: if the store cannot be written, the message is retried instead.
//! - A batch from a queue whose name ends in [`DEAD_LETTER_QUEUE_SUFFIX`] comes from the queue's
//!   own dead-letter queue (messages the consumer failed on `max_retries` times, say because the
//!   Worker crashed): each goes into the dead-letter store as it is.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use worker::Env;

use crate::config::{Config, DEFAULT_ORIGIN_TIMEOUT_MS, DEFAULT_RETRY_SCHEDULE};
use crate::deadletter::{self, DeadLetter, History};
use crate::forward::{self, Attempt, Outbound};
use crate::respond::Log;
use crate::retry::{self, Moment, Reason, Verdict};

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
/// configuration is broken, the dead-letter store is unavailable), in seconds.
pub const INTERNAL_RETRY_SECONDS: u32 = 60;
/// The version of the queue message format.
pub const FORMAT: u32 = 1;

/// What a queue message carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    /// The format's version ([`FORMAT`]).
    pub v: u32,
    /// The message (its body empty when parked).
    pub message: Outbound,
    /// The key of the parked body in the dead-letter store, when the body is parked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked: Option<String>,
    /// When the edge accepted the message, in Unix milliseconds.
    pub accepted_ms: u64,
    /// How often it was replayed from the dead-letter store.
    #[serde(default)]
    pub replays: u32,
}

impl Queued {
    /// A message accepted now (`now_ms`).
    pub fn new(message: Outbound, accepted_ms: u64) -> Queued {
        Queued {
            v: FORMAT,
            message,
            parked: None,
            accepted_ms,
            replays: 0,
        }
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

/// Puts `items` in the delivery queue, in order (parking large bodies first).
pub async fn enqueue(env: &Env, items: Vec<Queued>) -> Result<(), EnqueueError> {
    let failed = |sent: usize| move |error: worker::Error| EnqueueError { sent, error };
    let queue = env.queue(BINDING).map_err(failed(0))?;
    let mut texts = Vec::with_capacity(items.len());
    for mut item in items {
        let mut text = serde_json::to_string(&item).map_err(|error| failed(0)(error.into()))?;
        if text.len() > MAX_INLINE_BYTES {
            let key = format!(
                "pk_{:016x}{:016x}",
                js_sys::Math::random().to_bits(),
                js_sys::Math::random().to_bits()
            );
            let park = deadletter::Command::Park {
                key: key.clone(),
                body: forward::encode_base64(&item.message.body),
            };
            deadletter::ask(env, &park).await.map_err(failed(0))?;
            item.message.body = Vec::new();
            item.parked = Some(key);
            text = serde_json::to_string(&item).map_err(|error| failed(0)(error.into()))?;
        }
        texts.push(text);
    }
    let message = |text: &String| {
        worker::RawMessageBuilder::new(JsValue::from_str(text))
            .build_with_content_type(worker::QueueContentType::Text)
    };
    if let [text] = texts.as_slice() {
        return queue.send_raw(message(text)).await.map_err(failed(0));
    }
    for range in batches(&texts) {
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
    _context: worker::worker_sys::Context,
) -> Result<JsValue, JsValue> {
    use futures_util::StreamExt as _;

    let queue_name: String = batch.queue().map(String::from).unwrap_or_default();
    let drain = queue_name.ends_with(DEAD_LETTER_QUEUE_SUFFIX);
    let messages: Vec<worker::worker_sys::Message> = batch
        .messages()
        .map(|array| array.iter().map(JsCast::unchecked_into).collect())
        .unwrap_or_default();
    let loaded = crate::cached_config(&env);
    let config = loaded.as_ref().as_ref().ok();
    if config.is_none() && !drain {
        let mut log = Log::new(format!("queue:{queue_name}"));
        log.outcome("invalid_config");
        if let Err(error) = loaded.as_ref() {
            log.detail(&error.0);
        }
        log.finish(0);
        for message in &messages {
            retry_later(message, INTERNAL_RETRY_SECONDS);
        }
        return Ok(JsValue::UNDEFINED);
    }
    let env = &env;
    let queue_name = queue_name.as_str();
    let actions: Vec<(usize, Action)> = futures_util::stream::iter(messages.iter().enumerate())
        .map(|(index, message)| async move {
            (index, handle(env, config, queue_name, drain, message).await)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    for (index, action) in actions {
        if let Some(message) = messages.get(index) {
            match action {
                Action::Ack => {
                    let _ = message.ack();
                }
                Action::Retry(delay) => retry_later(message, delay),
            }
        }
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

/// One queue message: one attempt (or, from the dead-letter queue, into the store).
async fn handle(
    env: &Env,
    config: Option<&Config>,
    queue_name: &str,
    drain: bool,
    message: &worker::worker_sys::Message,
) -> Action {
    let started = crate::dedupe::now_ms();
    let mut log = Log::new(format!("queue:{queue_name}"));
    let attempts = js_sys::Reflect::get(message, &"attempts".into())
        .ok()
        .and_then(|value| value.as_f64())
        .map_or(1, whole);
    let enqueued_ms = message
        .timestamp()
        .map_or(started, |date| whole_ms(date.get_time()));
    let text = message.body().ok().and_then(|body| body.as_string());
    let Some(queued) = text.and_then(|text| serde_json::from_str::<Queued>(&text).ok()) else {
        // Not a message of this Worker's: nothing to deliver, nothing to store.
        log.outcome("unreadable_message");
        log.finish(0);
        return Action::Ack;
    };
    log.message(&queued.message.id);
    log.route_path(&queued.message.route);
    log.attempt_number(attempts);
    let action = deliver(env, config, drain, queued, attempts, enqueued_ms, &mut log).await;
    if let Action::Retry(delay) = action {
        log.retry_in(delay);
    }
    log.finish(crate::dedupe::now_ms().saturating_sub(started));
    action
}

async fn deliver(
    env: &Env,
    config: Option<&Config>,
    drain: bool,
    queued: Queued,
    attempts: u32,
    enqueued_ms: u64,
    log: &mut Log,
) -> Action {
    let Queued {
        message: mut outbound,
        parked,
        accepted_ms,
        replays,
        ..
    } = queued;
    if let Some(key) = &parked {
        match deadletter::ask(env, &deadletter::Command::Parked { key: key.clone() }).await {
            Ok(reply) => match reply.body.as_deref().and_then(forward::decode_base64) {
                Some(body) => outbound.body = body,
                None => {
                    // Should never happen (parked bodies outlive their queue messages): the
                    // message is stored without its body, for the operator to see.
                    log.detail("parked body missing");
                }
            },
            Err(error) => {
                log.outcome("store_unavailable").detail(&error.to_string());
                return Action::Retry(INTERNAL_RETRY_SECONDS);
            }
        }
    }
    let now_ms = crate::dedupe::now_ms();
    let attempts = if drain { 0 } else { attempts };
    let history = |reason: &'static str, attempt: Option<&Attempt>| -> History {
        History {
            reason,
            attempts,
            last_status: attempt.and_then(Attempt::status),
            last_error: attempt.map_or("queue_gave_up", Attempt::code),
            last_detail: match attempt {
                Some(Attempt::Unreachable { error }) => Some(error.clone()),
                _ => None,
            },
            accepted_ms,
            last_attempt_ms: now_ms,
            now_ms,
            replays,
        }
    };
    let (Some(config), false) = (config, drain) else {
        let letter = DeadLetter::new(outbound, &history(Reason::QueueGaveUp.code(), None));
        return store(env, &letter, parked.as_deref(), log).await;
    };
    // The route's current origin, timeout and schedule: a fixed origin URL applies to messages
    // already queued and to replays. A message whose route was removed since goes to the origin
    // it was accepted for.
    let route = config.route(&outbound.route);
    if let Some(route) = route {
        outbound.origin.clone_from(&route.origin);
    }
    let timeout = route.map_or(DEFAULT_ORIGIN_TIMEOUT_MS, |route| route.origin_timeout_ms);
    let schedule = route.map_or(&DEFAULT_RETRY_SCHEDULE[..], |route| &route.retry_schedule);
    let attempt = forward::send(&outbound, &config.signer, now_ms / 1000, timeout)
        .await
        .unwrap_or_else(|error| Attempt::Unreachable {
            error: format!("cannot sign: {error}"),
        });
    log.attempt(&attempt).attempt_code(attempt.code());
    let verdict = retry::decide(
        &attempt,
        Moment {
            attempts,
            schedule,
            now_ms: crate::dedupe::now_ms(),
            enqueued_ms,
            random: js_sys::Math::random(),
        },
    );
    match verdict {
        Verdict::Delivered => {
            log.outcome("delivered");
            unpark(env, parked.as_deref()).await;
            Action::Ack
        }
        Verdict::Retry { delay_seconds } => {
            log.outcome("retry");
            Action::Retry(delay_seconds)
        }
        Verdict::DeadLetter(reason) => {
            log.reason(reason.code());
            let letter = DeadLetter::new(outbound, &history(reason.code(), Some(&attempt)));
            store(env, &letter, parked.as_deref(), log).await
        }
    }
}

/// Stores `letter`; acknowledges the queue message only once it is stored.
async fn store(env: &Env, letter: &DeadLetter, parked: Option<&str>, log: &mut Log) -> Action {
    let stored = match deadletter::put(letter) {
        Ok(command) => deadletter::ask(env, &command).await,
        Err(error) => Err(error.into()),
    };
    match stored {
        Ok(_) => {
            log.outcome("dead_lettered").reason(&letter.summary.reason);
            unpark(env, parked).await;
            Action::Ack
        }
        Err(error) => {
            log.outcome("store_unavailable").detail(&error.to_string());
            Action::Retry(INTERNAL_RETRY_SECONDS)
        }
    }
}

async fn unpark(env: &Env, parked: Option<&str>) {
    if let Some(key) = parked {
        // Best effort: the store's alarm sweeps what is left.
        let _ = deadletter::ask(env, &deadletter::Command::Unpark { key: key.into() }).await;
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole(value: f64) -> u32 {
    value.clamp(1.0, f64::from(u32::MAX)) as u32
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole_ms(value: f64) -> u64 {
    if value.is_finite() {
        value.max(0.0) as u64
    } else {
        0
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn outbound(body: &[u8]) -> Outbound {
        Outbound {
            route: "/hooks/q".into(),
            scheme: "github".into(),
            origin: "http://127.0.0.1:1/in".into(),
            id: "72d3162e".into(),
            headers: vec![("x-github-event".into(), "push".into())],
            body: body.to_vec(),
        }
    }

    #[test]
    fn a_queue_message_is_json_with_a_base64_body() {
        let queued = Queued::new(outbound(b"{\"a\":1}"), 1_700_000_000_000);
        let text = serde_json::to_string(&queued).expect("json");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).expect("value"),
            serde_json::json!({
                "v": 1,
                "message": {
                    "route": "/hooks/q",
                    "scheme": "github",
                    "origin": "http://127.0.0.1:1/in",
                    "id": "72d3162e",
                    "headers": [["x-github-event", "push"]],
                    "body": "eyJhIjoxfQ==",
                },
                "accepted_ms": 1_700_000_000_000_u64,
                "replays": 0,
            })
        );
        assert_eq!(
            serde_json::from_str::<Queued>(&text).expect("parse"),
            queued
        );
        let parked = Queued {
            parked: Some("pk_1".into()),
            ..Queued::new(outbound(b""), 1)
        };
        let text = serde_json::to_string(&parked).expect("json");
        assert_eq!(
            serde_json::from_str::<Queued>(&text).expect("parse"),
            parked
        );
        // Another Worker's message is not ours.
        assert!(serde_json::from_str::<Queued>(r#"{"hello": "world"}"#).is_err());
    }

    #[test]
    fn a_mebibyte_body_does_not_fit_a_queue_message_and_a_small_one_does() {
        let small =
            serde_json::to_string(&Queued::new(outbound(&vec![b'x'; 80_000]), 1)).expect("json");
        assert!(small.len() <= MAX_INLINE_BYTES);
        let large =
            serde_json::to_string(&Queued::new(outbound(&vec![b'x'; 1 << 20]), 1)).expect("json");
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
