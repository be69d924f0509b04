//! Typed events of the vendors hookseal started from (feature `events`): SepticCycle,
//! SmartComply, careCycle and the job-events service.
//!
//! Verify first, then parse the verified body into its vendor's event:
//!
//! ```
//! use hookseal::events::SmartComplyEvent;
//!
//! # let body = br#"{"id":"evt_1","type":"test.failed","created_at":"2026-05-05T15:10:00.000Z","data":{"failure_reason":"First check valve failed to hold"}}"#;
//! // `body`: the bytes `Verifier::verify` accepted.
//! match SmartComplyEvent::parse(body)? {
//!     SmartComplyEvent::TestFailed(event) => {
//!         assert_eq!(event.data.failure_reason.as_deref(), Some("First check valve failed to hold"));
//!     }
//!     // SmartComply adds event types: those hookseal does not know arrive whole.
//!     SmartComplyEvent::Unknown(event) => println!("{} not handled", event.event_type),
//!     _ => {}
//! }
//! # Ok::<(), hookseal::events::EventError>(())
//! ```
//!
//! Each vendor's events are written in `schemas/<vendor>/` of the repository as JSON Schemas
//! (draft 2020-12), from the vendor's own document: the types here and the npm package's
//! `hookseal/events` are generated from them (`make events`), and both check a body with the
//! same rules:
//!
//! - **Forward compatible**: `parse` takes event types hookseal does not know (the `Unknown`
//!   variant, checked against what every event of the vendor has) and fields the schema does not
//!   declare (ignored). `parse_strict` reports both: `unknown_event_type`, `unknown_field`.
//! - Fields the vendor documents as always present are required; the others are `Option`s. A
//!   missing required field or a value of the wrong type is `invalid_event`, a body that is not
//!   JSON `invalid_json`. Every issue names its field as a JSON Pointer (`/data/days_remaining`).
//! - `integer` fields take whole numbers within ±(2^53 − 1) (what JavaScript holds exactly).
//!   `format`s (dates, e-mail addresses) are documentation, not checked, as JSON Schema's
//!   default is.
//!
//! careCycle's document shows no payload: its event type names and envelope are inferred, and
//! `data` is left untyped.

mod generated;
mod shape;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub use generated::*;
pub use shape::{MAX_ISSUES, MAX_SAFE_INTEGER};

use crate::json;

/// An event hookseal does not know the type of (vendors add types): its type and the whole
/// event, every field kept. It has what every event of its vendor has (`parse` checked that).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The event's type, as the body names it.
    pub event_type: String,
    /// The whole event.
    pub json: serde_json::Value,
}

/// One thing wrong with a body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventIssue {
    /// A stable code: `invalid_json`, `invalid_event`, `unknown_event_type` or `unknown_field`
    /// (the last two from strict mode only).
    pub code: &'static str,
    /// Where: a JSON Pointer (RFC 6901) into the body, `""` for the whole body. A missing field's
    /// path is the path it would have.
    pub path: String,
    /// What is wrong, such as `expected an integer, found a string`.
    pub message: String,
}

impl EventIssue {
    fn new(code: &'static str, path: String, message: String) -> Self {
        EventIssue {
            code,
            path,
            message,
        }
    }
}

/// Why a body is not one of its vendor's events: every issue found (at most [`MAX_ISSUES`]),
/// in the body's order as the schema lists its fields (undeclared fields after the declared
/// ones of their object). [`code`](Self::code), [`path`](Self::path) and
/// [`message`](Self::message) are the first's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventError {
    issues: Vec<EventIssue>,
}

impl EventError {
    fn one(issue: EventIssue) -> Self {
        EventError {
            issues: alloc::vec![issue],
        }
    }

    fn first(&self) -> Option<&EventIssue> {
        self.issues.first()
    }

    /// The first issue's stable code: `invalid_json`, `invalid_event`, `unknown_event_type` or
    /// `unknown_field`.
    pub fn code(&self) -> &'static str {
        self.first().map_or("invalid_event", |issue| issue.code)
    }

    /// The first issue's JSON Pointer.
    pub fn path(&self) -> &str {
        self.first().map_or("", |issue| issue.path.as_str())
    }

    /// The first issue's message.
    pub fn message(&self) -> &str {
        self.first().map_or("", |issue| issue.message.as_str())
    }

    /// Every issue found, the first first.
    pub fn issues(&self) -> &[EventIssue] {
        &self.issues
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path().is_empty() {
            "the body"
        } else {
            self.path()
        };
        write!(f, "{} at {path}: {}", self.code(), self.message())?;
        if self.issues.len() > 1 {
            write!(f, " (and {} more)", self.issues.len() - 1)?;
        }
        Ok(())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for EventError {}

/// A vendor whose events hookseal knows, by the id of its folder under `schemas/`
/// (`septiccycle`, `smartcomply`, `carecycle`, `job-events`): what a filter needs to read an
/// event's type without typing the whole event.
#[derive(Clone, Copy, Debug)]
pub struct Vendor {
    facts: &'static shape::VendorFacts,
}

impl PartialEq for Vendor {
    fn eq(&self, other: &Self) -> bool {
        self.facts.id == other.facts.id
    }
}

impl Eq for Vendor {}

impl Vendor {
    /// Every vendor, in the order `tests/fixtures/samples.json` lists them.
    pub fn all() -> impl Iterator<Item = Vendor> {
        generated::VENDORS.iter().map(|facts| Vendor { facts })
    }

    /// The vendor with this id, if hookseal knows its events.
    pub fn from_id(id: &str) -> Option<Vendor> {
        Vendor::all().find(|vendor| vendor.id() == id)
    }

    /// The vendor's id.
    pub fn id(self) -> &'static str {
        self.facts.id
    }

    /// The top-level field holding the event type (`type` or `event`).
    pub fn event_type_field(self) -> &'static str {
        self.facts.type_field
    }

    /// The event types hookseal knows for this vendor, in its schemas' order.
    pub fn event_types(self) -> &'static [&'static str] {
        self.facts.event_types
    }

    /// The event type a body names, read without parsing the rest: the top-level
    /// [`event_type_field`](Self::event_type_field), a string without escapes. A body where that
    /// key appears twice, or is spelt with escapes, is refused (JSON parsers disagree on which
    /// one counts, so a filter must not pick one): `invalid_json`; a body without the field, or
    /// with another value there, `invalid_event`.
    pub fn event_type_of(self, body: &[u8]) -> Result<&str, EventError> {
        let path = shape::pointer_to(self.facts.type_field);
        match json::string_field(body, self.facts.type_field) {
            Ok(Some(event_type)) => Ok(event_type),
            Ok(None) => Err(EventError::one(EventIssue::new(
                "invalid_event",
                path,
                "missing required field".into(),
            ))),
            Err(reason) => {
                let code = if reason == "the field is not a string" {
                    "invalid_event"
                } else {
                    "invalid_json"
                };
                Err(EventError::one(EventIssue::new(
                    code,
                    path,
                    format!("the event type cannot be read: {reason}"),
                )))
            }
        }
    }
}
