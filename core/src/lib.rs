#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod catalog;
mod diagnose;
mod error;
#[cfg(feature = "events")]
#[cfg_attr(docsrs, doc(cfg(feature = "events")))]
pub mod events;
mod form;
pub mod handshake;
mod headers;
mod json;
mod scheme;
mod secret;
mod sign;
mod time;
mod verify;

pub use catalog::Preset;
pub use diagnose::{Diagnosis, Hint, SignatureMatch};
pub use error::Error;
pub use handshake::{Answer as HandshakeAnswer, Handshake};
pub use headers::Headers;
pub use scheme::{
    Algorithm, Coverage, Custom, CustomScheme, DEFAULT_TOLERANCE_SECONDS, Encoding, Scheme,
    SecretFormat, TimestampFormat,
};
pub use secret::Secret;
pub use sign::{SignInput, Signer};
pub use verify::{
    MAX_HEADER_BYTES, MAX_SIGNATURES, RequestContext, Unsigned, Verified, Verifier, VerifyOptions,
};

/// The repository README's Rust examples run as doctests too.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct RepositoryReadme;
