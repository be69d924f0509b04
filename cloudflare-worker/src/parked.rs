//! Parked bodies: a body too large for a queue message (128 KB) waits in an R2 bucket while its
//! message is delivered, and the queue message carries its key and SHA-256.
//!
//! R2 rather than a Durable Object: it is the usual place for payloads over the queue's
//! message limit, it has no per-value size limit (a Durable Object's SQLite row holds at most
//! 2 MB, and `maxBodyBytes` may be larger), it spreads load by itself (one object would
//! serialize every large delivery through one thread), and an R2 lifecycle rule expires what a
//! crash may leave behind without an alarm of our own. Kept apart from the dead-letter store:
//! a parked body is transient delivery state, a dead letter is the operator's.
//!
//! The digest travels in the (authenticated) queue message, so the consumer only ever signs
//! the exact bytes that were verified: a body that is missing or differs is never sent.
//! A parked body is removed only after its queue message is acknowledged.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The R2 bucket binding in `wrangler.toml`.
pub const BINDING: &str = "HOOKSEAL_PARKED";
/// The prefix of every parked body's key.
pub const KEY_PREFIX: &str = "parked/";

/// A parked body's reference, as its queue message carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parked {
    /// The R2 key: [`KEY_PREFIX`] and 32 random hex digits.
    pub key: String,
    /// SHA-256 of the body, lowercase hex.
    pub sha256: String,
}

impl Parked {
    /// The reference of `body` parked under `key`.
    pub fn new(key: String, body: &[u8]) -> Parked {
        Parked {
            key,
            sha256: sha256_hex(body),
        }
    }

    /// Whether `body` is the one parked (the digest matches).
    pub fn matches(&self, body: &[u8]) -> bool {
        // Not secret: both digests are in the queue message already.
        sha256_hex(body) == self.sha256
    }
}

fn sha256_hex(body: &[u8]) -> String {
    base16ct::lower::encode_string(&Sha256::digest(body))
}

/// Parks `body` under a fresh key.
///
/// # Errors
/// The bucket is not bound or refused the write.
pub async fn park(env: &worker::Env, body: &[u8]) -> worker::Result<Parked> {
    let parked = Parked::new(
        format!("{KEY_PREFIX}{}", crate::runtime::random_hex(16)),
        body,
    );
    env.bucket(BINDING)?
        .put(parked.key.clone(), body.to_vec())
        .execute()
        .await?;
    Ok(parked)
}

/// The parked body, `None` when it is missing or is not the one parked (its digest differs):
/// either way it must not be sent.
///
/// # Errors
/// The bucket is not bound or could not be read (worth another try).
pub async fn fetch(env: &worker::Env, parked: &Parked) -> worker::Result<Option<Vec<u8>>> {
    let Some(object) = env
        .bucket(BINDING)?
        .get(parked.key.clone())
        .execute()
        .await?
    else {
        return Ok(None);
    };
    let Some(body) = object.body() else {
        return Ok(None);
    };
    let bytes = body.bytes().await?;
    Ok(parked.matches(&bytes).then_some(bytes))
}

/// Removes a parked body (best effort: what is left, an R2 lifecycle rule expires).
pub async fn remove(env: &worker::Env, key: &str) {
    if let Ok(bucket) = env.bucket(BINDING) {
        let _ = bucket.delete(key).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parked_body_is_recognized_by_its_digest_only() {
        let parked = Parked::new("parked/1".into(), b"{\"a\":1}");
        assert!(parked.matches(b"{\"a\":1}"));
        assert!(!parked.matches(b""), "an empty body is not the parked one");
        assert!(!parked.matches(b"{\"a\":2}"));
        assert_eq!(parked.sha256.len(), 64);
    }
}
