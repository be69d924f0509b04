//! What the schemas say, as data the validator walks: the tables of `generated.rs` are written
//! from `schemas/` in this form, and the npm package's `hookseal/events` walks the same tables
//! (written as JavaScript by the same generator) with the same rules, so both give the same
//! issues, in the same order, for the same body (`tests/events/cases.json` holds them to it).

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{EventError, EventIssue, UnknownEvent};

/// The most issues one body reports: enough to fix a payload, bounded whatever the body holds.
pub const MAX_ISSUES: usize = 100;

/// The largest integer magnitude an `integer` field takes: 2^53 - 1, what JavaScript holds
/// exactly, so that Rust and JavaScript receivers agree on every accepted value.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A value's shape, from its schema's `type` (and `items`, `properties`, `required`, `const`).
#[derive(Debug)]
pub(crate) enum Shape {
    String,
    /// A whole number within ±[`MAX_SAFE_INTEGER`] (`1.0` is one, as JSON Schema counts).
    Integer,
    Number,
    Boolean,
    /// Any JSON value (a schema without `type`).
    Any,
    /// The event type field of one event: its schema's `const`.
    Const(&'static str),
    Array(&'static Shape),
    /// `open`: the schema says `"additionalProperties": true`, so strict mode does not report
    /// the object's undeclared fields either.
    Object {
        fields: &'static [Field],
        open: bool,
    },
}

/// One declared property of an object.
#[derive(Debug)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) required: bool,
    pub(crate) shape: &'static Shape,
}

/// What a vendor's events have in common: its id, the field holding the event type and the
/// types hookseal knows. Apart from the shapes, so that reading an event type (a filter, such as
/// the Worker's) links none of them.
#[derive(Debug)]
pub(crate) struct VendorFacts {
    pub(crate) id: &'static str,
    pub(crate) type_field: &'static str,
    pub(crate) event_types: &'static [&'static str],
}

/// A vendor's events: its facts, the schema every event satisfies (`event.schema.json`, which an
/// event type hookseal does not know is checked against) and one schema per known event type.
#[derive(Debug)]
pub(crate) struct VendorShape {
    pub(crate) facts: &'static VendorFacts,
    pub(crate) envelope: &'static Shape,
    /// In the order of `facts.event_types`.
    pub(crate) events: &'static [&'static Shape],
}

/// A body that passed its schema: the known event type it is (`None`: one hookseal does not
/// know, lenient mode), and the parsed JSON.
pub(crate) struct Checked {
    pub(crate) known: Option<&'static str>,
    pub(crate) value: Value,
}

/// Parses `body` and checks it against its event's schema (the envelope's when the event type is
/// not known). Strict mode also reports an unknown event type and undeclared fields.
pub(crate) fn check(
    vendor: &'static VendorShape,
    body: &[u8],
    strict: bool,
) -> Result<Checked, EventError> {
    let mut value: Value = serde_json::from_slice(body).map_err(|error| {
        EventError::one(EventIssue::new(
            "invalid_json",
            String::new(),
            format!("not JSON: {error}"),
        ))
    })?;
    let facts = vendor.facts;
    let event_type = value
        .get(facts.type_field)
        .and_then(Value::as_str)
        .map(ToOwned::to_owned);
    let known = event_type.as_deref().and_then(|event_type| {
        let index = facts.event_types.iter().position(|t| *t == event_type)?;
        Some((facts.event_types.get(index)?, vendor.events.get(index)?))
    });
    let mut issues = Vec::new();
    if let (Some(event_type), None, true) = (&event_type, known, strict) {
        issues.push(EventIssue::new(
            "unknown_event_type",
            pointer_to(facts.type_field),
            format!(
                "unknown event type {}",
                serde_json::to_string(event_type).unwrap_or_default()
            ),
        ));
    }
    let shape = known.map_or(vendor.envelope, |(_, shape)| *shape);
    let mut path = String::new();
    // An unknown event's other fields are not known either: strict mode reports its type only.
    let report_undeclared = strict && known.is_some();
    walk(shape, &mut value, &mut path, report_undeclared, &mut issues);
    if issues.is_empty() {
        Ok(Checked {
            known: known.map(|(event_type, _)| *event_type),
            value,
        })
    } else {
        Err(EventError { issues })
    }
}

/// A checked body as its event's type. The tables and the types are written from the same
/// schemas, so this does not fail on a body [`check`] passed; if it ever did, the body is refused
/// rather than half read.
pub(crate) fn typed<T: DeserializeOwned>(value: Value) -> Result<T, EventError> {
    serde_json::from_value(value).map_err(|error| {
        EventError::one(EventIssue::new(
            "invalid_event",
            String::new(),
            format!("{error}"),
        ))
    })
}

/// A checked body whose event type hookseal does not know, kept whole.
pub(crate) fn unknown(vendor: &VendorShape, json: Value) -> UnknownEvent {
    let event_type = json
        .get(vendor.facts.type_field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    UnknownEvent { event_type, json }
}

fn walk(
    shape: &Shape,
    value: &mut Value,
    path: &mut String,
    strict: bool,
    issues: &mut Vec<EventIssue>,
) {
    if issues.len() >= MAX_ISSUES {
        return;
    }
    let fits = match (shape, &*value) {
        (Shape::Any, _)
        | (Shape::String, Value::String(_))
        | (Shape::Number, Value::Number(_))
        | (Shape::Boolean, Value::Bool(_)) => true,
        (Shape::Const(expected), Value::String(text)) => text == expected,
        (Shape::Integer, Value::Number(_)) => normalize_integer(value),
        (Shape::Array(items), Value::Array(_)) => {
            if let Value::Array(elements) = value {
                for (index, element) in elements.iter_mut().enumerate() {
                    let length = path.len();
                    // Writing to a String cannot fail.
                    let _ = write!(path, "/{index}");
                    walk(items, element, path, strict, issues);
                    path.truncate(length);
                }
            }
            true
        }
        (Shape::Object { fields, open }, Value::Object(_)) => {
            if let Value::Object(members) = value {
                walk_object(fields, *open, members, path, strict, issues);
            }
            true
        }
        _ => false,
    };
    if !fits {
        let message = match shape {
            Shape::Const(expected) => format!(
                "expected {}",
                serde_json::to_string(expected).unwrap_or_default()
            ),
            _ => format!("expected {}, found {}", expected(shape), found(value)),
        };
        push(
            issues,
            EventIssue::new("invalid_event", path.clone(), message),
        );
    }
}

fn walk_object(
    fields: &[Field],
    open: bool,
    members: &mut serde_json::Map<String, Value>,
    path: &mut String,
    strict: bool,
    issues: &mut Vec<EventIssue>,
) {
    for field in fields {
        let length = path.len();
        push_segment(path, field.name);
        match members.get_mut(field.name) {
            Some(member) => walk(field.shape, member, path, strict, issues),
            None if field.required => push(
                issues,
                EventIssue::new(
                    "invalid_event",
                    path.clone(),
                    "missing required field".into(),
                ),
            ),
            None => {}
        }
        path.truncate(length);
    }
    if strict && !open {
        // Sorted: the report does not depend on the map's order (insertion or sorted, by the
        // features serde_json is built with); UTF-8 byte order is code point order, which the
        // JavaScript side sorts by too.
        let mut undeclared: Vec<&String> = members
            .keys()
            .filter(|key| !fields.iter().any(|field| field.name == key.as_str()))
            .collect();
        undeclared.sort();
        for key in undeclared {
            let length = path.len();
            push_segment(path, key);
            push(
                issues,
                EventIssue::new("unknown_field", path.clone(), "not in the schema".into()),
            );
            path.truncate(length);
        }
    }
}

fn push(issues: &mut Vec<EventIssue>, issue: EventIssue) {
    if issues.len() < MAX_ISSUES {
        issues.push(issue);
    }
}

/// Whether a number is an integer as [`Shape::Integer`] takes it; an integral float (`2.0`) is
/// rewritten as the integer, so that the typed field (an `i64`) reads it.
fn normalize_integer(value: &mut Value) -> bool {
    let Value::Number(number) = value else {
        return false;
    };
    let range = -MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER;
    if let Some(integer) = number.as_i64() {
        return range.contains(&integer);
    }
    if number.is_u64() {
        return false;
    }
    let Some(float) = number.as_f64() else {
        return false;
    };
    // Within range first, so that the conversion is exact when it round-trips; the equality is
    // meant to be exact (is it integral?).
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::float_cmp
    )]
    let integral = float >= -(MAX_SAFE_INTEGER as f64)
        && float <= MAX_SAFE_INTEGER as f64
        && (float as i64) as f64 == float;
    if integral {
        #[allow(clippy::cast_possible_truncation)]
        let integer = float as i64;
        *value = Value::from(integer);
    }
    integral
}

fn expected(shape: &Shape) -> &'static str {
    match shape {
        Shape::String | Shape::Const(_) => "a string",
        Shape::Integer => "an integer",
        Shape::Number => "a number",
        Shape::Boolean => "a boolean",
        Shape::Any => "any value",
        Shape::Array(_) => "an array",
        Shape::Object { .. } => "an object",
    }
}

fn found(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `/key` as a JSON Pointer (RFC 6901) segment: `~` and `/` escaped.
fn push_segment(path: &mut String, key: &str) {
    path.push('/');
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

pub(crate) fn pointer_to(key: &str) -> String {
    let mut path = String::new();
    push_segment(&mut path, key);
    path
}

/// An optional field of any value: `null` is `Some(Value::Null)`, only an absent field (the
/// `#[serde(default)]` beside it) is `None`.
pub(crate) fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Value>, D::Error> {
    use serde::Deserialize as _;
    Value::deserialize(deserializer).map(Some)
}
