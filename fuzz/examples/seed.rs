//! Seeds `fuzz/corpus/<target>/` from the repository's test vectors (`tests/vectors/*.json`).
//!
//! Every vector case becomes one input of `verify`, `sign` and `diagnose` in the framed format
//! of `hookseal_fuzz::Case` (its scheme, secrets, clock, tolerance, headers, body, and what to
//! sign), so that the fuzzer starts from real signed messages and valid custom schemes rather
//! than from bytes that never carry a valid HMAC. `worker_config` gets one route list per scheme
//! the vectors use (and the invalid custom schemes they reject), plus the Worker's own
//! `wrangler.toml` routes. Writing the same seeds again is harmless (names are stable).
//!
//! Run: `cargo run --release --manifest-path fuzz/Cargo.toml --example seed`.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hookseal::Scheme;
use hookseal_fuzz::{Case, CaseSecret, SignParams};
use serde::Deserialize as _;
use serde_json::{Value, json};

fn main() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tests = fuzz.join("../tests");
    let corpus = fuzz.join("corpus");
    for target in ["verify", "sign", "diagnose", "worker_config"] {
        fs::create_dir_all(corpus.join(target)).expect("corpus directory");
    }
    let mut files: Vec<PathBuf> = fs::read_dir(tests.join("vectors"))
        .expect("tests/vectors")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let (mut written, mut skipped) = (0, 0);
    let mut route_schemes: Vec<(Value, Value)> = Vec::new();
    for file in &files {
        let stem = file
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let vectors: Value =
            serde_json::from_str(&fs::read_to_string(file).expect("readable")).expect("JSON");
        let file_scheme = vectors["scheme"].clone();
        for (index, case) in vectors["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .enumerate()
        {
            let scheme_json = case
                .get("scheme")
                .cloned()
                .unwrap_or_else(|| file_scheme.clone());
            let secrets_json = case.get("secrets").cloned().unwrap_or(Value::Null);
            let first_secret = secrets_json[0].clone();
            if !route_schemes
                .iter()
                .any(|(scheme, _)| *scheme == scheme_json)
            {
                route_schemes.push((scheme_json.clone(), first_secret));
            }
            match to_case(case, &scheme_json, &tests) {
                Some(case) => match case.encode() {
                    Some(bytes) => {
                        for target in ["verify", "sign", "diagnose"] {
                            let name = format!("vector-{stem}-{index:03}");
                            fs::write(corpus.join(target).join(name), &bytes).expect("write");
                        }
                        written += 1;
                    }
                    None => skipped += 1,
                },
                None => skipped += 1,
            }
        }
    }

    let mut configs: Vec<String> = Vec::new();
    for (index, (scheme, secret)) in route_schemes.iter().enumerate() {
        let secret = match secret.as_str() {
            Some(text) => format!("RAW_{text}"),
            None => "GITHUB_SECRET".into(),
        };
        configs.push(
            json!([{
                "path": format!("/hooks/{index}"),
                "scheme": scheme,
                "secrets": [secret],
                "origin": "https://origin.example.com/webhooks",
            }])
            .to_string(),
        );
    }
    configs.push(
        json!([
            {"path": "/hooks/github", "scheme": "github", "secrets": ["GITHUB_SECRET", "PLAIN_SECRET"],
             "origin": "http://127.0.0.1:8080/in", "delivery": "queue", "retrySchedule": [1, 0, 300]},
            {"path": "/hooks/svix", "scheme": "svix", "secrets": ["SVIX_SECRET"],
             "origin": "http://[::1]:8787/hooks?x=1", "toleranceSeconds": 60, "maxBodyBytes": 10,
             "dedupeSeconds": 0, "originTimeoutMs": 500},
            {"path": "/hooks/custom", "scheme": {"signatureHeader": "X-Sig", "prefix": "sha256=",
             "template": "{id}.{timestamp}.{body}", "idHeader": "X-Id", "timestampHeader": "X-Ts",
             "eventTypeHeader": "X-Event", "encoding": "base64", "secretFormat": "whsec",
             "toleranceSeconds": 30},
             "secrets": ["SVIX_SECRET"], "origin": "https://xn--bcher-kva.example/in"}
        ])
        .to_string(),
    );
    configs.push(format!(
        "ADMIN_TOKEN=0123456789abcdef0123456789abcdef\nEXTRA_SECRET=whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\n{}",
        json!([{"path": "/q", "scheme": "standard-webhooks", "secrets": ["EXTRA_SECRET"],
                "origin": "https://example.com/", "delivery": "queue", "retrySchedule": []}])
    ));
    let wrangler =
        fs::read_to_string(fuzz.join("../cloudflare-worker/wrangler.toml")).unwrap_or_default();
    if let Some(routes) = wrangler
        .split_once("HOOKSEAL_ROUTES = '''")
        .and_then(|(_, rest)| rest.split_once("'''"))
    {
        // The Worker's example routes, with the secrets `wrangler secret put` would set.
        configs.push(format!(
            "SEPTICCYCLE_SECRET=septiccycle-secret-0123456789\n\
             CARECYCLE_SECRET=whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\n\
             JOBS_SECRET=jobs-secret-0123456789\n{}",
            routes.0.trim()
        ));
    }
    for (index, config) in configs.iter().enumerate() {
        let name = format!("config-{index:03}");
        fs::write(corpus.join("worker_config").join(name), config).expect("write");
    }
    println!(
        "seeded fuzz/corpus from {} vector files: {written} cases (each for verify, sign, diagnose), \
         {skipped} skipped (an invalid scheme or a separator byte in a field), {} worker configurations",
        files.len(),
        configs.len()
    );
}

/// A vector case as a fuzz case; `None` for cases whose scheme is invalid (they expect
/// `invalid_scheme`: `worker_config` gets those).
fn to_case(case: &Value, scheme: &Value, tests: &Path) -> Option<Case> {
    let scheme = Scheme::deserialize(scheme).ok()?;
    let mut secrets = Vec::new();
    for secret in case["secrets"].as_array().into_iter().flatten() {
        secrets.push(CaseSecret::Text(secret.as_str()?.to_string()));
    }
    for secret in case["secrets_base64"].as_array().into_iter().flatten() {
        secrets.push(CaseSecret::Bytes(BASE64.decode(secret.as_str()?).ok()?));
    }
    let headers = case["headers"]
        .as_object()?
        .iter()
        .map(|(name, value)| Some((name.clone(), value.as_str()?.to_string())))
        .collect::<Option<Vec<_>>>()?;
    let body = if let Some(text) = case["body"].as_str() {
        text.as_bytes().to_vec()
    } else if let Some(encoded) = case["body_base64"].as_str() {
        BASE64.decode(encoded).ok()?
    } else {
        fs::read(tests.join("fixtures").join(case["body_fixture"].as_str()?)).ok()?
    };
    let sign = &case["sign"];
    let text = |value: &Value| value.as_str().map(str::to_string);
    Some(Case {
        scheme,
        now: case["now"].as_u64()?,
        tolerance: case["tolerance_seconds"].as_u64(),
        sign: SignParams {
            id: text(&sign["id"]).or_else(|| text(&case["expect_id"])),
            timestamp: sign["timestamp"]
                .as_u64()
                .or_else(|| case["expect_timestamp"].as_u64())
                .or_else(|| case["now"].as_u64()),
            event_type: text(&sign["event_type"]).or_else(|| text(&case["expect_event_type"])),
        },
        flip: 0,
        secrets,
        headers,
        body,
    })
}
