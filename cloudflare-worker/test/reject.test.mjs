// Requests that must not reach the origin: every verification error code (401), tampered bodies,
// expired timestamps, key rotation, bodies over the limit (413), other paths and methods (404/405).
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startOrigin } from "./support/origin.mjs";
import { fixture, nowSeconds, sign } from "./support/sign.mjs";
import { ORIGIN_SIGNING_SECRET, bindings, post, startWorkers } from "./support/worker.mjs";

const SECRETS = {
  GITHUB_SECRET: "It's a Secret to Everybody",
  SVIX_NEW: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
  SVIX_OLD: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  SLACK_SECRET: "slack-signing-secret",
  STRIPE_SECRET: "whsec_stripe_demo_secret",
  SEPTIC_SECRET: "septiccycle-demo-secret",
};
const OTHER_SVIX = "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXk=";

describe("requests that never reach the origin", () => {
  let origin;
  let workers;

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    const to = (path) => `${origin.url}/in${path}`;
    const routes = [
      { path: "/hooks/github", scheme: "github", secrets: ["GITHUB_SECRET"], origin: to("/gh") },
      {
        path: "/hooks/carecycle",
        scheme: "svix",
        secrets: ["SVIX_NEW", "SVIX_OLD"],
        origin: to("/svix"),
      },
      {
        path: "/hooks/strict",
        scheme: "svix",
        secrets: ["SVIX_NEW"],
        origin: to("/strict"),
        toleranceSeconds: 30,
      },
      { path: "/hooks/slack", scheme: "slack", secrets: ["SLACK_SECRET"], origin: to("/slack") },
      { path: "/hooks/stripe", scheme: "stripe", secrets: ["STRIPE_SECRET"], origin: to("/stripe") },
      {
        path: "/hooks/small",
        scheme: "septiccycle",
        secrets: ["SEPTIC_SECRET"],
        origin: to("/small"),
        maxBodyBytes: 1024,
      },
      { path: "/hooks/big", scheme: "septiccycle", secrets: ["SEPTIC_SECRET"], origin: to("/big") },
    ];
    workers = await startWorkers({ main: { bindings: bindings(routes, SECRETS) } });
  });

  after(async () => {
    await workers?.dispose();
    await origin?.close();
  });

  beforeEach(() => origin.clear());

  const body = fixture("github/push.json");
  const svixBody = fixture("carecycle/call.completed.json");

  /** Posts and expects 401 with `code`, and the origin never called. */
  async function rejected(path, payload, headers, code) {
    const answer = await post(workers, "main", path, payload, headers);
    assert.equal(answer.status, 401, JSON.stringify(answer.json));
    assert.deepEqual(answer.json, { error: code });
    assert.equal(origin.requests.length, 0, "the origin is never called");
  }

  test("missing_header: no signature header", async () => {
    const { "x-hub-signature-256": _, ...headers } = sign("github", SECRETS.GITHUB_SECRET, body);
    await rejected("/hooks/github", body, headers, "missing_header");
  });

  test("missing_header: a timestamp header the scheme needs", async () => {
    const { "x-slack-request-timestamp": _, ...headers } = sign("slack", SECRETS.SLACK_SECRET, body);
    await rejected("/hooks/slack", body, headers, "missing_header");
  });

  test("malformed_header: signature without its prefix, Stripe header without t=", async () => {
    const headers = sign("github", SECRETS.GITHUB_SECRET, body);
    headers["x-hub-signature-256"] = headers["x-hub-signature-256"].slice("sha256=".length);
    await rejected("/hooks/github", body, headers, "malformed_header");
    await rejected("/hooks/stripe", body, { "stripe-signature": "v1=00" }, "malformed_header");
  });

  test("invalid_timestamp: milliseconds with a fraction, or not a number", async () => {
    const headers = sign("svix", SECRETS.SVIX_NEW, svixBody);
    await rejected(
      "/hooks/carecycle",
      svixBody,
      { ...headers, "svix-timestamp": `${headers["svix-timestamp"]}.5` },
      "invalid_timestamp",
    );
    const slack = sign("slack", SECRETS.SLACK_SECRET, body);
    await rejected("/hooks/slack", body, { ...slack, "x-slack-request-timestamp": "soon" }, "invalid_timestamp");
  });

  test("timestamp_too_old: an expired timestamp", async () => {
    const headers = sign("svix", SECRETS.SVIX_NEW, svixBody, { timestamp: nowSeconds() - 600 });
    await rejected("/hooks/carecycle", svixBody, headers, "timestamp_too_old");
    const stripe = sign("stripe", SECRETS.STRIPE_SECRET, body, { timestamp: nowSeconds() - 301 });
    await rejected("/hooks/stripe", body, stripe, "timestamp_too_old");
  });

  test("timestamp_too_new: a timestamp from the future", async () => {
    const headers = sign("svix", SECRETS.SVIX_NEW, svixBody, { timestamp: nowSeconds() + 600 });
    await rejected("/hooks/carecycle", svixBody, headers, "timestamp_too_new");
  });

  test("toleranceSeconds tightens the window per route", async () => {
    const headers = sign("svix", SECRETS.SVIX_NEW, svixBody, { timestamp: nowSeconds() - 120 });
    await rejected("/hooks/strict", svixBody, headers, "timestamp_too_old");
    const ok = await post(workers, "main", "/hooks/carecycle", svixBody, headers);
    assert.equal(ok.status, 200, "within the default 300 s");
  });

  test("no_matching_signature: a wrong secret", async () => {
    await rejected("/hooks/github", body, sign("github", "wrong secret", body), "no_matching_signature");
    await rejected("/hooks/carecycle", svixBody, sign("svix", OTHER_SVIX, svixBody), "no_matching_signature");
  });

  test("no_matching_signature: a tampered body", async () => {
    const headers = sign("github", SECRETS.GITHUB_SECRET, body);
    const tampered = Buffer.from(body.toString().replace('"ref"', '"REF"'));
    await rejected("/hooks/github", tampered, headers, "no_matching_signature");
    await rejected("/hooks/github", Buffer.concat([body, Buffer.from("\n")]), headers, "no_matching_signature");
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    await rejected("/hooks/github", reserialized, headers, "no_matching_signature");
  });

  test("key rotation: the old and the new secret both verify, others do not", async () => {
    for (const secret of [SECRETS.SVIX_NEW, SECRETS.SVIX_OLD]) {
      const answer = await post(workers, "main", "/hooks/carecycle", svixBody, sign("svix", secret, svixBody));
      assert.equal(answer.status, 200);
    }
    assert.equal(origin.to("/in/svix").length, 2);
    origin.clear();
    await rejected("/hooks/carecycle", svixBody, sign("svix", OTHER_SVIX, svixBody), "no_matching_signature");
  });

  test("413: a body over maxBodyBytes (declared or streamed) never reaches the origin", async () => {
    const exact = Buffer.alloc(1024, "a");
    const ok = await post(workers, "main", "/hooks/small", exact, sign("septiccycle", SECRETS.SEPTIC_SECRET, exact));
    assert.equal(ok.status, 200, "exactly the limit is accepted");
    origin.clear();
    const over = Buffer.alloc(1025, "a");
    const signed = sign("septiccycle", SECRETS.SEPTIC_SECRET, over);
    const declared = await post(workers, "main", "/hooks/small", over, signed);
    assert.equal(declared.status, 413);
    assert.deepEqual(declared.json, { error: "body_too_large" });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(over.subarray(0, 600)));
        controller.enqueue(new Uint8Array(over.subarray(600)));
        controller.close();
      },
    });
    const streamed = await workers.fetch("main", "/hooks/small", {
      method: "POST",
      headers: signed,
      body: stream,
      duplex: "half",
    });
    assert.equal(streamed.status, 413, "a chunked body without Content-Length is cut off too");
    const big = Buffer.alloc(1024 * 1024 + 1, "b");
    const bigAnswer = await post(workers, "main", "/hooks/big", big, sign("septiccycle", SECRETS.SEPTIC_SECRET, big));
    assert.equal(bigAnswer.status, 413, "the default limit is 1 MiB");
    assert.equal(origin.requests.length, 0);
  });

  test("404 for other paths, 405 for other methods", async () => {
    for (const path of ["/nope", "/hooks/github/", "/hooks", "/HOOKS/GITHUB"]) {
      const answer = await post(workers, "main", path, body, sign("github", SECRETS.GITHUB_SECRET, body));
      assert.equal(answer.status, 404, path);
      assert.deepEqual(answer.json, { error: "not_found" });
    }
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const response = await workers.fetch("main", "/hooks/github", { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get("allow"), "POST");
      assert.deepEqual(await response.json(), { error: "method_not_allowed" });
    }
    const root = await workers.fetch("main", "/", { method: "POST", body: "{}" });
    assert.equal(root.status, 405);
    assert.equal(root.headers.get("allow"), "GET, HEAD");
    await root.text();
    assert.equal(origin.requests.length, 0);
  });

  test("failures are logged with their code and no secret", async () => {
    const logs = await workers.settledLogs(20);
    const codes = new Set(logs.map((line) => line.outcome));
    for (const code of [
      "missing_header",
      "malformed_header",
      "invalid_timestamp",
      "timestamp_too_old",
      "timestamp_too_new",
      "no_matching_signature",
      "body_too_large",
      "not_found",
      "method_not_allowed",
    ]) {
      assert.ok(codes.has(code), code);
    }
    const missing = logs.find((line) => line.outcome === "missing_header");
    assert.equal(missing.route, "/hooks/github");
    assert.equal(missing.scheme, "github");
    assert.match(missing.detail, /x-hub-signature-256/);
    const all = JSON.stringify(logs);
    for (const secret of [...Object.values(SECRETS), ORIGIN_SIGNING_SECRET]) {
      assert.ok(!all.includes(secret));
    }
  });
});
