//! hookseal's Cloudflare Worker: verifies inbound webhooks at the edge with the `hookseal` core,
//! forwards the authentic ones to the origin re-signed with Standard Webhooks, and absorbs
//! duplicates in a Durable Object.
//!
//! The modules split what is plain Rust (configuration, the forwarded message, the dedupe state
//! machine; unit-tested natively) from the thin layer that talks to the Workers runtime (this
//! module's request handler, [`forward::send`], [`dedupe::HooksealDedupe`]). See `README.md` beside
//! this crate for the configuration reference.

pub mod config;
pub mod dedupe;
pub mod forward;
pub mod respond;

use std::rc::Rc;

use futures_util::StreamExt as _;
use worker::{Context, Env, Method, Request, Response, event};

use crate::config::{Config, ROUTES_BINDING, Route};
use crate::dedupe::{Command, Reply};
use crate::forward::{Attempt, Outbound};
use crate::respond::{Log, json};

/// The Worker's `fetch` handler.
#[event(fetch)]
pub async fn fetch(request: Request, env: Env, _context: Context) -> worker::Result<Response> {
    let started = dedupe::now_ms();
    let mut log = Log::new(request.path());
    let response = handle(request, &env, &mut log).await;
    log.finish(dedupe::now_ms().saturating_sub(started));
    response
}

async fn handle(mut request: Request, env: &Env, log: &mut Log) -> worker::Result<Response> {
    let loaded = cached_config(env);
    let config = match loaded.as_ref() {
        Ok(config) => config,
        Err(error) => {
            log.outcome("invalid_config").detail(&error.0);
            return json(
                500,
                &serde_json::json!({"error": "invalid_config", "problem": &error.0}),
            );
        }
    };
    let path = request.path();
    let method = request.method();
    if path == "/" {
        return if matches!(method, Method::Get | Method::Head) {
            log.outcome("health");
            respond::health(config)
        } else {
            log.outcome("method_not_allowed");
            respond::method_not_allowed("GET, HEAD")
        };
    }
    let Some(route) = config.route(&path) else {
        log.outcome("not_found");
        return respond::error(404, "not_found");
    };
    log.route(route);
    if method != Method::Post {
        log.outcome("method_not_allowed");
        return respond::method_not_allowed("POST");
    }
    let Some(body) = read_body(&mut request, route.max_body_bytes).await? else {
        log.outcome("body_too_large");
        return respond::error(413, "body_too_large");
    };
    let headers: Vec<(String, String)> = request.headers().entries().collect();
    let now_ms = dedupe::now_ms();
    let verified = match route.verifier.verify(&body, &headers, now_ms / 1000) {
        Ok(verified) => verified,
        Err(error) => {
            log.outcome(error.code()).detail(&error.to_string());
            return respond::error(401, error.code());
        }
    };
    let outbound = Outbound::new(route, &verified, &headers, body);
    log.message(&outbound.id);
    deliver(config, route, &outbound, env, log).await
}

/// Direct delivery: claim the message, forward it, record the outcome.
async fn deliver(
    config: &Config,
    route: &Route,
    outbound: &Outbound,
    env: &Env,
    log: &mut Log,
) -> worker::Result<Response> {
    let token = format!("{:x}", js_sys::Math::random().to_bits());
    let dedupe = if route.dedupe_seconds == 0 {
        None
    } else {
        Some(env.durable_object(dedupe::BINDING)?)
    };
    if let Some(namespace) = &dedupe {
        let claim = Command::Claim {
            token: token.clone(),
            lease_ms: route.origin_timeout_ms + dedupe::LEASE_MARGIN_MS,
        };
        match dedupe::ask(namespace, &route.path, &outbound.id, claim).await {
            Ok(Reply::Duplicate) => {
                log.outcome("duplicate");
                return respond::accepted("duplicate", &outbound.id);
            }
            Ok(Reply::InFlight) => {
                log.outcome("in_flight");
                return respond::in_flight();
            }
            Ok(Reply::Claimed | Reply::Recorded) => {}
            // Fail open: an unavailable dedupe store must not lose messages; the origin still
            // sees one stable webhook-id and can deduplicate on it.
            Err(error) => {
                log.dedupe_error(&error.to_string());
            }
        }
    }
    let attempt = match forward::send(
        outbound,
        &config.signer,
        dedupe::now_ms() / 1000,
        route.origin_timeout_ms,
    )
    .await
    {
        Ok(attempt) => attempt,
        Err(error) => Attempt::Unreachable {
            error: format!("cannot sign: {error}"),
        },
    };
    log.attempt(&attempt);
    if let Some(namespace) = &dedupe {
        let outcome = if matches!(attempt, Attempt::Delivered { .. }) {
            Command::Delivered {
                token,
                keep_seconds: route.dedupe_seconds,
            }
        } else {
            Command::Failed { token }
        };
        if let Err(error) = dedupe::ask(namespace, &route.path, &outbound.id, outcome).await {
            log.dedupe_error(&error.to_string());
        }
    }
    match attempt {
        Attempt::Delivered { .. } => respond::accepted("forwarded", &outbound.id),
        failed => respond::bad_gateway(&failed),
    }
}

thread_local! {
    /// The configuration, read once per isolate: bindings cannot change during an isolate's life
    /// (a new deployment, secret or variable starts new isolates).
    static CONFIG: std::cell::RefCell<Option<Rc<Result<Config, config::ConfigError>>>> =
        const { std::cell::RefCell::new(None) };
}

fn cached_config(env: &Env) -> Rc<Result<Config, config::ConfigError>> {
    CONFIG.with(|cell| {
        Rc::clone(
            cell.borrow_mut()
                .get_or_insert_with(|| Rc::new(load_config(env))),
        )
    })
}

/// `HOOKSEAL_ROUTES` as text (a `[vars]` string holding JSON, or a TOML table that the runtime
/// hands over as an object), and the secrets it names.
fn load_config(env: &Env) -> Result<Config, config::ConfigError> {
    let routes = binding(env, ROUTES_BINDING).and_then(|value| {
        value
            .as_string()
            .or_else(|| js_sys::JSON::stringify(&value).ok().map(String::from))
    });
    let config = Config::load(routes.as_deref(), |name| {
        binding(env, name).and_then(|value| value.as_string())
    })?;
    let deduplicates = config.routes.iter().any(|route| route.dedupe_seconds > 0);
    if deduplicates && binding(env, dedupe::BINDING).is_none() {
        return Err(config::ConfigError(format!(
            "Durable Object binding {} is missing (or set dedupeSeconds to 0 on every route)",
            dedupe::BINDING
        )));
    }
    Ok(config)
}

fn binding(env: &Env, name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(env, &name.into())
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// The body, or `None` when it is longer than `limit` bytes (told by `Content-Length`, or found
/// while reading: the rest is never read).
async fn read_body(request: &mut Request, limit: usize) -> worker::Result<Option<Vec<u8>>> {
    let declared = request
        .headers()
        .get("content-length")?
        .and_then(|length| length.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Ok(None);
    }
    if request.inner().body().is_none() {
        return Ok(Some(Vec::new()));
    }
    if declared.is_some() {
        // HTTP framing holds the body to its declared length: read it in one piece.
        let body = request.bytes().await?;
        return Ok((body.len() <= limit).then_some(body));
    }
    let mut body = Vec::new();
    let mut stream = request.stream()?;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}
