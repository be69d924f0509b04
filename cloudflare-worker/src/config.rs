//! The Worker's configuration: `HOOKSEAL_ROUTES` (a JSON list of routes) and the secrets it
//! names, checked as a whole before any request is served.
//!
//! Everything here is plain Rust (no JavaScript), so it is unit-tested natively.

use std::fmt;

use hookseal::events::Vendor;
use hookseal::{Handshake, Scheme, Signer, Verifier, VerifyOptions};
use serde::Deserialize;

/// The `[vars]` binding holding the route list.
pub const ROUTES_BINDING: &str = "HOOKSEAL_ROUTES";
/// The secret binding holding the Standard Webhooks secret forwarded requests are signed with
/// (unless a route names another with `originSigningSecret`); queue messages are authenticated
/// with a key derived from it.
pub const SIGNING_SECRET_BINDING: &str = "ORIGIN_SIGNING_SECRET";
/// What `.dev.vars.example` holds instead of secrets: a value containing it is refused, so that
/// a copied example never runs with secrets everybody knows.
pub const PLACEHOLDER: &str = "CHANGE_ME";
/// How to make an origin signing secret.
const MAKE_SIGNING_SECRET: &str = "make one with: node -e \"console.log('whsec_' + \
     require('crypto').randomBytes(24).toString('base64'))\"";
/// How to make an admin token.
const MAKE_ADMIN_TOKEN: &str = "make one with: openssl rand -hex 32";
/// Where a vendor secret comes from.
const GET_VENDOR_SECRET: &str = "set the secret your vendor's dashboard shows";
/// The label the queue message key is derived with from the origin signing secret: the same
/// secret never keys two different things the same way.
pub const QUEUE_KEY_LABEL: &[u8] = b"hookseal queue message v1";
/// The default largest body accepted, in bytes (1 MiB).
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
/// The default deduplication window, in seconds (one day).
pub const DEFAULT_DEDUPE_SECONDS: u64 = 86_400;
/// The default time the origin has to answer, in milliseconds.
pub const DEFAULT_ORIGIN_TIMEOUT_MS: u64 = 10_000;
/// The longest origin timeout accepted, in milliseconds (a Worker's request may not wait longer
/// than its sender does anyway; the shortest vendor timeout is 10 s).
pub const MAX_ORIGIN_TIMEOUT_MS: u64 = 60_000;
/// The secret binding holding the admin API's bearer token; without it the admin API is off.
pub const ADMIN_TOKEN_BINDING: &str = "ADMIN_TOKEN";
/// The shortest admin token accepted, in characters.
pub const MIN_ADMIN_TOKEN_CHARS: usize = 32;
/// Paths under this prefix (and the path itself without the slash) belong to the admin API.
pub const ADMIN_PREFIX: &str = "/admin/";
/// The default retry schedule of queue delivery, in seconds between attempts: the Standard
/// Webhooks recommendation (immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight
/// attempts over about 27.6 hours).
pub const DEFAULT_RETRY_SCHEDULE: [u32; 7] = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];
/// The longest delay between two attempts, in seconds: Cloudflare Queues delays a retried
/// message by at most 12 hours.
pub const MAX_RETRY_DELAY_SECONDS: u32 = 43_200;
/// The most retries a schedule may list (each is a queue retry; a queue allows up to 100).
pub const MAX_RETRIES: usize = 50;
/// The longest a whole schedule may take, in seconds (3 days): a queue keeps a message 4 days
/// by default, and `Retry-After` may stretch the delays.
pub const MAX_SCHEDULE_SECONDS: u64 = 3 * 86_400;

/// How a route delivers verified messages to its origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Forward while the sender waits; the origin's answer decides the sender's (200 or 502).
    Direct,
    /// Put the message in the queue and answer 202 at once; the queue consumer forwards it with
    /// retries, and dead-letters it when they run out.
    Queue,
}

impl Delivery {
    /// The name `HOOKSEAL_ROUTES` uses.
    pub fn name(self) -> &'static str {
        match self {
            Delivery::Direct => "direct",
            Delivery::Queue => "queue",
        }
    }
}

/// One route as `HOOKSEAL_ROUTES` writes it (camelCase keys).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RouteDescription {
    path: String,
    /// A built-in scheme id or a custom scheme object; read by the core after the route is known,
    /// so that its errors name the route.
    scheme: serde_json::Value,
    secrets: Vec<String>,
    origin: String,
    #[serde(default)]
    tolerance_seconds: Option<u64>,
    #[serde(default)]
    max_body_bytes: Option<usize>,
    #[serde(default)]
    dedupe_seconds: Option<u64>,
    #[serde(default)]
    origin_timeout_ms: Option<u64>,
    #[serde(default)]
    delivery: Option<String>,
    #[serde(default)]
    retry_schedule: Option<Vec<u64>>,
    #[serde(default)]
    origin_signing_secret: Option<String>,
    #[serde(default)]
    allow_http_origin: bool,
    /// The secret binding holding Meta's verify token (schemes `meta` and `whatsapp`).
    #[serde(default)]
    verify_token: Option<String>,
    /// The vendor whose events the route receives (an id of `hookseal::events::Vendor`).
    #[serde(default)]
    vendor: Option<String>,
    /// The event types the route forwards; the others are answered `filtered`.
    #[serde(default)]
    events: Option<Vec<String>>,
}

/// A checked route, ready to verify and forward.
#[derive(Debug)]
pub struct Route {
    /// The exact path the route answers on, such as `/hooks/github`.
    pub path: String,
    /// The scheme's id (`custom` for a custom scheme).
    pub scheme_id: &'static str,
    /// The verifier holding the route's secrets.
    pub verifier: Verifier,
    /// The origin URL every verified message is forwarded to.
    pub origin: String,
    /// Signs what is forwarded to the origin (Standard Webhooks).
    pub signer: Signer,
    /// The name of the secret binding `signer` holds (`ORIGIN_SIGNING_SECRET` by default).
    pub signing_secret_binding: String,
    /// The largest body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How long a forwarded message is remembered, in seconds; 0 turns deduplication off.
    pub dedupe_seconds: u64,
    /// How long the origin has to answer, in milliseconds.
    pub origin_timeout_ms: u64,
    /// Direct or queued delivery.
    pub delivery: Delivery,
    /// Queue delivery: the delays before the second, third, … attempt, in seconds (the first
    /// attempt is immediate). Empty: one attempt only.
    pub retry_schedule: Vec<u32>,
    /// Meta's verify token (`verifyToken`), for schemes whose provider sends Meta's
    /// verification request.
    pub verify_token: Option<VerifyToken>,
    /// `events`: the event types forwarded; `None`: every message.
    pub events: Option<EventFilter>,
}

/// A route's `vendor` and `events`: only verified messages of the listed event types are
/// forwarded. The type is read from the verified body only (no scheme authenticates an event
/// type header: GitHub's `X-GitHub-Event`, `X-Webhook-Event`, Shopify's topic are unsigned).
#[derive(Debug)]
pub struct EventFilter {
    /// Where the body names its event type.
    pub vendor: Vendor,
    /// The event types forwarded, each one the vendor's.
    pub types: Vec<String>,
}

impl EventFilter {
    /// `Ok(())` when the route forwards `body` (verified already), else why not, for the log.
    /// A body whose event type cannot be read without ambiguity (not JSON, no type, a key given
    /// twice or spelt with escapes) is not one of the listed events either: it is filtered.
    pub fn check(&self, body: &[u8]) -> Result<(), String> {
        match self.vendor.event_type_of(body) {
            Ok(event_type) if self.types.iter().any(|listed| listed == event_type) => Ok(()),
            Ok(event_type) => Err(format!(
                "event type {event_type:?} is not in the route's events"
            )),
            Err(error) => Err(format!("no event type read from the body: {error}")),
        }
    }
}

impl Route {
    /// The route's scheme.
    pub fn scheme(&self) -> &Scheme {
        self.verifier.scheme()
    }

    /// The endpoint challenge the route's provider sends, if any (the core answers it).
    pub fn handshake(&self) -> Option<Handshake> {
        self.scheme().preset()?.handshake()
    }
}

/// A route's verify token for Meta's verification request: the string the app owner typed in
/// the App Dashboard's Verify Token field, from the secret binding `verifyToken` names. `Debug`
/// shows the binding's name, never the token.
#[derive(Clone)]
pub struct VerifyToken {
    binding: String,
    value: String,
}

impl VerifyToken {
    /// The token.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The name of the secret binding holding it.
    pub fn binding(&self) -> &str {
        &self.binding
    }
}

impl fmt::Debug for VerifyToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifyToken({})", self.binding)
    }
}

/// The whole configuration.
#[derive(Debug)]
pub struct Config {
    /// The routes, in the order configured.
    pub routes: Vec<Route>,
    /// Signs forwarded requests of routes without their own `originSigningSecret`.
    pub signer: Signer,
    /// Authenticates queue messages: HMAC-SHA256 of [`QUEUE_KEY_LABEL`] keyed with the
    /// `ORIGIN_SIGNING_SECRET`'s key bytes.
    pub queue_key: [u8; 32],
    /// The admin API's bearer token (`ADMIN_TOKEN`); `None`: the admin API is off.
    pub admin_token: Option<String>,
}

/// Why the configuration is unusable. The message names the problem (a binding, a route, a field)
/// and never contains a secret's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

fn problem(message: impl Into<String>) -> ConfigError {
    ConfigError(message.into())
}

impl Config {
    /// Reads and checks the configuration: `routes_json` is the value of `HOOKSEAL_ROUTES` (or
    /// `None` when the binding is missing), `secret` looks up a secret binding by name.
    ///
    /// The messages name bindings, routes and fields, never a secret's value nor a URL: they
    /// go to the log (the public answer is only `invalid_config`).
    pub fn load(
        routes_json: Option<&str>,
        secret: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let routes_json = routes_json
            .ok_or_else(|| problem(format!("{ROUTES_BINDING} is not set")))?
            .trim();
        if routes_json.is_empty() {
            return Err(problem(format!("{ROUTES_BINDING} is empty")));
        }
        let descriptions: Vec<serde_json::Value> =
            serde_json::from_str(routes_json).map_err(|error| {
                problem(format!(
                    "{ROUTES_BINDING} is not a valid route list: {}",
                    redact(&error.to_string())
                ))
            })?;
        if descriptions.is_empty() {
            return Err(problem(format!("{ROUTES_BINDING} lists no routes")));
        }
        let (signing_secret, signer) = signing_secret(&secret, SIGNING_SECRET_BINDING)?;
        let queue_key = derive_queue_key(&signing_secret);
        let admin_token = secret(ADMIN_TOKEN_BINDING);
        if let Some(token) = &admin_token {
            not_placeholder(ADMIN_TOKEN_BINDING, token, MAKE_ADMIN_TOKEN).map_err(problem)?;
            if token.trim().chars().count() < MIN_ADMIN_TOKEN_CHARS {
                return Err(problem(format!(
                    "secret {ADMIN_TOKEN_BINDING} must be at least {MIN_ADMIN_TOKEN_CHARS} \
                     characters ({MAKE_ADMIN_TOKEN})"
                )));
            }
        }
        let mut routes: Vec<Route> = Vec::with_capacity(descriptions.len());
        // Every origin signing secret in use, and each route's inbound secrets, by binding name.
        let mut signing = vec![(SIGNING_SECRET_BINDING.to_string(), signing_secret)];
        let mut inbound = Vec::new();
        for (index, value) in descriptions.into_iter().enumerate() {
            let name = value
                .get("path")
                .and_then(serde_json::Value::as_str)
                .map_or_else(|| format!("#{}", index + 1), str::to_string);
            let description = RouteDescription::deserialize(value).map_err(|error| {
                problem(format!("route {name}: {}", redact(&error.to_string())))
            })?;
            let (route, secrets, signing_secret) = check_route(description, &secret, &signer)?;
            if routes.iter().any(|other| other.path == route.path) {
                return Err(problem(format!("route {} is configured twice", route.path)));
            }
            if let Some(signing_secret) = signing_secret {
                signing.push((route.signing_secret_binding.clone(), signing_secret));
            }
            inbound.extend(
                secrets
                    .into_iter()
                    .map(|secret| (route.path.clone(), secret)),
            );
            routes.push(route);
        }
        // A verify token travels in the URL of Meta's verification request: it must not be a
        // secret that signs anything.
        for route in &routes {
            let Some(token) = &route.verify_token else {
                continue;
            };
            if let Some((signing_name, _)) = signing
                .iter()
                .find(|(_, signing_value)| same_secret(token.as_str(), signing_value))
            {
                return Err(problem(format!(
                    "route {}: verifyToken binding {} holds the same secret as {signing_name}; \
                     the verify token travels in a URL: choose a string of its own",
                    route.path,
                    token.binding()
                )));
            }
        }
        // Key separation: a route that verified with an origin signing secret would accept the
        // Worker's own forwarded requests (or anything else signed for an origin) as input.
        for (path, (name, value)) in &inbound {
            if let Some((signing_name, _)) = signing
                .iter()
                .find(|(_, signing_value)| same_secret(value, signing_value))
            {
                return Err(problem(format!(
                    "route {path}: secret binding {name} holds the same secret as \
                     {signing_name}, which signs what the Worker forwards: the route would \
                     accept the Worker's own output; give the vendor and the origin different \
                     secrets"
                )));
            }
        }
        Ok(Config {
            routes,
            signer,
            queue_key,
            admin_token,
        })
    }

    /// Whether any route delivers through the queue.
    pub fn uses_queue(&self) -> bool {
        self.routes
            .iter()
            .any(|route| route.delivery == Delivery::Queue)
    }

    /// The route answering on `path`, if any.
    pub fn route(&self, path: &str) -> Option<&Route> {
        self.routes.iter().find(|route| route.path == path)
    }
}

/// A checked route, the (binding name, value) of each of its inbound secrets, and the value of
/// its own origin signing secret when it names one.
type CheckedRoute = (Route, Vec<(String, String)>, Option<String>);

fn check_route(
    description: RouteDescription,
    secret: &impl Fn(&str) -> Option<String>,
    default_signer: &Signer,
) -> Result<CheckedRoute, ConfigError> {
    let RouteDescription {
        path,
        scheme,
        secrets,
        origin,
        tolerance_seconds,
        max_body_bytes,
        dedupe_seconds,
        origin_timeout_ms,
        delivery,
        retry_schedule,
        origin_signing_secret,
        allow_http_origin,
        verify_token,
        vendor,
        events,
    } = description;
    check_path(&path)?;
    let at = |message: String| problem(format!("route {path}: {message}"));
    let scheme = Scheme::deserialize(scheme).map_err(|error| at(error.to_string()))?;
    // The Worker forwards the body re-signed: it must be what the vendor's signature covers,
    // or the origin would get a signature over bytes nobody verified.
    if !scheme.coverage().body {
        return Err(at(format!(
            "scheme {} does not sign the body (a token, or a signature over other fields): the Worker cannot vouch for it",
            scheme.id()
        )));
    }
    if secrets.is_empty() {
        return Err(at("secrets lists no secret binding".into()));
    }
    let mut values = Vec::with_capacity(secrets.len());
    for name in &secrets {
        let value = secret(name).ok_or_else(|| at(format!("secret binding {name} is not set")))?;
        not_placeholder(name, &value, GET_VENDOR_SECRET).map_err(at)?;
        // Checked one by one so that the error names the binding at fault.
        Verifier::new(scheme.clone(), [value.as_str()])
            .map_err(|error| at(format!("secret binding {name}: {error}")))?;
        values.push((name.clone(), value));
    }
    let verify_token = check_verify_token(&scheme, verify_token, &values, secret).map_err(at)?;
    let events = check_events(vendor, events).map_err(at)?;
    let verifier = Verifier::with_options(
        scheme,
        values.iter().map(|(_, value)| value.as_str()),
        VerifyOptions { tolerance_seconds },
    )
    .map_err(|error| at(error.to_string()))?;
    let origin = check_origin(&origin, allow_http_origin).map_err(at)?;
    let (signing_secret_binding, signer, own_signing_secret) = match origin_signing_secret {
        None => (
            SIGNING_SECRET_BINDING.to_string(),
            default_signer.clone(),
            None,
        ),
        Some(name) => {
            let (value, signer) = signing_secret(secret, &name)
                .map_err(|error| at(format!("originSigningSecret: {error}")))?;
            (name, signer, Some(value))
        }
    };
    let max_body_bytes = max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES);
    if max_body_bytes == 0 {
        return Err(at("maxBodyBytes must be at least 1".into()));
    }
    let origin_timeout_ms = origin_timeout_ms.unwrap_or(DEFAULT_ORIGIN_TIMEOUT_MS);
    if !(1..=MAX_ORIGIN_TIMEOUT_MS).contains(&origin_timeout_ms) {
        return Err(at(format!(
            "originTimeoutMs must be between 1 and {MAX_ORIGIN_TIMEOUT_MS}"
        )));
    }
    let (delivery, retry_schedule) =
        check_delivery(delivery.as_deref(), retry_schedule).map_err(at)?;
    let route = Route {
        scheme_id: verifier.scheme().id(),
        path,
        verifier,
        origin,
        signer,
        signing_secret_binding,
        max_body_bytes,
        dedupe_seconds: dedupe_seconds.unwrap_or(DEFAULT_DEDUPE_SECONDS),
        origin_timeout_ms,
        delivery,
        retry_schedule,
        verify_token,
        events,
    };
    Ok((route, values, own_signing_secret))
}

/// The route's verify token: required by schemes whose provider sends Meta's verification
/// request (the route cannot be set up without it), refused by the others; its binding set, not
/// a placeholder, not empty, and none of the route's own secrets (`secrets` holds their binding
/// names and values).
fn check_verify_token(
    scheme: &Scheme,
    binding: Option<String>,
    secrets: &[(String, String)],
    secret: &impl Fn(&str) -> Option<String>,
) -> Result<Option<VerifyToken>, String> {
    let meta =
        scheme.preset().and_then(hookseal::Preset::handshake) == Some(Handshake::MetaVerifyToken);
    let binding = match (binding, meta) {
        (None, false) => return Ok(None),
        (Some(_), false) => {
            return Err(format!(
                "verifyToken applies to schemes with Meta's verification request (meta, \
                 whatsapp), not {}",
                scheme.id()
            ));
        }
        (None, true) => {
            return Err(format!(
                "scheme {} needs verifyToken, the secret binding holding the Verify Token typed \
                 in the App Dashboard (Meta verifies the endpoint with it before it delivers)",
                scheme.id()
            ));
        }
        (Some(binding), true) => binding,
    };
    let value = secret(&binding)
        .ok_or_else(|| format!("verifyToken: secret binding {binding} is not set"))?;
    not_placeholder(
        &binding,
        &value,
        "set the Verify Token you typed in Meta's App Dashboard",
    )?;
    if value.is_empty() {
        return Err(format!("verifyToken: secret binding {binding} is empty"));
    }
    if let Some((name, _)) = secrets
        .iter()
        .find(|(_, secret)| same_secret(&value, secret))
    {
        return Err(format!(
            "verifyToken binding {binding} holds the same secret as {name}; the verify token \
             travels in a URL: choose a string of its own, never the app secret"
        ));
    }
    Ok(Some(VerifyToken { binding, value }))
}

/// `delivery` and `retrySchedule`: how the route delivers, and for queue delivery the delays
/// between attempts (a direct route's sender retries: no schedule).
fn check_delivery(
    delivery: Option<&str>,
    retry_schedule: Option<Vec<u64>>,
) -> Result<(Delivery, Vec<u32>), String> {
    let delivery = match delivery {
        None | Some("direct") => Delivery::Direct,
        Some("queue") => Delivery::Queue,
        Some(other) => {
            return Err(format!(
                "delivery must be \"direct\" or \"queue\", not {other:?}"
            ));
        }
    };
    let retry_schedule = match (delivery, retry_schedule) {
        (Delivery::Direct, Some(_)) => {
            return Err(
                "retrySchedule applies to \"delivery\": \"queue\" only (a direct route's sender retries)"
                    .into(),
            );
        }
        (_, None) => DEFAULT_RETRY_SCHEDULE.to_vec(),
        (Delivery::Queue, Some(schedule)) => check_schedule(&schedule)?,
    };
    Ok((delivery, retry_schedule))
}

/// A route's `vendor` and `events`, given together: a known vendor, and a list of its event
/// types hookseal knows, each once. An event type it does not know is refused rather than taken:
/// a typo would otherwise filter out every message, each answered 200 (so never retried).
fn check_events(
    vendor: Option<String>,
    events: Option<Vec<String>>,
) -> Result<Option<EventFilter>, String> {
    let vendor_ids = || Vendor::all().map(Vendor::id).collect::<Vec<_>>().join(", ");
    let (vendor, types) = match (vendor, events) {
        (None, None) => return Ok(None),
        (Some(_), None) => {
            return Err("vendor applies with events, the event types the route forwards".into());
        }
        (None, Some(_)) => {
            return Err(format!(
                "events needs vendor, whose events the route receives (one of {}): it says where the body names its event type",
                vendor_ids()
            ));
        }
        (Some(vendor), Some(types)) => (vendor, types),
    };
    let vendor = Vendor::from_id(&vendor).ok_or_else(|| {
        format!(
            "vendor {vendor:?} is not one whose events hookseal knows ({})",
            vendor_ids()
        )
    })?;
    if types.is_empty() {
        return Err("events lists no event type".into());
    }
    for (index, event_type) in types.iter().enumerate() {
        if !vendor.event_types().contains(&event_type.as_str()) {
            return Err(format!(
                "events: {event_type:?} is not a {} event type hookseal knows ({})",
                vendor.id(),
                vendor.event_types().join(", ")
            ));
        }
        if types
            .get(..index)
            .is_some_and(|before| before.contains(event_type))
        {
            return Err(format!("events lists {event_type:?} twice"));
        }
    }
    Ok(Some(EventFilter { vendor, types }))
}

/// A route path: `/` and more, visible ASCII without query, fragment or escapes, not the
/// admin API's.
fn check_path(path: &str) -> Result<(), ConfigError> {
    let valid_path = path.len() > 1
        && path.starts_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"?#%".contains(&b));
    if !valid_path {
        return Err(problem(format!(
            "route path {path:?} must start with / and be more than / (no query, fragment or escapes)"
        )));
    }
    if path == ADMIN_PREFIX.trim_end_matches('/') || path.starts_with(ADMIN_PREFIX) {
        return Err(problem(format!(
            "route path {path:?} is reserved for the admin API ({ADMIN_PREFIX})"
        )));
    }
    Ok(())
}

/// A retry schedule: at most [`MAX_RETRIES`] delays of 0 to [`MAX_RETRY_DELAY_SECONDS`] each,
/// [`MAX_SCHEDULE_SECONDS`] in all.
fn check_schedule(schedule: &[u64]) -> Result<Vec<u32>, String> {
    if schedule.len() > MAX_RETRIES {
        return Err(format!(
            "retrySchedule lists {} retries; at most {MAX_RETRIES}",
            schedule.len()
        ));
    }
    let mut delays = Vec::with_capacity(schedule.len());
    for &delay in schedule {
        match u32::try_from(delay) {
            Ok(delay) if delay <= MAX_RETRY_DELAY_SECONDS => delays.push(delay),
            _ => {
                return Err(format!(
                    "retrySchedule delays are seconds from 0 to {MAX_RETRY_DELAY_SECONDS} \
                     (12 hours, the longest a queue delays a message), not {delay}"
                ));
            }
        }
    }
    let total: u64 = delays.iter().map(|&delay| u64::from(delay)).sum();
    if total > MAX_SCHEDULE_SECONDS {
        return Err(format!(
            "retrySchedule adds up to {total} s; at most {MAX_SCHEDULE_SECONDS} (3 days: a queue \
             keeps a message 4 days)"
        ));
    }
    Ok(delays)
}

/// The secret binding `name` as an origin signing secret: its value and the signer holding it.
fn signing_secret(
    secret: &impl Fn(&str) -> Option<String>,
    name: &str,
) -> Result<(String, Signer), ConfigError> {
    let value = secret(name).ok_or_else(|| problem(format!("secret {name} is not set")))?;
    not_placeholder(name, &value, MAKE_SIGNING_SECRET).map_err(problem)?;
    let signer = Signer::new(Scheme::StandardWebhooks, value.as_str()).map_err(|error| {
        problem(format!(
            "secret {name} is not a Standard Webhooks secret (whsec_ + base64): {error}; \
             {MAKE_SIGNING_SECRET}"
        ))
    })?;
    Ok((value, signer))
}

/// Refuses the `.dev.vars.example` placeholder in secret binding `name`, saying `how` to get a
/// real secret.
fn not_placeholder(name: &str, value: &str, how: &str) -> Result<(), String> {
    if value.contains(PLACEHOLDER) {
        return Err(format!(
            "secret {name} still holds the {PLACEHOLDER} placeholder of .dev.vars.example: {how}"
        ));
    }
    Ok(())
}

/// The key bytes of a Standard Webhooks secret (`whsec_` and base64, the prefix optional), if
/// it is one.
fn whsec_key(secret: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let encoded = secret.trim();
    let encoded = encoded.strip_prefix("whsec_").unwrap_or(encoded);
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()
        .filter(|key| !key.is_empty())
}

/// Whether two secrets hold the same key: the same text, or the same Standard Webhooks key
/// bytes (with or without the `whsec_` prefix).
fn same_secret(a: &str, b: &str) -> bool {
    a.trim() == b.trim() || whsec_key(a).is_some_and(|key| Some(key) == whsec_key(b))
}

/// The queue message key: HMAC-SHA256 keyed with the origin signing secret's key bytes, over a
/// fixed label, so that the signing key itself never MACs anything but forwarded requests.
fn derive_queue_key(signing_secret: &str) -> [u8; 32] {
    use hmac::{KeyInit as _, Mac as _};
    // The signing secret was checked to be a Standard Webhooks secret before.
    let key = whsec_key(signing_secret).unwrap_or_default();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(QUEUE_KEY_LABEL);
    mac.finalize().into_bytes().into()
}

/// `message` with every double-quoted part replaced by `"…"`: serde quotes the values it
/// could not read (an origin URL with a token in its query, say), and the log must not show
/// them. Field names (in backquotes) stay.
fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        if c == '"' {
            if quoted {
                out.push('…');
                out.push('"');
            } else {
                out.push('"');
            }
            quoted = !quoted;
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// An absolute `https://` URL with a host (ASCII: an internationalized host name is given in its
/// `xn--` form), without credentials or a fragment; `http://` only to a loopback host
/// (`localhost`, `127.x.x.x`, `[::1]`), or anywhere with `allow_http` (`"allowHttpOrigin":
/// true`): the re-signature authenticates what the origin receives, but plain HTTP shows every
/// body to the networks on the way. Checked here without a URL parser (which would add its
/// Unicode tables to the bundle); the runtime parses it when sending. The messages never quote
/// the URL (it may carry a token).
fn check_origin(origin: &str, allow_http: bool) -> Result<String, String> {
    let bad = |why: &str| Err(format!("origin is not a usable URL: {why}"));
    let (rest, https) = if let Some(rest) = origin.strip_prefix("https://") {
        (rest, true)
    } else if let Some(rest) = origin.strip_prefix("http://") {
        (rest, false)
    } else {
        return bad("it must start with https:// (or http://)");
    };
    if !origin.bytes().all(|b| b.is_ascii_graphic()) {
        return bad("it must be ASCII without spaces");
    }
    if origin.contains('#') {
        return bad("it must not have a fragment");
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    if authority.contains('@') {
        return bad("it must not carry credentials");
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, _)) if !host.ends_with(']') && host.contains(':') => (authority, None),
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = if let Some(ip6) = host.strip_prefix('[') {
        ip6.strip_suffix(']').is_some_and(|inner| {
            !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b":.".contains(&b))
        })
    } else {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
    };
    if !host_ok {
        return bad("it has no valid host");
    }
    if port.is_some_and(|port| port.parse::<u16>().is_err()) {
        return bad("its port is not a number up to 65535");
    }
    if !https && !allow_http && !is_loopback(host) {
        return Err(
            "origin must be https:// (http:// is only taken for a loopback host, or with \
             \"allowHttpOrigin\": true)"
                .into(),
        );
    }
    Ok(origin.to_string())
}

/// `localhost`, an IPv4 address in 127.0.0.0/8 or `[::1]`.
fn is_loopback(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    host.eq_ignore_ascii_case("localhost")
        || host == "[::1]"
        || (octets.len() == 4
            && octets.first() == Some(&"127")
            && octets.iter().all(|octet| octet.parse::<u8>().is_ok()))
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const SIGNING: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    fn secrets(name: &str) -> Option<String> {
        match name {
            "ORIGIN_SIGNING_SECRET" => Some(SIGNING.into()),
            "GITHUB_SECRET" => Some("It's a Secret to Everybody".into()),
            "GITHUB_SECRET_OLD" => Some("old secret".into()),
            "SVIX_SECRET" => Some("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD".into()),
            "NOT_BASE64" => Some("whsec_***".into()),
            _ => None,
        }
    }

    fn load(json: &str) -> Result<Config, ConfigError> {
        Config::load(Some(json), secrets)
    }

    fn error(json: &str) -> String {
        load(json).expect_err("configuration must be refused").0
    }

    fn smartcomply(extra: &str) -> String {
        format!(
            r#"[{{"path": "/hooks/smartcomply", "scheme": "standard-webhooks", "secrets": ["SVIX_SECRET"],
                  "origin": "https://example.com/in"{extra}}}]"#
        )
    }

    #[test]
    fn an_event_filter_forwards_its_types_from_the_body_only() {
        let config = load(&smartcomply(
            r#", "vendor": "smartcomply", "events": ["test.failed", "permit.expiring"]"#,
        ))
        .expect("valid configuration");
        let filter = config.routes[0].events.as_ref().expect("a filter");
        assert_eq!(filter.vendor.id(), "smartcomply");
        assert_eq!(
            filter.check(br#"{"id":"e","type":"test.failed","data":{}}"#),
            Ok(())
        );
        assert_eq!(
            filter.check(br#"{"id":"e","type":"test.submitted","data":{"type":"test.failed"}}"#),
            Err(r#"event type "test.submitted" is not in the route's events"#.into())
        );
        // Unreadable or ambiguous: never forwarded.
        for body in [
            &br#"{"type":"test.submitted","type":"test.failed"}"#[..],
            br#"{"type":"test\u002efailed"}"#,
            br#"{"data":{}}"#,
            br#"{"type":["test.failed"]}"#,
            b"test.failed",
            b"",
        ] {
            let why = filter.check(body).expect_err("filtered");
            assert!(
                why.starts_with("no event type read from the body: "),
                "{why}"
            );
        }
        assert!(
            load(&smartcomply("")).expect("valid").routes[0]
                .events
                .is_none()
        );
    }

    #[test]
    fn an_event_filter_is_a_known_vendor_and_its_known_types() {
        let refused = |extra: &str| error(&smartcomply(extra));
        assert!(
            refused(r#", "events": ["test.failed"]"#)
                .contains("events needs vendor, whose events the route receives (one of septiccycle, smartcomply, job-events, carecycle)")
        );
        assert!(refused(r#", "vendor": "smartcomply""#).contains("vendor applies with events"));
        assert!(
            refused(r#", "vendor": "github", "events": ["push"]"#)
                .contains(r#"vendor "github" is not one whose events hookseal knows"#)
        );
        assert!(
            refused(r#", "vendor": "smartcomply", "events": []"#)
                .contains("events lists no event type")
        );
        let typo = refused(r#", "vendor": "smartcomply", "events": ["test.fail"]"#);
        assert!(
            typo.starts_with(r#"route /hooks/smartcomply: events: "test.fail" is not a smartcomply event type hookseal knows (test.submitted, test.failed,"#),
            "{typo}"
        );
        assert!(
            refused(r#", "vendor": "septiccycle", "events": ["job.completed", "job.completed"]"#)
                .contains(r#"events lists "job.completed" twice"#)
        );
    }

    #[test]
    fn reads_routes_with_defaults_and_options() {
        let config = load(
            r#"[
              {"path": "/hooks/github", "scheme": "github",
               "secrets": ["GITHUB_SECRET", "GITHUB_SECRET_OLD"], "origin": "http://127.0.0.1:8080/in"},
              {"path": "/hooks/custom", "scheme": {"signatureHeader": "X-Sig", "prefix": "sha256="},
               "secrets": ["GITHUB_SECRET"], "origin": "https://example.com/",
               "toleranceSeconds": 60, "maxBodyBytes": 10, "dedupeSeconds": 0, "originTimeoutMs": 500}
            ]"#,
        )
        .expect("valid configuration");
        let github = config.route("/hooks/github").expect("route");
        assert_eq!(github.scheme_id, "github");
        assert_eq!(github.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
        assert_eq!(github.dedupe_seconds, DEFAULT_DEDUPE_SECONDS);
        assert_eq!(github.origin_timeout_ms, DEFAULT_ORIGIN_TIMEOUT_MS);
        assert_eq!(github.origin, "http://127.0.0.1:8080/in");
        let custom = config.route("/hooks/custom").expect("route");
        assert_eq!(custom.scheme_id, "custom");
        assert_eq!(custom.verifier.tolerance_seconds(), 60);
        assert_eq!(
            (
                custom.max_body_bytes,
                custom.dedupe_seconds,
                custom.origin_timeout_ms
            ),
            (10, 0, 500)
        );
        assert!(config.route("/hooks/other").is_none());
    }

    #[test]
    fn names_each_problem_and_never_a_secret() {
        let route = |fields: &str| {
            format!(
                r#"[{{"path": "/h", "scheme": "svix", "secrets": ["SVIX_SECRET"], "origin": "http://127.0.0.1/"{fields}}}]"#
            )
        };
        assert!(load(&route("")).is_ok());
        for origin in [
            "https://example.com",
            "http://127.0.0.1:8787/hooks?x=1",
            "http://[::1]:80/",
            "https://xn--bcher-kva.example/in",
        ] {
            let config = load(&route("").replace("http://127.0.0.1/", origin)).expect(origin);
            assert_eq!(config.routes[0].origin, origin);
        }
        assert_eq!(
            Config::load(None, secrets).expect_err("missing").0,
            "HOOKSEAL_ROUTES is not set"
        );
        assert!(error("[").starts_with("HOOKSEAL_ROUTES is not a valid route list"));
        assert!(error("{}").starts_with("HOOKSEAL_ROUTES is not a valid route list"));
        assert_eq!(error("[]"), "HOOKSEAL_ROUTES lists no routes");
        assert!(error(&route(r#", "secret": "x""#)).contains("unknown field `secret`"));
        let unknown = error(&route("").replace("\"svix\"", "\"svixx\""));
        assert!(unknown.starts_with("route /h: invalid scheme"), "{unknown}");
        let custom = error(&route("").replace(
            "\"svix\"",
            r#"{"signatureHeader": "X-Sig", "template": "{id}.{body}"}"#,
        ));
        assert!(custom.contains("idHeader"), "{custom}");
        let missing = error(&route("").replace("SVIX_SECRET", "NOPE"));
        assert_eq!(missing, "route /h: secret binding NOPE is not set");
        let bad = error(&route("").replace("SVIX_SECRET", "NOT_BASE64"));
        assert!(
            bad.starts_with("route /h: secret binding NOT_BASE64: invalid secret"),
            "{bad}"
        );
        assert!(!bad.contains("***"));
        assert!(
            error(&route("").replace("\"SVIX_SECRET\"", "")).contains("secrets lists no secret")
        );
        for origin in [
            "not a url",
            "ftp://example.com/",
            "http://user:pw@example.com/",
            "http://h/#f",
        ] {
            let message = error(&route("").replace("http://127.0.0.1/", origin));
            assert!(message.starts_with("route /h: origin"), "{message}");
        }
        assert!(error(&route(r#", "maxBodyBytes": 0"#)).contains("maxBodyBytes"));
        assert!(error(&route(r#", "originTimeoutMs": 0"#)).contains("originTimeoutMs"));
        let negative = error(&route(r#", "toleranceSeconds": -1"#));
        assert!(
            negative.starts_with("route /h: invalid value"),
            "{negative}"
        );
        for path in ["/", "h", "/a?b", "/a b"] {
            let message = error(&route("").replace("\"/h\"", &format!("{path:?}")));
            assert!(message.starts_with("route path"), "{message}");
        }
        let twice = format!(
            "[{}, {}]",
            route("").trim_matches(['[', ']']),
            route("").trim_matches(['[', ']'])
        );
        assert_eq!(error(&twice), "route /h is configured twice");
    }

    #[test]
    fn reads_queue_delivery_and_its_schedule() {
        let route = |fields: &str| {
            format!(
                r#"[{{"path": "/q", "scheme": "github", "secrets": ["GITHUB_SECRET"], "origin": "http://127.0.0.1/"{fields}}}]"#
            )
        };
        let direct = load(&route("")).expect("direct");
        assert_eq!(direct.routes[0].delivery, Delivery::Direct);
        assert!(!direct.uses_queue());
        let queued = load(&route(r#", "delivery": "queue""#)).expect("queue");
        assert_eq!(queued.routes[0].delivery, Delivery::Queue);
        assert_eq!(queued.routes[0].retry_schedule, DEFAULT_RETRY_SCHEDULE);
        assert!(queued.uses_queue());
        let total: u32 = DEFAULT_RETRY_SCHEDULE.iter().sum();
        assert_eq!(total, 99_305, "about 27.6 hours");
        let short = load(&route(
            r#", "delivery": "queue", "retrySchedule": [1, 0, 2]"#,
        ))
        .expect("short schedule");
        assert_eq!(short.routes[0].retry_schedule, [1, 0, 2]);
        let once = load(&route(r#", "delivery": "queue", "retrySchedule": []"#)).expect("once");
        assert!(once.routes[0].retry_schedule.is_empty());
        assert!(
            error(&route(r#", "delivery": "later""#))
                .starts_with(r#"route /q: delivery must be "direct" or "queue""#)
        );
        assert!(error(&route(r#", "retrySchedule": [1]"#)).contains("applies to"));
        assert!(
            error(&route(r#", "delivery": "queue", "retrySchedule": [43201]"#))
                .contains("from 0 to 43200")
        );
        assert!(
            error(&route(r#", "delivery": "queue", "retrySchedule": [43200, 43200, 43200, 43200, 43200, 43200, 43200]"#))
                .contains("adds up to 302400 s")
        );
        let many = format!(
            ", \"delivery\": \"queue\", \"retrySchedule\": [{}]",
            ["1"; 51].join(",")
        );
        assert!(error(&route(&many)).contains("at most 50"));
        assert!(
            error(&route(r#", "delivery": "queue", "retrySchedule": [1.5]"#))
                .starts_with("route /q: invalid type")
        );
        for reserved in ["/admin", "/admin/hooks"] {
            let message = error(&route("").replace("\"/q\"", &format!("{reserved:?}")));
            assert!(message.contains("reserved for the admin API"), "{message}");
        }
    }

    #[test]
    fn reads_the_admin_token() {
        let json = r#"[{"path": "/h", "scheme": "github", "secrets": ["GITHUB_SECRET"], "origin": "http://127.0.0.1/"}]"#;
        let with = |token: &'static str| {
            Config::load(Some(json), move |name| {
                if name == ADMIN_TOKEN_BINDING {
                    Some(token.into())
                } else {
                    secrets(name)
                }
            })
        };
        assert_eq!(load(json).expect("no token").admin_token, None);
        let token = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            with(token).expect("token").admin_token.as_deref(),
            Some(token)
        );
        let short = with("short-token").expect_err("too short").0;
        assert!(
            short.starts_with("secret ADMIN_TOKEN must be at least 32 characters"),
            "{short}"
        );
        assert!(!short.contains("short-token"));
    }

    #[test]
    fn needs_a_standard_webhooks_signing_secret() {
        let json = r#"[{"path": "/h", "scheme": "github", "secrets": ["GITHUB_SECRET"], "origin": "http://127.0.0.1/"}]"#;
        let without = Config::load(Some(json), |name| {
            (name != SIGNING_SECRET_BINDING)
                .then(|| secrets(name))
                .flatten()
        });
        assert_eq!(
            without.expect_err("no signing secret").0,
            "secret ORIGIN_SIGNING_SECRET is not set"
        );
        let not_whsec = Config::load(Some(json), |name| {
            if name == SIGNING_SECRET_BINDING {
                Some("plain text!".into())
            } else {
                secrets(name)
            }
        });
        let message = not_whsec.expect_err("bad signing secret").0;
        assert!(
            message.starts_with("secret ORIGIN_SIGNING_SECRET is not a Standard Webhooks secret")
        );
        assert!(!message.contains("plain text"));
    }

    fn with(extra: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            extra
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_string())
                .or_else(|| secrets(name))
        }
    }

    #[test]
    fn refuses_a_route_whose_inbound_secret_is_an_origin_signing_secret() {
        let route = |secret: &str, extra: &str| {
            format!(
                r#"[{{"path": "/sw", "scheme": "standard-webhooks", "secrets": ["{secret}"], "origin": "http://127.0.0.1/"}}{extra}]"#
            )
        };
        let same = with(&[
            ("SAME", SIGNING),
            ("SAME_NO_PREFIX", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        ]);
        for name in ["SAME", "SAME_NO_PREFIX"] {
            let message = Config::load(Some(&route(name, "")), &same)
                .expect_err("its own output as input")
                .0;
            assert!(
                message.starts_with(&format!(
                    "route /sw: secret binding {name} holds the same secret as ORIGIN_SIGNING_SECRET"
                )),
                "{message}"
            );
            assert!(!message.contains("MfKQ9r8"), "{message}");
        }
        // Another route's own origin signing secret counts too.
        let other = r#", {"path": "/gh", "scheme": "github", "secrets": ["GITHUB_SECRET"],
                        "origin": "http://127.0.0.1/", "originSigningSecret": "ROUTE_SIGNING"}"#;
        let message = Config::load(
            Some(&route("SVIX_SECRET", other)),
            with(&[("ROUTE_SIGNING", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")]),
        )
        .expect_err("another route's signing secret")
        .0;
        assert!(message.contains("as ROUTE_SIGNING"), "{message}");
        assert!(Config::load(Some(&route("SVIX_SECRET", "")), &same).is_ok());
    }

    #[test]
    fn a_route_may_sign_with_its_own_origin_secret() {
        const B_SECRET: &str = "whsec_YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=";
        let json = r#"[
          {"path": "/a", "scheme": "github", "secrets": ["GITHUB_SECRET"], "origin": "http://127.0.0.1/"},
          {"path": "/b", "scheme": "github", "secrets": ["GITHUB_SECRET"], "origin": "http://127.0.0.1/",
           "originSigningSecret": "B_SIGNING"}
        ]"#;
        let b_secret = B_SECRET;
        let config = Config::load(Some(json), with(&[("B_SIGNING", B_SECRET)])).expect("valid");
        let (a, b) = (
            config.route("/a").expect("a"),
            config.route("/b").expect("b"),
        );
        assert_eq!(a.signing_secret_binding, "ORIGIN_SIGNING_SECRET");
        assert_eq!(b.signing_secret_binding, "B_SIGNING");
        let input = hookseal::SignInput::new("msg_1", 1_700_000_000);
        let signed = b.signer.sign(b"{}", &input).expect("sign");
        let verify = |secret: &str| {
            Verifier::new(Scheme::StandardWebhooks, [secret])
                .expect("verifier")
                .verify(b"{}", &signed, 1_700_000_000)
        };
        assert!(verify(b_secret).is_ok());
        assert!(
            verify(SIGNING).is_err(),
            "route /b is told apart from route /a"
        );
        let missing = Config::load(Some(json), secrets).expect_err("unset").0;
        assert_eq!(
            missing,
            "route /b: originSigningSecret: secret B_SIGNING is not set"
        );
        let plain = Config::load(Some(json), with(&[("B_SIGNING", "plain text")]))
            .expect_err("not whsec")
            .0;
        assert!(
            plain.starts_with(
                "route /b: originSigningSecret: secret B_SIGNING is not a Standard Webhooks secret"
            ),
            "{plain}"
        );
        assert!(plain.contains("make one with"), "{plain}");
    }

    /// A token or a signature over other fields vouches for no byte of the body: forwarding it
    /// re-signed would hand the origin a signature over bytes nobody verified.
    #[test]
    fn refuses_schemes_that_do_not_sign_the_body() {
        for scheme in ["gitlab", "postmark", "mailgun", "twilio"] {
            let message = error(&format!(
                r#"[{{"path": "/h", "scheme": "{scheme}", "secrets": ["GITHUB_SECRET"], "origin": "https://example.com/"}}]"#
            ));
            assert!(
                message.contains("does not sign the body"),
                "{scheme}: {message}"
            );
        }
        for scheme in ["square", "paddle", "hubspot-v3", "linear", "box"] {
            let config = format!(
                r#"[{{"path": "/h", "scheme": "{scheme}", "secrets": ["GITHUB_SECRET"], "origin": "https://example.com/"}}]"#
            );
            assert!(load(&config).is_ok(), "{scheme}");
        }
    }

    /// Meta's verification request carries the verify token in its URL: a route of a Meta
    /// scheme needs one, of its own, and no other route takes one.
    #[test]
    fn reads_the_verify_token_of_meta_routes() {
        let route = |scheme: &str, extra: &str| {
            format!(
                r#"[{{"path": "/m", "scheme": "{scheme}", "secrets": ["APP_SECRET"], "origin": "https://example.com/"{extra}}}]"#
            )
        };
        let lookup = with(&[
            ("APP_SECRET", "meta-app-secret"),
            ("VERIFY", "meatyhamhock"),
            ("EMPTY", ""),
            ("PLACEHOLDER", "CHANGE_ME"),
            ("SAME_AS_APP", "meta-app-secret"),
            ("SAME_AS_SIGNING", SIGNING),
        ]);
        let load = |json: &str| Config::load(Some(json), &lookup);
        for scheme in ["meta", "whatsapp"] {
            let config = load(&route(scheme, r#", "verifyToken": "VERIFY""#)).expect("valid");
            let token = config.routes[0]
                .verify_token
                .as_ref()
                .expect("a verify token");
            assert_eq!(
                (token.as_str(), token.binding()),
                ("meatyhamhock", "VERIFY")
            );
            assert_eq!(
                config.routes[0].handshake(),
                Some(Handshake::MetaVerifyToken)
            );
            let debug = format!("{:?}", config.routes[0]);
            assert!(!debug.contains("meatyhamhock"), "{debug}");
            let missing = load(&route(scheme, "")).expect_err("no verify token").0;
            assert!(
                missing.starts_with(&format!("route /m: scheme {scheme} needs verifyToken")),
                "{missing}"
            );
        }
        for (binding, expected) in [
            (
                "UNSET",
                "route /m: verifyToken: secret binding UNSET is not set",
            ),
            (
                "EMPTY",
                "route /m: verifyToken: secret binding EMPTY is empty",
            ),
            (
                "PLACEHOLDER",
                "route /m: secret PLACEHOLDER still holds the CHANGE_ME placeholder",
            ),
            (
                "SAME_AS_APP",
                "route /m: verifyToken binding SAME_AS_APP holds the same secret as APP_SECRET",
            ),
            (
                "SAME_AS_SIGNING",
                "route /m: verifyToken binding SAME_AS_SIGNING holds the same secret as ORIGIN_SIGNING_SECRET",
            ),
        ] {
            let json = route("meta", &format!(r#", "verifyToken": "{binding}""#));
            let message = load(&json).expect_err(binding).0;
            assert!(message.starts_with(expected), "{message}");
            assert!(!message.contains("meta-app-secret") && !message.contains("MfKQ9r8"));
        }
        for scheme in ["github", "zoom", "twitter"] {
            let message = load(&route(scheme, r#", "verifyToken": "VERIFY""#))
                .expect_err("not a Meta scheme")
                .0;
            assert!(
                message.starts_with("route /m: verifyToken applies to schemes with Meta's"),
                "{message}"
            );
            let config = load(&route(scheme, "")).expect("valid");
            assert!(config.routes[0].verify_token.is_none());
        }
        let github = load(&route("github", "")).expect("valid");
        assert_eq!(github.routes[0].handshake(), None);
        let zoom = load(&route("zoom", "")).expect("valid");
        assert_eq!(
            zoom.routes[0].handshake(),
            Some(Handshake::ZoomUrlValidation)
        );
    }

    #[test]
    fn refuses_plain_http_origins_except_loopback_or_opt_in() {
        let route = |origin: &str, extra: &str| {
            format!(
                r#"[{{"path": "/h", "scheme": "github", "secrets": ["GITHUB_SECRET"], "origin": "{origin}"{extra}}}]"#
            )
        };
        for loopback in [
            "http://127.0.0.1:8080/in",
            "http://127.10.0.1/",
            "http://localhost:9/x",
            "http://[::1]:80/",
        ] {
            assert!(load(&route(loopback, "")).is_ok(), "{loopback}");
        }
        for remote in [
            "http://example.com/in",
            "http://10.0.0.1/",
            "http://127.0.0.1.example.com/",
            "http://[::2]/",
        ] {
            let message = error(&route(remote, ""));
            assert!(
                message.starts_with("route /h: origin must be https://"),
                "{message}"
            );
            let opted_in = load(&route(remote, r#", "allowHttpOrigin": true"#));
            assert!(opted_in.is_ok(), "{remote}");
        }
        assert!(load(&route("https://example.com/in", "")).is_ok());
    }

    #[test]
    fn configuration_problems_never_echo_a_url() {
        let token = "s3cr3t-token";
        for bad in [
            r#""origin": "ftp://example.com/hook?token=s3cr3t-token""#,
            r#""origin": "http://example.com/hook?token=s3cr3t-token""#,
            r#""origin": "https://u:p@example.com/hook?token=s3cr3t-token""#,
            r#""origin": "https://example.com/?token=s3cr3t-token", "maxBodyBytes": "https://example.com/?token=s3cr3t-token""#,
        ] {
            let json = format!(
                r#"[{{"path": "/h", "scheme": "github", "secrets": ["GITHUB_SECRET"], {bad}}}]"#
            );
            let message = error(&json);
            assert!(message.starts_with("route /h: "), "{message}");
            assert!(!message.contains(token), "{message}");
            assert!(!message.contains("example.com"), "{message}");
        }
        assert_eq!(
            redact(r#"invalid type: string "x?t=1", expected u64"#),
            r#"invalid type: string "…", expected u64"#
        );
        assert_eq!(redact("unknown field `secret`"), "unknown field `secret`");
    }

    /// `KEY=VALUE` lines of a `.dev.vars` file (quotes around the value dropped).
    fn dev_vars(text: &str) -> Vec<(String, String)> {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .filter_map(|line| line.split_once('='))
            .map(|(key, value)| {
                (
                    key.trim().to_string(),
                    value.trim().trim_matches('"').to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn dev_vars_example_ships_placeholders_the_worker_refuses() {
        let example = dev_vars(include_str!("../.dev.vars.example"));
        let names: Vec<&str> = example.iter().map(|(key, _)| key.as_str()).collect();
        assert!(names.contains(&"ORIGIN_SIGNING_SECRET") && names.contains(&"ADMIN_TOKEN"));
        let wrangler = include_str!("../wrangler.toml");
        let routes = wrangler
            .split("'''")
            .nth(1)
            .expect("HOOKSEAL_ROUTES in wrangler.toml");
        let lookup = |overrides: Vec<(&'static str, String)>| {
            let example = example.clone();
            move |name: &str| {
                overrides
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.clone())
                    .or_else(|| {
                        example
                            .iter()
                            .find(|(key, _)| key == name)
                            .map(|(_, value)| value.clone())
                    })
            }
        };
        // As shipped: the signing secret is refused, with how to make one.
        let shipped = Config::load(Some(routes), lookup(Vec::new()))
            .expect_err("placeholders")
            .0;
        assert!(
            shipped
                .starts_with("secret ORIGIN_SIGNING_SECRET still holds the CHANGE_ME placeholder"),
            "{shipped}"
        );
        assert!(shipped.contains("make one with: node -e"), "{shipped}");
        // With a real signing secret: the admin token is refused next, then the vendor secrets.
        let signing = ("ORIGIN_SIGNING_SECRET", SIGNING.to_string());
        let admin = Config::load(Some(routes), lookup(vec![signing.clone()]))
            .expect_err("admin")
            .0;
        assert!(
            admin.starts_with("secret ADMIN_TOKEN still holds the CHANGE_ME placeholder"),
            "{admin}"
        );
        assert!(admin.contains("openssl rand -hex 32"), "{admin}");
        let token = (
            "ADMIN_TOKEN",
            "0123456789abcdef0123456789abcdef".to_string(),
        );
        let vendor = Config::load(Some(routes), lookup(vec![signing, token]))
            .expect_err("vendor")
            .0;
        assert!(
            vendor.contains("still holds the CHANGE_ME placeholder"),
            "{vendor}"
        );
        assert!(vendor.contains("vendor's dashboard"), "{vendor}");
    }
}
