// Endpoint challenges from the package (`Webhook#answerHandshake`): Zoom's endpoint.url_validation
// (a signed POST, answered only once it verifies, with the secret that verified it), Meta's and
// WhatsApp's verification request (a GET, answered only with the right verify token), X's
// challenge-response check (a GET with crc_token). The expected answers are computed here with
// node:crypto, independently of the Rust core, or are the providers' documented examples.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { Webhook, WebhookVerificationError } from "hookseal";

const NOW = 1_700_000_000;
const hmac = (key, text) => createHmac("sha256", key).update(text);

/** Zoom's documented challenge (Validate your webhook endpoint) and its signature headers. */
function zoomChallenge(secret, plainToken = "qgg8vlvZRS6UYooatFL8Aw") {
  const body = JSON.stringify({ payload: { plainToken }, event_ts: NOW * 1000, event: "endpoint.url_validation" });
  const headers = {
    "x-zm-request-timestamp": String(NOW),
    "x-zm-signature": `v0=${hmac(secret, `v0:${NOW}:${body}`).digest("hex")}`,
  };
  return { body, headers };
}

const zoomAnswer = (secret, plainToken = "qgg8vlvZRS6UYooatFL8Aw") =>
  JSON.stringify({ plainToken, encryptedToken: hmac(secret, plainToken).digest("hex") });

/** Meta's documented verification request (Graph API webhooks, Verification Requests). */
const metaUrl = (token) =>
  `https://example.com/webhooks?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(token)}`;

test("a Zoom challenge is answered once it verifies, with the secret that verified it", () => {
  const zoom = new Webhook(["old-secret-token", "zoom-secret-token"], { scheme: "zoom" });
  const { body, headers } = zoomChallenge("zoom-secret-token");
  const answer = zoom.answerHandshake(body, headers, { now: NOW, method: "POST", url: "https://example.com/zoom" });
  assert.deepEqual(answer, { status: 200, contentType: "application/json", body: zoomAnswer("zoom-secret-token") });
  // The same bytes as a Uint8Array body.
  assert.deepEqual(zoom.answerHandshake(Buffer.from(body), headers, { now: NOW, method: "POST" }), answer);
});

test("a forged or stale Zoom challenge is refused like any request that fails verification", () => {
  const zoom = new Webhook("zoom-secret-token", { scheme: "zoom" });
  const forged = zoomChallenge("not-the-secret");
  const stale = zoomChallenge("zoom-secret-token");
  for (const [challenge, now, code] of [
    [forged, NOW, "no_matching_signature"],
    [stale, NOW + 3600, "timestamp_too_old"],
  ]) {
    assert.throws(
      () => zoom.answerHandshake(challenge.body, challenge.headers, { now, method: "POST" }),
      (error) => error instanceof WebhookVerificationError && error.code === code,
    );
  }
});

test("a Zoom event that is not a challenge is left to verify", () => {
  const zoom = new Webhook("zoom-secret-token", { scheme: "zoom" });
  const body = JSON.stringify({ event: "meeting.started", payload: {} });
  const headers = { "x-zm-request-timestamp": String(NOW), "x-zm-signature": `v0=${hmac("zoom-secret-token", `v0:${NOW}:${body}`).digest("hex")}` };
  assert.equal(zoom.answerHandshake(body, headers, { now: NOW, method: "POST" }), null);
  assert.equal(zoom.verify(body, headers, { now: NOW }).scheme, "zoom");
});

test("a Meta or WhatsApp verification request is answered only with the app owner's verify token", () => {
  for (const scheme of ["meta", "whatsapp"]) {
    const meta = new Webhook("app-secret", { scheme });
    const ok = meta.answerHandshake("", {}, { url: metaUrl("meatyhamhock"), method: "GET", verifyToken: "meatyhamhock" });
    assert.deepEqual(ok, { status: 200, contentType: "text/plain", body: "1158201444" });
    for (const [sent, expected] of [["another", "meatyhamhock"], ["meatyhamhock", undefined], ["", ""]]) {
      const refused = meta.answerHandshake("", {}, { url: metaUrl(sent), method: "GET", verifyToken: expected });
      assert.equal(refused?.status, 403, `${scheme}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(expected)}`);
      assert.notEqual(refused.body, "1158201444");
    }
    // A POST (an event) is never a verification request.
    assert.equal(meta.answerHandshake("{}", {}, { url: metaUrl("meatyhamhock"), method: "POST", verifyToken: "meatyhamhock" }), null);
  }
});

test("X's challenge-response check: sha256= and the base64 HMAC of crc_token under the consumer secret", () => {
  const secret = "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu";
  const x = new Webhook(secret, { scheme: "twitter" });
  const crcToken = "9b4507b3-9040-4669-9ca3-6b94edb50553";
  const answer = x.answerHandshake(new Uint8Array(), new Headers(), { url: `https://example.com/x?crc_token=${crcToken}`, method: "GET" });
  const expected = `sha256=${hmac(secret, crcToken).digest("base64")}`;
  assert.deepEqual(answer, { status: 200, contentType: "application/json", body: JSON.stringify({ response_token: expected }) });
});

test("schemes without a handshake, and requests that are not challenges, get null", () => {
  const github = new Webhook("It's a Secret to Everybody", { scheme: "github" });
  assert.equal(github.answerHandshake("", {}, { url: "https://example.com/?crc_token=x", method: "GET" }), null);
  const x = new Webhook("secret", { scheme: "twitter" });
  assert.equal(x.answerHandshake("{}", {}, { url: "https://example.com/x", method: "POST" }), null);
  assert.equal(x.answerHandshake("", {}), null);
});

test("answerHandshake's arguments: TypeError for wrong types, RangeError for a clock out of range", () => {
  const meta = new Webhook("app-secret", { scheme: "meta" });
  assert.throws(() => meta.answerHandshake(42, {}), TypeError);
  assert.throws(() => meta.answerHandshake("", null), TypeError);
  assert.throws(() => meta.answerHandshake("", {}, { verifyToken: 7 }), TypeError);
  assert.throws(() => meta.answerHandshake("", {}, { url: 1 }), TypeError);
  assert.throws(() => meta.answerHandshake("", {}, { now: -1 }), RangeError);
});
