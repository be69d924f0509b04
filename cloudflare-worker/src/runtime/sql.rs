//! SQL statements of the Durable Objects' SQLite storage (the dedupe shards, the dead-letter
//! store, the delivery log).

use super::to_i64;

/// A `u64` as a SQL value.
///
/// # Errors
/// Never in practice (the value saturates into range); the runtime's type says it may.
pub fn sql_int(value: u64) -> worker::Result<worker::SqlStorageValue> {
    worker::SqlStorageValue::try_from_i64(to_i64(value))
}

/// Runs a SQL statement whose rows, if any, do not matter.
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

/// A row of one number named `n` (`SELECT COUNT(*) AS n …`): `None` for SQL `NULL`.
#[derive(serde::Deserialize)]
pub struct Number {
    /// The number (SQLite's numbers reach JavaScript as `f64`).
    pub n: Option<f64>,
}

/// The number a `SELECT … AS n` query gives, 0 for none or `NULL`.
///
/// # Errors
/// What SQLite says.
pub fn number(
    sql: &worker::SqlStorage,
    query: &str,
    bindings: impl Into<Option<Vec<worker::SqlStorageValue>>>,
) -> worker::Result<u64> {
    let rows: Vec<Number> = sql.exec(query, bindings)?.to_array()?;
    Ok(rows.first().and_then(|row| row.n).map_or(0, super::to_u64))
}
