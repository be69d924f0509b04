//! WebAssembly bindings of `hookseal` for the npm package. Thin on purpose: argument types are
//! checked in the package's JavaScript, every rule lives in the core, and this file only converts.
//!
//! Crossing the boundary costs about 250 ns per string or object, more than hashing 1 KiB, so
//! the hot path (`verifyInput`) takes numbers only: the package writes the headers, as
//! `name\nvalue\n…` lines, and the body into an input buffer in this module's memory, and reads
//! the answer from an output buffer: `+id\ntimestamp\nunsignedId\nunsignedEventType` (empty
//! where absent) on success (`id` only where the signature covers it), `-code\nmessage\nhint` on
//! failure, `!` when a header value holds a line break (the package then names it). Other calls
//! throw `[code, message, hint]` arrays. The package turns failures into
//! `WebhookVerificationError`s.

use hookseal::{
    Algorithm, CustomScheme, Error, Handshake, Headers, RequestContext, Scheme, Secret,
    SecretFormat, SignInput, Signer, Verified, Verifier, VerifyOptions,
};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

/// An error as JavaScript receives it: `[code, message, hint]`.
fn to_js(error: &Error) -> JsValue {
    Array::of3(
        &error.code().into(),
        &error.to_string().into(),
        &error.hint().map_or(JsValue::UNDEFINED, JsValue::from),
    )
    .into()
}

/// The fields a custom scheme object may have: the core's `CustomScheme`, in camelCase.
const CUSTOM_SCHEME_FIELDS: [&str; 19] = [
    "signatureHeader",
    "prefix",
    "encoding",
    "template",
    "idHeader",
    "timestampHeader",
    "eventTypeHeader",
    "secretFormat",
    "toleranceSeconds",
    "algorithm",
    "timestampFormat",
    "signatureKey",
    "timestampKey",
    "entrySeparator",
    "moreSignatureHeaders",
    "tolerancePastOnly",
    "signatureField",
    "timestampField",
    "idField",
];

/// A scheme id (a string), or a custom scheme object read field by field. (Not serde: its
/// error formatting alone doubled the module's size.)
fn scheme_from_js(scheme: &JsValue) -> Result<Scheme, JsValue> {
    scheme_from_object(scheme).map_err(|error| to_js(&error))
}

fn scheme_from_object(scheme: &JsValue) -> Result<Scheme, Error> {
    if let Some(id) = scheme.as_string() {
        return id.parse();
    }
    let invalid = |text: String| Error::InvalidScheme(text);
    let object: &Object = scheme.unchecked_ref();
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !CUSTOM_SCHEME_FIELDS.contains(&key.as_str()) {
            return Err(invalid(format!("unknown field {key}")));
        }
    }
    let field = |name: &str| Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let text = |name: &str| -> Result<Option<String>, Error> {
        let value = field(name);
        if value.is_undefined() {
            return Ok(None);
        }
        value
            .as_string()
            .map(Some)
            .ok_or_else(|| invalid(format!("{name} must be a string")))
    };
    // Empty when the signature is a body field (`signatureField`); the core checks the pair.
    let mut description = CustomScheme::new(text("signatureHeader")?.unwrap_or_default());
    description.signature_field = text("signatureField")?;
    description.timestamp_field = text("timestampField")?;
    description.id_field = text("idField")?;
    if let Some(prefix) = text("prefix")? {
        description.prefix = prefix;
    }
    if let Some(encoding) = text("encoding")? {
        description.encoding = encoding.parse()?;
    }
    if let Some(template) = text("template")? {
        description.template = template;
    }
    description.id_header = text("idHeader")?;
    description.timestamp_header = text("timestampHeader")?;
    description.event_type_header = text("eventTypeHeader")?;
    if let Some(format) = text("secretFormat")? {
        description.secret_format = format.parse()?;
    }
    if let Some(algorithm) = text("algorithm")? {
        description.algorithm = algorithm.parse()?;
    }
    if let Some(format) = text("timestampFormat")? {
        description.timestamp_format = format.parse()?;
    }
    description.signature_key = text("signatureKey")?;
    description.timestamp_key = text("timestampKey")?;
    if let Some(separator) = text("entrySeparator")? {
        let mut chars = separator.chars();
        description.entry_separator = match (chars.next(), chars.next()) {
            (Some(separator), None) => Some(separator),
            _ => return Err(invalid("entrySeparator must be one character".into())),
        };
    }
    let more = field("moreSignatureHeaders");
    if !more.is_undefined() {
        let names = more
            .dyn_ref::<Array>()
            .ok_or_else(|| invalid("moreSignatureHeaders must be an array of strings".into()))?;
        description.more_signature_headers = names
            .iter()
            .map(|name| name.as_string())
            .collect::<Option<_>>()
            .ok_or_else(|| invalid("moreSignatureHeaders must be an array of strings".into()))?;
    }
    let past_only = field("tolerancePastOnly");
    if !past_only.is_undefined() {
        description.tolerance_past_only = past_only
            .as_bool()
            .ok_or_else(|| invalid("tolerancePastOnly must be a boolean".into()))?;
    }
    let tolerance = field("toleranceSeconds");
    if !tolerance.is_undefined() {
        let seconds = tolerance
            .as_f64()
            .filter(|seconds| seconds.fract() == 0.0 && *seconds >= 0.0)
            .ok_or_else(|| invalid("toleranceSeconds must be whole seconds".into()))?;
        description.tolerance_seconds = Some(seconds_u64(seconds));
    }
    Scheme::custom(description)
}

/// The request's URL and method as JavaScript passes them, each optional.
fn context<'a>(url: Option<&'a str>, method: Option<&'a str>) -> RequestContext<'a> {
    let mut request = RequestContext::default();
    request.url = url;
    request.method = method;
    request
}

/// Secrets arrive as strings (read the scheme's way) or `Uint8Array`s (raw key bytes).
enum OwnedSecret {
    Text(String),
    Bytes(Vec<u8>),
}

impl OwnedSecret {
    fn from_js(value: &JsValue) -> OwnedSecret {
        match value.as_string() {
            Some(text) => OwnedSecret::Text(text),
            None => OwnedSecret::Bytes(Uint8Array::new(value).to_vec()),
        }
    }

    fn as_secret(&self) -> Secret<'_> {
        match self {
            OwnedSecret::Text(text) => Secret::Text(text),
            OwnedSecret::Bytes(bytes) => Secret::Bytes(bytes),
        }
    }
}

fn owned_secrets(secrets: &Array) -> Vec<OwnedSecret> {
    secrets
        .iter()
        .map(|secret| OwnedSecret::from_js(&secret))
        .collect()
}

fn options(tolerance_seconds: Option<f64>) -> VerifyOptions {
    VerifyOptions {
        tolerance_seconds: tolerance_seconds.map(seconds_u64),
    }
}

/// Header lines as the package passes them: `name\nvalue\n…` (the package refuses values with
/// line breaks, which HTTP does not allow either). Read in place: no allocation per request.
struct HeaderLines<'a>(&'a str);

/// The most header lines [`SplitLines`] holds; more (only diagnose passes that many) are read
/// from the text on each lookup.
const SPLIT_LINES: usize = 12;

/// Header lines split once, for `verify`, which looks several headers up: splitting the text
/// again on every lookup was a sixth of a small message's verification.
struct SplitLines<'a> {
    pairs: [(&'a str, &'a str); SPLIT_LINES],
    len: usize,
    /// The text itself when it has more lines than `pairs` holds.
    overflow: Option<HeaderLines<'a>>,
}

impl<'a> SplitLines<'a> {
    /// `text` split into `header_count` headers' `name\nvalue` lines, in one scan; `None` when
    /// it holds another number of lines or a carriage return. A value with a line break in it
    /// (which HTTP forbids, but a plain object can hold) would add a line, and one with a carriage
    /// return would carry it into the value: the package then finds the header and throws
    /// `malformed_header` (see [`LINE_BREAK`]), where checking each value in JavaScript (twice,
    /// for `\n` and `\r`) was a twentieth of a small verify.
    fn framed(text: &'a str, header_count: usize) -> Option<Self> {
        let mut split = SplitLines {
            pairs: [("", ""); SPLIT_LINES],
            len: 0,
            overflow: None,
        };
        if text.is_empty() {
            return (header_count == 0).then_some(split);
        }
        let mut lines = 0;
        let mut name = None;
        let mut add = |line: &'a str| {
            lines += 1;
            let Some(name) = name.take() else {
                name = Some(line);
                return;
            };
            match split.pairs.get_mut(split.len) {
                Some(pair) => {
                    *pair = (name, line);
                    split.len += 1;
                }
                None => split.overflow = Some(HeaderLines(text)),
            }
        };
        let mut start = 0;
        for (at, byte) in text.bytes().enumerate() {
            match byte {
                // A line break is one byte, so both sides of it are whole characters.
                b'\n' => {
                    add(text.get(start..at)?);
                    start = at + 1;
                }
                b'\r' => return None,
                _ => {}
            }
        }
        add(text.get(start..)?);
        (lines == 2 * header_count).then_some(split)
    }
}

impl Headers for SplitLines<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        if let Some(lines) = &self.overflow {
            return lines.header(name);
        }
        self.pairs
            .iter()
            .take(self.len)
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
    }
}

impl Headers for HeaderLines<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        let mut lines = self.0.split('\n');
        while let (Some(key), Some(value)) = (lines.next(), lines.next()) {
            if key.eq_ignore_ascii_case(name) {
                return Some(value);
            }
        }
        None
    }
}

/// Writes the answer of `verify` (see the module's documentation) into the output buffer, piece
/// by piece (joining the pieces into a string first was a tenth of a small verify); its length.
fn write_answer(outcome: Result<Verified, Error>) -> usize {
    OUTPUT.with_borrow_mut(|output| {
        output.clear();
        let mut put = |pieces: &[&[u8]]| {
            for piece in pieces {
                output.extend_from_slice(piece);
            }
        };
        match outcome {
            Ok(verified) => {
                let mut digits = [0u8; 20];
                let timestamp = verified
                    .timestamp
                    .map_or(&[][..], |seconds| decimal(seconds, &mut digits));
                put(&[
                    b"+",
                    field(verified.id.as_deref()),
                    b"\n",
                    timestamp,
                    b"\n",
                    field(verified.unsigned.id.as_deref()),
                    b"\n",
                    field(verified.unsigned.event_type.as_deref()),
                ]);
            }
            Err(error) => put(&[
                b"-",
                error.code().as_bytes(),
                b"\n",
                error.to_string().as_bytes(),
                b"\n",
                error.hint().unwrap_or_default().as_bytes(),
            ]),
        }
        output.len()
    })
}

/// An optional field's bytes, empty when absent.
fn field(value: Option<&str>) -> &[u8] {
    value.unwrap_or_default().as_bytes()
}

/// `value` in decimal digits, written at the end of `digits` (a `u64` has at most 20).
fn decimal(mut value: u64, digits: &mut [u8; 20]) -> &[u8] {
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(digit) = digits.get_mut(start) {
            // The remainder of a division by 10 is a single digit.
            #[allow(clippy::cast_possible_truncation)]
            let remainder = (value % 10) as u8;
            *digit = b'0' + remainder;
        }
        value /= 10;
        if value == 0 || start == 0 {
            break;
        }
    }
    digits.get(start..).unwrap_or_default()
}

#[cfg(feature = "diagnose")]
#[allow(clippy::cast_precision_loss)] // Unix seconds stay below 2^53 for 285 million years.
fn verified_to_js(verified: Verified) -> Result<JsValue, JsValue> {
    let object = Object::new();
    if let Some(id) = verified.id {
        Reflect::set(&object, &"id".into(), &id.into())?;
    }
    if let Some(timestamp) = verified.timestamp {
        Reflect::set(&object, &"timestamp".into(), &(timestamp as f64).into())?;
    }
    let unsigned = Object::new();
    if let Some(id) = verified.unsigned.id {
        Reflect::set(&unsigned, &"id".into(), &id.into())?;
    }
    if let Some(event_type) = verified.unsigned.event_type {
        Reflect::set(&unsigned, &"eventType".into(), &event_type.into())?;
    }
    Reflect::set(&object, &"unsigned".into(), &unsigned.into())?;
    Ok(object.into())
}

#[wasm_bindgen]
extern "C" {
    /// The package's hasher of a body for `verifyInputWithInnerHash` (see `setInnerHasher`).
    pub type InnerHasher;

    /// Writes SHA-256 over this module's memory from `start` to `middle`, then the body the
    /// package holds (if it holds one: else the body is in that memory), then the memory from
    /// `middle` to `end`, into the 32 bytes at `end`; `true` once written. A structural method
    /// with number arguments: one plain import call, where `Function::call3` took a crossing per
    /// argument (boxing each number) and a catching wrapper, a quarter of a small verify.
    #[wasm_bindgen(method, structural, js_name = innerHash)]
    fn inner_hash(this: &InnerHasher, start: usize, middle: usize, end: usize) -> bool;
}

/// Verifies webhooks of one scheme against one or more secrets.
#[wasm_bindgen]
pub struct WasmVerifier {
    verifier: Verifier,
    /// What hashes bodies for `verifyInputWithInnerHash`, set once by the package.
    hasher: Option<InnerHasher>,
}

#[wasm_bindgen]
impl WasmVerifier {
    /// `scheme`: an id or a custom scheme object; `secrets`: strings or `Uint8Array`s.
    #[wasm_bindgen(constructor)]
    pub fn new(
        scheme: &JsValue,
        secrets: &Array,
        tolerance_seconds: Option<f64>,
    ) -> Result<WasmVerifier, JsValue> {
        let parsed = scheme_from_js(scheme)?;
        let owned = owned_secrets(secrets);
        let verifier = Verifier::with_options(
            parsed,
            owned.iter().map(OwnedSecret::as_secret),
            options(tolerance_seconds),
        )
        .map_err(|error| to_js(&error))?;
        Ok(WasmVerifier {
            verifier,
            hasher: None,
        })
    }

    /// The scheme's id (`custom` for a custom scheme).
    #[wasm_bindgen(getter, js_name = schemeId)]
    pub fn scheme_id(&self) -> String {
        self.verifier.scheme().id().into()
    }

    /// Whether the host may hash the body (`verifyInputWithInnerHash`): HMAC-SHA256 keys over
    /// the body and fields around it.
    #[wasm_bindgen(getter, js_name = hostMac)]
    pub fn host_mac(&self) -> bool {
        self.verifier.host_mac_applies()
    }

    /// What the scheme's signature covers: some of `body`, `timestamp`, `id`, `url`, `method`.
    #[wasm_bindgen(getter)]
    pub fn covers(&self) -> Vec<String> {
        self.verifier
            .scheme()
            .coverage()
            .names()
            .map(String::from)
            .collect()
    }

    /// The lowercase names of every header the scheme may read.
    #[wasm_bindgen(js_name = headerNames)]
    pub fn header_names(&self) -> Vec<String> {
        self.verifier.scheme().header_names()
    }

    /// Verifies the request the package wrote into the input buffer (see [`input_buffer`]):
    /// `headers_len` bytes of `name\nvalue\n…` lines for `header_count` headers, then `body_len`
    /// bytes of body. Lines that do not come out at `header_count` headers, or hold a carriage
    /// return, answer `!` (see `SplitLines::framed`). Answers
    /// like `verify`, written into the output buffer; returns where it is (see `answer_at`).
    /// Only numbers cross (one call, no allocation): the package encodes a string body straight
    /// into the buffer (`encodeInto`), and decodes the answer with its fastest decoder.
    #[wasm_bindgen(js_name = verifyInput)]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands strings over owned
    pub fn verify_input(
        &self,
        headers_len: usize,
        header_count: usize,
        body_len: usize,
        now: f64,
        url: Option<String>,
        method: Option<String>,
    ) -> f64 {
        let request = context(url.as_deref(), method.as_deref());
        let length = INPUT.with_borrow(|input| match split_input(input, headers_len, body_len) {
            Some((headers, body)) => {
                let Some(headers) = SplitLines::framed(headers, header_count) else {
                    return set_output(LINE_BREAK.as_bytes());
                };
                write_answer(
                    self.verifier
                        .verify_request(body, &headers, &request, seconds(now)),
                )
            }
            None => set_output(INPUT_MISUSED.as_bytes()),
        });
        answer_at(length)
    }

    /// Sets what hashes bodies for [`verify_input_with_inner_hash`](Self::verify_input_with_inner_hash):
    /// an object with an `innerHash(start, middle, end)` method (see [`InnerHasher`]), which must
    /// not throw (a throw would unwind through this module and leave it unusable). Set once, not
    /// passed on each call: no reference crosses per verify.
    #[wasm_bindgen(js_name = setInnerHasher)]
    pub fn set_inner_hasher(&mut self, hasher: InnerHasher) {
        self.hasher = Some(hasher);
    }

    /// Like [`verify_input`](Self::verify_input) with the inner hash of HMAC-SHA256 (the one over
    /// the body) computed by the host, through the hasher (see [`set_inner_hasher`](Self::set_inner_hasher)):
    /// Node's OpenSSL hashes with the CPU's SHA instructions, several times faster than
    /// WebAssembly can. The core computes the outer hash and does every check.
    ///
    /// The input buffer holds `headers_len` bytes of header lines for `header_count` headers
    /// (as for `verifyInput`), and, where `body_in_input`, the body's `body_len` bytes at
    /// `body_at`: in the room left before it, this writes the secret's inner pad and the signed
    /// bytes before the body, and in the room after it the bytes after the body, so that the host
    /// hashes one piece of memory in place (no copy, and the pads never leave this module); with
    /// too little room, this hashes by itself. Otherwise the package holds the body (a large one,
    /// which it streams into a hash rather than copy) and the pad and the bytes around the body
    /// are in the output buffer.
    #[wasm_bindgen(js_name = verifyInputWithInnerHash)]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands strings over owned
    #[allow(clippy::too_many_arguments)] // one crossing: flat numbers, no object to unpack
    pub fn verify_input_with_inner_hash(
        &self,
        headers_len: usize,
        header_count: usize,
        body_in_input: bool,
        body_at: usize,
        body_len: usize,
        now: f64,
        url: Option<String>,
        method: Option<String>,
    ) -> f64 {
        let request = context(url.as_deref(), method.as_deref());
        let now = seconds(now);
        let length = INPUT.with_borrow_mut(|input| {
            let (
                Some(hasher),
                Some(AroundBody {
                    headers,
                    room_before,
                    body,
                    room_after,
                }),
            ) = (
                &self.hasher,
                split_input_around(input, headers_len, body_at, body_len),
            )
            else {
                return set_output(INPUT_MISUSED.as_bytes());
            };
            let Some(headers) = SplitLines::framed(headers, header_count) else {
                return set_output(LINE_BREAK.as_bytes());
            };
            // Set when the signed bytes around the body do not fit the room around it.
            let mut no_room = false;
            let inner = |index: usize, before: &[u8], after: &[u8]| {
                let pad = self.verifier.inner_pad(index)?;
                if !body_in_input {
                    // Pad and `before`, `after`, then room for the digest, in the output buffer.
                    let (start, middle, end) = OUTPUT.with_borrow_mut(|output| {
                        output.clear();
                        output.extend_from_slice(pad);
                        output.extend_from_slice(before);
                        let middle = output.len();
                        output.extend_from_slice(after);
                        let end = output.len();
                        output.extend_from_slice(&[0; 32]);
                        let start = output.as_ptr().expose_provenance();
                        (start, start + middle, start + end)
                    });
                    // Anything but `true` is no hash: that secret matches nothing.
                    hasher.inner_hash(start, middle, end).then_some(())?;
                    return OUTPUT.with_borrow(|output| output.last_chunk::<32>().copied());
                }
                let lead = pad.len() + before.len();
                let start_in_room = room_before.len().checked_sub(lead);
                let (Some(at), Some(written)) =
                    (start_in_room, room_after.get_mut(..after.len() + 32))
                else {
                    no_room = true;
                    return None;
                };
                let (pad_room, before_room) = room_before.get_mut(at..)?.split_at_mut(pad.len());
                pad_room.copy_from_slice(pad);
                before_room.copy_from_slice(before);
                let (after_room, digest) = written.split_at_mut(after.len());
                after_room.copy_from_slice(after);
                let start = pad_room.as_ptr().expose_provenance();
                let end = digest.as_ptr().expose_provenance();
                hasher.inner_hash(start, end, end).then_some(())?;
                digest.first_chunk::<32>().copied()
            };
            let outcome = self
                .verifier
                .verify_request_with_inner_hash(&headers, &request, now, inner);
            if no_room {
                return write_answer(self.verifier.verify_request(body, &headers, &request, now));
            }
            write_answer(outcome)
        });
        answer_at(length)
    }

    /// Answers the endpoint challenge of the scheme's provider (see the core's
    /// `Verifier::answer_handshake`): `[status, contentType, body]`, or `undefined` when the
    /// request is not one; throws when a signed challenge (Zoom's) does not verify.
    #[cfg(feature = "diagnose")]
    #[wasm_bindgen(js_name = answerHandshake)]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands strings over owned
    pub fn answer_handshake(
        &self,
        body: &[u8],
        headers: &str,
        now: f64,
        url: Option<String>,
        method: Option<String>,
        verify_token: Option<String>,
    ) -> Result<Option<Array>, JsValue> {
        let request = context(url.as_deref(), method.as_deref());
        let answer = self.verifier.answer_handshake(
            body,
            &HeaderLines(headers),
            &request,
            seconds(now),
            verify_token.as_deref(),
        );
        match answer {
            None => Ok(None),
            Some(Ok(answer)) => Ok(Some(Array::of3(
                &answer.status.into(),
                &answer.content_type.into(),
                &answer.body.into(),
            ))),
            Some(Err(error)) => Err(to_js(&error)),
        }
    }

    /// Explains the outcome for the holder of the secret (see the core's
    /// `Verifier::diagnose`); `url` and `method` as for `verify`.
    #[cfg(feature = "diagnose")]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands strings over owned
    pub fn diagnose(
        &self,
        body: &[u8],
        headers: &str,
        now: f64,
        url: Option<String>,
        method: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let request = context(url.as_deref(), method.as_deref());
        let diagnosis = self
            .verifier
            .diagnose(body, &HeaderLines(headers), &request, seconds(now));
        diagnosis_to_js(&diagnosis)
    }
}

thread_local! {
    /// Where the package writes a request for `verifyInput`: one buffer for every verifier,
    /// grown to the largest request seen and reused.
    static INPUT: core::cell::RefCell<Vec<u8>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// The address of the input buffer, at least `len` bytes long, for the package to write a
/// request into (through the memory `wasmMemory()` returns) before calling `verifyInput`.
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(len: usize) -> usize {
    INPUT.with_borrow_mut(|input| {
        if input.len() < len {
            input.resize(len, 0);
        }
        input.as_mut_ptr().addr()
    })
}

thread_local! {
    /// The last answer of `verifyInput`, for the package to read (see [`answer_at`]).
    static OUTPUT: core::cell::RefCell<Vec<u8>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Puts `bytes` in the output buffer; their length.
fn set_output(bytes: &[u8]) -> usize {
    OUTPUT.with_borrow_mut(|output| {
        output.clear();
        output.extend_from_slice(bytes);
    });
    bytes.len()
}

/// Where the answer of `length` bytes is: the output buffer's address, plus `length` times
/// 2^32 (exact in an `f64`: both are below 2^32), so that the package reads it without a
/// crossing more (`outputBuffer`) per verify.
#[allow(clippy::cast_precision_loss)] // both below 2^32: the sum is below 2^53
fn answer_at(length: usize) -> f64 {
    let address = OUTPUT.with_borrow(|output| output.as_ptr().addr());
    address as f64 + length as f64 * 4_294_967_296.0
}

/// The module's memory, for writing into the input buffer.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The header lines and the body the package wrote into the input buffer; `None` when the
/// lengths do not fit it or the lines are not UTF-8 (the package's bug, never the request's).
fn split_input(input: &[u8], headers_len: usize, body_len: usize) -> Option<(&str, &[u8])> {
    let (headers, rest) = input.split_at_checked(headers_len)?;
    Some((core::str::from_utf8(headers).ok()?, rest.get(..body_len)?))
}

/// The answer when the header lines are not framed as the package said (see [`SplitLines::framed`]).
const LINE_BREAK: &str = "!";

/// The header lines, the room before the body, the body and the room after it, in the input
/// buffer (see `verifyInputWithInnerHash`).
struct AroundBody<'a> {
    headers: &'a str,
    room_before: &'a mut [u8],
    body: &'a [u8],
    room_after: &'a mut [u8],
}

/// The input buffer's parts for `verifyInputWithInnerHash`; `None` as for [`split_input`].
fn split_input_around(
    input: &mut [u8],
    headers_len: usize,
    body_at: usize,
    body_len: usize,
) -> Option<AroundBody<'_>> {
    let (headers, rest) = input.split_at_mut_checked(headers_len)?;
    let (room_before, rest) = rest.split_at_mut_checked(body_at.checked_sub(headers_len)?)?;
    let (body, room_after) = rest.split_at_mut_checked(body_len)?;
    Some(AroundBody {
        headers: core::str::from_utf8(headers).ok()?,
        room_before,
        body,
        room_after,
    })
}

/// The answer for an input the package wrote wrongly: its `internal_error`.
const INPUT_MISUSED: &str =
    "-internal_error\ninternal error: the input buffer does not hold the request\n";

/// Seconds from JavaScript, checked there (or above) to be whole and non-negative; `as` saturates.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn seconds_u64(seconds: f64) -> u64 {
    seconds as u64
}

fn seconds(now: f64) -> u64 {
    seconds_u64(now)
}

#[cfg(feature = "diagnose")]
#[allow(clippy::cast_precision_loss)]
fn diagnosis_to_js(diagnosis: &hookseal::Diagnosis) -> Result<JsValue, JsValue> {
    let object = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&object, &key.into(), &value).map(|_| ());
    let strings = |items: &[String]| items.iter().map(JsValue::from).collect::<Array>();
    match &diagnosis.outcome {
        Ok(verified) => set("verified", verified_to_js(verified.clone())?)?,
        Err(error) => set("error", to_js(error))?,
    }
    set(
        "detectedScheme",
        diagnosis
            .detected_scheme
            .map_or(JsValue::NULL, JsValue::from),
    )?;
    set(
        "signatureHeader",
        diagnosis
            .signature_header
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from),
    )?;
    set(
        "signedContent",
        diagnosis
            .signed_content
            .as_deref()
            .map_or(JsValue::NULL, |bytes| Uint8Array::from(bytes).into()),
    )?;
    set(
        "expectedSignatures",
        strings(&diagnosis.expected_signatures).into(),
    )?;
    set(
        "receivedSignatures",
        strings(&diagnosis.received_signatures).into(),
    )?;
    set(
        "timestamp",
        diagnosis
            .timestamp
            .map_or(JsValue::NULL, |seconds| (seconds as f64).into()),
    )?;
    set(
        "skewSeconds",
        diagnosis
            .skew_seconds
            .map_or(JsValue::NULL, |skew| (skew as f64).into()),
    )?;
    set(
        "toleranceSeconds",
        (diagnosis.tolerance_seconds as f64).into(),
    )?;
    set("tolerancePastOnly", diagnosis.tolerance_past_only.into())?;
    let covers: Array = diagnosis.coverage.names().map(JsValue::from).collect();
    set("covers", covers.into())?;
    let matches: Array = diagnosis
        .matches
        .iter()
        .map(|matched| -> JsValue {
            let pair = Object::new();
            // Indices are small: the secrets given, and at most MAX_SIGNATURES candidates.
            #[allow(clippy::cast_possible_truncation)]
            let index = |value: usize| JsValue::from(value as u32);
            let _ = Reflect::set(&pair, &"secret".into(), &index(matched.secret));
            let _ = Reflect::set(&pair, &"received".into(), &index(matched.received));
            pair.into()
        })
        .collect();
    set("matches", matches.into())?;
    let hints: Array = diagnosis
        .hints
        .iter()
        .map(|hint| -> JsValue { Array::of2(&hint.code().into(), &hint.message().into()).into() })
        .collect();
    set("hints", hints.into())?;
    Ok(object.into())
}

/// Signs webhooks in one scheme with one secret.
#[wasm_bindgen]
pub struct WasmSigner {
    signer: Signer,
}

#[wasm_bindgen]
impl WasmSigner {
    /// `scheme`: an id or a custom scheme object; `secret`: a string or a `Uint8Array`.
    #[wasm_bindgen(constructor)]
    pub fn new(scheme: &JsValue, secret: &JsValue) -> Result<WasmSigner, JsValue> {
        let scheme = scheme_from_js(scheme)?;
        let secret = OwnedSecret::from_js(secret);
        let signer = Signer::new(scheme, secret.as_secret()).map_err(|error| to_js(&error))?;
        Ok(WasmSigner { signer })
    }

    /// The headers to send, as alternating lowercase names and values.
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands strings over owned
    #[allow(clippy::too_many_arguments)] // one crossing: flat arguments, no object to unpack
    pub fn sign(
        &self,
        body: &[u8],
        id: Option<String>,
        timestamp: Option<f64>,
        event_type: Option<String>,
        url: Option<String>,
        method: Option<String>,
        headers: &str,
    ) -> Result<Vec<String>, JsValue> {
        let request = context(url.as_deref(), method.as_deref());
        // Values of the headers a custom template signs by name, as `name\nvalue\n…` lines.
        let mut lines = headers.split('\n');
        let mut pairs = Vec::new();
        while let (Some(name), Some(value)) = (lines.next(), lines.next()) {
            pairs.push((name, value));
        }
        let input = SignInput {
            id: id.as_deref(),
            timestamp: timestamp.map(seconds),
            event_type: event_type.as_deref(),
            request,
            headers: &pairs,
        };
        let headers = self
            .signer
            .sign(body, &input)
            .map_err(|error| to_js(&error))?;
        Ok(headers
            .into_iter()
            .flat_map(|(name, value)| [name, value])
            .collect())
    }
}

/// Every catalog entry (built-in schemes, then presets) as a plain object: `id`, `name`,
/// `key` (`secret`, `public-key` or `token`), `secretFormat`, `algorithm`, `needs` (`url`,
/// `method` where the scheme signs them), `covers`, `headers` (the lowercase names it reads),
/// `unsignedHeaders` (the headers its senders send that the signature does not cover: an unsigned
/// id, the event type, vendor extras), `signatureHeader` (`undefined` for a signature in the
/// body), `toleranceSeconds`, `tolerancePastOnly`, `handshake`, and `docs`, `signatureLayout`,
/// `signedContent` and `sample` (empty strings without the `diagnose` feature). The package
/// freezes and caches it.
#[wasm_bindgen(js_name = schemeCatalog)]
pub fn scheme_catalog() -> Array {
    Scheme::catalog()
        .filter_map(|scheme| catalog_entry(&scheme).ok())
        .collect()
}

fn catalog_entry(scheme: &Scheme) -> Result<JsValue, JsValue> {
    let entry = scheme.preset().ok_or(JsValue::UNDEFINED)?;
    let coverage = scheme.coverage();
    let key = match scheme.algorithm() {
        Algorithm::Token => "token",
        algorithm if algorithm.is_asymmetric() => "public-key",
        _ => "secret",
    };
    let strings = |items: &mut dyn Iterator<Item = String>| -> JsValue {
        items.map(JsValue::from).collect::<Array>().into()
    };
    let needs = [(coverage.url, "url"), (coverage.method, "method")]
        .into_iter()
        .filter(|(needed, _)| *needed)
        .map(|(_, name)| name.to_string());
    let handshake = match entry.handshake() {
        Some(Handshake::ZoomUrlValidation) => "zoom-url-validation".into(),
        Some(Handshake::MetaVerifyToken) => "meta-verify-token".into(),
        Some(Handshake::TwitterCrc) => "twitter-crc".into(),
        _ => JsValue::UNDEFINED,
    };
    let secret_format = match scheme.secret_format() {
        SecretFormat::Whsec => "whsec",
        SecretFormat::Base64 => "base64",
        SecretFormat::Hex => "hex",
        _ => "utf8",
    };
    let object = Object::new();
    let fields: [(&str, JsValue); 13] = [
        ("id", scheme.id().into()),
        ("name", entry.name().into()),
        ("key", key.into()),
        ("secretFormat", secret_format.into()),
        ("algorithm", scheme.algorithm().id().into()),
        ("needs", strings(&mut needs.into_iter())),
        ("covers", strings(&mut coverage.names().map(String::from))),
        ("headers", strings(&mut scheme.header_names().into_iter())),
        (
            "unsignedHeaders",
            strings(&mut scheme.metadata_header_names().into_iter()),
        ),
        (
            "signatureHeader",
            scheme
                .signature_header()
                .map_or(JsValue::UNDEFINED, JsValue::from),
        ),
        (
            "toleranceSeconds",
            JsValue::from(u32::try_from(entry.tolerance_seconds()).unwrap_or(u32::MAX)),
        ),
        ("tolerancePastOnly", scheme.tolerance_past_only().into()),
        ("handshake", handshake),
    ];
    for (name, value) in fields {
        Reflect::set(&object, &name.into(), &value)?;
    }
    // What explains the scheme to people, for the playground: in the diagnose module; empty
    // strings in the others.
    #[cfg(feature = "diagnose")]
    let explained = [
        entry.docs().into(),
        scheme.signature_layout(),
        scheme.signed_content(),
        entry.sample().into(),
    ];
    #[cfg(not(feature = "diagnose"))]
    let explained: [String; 4] = Default::default();
    for (name, value) in ["docs", "signatureLayout", "signedContent", "sample"]
        .into_iter()
        .zip(explained)
    {
        Reflect::set(&object, &name.into(), &value.into())?;
    }
    Ok(object.into())
}

/// The catalog scheme whose headers the request carries best, or `undefined`.
#[wasm_bindgen(js_name = detectScheme)]
pub fn detect_scheme(headers: &str) -> Option<String> {
    Scheme::detect(&HeaderLines(headers)).map(|scheme| scheme.id().into())
}

/// Every catalog scheme whose headers the request carries, best match first (see the core's
/// `Scheme::candidates`): a guess from headers, never a reason to trust a request.
#[wasm_bindgen(js_name = detectSchemes)]
pub fn detect_schemes(headers: &str) -> Vec<String> {
    Scheme::candidates(&HeaderLines(headers))
        .iter()
        .map(|scheme| scheme.id().into())
        .collect()
}

/// Every header name a catalog scheme reads or detection weighs (its unsigned metadata headers),
/// lowercase, for callers that pass headers to `detectScheme` and `detectSchemes`.
#[wasm_bindgen(js_name = knownHeaderNames)]
pub fn known_header_names() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let every = Scheme::catalog()
        .flat_map(|scheme| [scheme.header_names(), scheme.metadata_header_names()].concat());
    for name in every {
        if !names.contains(&name) {
            names.push(name); // not sort + dedup: the sort alone costs 5 KB of wasm
        }
    }
    names
}
