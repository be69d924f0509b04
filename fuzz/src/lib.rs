//! The input format shared by the `verify`, `sign` and `diagnose` fuzz targets, and the oracles
//! they check hookseal against.
//!
//! # Why a framed format rather than `arbitrary`
//!
//! A random input essentially never carries a valid HMAC, so a fuzzer left to itself only ever
//! explores the rejection paths. The seeds therefore come from `tests/vectors`: real signed
//! messages, which the fuzzer then mutates (a header changed, a byte moved, a secret swapped).
//! That needs an input format the seeding can *write*, exactly: `arbitrary`'s byte encoding is
//! an implementation detail (lengths at the end, continuation bits, ranges) with no encoder, so
//! a vector cannot be turned into the bytes that decode to it. This format is small, total
//! (every byte string decodes to some case), and [`Case::encode`] is the inverse of
//! [`Case::decode`] for every case the seeding writes.
//!
//! # Format
//!
//! Five fields separated by `RS` (0x1E); inside a field, items separated by `US` (0x1F):
//!
//! ```text
//! scheme RS params RS secrets RS headers RS body
//! ```
//!
//! - `scheme`: a built-in id (`github`); any other text without `US` picks a built-in by its
//!   first byte. With `US`: a custom scheme, `signatureHeader US prefix US encoding US template
//!   US idHeader US timestampHeader US eventTypeHeader US secretFormat US toleranceSeconds`
//!   (missing or empty items take their defaults; `base64` and `whsec` select those, anything
//!   else hex and utf8).
//! - `params`: `now US tolerance US signId US signTimestamp US signEventType US flip`, numbers in
//!   decimal (empty: `None`; `now` 0). The verifier's clock and tolerance, what `sign` signs, and
//!   which body byte the tamper checks flip.
//! - `secrets`: one per item: `t` + text, `x` + hex of raw key bytes, `b` + raw key bytes; an
//!   item with no known tag is text. At most 8.
//! - `headers`: one per item, `name:value` (split at the first `:`). A name that is a single
//!   byte below 0x10 stands for the scheme's `header_names()[byte % len]`, so the fuzzer reaches
//!   the right headers of any custom scheme. At most 64.
//! - `body`: the rest of the input, verbatim (it may hold `RS` and `US`).
//!
//! Text is read as UTF-8, lossily.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use hookseal::{CustomScheme, Encoding, Scheme, Secret, SecretFormat};
use sha2::Sha256;

/// Separates the five fields.
pub const RS: u8 = 0x1e;
/// Separates the items of a field.
pub const US: u8 = 0x1f;
/// The most secrets read from one input.
pub const MAX_SECRETS: usize = 8;
/// The most headers read from one input.
pub const MAX_HEADERS: usize = 64;

/// A secret as a case holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseSecret {
    /// Read the way the scheme reads text secrets.
    Text(String),
    /// Raw HMAC key bytes.
    Bytes(Vec<u8>),
}

impl CaseSecret {
    /// The core's view of it.
    pub fn as_secret(&self) -> Secret<'_> {
        match self {
            CaseSecret::Text(text) => Secret::Text(text),
            CaseSecret::Bytes(bytes) => Secret::Bytes(bytes),
        }
    }
}

/// What `sign` is asked to sign besides the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignParams {
    /// `SignInput::id`.
    pub id: Option<String>,
    /// `SignInput::timestamp`.
    pub timestamp: Option<u64>,
    /// `SignInput::event_type`.
    pub event_type: Option<String>,
}

/// One fuzz input, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The scheme to verify (or sign) with.
    pub scheme: Scheme,
    /// The verifier's clock, Unix seconds.
    pub now: u64,
    /// `VerifyOptions::tolerance_seconds`.
    pub tolerance: Option<u64>,
    /// The sign target's input.
    pub sign: SignParams,
    /// Which body byte the tamper checks flip (modulo the body's length).
    pub flip: u64,
    /// The secrets, in order.
    pub secrets: Vec<CaseSecret>,
    /// The request headers, in order, names as given.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn optional_text(bytes: &[u8]) -> Option<String> {
    (!bytes.is_empty()).then(|| text(bytes))
}

/// Decimal digits, saturating; `None` when there are none. Other bytes are skipped, so that every
/// mutation still gives a number.
fn number(bytes: &[u8]) -> Option<u64> {
    let mut digits = bytes.iter().filter(|b| b.is_ascii_digit()).peekable();
    digits.peek()?;
    Some(digits.fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

fn items(field: &[u8]) -> impl Iterator<Item = &[u8]> {
    field.split(|&b| b == US)
}

fn hex_decode(text: &[u8]) -> Vec<u8> {
    let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    text.chunks_exact(2)
        .filter_map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

/// The body with one bit flipped (the byte and bit chosen by `flip`), or one byte when empty.
pub fn flipped(body: &[u8], flip: u64) -> Vec<u8> {
    let mut tampered = body.to_vec();
    if tampered.is_empty() {
        tampered.push(0);
    } else {
        let at = (flip % tampered.len() as u64) as usize;
        tampered[at] ^= 1 << (flip % 8);
    }
    tampered
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_scheme(field: &[u8]) -> Scheme {
    if !field.contains(&US) {
        if let Ok(scheme) = text(field).parse::<Scheme>() {
            return scheme;
        }
        let all: Vec<Scheme> = Scheme::BUILT_IN
            .into_iter()
            .chain(Scheme::presets())
            .collect();
        let index = field.first().copied().unwrap_or(0) as usize % all.len();
        return all[index].clone();
    }
    let parts: Vec<&[u8]> = items(field).collect();
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    let description = CustomScheme {
        signature_header: text(part(0)),
        prefix: text(part(1)),
        encoding: if part(2) == b"base64" {
            Encoding::Base64
        } else {
            Encoding::Hex
        },
        template: if part(3).is_empty() {
            "{body}".into()
        } else {
            text(part(3))
        },
        id_header: optional_text(part(4)),
        timestamp_header: optional_text(part(5)),
        event_type_header: optional_text(part(6)),
        secret_format: if part(7) == b"whsec" {
            SecretFormat::Whsec
        } else {
            SecretFormat::Utf8
        },
        tolerance_seconds: number(part(8)),
        // The fields added since (algorithm, key=value entries, more headers): their defaults.
        ..CustomScheme::new(String::new())
    };
    // An invalid description still exercises `Scheme::custom`; the case then uses a built-in.
    Scheme::custom(description).unwrap_or_else(|_| Scheme::BUILT_IN[parts.len() % 8].clone())
}

impl Case {
    /// Decodes any bytes into a case (see the module documentation).
    pub fn decode(data: &[u8]) -> Case {
        let mut fields = data.splitn(5, |&b| b == RS);
        let mut next = || fields.next().unwrap_or_default();
        let (scheme, params, secrets, headers, body) = (next(), next(), next(), next(), next());
        let scheme = decode_scheme(scheme);
        let params: Vec<&[u8]> = items(params).collect();
        let param = |i: usize| params.get(i).copied().unwrap_or_default();
        let secrets = items(secrets)
            .filter(|item| !item.is_empty())
            .take(MAX_SECRETS)
            .map(|item| match item.split_first() {
                Some((b't', rest)) => CaseSecret::Text(text(rest)),
                Some((b'x', rest)) => CaseSecret::Bytes(hex_decode(rest)),
                Some((b'b', rest)) => CaseSecret::Bytes(rest.to_vec()),
                _ => CaseSecret::Text(text(item)),
            })
            .collect();
        let names = scheme.header_names();
        let headers = items(headers)
            .filter(|item| !item.is_empty())
            .take(MAX_HEADERS)
            .map(|item| {
                let (name, value) = match item.iter().position(|&b| b == b':') {
                    Some(colon) => (&item[..colon], &item[colon + 1..]),
                    None => (item, &[][..]),
                };
                let name = match name {
                    [byte] if *byte < 0x10 && !names.is_empty() => {
                        names[*byte as usize % names.len()].clone()
                    }
                    _ => text(name),
                };
                (name, text(value))
            })
            .collect();
        Case {
            scheme,
            now: number(param(0)).unwrap_or(0),
            tolerance: number(param(1)),
            sign: SignParams {
                id: optional_text(param(2)),
                timestamp: number(param(3)),
                event_type: optional_text(param(4)),
            },
            flip: number(param(5)).unwrap_or(0),
            secrets,
            headers,
            body: body.to_vec(),
        }
    }

    /// The bytes [`Case::decode`] reads back as this case, or `None` when some text holds a
    /// separator or cannot be written in this format (the seeding then skips the case).
    pub fn encode(&self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let clean = |s: &str| !s.bytes().any(|b| b == RS || b == US);
        match &self.scheme {
            Scheme::Custom(custom) => {
                let d = custom.description();
                let opt = |o: &Option<String>| o.clone().unwrap_or_default();
                let parts = [
                    d.signature_header.clone(),
                    d.prefix.clone(),
                    match d.encoding {
                        Encoding::Base64 => "base64".into(),
                        _ => "hex".into(),
                    },
                    d.template.clone(),
                    opt(&d.id_header),
                    opt(&d.timestamp_header),
                    opt(&d.event_type_header),
                    match d.secret_format {
                        SecretFormat::Whsec => "whsec".into(),
                        _ => "utf8".into(),
                    },
                    d.tolerance_seconds
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                ];
                if !parts.iter().all(|p| clean(p)) || d.template.is_empty() {
                    return None;
                }
                out.extend_from_slice(parts.join("\u{1f}").as_bytes());
            }
            scheme => out.extend_from_slice(scheme.id().as_bytes()),
        }
        out.push(RS);
        let n = |o: Option<u64>| o.map(|v| v.to_string()).unwrap_or_default();
        let params = [
            self.now.to_string(),
            n(self.tolerance),
            self.sign.id.clone().unwrap_or_default(),
            n(self.sign.timestamp),
            self.sign.event_type.clone().unwrap_or_default(),
            self.flip.to_string(),
        ];
        if !params.iter().all(|p| clean(p)) {
            return None;
        }
        out.extend_from_slice(params.join("\u{1f}").as_bytes());
        out.push(RS);
        let mut secrets = Vec::new();
        for secret in &self.secrets {
            match secret {
                CaseSecret::Text(text) if clean(text) && !text.is_empty() => {
                    secrets.push(format!("t{text}"));
                }
                CaseSecret::Bytes(bytes) if !bytes.is_empty() => {
                    secrets.push(format!("x{}", hex(bytes)));
                }
                _ => return None,
            }
        }
        out.extend_from_slice(secrets.join("\u{1f}").as_bytes());
        out.push(RS);
        let mut headers = Vec::new();
        for (name, value) in &self.headers {
            let one_byte_alias = name.len() == 1 && name.as_bytes()[0] < 0x10;
            if !clean(name)
                || !clean(value)
                || name.contains(':')
                || name.is_empty()
                || one_byte_alias
            {
                return None;
            }
            headers.push(format!("{name}:{value}"));
        }
        out.extend_from_slice(headers.join("\u{1f}").as_bytes());
        out.push(RS);
        out.extend_from_slice(&self.body);
        (Case::decode(&out) == *self).then_some(out)
    }

    /// The secrets as the core takes them.
    pub fn secret_refs(&self) -> Vec<Secret<'_>> {
        self.secrets.iter().map(CaseSecret::as_secret).collect()
    }
}

/// HMAC-SHA256 of `before`, `body`, `after` with the `hmac` crate directly: the host MAC of
/// `Verifier::verify_with_mac`, and the oracle for the expected signatures of a diagnosis.
pub fn reference_mac(key: &[u8], before: &[u8], body: &[u8], after: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(before);
    mac.update(body);
    mac.update(after);
    mac.finalize().into_bytes().into()
}

/// What HMAC-SHA256 actually keys with: a key longer than the hash's block is hashed first, and
/// the key is then padded with zeros to the block. Two keys of the same class give the same MACs
/// (`abc` and `abc\0` do): a check that wants a different key must compare classes.
pub fn hmac_key_class(key: &[u8]) -> Vec<u8> {
    use sha2::Digest as _;
    let mut key = if key.len() > 64 {
        Sha256::digest(key).to_vec()
    } else {
        key.to_vec()
    };
    while key.last() == Some(&0) {
        key.pop();
    }
    key
}

/// Keys that are sure to differ from every one of `keys` as HMAC keys.
pub fn other_keys(keys: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let classes: Vec<Vec<u8>> = keys.iter().map(|key| hmac_key_class(key)).collect();
    keys.iter()
        .map(|key| {
            let mut other = key.clone();
            for salt in 0u8.. {
                other = key.clone();
                other.push(1);
                other.push(salt);
                if !classes.contains(&hmac_key_class(&other)) {
                    break;
                }
            }
            other
        })
        .collect()
}

/// Base64 as the schemes write it.
pub fn base64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

/// The signed-content template of a scheme, as text (`{id}.{timestamp}.{body}`).
pub fn template(scheme: &Scheme) -> String {
    match scheme {
        Scheme::StandardWebhooks | Scheme::Svix => "{id}.{timestamp}.{body}".into(),
        Scheme::Stripe => "{timestamp}.{body}".into(),
        Scheme::Slack => "v0:{timestamp}:{body}".into(),
        Scheme::Custom(custom) => custom.description().template.clone(),
        _ => "{body}".into(),
    }
}

/// The header (lowercase) a scheme reads its message id from, signed or not.
pub fn id_header(scheme: &Scheme) -> Option<String> {
    match scheme {
        Scheme::StandardWebhooks => Some("webhook-id".into()),
        Scheme::Svix => Some("svix-id".into()),
        Scheme::GitHub => Some("x-github-delivery".into()),
        Scheme::Shopify => Some("x-shopify-webhook-id".into()),
        Scheme::Custom(custom) => custom
            .description()
            .id_header
            .as_ref()
            .map(|h| h.to_ascii_lowercase()),
        _ => None,
    }
}

/// The header (lowercase) a scheme reads its timestamp from; Stripe's is in its signature header.
pub fn timestamp_header(scheme: &Scheme) -> Option<String> {
    match scheme {
        Scheme::StandardWebhooks => Some("webhook-timestamp".into()),
        Scheme::Svix => Some("svix-timestamp".into()),
        Scheme::Slack => Some("x-slack-request-timestamp".into()),
        Scheme::Custom(custom) => custom
            .description()
            .timestamp_header
            .as_ref()
            .map(|h| h.to_ascii_lowercase()),
        _ => None,
    }
}

/// Whether the scheme reads an event type header.
pub fn has_event_type_header(scheme: &Scheme) -> bool {
    match scheme {
        Scheme::XWebhookSignature | Scheme::GitHub | Scheme::Shopify => true,
        Scheme::Custom(custom) => custom.description().event_type_header.is_some(),
        _ => false,
    }
}

/// Whether the strict oracles of the targets describe this scheme: the eight original built-in
/// schemes, and custom schemes of the fields this format writes (HMAC-SHA256, fields in headers,
/// a `{id}`/`{timestamp}`/`{body}` template), which is what [`template`], [`id_header`],
/// [`timestamp_header`] and [`has_event_type_header`] know. Catalog presets and the custom
/// fields added since (other algorithms, URL and method, fields read from the body, key=value
/// signature lists) are fuzzed for panics and for the invariants every scheme keeps; their own
/// oracles are still to write.
pub fn classic(scheme: &Scheme) -> bool {
    let shape = match scheme {
        Scheme::Custom(custom) => {
            let d = custom.description();
            *d == CustomScheme {
                signature_header: d.signature_header.clone(),
                prefix: d.prefix.clone(),
                encoding: d.encoding,
                template: d.template.clone(),
                id_header: d.id_header.clone(),
                timestamp_header: d.timestamp_header.clone(),
                event_type_header: d.event_type_header.clone(),
                secret_format: d.secret_format,
                tolerance_seconds: d.tolerance_seconds,
                ..CustomScheme::new(String::new())
            } && matches!(d.encoding, Encoding::Hex | Encoding::Base64)
        }
        Scheme::Preset(_) => false,
        _ => true,
    };
    shape && scheme.host_mac_applies()
}

/// Why a scheme that `Scheme::custom` accepts signs messages it cannot verify, if it does: the
/// known issues the campaign found (see `fuzz/README.md` and `core/tests/fuzz_regressions.rs`).
/// The targets that sign skip these schemes so that the campaign goes on; once `Scheme::custom`
/// refuses such descriptions, this never returns `Some`.
pub fn known_unverifiable(scheme: &Scheme) -> Option<&'static str> {
    let Scheme::Custom(custom) = scheme else {
        return None;
    };
    let d = custom.description();
    let names: Vec<String> = [
        Some(&d.signature_header),
        d.id_header.as_ref(),
        d.timestamp_header.as_ref(),
        d.event_type_header.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|name| name.to_ascii_lowercase())
    .collect();
    if (1..names.len()).any(|i| names[..i].contains(&names[i])) {
        return Some("two of its headers have the same name");
    }
    if d.prefix.starts_with(' ') {
        return Some("its prefix starts with a space, which HTTP trims");
    }
    if d.prefix.len() + 64 > hookseal::MAX_HEADER_BYTES {
        return Some("its prefix makes the signature header too long to verify");
    }
    None
}

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Literal(Vec<u8>),
    /// `{id}`.
    Id,
    /// `{timestamp}`.
    Timestamp,
    /// `{body}`.
    Body,
}

/// A valid template's pieces (the scheme was built, so the template parses).
pub fn pieces(template: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let next = ["{id}", "{timestamp}", "{body}"]
            .iter()
            .filter_map(|p| rest.find(p).map(|at| (at, *p)))
            .min();
        match next {
            Some((at, placeholder)) => {
                if at > 0 {
                    out.push(Piece::Literal(rest[..at].as_bytes().to_vec()));
                }
                out.push(match placeholder {
                    "{id}" => Piece::Id,
                    "{timestamp}" => Piece::Timestamp,
                    _ => Piece::Body,
                });
                rest = &rest[at + placeholder.len()..];
            }
            None => {
                out.push(Piece::Literal(rest.as_bytes().to_vec()));
                rest = "";
            }
        }
    }
    out
}

/// The fields of one reading of signed content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// `{id}`'s bytes.
    pub id: Vec<u8>,
    /// `{timestamp}`'s bytes.
    pub timestamp: Vec<u8>,
    /// `{body}`'s bytes.
    pub body: Vec<u8>,
}

/// Renders the template with these fields.
pub fn render(pieces: &[Piece], reading: &Reading) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in pieces {
        out.extend_from_slice(match piece {
            Piece::Literal(text) => text,
            Piece::Id => &reading.id,
            Piece::Timestamp => &reading.timestamp,
            Piece::Body => &reading.body,
        });
    }
    out
}

/// Every way (up to `limit`, within a bounded search) to read `content` as the template: each field any bytes, each
/// literal exactly. With more than one reading, bytes could move between fields.
pub fn readings(pieces: &[Piece], content: &[u8], limit: usize) -> Vec<Reading> {
    fn walk(
        pieces: &[Piece],
        content: &[u8],
        current: &mut Reading,
        out: &mut Vec<Reading>,
        limit: usize,
        budget: &mut usize,
    ) {
        if out.len() >= limit || *budget == 0 {
            return;
        }
        *budget -= 1;
        let Some((first, rest)) = pieces.split_first() else {
            if content.is_empty() {
                out.push(current.clone());
            }
            return;
        };
        match first {
            Piece::Literal(text) => {
                if let Some(after) = content.strip_prefix(text.as_slice()) {
                    walk(rest, after, current, out, limit, budget);
                }
            }
            field => {
                // A field ends where the next literal starts (two fields never touch), or at
                // the end of the content when it is the last piece.
                let ends: Vec<usize> = match rest.first() {
                    None => vec![content.len()],
                    Some(Piece::Literal(text)) => (0..=content.len())
                        .filter(|&end| content[end..].starts_with(text))
                        .collect(),
                    Some(_) => (0..=content.len()).collect(),
                };
                for end in ends {
                    let value = content[..end].to_vec();
                    let saved = std::mem::replace(field_mut(field, current), value);
                    walk(rest, &content[end..], current, out, limit, budget);
                    *field_mut(field, current) = saved;
                    if out.len() >= limit {
                        return;
                    }
                }
            }
        }
    }
    fn field_mut<'a>(field: &Piece, reading: &'a mut Reading) -> &'a mut Vec<u8> {
        match field {
            Piece::Id => &mut reading.id,
            Piece::Timestamp => &mut reading.timestamp,
            _ => &mut reading.body,
        }
    }
    let mut out = Vec::new();
    // Bounds the search on adversarial content (a literal matching everywhere).
    let mut budget = 10_000;
    walk(
        pieces,
        content,
        &mut Reading::default(),
        &mut out,
        limit,
        &mut budget,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_string_decodes() {
        for data in [
            &b""[..],
            b"\x1e\x1e\x1e\x1e",
            b"\x1f\x1f\x1e\xff",
            b"github\x1e1\x1e",
        ] {
            let _ = Case::decode(data);
        }
    }

    #[test]
    fn encode_is_decodes_inverse() {
        let case = Case {
            scheme: Scheme::custom(CustomScheme {
                template: "{timestamp}.{body}".into(),
                timestamp_header: Some("X-Ts".into()),
                prefix: "sha256=".into(),
                ..CustomScheme::new("X-Sig")
            })
            .unwrap(),
            now: 1_700_000_000,
            tolerance: Some(60),
            sign: SignParams {
                id: Some("msg_1".into()),
                timestamp: Some(1_700_000_000),
                event_type: None,
            },
            flip: 3,
            secrets: vec![
                CaseSecret::Text("s".into()),
                CaseSecret::Bytes(vec![0x1e, 0]),
            ],
            headers: vec![
                ("X-Sig".into(), "sha256=00".into()),
                ("x-ts".into(), "1".into()),
            ],
            body: b"a\x1eb\x1fc".to_vec(),
        };
        let bytes = case.encode().expect("encodable");
        assert_eq!(Case::decode(&bytes), case);
    }

    #[test]
    fn readings_find_every_split() {
        let p = pieces("{id}.{timestamp}.{body}");
        assert_eq!(readings(&p, b"a.1.b", 10).len(), 1);
        assert_eq!(readings(&p, b"a.1.b.c", 10).len(), 3);
        let r = Reading {
            id: b"m".to_vec(),
            timestamp: b"1".to_vec(),
            body: b"x".to_vec(),
        };
        assert_eq!(render(&p, &r), b"m.1.x");
    }
}
