//! The few things the Worker asks of the Workers runtime besides requests, grouped by concern as
//! workers-rs groups them: the clock, random tokens and the number conversions JavaScript and
//! SQLite need (here), SQL statements ([`sql`]) and calls to Durable Objects ([`durable`]).
//! Dates are in [`crate::time`].
//!
//! Kept apart so that the plain-Rust modules (the dedupe state machine, the retry decisions, the
//! delivery log's counts) take the clock and randomness as inputs, and the runtime code calls
//! these.

pub mod durable;
pub mod sql;

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
