// Endpoint challenges (issue #11), answered by the Worker itself and never passed to the origin:
// Zoom's endpoint.url_validation (a signed POST, answered only once it verifies), Meta's
// verification request (a GET with the route's verify token, else 403), X's challenge-response
// check (a GET with crc_token). The expected answers are computed here with node:crypto,
// independently of the Rust core. Routes whose preset has no handshake handle such requests as
// before.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { startOrigin } from "./support/origin.mjs";
import { nowSeconds } from "./support/sign.mjs";
import { ORIGIN_SIGNING_SECRET, bindings, post, startWorkers } from "./support/worker.mjs";

const SECRETS = {
  ZOOM_SECRET: "zoom-secret-token-9f2c",
  ZOOM_SECRET_NEXT: "zoom-secret-token-next-41aa",
  META_APP_SECRET: "meta-app-secret-77d1",
  META_VERIFY_TOKEN: "meatyhamhock",
  WHATSAPP_APP_SECRET: "whatsapp-app-secret-03be",
  WHATSAPP_VERIFY_TOKEN: "vibecoding",
  X_CONSUMER_SECRET: "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu",
  GITHUB_SECRET: "It's a Secret to Everybody",
};

const hmac = (key, ...parts) => {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

/** Zoom's headers: `v0=` + hex HMAC-SHA256 over `v0:{ts}:{body}`, the timestamp in seconds. */
function zoomHeaders(secret, body, timestamp = nowSeconds()) {
  return {
    "x-zm-request-timestamp": String(timestamp),
    "x-zm-signature": `v0=${hmac(secret, `v0:${timestamp}:`, body).toString("hex")}`,
  };
}

/** Zoom's documented challenge (Validate your webhook endpoint), with a fresh event_ts. */
function zoomChallenge(plainToken = "qgg8vlvZRS6UYooatFL8Aw") {
  return Buffer.from(
    JSON.stringify({ payload: { plainToken }, event_ts: Date.now(), event: "endpoint.url_validation" }),
  );
}

/** Meta's documented verification request (Graph API webhooks, Verification Requests). */
const metaQuery = (token, challenge = "1158201444") =>
  `?hub.mode=subscribe&hub.challenge=${challenge}&hub.verify_token=${encodeURIComponent(token)}`;

describe("endpoint challenges", () => {
  let origin;
  let workers;

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    const to = (path) => `${origin.url}/in${path}`;
    const routes = [
      { path: "/hooks/zoom", scheme: "zoom", secrets: ["ZOOM_SECRET", "ZOOM_SECRET_NEXT"], origin: to("/zoom") },
      {
        path: "/hooks/meta",
        scheme: "meta",
        secrets: ["META_APP_SECRET"],
        verifyToken: "META_VERIFY_TOKEN",
        origin: to("/meta"),
      },
      {
        path: "/hooks/whatsapp",
        scheme: "whatsapp",
        secrets: ["WHATSAPP_APP_SECRET"],
        verifyToken: "WHATSAPP_VERIFY_TOKEN",
        origin: to("/whatsapp"),
        delivery: "queue",
      },
      { path: "/hooks/x", scheme: "twitter", secrets: ["X_CONSUMER_SECRET"], origin: to("/x") },
      { path: "/hooks/github", scheme: "github", secrets: ["GITHUB_SECRET"], origin: to("/gh") },
    ];
    workers = await startWorkers({ main: { bindings: bindings(routes, SECRETS), queue: true } });
  });

  after(async () => {
    await workers?.dispose();
    await origin?.close();
  });

  beforeEach(() => origin.clear());

  /** A GET to `path`: { status, type, text }. */
  async function get(path) {
    const response = await workers.fetch("main", path);
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  }

  /** The last log line, once it has arrived. */
  async function lastLog() {
    const count = workers.logs.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logs = await workers.settledLogs(count);
    return logs.at(-1);
  }

  /** Nothing reached the origin, even a little later (queue deliveries run in the background). */
  async function originUntouched() {
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(origin.requests.length, 0, "a challenge never reaches the origin");
  }

  describe("Zoom endpoint.url_validation", () => {
    test("a signed challenge is answered with the plainToken and its HMAC-SHA256, hex", async () => {
      const body = zoomChallenge();
      const response = await workers.fetch("main", "/hooks/zoom", {
        method: "POST",
        headers: { "content-type": "application/json", ...zoomHeaders(SECRETS.ZOOM_SECRET, body) },
        body,
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "application/json");
      assert.deepEqual(await response.json(), {
        plainToken: "qgg8vlvZRS6UYooatFL8Aw",
        encryptedToken: hmac(SECRETS.ZOOM_SECRET, "qgg8vlvZRS6UYooatFL8Aw").toString("hex"),
      });
      const log = await lastLog();
      assert.equal(log.outcome, "handshake");
      assert.equal(log.route, "/hooks/zoom");
      await originUntouched();
    });

    test("during a rotation, answered with the secret that signed it", async () => {
      const body = zoomChallenge("another-plain-token_07");
      const answer = await post(workers, "main", "/hooks/zoom", body, zoomHeaders(SECRETS.ZOOM_SECRET_NEXT, body));
      assert.equal(answer.status, 200);
      assert.equal(answer.json.encryptedToken, hmac(SECRETS.ZOOM_SECRET_NEXT, "another-plain-token_07").toString("hex"));
      await originUntouched();
    });

    test("a challenge with a bad signature is refused (401) and not answered", async () => {
      const body = zoomChallenge();
      const forged = await post(workers, "main", "/hooks/zoom", body, zoomHeaders("not the secret token", body));
      assert.equal(forged.status, 401);
      assert.deepEqual(forged.json, { error: "no_matching_signature" });
      assert.equal((await lastLog()).outcome, "no_matching_signature");
      const unsigned = await post(workers, "main", "/hooks/zoom", body);
      assert.equal(unsigned.status, 401);
      assert.deepEqual(unsigned.json, { error: "missing_header" });
      const old = await post(workers, "main", "/hooks/zoom", body, zoomHeaders(SECRETS.ZOOM_SECRET, body, nowSeconds() - 3600));
      assert.deepEqual([old.status, old.json], [401, { error: "timestamp_too_old" }]);
      for (const answer of [forged, unsigned, old]) {
        assert.ok(!JSON.stringify(answer.json).includes("encryptedToken"));
      }
      await originUntouched();
    });

    test("a signed challenge without a plainToken is refused, never forwarded", async () => {
      const body = Buffer.from('{"event":"endpoint.url_validation","payload":{}}');
      const answer = await post(workers, "main", "/hooks/zoom", body, zoomHeaders(SECRETS.ZOOM_SECRET, body));
      assert.deepEqual([answer.status, answer.json], [401, { error: "malformed_body" }]);
      await originUntouched();
    });

    test("an ordinary Zoom event is verified and forwarded as before", async () => {
      const body = Buffer.from('{"event":"meeting.started","payload":{"account_id":"AAAAAABBBB","object":{"id":"1234567890"}},"event_ts":1626230691572}');
      const answer = await post(workers, "main", "/hooks/zoom", body, zoomHeaders(SECRETS.ZOOM_SECRET, body));
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assert.equal(answer.json.outcome, "forwarded");
      assert.equal(origin.requests.length, 1);
      assert.deepEqual(origin.requests[0].body, body);
      assert.equal(origin.requests[0].signatureOk, true);
    });

    test("a GET is not Zoom's challenge: 405 as before", async () => {
      const answer = await get("/hooks/zoom?crc_token=abc");
      assert.equal(answer.status, 405);
      await originUntouched();
    });
  });

  describe("Meta verification requests", () => {
    test("the documented request with the route's verify token is answered with the challenge", async () => {
      const answer = await get(`/hooks/meta${metaQuery(SECRETS.META_VERIFY_TOKEN)}`);
      assert.deepEqual(answer, { status: 200, type: "text/plain", text: "1158201444" });
      assert.equal((await lastLog()).outcome, "handshake");
      const whatsapp = await get(`/hooks/whatsapp${metaQuery(SECRETS.WHATSAPP_VERIFY_TOKEN, "987654321")}`);
      assert.deepEqual(whatsapp, { status: 200, type: "text/plain", text: "987654321" });
      await originUntouched();
    });

    test("a wrong or missing verify token is refused with 403", async () => {
      for (const query of [
        metaQuery("meatyhamhocks"),
        metaQuery("meatyhamhoc"),
        metaQuery(""),
        // Another route's token, and the route's own app secret, are not its verify token.
        metaQuery(SECRETS.WHATSAPP_VERIFY_TOKEN),
        metaQuery(SECRETS.META_APP_SECRET),
        "?hub.mode=subscribe&hub.challenge=1158201444",
      ]) {
        const answer = await get(`/hooks/meta${query}`);
        assert.equal(answer.status, 403, query);
        assert.ok(!answer.text.includes("1158201444"), query);
        assert.equal((await lastLog()).outcome, "handshake_refused");
      }
      await originUntouched();
    });

    test("a GET that is no verification request is 405 as before", async () => {
      for (const query of ["", "?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock", "?crc_token=x"]) {
        assert.equal((await get(`/hooks/meta${query}`)).status, 405, query);
      }
      await originUntouched();
    });

    test("signed Meta events are verified and delivered as before", async () => {
      const body = Buffer.from('{"entry":[{"time":1520383571,"changes":[{"field":"photos","value":{"verb":"update","object_id":"10211885744794461"}}],"id":"10210299214172187","uid":"10210299214172187"}],"object":"user"}');
      const signature = `sha256=${hmac(SECRETS.META_APP_SECRET, body).toString("hex")}`;
      const answer = await post(workers, "main", "/hooks/meta", body, { "x-hub-signature-256": signature });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assert.equal(origin.requests.length, 1);
      assert.deepEqual(origin.requests[0].body, body);
      const forged = await post(workers, "main", "/hooks/meta", body, {
        "x-hub-signature-256": `sha256=${hmac(SECRETS.META_VERIFY_TOKEN, body).toString("hex")}`,
      });
      assert.deepEqual([forged.status, forged.json], [401, { error: "no_matching_signature" }]);
    });
  });

  describe("X challenge-response checks", () => {
    test("crc_token is answered with sha256= and the base64 HMAC-SHA256 under the consumer secret", async () => {
      // The token of X's developer-relations CRC example, and one with characters to decode.
      for (const [query, token] of [
        ["9b4507b3-9040-4669-9ca3-6b94edb50553", "9b4507b3-9040-4669-9ca3-6b94edb50553"],
        [encodeURIComponent("a+b/c=="), "a+b/c=="],
      ]) {
        const response = await workers.fetch("main", `/hooks/x?crc_token=${query}`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get("content-type"), "application/json");
        const expected = `sha256=${hmac(SECRETS.X_CONSUMER_SECRET, token).toString("base64")}`;
        assert.deepEqual(await response.json(), { response_token: expected });
        assert.equal((await lastLog()).outcome, "handshake");
      }
      await originUntouched();
    });

    test("signed X events are verified and forwarded; a GET without crc_token is 405", async () => {
      const body = Buffer.from('{"for_user_id":"2244994945","favorite_events":[{"id":"a7ba59eab0bfcba386f7acedac279542"}]}');
      const signature = `sha256=${hmac(SECRETS.X_CONSUMER_SECRET, body).toString("base64")}`;
      const answer = await post(workers, "main", "/hooks/x", body, { "x-twitter-webhooks-signature": signature });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assert.equal(origin.requests.length, 1);
      origin.clear();
      assert.equal((await get("/hooks/x")).status, 405);
      assert.equal((await get("/hooks/x?crc_token=")).status, 405);
      await originUntouched();
    });
  });

  describe("routes whose preset has no handshake", () => {
    test("challenge-shaped GETs are 405, as before", async () => {
      for (const query of [metaQuery(SECRETS.META_VERIFY_TOKEN), "?crc_token=9b4507b3"]) {
        const answer = await get(`/hooks/github${query}`);
        assert.equal(answer.status, 405, query);
        assert.equal((await lastLog()).outcome, "method_not_allowed");
      }
      await originUntouched();
    });

    test("an endpoint.url_validation body is an ordinary message: verified, then forwarded", async () => {
      const body = zoomChallenge();
      const unsigned = await post(workers, "main", "/hooks/github", body, zoomHeaders(SECRETS.GITHUB_SECRET, body));
      assert.deepEqual([unsigned.status, unsigned.json], [401, { error: "missing_header" }]);
      assert.equal(origin.requests.length, 0);
      const signature = `sha256=${hmac(SECRETS.GITHUB_SECRET, body).toString("hex")}`;
      const answer = await post(workers, "main", "/hooks/github", body, { "x-hub-signature-256": signature });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assert.equal(answer.json.outcome, "forwarded");
      assert.equal(origin.requests.length, 1);
      assert.deepEqual(origin.requests[0].body, body);
    });
  });
});
