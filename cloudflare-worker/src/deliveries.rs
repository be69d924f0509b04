//! The delivery log: what the Worker received, forwarded, rejected and gave up on, for the
//! operator's page and the admin API (`/admin/routes`, `/admin/deliveries`).
//!
//! One Durable Object (named [`OBJECT_NAME`]) keeps, in SQLite:
//!
//! - **entries** ([`Entry`]): one per request on a route and one per queue attempt: the time,
//!   route, message id (authenticated, see [`Entry::id`]), outcome code, origin status, attempt
//!   and duration. Never a body, a signature or a secret. Bounded per route: at most
//!   [`MAX_ENTRIES_PER_ROUTE`] of messages that verified (with an id) and as many of requests
//!   that did not, and none older than [`MAX_AGE_MS`]. Kept apart so that forgeries, which
//!   anyone can send, never push the entries of genuine messages out;
//! - **counts** ([`Count`]): how many requests and attempts ended each way, per route and
//!   minute, for the last [`COUNT_WINDOW_MS`]. Counted apart from the entries, so the figures
//!   stay exact when a burst (a flood of forgeries) outruns the entries kept.
//!
//! An alarm sweeps both ([`SWEEP_INTERVAL_MS`]). Nothing here is on the request path: the
//! Worker collects entries in its isolate ([`Buffer`]) and sends them in one command about a
//! second later, after the answers ([`record`], `waitUntil`), so verification latency does not
//! grow with the log and the object takes one write per isolate and second rather than one per
//! request. What is lost if an isolate dies in that second is part of a log, never a message.
//!
//! The log is kept only while the admin API is on (`ADMIN_TOKEN`): nobody else can read it.
//! What the figures mean ([`Counts`]) and the buffer are plain Rust, unit-tested natively.

use std::cell::{Cell, RefCell};

use serde::{Deserialize, Serialize};

use crate::forward::IdSource;

/// The Durable Object binding name in `wrangler.toml`.
pub const BINDING: &str = "HOOKSEAL_DELIVERY_LOG";
/// The name of the one object holding the log.
pub const OBJECT_NAME: &str = "deliveries";
/// The most entries kept per route of messages that verified (they have an id), and apart from
/// them, of requests that did not (forgeries, refused challenges, …): the oldest go first.
pub const MAX_ENTRIES_PER_ROUTE: u32 = 10_000;
/// How long an entry is kept, in milliseconds (7 days).
pub const MAX_AGE_MS: u64 = 7 * 86_400_000;
/// The window of the counts, in milliseconds (24 hours).
pub const COUNT_WINDOW_MS: u64 = 86_400_000;
/// The counts' resolution, in milliseconds.
pub const MINUTE_MS: u64 = 60_000;
/// How often the alarm sweeps what is too old, in milliseconds.
pub const SWEEP_INTERVAL_MS: u64 = 10 * 60_000;
/// How long an isolate collects entries before it sends them, in milliseconds.
pub const FLUSH_DELAY_MS: u64 = 1_000;
/// The most entries of messages that verified an isolate sends at once, and apart from them of
/// requests that did not; more in one flush are counted, not listed.
pub const MAX_BUFFERED_ENTRIES: usize = 1_000;
/// The longest text kept from a request (an unsigned id, a detail), in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// The default page of the list.
pub const DEFAULT_PAGE: u32 = 50;
/// The largest page of the list.
pub const MAX_PAGE: u32 = 500;

/// What an entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A request to a route: its outcome is the answer's (`forwarded`, `duplicate`, `queued`, a
    /// verification code, …).
    Request,
    /// A queue delivery attempt (or a message the consumer stored without one): its outcome is
    /// what followed (`delivered`, `retry`, `dead_lettered`), the attempt's own in
    /// `attempt_outcome`.
    Attempt,
}

impl Kind {
    /// The name stored in SQLite.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Attempt => "attempt",
        }
    }
}

/// One request or queue attempt. Serialized once, by the Worker: the log stores and returns its
/// JSON text as it is (see [`Stored`]), so the object never parses one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// When it ended, in Unix milliseconds.
    pub at_ms: u64,
    /// The route path.
    pub route: String,
    /// A request or a queue attempt.
    pub kind: Kind,
    /// The outcome code (as in the Worker's log line).
    pub outcome: String,
    /// The message id (`webhook-id`): from signed data only, so present only for messages that
    /// verified (or came in an authenticated queue message); never an unsigned header, never
    /// what a forged queue message claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Whether `id` is the vendor's own (covered by its signature) or derived from the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_source: Option<IdSource>,
    /// The vendor's delivery id from a header its signature does not cover (GitHub's
    /// `X-GitHub-Delivery`, Shopify's `X-Shopify-Webhook-Id`): metadata, unauthenticated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsigned_id: Option<String>,
    /// The origin's status, when it answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_status: Option<u16>,
    /// Queue attempts: the attempt's number (1 for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<u32>,
    /// Queue attempts: the attempt's own outcome (`forwarded`, `origin_error`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt_outcome: Option<String>,
    /// How long it took, in milliseconds.
    pub duration_ms: u64,
    /// A few words about a failure (a core error message names headers, never secrets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// An entry as the log receives it: the columns it is found by, and its JSON text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    /// When it ended, in Unix milliseconds.
    pub at_ms: u64,
    /// The route path.
    pub route: String,
    /// The outcome code.
    pub outcome: String,
    /// The message id, if authenticated.
    pub id: Option<String>,
    /// The [`Entry`] as JSON.
    pub entry: String,
}

impl Stored {
    /// Whether it is of a message that verified (it has an id): see [`MAX_ENTRIES_PER_ROUTE`].
    pub fn verified(&self) -> bool {
        self.id.is_some()
    }

    /// `entry` as the log receives it.
    pub fn new(entry: &Entry) -> Stored {
        Stored {
            at_ms: entry.at_ms,
            route: entry.route.clone(),
            outcome: entry.outcome.clone(),
            id: entry.id.clone(),
            entry: serde_json::to_string(entry).unwrap_or_default(),
        }
    }
}

/// `text` cut to [`MAX_TEXT_CHARS`] characters.
pub fn clip(text: &str) -> String {
    text.chars().take(MAX_TEXT_CHARS).collect()
}

/// How many requests or attempts of a route ended one way in one minute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// The route path.
    pub route: String,
    /// The minute (its start, in Unix milliseconds); 0 in a summed answer.
    pub minute_ms: u64,
    /// A request or a queue attempt.
    pub kind: Kind,
    /// The outcome code.
    pub outcome: String,
    /// Queue attempts: the attempt's own outcome (empty when none was made, or for requests).
    #[serde(default)]
    pub attempt_outcome: String,
    /// How many.
    pub n: u64,
}

/// The outcome codes of requests that verified: the message was authentic, whatever came of it.
pub const ACCEPTED_OUTCOMES: &[&str] = &[
    "forwarded",
    "duplicate",
    "in_flight",
    "filtered",
    "queued",
    "queue_unavailable",
    "origin_error",
    "origin_timeout",
    "origin_unreachable",
];
/// The outcome codes of a forward the origin did not take.
pub const FAILED_ATTEMPTS: &[&str] = &["origin_error", "origin_timeout", "origin_unreachable"];
/// Outcome codes of requests that were neither messages accepted nor rejected: endpoint
/// challenges answered.
pub const NEUTRAL_OUTCOMES: &[&str] = &["handshake"];

/// A route's figures over the counts' window: what the page and `/admin/routes` show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Requests that verified ([`ACCEPTED_OUTCOMES`]), whatever came of them.
    pub accepted: u64,
    /// Messages the origin answered 2xx: direct forwards and queue attempts.
    pub forwarded: u64,
    /// Deliveries absorbed as duplicates.
    pub duplicate: u64,
    /// Requests refused, by error code: verification failures (`no_matching_signature`, …),
    /// `body_too_large`, `method_not_allowed`, refused challenges.
    pub rejected: serde_json::Map<String, serde_json::Value>,
    /// Forwards the origin did not take ([`FAILED_ATTEMPTS`]): direct ones (answered 502: the
    /// sender retries) and queue attempts (then retried or dead-lettered).
    pub failed: u64,
    /// Queue attempts that failed and were scheduled again.
    pub retried: u64,
    /// Messages put in the dead-letter store.
    pub dead_lettered: u64,
    /// Every outcome code and how often, requests and attempts apart (`request:forwarded`,
    /// `attempt:retry`, …).
    pub outcomes: serde_json::Map<String, serde_json::Value>,
}

/// Adds `n` to the number under `key` (JSON maps: the code to show them is in the bundle
/// already, a map of numbers of its own would add its own).
fn bump(map: &mut serde_json::Map<String, serde_json::Value>, key: String, n: u64) {
    let slot = map.entry(key).or_insert_with(|| 0.into());
    *slot = (slot.as_u64().unwrap_or(0) + n).into();
}

impl Counts {
    /// Adds `count` (of this route) to the figures.
    pub fn add(&mut self, count: &Count) {
        let n = count.n;
        let outcome = count.outcome.as_str();
        bump(
            &mut self.outcomes,
            format!("{}:{outcome}", count.kind.name()),
            n,
        );
        match count.kind {
            Kind::Request => {
                if ACCEPTED_OUTCOMES.contains(&outcome) {
                    self.accepted += n;
                } else if !NEUTRAL_OUTCOMES.contains(&outcome) {
                    bump(&mut self.rejected, outcome.to_string(), n);
                }
                match outcome {
                    "forwarded" => self.forwarded += n,
                    "duplicate" => self.duplicate += n,
                    failed if FAILED_ATTEMPTS.contains(&failed) => self.failed += n,
                    _ => {}
                }
            }
            Kind::Attempt => {
                match outcome {
                    "delivered" => self.forwarded += n,
                    "retry" => self.retried += n,
                    "dead_lettered" => self.dead_lettered += n,
                    _ => {}
                }
                if FAILED_ATTEMPTS.contains(&count.attempt_outcome.as_str()) {
                    self.failed += n;
                }
            }
        }
    }

    /// The figures of route `route` in `counts`.
    pub fn of_route(counts: &[Count], route: &str) -> Counts {
        let mut figures = Counts::default();
        for count in counts.iter().filter(|count| count.route == route) {
            figures.add(count);
        }
        figures
    }
}

/// The start of the minute of `ms`.
pub fn minute_of(ms: u64) -> u64 {
    ms - ms % MINUTE_MS
}

/// What an isolate collects between two flushes: entries (up to [`MAX_BUFFERED_ENTRIES`] of
/// messages that verified and as many of requests that did not) and counts of all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Buffer {
    entries: Vec<Stored>,
    counts: Vec<Count>,
    /// How many of `entries` are of messages that verified.
    verified: usize,
}

/// What a flush sends: the `append` command's contents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// The entries to keep.
    pub entries: Vec<Stored>,
    /// The counts to add.
    pub counts: Vec<Count>,
}

impl Buffer {
    /// Counts `entry`, and keeps it unless the buffer holds [`MAX_BUFFERED_ENTRIES`] of its kind
    /// (verified or not) already: a flood of forgeries fills its own share only.
    pub fn push(&mut self, entry: &Entry) {
        let minute_ms = minute_of(entry.at_ms);
        let attempt_outcome = entry.attempt_outcome.clone().unwrap_or_default();
        let known = self.counts.iter_mut().find(|count| {
            count.minute_ms == minute_ms
                && count.kind == entry.kind
                && count.route == entry.route
                && count.outcome == entry.outcome
                && count.attempt_outcome == attempt_outcome
        });
        match known {
            Some(count) => count.n += 1,
            None => self.counts.push(Count {
                route: entry.route.clone(),
                minute_ms,
                kind: entry.kind,
                outcome: entry.outcome.clone(),
                attempt_outcome,
                n: 1,
            }),
        }
        let stored = Stored::new(entry);
        let verified = stored.verified();
        let of_its_kind = if verified {
            self.verified
        } else {
            self.entries.len() - self.verified
        };
        if of_its_kind < MAX_BUFFERED_ENTRIES {
            self.entries.push(stored);
            self.verified += usize::from(verified);
        }
    }

    /// Everything collected, leaving the buffer empty; `None` when there is nothing.
    pub fn take(&mut self) -> Option<Batch> {
        if self.counts.is_empty() {
            return None;
        }
        self.verified = 0;
        Some(Batch {
            entries: std::mem::take(&mut self.entries),
            counts: std::mem::take(&mut self.counts),
        })
    }
}

/// A request to the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Keeps entries and adds counts.
    Append(Batch),
    /// The counts since `since_ms`, summed per route, kind and outcome.
    Counts {
        /// The start of the window, in Unix milliseconds.
        since_ms: u64,
    },
    /// Entries, newest first.
    List(Query),
}

/// Which entries to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// Only this route.
    #[serde(default)]
    pub route: Option<String>,
    /// Only this outcome code (of requests or attempts).
    #[serde(default)]
    pub outcome: Option<String>,
    /// Only this message id.
    #[serde(default)]
    pub id: Option<String>,
    /// The cursor: entries before it (`0`: the newest).
    #[serde(default)]
    pub before: u64,
    /// At most this many.
    pub limit: u32,
}

/// One entry as the log returns it, with its cursor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The entry's cursor.
    pub seq: u64,
    /// The entry as stored (JSON).
    pub entry: String,
}

/// The log's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// `list`: the entries.
    #[serde(default)]
    pub rows: Vec<Row>,
    /// `counts`: the sums.
    #[serde(default)]
    pub counts: Vec<Count>,
}

/// An entry as the admin API shows it: the entry, its time in RFC 3339 and its cursor.
pub fn shown(row: &Row) -> Option<serde_json::Value> {
    let mut value: serde_json::Value = serde_json::from_str(&row.entry).ok()?;
    let at_ms = value.get("atMs")?.as_u64()?;
    let object = value.as_object_mut()?;
    object.insert("at".into(), crate::time::rfc3339(at_ms).into());
    object.insert("seq".into(), row.seq.into());
    Some(value)
}

pub use object::HooksealDeliveryLog;

/// The Durable Object class (its glue code, generated by `#[durable_object]`, has no docs).
#[allow(missing_docs)]
mod object {
    use std::cell::Cell;

    use serde::Deserialize;
    use worker::SqlStorageValue;

    use super::{
        Batch, COUNT_WINDOW_MS, Command, Count, MAX_AGE_MS, MAX_ENTRIES_PER_ROUTE, MAX_PAGE,
        MINUTE_MS, Query, Reply, Row, SWEEP_INTERVAL_MS,
    };
    use crate::runtime::sql::{number, run_sql, sql_int};
    use crate::runtime::{now_ms, to_i64, to_u64};

    #[derive(Deserialize)]
    struct StoredRow {
        seq: f64,
        entry: String,
    }

    /// The delivery log.
    #[worker::durable_object]
    pub struct HooksealDeliveryLog {
        state: worker::State,
        schema_ready: Cell<bool>,
        /// Whether a sweep alarm is known to be set (`None`: not checked yet).
        alarm_set: Cell<Option<bool>>,
    }

    impl worker::DurableObject for HooksealDeliveryLog {
        fn new(state: worker::State, _env: worker::Env) -> Self {
            HooksealDeliveryLog {
                state,
                schema_ready: Cell::new(false),
                alarm_set: Cell::new(None),
            }
        }

        async fn fetch(&self, mut request: worker::Request) -> worker::Result<worker::Response> {
            let command: Command = request.json().await?;
            let sql = self.sql()?;
            let reply = match command {
                Command::Append(batch) => {
                    append(&sql, batch)?;
                    self.ensure_alarm().await?;
                    Reply::default()
                }
                Command::Counts { since_ms } => Reply {
                    counts: counts(&sql, since_ms)?,
                    ..Reply::default()
                },
                Command::List(query) => Reply {
                    rows: list(&sql, &query)?,
                    ..Reply::default()
                },
            };
            worker::Response::from_json(&reply)
        }

        async fn alarm(&self) -> worker::Result<worker::Response> {
            let sql = self.sql()?;
            let now = now_ms();
            run_sql(
                &sql,
                "DELETE FROM deliveries WHERE at_ms < ?",
                vec![sql_int(now.saturating_sub(MAX_AGE_MS))?],
            )?;
            run_sql(
                &sql,
                "DELETE FROM counts WHERE minute_ms < ?",
                vec![sql_int(now.saturating_sub(COUNT_WINDOW_MS + MINUTE_MS))?],
            )?;
            let left = number(
                &sql,
                "SELECT (SELECT COUNT(*) FROM deliveries) + (SELECT COUNT(*) FROM counts) AS n",
                None,
            )?;
            self.alarm_set.set(Some(false));
            if left > 0 {
                self.state
                    .storage()
                    .set_alarm(to_i64(now + SWEEP_INTERVAL_MS))
                    .await?;
                self.alarm_set.set(Some(true));
            }
            worker::Response::empty()
        }
    }

    impl HooksealDeliveryLog {
        fn sql(&self) -> worker::Result<worker::SqlStorage> {
            let sql = self.state.storage().sql();
            if !self.schema_ready.get() {
                for statement in [
                    "CREATE TABLE IF NOT EXISTS deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, \
                     at_ms INTEGER NOT NULL, route TEXT NOT NULL, outcome TEXT NOT NULL, \
                     id TEXT, entry TEXT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS deliveries_route ON deliveries (route, seq)",
                    "CREATE INDEX IF NOT EXISTS deliveries_id ON deliveries (id)",
                    // The cap's: each route's entries with an id apart from those without.
                    "CREATE INDEX IF NOT EXISTS deliveries_route_verified ON deliveries \
                     (route, (id IS NOT NULL), seq)",
                    "CREATE TABLE IF NOT EXISTS counts (route TEXT NOT NULL, \
                     minute_ms INTEGER NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, \
                     attempt_outcome TEXT NOT NULL, n INTEGER NOT NULL, \
                     PRIMARY KEY (route, minute_ms, kind, outcome, attempt_outcome))",
                    "CREATE INDEX IF NOT EXISTS counts_minute ON counts (minute_ms)",
                ] {
                    run_sql(&sql, statement, None)?;
                }
                self.schema_ready.set(true);
            }
            Ok(sql)
        }

        /// Makes sure a sweep is scheduled once there is something to sweep.
        async fn ensure_alarm(&self) -> worker::Result<()> {
            let storage = self.state.storage();
            let set = match self.alarm_set.get() {
                Some(set) => set,
                None => storage.get_alarm().await?.is_some(),
            };
            if !set {
                storage
                    .set_alarm(to_i64(now_ms() + SWEEP_INTERVAL_MS))
                    .await?;
            }
            self.alarm_set.set(Some(true));
            Ok(())
        }
    }

    fn append(sql: &worker::SqlStorage, batch: Batch) -> worker::Result<()> {
        let mut capped: Vec<(String, bool)> = Vec::new();
        for entry in &batch.entries {
            run_sql(
                sql,
                "INSERT INTO deliveries (at_ms, route, outcome, id, entry) VALUES (?, ?, ?, ?, ?)",
                vec![
                    sql_int(entry.at_ms)?,
                    entry.route.as_str().into(),
                    entry.outcome.as_str().into(),
                    entry
                        .id
                        .as_deref()
                        .map_or(SqlStorageValue::Null, SqlStorageValue::from),
                    entry.entry.as_str().into(),
                ],
            )?;
            let class = (entry.route.clone(), entry.verified());
            if !capped.contains(&class) {
                capped.push(class);
            }
        }
        // The cap: each route keeps its newest entries of messages that verified, and apart
        // from them its newest of requests that did not (forgeries never push genuine ones out).
        for (route, verified) in capped {
            run_sql(
                sql,
                "DELETE FROM deliveries WHERE route = ? AND (id IS NOT NULL) = ? AND seq <= \
                 (SELECT seq FROM deliveries WHERE route = ? AND (id IS NOT NULL) = ? \
                 ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                vec![
                    route.as_str().into(),
                    i64::from(verified).into(),
                    route.as_str().into(),
                    i64::from(verified).into(),
                    i64::from(MAX_ENTRIES_PER_ROUTE).into(),
                ],
            )?;
        }
        for count in batch.counts {
            run_sql(
                sql,
                "INSERT INTO counts (route, minute_ms, kind, outcome, attempt_outcome, n) \
                 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (route, minute_ms, kind, outcome, \
                 attempt_outcome) DO UPDATE SET n = n + excluded.n",
                vec![
                    count.route.into(),
                    sql_int(count.minute_ms)?,
                    count.kind.name().into(),
                    count.outcome.into(),
                    count.attempt_outcome.into(),
                    sql_int(count.n)?,
                ],
            )?;
        }
        Ok(())
    }

    /// The counts since `since_ms`, summed. SQLite writes each as the JSON of a [`Count`], which
    /// is read as the `append` command reads one: no reader of its own.
    fn counts(sql: &worker::SqlStorage, since_ms: u64) -> worker::Result<Vec<Count>> {
        let rows: Vec<StoredRow> = sql
            .exec(
                "SELECT 0 AS seq, json_object('route', route, 'minute_ms', 0, 'kind', kind, \
                 'outcome', outcome, 'attempt_outcome', attempt_outcome, 'n', SUM(n)) AS entry \
                 FROM counts WHERE minute_ms >= ? GROUP BY route, kind, outcome, attempt_outcome",
                vec![sql_int(since_ms)?],
            )?
            .to_array()?;
        rows.iter()
            .map(|row| serde_json::from_str(&row.entry).map_err(worker::Error::from))
            .collect()
    }

    fn list(sql: &worker::SqlStorage, query: &Query) -> worker::Result<Vec<Row>> {
        let mut filter = String::new();
        let mut bindings: Vec<SqlStorageValue> = Vec::new();
        if query.before > 0 {
            filter.push_str(" AND seq < ?");
            bindings.push(sql_int(query.before)?);
        }
        for (column, value) in [
            ("route", &query.route),
            ("outcome", &query.outcome),
            ("id", &query.id),
        ] {
            if let Some(value) = value {
                filter.push_str(" AND ");
                filter.push_str(column);
                filter.push_str(" = ?");
                bindings.push(value.as_str().into());
            }
        }
        bindings.push(i64::from(query.limit.clamp(1, MAX_PAGE + 1)).into());
        let rows: Vec<StoredRow> = sql
            .exec(
                &format!(
                    "SELECT seq, entry FROM deliveries WHERE 1 = 1{filter} ORDER BY seq DESC LIMIT ?"
                ),
                bindings,
            )?
            .to_array()?;
        Ok(rows
            .into_iter()
            .map(|row| Row {
                seq: to_u64(row.seq),
                entry: row.entry,
            })
            .collect())
    }
}

/// Sends `command` to the log.
pub async fn ask(env: &worker::Env, command: &Command) -> worker::Result<Reply> {
    let stub = env.durable_object(BINDING)?.get_by_name(OBJECT_NAME)?;
    crate::runtime::durable::post_json(&stub, "deliveries", command).await
}

thread_local! {
    /// What this isolate collected since its last flush.
    static BUFFER: RefCell<Buffer> = RefCell::new(Buffer::default());
    /// When the scheduled flush is due, in Unix milliseconds (0: none is).
    static FLUSH_DUE: Cell<u64> = const { Cell::new(0) };
}

/// How long after it was due a flush that never ran (its invocation was cut short) is given up
/// for another, in milliseconds.
const FLUSH_GIVEN_UP_MS: u64 = 10_000;

/// Logs `entry` (when the admin API is on): into this isolate's buffer, which is sent
/// [`FLUSH_DELAY_MS`] after its first entry, after the answer (`waitUntil` of the invocation
/// that scheduled it, which the runtime keeps alive until it is done).
///
/// Only entries of configured routes are kept: an unauthenticated queue message may name any
/// route.
pub fn record(execution: &worker::Context, env: &worker::Env, entry: &Entry) {
    let on = crate::cached_config(env)
        .as_ref()
        .as_ref()
        .is_ok_and(|config| config.admin_token.is_some() && config.route(&entry.route).is_some());
    if !on {
        return;
    }
    BUFFER.with(|buffer| buffer.borrow_mut().push(entry));
    let now = crate::runtime::now_ms();
    let due = FLUSH_DUE.with(Cell::get);
    if due != 0 && now < due + FLUSH_GIVEN_UP_MS {
        return;
    }
    FLUSH_DUE.with(|cell| cell.set(now + FLUSH_DELAY_MS));
    let env = env.clone();
    execution.wait_until(async move {
        worker::Delay::from(std::time::Duration::from_millis(FLUSH_DELAY_MS)).await;
        flush(&env).await;
    });
}

/// Sends what this isolate collected; a failure is logged (the entries are lost: the log is
/// for looking, never a message's only record).
pub async fn flush(env: &worker::Env) {
    FLUSH_DUE.with(|due| due.set(0));
    let Some(batch) = BUFFER.with(|buffer| buffer.borrow_mut().take()) else {
        return;
    };
    let entries = batch.entries.len();
    if let Err(error) = ask(env, &Command::Append(batch)).await {
        let mut log = crate::respond::Log::new(OBJECT_NAME.into());
        log.outcome("delivery_log_failed")
            .detail(&format!("{entries} entries lost: {error}"));
        log.finish(0);
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn entry(route: &str, kind: Kind, outcome: &str, at_ms: u64) -> Entry {
        Entry {
            at_ms,
            route: route.into(),
            kind,
            outcome: outcome.into(),
            id: Some("msg_1".into()),
            id_source: Some(IdSource::Signed),
            unsigned_id: None,
            origin_status: None,
            attempt: None,
            attempt_outcome: None,
            duration_ms: 3,
            detail: None,
        }
    }

    #[test]
    fn the_buffer_counts_everything_and_keeps_a_bounded_number_of_entries() {
        let mut buffer = Buffer::default();
        assert_eq!(buffer.take(), None);
        for i in 0..(MAX_BUFFERED_ENTRIES as u64 + 5) {
            buffer.push(&entry(
                "/a",
                Kind::Request,
                "no_matching_signature",
                120_000 + i,
            ));
        }
        buffer.push(&entry("/a", Kind::Request, "forwarded", 180_001));
        let mut retry = entry("/a", Kind::Attempt, "retry", 180_002);
        retry.attempt_outcome = Some("origin_error".into());
        buffer.push(&retry);
        buffer.push(&retry);
        let batch = buffer.take().expect("a batch");
        assert_eq!(batch.entries.len(), MAX_BUFFERED_ENTRIES);
        let n = |outcome: &str| {
            batch
                .counts
                .iter()
                .filter(|count| count.outcome == outcome)
                .map(|count| (count.minute_ms, count.n, count.attempt_outcome.as_str()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            n("no_matching_signature"),
            [(120_000, MAX_BUFFERED_ENTRIES as u64 + 5, "")]
        );
        assert_eq!(n("forwarded"), [(180_000, 1, "")]);
        assert_eq!(n("retry"), [(180_000, 2, "origin_error")]);
        assert_eq!(buffer.take(), None, "taken: empty again");
    }

    #[test]
    fn a_flood_of_forgeries_does_not_crowd_out_the_entries_of_genuine_messages() {
        let mut buffer = Buffer::default();
        let forgery = |i: u64| Entry {
            id: None,
            id_source: None,
            ..entry("/a", Kind::Request, "no_matching_signature", 120_000 + i)
        };
        for i in 0..(MAX_BUFFERED_ENTRIES as u64 * 3) {
            buffer.push(&forgery(i));
        }
        buffer.push(&entry("/a", Kind::Request, "forwarded", 130_000));
        let batch = buffer.take().expect("a batch");
        let verified = batch.entries.iter().filter(|stored| stored.verified());
        assert_eq!(verified.count(), 1, "the genuine message's entry is kept");
        assert_eq!(batch.entries.len(), MAX_BUFFERED_ENTRIES + 1);
        // And the other way round, after a flush: each kind has its own share again.
        for i in 0..=(MAX_BUFFERED_ENTRIES as u64) {
            buffer.push(&entry("/a", Kind::Request, "duplicate", 140_000 + i));
        }
        buffer.push(&forgery(150_000));
        let batch = buffer.take().expect("a batch");
        assert_eq!(batch.entries.len(), MAX_BUFFERED_ENTRIES + 1);
        assert_eq!(
            batch
                .entries
                .iter()
                .filter(|stored| !stored.verified())
                .count(),
            1
        );
    }

    #[test]
    fn counts_say_what_was_accepted_forwarded_rejected_retried_and_dead_lettered() {
        let count = |kind, outcome: &str, attempt_outcome: &str, n| Count {
            route: "/a".into(),
            minute_ms: 0,
            kind,
            outcome: outcome.into(),
            attempt_outcome: attempt_outcome.into(),
            n,
        };
        let counts = [
            count(Kind::Request, "forwarded", "", 5),
            count(Kind::Request, "duplicate", "", 2),
            count(Kind::Request, "origin_error", "", 1),
            count(Kind::Request, "queued", "", 4),
            count(Kind::Request, "filtered", "", 1),
            count(Kind::Request, "no_matching_signature", "", 3),
            count(Kind::Request, "missing_header", "", 1),
            count(Kind::Request, "handshake", "", 1),
            count(Kind::Attempt, "delivered", "forwarded", 2),
            count(Kind::Attempt, "retry", "origin_error", 3),
            count(Kind::Attempt, "dead_lettered", "origin_timeout", 2),
            count(Kind::Attempt, "dead_lettered", "route_removed", 1),
        ];
        let figures = &Counts::of_route(&counts, "/a");
        assert_eq!(Counts::of_route(&counts, "/b"), Counts::default());
        assert_eq!(figures.accepted, 5 + 2 + 1 + 4 + 1);
        assert_eq!(figures.forwarded, 5 + 2);
        assert_eq!(figures.duplicate, 2);
        assert_eq!(
            serde_json::Value::Object(figures.rejected.clone()),
            serde_json::json!({"missing_header": 1, "no_matching_signature": 3})
        );
        assert_eq!(figures.failed, 1 + 3 + 2);
        assert_eq!(figures.retried, 3);
        assert_eq!(figures.dead_lettered, 3);
        assert_eq!(figures.outcomes["request:handshake"], 1);
        assert_eq!(figures.outcomes["attempt:dead_lettered"], 3);
        let json = serde_json::to_value(figures).expect("json");
        assert_eq!(json["deadLettered"], 3);
        assert_eq!(json["rejected"]["no_matching_signature"], 3);
    }

    #[test]
    fn entries_travel_as_json_without_empty_fields() {
        let mut forwarded = entry("/a", Kind::Request, "forwarded", 1_700_000_000_000);
        forwarded.unsigned_id = Some(clip(&"d".repeat(500)));
        let stored = Stored::new(&forwarded);
        assert_eq!(
            (stored.at_ms, stored.route.as_str(), stored.outcome.as_str()),
            (1_700_000_000_000, "/a", "forwarded")
        );
        assert_eq!(stored.id.as_deref(), Some("msg_1"));
        let json: serde_json::Value = serde_json::from_str(&stored.entry).expect("json");
        assert_eq!(json["idSource"], "signed");
        assert_eq!(json["kind"], "request");
        assert_eq!(
            json["unsignedId"].as_str().map(str::len),
            Some(MAX_TEXT_CHARS)
        );
        assert!(json.get("originStatus").is_none());
        let row = Row {
            seq: 7,
            entry: json.to_string(),
        };
        let shown = shown(&row).expect("shown");
        assert_eq!(shown["at"], "2023-11-14T22:13:20.000Z");
        assert_eq!(shown["seq"], 7);
        let append = Command::Append(Batch::default());
        assert_eq!(
            serde_json::to_value(&append).expect("json"),
            serde_json::json!({"append": {"entries": [], "counts": []}})
        );
        assert_eq!(minute_of(1_700_000_059_999), 1_700_000_040_000);
    }
}
