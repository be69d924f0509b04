//! What queue delivery does after each attempt: done, retry later (when), or dead-letter (why).
//!
//! Everything here is plain Rust and unit-tested natively: the runtime passes in the attempt's
//! outcome, the clock and a random number.
//!
//! - 2xx: delivered.
//! - 408, 429, 5xx, a timeout, an unreachable origin: retried after the route's schedule's next
//!   delay, with ±20 % jitter, and never sooner than the origin's `Retry-After` (plus up to 10 %,
//!   so that messages told the same `Retry-After` do not all come back in the same second).
//!   Every delay is capped at 12 hours, the longest a queue delays a message.
//! - Any other status (3xx: redirects are not followed; 4xx but 408 and 429): dead-lettered at
//!   once: sending the same request again would get the same answer.
//! - No retry left: dead-lettered.
//! - A retry that would land after the queue's retention (4 days from when the message was put
//!   in the queue, less an hour's margin) is not made: dead-lettered, never silently dropped.

use crate::config::MAX_RETRY_DELAY_SECONDS;
use crate::forward::Attempt;

/// How long a queue keeps a message by default, in seconds (4 days).
pub const QUEUE_RETENTION_SECONDS: u64 = 4 * 86_400;
/// How long before the retention ends a message is dead-lettered rather than retried.
pub const RETENTION_MARGIN_SECONDS: u64 = 3_600;

/// Why a message went to the dead-letter store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The origin answered a status that retrying cannot change (3xx, 4xx but 408 and 429).
    OriginRejected,
    /// Every attempt of the schedule failed.
    RetriesExhausted,
    /// The next retry would have come after the queue's retention.
    RetentionReached,
    /// The queue itself gave up on the message (the consumer failed on it `max_retries` times)
    /// and moved it to the dead-letter queue.
    QueueGaveUp,
    /// The body parked for a large message could not be found (or did not match the digest its
    /// queue message carries) on any attempt: the message was never sent, since the Worker signs
    /// only bytes it verified. Not replayable.
    BodyMissing,
    /// The message's route is no longer configured: it is not sent anywhere (a queue message
    /// never names its destination). Replayable once the route is back.
    RouteRemoved,
    /// The queue message's MAC did not check out: not written by this Worker (or written under
    /// another `ORIGIN_SIGNING_SECRET`). Kept for inspection, never sent nor replayable.
    Unauthenticated,
}

impl Reason {
    /// The code stored and shown by the admin API.
    pub fn code(self) -> &'static str {
        match self {
            Reason::OriginRejected => "origin_rejected",
            Reason::RetriesExhausted => "retries_exhausted",
            Reason::RetentionReached => "retention_reached",
            Reason::QueueGaveUp => "queue_gave_up",
            Reason::BodyMissing => "body_missing",
            Reason::RouteRemoved => "route_removed",
            Reason::Unauthenticated => "unauthenticated",
        }
    }

    /// Whether the admin API may put such a dead letter back into the queue: not when its body
    /// is missing or it was never authenticated (a replay would sign what was never verified).
    pub fn replayable(self) -> bool {
        !matches!(self, Reason::BodyMissing | Reason::Unauthenticated)
    }
}

/// What to do with a message after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The origin took it: acknowledge.
    Delivered,
    /// Try again after this many seconds.
    Retry {
        /// The delay, 0 to [`MAX_RETRY_DELAY_SECONDS`].
        delay_seconds: u32,
    },
    /// Store it with its history.
    DeadLetter(Reason),
}

/// Whether another attempt may succeed where this one failed.
pub fn retryable(attempt: &Attempt) -> bool {
    match attempt {
        Attempt::Delivered { .. } => false,
        Attempt::Refused { status, .. } => matches!(status, 408 | 429 | 500..=599),
        Attempt::TimedOut | Attempt::Unreachable { .. } => true,
    }
}

/// The inputs of a decision besides the attempt.
#[derive(Clone, Copy, Debug)]
pub struct Moment<'a> {
    /// Attempts made so far, this one included (1 after the first attempt).
    pub attempts: u32,
    /// The route's schedule: the delays before the second, third, … attempt, in seconds.
    pub schedule: &'a [u32],
    /// Now, in Unix milliseconds.
    pub now_ms: u64,
    /// When this queue message was put in the queue, in Unix milliseconds.
    pub enqueued_ms: u64,
    /// A random number in `[0, 1)`, for the jitter.
    pub random: f64,
}

/// Decides what follows `attempt`.
pub fn decide(attempt: &Attempt, moment: Moment<'_>) -> Verdict {
    if matches!(attempt, Attempt::Delivered { .. }) {
        return Verdict::Delivered;
    }
    if !retryable(attempt) {
        return Verdict::DeadLetter(Reason::OriginRejected);
    }
    let wait = match attempt {
        Attempt::Refused {
            retry_after: Some(value),
            ..
        } => retry_after_seconds(value, moment.now_ms / 1000),
        _ => None,
    };
    next(moment, wait, Reason::RetriesExhausted)
}

/// Decides what follows an attempt that could not be made because the message's parked body
/// was missing: tried again on the route's schedule (the store may have been briefly
/// unavailable), then dead-lettered as [`Reason::BodyMissing`]. Never sent without its body.
pub fn body_missing(moment: Moment<'_>) -> Verdict {
    next(moment, None, Reason::BodyMissing)
}

/// The schedule's next delay with jitter, at least `wait` seconds (an origin's `Retry-After`),
/// or a dead letter for `exhausted` when the schedule is used up, or for the queue's retention.
fn next(moment: Moment<'_>, wait: Option<u64>, exhausted: Reason) -> Verdict {
    let index = usize::try_from(moment.attempts.saturating_sub(1)).unwrap_or(usize::MAX);
    let Some(&base) = moment.schedule.get(index) else {
        return Verdict::DeadLetter(exhausted);
    };
    let random = moment.random.clamp(0.0, 1.0);
    let mut delay = scale(base, 0.8 + 0.4 * random);
    if let Some(wait) = wait {
        let wait = u32::try_from(wait).unwrap_or(u32::MAX);
        let floor = wait.saturating_add(scale(wait, 0.1 * random));
        delay = delay.max(floor);
    }
    let delay_seconds = delay.min(MAX_RETRY_DELAY_SECONDS);
    let retention_end_ms = moment
        .enqueued_ms
        .saturating_add((QUEUE_RETENTION_SECONDS - RETENTION_MARGIN_SECONDS).saturating_mul(1000));
    let next_ms = moment
        .now_ms
        .saturating_add(u64::from(delay_seconds).saturating_mul(1000));
    if next_ms > retention_end_ms {
        return Verdict::DeadLetter(Reason::RetentionReached);
    }
    Verdict::Retry { delay_seconds }
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]
fn scale(seconds: u32, factor: f64) -> u32 {
    (f64::from(seconds) * factor)
        .round()
        .clamp(0.0, f64::from(u32::MAX)) as u32
}

/// The wait a `Retry-After` value asks for, in seconds from `now` (Unix seconds): delay-seconds
/// (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past is no wait).
/// `None` when the value is neither.
pub fn retry_after_seconds(value: &str, now: u64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is an absurd wait: as long as it gets.
        return Some(value.parse().unwrap_or(u64::MAX));
    }
    crate::time::http_date(value).map(|at| at.saturating_sub(now))
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::config::DEFAULT_RETRY_SCHEDULE;

    const NOW: u64 = 1_700_000_000_000;

    fn moment(attempts: u32, random: f64) -> Moment<'static> {
        Moment {
            attempts,
            schedule: &DEFAULT_RETRY_SCHEDULE,
            now_ms: NOW,
            enqueued_ms: NOW,
            random,
        }
    }

    fn refused(status: u16, retry_after: Option<&str>) -> Attempt {
        Attempt::Refused {
            status,
            retry_after: retry_after.map(String::from),
        }
    }

    #[test]
    fn classifies_outcomes() {
        assert_eq!(
            decide(&Attempt::Delivered { status: 204 }, moment(1, 0.5)),
            Verdict::Delivered
        );
        for status in [408, 429, 500, 502, 503, 504, 599] {
            assert!(retryable(&refused(status, None)), "{status}");
        }
        assert!(retryable(&Attempt::TimedOut));
        assert!(retryable(&Attempt::Unreachable { error: "x".into() }));
        for status in [301, 302, 400, 401, 403, 404, 409, 410, 413, 422] {
            assert_eq!(
                decide(&refused(status, Some("5")), moment(1, 0.5)),
                Verdict::DeadLetter(Reason::OriginRejected),
                "{status}"
            );
        }
    }

    #[test]
    fn follows_the_standard_webhooks_schedule_with_jitter() {
        let delays: Vec<u32> = (1..=7)
            .map(
                |attempts| match decide(&refused(503, None), moment(attempts, 0.5)) {
                    Verdict::Retry { delay_seconds } => delay_seconds,
                    other => panic!("{other:?}"),
                },
            )
            .collect();
        assert_eq!(delays, DEFAULT_RETRY_SCHEDULE);
        // The eighth attempt was the last.
        assert_eq!(
            decide(&Attempt::TimedOut, moment(8, 0.5)),
            Verdict::DeadLetter(Reason::RetriesExhausted)
        );
        // ±20 %.
        let low = decide(&Attempt::TimedOut, moment(3, 0.0));
        let high = decide(&Attempt::TimedOut, moment(3, 1.0));
        assert_eq!(
            low,
            Verdict::Retry {
                delay_seconds: 1_440
            }
        );
        assert_eq!(
            high,
            Verdict::Retry {
                delay_seconds: 2_160
            }
        );
        // An empty schedule: one attempt.
        let once = Moment {
            schedule: &[],
            ..moment(1, 0.5)
        };
        assert_eq!(
            decide(&Attempt::TimedOut, once),
            Verdict::DeadLetter(Reason::RetriesExhausted)
        );
    }

    #[test]
    fn honours_retry_after() {
        // Longer than the schedule's delay: waits at least that long, plus up to 10 %.
        assert_eq!(
            decide(&refused(429, Some("120")), moment(1, 0.0)),
            Verdict::Retry { delay_seconds: 120 }
        );
        assert_eq!(
            decide(&refused(429, Some("120")), moment(1, 1.0)),
            Verdict::Retry { delay_seconds: 132 }
        );
        // Shorter: the schedule wins.
        assert_eq!(
            decide(&refused(503, Some("1")), moment(2, 0.5)),
            Verdict::Retry { delay_seconds: 300 }
        );
        // An HTTP date.
        let date = "Wed, 15 Nov 2023 00:13:20 GMT"; // NOW + 7 200 s
        assert_eq!(retry_after_seconds(date, NOW / 1000), Some(7_200));
        assert_eq!(
            decide(&refused(503, Some(date)), moment(1, 0.0)),
            Verdict::Retry {
                delay_seconds: 7_200
            }
        );
        // Capped at 12 hours; garbage ignored.
        assert_eq!(
            decide(&refused(503, Some("999999999999999999999")), moment(1, 0.0)),
            Verdict::Retry {
                delay_seconds: MAX_RETRY_DELAY_SECONDS
            }
        );
        assert_eq!(
            decide(&refused(503, Some("soon")), moment(1, 0.5)),
            Verdict::Retry { delay_seconds: 5 }
        );
        for bad in [
            "",
            "-1",
            "1.5",
            "Tue, 14 Nov 2023 22:15:20",
            "Tue, 32 Nov 2023 22:15:20 GMT",
        ] {
            assert_eq!(retry_after_seconds(bad, 0), None, "{bad:?}");
        }
        assert_eq!(
            retry_after_seconds("Thu, 01 Jan 1970 00:00:00 GMT", 50),
            Some(0)
        );
    }

    #[test]
    fn never_retries_past_the_queue_retention() {
        let old = Moment {
            enqueued_ms: NOW - (QUEUE_RETENTION_SECONDS - 2 * 3_600) * 1000,
            ..moment(6, 0.5)
        };
        assert_eq!(
            decide(&Attempt::TimedOut, old),
            Verdict::DeadLetter(Reason::RetentionReached)
        );
        let young = Moment {
            enqueued_ms: NOW - 86_400_000,
            ..old
        };
        assert!(matches!(
            decide(&Attempt::TimedOut, young),
            Verdict::Retry { .. }
        ));
    }

    #[test]
    fn a_missing_body_is_retried_on_the_schedule_then_dead_lettered_never_sent() {
        assert_eq!(
            body_missing(moment(1, 0.5)),
            Verdict::Retry { delay_seconds: 5 }
        );
        assert_eq!(
            body_missing(moment(8, 0.5)),
            Verdict::DeadLetter(Reason::BodyMissing)
        );
        assert!(!Reason::BodyMissing.replayable());
        assert!(!Reason::Unauthenticated.replayable());
        assert!(Reason::RouteRemoved.replayable());
        assert!(Reason::RetriesExhausted.replayable());
    }
}
