//! Calls to Durable Objects: every object of the Worker takes a JSON command by POST and answers
//! JSON.

/// POSTs `message` as JSON to a Durable Object (`what` names it in errors) and reads its JSON
/// answer; anything but 200 is an error.
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
