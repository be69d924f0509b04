//! Signs one sample event of each scheme with a demo secret, verifies it, then verifies a forged
//! copy, and prints the outcomes. Run with `cargo run -p hookseal --example demo`.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use hookseal::{Scheme, SignInput, Signer, Verifier};

/// (scheme, fixture under tests/fixtures, demo secret, event type)
const SAMPLES: [(&str, &str, &str, &str); 8] = [
    (
        "standard-webhooks",
        "smartcomply/test.submitted.json",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "test.submitted",
    ),
    (
        "svix",
        "carecycle/customer.updated.json",
        "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
        "customer.updated",
    ),
    (
        "septiccycle",
        "septiccycle/job.completed.json",
        "septiccycle-demo-secret",
        "job.completed",
    ),
    (
        "x-webhook-signature",
        "job-events/job.updated.json",
        "job-events-demo-secret",
        "job.updated",
    ),
    (
        "github",
        "github/push.json",
        "It's a Secret to Everybody",
        "push",
    ),
    (
        "stripe",
        "stripe/payment_intent.succeeded.json",
        "whsec_stripe_demo_secret",
        "payment_intent.succeeded",
    ),
    (
        "slack",
        "slack/event_callback.json",
        "slack-demo-signing-secret",
        "event_callback",
    ),
    (
        "shopify",
        "shopify/orders.create.json",
        "shopify-demo-secret",
        "orders/create",
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let mut all_as_expected = true;
    println!(
        "{:<20} {:<38} {:<10} forged (one byte changed)",
        "scheme", "sample", "genuine"
    );
    for (id, fixture, secret, event_type) in SAMPLES {
        let scheme: Scheme = id.parse()?;
        let body = std::fs::read(fixtures.join(fixture))?;
        let input = SignInput::new("msg_demo_1", now).with_event_type(event_type);
        let headers = Signer::new(scheme.clone(), secret)?.sign(&body, &input)?;
        let verifier = Verifier::new(scheme, [secret])?;
        let genuine = verifier.verify(&body, &headers, now);
        let mut forged = body.clone();
        if let Some(last) = forged.last_mut() {
            *last ^= 1;
        }
        let forged = verifier.verify(&forged, &headers, now);
        all_as_expected &= genuine.is_ok() && forged.is_err();
        println!(
            "{id:<20} {fixture:<38} {:<10} {}",
            if genuine.is_ok() {
                "verified"
            } else {
                "FAILED"
            },
            forged.map_or_else(
                |error| format!("rejected: {}", error.code()),
                |_| "ACCEPTED".into()
            )
        );
    }
    if !all_as_expected {
        return Err("a genuine sample failed or a forged one passed".into());
    }
    Ok(())
}
