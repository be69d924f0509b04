//! The admin API under `/admin/`: the dead-letter store, listed, shown, replayed, deleted.
//!
//! Off (every `/admin/` path answers 404) unless the `ADMIN_TOKEN` secret is set; then every
//! request needs `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant time; missing or
//! wrong: 401, whatever the path).
//!
//! | request | answer |
//! | --- | --- |
//! | `GET /admin/dead-letters?limit=&after=&route=&id=` | a page of summaries, oldest first |
//! | `GET /admin/dead-letters/{key}` | one dead letter with its headers and body |
//! | `POST /admin/dead-letters/{key}/replay` | back into the queue, out of the store |
//! | `POST /admin/dead-letters/replay?route=&limit=` | all (of a route), up to `limit` per call |
//! | `DELETE /admin/dead-letters/{key}` | gone |
//!
//! Parsing and authorization are plain Rust, unit-tested natively; [`handle`] runs them.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq as _;

use crate::config::Config;
use crate::deadletter::{self, Command};
use crate::queue::{self, Queued};
use crate::respond::{self, Log, json};

/// The default page size of the list.
pub const DEFAULT_PAGE: u32 = 50;
/// The largest page of the list.
pub const MAX_PAGE: u32 = 500;
/// How many dead letters one replay-all call puts back into the queue by default, and at most
/// (a Worker invocation's subrequests are limited: call again while `remaining` is not 0).
pub const MAX_REPLAY: u32 = 1000;
/// How many dead letters a replay takes from the store at a time.
pub const REPLAY_PAGE: u32 = 50;

/// Whether `authorization` (the request's `Authorization` header) carries `token` as a bearer
/// token. Both sides are hashed before the constant-time comparison, so that neither the
/// token's content nor its length shows in the time taken.
pub fn authorized(authorization: Option<&str>, token: &str) -> bool {
    let Some(header) = authorization.map(str::trim) else {
        return false;
    };
    let Some((scheme, given)) = header.split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return false;
    }
    let given = Sha256::digest(given.trim().as_bytes());
    let expected = Sha256::digest(token.trim().as_bytes());
    bool::from(given.as_slice().ct_eq(expected.as_slice()))
}

/// An admin request, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// A page of summaries.
    List {
        /// The cursor (`next` of the previous page; 0 for the first).
        after: u64,
        /// The page size.
        limit: u32,
        /// Only this route.
        route: Option<String>,
        /// Only this message id.
        id: Option<String>,
    },
    /// One dead letter.
    Show {
        /// Its key.
        key: String,
    },
    /// One dead letter back into the queue.
    Replay {
        /// Its key.
        key: String,
    },
    /// Every dead letter (of a route) back into the queue, up to `limit`.
    ReplayAll {
        /// Only this route.
        route: Option<String>,
        /// At most this many.
        limit: u32,
    },
    /// Forget one dead letter.
    Delete {
        /// Its key.
        key: String,
    },
}

/// Why an admin request could not be parsed: the status and the error code (and a problem to
/// show for 400).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// The error code.
    pub code: &'static str,
    /// What is wrong (400), or the `Allow` header (405).
    pub detail: Option<String>,
}

fn refuse(status: u16, code: &'static str, detail: Option<String>) -> Refusal {
    Refusal {
        status,
        code,
        detail,
    }
}

/// Parses `method` (upper case) on `path` with the (decoded) `query` pairs.
pub fn parse(method: &str, path: &str, query: &[(String, String)]) -> Result<Request, Refusal> {
    let not_found = || refuse(404, "not_found", None);
    let not_allowed = |allow: &str| refuse(405, "method_not_allowed", Some(allow.into()));
    let rest = path
        .strip_prefix("/admin/dead-letters")
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .ok_or_else(not_found)?;
    let segments: Vec<&str> = rest.split('/').skip(1).collect();
    match segments.as_slice() {
        [] | [""] => {
            if method != "GET" {
                return Err(not_allowed("GET"));
            }
            let params = Params::new(query, &["limit", "after", "route", "id"])?;
            Ok(Request::List {
                after: params.number("after", 0, u64::MAX)?.unwrap_or(0),
                limit: params
                    .number("limit", 1, u64::from(MAX_PAGE))?
                    .map_or(DEFAULT_PAGE, |limit| {
                        u32::try_from(limit).unwrap_or(MAX_PAGE)
                    }),
                route: params.text("route"),
                id: params.text("id"),
            })
        }
        ["replay"] => {
            if method != "POST" {
                return Err(not_allowed("POST"));
            }
            let params = Params::new(query, &["limit", "route"])?;
            Ok(Request::ReplayAll {
                route: params.text("route"),
                limit: params
                    .number("limit", 1, u64::from(MAX_REPLAY))?
                    .map_or(MAX_REPLAY, |limit| {
                        u32::try_from(limit).unwrap_or(MAX_REPLAY)
                    }),
            })
        }
        [key] if deadletter::is_key(key) => {
            Params::new(query, &[])?;
            let key = (*key).to_string();
            match method {
                "GET" | "HEAD" => Ok(Request::Show { key }),
                "DELETE" => Ok(Request::Delete { key }),
                _ => Err(not_allowed("GET, HEAD, DELETE")),
            }
        }
        [key, "replay"] if deadletter::is_key(key) => {
            Params::new(query, &[])?;
            if method == "POST" {
                Ok(Request::Replay {
                    key: (*key).to_string(),
                })
            } else {
                Err(not_allowed("POST"))
            }
        }
        _ => Err(not_found()),
    }
}

/// The decoded `name=value` pairs of `url`'s query (`application/x-www-form-urlencoded`: `+` is
/// a space, `%XX` a byte). Done here rather than with the `url` crate, whose Unicode tables would
/// double the bundle.
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (byte, escaped) {
            (_, Some(decoded)) => {
                out.push(decoded);
                index += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                index += 1;
            }
            (other, None) => {
                out.push(other);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Params<'a>(&'a [(String, String)]);

impl<'a> Params<'a> {
    fn new(query: &'a [(String, String)], known: &[&str]) -> Result<Params<'a>, Refusal> {
        for (name, _) in query {
            if !known.contains(&name.as_str()) {
                return Err(refuse(
                    400,
                    "bad_request",
                    Some(format!("unknown query parameter {name:?}")),
                ));
            }
        }
        Ok(Params(query))
    }

    fn text(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.clone())
    }

    fn number(&self, name: &str, min: u64, max: u64) -> Result<Option<u64>, Refusal> {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        match text.parse::<u64>() {
            Ok(value) if (min..=max).contains(&value) => Ok(Some(value)),
            _ => Err(refuse(
                400,
                "bad_request",
                Some(format!("{name} must be a whole number from {min} to {max}")),
            )),
        }
    }
}

/// Answers an admin request (the admin API is on: `token` is `ADMIN_TOKEN`).
///
/// # Errors
/// When the answer cannot be built (the runtime's headers refused a value).
pub async fn handle(
    request: &worker::Request,
    env: &worker::Env,
    config: &Config,
    token: &str,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let authorization = request.headers().get("authorization")?;
    if !authorized(authorization.as_deref(), token) {
        log.outcome("admin_unauthorized");
        let response = respond::error(401, "unauthorized")?;
        response
            .headers()
            .set("www-authenticate", "Bearer realm=\"hookseal-admin\"")?;
        return Ok(response);
    }
    let query = query_pairs(&request.inner().url());
    let method = request.method().to_string().to_ascii_uppercase();
    let parsed = match parse(&method, &request.path(), &query) {
        Ok(parsed) => parsed,
        Err(refusal) => {
            log.outcome(refusal.code);
            let mut body = serde_json::json!({ "error": refusal.code });
            if let (400, Some(problem), Some(object)) =
                (refusal.status, &refusal.detail, body.as_object_mut())
            {
                object.insert("problem".into(), problem.clone().into());
            }
            let response = json(refusal.status, &body)?;
            if let (405, Some(allow)) = (refusal.status, &refusal.detail) {
                response.headers().set("allow", allow)?;
            }
            return Ok(response);
        }
    };
    let answer = match parsed {
        Request::List {
            after,
            limit,
            route,
            id,
        } => list(env, after, limit, route, id, log).await,
        Request::Show { key } => show(env, config, key, log).await,
        Request::Delete { key } => delete(env, key, log).await,
        Request::Replay { key } => replay_one(env, config, key, log).await,
        Request::ReplayAll { route, limit } => replay_all(env, config, route, limit, log).await,
    };
    match answer {
        Ok(response) => Ok(response),
        Err(error) => {
            log.outcome("store_unavailable").detail(&error.to_string());
            respond::error(503, "store_unavailable")
        }
    }
}

async fn list(
    env: &worker::Env,
    after: u64,
    limit: u32,
    route: Option<String>,
    id: Option<String>,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(
        env,
        &Command::List {
            after,
            limit: limit + 1,
            route,
            id,
            replayable_only: false,
        },
    )
    .await?;
    let more = reply.rows.len() > limit as usize;
    let rows = reply.rows.get(..limit as usize).unwrap_or(&reply.rows);
    let items: Vec<serde_json::Value> = rows
        .iter()
        .filter_map(|row| serde_json::from_str(&row.summary).ok())
        .collect();
    let next = if more {
        rows.last().map(|row| row.seq)
    } else {
        None
    };
    log.outcome("admin_list");
    json(
        200,
        &serde_json::json!({ "deadLetters": items, "total": reply.count, "next": next }),
    )
}

async fn show(
    env: &worker::Env,
    config: &Config,
    key: String,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(env, &Command::Get { key }).await?;
    let letter = reply
        .rows
        .first()
        .map(deadletter::read_row)
        .transpose()?
        .flatten();
    let Some(letter) = letter else {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    };
    log.outcome("admin_show").message(&letter.summary.id);
    let origin = config
        .route(&letter.summary.route)
        .map(|route| route.origin.as_str());
    json(200, &letter.detail(origin))
}

async fn delete(env: &worker::Env, key: String, log: &mut Log) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(
        env,
        &Command::Delete {
            rows: vec![(key.clone(), 0)],
        },
    )
    .await?;
    if reply.count == 0 {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    }
    log.outcome("admin_delete");
    json(200, &serde_json::json!({ "deleted": key }))
}

async fn replay_one(
    env: &worker::Env,
    config: &Config,
    key: String,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let reply = deadletter::ask(env, &Command::Get { key: key.clone() }).await?;
    let Some(row) = reply.rows.first() else {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    };
    let Some(letter) = deadletter::read_row(row)? else {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    };
    log.message(&letter.summary.id);
    if !letter.summary.replayable {
        // Its body is missing, or it never authenticated: replaying would sign bytes that
        // were never verified. It stays for the operator to look at and delete.
        log.outcome("not_replayable");
        return json(
            409,
            &serde_json::json!({ "error": "not_replayable", "reason": letter.summary.reason }),
        );
    }
    let id = letter.summary.id.clone();
    if let Err(failure) = queue::enqueue(env, &config.queue_key, vec![replayed(letter)]).await {
        log.outcome("queue_unavailable")
            .detail(&failure.error.to_string());
        return respond::queue_unavailable();
    }
    deadletter::ask(
        env,
        &Command::Delete {
            rows: vec![(key.clone(), row.seq)],
        },
    )
    .await?;
    log.outcome("admin_replay");
    json(
        202,
        &serde_json::json!({ "replayed": 1, "key": key, "id": id }),
    )
}

fn replayed(letter: deadletter::DeadLetter) -> Queued {
    Queued {
        replays: letter.summary.replays.saturating_add(1),
        ..Queued::new(letter.message, letter.accepted_ms)
    }
}

/// Replays the dead letters present when it starts (those dead-lettered again meanwhile wait for
/// the next call), oldest first, a page at a time: each page goes into the queue, then out of
/// the store.
async fn replay_all(
    env: &worker::Env,
    config: &Config,
    route: Option<String>,
    limit: u32,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let mut after = 0;
    let mut until = 0;
    let mut replayed_count: u32 = 0;
    let mut failure = None;
    while replayed_count < limit {
        let reply = deadletter::ask(
            env,
            &Command::Take {
                after,
                until,
                limit: REPLAY_PAGE.min(limit - replayed_count),
                route: route.clone(),
                replayable_only: true,
            },
        )
        .await?;
        if until == 0 {
            until = reply.last;
        }
        let Some(last) = reply.rows.last() else {
            break;
        };
        after = last.seq;
        let mut taken = Vec::with_capacity(reply.rows.len());
        let mut items = Vec::with_capacity(reply.rows.len());
        for row in &reply.rows {
            // A row that cannot be read stays where it is, for the operator to look at.
            if let Ok(Some(letter)) = deadletter::read_row(row) {
                taken.push((letter.summary.key.clone(), row.seq));
                items.push(replayed(letter));
            }
        }
        let sent = match queue::enqueue(env, &config.queue_key, items).await {
            Ok(()) => taken.len(),
            Err(error) => {
                let sent = error.sent;
                failure = Some(error.error);
                sent
            }
        };
        taken.truncate(sent);
        if !taken.is_empty() {
            deadletter::ask(env, &Command::Delete { rows: taken }).await?;
        }
        replayed_count += u32::try_from(sent).unwrap_or(u32::MAX);
        if failure.is_some() {
            break;
        }
    }
    let remaining = deadletter::ask(
        env,
        &Command::List {
            after: 0,
            limit: 1,
            route,
            id: None,
            replayable_only: true,
        },
    )
    .await?
    .count;
    let body = serde_json::json!({ "replayed": replayed_count, "remaining": remaining });
    if let Some(error) = failure {
        log.outcome("queue_unavailable").detail(&error.to_string());
        let mut body = body;
        if let Some(object) = body.as_object_mut() {
            object.insert("error".into(), "queue_unavailable".into());
        }
        return json(503, &body);
    }
    log.outcome("admin_replay");
    json(202, &body)
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn only_the_exact_bearer_token_is_authorized() {
        assert!(authorized(Some(&format!("Bearer {TOKEN}")), TOKEN));
        assert!(authorized(Some(&format!("bearer  {TOKEN} ")), TOKEN));
        for wrong in [
            None,
            Some(String::new()),
            Some(TOKEN.to_string()),
            Some(format!("Basic {TOKEN}")),
            Some("Bearer ".to_string()),
            Some(format!("Bearer {}", &TOKEN[..31])),
            Some(format!("Bearer {TOKEN}0")),
            Some(format!("Bearer {}", TOKEN.to_uppercase())),
        ] {
            assert!(!authorized(wrong.as_deref(), TOKEN), "{wrong:?}");
        }
    }

    #[test]
    fn parses_the_routes() {
        let key = deadletter::key("/hooks/a", "msg_1");
        assert_eq!(
            parse("GET", "/admin/dead-letters", &[]),
            Ok(Request::List {
                after: 0,
                limit: DEFAULT_PAGE,
                route: None,
                id: None
            })
        );
        assert_eq!(
            parse(
                "GET",
                "/admin/dead-letters/",
                &query(&[("limit", "2"), ("after", "7"), ("route", "/hooks/a")])
            ),
            Ok(Request::List {
                after: 7,
                limit: 2,
                route: Some("/hooks/a".into()),
                id: None
            })
        );
        assert_eq!(
            parse("GET", &format!("/admin/dead-letters/{key}"), &[]),
            Ok(Request::Show { key: key.clone() })
        );
        assert_eq!(
            parse("DELETE", &format!("/admin/dead-letters/{key}"), &[]),
            Ok(Request::Delete { key: key.clone() })
        );
        assert_eq!(
            parse("POST", &format!("/admin/dead-letters/{key}/replay"), &[]),
            Ok(Request::Replay { key: key.clone() })
        );
        assert_eq!(
            parse(
                "POST",
                "/admin/dead-letters/replay",
                &query(&[("route", "/hooks/a")])
            ),
            Ok(Request::ReplayAll {
                route: Some("/hooks/a".into()),
                limit: MAX_REPLAY
            })
        );
    }

    #[test]
    fn decodes_queries() {
        assert_eq!(
            query_pairs("https://w.example/admin/dead-letters"),
            query(&[])
        );
        assert_eq!(
            query_pairs("https://w.example/a?route=%2Fhooks%2Fa&id=a+b&limit=5&&flag#frag"),
            query(&[
                ("route", "/hooks/a"),
                ("id", "a b"),
                ("limit", "5"),
                ("flag", "")
            ])
        );
        assert_eq!(
            query_pairs("/a?x=%zz%4&y=%C3%A9"),
            query(&[("x", "%zz%4"), ("y", "é")])
        );
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        let status = |method: &str, path: &str, pairs: &[(&str, &str)]| {
            parse(method, path, &query(pairs)).map_err(|refusal| refusal.status)
        };
        assert_eq!(status("GET", "/admin/", &[]), Err(404));
        assert_eq!(status("GET", "/admin/other", &[]), Err(404));
        assert_eq!(status("GET", "/admin/dead-letters/nope", &[]), Err(404));
        assert_eq!(status("GET", "/admin/dead-lettersx", &[]), Err(404));
        assert_eq!(status("POST", "/admin/dead-letters", &[]), Err(405));
        assert_eq!(status("GET", "/admin/dead-letters/replay", &[]), Err(405));
        assert_eq!(
            status("GET", "/admin/dead-letters", &[("limit", "0")]),
            Err(400)
        );
        assert_eq!(
            status("GET", "/admin/dead-letters", &[("limit", "501")]),
            Err(400)
        );
        assert_eq!(
            status("GET", "/admin/dead-letters", &[("after", "-1")]),
            Err(400)
        );
        assert_eq!(
            status("GET", "/admin/dead-letters", &[("page", "2")]),
            Err(400)
        );
        let refusal = parse("PUT", "/admin/dead-letters/replay", &[]).expect_err("405");
        assert_eq!(refusal.detail.as_deref(), Some("POST"));
    }
}
