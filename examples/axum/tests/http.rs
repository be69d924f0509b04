//! The axum receiver run as its users run it (the built binary, `PORT=0`), fed real HTTP/1.1 on
//! 127.0.0.1, with Standard Webhooks signatures computed here from HMAC-SHA256 (never by hookseal).
//! It must verify the exact bytes, refuse with 401 and the error code, answer 400 to a genuine body
//! that is not JSON, and log only what verified. Also: core/README.md shows src/main.rs as it is.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver as Lines, channel};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;

const LOG_WAIT: Duration = Duration::from_secs(10);

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Standard Webhooks sample of tests/fixtures/samples.json: its demo secret and first event.
fn sample() -> (String, Vec<u8>) {
    let samples: Value = serde_json::from_slice(
        &std::fs::read(repository().join("tests/fixtures/samples.json")).unwrap(),
    )
    .unwrap();
    let vendor = samples["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|vendor| vendor["scheme"] == "standard-webhooks")
        .unwrap();
    let path = format!(
        "tests/fixtures/{}/{}.json",
        vendor["dir"].as_str().unwrap(),
        vendor["events"][0].as_str().unwrap()
    );
    (
        vendor["secret"].as_str().unwrap().to_owned(),
        std::fs::read(repository().join(path)).unwrap(),
    )
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// `webhook-id`, `webhook-timestamp` and `webhook-signature` as the Standard Webhooks spec signs.
fn sign(secret: &str, body: &[u8], id: &str, timestamp: u64) -> Vec<(String, String)> {
    let key = BASE64
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    let signature = BASE64.encode(mac.finalize().into_bytes());
    vec![
        ("webhook-id".into(), id.into()),
        ("webhook-timestamp".into(), timestamp.to_string()),
        ("webhook-signature".into(), format!("v1,{signature}")),
    ]
}

/// The receiver's process; killed when dropped.
struct Receiver {
    child: Child,
    address: String,
    lines: Lines<String>,
    secret: String,
    sample: Vec<u8>,
}

impl Receiver {
    fn start() -> Receiver {
        let (secret, sample) = sample();
        let mut child = Command::new(env!("CARGO_BIN_EXE_hookseal-axum-example"))
            .env("WEBHOOK_SECRET", &secret)
            .env("PORT", "0")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in stdout.lines() {
                if send.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        let first = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the receiver printed its address");
        let address = first
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("printed {first:?} before its address"))
            .to_owned();
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        Receiver {
            child,
            address,
            lines,
            secret,
            sample,
        }
    }

    fn sign(&self, body: &[u8], id: &str) -> Vec<(String, String)> {
        sign(&self.secret, body, id, now())
    }

    /// A POST over a new connection: the status and the body of the answer.
    fn post(
        &self,
        body: &[u8],
        headers: &[(String, String)],
        content_type: Option<&str>,
    ) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut request = format!(
            "POST /webhooks HTTP/1.1\r\nhost: {}\r\nconnection: close\r\ncontent-length: {}\r\n",
            self.address,
            body.len()
        );
        let content_type = content_type.map(|value| ("content-type".to_owned(), value.to_owned()));
        for (name, value) in headers.iter().chain(&content_type) {
            write!(request, "{name}: {value}\r\n").unwrap();
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        let answer = String::from_utf8(answer).unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, body.to_owned())
    }

    fn next_log(&self) -> Value {
        let line = self.lines.recv_timeout(LOG_WAIT).expect("a log line");
        serde_json::from_str(&line)
            .unwrap_or_else(|_| panic!("the receiver printed {line:?}, not JSON"))
    }

    /// Posts a genuine delivery, expects 204 and its log line: `{id, timestamp, payload}`.
    fn assert_accepted(&self, body: &[u8], id: &str, content_type: Option<&str>) {
        let headers = self.sign(body, id);
        assert_eq!(
            self.post(body, &headers, content_type),
            (204, String::new())
        );
        let timestamp: u64 = headers[1].1.parse().unwrap();
        let payload: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(
            self.next_log(),
            serde_json::json!({ "id": id, "timestamp": timestamp, "payload": payload })
        );
    }

    /// Logs arrive in order: the next one is this delivery's only if nothing refused was logged.
    fn assert_nothing_else_logged(&self) {
        let sample = self.sample.clone();
        self.assert_accepted(&sample, "msg_after", Some("application/json"));
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn refused(status: u16, code: &str) -> (u16, String) {
    (status, serde_json::json!({ "error": code }).to_string())
}

#[test]
fn accepts_the_sample_and_logs_the_signed_id_and_timestamp() {
    let receiver = Receiver::start();
    let sample = receiver.sample.clone();
    receiver.assert_accepted(&sample, "msg_sample", Some("application/json"));
}

#[test]
fn verifies_the_exact_bytes_whatever_the_content_type() {
    let receiver = Receiver::start();
    let body = r#"{ "type" : "caf\u00e9 \/ é",  "amount": 1.50e1,
  "data": {"b": 2, "a": 1} }
"#;
    receiver.assert_accepted(body.as_bytes(), "msg_spacing", Some("application/json"));
    let sample = receiver.sample.clone();
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        receiver.assert_accepted(&sample, "msg_content_type", content_type);
    }
    let large = serde_json::json!({ "type": "large", "data": "x".repeat(900 * 1024) }).to_string();
    receiver.assert_accepted(large.as_bytes(), "msg_large", None);
}

#[test]
fn refuses_forgeries_with_401_and_the_code() {
    let receiver = Receiver::start();
    let sample = receiver.sample.clone();
    let headers = receiver.sign(&sample, "msg_1");

    let mut tampered = sample.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert_eq!(
        receiver.post(&tampered, &headers, None),
        refused(401, "no_matching_signature")
    );

    let reserialized = serde_json::from_slice::<Value>(&sample)
        .unwrap()
        .to_string();
    assert_eq!(
        receiver.post(reserialized.as_bytes(), &headers, None),
        refused(401, "no_matching_signature")
    );

    assert_eq!(
        receiver.post(&sample, &headers[..2], None),
        refused(401, "missing_header")
    );

    let old = sign(&receiver.secret, &sample, "msg_1", now() - 3600);
    assert_eq!(
        receiver.post(&sample, &old, None),
        refused(401, "timestamp_too_old")
    );

    // The id is signed: the same delivery under another id does not verify.
    let mut replayed = headers.clone();
    replayed[0].1 = "msg_replayed".into();
    assert_eq!(
        receiver.post(&sample, &replayed, None),
        refused(401, "no_matching_signature")
    );

    // A forged signature header sent before the genuine one.
    let other_secret = format!("whsec_{}", BASE64.encode([7u8; 32]));
    let forged = sign(&other_secret, &sample, "msg_1", now());
    let twice = [
        headers[..2].to_vec(),
        vec![forged[2].clone(), headers[2].clone()],
    ]
    .concat();
    assert_eq!(receiver.post(&sample, &twice, None).0, 401);

    receiver.assert_nothing_else_logged();
}

#[test]
fn answers_a_genuine_body_that_is_not_json_with_400() {
    let receiver = Receiver::start();
    // Bytes that are not UTF-8 verify (401 otherwise) but are no JSON.
    for body in [&b"not json"[..], b"", b"{\"type\": \"\xff\"}"] {
        let headers = receiver.sign(body, "msg_not_json");
        assert_eq!(
            receiver.post(body, &headers, None),
            refused(400, "invalid_json"),
            "{body:?}"
        );
    }
    receiver.assert_nothing_else_logged();
}

/// core/README.md shows src/main.rs as it is (`HOOKSEAL_BLESS=1` rewrites the README's copy).
#[test]
fn the_core_readme_shows_this_receiver() {
    let readme_path = repository().join("core/README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    let marker = "<!-- recipe: examples/axum/src/main.rs -->\n```rust,ignore\n";
    let start = readme
        .find(marker)
        .expect("core/README.md has the axum recipe's marker")
        + marker.len();
    let end = start + readme[start..].find("```\n").unwrap();
    if std::env::var("HOOKSEAL_BLESS").as_deref() == Ok("1") {
        std::fs::write(
            &readme_path,
            format!("{}{source}{}", &readme[..start], &readme[end..]),
        )
        .unwrap();
    } else {
        assert_eq!(
            readme[start..end],
            source,
            "core/README.md shows an old src/main.rs: run with HOOKSEAL_BLESS=1"
        );
    }
}
