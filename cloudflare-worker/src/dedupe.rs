//! Deduplication: Durable Objects remember, per route and message id, whether a message is being
//! forwarded right now or was forwarded already.
//!
//! Each route's messages are spread over [`SHARDS`] Durable Objects by a hash of the message id,
//! so that a few warm objects serve all deliveries (a new object per message would cost each
//! delivery an object's creation). Each object keeps one SQLite row per message taken and an
//! alarm that deletes the rows whose time is up.
//!
//! The states and their changes ([`apply`]) are plain Rust and unit-tested natively; the Durable
//! Object ([`HooksealDedupe`]) only reads and writes rows, and [`ask`] is the Worker's side.
//!
//! - `claim` before forwarding: `claimed` (go ahead; the claim is a lease that expires after the
//!   origin timeout and a margin, so a Worker that dies mid-forward does not block retries),
//!   `duplicate` (forwarded already, within the dedupe window: answer 200 and do nothing) or
//!   `in_flight` (another delivery of the same message is being forwarded right now).
//! - `delivered` after the origin's 2xx: remembered until the window ends.
//! - `failed` after any other outcome: the claim is dropped, so the sender's retry forwards again.
//! - `queued` (queue delivery) once the message is in the queue: from then on it counts as taken
//!   and duplicates are absorbed until the window ends, whatever becomes of the delivery (the
//!   queue retries it, and dead-letters it when the retries run out). If putting it in the queue
//!   fails, `failed` drops the claim instead and the sender is answered 503, so it retries.
//!
//! **A claim is kept in the object's memory, not in its storage**, and `delivered` and `queued`
//! are sent after the sender has its answer (see the Worker's `settle`). A Durable Object holds
//! back its answers while a write of its storage is being made durable (its output gate): a
//! claim written to SQLite would make every sender wait for a durable commit before its
//! webhook is even forwarded. Read from SQLite and kept in memory, a claim answers at once; the
//! one write, the message taken, happens after the answer. The object is the only instance of
//! its name, so every delivery of a message meets the same memory; should the object restart
//! during a forward (a deploy, a crash), the claim is forgotten and a redelivery in those
//! seconds is forwarded too, under the same `webhook-id`, which the origin deduplicates on (it
//! receives each message at least once, never exactly once, in any case).

use serde::{Deserialize, Serialize};

/// The Durable Object binding name in `wrangler.toml`.
pub const BINDING: &str = "HOOKSEAL_DEDUPE";
/// The margin added to the origin timeout to make a claim's lease, in milliseconds.
pub const LEASE_MARGIN_MS: u64 = 5_000;
/// How many Durable Objects share one route's messages.
pub const SHARDS: u8 = 16;
/// The shortest time between two sweeps of expired rows, in milliseconds.
pub const SWEEP_INTERVAL_MS: u64 = 60_000;

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being forwarded, until the lease ends.
    InFlight,
    /// Forwarded; duplicates are absorbed until the window ends.
    Delivered,
    /// In the delivery queue; duplicates are absorbed until the window ends.
    Queued,
}

impl Status {
    /// The name stored in the row.
    pub fn name(self) -> &'static str {
        match self {
            Status::InFlight => "in_flight",
            Status::Delivered => "delivered",
            Status::Queued => "queued",
        }
    }

    /// The status a stored name stands for (an unknown one: in flight, which lapses).
    pub fn from_name(name: &str) -> Status {
        match name {
            "delivered" => Status::Delivered,
            "queued" => Status::Queued,
            _ => Status::InFlight,
        }
    }
}

/// What the Durable Object stores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The message's status.
    pub status: Status,
    /// When the status lapses, in Unix milliseconds.
    pub until_ms: u64,
    /// The claim's token: only its holder's failure drops an in-flight claim.
    pub token: String,
}

/// A request to the Durable Object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Command {
    /// About to forward: may this delivery go ahead?
    Claim {
        /// Identifies this delivery's claim.
        token: String,
        /// How long the claim holds, in milliseconds.
        lease_ms: u64,
    },
    /// The origin took the message.
    Delivered {
        /// The claim's token.
        token: String,
        /// How long duplicates are absorbed, in seconds.
        keep_seconds: u64,
    },
    /// The message is in the delivery queue.
    Queued {
        /// The claim's token.
        token: String,
        /// How long duplicates are absorbed, in seconds.
        keep_seconds: u64,
    },
    /// The forward failed: let the next delivery try again.
    Failed {
        /// The claim's token.
        token: String,
    },
}

/// The Durable Object's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// Go ahead and forward.
    Claimed,
    /// Forwarded already: absorb this delivery.
    Duplicate,
    /// Being forwarded by another delivery right now.
    InFlight,
    /// Noted.
    Recorded,
}

/// A request to the Durable Object: a command about message `id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The message id.
    pub id: String,
    /// What to do.
    #[serde(flatten)]
    pub command: Command,
}

/// What happens to the stored record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Leave it as it is.
    Keep,
    /// Store this record (and wake up when it lapses).
    Put(Record),
    /// Forget the message.
    Delete,
}

/// The state machine: the stored record and a command at time `now_ms` give the change to make
/// and the answer.
pub fn apply(record: Option<&Record>, command: &Command, now_ms: u64) -> (Change, Reply) {
    let live = record.filter(|record| record.until_ms > now_ms);
    match command {
        Command::Claim { token, lease_ms } => match live.map(|record| record.status) {
            Some(Status::Delivered | Status::Queued) => (Change::Keep, Reply::Duplicate),
            Some(Status::InFlight) => (Change::Keep, Reply::InFlight),
            None => (
                Change::Put(Record {
                    status: Status::InFlight,
                    until_ms: now_ms.saturating_add(*lease_ms),
                    token: token.clone(),
                }),
                Reply::Claimed,
            ),
        },
        Command::Delivered {
            token,
            keep_seconds,
        }
        | Command::Queued {
            token,
            keep_seconds,
        } => (
            Change::Put(Record {
                status: if matches!(command, Command::Queued { .. }) {
                    Status::Queued
                } else {
                    Status::Delivered
                },
                until_ms: now_ms.saturating_add(keep_seconds.saturating_mul(1000)),
                token: token.clone(),
            }),
            Reply::Recorded,
        ),
        Command::Failed { token } => match record {
            Some(record) if record.status == Status::InFlight && record.token == *token => {
                (Change::Delete, Reply::Recorded)
            }
            _ => (Change::Keep, Reply::Recorded),
        },
    }
}

/// The claims an object holds in memory: the messages being forwarded right now, a few at a time
/// (so a list), each until its lease ends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Leases(Vec<(String, Record)>);

impl Leases {
    /// The claim on message `id`, while its lease lasts at `now_ms`.
    pub fn live(&self, id: &str, now_ms: u64) -> Option<&Record> {
        self.0
            .iter()
            .find(|(leased, record)| leased == id && record.until_ms > now_ms)
            .map(|(_, record)| record)
    }

    /// Holds `record` as the claim on message `id` (replacing any), and drops the claims
    /// lapsed at `now_ms` (their holder died without a word).
    pub fn hold(&mut self, id: String, record: Record, now_ms: u64) {
        self.0
            .retain(|(leased, held)| *leased != id && held.until_ms > now_ms);
        self.0.push((id, record));
    }

    /// Drops the claim on message `id`.
    pub fn release(&mut self, id: &str) {
        self.0.retain(|(leased, _)| leased != id);
    }

    /// Drops the claims lapsed at `now_ms`.
    pub fn prune(&mut self, now_ms: u64) {
        self.0.retain(|(_, held)| held.until_ms > now_ms);
    }

    /// How many claims are held.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

pub use object::HooksealDedupe;

/// The Durable Object class (its glue code, generated by `#[durable_object]`, has no docs).
#[allow(missing_docs)]
mod object {
    use std::cell::{Cell, RefCell};

    use serde::Deserialize;
    use worker::SqlStorageValue;

    use super::{Change, Envelope, Leases, Record, SWEEP_INTERVAL_MS, Status, apply};
    use crate::runtime::sql::{run_sql, sql_int};
    use crate::runtime::{now_ms, to_i64, to_u64};

    #[derive(Deserialize)]
    struct Row {
        status: String,
        until_ms: f64,
        token: String,
    }

    #[derive(Deserialize)]
    struct Next {
        next: Option<f64>,
    }

    /// One shard of a route's dedupe records: a SQLite table of the messages taken, and the
    /// claims of messages being forwarded in memory.
    #[worker::durable_object]
    pub struct HooksealDedupe {
        state: worker::State,
        schema_ready: Cell<bool>,
        /// Whether a sweep alarm is known to be set (`None`: not checked yet).
        alarm_set: Cell<Option<bool>>,
        /// The claims (in-flight records): never written to storage, so that a claim's answer
        /// does not wait for a durable commit (see the module's documentation).
        leases: RefCell<Leases>,
    }

    impl worker::DurableObject for HooksealDedupe {
        fn new(state: worker::State, _env: worker::Env) -> Self {
            HooksealDedupe {
                state,
                schema_ready: Cell::new(false),
                alarm_set: Cell::new(None),
                leases: RefCell::new(Leases::default()),
            }
        }

        async fn fetch(&self, mut request: worker::Request) -> worker::Result<worker::Response> {
            let Envelope { id, command } = request.json().await?;
            let sql = self.sql()?;
            // No await between reading and writing the record: one command at a time per message.
            let now = now_ms();
            let lease = self.leases.borrow().live(&id, now).cloned();
            let in_memory = lease.is_some();
            let record = if in_memory { lease } else { stored(&sql, &id)? };
            let (change, reply) = apply(record.as_ref(), &command, now);
            match change {
                Change::Keep => {}
                Change::Put(record) if record.status == Status::InFlight => {
                    self.leases.borrow_mut().hold(id, record, now);
                }
                Change::Put(record) => {
                    self.leases.borrow_mut().release(&id);
                    let status = record.status.name();
                    run_sql(
                        &sql,
                        "INSERT OR REPLACE INTO messages (id, status, until_ms, token) VALUES (?, ?, ?, ?)",
                        vec![
                            id.as_str().into(),
                            status.into(),
                            sql_int(record.until_ms)?,
                            record.token.into(),
                        ],
                    )?;
                    self.ensure_alarm(record.until_ms).await?;
                }
                Change::Delete if in_memory => {
                    self.leases.borrow_mut().release(&id);
                }
                Change::Delete => {
                    // An in-flight row stored by an earlier version of the Worker.
                    run_sql(
                        &sql,
                        "DELETE FROM messages WHERE id = ?",
                        vec![id.as_str().into()],
                    )?;
                }
            }
            worker::Response::from_json(&reply)
        }

        async fn alarm(&self) -> worker::Result<worker::Response> {
            let sql = self.sql()?;
            let now = now_ms();
            run_sql(
                &sql,
                "DELETE FROM messages WHERE until_ms <= ?",
                vec![sql_int(now)?],
            )?;
            self.leases.borrow_mut().prune(now);
            let next: Vec<Next> = sql
                .exec("SELECT MIN(until_ms) AS next FROM messages", None)?
                .to_array()?;
            self.alarm_set.set(Some(false));
            if let Some(next) = next.into_iter().next().and_then(|row| row.next) {
                let at = to_u64(next).max(now + SWEEP_INTERVAL_MS);
                self.state.storage().set_alarm(to_i64(at)).await?;
                self.alarm_set.set(Some(true));
            }
            worker::Response::empty()
        }
    }

    /// The stored record of message `id`, if any.
    fn stored(sql: &worker::SqlStorage, id: &str) -> worker::Result<Option<Record>> {
        let rows: Vec<Row> = sql
            .exec(
                "SELECT status, until_ms, token FROM messages WHERE id = ?",
                vec![SqlStorageValue::from(id)],
            )?
            .to_array()?;
        Ok(rows.into_iter().next().map(|row| Record {
            status: Status::from_name(&row.status),
            until_ms: to_u64(row.until_ms),
            token: row.token,
        }))
    }

    impl HooksealDedupe {
        fn sql(&self) -> worker::Result<worker::SqlStorage> {
            let sql = self.state.storage().sql();
            if !self.schema_ready.get() {
                run_sql(
                    &sql,
                    "CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, status TEXT NOT NULL, \
                     until_ms INTEGER NOT NULL, token TEXT NOT NULL)",
                    None,
                )?;
                run_sql(
                    &sql,
                    "CREATE INDEX IF NOT EXISTS messages_until ON messages (until_ms)",
                    None,
                )?;
                self.schema_ready.set(true);
            }
            Ok(sql)
        }

        /// Makes sure a sweep is scheduled once rows exist: at the first row's expiry at the
        /// earliest, then at most every [`SWEEP_INTERVAL_MS`].
        async fn ensure_alarm(&self, until_ms: u64) -> worker::Result<()> {
            let storage = self.state.storage();
            let set = match self.alarm_set.get() {
                Some(set) => set,
                None => storage.get_alarm().await?.is_some(),
            };
            if !set {
                storage.set_alarm(to_i64(until_ms)).await?;
            }
            self.alarm_set.set(Some(true));
            Ok(())
        }
    }
}

/// The name of the Durable Object holding message `id` of route `route`: one of the route's
/// [`SHARDS`], chosen by the first byte of SHA-256 of the id.
pub fn shard_name(route: &str, id: &str) -> String {
    use sha2::{Digest, Sha256};
    let first = Sha256::digest(id.as_bytes())
        .first()
        .copied()
        .unwrap_or_default();
    format!("{route}#{:02x}", first % SHARDS)
}

/// Sends `command` about message `id` on route `route` to the Durable Object holding it.
pub async fn ask(
    namespace: &worker::ObjectNamespace,
    route: &str,
    id: &str,
    command: Command,
) -> worker::Result<Reply> {
    let stub = namespace.get_by_name(&shard_name(route, id))?;
    let envelope = Envelope {
        id: id.to_string(),
        command,
    };
    crate::runtime::durable::post_json(&stub, "dedupe", &envelope).await
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn claim(token: &str) -> Command {
        Command::Claim {
            token: token.into(),
            lease_ms: 1_000,
        }
    }

    fn stored(change: Change) -> Record {
        match change {
            Change::Put(record) => record,
            other => panic!("expected a record, got {other:?}"),
        }
    }

    #[test]
    fn a_delivered_message_is_a_duplicate_until_the_window_ends() {
        let (change, reply) = apply(None, &claim("a"), 10_000);
        assert_eq!(reply, Reply::Claimed);
        let in_flight = stored(change);
        assert_eq!(
            (in_flight.status, in_flight.until_ms),
            (Status::InFlight, 11_000)
        );
        assert_eq!(
            apply(Some(&in_flight), &claim("b"), 10_500),
            (Change::Keep, Reply::InFlight)
        );
        let delivered = Command::Delivered {
            token: "a".into(),
            keep_seconds: 60,
        };
        let (change, reply) = apply(Some(&in_flight), &delivered, 10_600);
        assert_eq!(reply, Reply::Recorded);
        let done = stored(change);
        assert_eq!((done.status, done.until_ms), (Status::Delivered, 70_600));
        assert_eq!(
            apply(Some(&done), &claim("c"), 70_599),
            (Change::Keep, Reply::Duplicate)
        );
        // A late failure report of an old claim does not undo a delivery.
        let failed = Command::Failed { token: "a".into() };
        assert_eq!(
            apply(Some(&done), &failed, 20_000),
            (Change::Keep, Reply::Recorded)
        );
        // After the window the message is new again.
        let (_, reply) = apply(Some(&done), &claim("d"), 70_600);
        assert_eq!(reply, Reply::Claimed);
    }

    #[test]
    fn a_failed_forward_lets_the_next_delivery_through() {
        let in_flight = stored(apply(None, &claim("a"), 0).0);
        let other = Command::Failed { token: "b".into() };
        assert_eq!(
            apply(Some(&in_flight), &other, 1),
            (Change::Keep, Reply::Recorded)
        );
        let mine = Command::Failed { token: "a".into() };
        assert_eq!(
            apply(Some(&in_flight), &mine, 1),
            (Change::Delete, Reply::Recorded)
        );
        // A claim whose holder vanished lapses with its lease.
        let (_, reply) = apply(Some(&in_flight), &claim("c"), 1_000);
        assert_eq!(reply, Reply::Claimed);
    }

    #[test]
    fn a_queued_message_absorbs_duplicates_and_a_failed_enqueue_does_not() {
        let in_flight = stored(apply(None, &claim("a"), 0).0);
        let queued = Command::Queued {
            token: "a".into(),
            keep_seconds: 10,
        };
        let (change, reply) = apply(Some(&in_flight), &queued, 5);
        assert_eq!(reply, Reply::Recorded);
        let record = stored(change);
        assert_eq!((record.status, record.until_ms), (Status::Queued, 10_005));
        assert_eq!(Status::from_name(record.status.name()), Status::Queued);
        assert_eq!(
            apply(Some(&record), &claim("b"), 10_004),
            (Change::Keep, Reply::Duplicate)
        );
        // A late failure report does not undo it.
        assert_eq!(
            apply(Some(&record), &Command::Failed { token: "a".into() }, 6),
            (Change::Keep, Reply::Recorded)
        );
        assert_eq!(apply(Some(&record), &claim("c"), 10_005).1, Reply::Claimed);
        // The enqueue failed: the claim goes, the sender's retry is taken.
        let failed = Command::Failed { token: "a".into() };
        assert_eq!(
            apply(Some(&in_flight), &failed, 5),
            (Change::Delete, Reply::Recorded)
        );
    }

    #[test]
    fn claims_are_held_until_released_or_lapsed() {
        let lease = |token: &str, until_ms| Record {
            status: Status::InFlight,
            until_ms,
            token: token.into(),
        };
        let mut leases = Leases::default();
        assert!(leases.is_empty());
        leases.hold("msg_1".into(), lease("a", 1_000), 0);
        leases.hold("msg_2".into(), lease("b", 5_000), 0);
        assert_eq!(leases.live("msg_1", 999), Some(&lease("a", 1_000)));
        assert_eq!(leases.live("msg_1", 1_000), None, "lapsed with its lease");
        assert_eq!(leases.live("msg_3", 0), None);
        // A new claim replaces the old one of the same message and drops the lapsed ones.
        leases.hold("msg_2".into(), lease("c", 9_000), 2_000);
        assert_eq!(leases.len(), 1);
        assert_eq!(
            leases.live("msg_2", 2_000).map(|r| r.token.as_str()),
            Some("c")
        );
        leases.release("msg_2");
        assert!(leases.is_empty());
        leases.hold("msg_4".into(), lease("d", 3_000), 0);
        leases.prune(2_999);
        assert_eq!(leases.len(), 1);
        leases.prune(3_000);
        assert!(leases.is_empty());
        // What the object does with a claim: held in memory, then recorded or dropped.
        let (change, reply) = apply(leases.live("msg_5", 0), &claim("e"), 0);
        assert_eq!(reply, Reply::Claimed);
        leases.hold("msg_5".into(), stored(change), 0);
        assert_eq!(
            apply(leases.live("msg_5", 10), &claim("f"), 10).1,
            Reply::InFlight,
            "a second delivery meanwhile meets the claim in memory"
        );
    }

    #[test]
    fn commands_travel_as_json() {
        let envelope = Envelope {
            id: "msg_1".into(),
            command: claim("t"),
        };
        let json = serde_json::to_string(&envelope).expect("json");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).expect("value"),
            serde_json::json!({"id": "msg_1", "op": "claim", "token": "t", "lease_ms": 1000})
        );
        assert_eq!(
            serde_json::from_str::<Envelope>(&json).expect("parse"),
            envelope
        );
        assert_eq!(
            serde_json::to_string(&Reply::InFlight).expect("json"),
            "\"in_flight\""
        );
    }

    #[test]
    fn messages_spread_over_the_shards_of_their_route() {
        let names: std::collections::BTreeSet<String> = (0..200)
            .map(|i| shard_name("/hooks/x", &format!("msg_{i}")))
            .collect();
        assert_eq!(names.len(), usize::from(SHARDS));
        assert!(names.iter().all(|name| name.starts_with("/hooks/x#")));
        assert_eq!(shard_name("/a", "msg_1"), shard_name("/a", "msg_1"));
    }
}
