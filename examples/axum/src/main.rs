//! A Standard Webhooks receiver on axum. `WEBHOOK_SECRET=whsec_… cargo run -p hookseal-axum-example`
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use hookseal::{Scheme, Verifier};

/// `Bytes`, never axum's `Json`: the signature covers the exact bytes (axum reads up to 2 MB by
/// default; `DefaultBodyLimit` changes it). With hookseal's `http` feature, `HeaderMap` is
/// `Headers`.
async fn receive(
    State(verifier): State<Arc<Verifier>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let message = match verifier.verify_now(&body, &headers) {
        Ok(message) => message,
        Err(error) => return refuse(StatusCode::UNAUTHORIZED, error.code()),
    };
    let Ok(payload) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "invalid_json");
    };
    // Standard Webhooks signs webhook-id and webhook-timestamp with the body: `message.id` is
    // safe to deduplicate on, `message.timestamp` is when it was sent. Headers it does not sign
    // would be in `message.unsigned`, apart.
    let line =
        serde_json::json!({ "id": message.id, "timestamp": message.timestamp, "payload": payload });
    println!("{line}");
    StatusCode::NO_CONTENT.into_response()
}

/// `{"error": code}`: hookseal's codes are stable and never carry a secret.
fn refuse(status: StatusCode, code: &str) -> Response {
    let body = serde_json::json!({ "error": code }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Built once: the secrets are decoded and keyed here, not per request.
    let verifier = Verifier::new(
        Scheme::StandardWebhooks,
        [&std::env::var("WEBHOOK_SECRET")?],
    )?;
    let app = Router::new()
        .route("/webhooks", post(receive))
        .with_state(Arc::new(verifier));
    let port: u16 = std::env::var("PORT").map_or(Ok(3000), |port| port.parse())?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
