//! hookseal's Cloudflare Worker: verifies inbound webhooks at the edge with the `hookseal` core,
//! forwards the authentic ones to the origin re-signed with Standard Webhooks, and absorbs
//! duplicates in a Durable Object. Routes with queue delivery answer at once and deliver through
//! a Cloudflare Queue with retries, into a dead-letter store the admin API replays from.
//!
//! The modules split what is plain Rust (configuration, the forwarded message, the dedupe state
//! machine, the retry decisions, admin parsing; unit-tested natively) from the thin layer that
//! talks to the Workers runtime (this module's request handler, [`forward::send`],
//! [`queue::queue`], [`parked`], [`dedupe::HooksealDedupe`], [`deadletter::HooksealDeadLetters`],
//! [`deliveries::HooksealDeliveryLog`] (what the operator's page shows, [`admin`]),
//! and the helpers of [`runtime`]: clock, random ids, SQL, Durable Object calls, grouped by concern). Dates are in
//! [`time`]. See `README.md` beside this crate for the configuration reference.

pub mod admin;
pub mod config;
pub mod deadletter;
pub mod dedupe;
pub mod deliveries;
pub mod forward;
pub mod parked;
pub mod queue;
pub mod respond;
pub mod retry;
pub mod runtime;
pub mod time;

use std::rc::Rc;

use futures_util::StreamExt as _;
use hookseal::RequestContext;
use worker::{Context, Env, Method, Request, Response, event};

use crate::config::{ADMIN_PREFIX, Config, Delivery, ROUTES_BINDING, Route};
use crate::dedupe::{Command, Reply};
use crate::forward::{Attempt, Outbound};
use crate::respond::Log;

/// The Worker's `fetch` handler.
#[event(fetch)]
pub async fn fetch(request: Request, env: Env, execution: Context) -> worker::Result<Response> {
    let started = runtime::now_ms();
    let mut log = Log::new(request.path());
    let response = handle(request, &env, &execution, &mut log).await;
    let ended = runtime::now_ms();
    let duration = ended.saturating_sub(started);
    log.finish(duration);
    if let Some(entry) = log.entry(ended, duration) {
        deliveries::record(&execution, &env, &entry);
    }
    response
}

async fn handle(
    mut request: Request,
    env: &Env,
    execution: &Context,
    log: &mut Log,
) -> worker::Result<Response> {
    let loaded = cached_config(env);
    let config = match loaded.as_ref() {
        Ok(config) => config,
        Err(error) => {
            // The problem goes to the operator's log only: anyone can send a request, and the
            // configuration names bindings, routes and origins.
            log.outcome("invalid_config").detail(&error.0);
            return respond::error(500, "invalid_config");
        }
    };
    let path = request.path();
    let method = request.method();
    if path == ADMIN_PREFIX.trim_end_matches('/') || path.starts_with(ADMIN_PREFIX) {
        let Some(token) = &config.admin_token else {
            log.outcome("not_found");
            return respond::error(404, "not_found");
        };
        return admin::handle(&request, env, config, token, log).await;
    }
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
    // The URL the Worker was called on is the public one the sender signed (Square, HubSpot,
    // Twilio); schemes that sign none ignore it. Challenges carry their tokens in its query.
    // As the runtime has it, unparsed: parsing it (`Request::url`) would link the URL crate's
    // IDNA tables, a third of the bundle, to read back the same string.
    let url = request.inner().url();
    if method != Method::Post {
        // Meta's and X's endpoint challenges come by GET.
        if method == Method::Get && route.handshake().is_some() {
            let headers: Vec<(String, String)> = request.headers().entries().collect();
            let context = RequestContext::new(&url, "GET");
            if let Some(answer) = challenge(route, &[], &headers, &context, log) {
                return answer;
            }
        }
        log.outcome("method_not_allowed");
        return respond::method_not_allowed("POST");
    }
    let Some(body) = read_body(&mut request, route.max_body_bytes).await? else {
        log.outcome("body_too_large");
        return respond::error(413, "body_too_large");
    };
    let headers: Vec<(String, String)> = request.headers().entries().collect();
    let now_ms = runtime::now_ms();
    let context = RequestContext::new(&url, "POST");
    // Zoom's challenge comes by POST, signed: the core answers it only once it verified.
    if route.handshake().is_some()
        && let Some(answer) = challenge(route, &body, &headers, &context, log)
    {
        return answer;
    }
    let verified = match route
        .verifier
        .verify_request(&body, &headers, &context, now_ms / 1000)
    {
        Ok(verified) => verified,
        Err(error) => {
            log.outcome(error.code()).detail(&error.to_string());
            return respond::error(401, error.code());
        }
    };
    // Filtered on the verified body's event type, before anything is claimed or queued.
    if let Some(filter) = &route.events
        && let Err(why) = filter.check(&body)
    {
        log.outcome("filtered").detail(&why);
        return respond::filtered();
    }
    let outbound = Outbound::new(route, &verified, &headers, body);
    log.message(&outbound.id, outbound.id_source)
        .unsigned_id(verified.unsigned.id.as_deref());
    match route.delivery {
        Delivery::Direct => deliver(route, &outbound, env, execution, log).await,
        Delivery::Queue => accept(config, route, outbound, now_ms, env, execution, log).await,
    }
}

/// The answer to the endpoint challenge of the route's provider, when the request is one
/// (`None`: it is not, handle it as a message). The core decides everything: whether it is a
/// challenge, whether it verifies (Zoom's is signed) or carries the route's verify token (Meta's),
/// and the answer. A challenge is never passed on to the origin.
fn challenge(
    route: &Route,
    body: &[u8],
    headers: &[(String, String)],
    context: &RequestContext<'_>,
    log: &mut Log,
) -> Option<worker::Result<Response>> {
    let verify_token = route.verify_token.as_ref().map(config::VerifyToken::as_str);
    let answer = route.verifier.answer_handshake(
        body,
        headers,
        context,
        runtime::now_ms() / 1000,
        verify_token,
    )?;
    Some(match answer {
        Ok(answer) => {
            log.outcome(if answer.status == 200 {
                "handshake"
            } else {
                "handshake_refused"
            });
            respond::handshake(&answer)
        }
        Err(error) => {
            log.outcome(error.code()).detail(&error.to_string());
            respond::error(401, error.code())
        }
    })
}

/// The route's dedupe store (none when `dedupeSeconds` is 0) and a fresh claim token, which lets
/// only this request record the outcome of its claim.
fn dedupe_store(
    route: &Route,
    env: &Env,
) -> worker::Result<(Option<worker::ObjectNamespace>, String)> {
    let token = runtime::random_hex(16);
    let store = if route.dedupe_seconds == 0 {
        None
    } else {
        Some(env.durable_object(dedupe::BINDING)?)
    };
    Ok((store, token))
}

/// Claims message `id` for this request. `Some(answer)` when it is taken already: a duplicate
/// (answered with `duplicate`, 200 for direct delivery, 202 for queue delivery) or in flight
/// (409). Fails open: an unavailable dedupe store must not lose messages; the origin still sees
/// one stable webhook-id and can deduplicate on it.
async fn claim(
    namespace: &worker::ObjectNamespace,
    route: &Route,
    id: &str,
    token: &str,
    log: &mut Log,
    duplicate: fn(&str, &str) -> worker::Result<Response>,
) -> Option<worker::Result<Response>> {
    let claim = Command::Claim {
        token: token.to_string(),
        lease_ms: route.origin_timeout_ms + dedupe::LEASE_MARGIN_MS,
    };
    match dedupe::ask(namespace, &route.path, id, claim).await {
        Ok(Reply::Duplicate) => {
            log.outcome("duplicate");
            Some(duplicate("duplicate", id))
        }
        Ok(Reply::InFlight) => {
            log.outcome("in_flight");
            Some(respond::in_flight())
        }
        Ok(Reply::Claimed | Reply::Recorded) => None,
        Err(error) => {
            log.dedupe_error(&error.to_string());
            None
        }
    }
}

/// Queue delivery: claim the message, put it in the queue, answer 202. A message in the queue
/// counts as taken (its redeliveries are absorbed; recorded after the answer, see [`settle`]);
/// one that could not be put there is not (503: the sender retries).
async fn accept(
    config: &Config,
    route: &Route,
    outbound: Outbound,
    now_ms: u64,
    env: &Env,
    execution: &Context,
    log: &mut Log,
) -> worker::Result<Response> {
    let (dedupe, token) = dedupe_store(route, env)?;
    let id = outbound.id.clone();
    if let Some(namespace) = &dedupe
        && let Some(taken) = claim(namespace, route, &id, &token, log, respond::queued).await
    {
        return taken;
    }
    let enqueued = queue::enqueue(
        env,
        &config.queue_key,
        vec![queue::Queued::new(outbound, now_ms)],
    )
    .await;
    if let Some(namespace) = dedupe {
        let outcome = if enqueued.is_ok() {
            Command::Queued {
                token,
                keep_seconds: route.dedupe_seconds,
            }
        } else {
            Command::Failed { token }
        };
        settle(namespace, route, &id, outcome, execution, log).await;
    }
    match enqueued {
        Ok(()) => {
            log.outcome("queued");
            respond::queued("queued", &id)
        }
        Err(failure) => {
            log.outcome("queue_unavailable")
                .detail(&failure.error.to_string());
            respond::queue_unavailable()
        }
    }
}

/// Direct delivery: claim the message, forward it, record the outcome (see [`settle`]).
async fn deliver(
    route: &Route,
    outbound: &Outbound,
    env: &Env,
    execution: &Context,
    log: &mut Log,
) -> worker::Result<Response> {
    let (dedupe, token) = dedupe_store(route, env)?;
    if let Some(namespace) = &dedupe
        && let Some(taken) = claim(
            namespace,
            route,
            &outbound.id,
            &token,
            log,
            respond::accepted,
        )
        .await
    {
        return taken;
    }
    let attempt = forward::send(route, outbound, runtime::now_ms() / 1000).await;
    log.attempt(&attempt);
    if let Some(namespace) = dedupe {
        let outcome = if matches!(attempt, Attempt::Delivered { .. }) {
            Command::Delivered {
                token,
                keep_seconds: route.dedupe_seconds,
            }
        } else {
            Command::Failed { token }
        };
        settle(namespace, route, &outbound.id, outcome, execution, log).await;
    }
    match attempt {
        Attempt::Delivered { .. } => respond::accepted("forwarded", &outbound.id),
        failed => respond::bad_gateway(&failed),
    }
}

/// Records how a claimed message ended (`outcome`): delivered or queued, it becomes a
/// remembered message; failed, its claim is dropped.
///
/// A message taken is recorded **after the answer** (`waitUntil`: the runtime keeps the
/// invocation alive until the record is written), so the sender waits for one Durable Object
/// round trip, the claim, rather than two. Until the record lands the claim still holds (as
/// `in_flight`), so nothing is forwarded twice meanwhile; a redelivery sent in that instant is
/// answered 409 and its retry `duplicate`. Should the record never land (the invocation dies),
/// the claim lapses with its lease and a later redelivery is forwarded again, under the same
/// `webhook-id`. A failure drops the claim **before** the answer, so that the sender's retry of
/// a 502 or 503 is always forwarded, never answered `in_flight`.
async fn settle(
    namespace: worker::ObjectNamespace,
    route: &Route,
    id: &str,
    outcome: Command,
    execution: &Context,
    log: &mut Log,
) {
    if matches!(outcome, Command::Failed { .. }) {
        if let Err(error) = dedupe::ask(&namespace, &route.path, id, outcome).await {
            log.dedupe_error(&error.to_string());
        }
        return;
    }
    let (path, id) = (route.path.clone(), id.to_string());
    execution.wait_until(async move {
        if let Err(error) = dedupe::ask(&namespace, &path, &id, outcome).await {
            // The request's own line is written already: this gets a line of its own.
            let mut log = Log::new(path.clone());
            log.route_path(&path)
                .message(&id, None)
                .outcome("dedupe_record_failed")
                .dedupe_error(&error.to_string());
            log.finish(0);
        }
    });
}

thread_local! {
    /// The configuration, read once per isolate: bindings cannot change during an isolate's life
    /// (a new deployment, secret or variable starts new isolates).
    static CONFIG: std::cell::RefCell<Option<Rc<Result<Config, config::ConfigError>>>> =
        const { std::cell::RefCell::new(None) };
}

pub(crate) fn cached_config(env: &Env) -> Rc<Result<Config, config::ConfigError>> {
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
    if config.uses_queue() || config.admin_token.is_some() {
        let why = if config.uses_queue() {
            "a route delivers through the queue"
        } else {
            "ADMIN_TOKEN is set"
        };
        let missing = |name: &str, what: &str| {
            config::ConfigError(format!(
                "binding {name} is missing or not {what} ({why}; see wrangler.toml)"
            ))
        };
        if env.queue(queue::BINDING).is_err() {
            return Err(missing(queue::BINDING, "a queue producer"));
        }
        if env.durable_object(deadletter::BINDING).is_err() {
            return Err(missing(deadletter::BINDING, "a Durable Object namespace"));
        }
        if config.admin_token.is_some() && env.durable_object(deliveries::BINDING).is_err() {
            return Err(config::ConfigError(format!(
                "binding {} is missing or not a Durable Object namespace (ADMIN_TOKEN is set: \
                 the operator's page reads the delivery log; see wrangler.toml)",
                deliveries::BINDING
            )));
        }
        if env.bucket(parked::BINDING).is_err() {
            return Err(missing(parked::BINDING, "an R2 bucket"));
        }
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
