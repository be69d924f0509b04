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
}

impl Reason {
    /// The code stored and shown by the admin API.
    pub fn code(self) -> &'static str {
        match self {
            Reason::OriginRejected => "origin_rejected",
            Reason::RetriesExhausted => "retries_exhausted",
            Reason::RetentionReached => "retention_reached",
            Reason::QueueGaveUp => "queue_gave_up",
        }
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
    let index = usize::try_from(moment.attempts.saturating_sub(1)).unwrap_or(usize::MAX);
    let Some(&base) = moment.schedule.get(index) else {
        return Verdict::DeadLetter(Reason::RetriesExhausted);
    };
    let random = moment.random.clamp(0.0, 1.0);
    let mut delay = scale(base, 0.8 + 0.4 * random);
    if let Attempt::Refused {
        retry_after: Some(value),
        ..
    } = attempt
        && let Some(wait) = retry_after_seconds(value, moment.now_ms / 1000)
    {
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
    http_date(value).map(|at| at.saturating_sub(now))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, the form HTTP senders must use) as Unix
/// seconds.
fn http_date(value: &str) -> Option<u64> {
    let mut parts = value.split(' ');
    let _weekday = parts.next().filter(|day| day.ends_with(','))?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?;
    let year: i64 = parts.next()?.parse().ok()?;
    let time = parts.next()?;
    if parts.next() != Some("GMT") || parts.next().is_some() {
        return None;
    }
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|name| *name == month)?;
    let mut clock = time.split(':').map(|part| part.parse::<u64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if clock.next().is_some() || hour > 23 || minute > 59 || second > 60 || !(1..=31).contains(&day)
    {
        return None;
    }
    let days = days_from_civil(year, u32::try_from(month).ok()? + 1, day);
    let seconds = days
        .checked_mul(86_400)?
        .checked_add(i64::try_from(hour * 3_600 + minute * 60 + second).ok()?)?;
    u64::try_from(seconds).ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Unix milliseconds as an RFC 3339 UTC time with milliseconds (`2026-04-01T12:00:00.000Z`).
pub fn rfc3339(ms: u64) -> String {
    let seconds = ms / 1000;
    let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX);
    let rest = seconds % 86_400;
    // civil_from_days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600,
        rest / 60 % 60,
        rest % 60,
        ms % 1000
    )
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
    fn formats_times() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(NOW + 7), "2023-11-14T22:13:20.007Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(
            http_date("Tue, 29 Feb 2000 00:00:00 GMT"),
            Some(951_782_400)
        );
    }
}
