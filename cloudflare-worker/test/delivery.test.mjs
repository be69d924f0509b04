// Forwarding outcomes and deduplication: duplicates absorbed at the edge, failed forwards retried
// by the sender's next delivery, origin errors and timeouts answered 502.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startOrigin } from "./support/origin.mjs";
import { fixture, sign } from "./support/sign.mjs";
import { ORIGIN_SIGNING_SECRET, bindings, post, startWorkers, svixRoute } from "./support/worker.mjs";

const SECRETS = {
  SVIX_SECRET: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
  GITHUB_SECRET: "It's a Secret to Everybody",
  SEPTIC_SECRET: "septiccycle-demo-secret",
  STRIPE_SECRET: "whsec_stripe_demo_secret",
  SHOPIFY_SECRET: "shopify-demo-secret",
};

/** The id the Worker derives for a message without a signed id: msg_ + SHA-256(route, body). */
function derivedId(route, body) {
  const digest = createHash("sha256")
    .update("hookseal message id v1\0")
    .update(route)
    .update("\0")
    .update(body)
    .digest("hex");
  return `msg_${digest.slice(0, 32)}`;
}

describe("delivery and deduplication", () => {
  let origin;
  let workers;
  let closedPort;

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    // A port that was just free: nothing listens there.
    const probe = await startOrigin();
    closedPort = probe.port;
    await probe.close();
    const svix = (path, target, extra) => svixRoute(origin, path, target, extra);
    const routes = [
      svix("/hooks/ok", "/ok"),
      svix("/hooks/ok-too", "/ok"),
      svix("/hooks/created", "/created"),
      svix("/hooks/flaky", "/flaky"),
      svix("/hooks/fail", "/fail"),
      svix("/hooks/redirect", "/redirect"),
      svix("/hooks/slow", "/slow?ms=3000", { originTimeoutMs: 300 }),
      svix("/hooks/busy", "/slow?ms=800", { originTimeoutMs: 5000 }),
      svix("/hooks/down", "/x", { origin: `http://127.0.0.1:${closedPort}/x` }),
      svix("/hooks/short", "/ok", { dedupeSeconds: 1 }),
      svix("/hooks/nodedupe", "/ok", { dedupeSeconds: 0 }),
      { path: "/hooks/github", scheme: "github", secrets: ["GITHUB_SECRET"], origin: `${origin.url}/gh` },
      { path: "/hooks/septic", scheme: "septiccycle", secrets: ["SEPTIC_SECRET"], origin: `${origin.url}/septic` },
      { path: "/hooks/stripe", scheme: "stripe", secrets: ["STRIPE_SECRET"], origin: `${origin.url}/stripe` },
      { path: "/hooks/shopify", scheme: "shopify", secrets: ["SHOPIFY_SECRET"], origin: `${origin.url}/shop` },
    ];
    workers = await startWorkers({ main: { bindings: bindings(routes, SECRETS) } });
  });

  after(async () => {
    await workers?.dispose();
    await origin?.close();
  });

  beforeEach(() => origin.clear());

  const body = fixture("carecycle/customer.updated.json");
  const deliver = (path, headers, payload = body) => post(workers, "main", path, payload, headers);
  // Svix re-signs each retry with a new timestamp but the same svix-id.
  const svixDelivery = (id, timestamp) => sign("svix", SECRETS.SVIX_SECRET, body, { id, timestamp });

  test("a second delivery of a forwarded message is absorbed (200, origin not called)", async () => {
    const first = await deliver("/hooks/ok", svixDelivery("msg_dup_1"));
    assert.equal(first.status, 200);
    assert.deepEqual(first.json, { outcome: "forwarded", id: "msg_dup_1" });
    const again = await deliver("/hooks/ok", svixDelivery("msg_dup_1", Math.floor(Date.now() / 1000) - 5));
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, { outcome: "duplicate", id: "msg_dup_1" });
    assert.equal(origin.requests.length, 1);
    const other = await deliver("/hooks/ok", svixDelivery("msg_dup_2"));
    assert.equal(other.json.outcome, "forwarded", "another id is another message");
    assert.equal(origin.requests.length, 2);
  });

  test("deduplication is per route", async () => {
    await deliver("/hooks/ok", svixDelivery("msg_route_1"));
    const elsewhere = await deliver("/hooks/ok-too", svixDelivery("msg_route_1"));
    assert.equal(elsewhere.json.outcome, "forwarded");
    assert.equal(origin.requests.length, 2);
  });

  test("GitHub redeliveries (same X-GitHub-Delivery) are absorbed; webhook-id is derived from route and body", async () => {
    const push = fixture("github/push.json");
    const headers = sign("github", SECRETS.GITHUB_SECRET, push, { id: "72d3162e-cc78-11e3-81ab-4c9367dc0958" });
    assert.equal((await deliver("/hooks/github", headers, push)).json.outcome, "forwarded");
    assert.equal((await deliver("/hooks/github", headers, push)).json.outcome, "duplicate");
    assert.equal(origin.to("/gh").length, 1);
    // X-GitHub-Delivery is not signed: the id comes from the signed body (it was the vendor id
    // before, which let a replay under a new delivery id through).
    assert.equal(origin.to("/gh")[0].headers["webhook-id"], derivedId("/hooks/github", push));
    assert.equal(origin.to("/gh")[0].headers["x-github-delivery"], "72d3162e-cc78-11e3-81ab-4c9367dc0958");
  });

  for (const [scheme, path, target, header] of [
    ["GitHub", "/hooks/github", "/gh", "x-github-delivery"],
    ["Shopify", "/hooks/shopify", "/shop", "x-shopify-webhook-id"],
  ]) {
    test(`replay of a ${scheme} delivery under a new ${header} is absorbed as a duplicate`, async () => {
      const payload = Buffer.from(JSON.stringify({ action: "paid", scheme, amount: 4200 }));
      const secret = scheme === "GitHub" ? SECRETS.GITHUB_SECRET : SECRETS.SHOPIFY_SECRET;
      const genuine = sign(scheme.toLowerCase(), secret, payload, { id: "genuine-delivery-1" });
      const answers = [];
      // The genuine delivery, then the same captured request three times under new ids.
      for (const id of ["genuine-delivery-1", "replay-2", "replay-3", "replay-4"]) {
        answers.push(await deliver(path, { ...genuine, [header]: id }, payload));
      }
      const expected = derivedId(path, payload);
      assert.deepEqual(
        answers.map((answer) => [answer.status, answer.json.outcome, answer.json.id]),
        [
          [200, "forwarded", expected],
          [200, "duplicate", expected],
          [200, "duplicate", expected],
          [200, "duplicate", expected],
        ],
      );
      const received = origin.to(target);
      assert.equal(received.length, 1, "the origin receives the body once");
      assert.equal(received[0].headers["webhook-id"], expected, "webhook-id from signed data only");
      assert.equal(received[0].headers[header], "genuine-delivery-1", `${header} still reaches the origin`);
      assert.ok(received[0].signatureOk);
    });
  }

  test("schemes without ids: the same body is absorbed, another body is not", async () => {
    const job = fixture("septiccycle/job.completed.json");
    const headers = sign("septiccycle", SECRETS.SEPTIC_SECRET, job);
    const first = await deliver("/hooks/septic", headers, job);
    assert.equal(first.json.outcome, "forwarded");
    assert.match(first.json.id, /^msg_[0-9a-f]{32}$/);
    const second = await deliver("/hooks/septic", headers, job);
    assert.deepEqual(second.json, { outcome: "duplicate", id: first.json.id });
    const invoice = fixture("septiccycle/invoice.paid.json");
    const third = await deliver("/hooks/septic", sign("septiccycle", SECRETS.SEPTIC_SECRET, invoice), invoice);
    assert.equal(third.json.outcome, "forwarded");
    assert.notEqual(third.json.id, first.json.id);
    assert.equal(origin.to("/septic").length, 2);
  });

  test("Stripe retries (same event body, new t= signature) get the same id and are absorbed", async () => {
    const event = fixture("stripe/payment_intent.succeeded.json");
    const now = Math.floor(Date.now() / 1000);
    const first = await deliver("/hooks/stripe", sign("stripe", SECRETS.STRIPE_SECRET, event, { timestamp: now - 60 }), event);
    const retry = await deliver("/hooks/stripe", sign("stripe", SECRETS.STRIPE_SECRET, event, { timestamp: now }), event);
    assert.equal(first.json.outcome, "forwarded");
    assert.deepEqual(retry.json, { outcome: "duplicate", id: first.json.id });
    assert.equal(origin.to("/stripe").length, 1);
  });

  test("a failed forward (502) is forwarded again on the sender's retry, with the same webhook-id", async () => {
    const first = await deliver("/hooks/flaky", svixDelivery("msg_flaky_1"));
    assert.equal(first.status, 502);
    assert.deepEqual(first.json, { error: "origin_error", originStatus: 503 });
    const retry = await deliver("/hooks/flaky", svixDelivery("msg_flaky_1"));
    assert.equal(retry.status, 200);
    assert.equal(retry.json.outcome, "forwarded");
    const third = await deliver("/hooks/flaky", svixDelivery("msg_flaky_1"));
    assert.equal(third.json.outcome, "duplicate");
    const received = origin.to("/flaky");
    assert.equal(received.length, 2);
    assert.deepEqual(
      received.map((request) => request.headers["webhook-id"]),
      ["msg_flaky_1", "msg_flaky_1"],
    );
    assert.ok(received.every((request) => request.signatureOk));
  });

  test("origin 500 gives 502, and every retry reaches the origin", async () => {
    for (let i = 0; i < 2; i += 1) {
      const answer = await deliver("/hooks/fail", svixDelivery("msg_fail_1"));
      assert.equal(answer.status, 502);
      assert.deepEqual(answer.json, { error: "origin_error", originStatus: 500 });
    }
    assert.equal(origin.to("/fail").length, 2);
  });

  test("origin timeout gives 502 after originTimeoutMs, and a retry is forwarded again", async () => {
    const started = Date.now();
    const answer = await deliver("/hooks/slow", svixDelivery("msg_slow_1"));
    const took = Date.now() - started;
    assert.equal(answer.status, 502);
    assert.deepEqual(answer.json, { error: "origin_timeout" });
    assert.ok(took >= 250 && took < 2500, `answered after ${took} ms`);
    const retry = await deliver("/hooks/slow", svixDelivery("msg_slow_1"));
    assert.equal(retry.json.error, "origin_timeout");
    assert.equal(origin.to("/slow").length, 2);
  });

  test("an unreachable origin gives 502", async () => {
    const answer = await deliver("/hooks/down", svixDelivery("msg_down_1"));
    assert.equal(answer.status, 502);
    assert.equal(answer.json.error, "origin_unreachable");
  });

  test("redirects are not followed (502); any 2xx counts as delivered", async () => {
    const redirected = await deliver("/hooks/redirect", svixDelivery("msg_redirect_1"));
    assert.equal(redirected.status, 502);
    assert.deepEqual(redirected.json, { error: "origin_error", originStatus: 302 });
    const created = await deliver("/hooks/created", svixDelivery("msg_created_1"));
    assert.equal(created.status, 200);
    assert.equal(created.json.outcome, "forwarded");
  });

  test("a delivery arriving while the same message is being forwarded gets 409 in_flight", async () => {
    const [a, b] = await Promise.all([
      deliver("/hooks/busy", svixDelivery("msg_busy_1")),
      new Promise((resolve) => setTimeout(resolve, 150)).then(() =>
        deliver("/hooks/busy", svixDelivery("msg_busy_1")),
      ),
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 409);
    assert.deepEqual(b.json, { error: "in_flight" });
    assert.equal(b.headers.get("retry-after"), "10");
    assert.equal(origin.to("/slow").length, 1);
    assert.equal((await deliver("/hooks/busy", svixDelivery("msg_busy_1"))).json.outcome, "duplicate");
  });

  test("after dedupeSeconds the message is forwarded again; dedupeSeconds 0 turns dedupe off", async () => {
    await deliver("/hooks/short", svixDelivery("msg_short_1"));
    assert.equal((await deliver("/hooks/short", svixDelivery("msg_short_1"))).json.outcome, "duplicate");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await deliver("/hooks/short", svixDelivery("msg_short_1"))).json.outcome, "forwarded");
    for (let i = 0; i < 2; i += 1) {
      assert.equal((await deliver("/hooks/nodedupe", svixDelivery("msg_nodedupe_1"))).json.outcome, "forwarded");
    }
    assert.equal(origin.requests.length, 4);
  });

  test("outcomes are logged with the origin status", async () => {
    const logs = await workers.settledLogs(25);
    const find = (outcome) => logs.find((line) => line.outcome === outcome);
    assert.equal(find("duplicate").messageId, "msg_dup_1");
    assert.equal(find("origin_error").originStatus, 503);
    assert.equal(find("origin_timeout").route, "/hooks/slow");
    assert.ok(find("origin_unreachable").detail);
    assert.ok(find("in_flight"));
    for (const line of logs) assert.equal(typeof line.durationMs, "number");
  });
});
