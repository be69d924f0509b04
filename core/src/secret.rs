use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::digest::{FixedOutput, Update};
use hmac::{Hmac, KeyInit};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};
use subtle::ConstantTimeEq;

use crate::scheme::{Algorithm, Encoding, Part, SecretFormat, Spec};
#[cfg(feature = "ecdsa")]
use crate::verify::decode_bounded;
use crate::verify::{decode_signature, decode_token};
use crate::{Error, Scheme};

/// The length of an HMAC-SHA256 tag (see [`Verifier::verify_with_mac`](crate::Verifier::verify_with_mac)).
pub(crate) const MAC_LEN: usize = 32;

/// A signing secret as its holder has it: text, read the way the scheme reads text secrets
/// (for Standard Webhooks `whsec_` + base64, for Stripe the whole string, otherwise its UTF-8
/// bytes), or raw key bytes, used as the HMAC key as they are.
///
/// `Debug` never shows the secret.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    /// A secret as the sender's dashboard shows it.
    Text(&'a str),
    /// The raw HMAC key.
    Bytes(&'a [u8]),
}

impl Secret<'_> {
    /// The HMAC key this secret gives under `scheme`: for hosts that compute the HMAC themselves
    /// (see [`Verifier::verify_with_mac`](crate::Verifier::verify_with_mac)). Treat it as the
    /// secret it is.
    pub fn key_bytes(&self, scheme: &Scheme) -> Result<Vec<u8>, Error> {
        key_bytes(*self, scheme.spec().secret_format).map(Cow::into_owned)
    }
}

fn key_bytes(secret: Secret<'_>, format: SecretFormat) -> Result<Cow<'_, [u8]>, Error> {
    let bytes = match (secret, format) {
        (Secret::Bytes(bytes), _) => Cow::Borrowed(bytes),
        (Secret::Text(text), SecretFormat::Utf8) => Cow::Borrowed(text.as_bytes()),
        (Secret::Text(text), SecretFormat::Whsec) => {
            // Supabase shows its secrets as `v1,whsec_…`: the version is no part of the key.
            let text = text.strip_prefix("v1,").unwrap_or(text);
            let encoded = text.strip_prefix("whsec_").unwrap_or(text);
            Cow::Owned(
                BASE64
                    .decode(encoded)
                    .map_err(|_| Error::InvalidSecret("not base64 after the whsec_ prefix"))?,
            )
        }
        (Secret::Text(text), SecretFormat::Base64) => Cow::Owned(
            BASE64
                .decode(text)
                .map_err(|_| Error::InvalidSecret("not base64"))?,
        ),
        (Secret::Text(text), SecretFormat::Hex) => Cow::Owned(
            base16ct::mixed::decode_vec(text).map_err(|_| Error::InvalidSecret("not hex"))?,
        ),
    };
    if bytes.is_empty() {
        return Err(Error::InvalidSecret("empty"));
    }
    Ok(bytes)
}

impl fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl<'a> From<&'a str> for Secret<'a> {
    fn from(text: &'a str) -> Self {
        Secret::Text(text)
    }
}

impl<'a> From<&'a String> for Secret<'a> {
    fn from(text: &'a String) -> Self {
        Secret::Text(text)
    }
}

impl<'a> From<&'a [u8]> for Secret<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Secret::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Secret<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Secret::Bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Secret<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Secret::Bytes(bytes)
    }
}

/// HMAC-SHA256's two padded key blocks, for a host that computes the inner hash (the part that
/// covers the body) while this crate computes the outer one and compares.
#[derive(Clone)]
pub(crate) struct HmacPads {
    /// The key, zero-padded to a block, XOR 0x36: the inner hash starts with it.
    pub(crate) inner: [u8; 64],
    /// SHA-256 after the key XOR 0x5c: the outer hash, waiting for the inner digest.
    outer: Sha256,
}

impl HmacPads {
    /// The pads `secret` gives under `spec`, when it is an HMAC-SHA256 key.
    pub(crate) fn new(secret: Secret<'_>, spec: &Spec<'_>) -> Option<HmacPads> {
        if spec.algorithm != Algorithm::HmacSha256 {
            return None;
        }
        // Standard Webhooks' `whpk_`/`whsk_` secrets are Ed25519 keys (see `Key::new`).
        if let (Secret::Text(text), SecretFormat::Whsec) = (secret, spec.secret_format)
            && (text.starts_with("whpk_") || text.starts_with("whsk_"))
        {
            return None;
        }
        let bytes = key_bytes(secret, spec.secret_format).ok()?;
        // RFC 2104: a key longer than the block is hashed first.
        let hashed;
        let key: &[u8] = if bytes.len() > 64 {
            hashed = Sha256::digest(&bytes);
            &hashed
        } else {
            &bytes
        };
        let mut block = [0u8; 64];
        block.get_mut(..key.len())?.copy_from_slice(key);
        Some(HmacPads {
            inner: block.map(|byte| byte ^ 0x36),
            outer: Sha256::new_with_prefix(block.map(|byte| byte ^ 0x5c)),
        })
    }

    /// HMAC-SHA256 from the inner hash's digest.
    pub(crate) fn finish(&self, inner: &[u8; MAC_LEN]) -> [u8; MAC_LEN] {
        let mut outer = self.outer.clone();
        Digest::update(&mut outer, inner);
        outer.finalize().into()
    }
}

impl fmt::Debug for HmacPads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacPads(<redacted>)")
    }
}

/// The longest signature any algorithm gives, in bytes: an ECDSA P-256 signature in DER.
pub(crate) const MAX_TAG_LEN: usize = 72;

/// A signature's bytes, up to [`MAX_TAG_LEN`], on the stack.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tag {
    bytes: [u8; MAX_TAG_LEN],
    len: usize,
}

impl Tag {
    /// `bytes` as a tag; `None` when longer than any algorithm's.
    pub(crate) fn new(bytes: &[u8]) -> Option<Tag> {
        let mut tag = Tag {
            bytes: [0; MAX_TAG_LEN],
            len: bytes.len(),
        };
        tag.bytes.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(tag)
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

impl AsRef<[u8]> for Tag {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({} bytes)", self.len)
    }
}

/// A keyed hash state, keyed once per verifier so that each message clones it instead of
/// hashing the key again (two compression blocks saved per message).
#[derive(Clone)]
pub(crate) enum Mac {
    HmacSha256(Hmac<Sha256>),
    HmacSha1(Hmac<Sha1>),
    HmacSha512(Hmac<Sha512>),
    /// HubSpot's v1 and v2: SHA-256 over the secret, then the content; no HMAC.
    Sha256(Sha256),
}

impl Mac {
    fn len(&self) -> usize {
        match self {
            Mac::HmacSha256(_) | Mac::Sha256(_) => 32,
            Mac::HmacSha1(_) => 20,
            Mac::HmacSha512(_) => 64,
        }
    }

    fn tag(&self, content: &SignedContent<'_>) -> Tag {
        fn run<D: Clone + Update + FixedOutput>(state: &D, content: &SignedContent<'_>) -> Tag {
            let mut state = state.clone();
            content.for_each_piece(|piece| state.update(piece));
            // Every hash here fits a tag (SHA-512's 64 bytes are the longest).
            Tag::new(&state.finalize_fixed()).unwrap_or(Tag {
                bytes: [0; MAX_TAG_LEN],
                len: 0,
            })
        }
        match self {
            Mac::HmacSha256(mac) => run(mac, content),
            Mac::HmacSha1(mac) => run(mac, content),
            Mac::HmacSha512(mac) => run(mac, content),
            Mac::Sha256(digest) => run(digest, content),
        }
    }
}

/// What a signature is checked with, made once per verifier or signer from a secret: a keyed
/// hash, a public key (and, to sign, its private key), or a shared token.
#[derive(Clone)]
#[allow(clippy::large_enum_variant)] // made once per verifier, never moved in a hot loop
pub(crate) enum Key {
    Mac(Mac),
    #[cfg(feature = "ed25519")]
    Ed25519 {
        public: ed25519_dalek::VerifyingKey,
        private: Option<ed25519_dalek::SigningKey>,
    },
    #[cfg(feature = "ecdsa")]
    EcdsaP256 {
        public: p256::ecdsa::VerifyingKey,
        private: Option<p256::ecdsa::SigningKey>,
    },
    /// A shared secret sent as it is: only its SHA-256 is compared, so the comparison takes the
    /// same time whatever the lengths.
    Token {
        digest: [u8; 32],
        secret: Vec<u8>,
    },
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

/// Which half of a key pair 32 Ed25519 bytes are: only a `whsk_` prefix makes them a private
/// seed. Otherwise they are a public key, whoever holds them: a signer given one refuses to
/// sign instead of quietly signing with a key nobody can verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seed {
    Private,
    Public,
}

impl Key {
    /// The key `secret` gives under `spec`. A Standard Webhooks-style secret (`whsec_` format)
    /// picks its algorithm by its prefix: `whpk_` is an Ed25519 public key, `whsk_` an Ed25519
    /// private key, anything else an HMAC-SHA256 key. A private key also verifies.
    pub(crate) fn new(secret: Secret<'_>, spec: &Spec<'_>) -> Result<Key, Error> {
        let (algorithm, format) = (spec.algorithm, spec.secret_format);
        if let (Secret::Text(text), SecretFormat::Whsec) = (secret, format) {
            for (prefix, seed) in [("whpk_", Seed::Public), ("whsk_", Seed::Private)] {
                if let Some(encoded) = text.strip_prefix(prefix) {
                    let bytes = key_bytes(Secret::Text(encoded), SecretFormat::Base64)?;
                    return Key::asymmetric(Algorithm::Ed25519, &bytes, seed);
                }
            }
        }
        let bytes = key_bytes(secret, format)?;
        let unusable = |_| Error::InvalidSecret("unusable as an HMAC key");
        Ok(match algorithm {
            Algorithm::HmacSha256 => Key::Mac(Mac::HmacSha256(
                Hmac::new_from_slice(&bytes).map_err(unusable)?,
            )),
            Algorithm::HmacSha1 => Key::Mac(Mac::HmacSha1(
                Hmac::new_from_slice(&bytes).map_err(unusable)?,
            )),
            Algorithm::HmacSha512 => Key::Mac(Mac::HmacSha512(
                Hmac::new_from_slice(&bytes).map_err(unusable)?,
            )),
            Algorithm::Sha256 => Key::Mac(Mac::Sha256(Sha256::new_with_prefix(&bytes))),
            Algorithm::Token => Key::Token {
                digest: Sha256::digest(&bytes).into(),
                secret: bytes.into_owned(),
            },
            Algorithm::Ed25519 | Algorithm::EcdsaP256 => {
                Key::asymmetric(algorithm, &bytes, Seed::Public)?
            }
        })
    }

    /// An asymmetric key from its bytes; what they are tells which half of the pair it is.
    #[allow(unused_variables)] // used only with the features on
    fn asymmetric(algorithm: Algorithm, bytes: &[u8], seed: Seed) -> Result<Key, Error> {
        match algorithm {
            #[cfg(feature = "ed25519")]
            Algorithm::Ed25519 => {
                use ed25519_dalek::{SigningKey, VerifyingKey};
                let bad = Error::InvalidSecret(
                    "not an Ed25519 key: a 32-byte public key, 64 bytes of seed and public key, or whsk_ and a 32-byte seed",
                );
                let private = match (bytes.len(), seed) {
                    (64, _) => Some(
                        SigningKey::from_keypair_bytes(bytes.try_into().map_err(|_| bad.clone())?)
                            .map_err(|_| bad.clone())?,
                    ),
                    (32, Seed::Private) => Some(SigningKey::from_bytes(
                        bytes.try_into().map_err(|_| bad.clone())?,
                    )),
                    (32, Seed::Public) => None,
                    _ => return Err(bad),
                };
                let public = match &private {
                    Some(private) => private.verifying_key(),
                    None => VerifyingKey::from_bytes(bytes.try_into().map_err(|_| bad.clone())?)
                        .map_err(|_| bad)?,
                };
                Ok(Key::Ed25519 { public, private })
            }
            #[cfg(feature = "ecdsa")]
            Algorithm::EcdsaP256 => {
                use p256::ecdsa::{SigningKey, VerifyingKey};
                use p256::pkcs8::{DecodePrivateKey, DecodePublicKey};
                // A private key is PKCS #8 DER; a public key SubjectPublicKeyInfo DER or SEC1.
                // The forms do not overlap, so the bytes say which half they are.
                if let Ok(private) = SigningKey::from_pkcs8_der(bytes) {
                    let public = *private.verifying_key();
                    return Ok(Key::EcdsaP256 {
                        public,
                        private: Some(private),
                    });
                }
                let public = VerifyingKey::from_public_key_der(bytes)
                    .or_else(|_| VerifyingKey::from_sec1_bytes(bytes))
                    .map_err(|_| {
                        Error::InvalidSecret(
                            "not a P-256 key: a public key as DER (SubjectPublicKeyInfo) or SEC1, or a private key as PKCS #8 DER",
                        )
                    })?;
                Ok(Key::EcdsaP256 {
                    public,
                    private: None,
                })
            }
            _ => Err(Error::InvalidScheme(alloc::format!(
                "{} keys are not in this build (Rust: the `ed25519` or `ecdsa` feature; npm in a browser: import hookseal/asymmetric)",
                algorithm.id()
            ))),
        }
    }

    /// Whether this is an HMAC-SHA256 key, the one a host may compute for the core.
    pub(crate) fn is_hmac_sha256(&self) -> bool {
        matches!(self, Key::Mac(Mac::HmacSha256(_)))
    }

    /// HMAC-SHA256 of `message` under this key, for the endpoint challenges answered with one
    /// ([`Handshake`](crate::Handshake)); `None` for any other kind of key.
    pub(crate) fn hmac_sha256(&self, message: &[u8]) -> Option<[u8; MAC_LEN]> {
        match self {
            Key::Mac(Mac::HmacSha256(mac)) => {
                let mut mac = mac.clone();
                mac.update(message);
                Some(mac.finalize_fixed().into())
            }
            _ => None,
        }
    }

    /// The version a Standard Webhooks signature made with this key carries: `v1` for HMAC,
    /// `v1a` for Ed25519.
    pub(crate) fn version(&self) -> &'static str {
        match self {
            #[cfg(feature = "ed25519")]
            Key::Ed25519 { .. } => "v1a",
            _ => "v1",
        }
    }

    /// The signature's bytes, for keys that can make one: keyed hashes, private keys, and
    /// tokens (which are their own signature).
    #[cfg_attr(
        not(any(feature = "ed25519", feature = "ecdsa")),
        allow(clippy::unnecessary_wraps)
    )]
    pub(crate) fn sign(&self, content: &SignedContent<'_>) -> Option<Vec<u8>> {
        match self {
            Key::Mac(mac) => Some(mac.tag(content).as_bytes().to_vec()),
            #[cfg(feature = "ed25519")]
            Key::Ed25519 { private, .. } => {
                use ed25519_dalek::ed25519::signature::MultipartSigner;
                let signature = private.as_ref()?.multipart_sign(&content.pieces());
                Some(signature.to_bytes().to_vec())
            }
            #[cfg(feature = "ecdsa")]
            Key::EcdsaP256 { private, .. } => {
                use p256::ecdsa::signature::MultipartSigner;
                let signature: p256::ecdsa::Signature =
                    private.as_ref()?.multipart_sign(&content.pieces());
                Some(signature.to_der().as_bytes().to_vec())
            }
            Key::Token { secret, .. } => Some(secret.clone()),
        }
    }

    /// A candidate signature decoded the way this key reads them: a tag of the hash's length, a
    /// 64-byte Ed25519 signature, an ECDSA signature in DER, or a token's SHA-256.
    pub(crate) fn decode(&self, text: &str, encoding: Encoding) -> Option<Tag> {
        match self {
            Key::Mac(mac) => decode_signature(text, encoding, mac.len()),
            #[cfg(feature = "ed25519")]
            Key::Ed25519 { .. } => decode_signature(text, encoding, 64),
            #[cfg(feature = "ecdsa")]
            Key::EcdsaP256 { .. } => decode_bounded(text, encoding),
            Key::Token { .. } => Tag::new(&Sha256::digest(decode_token(text, encoding)?)),
        }
    }

    /// Which candidates this key accepts over `content`, one answer per candidate (`None`: one
    /// it cannot read). For diagnostics: a keyed hash is computed once, not per candidate.
    pub(crate) fn accepts_each(
        &self,
        content: &SignedContent<'_>,
        candidates: &[Option<Tag>],
    ) -> Vec<bool> {
        let expected = match self {
            Key::Mac(mac) => Some(mac.tag(content)),
            _ => None,
        };
        candidates
            .iter()
            .map(|candidate| {
                candidate.as_ref().is_some_and(|candidate| match &expected {
                    Some(tag) => any_equal(tag.as_bytes(), core::iter::once(candidate.as_bytes())),
                    None => self.matches(content, core::iter::once(*candidate)),
                })
            })
            .collect()
    }

    /// Whether any candidate (already decoded) is a valid signature of `content`. Every
    /// candidate is checked, so the time taken does not tell which one matched.
    pub(crate) fn matches<'c>(
        &self,
        content: &SignedContent<'_>,
        candidates: impl Iterator<Item = Tag> + 'c,
    ) -> bool {
        match self {
            Key::Mac(mac) => {
                let expected = mac.tag(content);
                any_equal(expected.as_bytes(), candidates)
            }
            // Candidates are decoded to their SHA-256 (see `decode`).
            Key::Token { digest, .. } => any_equal(digest, candidates),
            #[cfg(feature = "ed25519")]
            Key::Ed25519 { public, .. } => {
                use ed25519_dalek::ed25519::signature::MultipartVerifier;
                let pieces = content.pieces();
                candidates
                    .filter_map(|candidate| {
                        ed25519_dalek::Signature::from_slice(candidate.as_bytes()).ok()
                    })
                    .fold(false, |found, signature| {
                        public.multipart_verify(&pieces, &signature).is_ok() | found
                    })
            }
            #[cfg(feature = "ecdsa")]
            Key::EcdsaP256 { public, .. } => {
                use p256::ecdsa::signature::MultipartVerifier;
                let pieces = content.pieces();
                candidates
                    .filter_map(|candidate| {
                        p256::ecdsa::DerSignature::from_bytes(candidate.as_bytes()).ok()
                    })
                    .fold(false, |found, signature| {
                        public.multipart_verify(&pieces, &signature).is_ok() | found
                    })
            }
        }
    }
}

/// Whether `expected` equals any candidate, each compared in constant time (lengths are public).
pub(crate) fn any_equal<C: AsRef<[u8]>>(
    expected: &[u8],
    candidates: impl Iterator<Item = C>,
) -> bool {
    candidates
        .fold(subtle::Choice::from(0), |found, candidate| {
            found | equal(expected, candidate.as_ref())
        })
        .into()
}

/// Whether `a` equals `b`, in time that depends only on their lengths: every byte's difference
/// is folded in without branching, and only the folded result goes through `subtle`'s
/// optimization barrier (its slice comparison puts each of the 32 bytes through it: 7 % of
/// verifying a 256-byte message in WebAssembly).
fn equal(a: &[u8], b: &[u8]) -> subtle::Choice {
    if a.len() != b.len() {
        return subtle::Choice::from(0);
    }
    let difference = a.iter().zip(b).fold(0u8, |folded, (x, y)| folded | (x ^ y));
    difference.ct_eq(&0)
}

/// The bytes a scheme signs, as the template's pieces, so that they are hashed without being
/// copied into one buffer.
pub(crate) struct SignedContent<'a> {
    pub(crate) template: &'a [Part],
    pub(crate) id: &'a str,
    pub(crate) timestamp: &'a str,
    pub(crate) url: &'a str,
    /// The URL's path and query.
    pub(crate) path: &'a str,
    pub(crate) method: &'a str,
    /// The form parameters as `Part::FormParams` signs them.
    pub(crate) form: &'a [u8],
    /// The values of the headers the template names (`Part::Header`), by lowercase name.
    pub(crate) headers: &'a [(&'a str, &'a str)],
    pub(crate) body: &'a [u8],
}

impl<'a> SignedContent<'a> {
    fn piece(&self, part: &'a Part) -> &'a [u8] {
        match part {
            Part::Literal(text) => text.as_bytes(),
            Part::Id => self.id.as_bytes(),
            Part::Timestamp => self.timestamp.as_bytes(),
            Part::Url => self.url.as_bytes(),
            Part::Path => self.path.as_bytes(),
            Part::Method => self.method.as_bytes(),
            Part::FormParams => self.form,
            Part::Header(name) => self
                .headers
                .iter()
                .find(|(signed, _)| signed == name)
                .map_or(&[], |(_, value)| value.as_bytes()),
            Part::Body => self.body,
        }
    }

    pub(crate) fn for_each_piece(&self, mut f: impl FnMut(&'a [u8])) {
        for part in self.template {
            f(self.piece(part));
        }
    }

    /// The signed bytes before the body and after it (a template has at most one `{body}`).
    pub(crate) fn around_body(&self) -> (Vec<u8>, Vec<u8>) {
        let body = self
            .template
            .iter()
            .position(|part| *part == Part::Body)
            .unwrap_or(self.template.len());
        let (head, tail) = self.template.split_at(body);
        // Sized first: growing the vectors piece by piece was three reallocations a verify.
        let join = |parts: &'a [Part]| {
            let parts = parts.iter().filter(|part| **part != Part::Body);
            let mut bytes =
                Vec::with_capacity(parts.clone().map(|part| self.piece(part).len()).sum());
            parts.for_each(|part| bytes.extend_from_slice(self.piece(part)));
            bytes
        };
        (join(head), join(tail))
    }

    /// The signed content's pieces, for signature algorithms that take them as slices.
    #[cfg(any(feature = "ed25519", feature = "ecdsa"))]
    pub(crate) fn pieces(&self) -> Vec<&'a [u8]> {
        let mut pieces = Vec::with_capacity(self.template.len());
        self.for_each_piece(|piece| pieces.push(piece));
        pieces
    }

    /// The signed content in one buffer, for diagnostics.
    pub(crate) fn to_vec(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.for_each_piece(|piece| bytes.extend_from_slice(piece));
        bytes
    }
}
