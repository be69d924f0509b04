//! The few things the Worker asks of the Workers runtime besides requests: the clock, random
//! tokens, SQL statements and calls to Durable Objects, and the number conversions they need.
//!
//! Kept in one place so that the plain-Rust modules (the dedupe state machine, the retry
//! decisions) can take the clock and randomness as inputs, and the runtime code calls these.

/// The current time in Unix milliseconds.
pub fn now_ms() -> u64 {
    worker::Date::now().as_millis()
}

/// A random number in `[0, 1)` (for jitter).
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// `bytes` random bytes as lowercase hex, from the runtime's cryptographic generator
/// (`crypto.getRandomValues`): claim tokens and parked-body keys.
pub fn random_hex(bytes: usize) -> String {
    use wasm_bindgen::JsCast as _;
    let array = js_sys::Uint8Array::new_with_length(u32::try_from(bytes).unwrap_or(u32::MAX));
    let filled = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).and_then(|crypto| {
        js_sys::Reflect::get(&crypto, &"getRandomValues".into())?
            .dyn_into::<js_sys::Function>()?
            .call1(&crypto, &array)
    });
    let mut buffer = array.to_vec();
    if filled.is_err() {
        // workerd always has crypto; should it not, the tokens stay unique enough.
        for chunk in buffer.chunks_mut(8) {
            let random = js_sys::Math::random().to_bits().to_le_bytes();
            chunk.copy_from_slice(random.get(..chunk.len()).unwrap_or_default());
        }
    }
    base16ct::lower::encode_string(&buffer)
}

/// A number read from JavaScript or SQLite (always an `f64` there) as a `u64`: negative and
/// NaN become 0, and fractions are cut.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn to_u64(value: f64) -> u64 {
    if value.is_nan() {
        0
    } else {
        value.max(0.0) as u64
    }
}

/// A `u64` as SQLite's integer (`i64`), saturating.
pub fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// A `u64` as a SQL value.
///
/// # Errors
/// Never in practice (the value saturates into range); the runtime's type says it may.
pub fn sql_int(value: u64) -> worker::Result<worker::SqlStorageValue> {
    worker::SqlStorageValue::try_from_i64(to_i64(value))
}

/// Runs a SQL statement whose rows, if any, do not matter. (The dedupe and dead-letter objects
/// both store in SQLite.)
///
/// # Errors
/// What SQLite says.
pub fn run_sql(
    sql: &worker::SqlStorage,
    query: &str,
    bindings: impl Into<Option<Vec<worker::SqlStorageValue>>>,
) -> worker::Result<()> {
    sql.exec(query, bindings)?
        .to_array::<serde::de::IgnoredAny>()
        .map(|_| ())
}

/// POSTs `message` as JSON to a Durable Object (`what` names it in errors) and reads its JSON
/// answer; anything but 200 is an error. The dedupe and dead-letter objects both talk this way.
///
/// # Errors
/// The call failed, or the object answered anything but 200 with JSON.
pub async fn post_json<T: serde::Serialize, R: serde::de::DeserializeOwned>(
    stub: &worker::Stub,
    what: &str,
    message: &T,
) -> worker::Result<R> {
    let mut init = worker::RequestInit::new();
    init.with_method(worker::Method::Post)
        .with_body(Some(serde_json::to_string(message)?.into()));
    let request =
        worker::Request::new_with_init(&format!("https://{what}.hookseal.invalid/"), &init)?;
    let mut response = stub.fetch_with_request(request).await?;
    if response.status_code() != 200 {
        return Err(worker::Error::RustError(format!(
            "{what} answered {}",
            response.status_code()
        )));
    }
    response.json().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_convert_without_surprises() {
        assert_eq!(to_u64(12.9), 12);
        assert_eq!(to_u64(-3.0), 0);
        assert_eq!(to_u64(f64::NAN), 0);
        assert_eq!(to_u64(f64::INFINITY), u64::MAX);
        assert_eq!(to_i64(u64::MAX), i64::MAX);
        assert_eq!(to_i64(7), 7);
    }
}
