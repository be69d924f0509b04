//! The catalog's promises: every entry is complete, has vectors, and the README's provider table
//! is the catalog's own rendering (regenerate it with `make readme-table`).

// Tests may unwrap and panic: a panic here is a failure report, not a crash.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::path::Path;

use hookseal::{Algorithm, Scheme, SecretFormat};

const START: &str = "<!-- provider table: generated from the catalog by core/tests/catalog.rs (make readme-table) -->";
const END: &str = "<!-- end of provider table -->";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn vectors(id: &str) -> serde_json::Value {
    let path = root().join("tests/vectors").join(format!("{id}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{id}: no vector file {}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The cases of the scheme's vector file that run under its own id.
fn own_cases(id: &str) -> Vec<serde_json::Value> {
    let file = vectors(id);
    file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case.get("scheme").is_none_or(|scheme| scheme == id))
        .cloned()
        .collect()
}

fn is_computed(case: &serde_json::Value) -> bool {
    // Computed cases name the generator; a published one may say it was recomputed.
    case["source"]
        .as_str()
        .unwrap()
        .contains("tests/vectors/generate.py")
}

fn key(scheme: &Scheme) -> String {
    let kind = match scheme.algorithm() {
        Algorithm::Ed25519 => "Ed25519 public key",
        Algorithm::EcdsaP256 => "ECDSA P-256 public key",
        Algorithm::Token => "token",
        _ => "secret",
    };
    let format = match scheme.secret_format() {
        SecretFormat::Utf8 => "",
        SecretFormat::Whsec => ", `whsec_` base64",
        SecretFormat::Base64 => ", base64",
        SecretFormat::Hex => ", hex",
        _ => ", other",
    };
    format!("{kind}{format}")
}

fn algorithm(scheme: &Scheme) -> &'static str {
    match scheme.algorithm() {
        Algorithm::HmacSha256 => "HMAC-SHA256",
        Algorithm::HmacSha1 => "HMAC-SHA1",
        Algorithm::HmacSha512 => "HMAC-SHA512",
        Algorithm::Sha256 => "SHA-256(secret ‖ content)",
        Algorithm::Ed25519 => "Ed25519",
        Algorithm::EcdsaP256 => "ECDSA P-256",
        Algorithm::Token => "token compare",
        _ => "other",
    }
}

fn code(text: &str) -> String {
    if text.is_empty() {
        "–".into()
    } else {
        format!("`{}`", text.replace('|', "\\|"))
    }
}

/// The README's provider table, one row per catalog entry.
fn table() -> String {
    let mut out = String::from(
        "| provider | id | signature | signed content | algorithm | key | authenticates | window | vectors |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for scheme in Scheme::catalog() {
        let entry = scheme.preset().unwrap();
        let coverage = scheme.coverage();
        let signature = match scheme.signature_header() {
            Some(header) => format!("`{header}: {}`", scheme.signature_layout()),
            None => code(&scheme.signature_layout()),
        };
        let covers: Vec<&str> = coverage.names().collect();
        let window = if coverage.timestamp {
            let direction = if scheme.tolerance_past_only() {
                ", past only"
            } else {
                ""
            };
            format!("{} s{direction}", entry.tolerance_seconds())
        } else {
            "–".into()
        };
        let cases = own_cases(scheme.id());
        let computed = cases.iter().filter(|case| is_computed(case)).count();
        let published = cases.len() - computed;
        let vectors = match published {
            0 => format!("{computed} computed"),
            _ => format!("{published} published, {computed} computed"),
        };
        writeln!(
            out,
            "| [{}]({}) | `{}` | {} | {} | {} | {} | {} | {} | {} |",
            entry.name(),
            entry.docs(),
            scheme.id(),
            signature.replace('|', "\\|"),
            code(&scheme.signed_content()),
            algorithm(&scheme),
            key(&scheme),
            if covers.is_empty() {
                "nothing".into()
            } else {
                covers.join(", ")
            },
            window,
            vectors,
        )
        .unwrap();
    }
    out
}

#[test]
fn the_readme_provider_table_is_the_catalog() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(START)
        .expect("README.md: the table's start marker")
        + START.len();
    let end = readme.find(END).expect("README.md: the table's end marker");
    let generated = format!("\n{}", table());
    if std::env::var_os("HOOKSEAL_BLESS").is_some() {
        let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[start..end] == generated,
        "README.md's provider table is not the catalog's: run `make readme-table`"
    );
}

#[test]
fn every_entry_is_complete_and_found_by_its_id() {
    let mut names = Vec::new();
    for scheme in Scheme::catalog() {
        let id = scheme.id();
        let entry = scheme.preset().unwrap();
        assert_eq!(Scheme::from_id(id).unwrap(), scheme);
        assert!(entry.docs().starts_with("https://"), "{id}: docs");
        assert!(!entry.source().is_empty(), "{id}: source");
        assert!(!entry.sample().is_empty(), "{id}: sample");
        assert!(!entry.name().is_empty(), "{id}: name");
        assert!(!names.contains(&entry.name()), "{id}: name repeated");
        names.push(entry.name());
    }
    assert_eq!(
        Scheme::from_id("no-such-provider").unwrap_err().code(),
        "invalid_scheme"
    );
}

/// Every scheme has a passing and a failing case of its own, each with its provenance.
#[test]
fn every_entry_has_vectors_both_ways() {
    for scheme in Scheme::catalog() {
        let id = scheme.id();
        let cases = own_cases(id);
        assert!(
            cases.iter().any(|case| case["expect"] == "ok"),
            "{id}: no passing case"
        );
        assert!(
            cases.iter().any(|case| case["expect"] != "ok"),
            "{id}: no failing case"
        );
        assert!(
            cases.iter().all(|case| case["source"].is_string()),
            "{id}: a case without its source"
        );
    }
}
