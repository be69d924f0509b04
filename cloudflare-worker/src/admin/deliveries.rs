//! The admin API's view of the delivery log: each route's figures of the last 24 hours, and the
//! entries, newest first.

use crate::config::Config;
use crate::deliveries::{self, COUNT_WINDOW_MS, Command, Counts, Query, minute_of};
use crate::respond::{Log, json};
use crate::runtime::now_ms;
use crate::time::rfc3339;

/// `GET /admin/routes`: every configured route (path, scheme, delivery) with its [`Counts`] since
/// the start of the minute 24 hours ago.
pub(super) async fn routes(
    env: &worker::Env,
    config: &Config,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let now = now_ms();
    let since = minute_of(now.saturating_sub(COUNT_WINDOW_MS));
    let reply = deliveries::ask(env, &Command::Counts { since_ms: since }).await?;
    let routes: Vec<serde_json::Value> = config
        .routes
        .iter()
        .map(|route| {
            serde_json::json!({
                "path": route.path,
                "scheme": route.scheme_id,
                "delivery": route.delivery.name(),
                "counts": Counts::of_route(&reply.counts, &route.path),
            })
        })
        .collect();
    log.outcome("admin_routes");
    json(
        200,
        &serde_json::json!({
            "routes": routes,
            "since": rfc3339(since),
            "now": rfc3339(now),
            "kept": {
                "entriesPerRoute": deliveries::MAX_ENTRIES_PER_ROUTE,
                "days": deliveries::MAX_AGE_MS / 86_400_000,
            },
        }),
    )
}

/// `GET /admin/deliveries`: a page of entries, newest first, and the cursor of the next.
pub(super) async fn list(
    env: &worker::Env,
    query: Query,
    log: &mut Log,
) -> worker::Result<worker::Response> {
    let limit = query.limit as usize;
    let reply = deliveries::ask(
        env,
        &Command::List(Query {
            limit: query.limit + 1,
            ..query
        }),
    )
    .await?;
    let more = reply.rows.len() > limit;
    let rows = reply.rows.get(..limit).unwrap_or(&reply.rows);
    let entries: Vec<serde_json::Value> = rows.iter().filter_map(deliveries::shown).collect();
    let next = if more {
        rows.last().map(|row| row.seq)
    } else {
        None
    };
    log.outcome("admin_deliveries");
    json(
        200,
        &serde_json::json!({ "deliveries": entries, "next": next }),
    )
}
