//! The Worker's configuration parser, `Config::load` of `cloudflare-worker/src/config.rs`, on any
//! `HOOKSEAL_ROUTES` text and secret bindings. The module is compiled in from its source file:
//! it is plain Rust over `hookseal`, `serde` and the hash crates, and the rest of the Worker
//! (workers-rs, wasm-bindgen) has nothing to do with parsing.
//!
//! Input: optional lines `NAME=value` (secret bindings, overriding the fixed table below), then
//! the `HOOKSEAL_ROUTES` JSON. A binding named `RAW_<anything>` resolves to `<anything>`, so the
//! fuzzer can try any secret value from the JSON alone.
//!
//! Asserts, beyond "no panic":
//! - a loaded configuration keeps every documented limit: at least one route; paths unique,
//!   starting with `/`, longer than `/`, ASCII without `?#%`, outside `/admin`; an `http(s)://`
//!   origin; body limit at least 1; origin timeout 1 to 60 000 ms; a direct route keeps the
//!   default schedule; at most 50 retries, each at most 12 h, at most 3 days in all; the scheme id
//!   is the verifier's; an admin token of at least 32 characters;
//! - every route verifies a message signed with its first secret (the scheme and secrets it
//!   loaded really work together);
//! - an error never quotes a secret's value (unless the input itself holds it);
//! - loading is deterministic.
#![no_main]

use hookseal::{SignInput, Signer};
#[allow(dead_code, unused_imports, unreachable_pub, missing_docs)]
#[path = "../../cloudflare-worker/src/config.rs"]
mod config;

use config::{
    ADMIN_PREFIX, Config, DEFAULT_RETRY_SCHEDULE, Delivery, MAX_ORIGIN_TIMEOUT_MS, MAX_RETRIES,
    MAX_RETRY_DELAY_SECONDS, MAX_SCHEDULE_SECONDS, MIN_ADMIN_TOKEN_CHARS,
};
use libfuzzer_sys::fuzz_target;

/// Secret bindings every input sees; the values are long enough that quoting one is no accident.
const SECRETS: [(&str, &str); 7] = [
    (
        "ORIGIN_SIGNING_SECRET",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ),
    ("GITHUB_SECRET", "It's a Secret to Everybody"),
    ("SVIX_SECRET", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"),
    ("STRIPE_SECRET", "whsec_EcgFB0Ns45YsZ1FP1weqo0+4g68jyPfz"),
    ("PLAIN_SECRET", "plain-text-secret-0123456789"),
    ("NOT_BASE64", "whsec_***not*base64***"),
    ("EMPTY", ""),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut bindings: Vec<(String, String)> = SECRETS
        .iter()
        .map(|(name, value)| ((*name).to_string(), (*value).to_string()))
        .collect();
    let mut json = text;
    while let Some((line, rest)) = json.split_once('\n') {
        let Some((name, value)) = line.split_once('=') else {
            break;
        };
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        {
            break;
        }
        bindings.retain(|(known, _)| known != name);
        bindings.push((name.to_string(), value.to_string()));
        json = rest;
    }
    let secret = |name: &str| -> Option<String> {
        if let Some(value) = name.strip_prefix("RAW_") {
            return Some(value.to_string());
        }
        bindings
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value.clone())
    };

    let loaded = Config::load(Some(json), secret);
    let again = Config::load(Some(json), secret);
    assert_eq!(
        loaded
            .as_ref()
            .map(|c| c.routes.len())
            .map_err(Clone::clone),
        again.as_ref().map(|c| c.routes.len()).map_err(Clone::clone),
        "deterministic"
    );
    let config = match loaded {
        Ok(config) => config,
        Err(error) => {
            for (_, value) in &bindings {
                if value.len() >= 8 && !text.contains(value.as_str()) {
                    assert!(
                        !error.0.contains(value.as_str()),
                        "an error quotes a secret: {error}"
                    );
                }
            }
            return;
        }
    };

    assert!(!config.routes.is_empty());
    if let Some(token) = &config.admin_token {
        assert!(token.trim().chars().count() >= MIN_ADMIN_TOKEN_CHARS);
    }
    let descriptions: Vec<serde_json::Value> =
        serde_json::from_str(json.trim()).expect("it loaded, so it is a JSON list");
    for (index, route) in config.routes.iter().enumerate() {
        let path = &route.path;
        assert!(path.len() > 1 && path.starts_with('/'), "{path:?}");
        assert!(
            path.bytes()
                .all(|b| b.is_ascii_graphic() && !b"?#%".contains(&b)),
            "{path:?}"
        );
        assert!(
            path != "/admin" && !path.starts_with(ADMIN_PREFIX),
            "{path:?}"
        );
        assert_eq!(
            config
                .routes
                .iter()
                .filter(|other| other.path == *path)
                .count(),
            1,
            "{path:?} twice"
        );
        assert!(
            route.origin.starts_with("https://") || route.origin.starts_with("http://"),
            "{:?}",
            route.origin
        );
        assert!(route.max_body_bytes >= 1);
        assert!((1..=MAX_ORIGIN_TIMEOUT_MS).contains(&route.origin_timeout_ms));
        assert_eq!(route.scheme_id, route.scheme().id());
        match route.delivery {
            Delivery::Direct => assert_eq!(route.retry_schedule, DEFAULT_RETRY_SCHEDULE),
            Delivery::Queue => {
                assert!(route.retry_schedule.len() <= MAX_RETRIES);
                assert!(
                    route
                        .retry_schedule
                        .iter()
                        .all(|&d| d <= MAX_RETRY_DELAY_SECONDS)
                );
                let total: u64 = route.retry_schedule.iter().map(|&d| u64::from(d)).sum();
                assert!(total <= MAX_SCHEDULE_SECONDS);
            }
        }

        // The route's verifier accepts what its first secret signs (unless the scheme is one of
        // the known issues: see `known_unverifiable`).
        // (Classic schemes only: presets may read fields from the body or sign the URL.)
        if hookseal_fuzz::known_unverifiable(route.scheme()).is_some()
            || !hookseal_fuzz::classic(route.scheme())
        {
            continue;
        }
        let first = descriptions[index]["secrets"][0]
            .as_str()
            .expect("a secret name");
        let value = secret(first).expect("it loaded, so the binding is set");
        let signer =
            Signer::new(route.scheme().clone(), value.as_str()).expect("the verifier took it");
        let now = 1_777_991_400;
        for id in ["msg_2Lb7tQ", "1", "~"] {
            let input = SignInput::new(id, now).with_event_type("order.created");
            let Ok(headers) = signer.sign(b"{\"ok\":true}", &input) else {
                continue; // the id holds the template's separator: try another
            };
            let verified = route.verifier.verify(b"{\"ok\":true}", &headers, now);
            assert!(
                verified.is_ok(),
                "route {path} refuses what its secret signs: {verified:?} {headers:?}"
            );
            break;
        }
    }
});
