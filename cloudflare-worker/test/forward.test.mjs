// Every scheme of the core, verified in real workerd and forwarded to an origin stub that checks
// the Worker's Standard Webhooks re-signature (with the standardwebhooks package and node:crypto).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startOrigin } from "./support/origin.mjs";
import { ACME_SCHEME, fixture, sign } from "./support/sign.mjs";
import { ORIGIN_SIGNING_SECRET, bindings, post, startWorkers } from "./support/worker.mjs";

const SECRETS = {
  SW_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  CARECYCLE_SECRET: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
  SEPTICCYCLE_SECRET: "septiccycle-demo-secret",
  JOBS_SECRET: "jobs-demo-secret",
  GITHUB_SECRET: "It's a Secret to Everybody",
  STRIPE_SECRET: "whsec_stripe_demo_secret",
  SLACK_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SHOPIFY_SECRET: "shopify-demo-secret",
  ACME_SECRET: "acme-demo-secret",
};

// scheme, route, secret binding, fixture, and what the origin must see besides the body.
const CASES = [
  ["standard-webhooks", "/hooks/smartcomply", "SW_SECRET", "smartcomply/test.submitted.json", {}],
  ["svix", "/hooks/carecycle", "CARECYCLE_SECRET", "carecycle/customer.updated.json", {}],
  ["septiccycle", "/hooks/septiccycle", "SEPTICCYCLE_SECRET", "septiccycle/job.completed.json", {}],
  [
    "x-webhook-signature",
    "/hooks/jobs",
    "JOBS_SECRET",
    "job-events/job.created.json",
    { "x-webhook-event": "job.created" },
  ],
  ["github", "/hooks/github", "GITHUB_SECRET", "github/push.json", { "x-github-event": "push" }],
  ["stripe", "/hooks/stripe", "STRIPE_SECRET", "stripe/payment_intent.succeeded.json", {}],
  ["slack", "/hooks/slack", "SLACK_SECRET", "slack/event_callback.json", {}],
  [
    "shopify",
    "/hooks/shopify",
    "SHOPIFY_SECRET",
    "shopify/orders.create.json",
    { "x-shopify-topic": "orders/create" },
  ],
  [ACME_SCHEME, "/hooks/custom", "ACME_SECRET", "smartcomply/test.failed.json", {}],
];

const SIGNATURE_HEADERS = [
  "svix-signature",
  "x-septiccycle-signature",
  "x-webhook-signature",
  "x-hub-signature-256",
  "stripe-signature",
  "x-slack-signature",
  "x-slack-request-timestamp",
  "x-shopify-hmac-sha256",
  "x-acme-signature",
  "x-acme-timestamp",
];

describe("verified webhooks are forwarded re-signed", () => {
  let origin;
  let workers;

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    const routes = CASES.map(([scheme, path, secret]) => ({
      path,
      scheme,
      secrets: [secret],
      origin: `${origin.url}/in${path}`,
    }));
    workers = await startWorkers({ main: { bindings: bindings(routes, SECRETS) } });
  });

  after(async () => {
    await workers?.dispose();
    await origin?.close();
  });

  for (const [scheme, path, secret, file, expected] of CASES) {
    const name = typeof scheme === "string" ? scheme : "custom";
    test(`${name}: ${file}`, async () => {
      const body = fixture(file);
      const signed = sign(typeof scheme === "string" ? scheme : "acme", SECRETS[secret], body, {
        eventType: expected["x-webhook-event"],
      });
      const answer = await post(workers, "main", path, body, signed);
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assert.equal(answer.json.outcome, "forwarded");
      const received = origin.to(`/in${path}`);
      assert.equal(received.length, 1);
      const [request] = received;
      assert.equal(request.method, "POST");
      assert.ok(request.body.equals(body), "the exact body bytes reach the origin");
      assert.equal(request.headers["content-type"], "application/json");
      assert.equal(request.signatureOk, true, "node:crypto accepts the re-signature");
      assert.equal(request.oracle, "ok", "standardwebhooks accepts the re-signature");
      assert.equal(request.headers["x-hookseal-route"], path);
      assert.equal(request.headers["x-hookseal-scheme"], name);
      assert.equal(request.headers["webhook-id"], answer.json.id);
      const age = Math.abs(Date.now() / 1000 - Number(request.headers["webhook-timestamp"]));
      assert.ok(age < 60, "a fresh timestamp");
      for (const [header, value] of Object.entries(expected)) {
        assert.equal(request.headers[header], value, header);
      }
      // The message id: the vendor's when its signature covers it (Standard Webhooks, Svix, the
      // custom scheme signing {id}), else derived from route and body. GitHub's X-GitHub-Delivery
      // and Shopify's X-Shopify-Webhook-Id are not signed: they travel under their own names.
      const signedId = signed["webhook-id"] ?? signed["svix-id"] ?? signed["x-acme-id"];
      if (signedId) {
        assert.equal(request.headers["webhook-id"], signedId);
      } else {
        assert.match(request.headers["webhook-id"], /^msg_[0-9a-f]{32}$/);
      }
      for (const header of ["x-github-delivery", "x-shopify-webhook-id"]) {
        if (signed[header]) assert.equal(request.headers[header], signed[header], `${header} carried over`);
      }
      for (const header of SIGNATURE_HEADERS) {
        assert.equal(request.headers[header], undefined, `${header} is not passed on`);
      }
    });
  }

  test("vendor metadata headers are carried over, unsigned ids under their own names (GitHub, Shopify, custom)", () => {
    const github = origin.to("/in/hooks/github")[0];
    assert.ok(github.headers["x-github-delivery"]);
    assert.equal(github.headers["x-github-hook-id"], "292430182");
    const shopify = origin.to("/in/hooks/shopify")[0];
    assert.equal(shopify.headers["x-shopify-shop-domain"], "example.myshopify.com");
    assert.ok(shopify.headers["x-shopify-webhook-id"]);
    assert.match(shopify.headers["webhook-id"], /^msg_[0-9a-f]{32}$/, "not the unsigned X-Shopify-Webhook-Id");
    const custom = origin.to("/in/hooks/custom")[0];
    assert.equal(custom.headers["x-acme-event"], "thing.happened");
    // Its id is signed ({id} in the template): it travels as webhook-id, not under its own name.
    assert.equal(custom.headers["x-acme-id"], undefined);
    assert.match(custom.headers["webhook-id"], /^msg_[0-9a-f]{32}$/);
  });

  test("bodies arrive byte for byte: binary, CRLF, no trailing newline, other content types", async () => {
    const body = Buffer.concat([
      Buffer.from("line one\r\nline two \t\r\n"),
      Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]),
      Buffer.from("ünïcödé"),
    ]);
    const signed = sign("septiccycle", SECRETS.SEPTICCYCLE_SECRET, body);
    const answer = await post(workers, "main", "/hooks/septiccycle", body, {
      ...signed,
      "content-type": "application/octet-stream",
    });
    assert.equal(answer.status, 200);
    const request = origin.to("/in/hooks/septiccycle").at(-1);
    assert.ok(request.body.equals(body));
    assert.equal(request.headers["content-type"], "application/octet-stream");
    assert.equal(request.signatureOk, true);
  });

  test("GET / answers a health document with routes and schemes, never secrets or origins", async () => {
    const response = await workers.fetch("main", "/");
    assert.equal(response.status, 200);
    const text = await response.text();
    const health = JSON.parse(text);
    assert.equal(health.ok, true);
    assert.deepEqual(
      health.routes.map((route) => [route.path, route.scheme]),
      CASES.map(([scheme, path]) => [path, typeof scheme === "string" ? scheme : "custom"]),
    );
    for (const value of [...Object.values(SECRETS), ORIGIN_SIGNING_SECRET, origin.url]) {
      assert.ok(!text.includes(value), "no secret or origin in the health document");
    }
  });

  test("every request writes one structured JSON log line without secrets or bodies", async () => {
    const logs = await workers.settledLogs(CASES.length + 2);
    const forwarded = logs.filter((line) => line.outcome === "forwarded");
    assert.ok(forwarded.length >= CASES.length);
    for (const line of forwarded) {
      assert.equal(typeof line.route, "string");
      assert.equal(typeof line.scheme, "string");
      assert.equal(line.originStatus, 200);
      assert.equal(typeof line.durationMs, "number");
      assert.match(line.messageId, /\S/);
    }
    const all = JSON.stringify(logs);
    for (const value of [...Object.values(SECRETS), ORIGIN_SIGNING_SECRET, "payment_intent"]) {
      assert.ok(!all.includes(value), "no secret or body in the logs");
    }
  });
});
