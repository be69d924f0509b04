// Queue messages as the Worker writes them, made here with node:crypto only (independent of the
// Rust code): {"v": 2, "message": <the message's JSON text>, "mac": base64 HMAC-SHA256 of that
// text}, keyed with HMAC-SHA256(ORIGIN_SIGNING_SECRET's key bytes, "hookseal queue message v1").
import { createHash, createHmac } from "node:crypto";

/** The queue key the Worker derives from a Standard Webhooks `secret` (whsec_...). */
export function queueKey(secret) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return createHmac("sha256", key).update("hookseal queue message v1").digest();
}

/** The queue message text carrying `message` (an object), authenticated for `secret`. */
export function sealQueueMessage(secret, message) {
  const text = JSON.stringify(message);
  const mac = createHmac("sha256", queueKey(secret)).update(text).digest("base64");
  return JSON.stringify({ v: 2, message: text, mac });
}

/** A message of route `route` with id `id` and `body` (a Buffer), inline or `parked` ({ key, body }). */
export function queuedMessage({ route, id, body, scheme = "svix", headers = [["content-type", "application/json"]], parked, acceptedMs = Date.now() }) {
  return {
    message: { route, scheme, id, headers, body: parked ? "" : body.toString("base64") },
    ...(parked ? { parked: { key: parked.key, sha256: createHash("sha256").update(parked.body).digest("hex") } } : {}),
    accepted_ms: acceptedMs,
    replays: 0,
  };
}
