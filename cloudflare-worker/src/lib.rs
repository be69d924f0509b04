//! Cloudflare Worker in front of webhook origins (built out in the Worker issue).

pub use hookseal::Scheme;
