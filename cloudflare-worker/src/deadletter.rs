//! The dead-letter store: a Durable Object keeping every queued message whose delivery gave up,
//! with its history, until an operator replays or deletes it through the admin API.
//!
//! One object (named [`OBJECT_NAME`]) holds the whole store in a SQLite table, `dead_letters`
//! (one row per route and message id, in the order they arrived: the `seq` column is the paging
//! cursor). The object stores the JSON texts it is given and never reads a message, except
//! whether its summary says it is replayable: the Worker's side ([`ask`]) builds and reads them.
//! (Large bodies in delivery are parked elsewhere: [`crate::parked`].)

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::forward::{Attempt, Outbound};
use crate::queue::Unauthenticated;
use crate::retry::Reason;
use crate::time::rfc3339;

/// The Durable Object binding name in `wrangler.toml`.
pub const BINDING: &str = "HOOKSEAL_DEAD_LETTERS";
/// The name of the one object holding the store.
pub const OBJECT_NAME: &str = "dead-letters";
/// The most rows one list or take command returns.
pub const MAX_PAGE: u32 = 1000;
/// How much of a body the operator's page previews, in bytes.
pub const PREVIEW_BYTES: usize = 4096;
/// How many bytes a line of a hex preview shows.
const HEX_LINE: usize = 16;

/// A preview of `body`'s first `max` bytes: `{"text"}` when the whole body is UTF-8 (cut at a
/// character boundary), else `{"hex"}` (a dump: offset and 16 bytes a line); with `bytes` (the
/// body's size) and whether it was `truncated`.
pub fn preview(body: &[u8], max: usize) -> serde_json::Value {
    let (shown, key) = if let Ok(text) = std::str::from_utf8(body) {
        let mut end = max.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (text.get(..end).unwrap_or_default().to_string(), "text")
    } else {
        let head = body.get(..max.min(body.len())).unwrap_or_default();
        let lines: Vec<String> = head
            .chunks(HEX_LINE)
            .enumerate()
            .map(|(index, chunk)| {
                let bytes: Vec<String> = chunk.iter().map(|byte| format!("{byte:02x}")).collect();
                format!("{:08x}  {}", index * HEX_LINE, bytes.join(" "))
            })
            .collect();
        (lines.join("\n"), "hex")
    };
    let truncated = match key {
        "text" => shown.len() < body.len(),
        _ => body.len() > max,
    };
    serde_json::json!({ key: shown, "bytes": body.len(), "truncated": truncated })
}

/// What the admin API shows of a dead letter without its headers and body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The store's key: `dl_` and 32 hex digits, derived from the route and the message id.
    pub key: String,
    /// The route the message came in through.
    pub route: String,
    /// The message id (`webhook-id`).
    pub id: String,
    /// The scheme it was verified with.
    pub scheme: String,
    /// Why it was dead-lettered (a [`crate::retry::Reason`] code).
    pub reason: String,
    /// Attempts made (in the last round, when it was replayed).
    pub attempts: u32,
    /// The origin's status at the last attempt, when it answered.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub last_status: Option<u16>,
    /// The last attempt's outcome code: `origin_error`, `origin_timeout`, `origin_unreachable`
    /// (or `queue_gave_up`).
    pub last_error: String,
    /// A few words about the last error, when there is more to say.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub last_detail: Option<String>,
    /// When the edge accepted the message (RFC 3339).
    pub accepted_at: String,
    /// When the last attempt was made (RFC 3339).
    pub last_attempt_at: String,
    /// When the message was dead-lettered (RFC 3339).
    pub dead_lettered_at: String,
    /// How often it was replayed before.
    pub replays: u32,
    /// The body's size in bytes.
    pub body_bytes: usize,
    /// Whether the admin API may put it back into the queue: not when its body is missing or
    /// it never authenticated (see [`Reason::replayable`]). Rows stored before this field were
    /// all replayable.
    #[serde(default = "replayable_by_default")]
    pub replayable: bool,
}

fn replayable_by_default() -> bool {
    true
}

impl Summary {
    /// Whether the dead letter is of a message that authenticated, so that its route, id and
    /// body are what the Worker verified. Not for an `unauthenticated` one: its route and id are
    /// only what a queue message claimed (anyone with write access to the queue can name any
    /// route and a genuine message's id), its body that message's text.
    pub fn authenticated(&self) -> bool {
        self.reason != Reason::Unauthenticated.code()
    }

    /// The summary as the admin API shows it: with `authenticated` (see
    /// [`Summary::authenticated`]), which the stored summary does not hold.
    pub fn shown(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("authenticated".into(), self.authenticated().into());
        }
        value
    }
}

/// A dead letter: its summary and the message itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadLetter {
    /// What the list shows.
    pub summary: Summary,
    /// The message, body included, as it will be replayed.
    pub message: Outbound,
    /// When the edge accepted the message, in Unix milliseconds (kept across replays).
    pub accepted_ms: u64,
}

/// The history of a message when it is dead-lettered.
#[derive(Clone, Debug)]
pub struct History {
    /// Why.
    pub reason: Reason,
    /// Attempts made.
    pub attempts: u32,
    /// The origin's last status.
    pub last_status: Option<u16>,
    /// The last outcome code.
    pub last_error: &'static str,
    /// More about it.
    pub last_detail: Option<String>,
    /// When accepted, in Unix milliseconds.
    pub accepted_ms: u64,
    /// When last attempted, in Unix milliseconds.
    pub last_attempt_ms: u64,
    /// Now, in Unix milliseconds.
    pub now_ms: u64,
    /// Replays so far.
    pub replays: u32,
}

impl History {
    /// The history of a message dead-lettered for `reason` at `now_ms` after `attempts`
    /// attempts, the last being `attempt` (`None`: no attempt was made, and the reason code
    /// stands for the last error).
    pub fn new(
        reason: Reason,
        attempt: Option<&Attempt>,
        attempts: u32,
        accepted_ms: u64,
        replays: u32,
        now_ms: u64,
    ) -> History {
        History {
            reason,
            attempts,
            last_status: attempt.and_then(Attempt::status),
            last_error: attempt.map_or(reason.code(), Attempt::code),
            last_detail: match attempt {
                Some(Attempt::Unreachable { error }) => Some(error.clone()),
                _ => None,
            },
            accepted_ms,
            last_attempt_ms: now_ms,
            now_ms,
            replays,
        }
    }
}

impl DeadLetter {
    /// The dead letter `message` becomes with `history`.
    pub fn new(message: Outbound, history: &History) -> DeadLetter {
        DeadLetter {
            summary: Summary {
                key: key(&message.route, &message.id),
                route: message.route.clone(),
                id: message.id.clone(),
                scheme: message.scheme.clone(),
                reason: history.reason.code().to_string(),
                attempts: history.attempts,
                last_status: history.last_status,
                last_error: history.last_error.to_string(),
                last_detail: history.last_detail.clone(),
                accepted_at: rfc3339(history.accepted_ms),
                last_attempt_at: rfc3339(history.last_attempt_ms),
                dead_lettered_at: rfc3339(history.now_ms),
                replays: history.replays,
                body_bytes: message.body.len(),
                replayable: history.reason.replayable(),
            },
            message,
            accepted_ms: history.accepted_ms,
        }
    }

    /// The dead letter of a queue message that did not authenticate: kept for the operator to
    /// look at (its route and id as claimed, its whole text as the body), never replayable. Its
    /// key is derived from the text under another label than a genuine message's, so a forged
    /// message cannot replace a genuine dead letter.
    pub fn unauthenticated(text: &str, claimed: &Unauthenticated, history: &History) -> DeadLetter {
        let message = Outbound {
            route: claimed.route.clone(),
            scheme: String::new(),
            id: claimed.id.clone(),
            id_source: None,
            headers: Vec::new(),
            body: text.as_bytes().to_vec(),
        };
        let mut letter = DeadLetter::new(message, history);
        letter.summary.key = hashed_key(b"hookseal unauthenticated queue message v1\0", &[text]);
        letter.summary.replayable = false;
        letter
    }

    /// The admin API's view: the summary, the route's current origin (`None`: the route is
    /// gone), the headers carried over and the body (as text when it is UTF-8, else as base64).
    pub fn detail(&self, origin: Option<&str>) -> serde_json::Value {
        let mut value = self.summary.shown();
        if let Some(object) = value.as_object_mut() {
            object.insert("origin".into(), origin.into());
            let headers: serde_json::Map<String, serde_json::Value> = self
                .message
                .headers
                .iter()
                .map(|(name, value)| (name.clone(), value.clone().into()))
                .collect();
            object.insert("headers".into(), headers.into());
            let sent: Vec<[String; 2]> = self
                .message
                .sent_headers()
                .into_iter()
                .map(|(name, value)| [name, value])
                .collect();
            object.insert("sentHeaders".into(), serde_json::json!(sent));
            object.insert(
                "signedAtEachAttempt".into(),
                serde_json::json!(crate::forward::SIGNED_AFRESH),
            );
            object.insert("idSource".into(), serde_json::json!(self.message.id_source));
            object.insert("preview".into(), preview(&self.message.body, PREVIEW_BYTES));
            match std::str::from_utf8(&self.message.body) {
                Ok(text) => object.insert("body".into(), text.into()),
                Err(_) => object.insert(
                    "bodyBase64".into(),
                    crate::forward::encode_base64(&self.message.body).into(),
                ),
            };
        }
        value
    }
}

/// The store key of message `id` of route `route`.
pub fn key(route: &str, id: &str) -> String {
    hashed_key(b"hookseal dead letter v1\0", &[route, id])
}

/// `dl_` and 32 hex digits of SHA-256 over `label` and `parts` (each ended by a zero byte).
fn hashed_key(label: &[u8], parts: &[&str]) -> String {
    let mut hash = Sha256::new().chain_update(label);
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            hash.update(b"\0");
        }
        hash.update(part.as_bytes());
    }
    let hex = base16ct::lower::encode_string(&hash.finalize());
    format!("dl_{}", hex.get(..32).unwrap_or(&hex))
}

/// Whether `text` has the form of a store key.
pub fn is_key(text: &str) -> bool {
    text.len() == 35
        && text.starts_with("dl_")
        && text
            .bytes()
            .skip(3)
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A request to the store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Stores a dead letter, replacing one with the same key (which then moves to the end).
    Put {
        /// The key.
        key: String,
        /// The route (for filtering).
        route: String,
        /// The message id (for filtering).
        id: String,
        /// The [`Summary`] as JSON.
        summary: String,
        /// The stored message as JSON.
        message: String,
    },
    /// Summaries after cursor `after`, oldest first, with the count of all that match.
    List {
        /// The cursor: rows with a larger `seq`.
        after: u64,
        /// At most this many.
        limit: u32,
        /// Only this route.
        #[serde(default)]
        route: Option<String>,
        /// Only this message id.
        #[serde(default)]
        id: Option<String>,
        /// Only dead letters that may be replayed.
        #[serde(default)]
        replayable_only: bool,
    },
    /// One dead letter, whole.
    Get {
        /// Its key.
        key: String,
    },
    /// Whole dead letters after cursor `after` up to `until` (the last row when a replay of all
    /// started: rows dead-lettered again meanwhile are not taken twice), oldest first.
    Take {
        /// The cursor.
        after: u64,
        /// The last `seq` to take (`0`: whatever is last now).
        until: u64,
        /// At most this many.
        limit: u32,
        /// Only this route.
        #[serde(default)]
        route: Option<String>,
        /// Only dead letters that may be replayed (always true for a replay).
        #[serde(default)]
        replayable_only: bool,
    },
    /// Deletes rows by key and, when given, `seq`: a row dead-lettered again after it was
    /// taken for a replay has a new `seq` and stays.
    Delete {
        /// `(key, seq)` pairs; `seq` 0 deletes whatever row has the key.
        rows: Vec<(String, u64)>,
    },
}

/// One row as the store returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The row's cursor.
    pub seq: u64,
    /// The [`Summary`] as JSON.
    pub summary: String,
    /// The message as JSON (only for `get` and `take`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The store's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct Reply {
    /// The rows asked for.
    #[serde(default)]
    pub rows: Vec<Row>,
    /// All rows matching the filter (`list`), or the rows deleted (`delete`).
    #[serde(default)]
    pub count: u64,
    /// The last `seq` in the table (`take`), for the next call's `until`.
    #[serde(default)]
    pub last: u64,
}

/// How a dead letter's message is stored: the message and its acceptance time.
#[derive(Serialize, Deserialize)]
struct StoredMessage {
    message: Outbound,
    accepted_ms: u64,
}

/// The `put` command storing `letter`.
pub fn put(letter: &DeadLetter) -> serde_json::Result<Command> {
    Ok(Command::Put {
        key: letter.summary.key.clone(),
        route: letter.summary.route.clone(),
        id: letter.summary.id.clone(),
        summary: serde_json::to_string(&letter.summary)?,
        message: serde_json::to_string(&StoredMessage {
            message: letter.message.clone(),
            accepted_ms: letter.accepted_ms,
        })?,
    })
}

/// A whole dead letter from a stored row (`None` for a row without its message).
pub fn read_row(row: &Row) -> serde_json::Result<Option<DeadLetter>> {
    let Some(message) = &row.message else {
        return Ok(None);
    };
    let stored: StoredMessage = serde_json::from_str(message)?;
    Ok(Some(DeadLetter {
        summary: serde_json::from_str(&row.summary)?,
        message: stored.message,
        accepted_ms: stored.accepted_ms,
    }))
}

pub use object::HooksealDeadLetters;

/// The Durable Object class (its glue code, generated by `#[durable_object]`, has no docs).
#[allow(missing_docs)]
mod object {
    use std::cell::Cell;

    use serde::Deserialize;
    use worker::SqlStorageValue;

    use super::{Command, MAX_PAGE, Reply, Row};
    use crate::runtime::sql::{number, run_sql, sql_int};
    use crate::runtime::to_u64;

    #[derive(Deserialize)]
    struct StoredRow {
        seq: f64,
        summary: String,
        #[serde(default)]
        message: Option<String>,
    }

    /// The dead-letter store.
    #[worker::durable_object]
    pub struct HooksealDeadLetters {
        state: worker::State,
        schema_ready: Cell<bool>,
    }

    impl worker::DurableObject for HooksealDeadLetters {
        fn new(state: worker::State, _env: worker::Env) -> Self {
            HooksealDeadLetters {
                state,
                schema_ready: Cell::new(false),
            }
        }

        async fn fetch(&self, mut request: worker::Request) -> worker::Result<worker::Response> {
            let command: Command = request.json().await?;
            let reply = self.run(command)?;
            worker::Response::from_json(&reply)
        }
    }

    impl HooksealDeadLetters {
        fn run(&self, command: Command) -> worker::Result<Reply> {
            let sql = self.sql()?;
            let mut reply = Reply {
                rows: Vec::new(),
                count: 0,
                last: 0,
            };
            match command {
                Command::Put {
                    key,
                    route,
                    id,
                    summary,
                    message,
                } => {
                    run_sql(
                        &sql,
                        "INSERT OR REPLACE INTO dead_letters (key, route, id, summary, message) \
                         VALUES (?, ?, ?, ?, ?)",
                        vec![
                            key.into(),
                            route.into(),
                            id.into(),
                            summary.into(),
                            message.into(),
                        ],
                    )?;
                }
                Command::List {
                    after,
                    limit,
                    route,
                    id,
                    replayable_only,
                } => list(
                    &sql,
                    &mut reply,
                    after,
                    limit,
                    filter(route, id, replayable_only),
                )?,
                Command::Get { key } => {
                    reply.rows = rows(
                        &sql,
                        "SELECT seq, summary, message FROM dead_letters WHERE key = ?",
                        vec![key.into()],
                    )?;
                }
                Command::Take {
                    after,
                    until,
                    limit,
                    route,
                    replayable_only,
                } => take(
                    &sql,
                    &mut reply,
                    after,
                    until,
                    limit,
                    filter(route, None, replayable_only),
                )?,
                Command::Delete { rows } => {
                    for (key, seq) in rows {
                        let cursor = if seq == 0 {
                            sql.exec("DELETE FROM dead_letters WHERE key = ?", vec![key.into()])?
                        } else {
                            sql.exec(
                                "DELETE FROM dead_letters WHERE key = ? AND seq = ?",
                                vec![key.into(), sql_int(seq)?],
                            )?
                        };
                        cursor.to_array::<serde::de::IgnoredAny>()?;
                        reply.count += cursor.rows_written() as u64;
                    }
                }
            }
            Ok(reply)
        }

        fn sql(&self) -> worker::Result<worker::SqlStorage> {
            let sql = self.state.storage().sql();
            if !self.schema_ready.get() {
                for statement in [
                    "CREATE TABLE IF NOT EXISTS dead_letters (seq INTEGER PRIMARY KEY AUTOINCREMENT, \
                     key TEXT NOT NULL UNIQUE, route TEXT NOT NULL, id TEXT NOT NULL, \
                     summary TEXT NOT NULL, message TEXT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS dead_letters_route ON dead_letters (route, seq)",
                    "CREATE INDEX IF NOT EXISTS dead_letters_id ON dead_letters (id)",
                    // Large bodies used to be parked here; they now live in R2.
                    "DROP TABLE IF EXISTS parked",
                ] {
                    run_sql(&sql, statement, None)?;
                }
                self.schema_ready.set(true);
            }
            Ok(sql)
        }
    }

    fn list(
        sql: &worker::SqlStorage,
        reply: &mut Reply,
        after: u64,
        limit: u32,
        (filter, mut bindings): (String, Vec<SqlStorageValue>),
    ) -> worker::Result<()> {
        reply.count = number(
            sql,
            &format!("SELECT COUNT(*) AS n FROM dead_letters WHERE 1 = 1{filter}"),
            bindings.clone(),
        )?;
        bindings.push(sql_int(after)?);
        bindings.push(i64::from(limit.clamp(1, MAX_PAGE)).into());
        reply.rows = rows(
            sql,
            &format!(
                "SELECT seq, summary FROM dead_letters WHERE 1 = 1{filter} AND seq > ? \
                 ORDER BY seq LIMIT ?"
            ),
            bindings,
        )?;
        Ok(())
    }

    fn take(
        sql: &worker::SqlStorage,
        reply: &mut Reply,
        after: u64,
        until: u64,
        limit: u32,
        (filter, mut bindings): (String, Vec<SqlStorageValue>),
    ) -> worker::Result<()> {
        reply.last = number(sql, "SELECT MAX(seq) AS n FROM dead_letters", None)?;
        let until = if until == 0 { reply.last } else { until };
        bindings.push(sql_int(after)?);
        bindings.push(sql_int(until)?);
        bindings.push(i64::from(limit.clamp(1, MAX_PAGE)).into());
        reply.rows = rows(
            sql,
            &format!(
                "SELECT seq, summary, message FROM dead_letters WHERE 1 = 1{filter} \
                 AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?"
            ),
            bindings,
        )?;
        Ok(())
    }

    /// The `WHERE` conditions (after `1 = 1`) and their bindings.
    fn filter(
        route: Option<String>,
        id: Option<String>,
        replayable_only: bool,
    ) -> (String, Vec<SqlStorageValue>) {
        let mut filter = String::new();
        let mut bindings = Vec::new();
        if replayable_only {
            // Rows from before the field were all replayable.
            filter.push_str(" AND coalesce(json_extract(summary, '$.replayable'), 1) = 1");
        }
        if let Some(route) = route {
            filter.push_str(" AND route = ?");
            bindings.push(route.into());
        }
        if let Some(id) = id {
            filter.push_str(" AND id = ?");
            bindings.push(id.into());
        }
        (filter, bindings)
    }

    fn rows(
        sql: &worker::SqlStorage,
        query: &str,
        bindings: Vec<SqlStorageValue>,
    ) -> worker::Result<Vec<Row>> {
        let found: Vec<StoredRow> = sql.exec(query, bindings)?.to_array()?;
        Ok(found
            .into_iter()
            .map(|row| Row {
                seq: to_u64(row.seq),
                summary: row.summary,
                message: row.message,
            })
            .collect())
    }
}

/// Sends `command` to the store.
pub async fn ask(env: &worker::Env, command: &Command) -> worker::Result<Reply> {
    let stub = env.durable_object(BINDING)?.get_by_name(OBJECT_NAME)?;
    crate::runtime::durable::post_json(&stub, "dead-letters", command).await
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn message() -> Outbound {
        Outbound {
            route: "/hooks/a".into(),
            scheme: "svix".into(),
            id: "msg_1".into(),
            id_source: None,
            headers: vec![("content-type".into(), "application/json".into())],
            body: b"{\"a\":1}".to_vec(),
        }
    }

    fn history() -> History {
        History {
            last_attempt_ms: 1_700_000_100_000,
            ..History::new(
                Reason::RetriesExhausted,
                Some(&Attempt::Refused {
                    status: 503,
                    retry_after: None,
                }),
                8,
                1_700_000_000_000,
                0,
                1_700_000_100_500,
            )
        }
    }

    #[test]
    fn keys_are_per_route_and_id() {
        let a = key("/hooks/a", "msg_1");
        assert!(is_key(&a), "{a}");
        assert_eq!(a, key("/hooks/a", "msg_1"));
        assert_ne!(a, key("/hooks/b", "msg_1"));
        assert_ne!(a, key("/hooks/a", "msg_2"));
        for bad in ["", "dl_", "dl_XYZ", &a.to_uppercase(), &format!("{a}0")] {
            assert!(!is_key(bad), "{bad}");
        }
    }

    #[test]
    fn a_dead_letter_round_trips_through_the_store_format() {
        let letter = DeadLetter::new(message(), &history());
        assert_eq!(letter.summary.body_bytes, 7);
        assert_eq!(letter.summary.accepted_at, "2023-11-14T22:13:20.000Z");
        let Command::Put {
            key,
            summary,
            message: stored,
            ..
        } = put(&letter).expect("put")
        else {
            panic!("not a put")
        };
        assert_eq!(key, letter.summary.key);
        let row = Row {
            seq: 3,
            summary,
            message: Some(stored),
        };
        assert_eq!(read_row(&row).expect("read"), Some(letter.clone()));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&row.summary).expect("json"),
            serde_json::json!({
                "key": letter.summary.key,
                "route": "/hooks/a",
                "id": "msg_1",
                "scheme": "svix",
                "reason": "retries_exhausted",
                "attempts": 8,
                "lastStatus": 503,
                "lastError": "origin_error",
                "acceptedAt": "2023-11-14T22:13:20.000Z",
                "lastAttemptAt": "2023-11-14T22:15:00.000Z",
                "deadLetteredAt": "2023-11-14T22:15:00.500Z",
                "replays": 0,
                "bodyBytes": 7,
                "replayable": true,
            })
        );
        let detail = letter.detail(Some("http://127.0.0.1:1/in"));
        assert_eq!(detail["body"], "{\"a\":1}");
        assert_eq!(detail["headers"]["content-type"], "application/json");
        assert_eq!(detail["origin"], "http://127.0.0.1:1/in");
        assert_eq!(letter.detail(None)["origin"], serde_json::Value::Null);
        let binary = DeadLetter::new(
            Outbound {
                body: vec![0xff, 0x00],
                ..message()
            },
            &history(),
        );
        assert_eq!(binary.detail(None)["bodyBase64"], "/wA=");
        assert_eq!(
            binary.detail(None)["preview"],
            serde_json::json!({"hex": "00000000  ff 00", "bytes": 2, "truncated": false})
        );
        assert_eq!(detail["preview"]["text"], "{\"a\":1}");
        assert_eq!(detail["authenticated"], true);
        assert_eq!(detail["idSource"], serde_json::Value::Null);
        assert_eq!(
            detail["sentHeaders"],
            serde_json::json!([
                ["content-type", "application/json"],
                ["webhook-id", "msg_1"],
                ["x-hookseal-route", "/hooks/a"],
                ["x-hookseal-scheme", "svix"]
            ])
        );
        assert_eq!(
            detail["signedAtEachAttempt"],
            serde_json::json!(["webhook-timestamp", "webhook-signature"])
        );
        assert!(binary.detail(None).get("body").is_none());
        // Stored before `replayable` existed: replayable.
        let mut old: serde_json::Value = serde_json::from_str(&row.summary).expect("json");
        old.as_object_mut().expect("object").remove("replayable");
        let old: Summary = serde_json::from_value(old).expect("summary");
        assert!(old.replayable);
    }

    #[test]
    fn previews_show_text_or_hex_and_say_when_cut() {
        assert_eq!(
            preview("héllo".as_bytes(), 2),
            serde_json::json!({"text": "h", "bytes": 6, "truncated": true}),
            "cut at a character boundary"
        );
        assert_eq!(
            preview(b"", 10),
            serde_json::json!({"text": "", "bytes": 0, "truncated": false})
        );
        let binary: Vec<u8> = (0..=40).map(|byte| byte * 6).collect();
        let shown = preview(&binary, 34);
        assert_eq!(shown["truncated"], true);
        assert_eq!(shown["bytes"], 41);
        let dump = shown["hex"].as_str().expect("hex");
        let lines: Vec<&str> = dump.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("00000000  00 06 0c"), "{dump}");
        assert!(lines[1].starts_with("00000010  60 66"), "{dump}");
        assert_eq!(lines[2], "00000020  c0 c6");
    }

    #[test]
    fn commands_travel_as_json() {
        let list = Command::List {
            after: 5,
            limit: 10,
            route: None,
            id: Some("msg_1".into()),
            replayable_only: false,
        };
        assert_eq!(
            serde_json::to_value(&list).expect("json"),
            serde_json::json!({"list": {"after": 5, "limit": 10, "route": null, "id": "msg_1",
                                        "replayable_only": false}})
        );
        let parsed: Command =
            serde_json::from_str(r#"{"delete": {"rows": [["dl_x", 0]]}}"#).expect("parse");
        assert_eq!(
            parsed,
            Command::Delete {
                rows: vec![("dl_x".into(), 0)]
            }
        );
    }

    #[test]
    fn unreplayable_letters_say_so_and_a_forged_one_cannot_take_a_genuine_key() {
        let missing = DeadLetter::new(
            Outbound {
                body: Vec::new(),
                ..message()
            },
            &History::new(Reason::BodyMissing, None, 3, 1, 0, 2),
        );
        assert!(!missing.summary.replayable);
        assert_eq!(missing.summary.last_error, "body_missing");
        assert_eq!(missing.summary.key, key("/hooks/a", "msg_1"));
        let text = r#"{"v":2,"message":"{\"message\":{\"route\":\"/hooks/a\",\"id\":\"msg_1\"}}","mac":"AAAA"}"#;
        let claimed = Unauthenticated {
            route: "/hooks/a".into(),
            id: "msg_1".into(),
        };
        let forged = DeadLetter::unauthenticated(
            text,
            &claimed,
            &History::new(Reason::Unauthenticated, None, 1, 0, 0, 2),
        );
        assert!(!forged.summary.replayable);
        assert_eq!(forged.summary.reason, "unauthenticated");
        // Its route and id are only claimed: the admin API says so, in the list and the detail.
        assert!(!forged.summary.authenticated());
        assert_eq!(forged.summary.shown()["authenticated"], false);
        assert_eq!(forged.detail(None)["authenticated"], false);
        assert_eq!(forged.detail(None)["idSource"], serde_json::Value::Null);
        assert!(
            missing.summary.authenticated(),
            "a missing body was verified once"
        );
        assert_eq!(missing.summary.shown()["authenticated"], true);
        assert!(is_key(&forged.summary.key));
        assert_ne!(forged.summary.key, key("/hooks/a", "msg_1"));
        assert_eq!(forged.message.body, text.as_bytes());
    }
}
