//! Standard Webhooks verify of a 1 KiB body: hookseal vs a bare HMAC-SHA256 of the same bytes
//! (the floor) vs the `standardwebhooks` crate; then `v1a` (Ed25519) verify vs the
//! `ed25519-dalek` crate's own verify of the same signed content; side by side in one process,
//! as medians and ratios. Run with `cargo bench -p hookseal`. A measurement, not a test: nothing
//! here fails on time.

// Tests and benchmarks may index and panic: a panic here is a failure report, not a crash.
#![allow(clippy::indexing_slicing, clippy::panic)]

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use hookseal::{Scheme, SignInput, Signer, Verifier};
use sha2::Sha256;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SAMPLES: usize = 31;

/// Median nanoseconds per call over `SAMPLES` samples of about 20 ms each.
fn measure(mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut calibration = 0u32;
    while start.elapsed() < Duration::from_millis(50) {
        f();
        calibration += 1;
    }
    let per_sample = (calibration / 2).max(1);
    let mut samples: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_sample {
                f();
            }
            start.elapsed().as_secs_f64() * 1e9 / f64::from(per_sample)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[SAMPLES / 2]
}

fn main() {
    let body: Vec<u8> = (0..1024u32)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz0123456789 {}:,\""[(i % 42) as usize])
        .collect();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let headers = Signer::new(Scheme::StandardWebhooks, SECRET)
        .and_then(|signer| signer.sign(&body, &SignInput::new("msg_p5jXN8AQM9LWM0D4loKWxJek", now)))
        .expect("signs");
    let key = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &SECRET[6..])
        .expect("key");

    let verifier = Verifier::new(Scheme::StandardWebhooks, [SECRET]).expect("verifier");
    let mut header_map = http::HeaderMap::new();
    for (name, value) in &headers {
        header_map.insert(
            http::HeaderName::try_from(name.as_str()).expect("name"),
            value.parse().expect("value"),
        );
    }
    let peer = standardwebhooks::Webhook::new(SECRET).expect("peer");
    assert!(verifier.verify(&body, &headers, now).is_ok());
    assert!(peer.verify(&body, &header_map).is_ok());

    let floor = measure(|| {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(black_box(&key)).expect("key");
        mac.update(black_box(&body));
        black_box(mac.finalize());
    });
    let hookseal = measure(|| {
        black_box(verifier.verify(black_box(&body), black_box(&headers), now)).expect("verifies");
    });
    let standardwebhooks = measure(|| {
        black_box(peer.verify(black_box(&body), black_box(&header_map))).expect("verifies");
    });

    println!("Standard Webhooks verify, 1 KiB body, median of {SAMPLES} samples");
    println!(
        "{:<44} {:>10} {:>12}",
        "implementation", "ns/op", "vs floor"
    );
    for (name, nanos) in [
        ("bare HMAC-SHA256 of the body (floor)", floor),
        ("hookseal Verifier::verify", hookseal),
        ("standardwebhooks 1.0 Webhook::verify", standardwebhooks),
    ] {
        println!("{name:<44} {nanos:>10.0} {:>11.2}x", nanos / floor);
    }
    println!(
        "hookseal is {:.2}x faster than standardwebhooks",
        standardwebhooks / hookseal
    );
    ed25519(&body, now);
}

/// Standard Webhooks `v1a`: hookseal against ed25519-dalek verifying the same signed content
/// (`{id}.{timestamp}.{body}`, built once outside the loop: the crate's floor).
fn ed25519(body: &[u8], now: u64) {
    use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _};
    let private = SigningKey::from_bytes(&[7u8; 32]);
    let engine = base64::engine::general_purpose::STANDARD;
    let secret = format!(
        "whsk_{}",
        base64::Engine::encode(&engine, private.to_keypair_bytes())
    );
    let public = format!(
        "whpk_{}",
        base64::Engine::encode(&engine, private.verifying_key().to_bytes())
    );
    let headers = Signer::new(Scheme::StandardWebhooks, secret.as_str())
        .and_then(|signer| signer.sign(body, &SignInput::new("msg_p5jXN8AQM9LWM0D4loKWxJek", now)))
        .expect("signs");
    let verifier = Verifier::new(Scheme::StandardWebhooks, [public.as_str()]).expect("verifier");
    assert!(verifier.verify(body, &headers, now).is_ok());
    let mut content = format!("msg_p5jXN8AQM9LWM0D4loKWxJek.{now}.").into_bytes();
    content.extend_from_slice(body);
    let signature: Signature = private.sign(&content);
    let key = private.verifying_key();
    assert!(key.verify(&content, &signature).is_ok());

    let floor = measure(|| {
        key.verify(black_box(&content), black_box(&signature))
            .expect("verifies");
    });
    let hookseal = measure(|| {
        black_box(verifier.verify(black_box(body), black_box(&headers), now)).expect("verifies");
    });
    println!();
    println!("Standard Webhooks v1a (Ed25519) verify, 1 KiB body");
    println!(
        "{:<44} {:>10} {:>12}",
        "implementation", "ns/op", "vs floor"
    );
    for (name, nanos) in [
        ("ed25519-dalek VerifyingKey::verify (floor)", floor),
        ("hookseal Verifier::verify", hookseal),
    ] {
        println!("{name:<44} {nanos:>10.0} {:>11.2}x", nanos / floor);
    }
}
