//! The dead-letter store: a Durable Object keeping every queued message whose delivery gave up,
//! with its history, until an operator replays or deletes it through the admin API. It also
//! holds, while they are being delivered, the bodies too large to travel in a queue message.
//!
//! One object (named [`OBJECT_NAME`]) holds the whole store in two SQLite tables: `dead_letters`
//! (one row per route and message id, in the order they arrived: the `seq` column is the paging
//! cursor) and `parked` (bodies by key, swept by an alarm after [`PARK_SECONDS`]). The object
//! stores the JSON texts it is given and never reads a message: the Worker's side ([`ask`])
//! builds and reads them.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::forward::Outbound;
use crate::retry::rfc3339;

/// The Durable Object binding name in `wrangler.toml`.
pub const BINDING: &str = "HOOKSEAL_DEAD_LETTERS";
/// The name of the one object holding the store.
pub const OBJECT_NAME: &str = "dead-letters";
/// How long a parked body is kept at most, in seconds (7 days: longer than a queue keeps the
/// message that refers to it).
pub const PARK_SECONDS: u64 = 7 * 86_400;
/// The most rows one list or take command returns.
pub const MAX_PAGE: u32 = 1000;

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
    /// The reason code.
    pub reason: &'static str,
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

impl DeadLetter {
    /// The dead letter `message` becomes with `history`.
    pub fn new(message: Outbound, history: &History) -> DeadLetter {
        DeadLetter {
            summary: Summary {
                key: key(&message.route, &message.id),
                route: message.route.clone(),
                id: message.id.clone(),
                scheme: message.scheme.clone(),
                reason: history.reason.to_string(),
                attempts: history.attempts,
                last_status: history.last_status,
                last_error: history.last_error.to_string(),
                last_detail: history.last_detail.clone(),
                accepted_at: rfc3339(history.accepted_ms),
                last_attempt_at: rfc3339(history.last_attempt_ms),
                dead_lettered_at: rfc3339(history.now_ms),
                replays: history.replays,
                body_bytes: message.body.len(),
            },
            message,
            accepted_ms: history.accepted_ms,
        }
    }

    /// The admin API's view: the summary, the origin, the headers carried over and the body (as
    /// text when it is UTF-8, else as base64).
    pub fn detail(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(&self.summary).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("origin".into(), self.message.origin.clone().into());
            let headers: serde_json::Map<String, serde_json::Value> = self
                .message
                .headers
                .iter()
                .map(|(name, value)| (name.clone(), value.clone().into()))
                .collect();
            object.insert("headers".into(), headers.into());
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
    let digest = Sha256::new()
        .chain_update(b"hookseal dead letter v1\0")
        .chain_update(route.as_bytes())
        .chain_update(b"\0")
        .chain_update(id.as_bytes())
        .finalize();
    let hex = base16ct::lower::encode_string(&digest);
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
    },
    /// Deletes rows by key and, when given, `seq`: a row dead-lettered again after it was
    /// taken for a replay has a new `seq` and stays.
    Delete {
        /// `(key, seq)` pairs; `seq` 0 deletes whatever row has the key.
        rows: Vec<(String, u64)>,
    },
    /// Keeps a body (base64) under `key` until it is unparked or its time is up.
    Park {
        /// The key (`pk_` and random hex).
        key: String,
        /// The body, base64.
        body: String,
    },
    /// The parked body under `key`, if any.
    Parked {
        /// The key.
        key: String,
    },
    /// Forgets the parked body under `key`.
    Unpark {
        /// The key.
        key: String,
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
    /// A parked body (`parked`), base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
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

    use super::{Command, MAX_PAGE, PARK_SECONDS, Reply, Row};
    use crate::dedupe::now_ms;

    #[derive(Deserialize)]
    struct StoredRow {
        seq: f64,
        summary: String,
        #[serde(default)]
        message: Option<String>,
    }

    #[derive(Deserialize)]
    struct Number {
        n: Option<f64>,
    }

    #[derive(Deserialize)]
    struct Body {
        body: String,
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
            let reply = self.run(command).await?;
            worker::Response::from_json(&reply)
        }

        async fn alarm(&self) -> worker::Result<worker::Response> {
            let sql = self.sql()?;
            crate::dedupe::run_sql(
                &sql,
                "DELETE FROM parked WHERE until_ms <= ?",
                vec![int(now_ms())?],
            )?;
            let next: Vec<Number> = sql
                .exec("SELECT MIN(until_ms) AS n FROM parked", None)?
                .to_array()?;
            if let Some(next) = next.into_iter().next().and_then(|row| row.n) {
                self.state.storage().set_alarm(as_i64(millis(next))).await?;
            }
            worker::Response::empty()
        }
    }

    impl HooksealDeadLetters {
        async fn run(&self, command: Command) -> worker::Result<Reply> {
            let sql = self.sql()?;
            let mut reply = Reply {
                rows: Vec::new(),
                count: 0,
                last: 0,
                body: None,
            };
            match command {
                Command::Put {
                    key,
                    route,
                    id,
                    summary,
                    message,
                } => {
                    crate::dedupe::run_sql(
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
                } => list(&sql, &mut reply, after, limit, route, id)?,
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
                } => take(&sql, &mut reply, after, until, limit, route)?,
                Command::Delete { rows } => {
                    for (key, seq) in rows {
                        let cursor = if seq == 0 {
                            sql.exec("DELETE FROM dead_letters WHERE key = ?", vec![key.into()])?
                        } else {
                            sql.exec(
                                "DELETE FROM dead_letters WHERE key = ? AND seq = ?",
                                vec![key.into(), int(seq)?],
                            )?
                        };
                        cursor.to_array::<serde::de::IgnoredAny>()?;
                        reply.count += cursor.rows_written() as u64;
                    }
                }
                Command::Park { key, body } => {
                    let until = now_ms().saturating_add(PARK_SECONDS * 1000);
                    crate::dedupe::run_sql(
                        &sql,
                        "INSERT OR REPLACE INTO parked (key, body, until_ms) VALUES (?, ?, ?)",
                        vec![key.into(), body.into(), int(until)?],
                    )?;
                    let storage = self.state.storage();
                    if storage.get_alarm().await?.is_none() {
                        storage.set_alarm(as_i64(until)).await?;
                    }
                }
                Command::Parked { key } => {
                    let found: Vec<Body> = sql
                        .exec("SELECT body FROM parked WHERE key = ?", vec![key.into()])?
                        .to_array()?;
                    reply.body = found.into_iter().next().map(|row| row.body);
                }
                Command::Unpark { key } => {
                    crate::dedupe::run_sql(
                        &sql,
                        "DELETE FROM parked WHERE key = ?",
                        vec![key.into()],
                    )?;
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
                    "CREATE TABLE IF NOT EXISTS parked (key TEXT PRIMARY KEY, body TEXT NOT NULL, \
                     until_ms INTEGER NOT NULL)",
                ] {
                    crate::dedupe::run_sql(&sql, statement, None)?;
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
        route: Option<String>,
        id: Option<String>,
    ) -> worker::Result<()> {
        let (filter, mut bindings) = filter(route, id);
        let count: Vec<Number> = sql
            .exec(
                &format!("SELECT COUNT(*) AS n FROM dead_letters WHERE 1 = 1{filter}"),
                bindings.clone(),
            )?
            .to_array()?;
        reply.count = count.first().and_then(|row| row.n).map_or(0, millis);
        bindings.push(int(after)?);
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
        route: Option<String>,
    ) -> worker::Result<()> {
        let last: Vec<Number> = sql
            .exec("SELECT MAX(seq) AS n FROM dead_letters", None)?
            .to_array()?;
        reply.last = last.first().and_then(|row| row.n).map_or(0, millis);
        let until = if until == 0 { reply.last } else { until };
        let (filter, mut bindings) = filter(route, None);
        bindings.push(int(after)?);
        bindings.push(int(until)?);
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

    fn filter(route: Option<String>, id: Option<String>) -> (String, Vec<SqlStorageValue>) {
        let mut filter = String::new();
        let mut bindings = Vec::new();
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
                seq: millis(row.seq),
                summary: row.summary,
                message: row.message,
            })
            .collect())
    }

    fn int(value: u64) -> worker::Result<SqlStorageValue> {
        SqlStorageValue::try_from_i64(as_i64(value))
    }

    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    fn millis(value: f64) -> u64 {
        value.max(0.0) as u64
    }

    fn as_i64(value: u64) -> i64 {
        i64::try_from(value).unwrap_or(i64::MAX)
    }
}

/// Sends `command` to the store.
pub async fn ask(env: &worker::Env, command: &Command) -> worker::Result<Reply> {
    let stub = env.durable_object(BINDING)?.get_by_name(OBJECT_NAME)?;
    crate::dedupe::post_json(&stub, "dead-letters", command).await
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn message() -> Outbound {
        Outbound {
            route: "/hooks/a".into(),
            scheme: "svix".into(),
            origin: "http://127.0.0.1:1/in".into(),
            id: "msg_1".into(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: b"{\"a\":1}".to_vec(),
        }
    }

    fn history() -> History {
        History {
            reason: "retries_exhausted",
            attempts: 8,
            last_status: Some(503),
            last_error: "origin_error",
            last_detail: None,
            accepted_ms: 1_700_000_000_000,
            last_attempt_ms: 1_700_000_100_000,
            now_ms: 1_700_000_100_500,
            replays: 0,
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
            })
        );
        let detail = letter.detail();
        assert_eq!(detail["body"], "{\"a\":1}");
        assert_eq!(detail["headers"]["content-type"], "application/json");
        assert_eq!(detail["origin"], "http://127.0.0.1:1/in");
        let binary = DeadLetter::new(
            Outbound {
                body: vec![0xff, 0x00],
                ..message()
            },
            &history(),
        );
        assert_eq!(binary.detail()["bodyBase64"], "/wA=");
        assert!(binary.detail().get("body").is_none());
    }

    #[test]
    fn commands_travel_as_json() {
        let list = Command::List {
            after: 5,
            limit: 10,
            route: None,
            id: Some("msg_1".into()),
        };
        assert_eq!(
            serde_json::to_value(&list).expect("json"),
            serde_json::json!({"list": {"after": 5, "limit": 10, "route": null, "id": "msg_1"}})
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
}
