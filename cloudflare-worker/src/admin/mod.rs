//! The admin API under `/admin/`, and the operator's page that uses it: the routes and their
//! figures, the delivery log, the dead-letter store (listed, shown, replayed, deleted).
//!
//! Off (every `/admin/` path answers 404) unless the `ADMIN_TOKEN` secret is set. The page itself
//! (`GET /admin/` and its script and style, [`page`]) holds no data and is served to anyone; it
//! asks for the token and sends it as the `Authorization` header. Every other request needs
//! `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant time; missing or wrong: 401,
//! whatever the path).
//!
//! | request | answer |
//! | --- | --- |
//! | `GET /admin/` | the operator's page ([`page`]) |
//! | `GET /admin/routes` | each route's scheme, delivery and figures of the last 24 hours |
//! | `GET /admin/deliveries?route=&outcome=&id=&before=&limit=` | delivery log entries, newest first |
//! | `GET /admin/dead-letters?limit=&after=&route=&id=` | a page of summaries, oldest first |
//! | `GET /admin/dead-letters/{key}` | one dead letter with its headers and body |
//! | `POST /admin/dead-letters/{key}/replay` | back into the queue, out of the store |
//! | `POST /admin/dead-letters/replay?route=&limit=` | all (of a route), up to `limit` per call |
//! | `DELETE /admin/dead-letters/{key}` | gone |
//!
//! Parsing and authorization are plain Rust, unit-tested natively; [`handle`] runs them, and the
//! handlers are grouped by what they read: the dead-letter store and the delivery log.

mod dead_letters;
mod deliveries;
pub mod page;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq as _;

use crate::config::Config;
use crate::deadletter;
use crate::deliveries::Query;
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
/// The largest cursor (`before`, `after`) a query may give: JavaScript's largest safe integer.
/// Cursors are SQLite row numbers, which reach the Durable Objects' SQL API as JavaScript
/// numbers; the runtime refuses a larger one, so a larger one (never a real cursor) is a
/// `bad_request` here rather than a `store_unavailable` from the store.
pub const MAX_CURSOR: u64 = (1 << 53) - 1;

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
    /// The routes and their figures.
    Routes,
    /// Delivery log entries.
    Deliveries(Query),
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
    let not_allowed = |allow: &str| refuse(405, "method_not_allowed", Some(allow.into()));
    let reading = matches!(method, "GET" | "HEAD");
    match path {
        "/admin/routes" => {
            Params::new(query, &[])?;
            reading
                .then_some(Request::Routes)
                .ok_or_else(|| not_allowed("GET, HEAD"))
        }
        "/admin/deliveries" => {
            if !reading {
                return Err(not_allowed("GET, HEAD"));
            }
            let params = Params::new(query, &["route", "outcome", "id", "before", "limit"])?;
            Ok(Request::Deliveries(Query {
                route: params.text("route"),
                outcome: params.text("outcome"),
                id: params.text("id"),
                before: params.number("before", 1, MAX_CURSOR)?.unwrap_or(0),
                limit: params
                    .number("limit", 1, u64::from(crate::deliveries::MAX_PAGE))?
                    .map_or(crate::deliveries::DEFAULT_PAGE, |limit| {
                        u32::try_from(limit).unwrap_or(crate::deliveries::MAX_PAGE)
                    }),
            }))
        }
        _ => parse_dead_letters(method, path, query),
    }
}

/// Parses a request under `/admin/dead-letters`.
fn parse_dead_letters(
    method: &str,
    path: &str,
    query: &[(String, String)],
) -> Result<Request, Refusal> {
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
                after: params.number("after", 0, MAX_CURSOR)?.unwrap_or(0),
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

/// Headers of every `/admin/` answer, the page's files and the API's JSON alike: nothing is
/// cached on the way, and no answer is ever read as another type than the one it declares (a
/// JSON answer quoting a sender's text is never sniffed as HTML).
pub const ANSWER_HEADERS: [(&str, &str); 2] = [
    ("cache-control", "no-store"),
    ("x-content-type-options", "nosniff"),
];

/// Answers an admin request (the admin API is on: `token` is `ADMIN_TOKEN`): the page to anyone,
/// the rest to the token's holder, each with [`ANSWER_HEADERS`].
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
    let method = request.method().to_string().to_ascii_uppercase();
    let response = match page::asset(&method, &request.path()) {
        Some(asset) => {
            log.outcome("admin_page");
            page::serve(asset)
        }
        None => answer(request, env, config, token, &method, log).await,
    }?;
    for (name, value) in ANSWER_HEADERS {
        response.headers().set(name, value)?;
    }
    Ok(response)
}

async fn answer(
    request: &worker::Request,
    env: &worker::Env,
    config: &Config,
    token: &str,
    method: &str,
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
    let parsed = match parse(method, &request.path(), &query) {
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
        Request::Routes => deliveries::routes(env, config, log).await,
        Request::Deliveries(query) => deliveries::list(env, query, log).await,
        Request::List {
            after,
            limit,
            route,
            id,
        } => dead_letters::list(env, after, limit, route, id, log).await,
        Request::Show { key } => dead_letters::show(env, config, key, log).await,
        Request::Delete { key } => dead_letters::delete(env, key, log).await,
        Request::Replay { key } => dead_letters::replay_one(env, config, key, log).await,
        Request::ReplayAll { route, limit } => {
            dead_letters::replay_all(env, config, route, limit, log).await
        }
    };
    match answer {
        Ok(response) => Ok(response),
        Err(error) => {
            log.outcome("store_unavailable").detail(&error.to_string());
            respond::error(503, "store_unavailable")
        }
    }
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
        // Cursors: whole numbers the store can take, nothing else.
        let too_big = (MAX_CURSOR + 1).to_string();
        for (path, cursor) in [
            ("/admin/dead-letters", "after"),
            ("/admin/deliveries", "before"),
        ] {
            for bad in ["-1", "1.5", "0x10", "abc", &too_big, "18446744073709551616"] {
                let refusal = parse("GET", path, &query(&[(cursor, bad)])).expect_err(bad);
                assert_eq!(
                    (refusal.status, refusal.code),
                    (400, "bad_request"),
                    "{path} {bad}"
                );
            }
            assert!(parse("GET", path, &query(&[(cursor, &MAX_CURSOR.to_string())])).is_ok());
        }
        for bad in ["0", "-5", "501", "99999999999999999999", "ten"] {
            assert_eq!(
                status("GET", "/admin/deliveries", &[("limit", bad)]),
                Err(400),
                "{bad}"
            );
        }
        let refusal = parse("PUT", "/admin/dead-letters/replay", &[]).expect_err("405");
        assert_eq!(refusal.detail.as_deref(), Some("POST"));
    }
}
