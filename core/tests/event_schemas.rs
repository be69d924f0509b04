//! The typed events are written from `schemas/`, the one source of truth for every vendor's
//! events: this test reads the JSON Schemas, checks that they keep to the keywords the validators
//! implement, and generates
//!
//! - `core/src/events/generated.rs`: the Rust types, the `parse` functions and the tables the
//!   validator walks;
//! - `npm/src/events/index.js` and `npm/src/events/types.d.ts`: the same tables, wired to
//!   `runtime.js`, and the TypeScript types of `hookseal/events`;
//! - `npm/playground/event-schemas.json`: each event's fields and descriptions, for the
//!   playground.
//!
//! Each must be what the schemas give (`make events` rewrites them: `HOOKSEAL_BLESS=1`).

// Tests may index and panic: a panic here is a failure report, not a crash.
#![allow(
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used,
    clippy::too_many_lines,
    clippy::struct_field_names
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Map, Value, json};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
const BASE_ID: &str = "https://raw.githubusercontent.com/hookseal/hookseal/main/schemas/";
const ENVELOPE_FILE: &str = "event.schema.json";
const SCHEMA_SUFFIX: &str = ".schema.json";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A value's shape, as the validators take it.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    String,
    Integer,
    Number,
    Boolean,
    Any,
    Const(String),
    Array(Box<Node>),
    Object(Object),
}

#[derive(Clone, Debug, PartialEq)]
struct Object {
    /// The type's name in Rust and TypeScript: the schema's `title`, or made from where it is.
    name: String,
    description: Option<String>,
    fields: Vec<Field>,
    /// Declares no properties: its contents are not described, so strict mode reports none.
    open: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Field {
    name: String,
    required: bool,
    description: Option<String>,
    format: Option<String>,
    node: Node,
}

#[derive(Debug)]
struct Event {
    event_type: String,
    description: String,
    object: Object,
}

#[derive(Debug)]
struct Vendor {
    id: String,
    /// `SmartComply`: every type of the vendor is named with it.
    prefix: String,
    description: String,
    type_field: String,
    envelope: Object,
    events: Vec<Event>,
}

fn read_json(path: &Path) -> Value {
    let text =
        fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn string(schema: &Value, key: &str, at: &str) -> Option<String> {
    schema.get(key).map(|value| {
        value
            .as_str()
            .unwrap_or_else(|| panic!("{at}: {key} is not a string"))
            .to_string()
    })
}

fn pascal(words: &str) -> String {
    words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().unwrap().to_ascii_uppercase();
            // camelCase keeps its inner capitals: organizationId -> OrganizationId.
            std::iter::once(first).chain(chars).collect::<String>()
        })
        .collect()
}

/// The vendors with a folder under `schemas/`, in the order of `tests/fixtures/samples.json`.
fn vendors() -> Vec<Vendor> {
    let samples = read_json(&root().join("tests/fixtures/samples.json"));
    let listed: Vec<&Value> = samples["vendors"].as_array().unwrap().iter().collect();
    let schemas = root().join("schemas");
    let mut dirs: Vec<String> = fs::read_dir(&schemas)
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().unwrap().is_dir())
        .map(|entry| entry.file_name().into_string().unwrap())
        .collect();
    dirs.sort();
    for dir in &dirs {
        assert!(
            listed.iter().any(|vendor| vendor["dir"] == dir.as_str()),
            "schemas/{dir}: not a vendor of tests/fixtures/samples.json"
        );
    }
    listed
        .iter()
        .filter(|vendor| dirs.iter().any(|dir| vendor["dir"] == dir.as_str()))
        .map(|vendor| load_vendor(&schemas, vendor))
        .collect()
}

fn check_header(schema: &Value, dir: &str, file: &str) {
    let at = format!("schemas/{dir}/{file}");
    assert_eq!(schema["$schema"], DRAFT, "{at}: $schema");
    assert_eq!(
        schema["$id"],
        format!("{BASE_ID}{dir}/{file}").as_str(),
        "{at}: $id"
    );
    assert_eq!(schema["type"], "object", "{at}: type");
    assert!(schema.get("description").is_some(), "{at}: no description");
}

fn load_vendor(schemas: &Path, sample: &Value) -> Vendor {
    let id = sample["dir"].as_str().unwrap().to_string();
    let dir = schemas.join(&id);
    let envelope_schema = read_json(&dir.join(ENVELOPE_FILE));
    check_header(&envelope_schema, &id, ENVELOPE_FILE);
    let title = string(&envelope_schema, "title", &id).expect("the envelope's title");
    let prefix = title
        .strip_suffix("Event")
        .unwrap_or_else(|| panic!("schemas/{id}/{ENVELOPE_FILE}: its title must end in Event"))
        .to_string();
    let defs = envelope_schema.get("$defs").cloned().unwrap_or(json!({}));
    let resolver = Resolver {
        vendor: id.clone(),
        prefix: prefix.clone(),
        defs: defs.as_object().cloned().unwrap_or_default(),
    };
    let envelope = resolver.object(&envelope_schema, &title, &format!("{id}/{ENVELOPE_FILE}"));
    // The event type field: the one the event schemas fix with `const`.
    let mut files: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != ENVELOPE_FILE)
        .collect();
    for file in &files {
        assert!(
            file.ends_with(SCHEMA_SUFFIX),
            "schemas/{id}/{file}: not a .schema.json"
        );
    }
    // The order of samples.json's events (the documents' order), then the others.
    let listed: Vec<String> = sample["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event.as_str().unwrap().to_string())
        .collect();
    files.sort_by_key(|file| {
        let event = file.trim_end_matches(SCHEMA_SUFFIX).to_string();
        (
            listed
                .iter()
                .position(|e| *e == event)
                .unwrap_or(usize::MAX),
            event,
        )
    });
    let mut type_field: Option<String> = None;
    let mut events = Vec::new();
    for file in &files {
        let at = format!("{id}/{file}");
        let event_type = file.trim_end_matches(SCHEMA_SUFFIX).to_string();
        let schema = read_json(&dir.join(file));
        check_header(&schema, &id, file);
        assert_eq!(
            schema["$ref"], ENVELOPE_FILE,
            "schemas/{at}: an event schema extends its vendor's envelope"
        );
        let title = string(&schema, "title", &at).expect("an event's title");
        assert!(
            title.starts_with(&prefix) && title.ends_with("Event"),
            "schemas/{at}: its title must be {prefix}…Event"
        );
        let description = string(&schema, "description", &at).unwrap();
        let own = resolver.object(&schema, &title, &at);
        let object = merge(&envelope, own, &at, &event_type);
        let consts: Vec<&Field> = object
            .fields
            .iter()
            .filter(|field| matches!(field.node, Node::Const(_)))
            .collect();
        assert_eq!(
            consts.len(),
            1,
            "schemas/{at}: one field holds the event type (const)"
        );
        assert_eq!(
            consts[0].node,
            Node::Const(event_type.clone()),
            "schemas/{at}: the const is the file's name"
        );
        match &type_field {
            None => type_field = Some(consts[0].name.clone()),
            Some(name) => assert_eq!(*name, consts[0].name, "schemas/{at}: the type field"),
        }
        events.push(Event {
            event_type,
            description,
            object,
        });
    }
    let type_field = type_field.unwrap_or_else(|| panic!("schemas/{id}: no event schema"));
    let in_envelope = envelope
        .fields
        .iter()
        .find(|field| field.name == type_field)
        .unwrap_or_else(|| panic!("schemas/{id}/{ENVELOPE_FILE}: declares no {type_field}"));
    assert!(
        in_envelope.required && in_envelope.node == Node::String,
        "schemas/{id}/{ENVELOPE_FILE}: {type_field} is a required string"
    );
    Vendor {
        id,
        prefix,
        description: envelope.description.clone().unwrap(),
        type_field,
        envelope,
        events,
    }
}

struct Resolver {
    vendor: String,
    prefix: String,
    defs: Map<String, Value>,
}

const KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$ref",
    "$defs",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "items",
    "const",
    "format",
];

impl Resolver {
    /// `schema` (an object schema) as an object node, its `$ref` to the envelope left to
    /// [`merge`].
    fn object(&self, schema: &Value, name: &str, at: &str) -> Object {
        match self.node(schema, name, at, true) {
            Node::Object(object) => object,
            other => panic!("schemas/{at}: not an object ({other:?})"),
        }
    }

    fn node(&self, schema: &Value, name: &str, at: &str, top: bool) -> Node {
        let members = schema
            .as_object()
            .unwrap_or_else(|| panic!("schemas/{at}: a schema is an object"));
        for key in members.keys() {
            assert!(
                KEYWORDS.contains(&key.as_str()),
                "schemas/{at}: keyword {key} is not one the validators implement"
            );
        }
        if !top {
            for key in ["$schema", "$id", "$defs"] {
                assert!(!members.contains_key(key), "schemas/{at}: {key} inside");
            }
        }
        if let Some(reference) = members.get("$ref").filter(|_| !top) {
            assert_eq!(
                members.len(),
                1,
                "schemas/{at}: a $ref stands alone (its target holds the words)"
            );
            let reference = reference.as_str().unwrap();
            let def = reference
                .strip_prefix("#/$defs/")
                .or_else(|| reference.strip_prefix("event.schema.json#/$defs/"))
                .unwrap_or_else(|| {
                    panic!("schemas/{at}: $ref {reference}: only the envelope's $defs")
                });
            let target = self
                .defs
                .get(def)
                .unwrap_or_else(|| panic!("schemas/{at}: $ref {reference}: no such $defs"));
            assert!(
                target.get("title").is_some(),
                "schemas/{}/{ENVELOPE_FILE}: $defs/{def} needs a title (its type's name)",
                self.vendor
            );
            return self.node(target, name, &format!("{at} $defs/{def}"), false);
        }
        if let Some(constant) = members.get("const") {
            assert_eq!(members.len(), 1, "schemas/{at}: a const stands alone");
            return Node::Const(constant.as_str().unwrap().to_string());
        }
        let Some(kind) = members.get("type") else {
            assert!(
                members
                    .keys()
                    .all(|key| key == "description" || key == "$comment"),
                "schemas/{at}: a schema without type describes any value"
            );
            return Node::Any;
        };
        let kind = kind
            .as_str()
            .unwrap_or_else(|| panic!("schemas/{at}: one type"));
        if kind != "object" {
            assert!(
                !members.contains_key("properties") && !members.contains_key("required"),
                "schemas/{at}: properties on a {kind}"
            );
        }
        if members.contains_key("format") {
            assert_eq!(kind, "string", "schemas/{at}: format on a {kind}");
        }
        match kind {
            "string" => Node::String,
            "integer" => Node::Integer,
            "number" => Node::Number,
            "boolean" => Node::Boolean,
            "array" => {
                let items = members
                    .get("items")
                    .unwrap_or_else(|| panic!("schemas/{at}: an array says its items"));
                Node::Array(Box::new(self.node(
                    items,
                    name,
                    &format!("{at} items"),
                    false,
                )))
            }
            "object" => {
                let name = match members.get("title") {
                    Some(title) => {
                        let title = title.as_str().unwrap();
                        assert!(
                            title.starts_with(&self.prefix),
                            "schemas/{at}: title {title} must start with {}",
                            self.prefix
                        );
                        title.to_string()
                    }
                    None => name.to_string(),
                };
                let required: Vec<String> = members
                    .get("required")
                    .map(|list| {
                        list.as_array()
                            .unwrap()
                            .iter()
                            .map(|name| name.as_str().unwrap().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                let properties = members.get("properties").and_then(Value::as_object);
                let mut fields = Vec::new();
                for (key, schema) in properties.into_iter().flatten() {
                    // A nested type's name: the parent's, without "Event", and the key's.
                    let child = format!("{}{}", name.trim_end_matches("Event"), pascal(key));
                    let node = self.node(schema, &child, &format!("{at} /{key}"), false);
                    fields.push(Field {
                        name: key.clone(),
                        required: required.contains(key),
                        description: string(schema, "description", at).or_else(|| {
                            // A $ref's target says what the field holds.
                            match &node {
                                Node::Object(object) => object.description.clone(),
                                _ => None,
                            }
                        }),
                        format: string(schema, "format", at),
                        node,
                    });
                }
                if !top {
                    for key in &required {
                        assert!(
                            fields.iter().any(|field| field.name == *key),
                            "schemas/{at}: required {key} is not a property"
                        );
                    }
                }
                Node::Object(Object {
                    name,
                    description: string(schema, "description", at),
                    open: properties.is_none(),
                    fields,
                })
                .with_required(&required)
            }
            other => panic!(
                "schemas/{at}: type {other} (one of string, integer, number, boolean, array, object)"
            ),
        }
    }
}

trait WithRequired {
    fn with_required(self, required: &[String]) -> Self;
}

impl WithRequired for Node {
    /// Keeps the names `required` lists that the object does not declare (an event schema
    /// requiring an envelope field), for [`merge`].
    fn with_required(self, required: &[String]) -> Self {
        let Node::Object(mut object) = self else {
            return self;
        };
        for key in required {
            if !object.fields.iter().any(|field| field.name == *key) {
                object.fields.push(Field {
                    name: key.clone(),
                    required: true,
                    description: None,
                    format: None,
                    node: Node::Any,
                });
            }
        }
        Node::Object(object)
    }
}

/// An event's schema applied with its envelope (`"$ref": "event.schema.json"` beside its own
/// keywords: both hold): the envelope's fields in their order, then the event's own. Where both
/// declare a field, the event's narrows the envelope's: a `const` for a string, declared
/// fields for an object the envelope leaves open; anything else must be the same.
fn merge(envelope: &Object, own: Object, at: &str, event_type: &str) -> Object {
    let mut fields: Vec<Field> = Vec::new();
    for base in &envelope.fields {
        let field = match own.fields.iter().find(|field| field.name == base.name) {
            None => base.clone(),
            Some(narrow) => {
                let node = match (&base.node, &narrow.node) {
                    (_, Node::Any) if narrow.description.is_none() => base.node.clone(),
                    (Node::String, Node::Const(_)) => narrow.node.clone(),
                    (Node::Object(open), Node::Object(object)) if open.open => {
                        let mut object = object.clone();
                        // An untitled payload is described by where it is.
                        object.description.get_or_insert_with(|| {
                            format!(
                                "{event_type}'s `{}`: {}",
                                base.name,
                                base.description.clone().unwrap_or_default()
                            )
                        });
                        Node::Object(object)
                    }
                    (a, b) if a == b => a.clone(),
                    (a, b) => panic!("schemas/{at}: /{} narrows {a:?} to {b:?}", base.name),
                };
                Field {
                    name: base.name.clone(),
                    required: base.required || narrow.required,
                    description: narrow
                        .description
                        .clone()
                        .or_else(|| base.description.clone()),
                    format: narrow.format.clone().or_else(|| base.format.clone()),
                    node,
                }
            }
        };
        fields.push(field);
    }
    for field in own.fields {
        if !envelope.fields.iter().any(|base| base.name == field.name) {
            assert!(
                field.node != Node::Any || field.description.is_some(),
                "schemas/{at}: requires {}, which neither it nor the envelope declares",
                field.name
            );
            fields.push(field);
        }
    }
    Object {
        name: own.name,
        description: own.description,
        fields,
        open: false,
    }
}

/// Every named object type under `node` (nested ones first), once each: a name used twice must
/// name the same shape.
fn collect_objects(node: &Node, into: &mut Vec<Object>) {
    match node {
        Node::Array(items) => collect_objects(items, into),
        Node::Object(object) => {
            for field in &object.fields {
                collect_objects(&field.node, into);
            }
            match into.iter().find(|known| known.name == object.name) {
                Some(known) => assert_eq!(known, object, "two types named {}", object.name),
                None => into.push(object.clone()),
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------- Rust

const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "gen",
];

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if index > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    if RUST_KEYWORDS.contains(&out.as_str()) {
        format!("r#{out}")
    } else {
        out
    }
}

fn rust_doc(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        writeln!(out, "{indent}/// {line}").unwrap();
    }
}

fn rust_type(node: &Node) -> String {
    match node {
        Node::String | Node::Const(_) => "String".into(),
        Node::Integer => "i64".into(),
        Node::Number => "f64".into(),
        Node::Boolean => "bool".into(),
        Node::Any => "serde_json::Value".into(),
        Node::Array(items) => format!("Vec<{}>", rust_type(items)),
        Node::Object(object) if object.open => "serde_json::Map<String, serde_json::Value>".into(),
        Node::Object(object) => object.name.clone(),
    }
}

fn field_doc(field: &Field) -> String {
    let mut doc = field
        .description
        .clone()
        .unwrap_or_else(|| format!("`{}`.", field.name));
    if let Some(format) = &field.format {
        write!(doc, " (JSON Schema format `{format}`, not checked.)").unwrap();
    }
    doc
}

fn rust_struct(out: &mut String, object: &Object, doc: &str) {
    rust_doc(out, "", doc);
    out.push_str("#[derive(Clone, Debug, PartialEq, Deserialize)]\n#[non_exhaustive]\n");
    writeln!(out, "pub struct {} {{", object.name).unwrap();
    for field in &object.fields {
        if matches!(field.node, Node::Const(_)) {
            continue; // the enum's variant says it
        }
        rust_doc(out, "    ", &field_doc(field));
        let name = snake(&field.name);
        let mut attributes = Vec::new();
        if name.trim_start_matches("r#") != field.name {
            attributes.push(format!("rename = {:?}", field.name));
        }
        let ty = rust_type(&field.node);
        let ty = if field.required {
            ty
        } else {
            if field.node == Node::Any {
                // `null` stays `Some(Value::Null)`: only an absent field is `None`.
                attributes.push("default, deserialize_with = \"shape::present\"".into());
            }
            format!("Option<{ty}>")
        };
        if !attributes.is_empty() {
            writeln!(out, "    #[serde({})]", attributes.join(", ")).unwrap();
        }
        writeln!(out, "    pub {name}: {ty},").unwrap();
    }
    out.push_str("}\n\n");
}

/// A shape as a Rust expression: a named object is its static.
fn rust_shape(node: &Node) -> String {
    match node {
        Node::String => "&Shape::String".into(),
        Node::Integer => "&Shape::Integer".into(),
        Node::Number => "&Shape::Number".into(),
        Node::Boolean => "&Shape::Boolean".into(),
        Node::Any => "&Shape::Any".into(),
        Node::Const(value) => format!("&Shape::Const({value:?})"),
        Node::Array(items) => format!("&Shape::Array({})", rust_shape(items)),
        Node::Object(object) if object.open => "&Shape::Object { fields: &[], open: true }".into(),
        Node::Object(object) => format!("&{}", screaming(&object.name)),
    }
}

fn screaming(name: &str) -> String {
    snake(name).trim_start_matches("r#").to_ascii_uppercase()
}

/// Every object type of a vendor (nested ones first) as a static the validator walks.
fn rust_shapes(out: &mut String, objects: &[Object]) {
    for object in objects.iter().filter(|object| !object.open) {
        writeln!(
            out,
            "#[rustfmt::skip]\nstatic {}: Shape = Shape::Object {{ open: false, fields: &[",
            screaming(&object.name)
        )
        .unwrap();
        for field in &object.fields {
            writeln!(
                out,
                "    Field {{ name: {:?}, required: {}, shape: {} }},",
                field.name,
                field.required,
                rust_shape(&field.node)
            )
            .unwrap();
        }
        out.push_str("] };\n\n");
    }
}

fn static_name(vendor: &Vendor) -> String {
    vendor.id.to_ascii_uppercase().replace('-', "_")
}

fn rust(vendors: &[Vendor]) -> String {
    let mut out = String::from(
        "// Generated from schemas/ by core/tests/event_schemas.rs (`make events`): do not edit.\n\n\
         use alloc::string::String;\nuse alloc::vec::Vec;\n\nuse serde::Deserialize;\n\n\
         use super::shape::{self, Field, Shape, VendorFacts, VendorShape};\nuse super::{EventError, UnknownEvent};\n\n",
    );
    for vendor in vendors {
        let name = format!("{}Event", vendor.prefix);
        let statics = static_name(vendor);
        writeln!(out, "// {}\n", "-".repeat(60)).unwrap();
        rust_doc(&mut out, "", &vendor.description);
        out.push_str("///\n");
        writeln!(out, "/// Parse a verified body with [`{name}::parse`].").unwrap();
        out.push_str("#[derive(Clone, Debug, PartialEq)]\n#[non_exhaustive]\n");
        writeln!(out, "pub enum {name} {{").unwrap();
        for event in &vendor.events {
            rust_doc(
                &mut out,
                "    ",
                &format!("`{}`: {}", event.event_type, event.description),
            );
            writeln!(
                out,
                "    {}({}),",
                pascal(&event.event_type),
                event.object.name
            )
            .unwrap();
        }
        rust_doc(
            &mut out,
            "    ",
            &format!(
                "An event type hookseal does not know (`parse` only): it has what every {} event has.",
                vendor.prefix
            ),
        );
        out.push_str("    Unknown(UnknownEvent),\n}\n\n");
        writeln!(out, "impl {name} {{").unwrap();
        rust_doc(
            &mut out,
            "    ",
            &format!(
                "The event types hookseal knows, as `{}` names them.",
                vendor.type_field
            ),
        );
        writeln!(
            out,
            "    pub const EVENT_TYPES: &'static [&'static str] = {statics}_FACTS.event_types;\n"
        )
        .unwrap();
        rust_doc(
            &mut out,
            "    ",
            "Parses a verified body, forward compatibly: an event type hookseal does not know is\n\
             [`Unknown`](Self::Unknown), fields the schema does not declare are ignored.",
        );
        out.push_str(
            "    pub fn parse(body: &[u8]) -> Result<Self, EventError> {\n        Self::parse_with(body, false)\n    }\n\n",
        );
        rust_doc(
            &mut out,
            "    ",
            "Parses a verified body strictly: an unknown event type (`unknown_event_type`) and fields\n\
             the schema does not declare (`unknown_field`) are errors too.",
        );
        out.push_str(
            "    pub fn parse_strict(body: &[u8]) -> Result<Self, EventError> {\n        Self::parse_with(body, true)\n    }\n\n",
        );
        writeln!(
            out,
            "    fn parse_with(body: &[u8], strict: bool) -> Result<Self, EventError> {{\n        let checked = shape::check(&{statics}, body, strict)?;\n        Ok(match checked.known {{"
        )
        .unwrap();
        for event in &vendor.events {
            writeln!(
                out,
                "            Some({:?}) => Self::{}(shape::typed(checked.value)?),",
                event.event_type,
                pascal(&event.event_type)
            )
            .unwrap();
        }
        writeln!(
            out,
            "            _ => Self::Unknown(shape::unknown(&{statics}, checked.value)),\n        }})\n    }}\n"
        )
        .unwrap();
        rust_doc(&mut out, "    ", "The event's type.");
        out.push_str("    pub fn event_type(&self) -> &str {\n        match self {\n");
        for event in &vendor.events {
            writeln!(
                out,
                "            Self::{}(_) => {:?},",
                pascal(&event.event_type),
                event.event_type
            )
            .unwrap();
        }
        out.push_str(
            "            Self::Unknown(event) => &event.event_type,\n        }\n    }\n}\n\n",
        );
        let mut objects = Vec::new();
        for event in &vendor.events {
            collect_objects(&Node::Object(event.object.clone()), &mut objects);
        }
        for object in &objects {
            if object.open {
                continue;
            }
            let doc = vendor
                .events
                .iter()
                .find(|event| event.object.name == object.name)
                .map_or_else(
                    || object.description.clone().unwrap_or_default(),
                    |event| format!("`{}`: {}", event.event_type, event.description),
                );
            rust_struct(&mut out, object, &doc);
        }
        let mut shapes = Vec::new();
        collect_objects(&Node::Object(vendor.envelope.clone()), &mut shapes);
        for event in &vendor.events {
            collect_objects(&Node::Object(event.object.clone()), &mut shapes);
        }
        rust_shapes(&mut out, &shapes);
        writeln!(
            out,
            "static {statics}_FACTS: VendorFacts = VendorFacts {{\n    id: {:?},\n    type_field: {:?},\n    event_types: &[{}],\n}};\n",
            vendor.id,
            vendor.type_field,
            vendor
                .events
                .iter()
                .map(|event| format!("{:?}", event.event_type))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .unwrap();
        writeln!(
            out,
            "static {statics}: VendorShape = VendorShape {{\n    facts: &{statics}_FACTS,\n    envelope: {},\n    events: &[{}],\n}};\n",
            rust_shape(&Node::Object(vendor.envelope.clone())),
            vendor
                .events
                .iter()
                .map(|event| rust_shape(&Node::Object(event.object.clone())))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .unwrap();
    }
    writeln!(
        out,
        "/// Every vendor's facts, in the order of `tests/fixtures/samples.json` (not their shapes:\n/// reading an event type links none).\npub(crate) static VENDORS: [&VendorFacts; {}] = [{}];",
        vendors.len(),
        vendors
            .iter()
            .map(|vendor| format!("&{}_FACTS", static_name(vendor)))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    // `Vec` is used by the generated types only when an array is typed.
    if !out.contains("Vec<") {
        out = out.replace("use alloc::vec::Vec;\n", "");
    }
    rustfmt(&out)
}

fn rustfmt(code: &str) -> String {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("rustfmt");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(code.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "rustfmt failed on the generated code"
    );
    String::from_utf8(output.stdout).unwrap()
}

// ---------------------------------------------------------------------------- TypeScript

fn ts_doc(out: &mut String, indent: &str, text: &str) {
    let text = text.replace("*/", "*\\/");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() == 1 {
        writeln!(out, "{indent}/** {} */", lines[0]).unwrap();
    } else {
        writeln!(out, "{indent}/**").unwrap();
        for line in lines {
            if line.is_empty() {
                writeln!(out, "{indent} *").unwrap();
            } else {
                writeln!(out, "{indent} * {line}").unwrap();
            }
        }
        writeln!(out, "{indent} */").unwrap();
    }
}

fn ts_key(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

fn ts_type(node: &Node) -> String {
    match node {
        Node::String => "string".into(),
        Node::Integer | Node::Number => "number".into(),
        Node::Boolean => "boolean".into(),
        Node::Any => "unknown".into(),
        Node::Const(value) => format!("{value:?}"),
        Node::Array(items) => format!("{}[]", ts_type(items)),
        Node::Object(object) if object.open => "{ [field: string]: unknown }".into(),
        Node::Object(object) => object.name.clone(),
    }
}

fn ts_interface(out: &mut String, name: &str, doc: &str, fields: &[Field], extra: &str) {
    ts_doc(out, "", doc);
    writeln!(out, "export interface {name} {{").unwrap();
    for field in fields {
        let mut doc = field_doc(field);
        if field.node == Node::Integer {
            doc.push_str(" An integer.");
        }
        ts_doc(out, "  ", &doc);
        let optional = if field.required { "" } else { "?" };
        writeln!(
            out,
            "  {}{optional}: {};",
            ts_key(&field.name),
            ts_type(&field.node)
        )
        .unwrap();
    }
    out.push_str(extra);
    out.push_str("}\n\n");
}

fn typescript(vendors: &[Vendor]) -> String {
    let mut out = String::from(
        "// Generated from schemas/ by core/tests/event_schemas.rs (`make events`): do not edit.\n\n",
    );
    writeln!(
        out,
        "/** The id of a vendor whose events hookseal knows: its folder under `schemas/`. */\nexport type EventVendorId = {};\n",
        vendors
            .iter()
            .map(|vendor| format!("{:?}", vendor.id))
            .collect::<Vec<_>>()
            .join(" | ")
    )
    .unwrap();
    for (map, suffix, what) in [
        (
            "EventVendorMap",
            "Event",
            "Each vendor's events by its id (what `parseEvent` returns).",
        ),
        (
            "KnownEventVendorMap",
            "KnownEvent",
            "Each vendor's known events by its id (what strict `parseEvent` returns).",
        ),
    ] {
        ts_doc(&mut out, "", what);
        writeln!(out, "export interface {map} {{").unwrap();
        for vendor in vendors {
            writeln!(out, "  {:?}: {}{suffix};", vendor.id, vendor.prefix).unwrap();
        }
        out.push_str("}\n\n");
    }
    for vendor in vendors {
        let prefix = &vendor.prefix;
        writeln!(out, "// {}\n", "-".repeat(60)).unwrap();
        ts_doc(
            &mut out,
            "",
            &format!(
                "{}\n\nNarrow it on `{}`: an event type hookseal does not know is a `{prefix}UnknownEvent`.",
                vendor.description, vendor.type_field
            ),
        );
        writeln!(
            out,
            "export type {prefix}Event = {prefix}KnownEvent | {prefix}UnknownEvent;\n"
        )
        .unwrap();
        ts_doc(
            &mut out,
            "",
            &format!("The {prefix} event types hookseal knows."),
        );
        writeln!(
            out,
            "export type {prefix}EventType =\n{};\n",
            vendor
                .events
                .iter()
                .map(|event| format!("  | {:?}", event.event_type))
                .collect::<Vec<_>>()
                .join("\n")
        )
        .unwrap();
        ts_doc(
            &mut out,
            "",
            &format!(
                "Each known {prefix} event by its type: `{prefix}EventMap[\"{}\"]`.",
                vendor.events[0].event_type
            ),
        );
        writeln!(out, "export interface {prefix}EventMap {{").unwrap();
        for event in &vendor.events {
            writeln!(out, "  {:?}: {};", event.event_type, event.object.name).unwrap();
        }
        out.push_str("}\n\n");
        ts_doc(
            &mut out,
            "",
            &format!("A {prefix} event of a type hookseal knows (what strict parsing returns)."),
        );
        writeln!(
            out,
            "export type {prefix}KnownEvent = {prefix}EventMap[{prefix}EventType];\n"
        )
        .unwrap();
        // The unknown event: the envelope, its type apart so that the known types narrow.
        let fields: Vec<Field> = vendor
            .envelope
            .fields
            .iter()
            .map(|field| {
                if field.name == vendor.type_field {
                    Field {
                        description: Some(format!(
                            "The event type, one hookseal does not know: typed apart so that the known types narrow; `String(event.{})` reads it.",
                            vendor.type_field
                        )),
                        node: Node::Const(String::new()),
                        ..field.clone()
                    }
                } else {
                    field.clone()
                }
            })
            .collect();
        let mut unknown = String::new();
        ts_interface(
            &mut unknown,
            &format!("{prefix}UnknownEvent"),
            &format!(
                "A {prefix} event of a type hookseal does not know (vendors add types): what every {prefix} event has, every field kept."
            ),
            &fields,
            "  [field: string]: unknown;\n",
        );
        // `type: ""` stands for the opaque type until here.
        let unknown = unknown.replace(
            &format!("  {}: \"\";", ts_key(&vendor.type_field)),
            &format!("  {}: UnknownEventType;", ts_key(&vendor.type_field)),
        );
        out.push_str(&unknown);
        let mut objects = Vec::new();
        for event in &vendor.events {
            collect_objects(&Node::Object(event.object.clone()), &mut objects);
        }
        for object in &objects {
            if object.open {
                continue;
            }
            let doc = vendor
                .events
                .iter()
                .find(|event| event.object.name == object.name)
                .map_or_else(
                    || object.description.clone().unwrap_or_default(),
                    |event| format!("`{}`: {}", event.event_type, event.description),
                );
            ts_interface(&mut out, &object.name, &doc, &object.fields, "");
        }
        ts_doc(
            &mut out,
            "",
            &format!(
                "Parses a verified {prefix} body (the `WebhookMessage`, its text or its bytes) into its typed event.\n\
                 Strict mode returns known events only: an unknown event type and undeclared fields are errors.\n\
                 @throws {{WebhookEventError}} `invalid_json`, `invalid_event`; strict: `unknown_event_type`, `unknown_field`"
            ),
        );
        writeln!(
            out,
            "export declare function parse{prefix}Event(input: EventInput, options: StrictParse): {prefix}KnownEvent;"
        )
        .unwrap();
        ts_doc(
            &mut out,
            "",
            &format!(
                "Parses a verified {prefix} body (the `WebhookMessage`, its text or its bytes) into its typed event.\n\
                 Forward compatible: an event type hookseal does not know is a `{prefix}UnknownEvent`, undeclared fields are kept untyped.\n\
                 @throws {{WebhookEventError}} `invalid_json`, `invalid_event`"
            ),
        );
        writeln!(
            out,
            "export declare function parse{prefix}Event(input: EventInput, options?: ParseEventOptions): {prefix}Event;\n"
        )
        .unwrap();
    }
    out
}

// ---------------------------------------------------------------------------- JavaScript

/// A shape as a JavaScript expression: a named object is its constant.
fn js_shape(node: &Node) -> String {
    match node {
        Node::String => "S".into(),
        Node::Integer => "I".into(),
        Node::Number => "N".into(),
        Node::Boolean => "B".into(),
        Node::Any => "A".into(),
        Node::Const(value) => format!("{{ const: {value:?} }}"),
        Node::Array(items) => format!("{{ items: {} }}", js_shape(items)),
        Node::Object(object) if object.open => "OPEN".into(),
        Node::Object(object) => object.name.clone(),
    }
}

fn js_shapes(out: &mut String, objects: &[Object]) {
    for object in objects.iter().filter(|object| !object.open) {
        writeln!(out, "const {} = {{ fields: [", object.name).unwrap();
        for field in &object.fields {
            writeln!(
                out,
                "  [{:?}, {}, {}],",
                field.name,
                field.required,
                js_shape(&field.node)
            )
            .unwrap();
        }
        out.push_str("] };\n");
    }
    out.push('\n');
}

fn javascript(vendors: &[Vendor]) -> String {
    let mut out = String::from(
        "// Generated from schemas/ by core/tests/event_schemas.rs (`make events`): do not edit.\n\
         // hookseal/events: the tables runtime.js walks (as core/src/events/generated.rs has them\n\
         // for Rust) and a parse function per vendor.\n\
         import { parseById, parseWith, vendorFacts } from \"./runtime.js\";\n\n\
         export { WebhookEventError } from \"./runtime.js\";\n\n\
         const S = \"string\", I = \"integer\", N = \"number\", B = \"boolean\", A = \"any\";\n\
         /** An object whose contents the schema leaves undescribed. */\n\
         const OPEN = { fields: [], open: true };\n\n",
    );
    for vendor in vendors {
        let variable = vendor.id.replace('-', "_");
        let mut shapes = Vec::new();
        collect_objects(&Node::Object(vendor.envelope.clone()), &mut shapes);
        for event in &vendor.events {
            collect_objects(&Node::Object(event.object.clone()), &mut shapes);
        }
        js_shapes(&mut out, &shapes);
        writeln!(
            out,
            "const {variable} = {{\n  id: {:?},\n  typeField: {:?},\n  eventTypes: [{}],\n  envelope: {},\n  events: [{}],\n}};\n",
            vendor.id,
            vendor.type_field,
            vendor
                .events
                .iter()
                .map(|event| format!("{:?}", event.event_type))
                .collect::<Vec<_>>()
                .join(", "),
            js_shape(&Node::Object(vendor.envelope.clone())),
            vendor
                .events
                .iter()
                .map(|event| js_shape(&Node::Object(event.object.clone())))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .unwrap();
        writeln!(
            out,
            "export const parse{}Event = (input, options) => parseWith({variable}, input, options);\n",
            vendor.prefix
        )
        .unwrap();
    }
    writeln!(
        out,
        "/** Every vendor's table, in the order of tests/fixtures/samples.json. */\nconst tables = [{}];\n\n\
         /** Every vendor whose events hookseal knows: its id, event type field and event types. */\n\
         export const eventVendors = vendorFacts(tables);\n\n\
         /** Parses a verified body as an event of the vendor with id `vendor` (one of eventVendors). */\n\
         export const parseEvent = (vendor, input, options) => parseById(tables, vendor, input, options);",
        vendors
            .iter()
            .map(|vendor| vendor.id.replace('-', "_"))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    out
}

// ---------------------------------------------------------------------------- playground

fn describe(node: &Node) -> String {
    match node {
        Node::String => "string".into(),
        Node::Integer => "integer".into(),
        Node::Number => "number".into(),
        Node::Boolean => "boolean".into(),
        Node::Any => "any".into(),
        Node::Const(value) => format!("{value:?}"),
        Node::Array(items) => format!("array of {}", describe(items)),
        Node::Object(_) => "object".into(),
    }
}

fn flatten(object: &Object, prefix: &str, into: &mut Vec<Value>) {
    for field in &object.fields {
        let path = format!(
            "{prefix}/{}",
            field.name.replace('~', "~0").replace('/', "~1")
        );
        let mut entry = json!({
            "path": path,
            "type": describe(&field.node),
            "required": field.required,
        });
        if let Some(description) = &field.description {
            entry["description"] = json!(description);
        }
        if let Some(format) = &field.format {
            entry["format"] = json!(format);
        }
        into.push(entry);
        match &field.node {
            Node::Object(inner) if !inner.open => flatten(inner, &path, into),
            Node::Array(items) => {
                if let Node::Object(inner) = &**items {
                    flatten(inner, &format!("{path}/*"), into);
                }
            }
            _ => {}
        }
    }
}

fn playground(vendors: &[Vendor]) -> String {
    let document: Vec<Value> = vendors
        .iter()
        .map(|vendor| {
            let events: Vec<Value> = vendor
                .events
                .iter()
                .map(|event| {
                    let mut fields = Vec::new();
                    flatten(&event.object, "", &mut fields);
                    json!({
                        "type": event.event_type,
                        "name": event.object.name,
                        "description": event.description,
                        "schema": format!("schemas/{}/{}{SCHEMA_SUFFIX}", vendor.id, event.event_type),
                        "fields": fields,
                    })
                })
                .collect();
            json!({
                "id": vendor.id,
                "name": format!("{}Event", vendor.prefix),
                "description": vendor.description,
                "typeField": vendor.type_field,
                "events": events,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "generated": "from schemas/ by core/tests/event_schemas.rs (make events): do not edit",
        "vendors": document,
    }))
    .unwrap();
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------- tests

fn outputs() -> BTreeMap<&'static str, String> {
    let vendors = vendors();
    BTreeMap::from([
        ("core/src/events/generated.rs", rust(&vendors)),
        ("npm/src/events/types.d.ts", typescript(&vendors)),
        ("npm/src/events/index.js", javascript(&vendors)),
        ("npm/playground/event-schemas.json", playground(&vendors)),
    ])
}

#[test]
fn the_generated_code_is_the_schemas() {
    let bless = std::env::var_os("HOOKSEAL_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, generated) in outputs() {
        let full = root().join(path);
        let current = fs::read_to_string(&full).unwrap_or_default();
        if current == generated {
            continue;
        }
        if bless {
            fs::write(&full, generated).unwrap();
        } else {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} are not what schemas/ gives: run `make events`"
    );
}

#[test]
fn every_fixture_of_a_vendor_with_schemas_has_its_event_schema() {
    let samples = read_json(&root().join("tests/fixtures/samples.json"));
    let vendors = vendors();
    assert_eq!(
        vendors.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        ["septiccycle", "smartcomply", "job-events", "carecycle"]
    );
    for vendor in &vendors {
        let sample = samples["vendors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|sample| sample["dir"] == vendor.id.as_str())
            .unwrap();
        for entry in fs::read_dir(root().join("tests/fixtures").join(&vendor.id)).unwrap() {
            let file = entry.unwrap().file_name().into_string().unwrap();
            let event = file.trim_end_matches(".json");
            let event_type = sample["eventTypes"][event].as_str().unwrap_or(event);
            assert!(
                vendor.events.iter().any(|e| e.event_type == event_type),
                "tests/fixtures/{}/{file}: no schemas/{}/{event_type}{SCHEMA_SUFFIX}",
                vendor.id,
                vendor.id
            );
        }
    }
}
