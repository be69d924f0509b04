// Interoperability with the peers' own libraries, both directions, on random bodies from 0 B to
// 1 MiB: what they sign, hookseal verifies; what hookseal signs, they verify.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sign as octokitSign, verify as octokitVerify } from "@octokit/webhooks-methods";
import { Webhook } from "hookseal";
import { Webhook as StandardWebhook } from "standardwebhooks";
import Stripe from "stripe";
import { Webhook as SvixWebhook } from "svix";
import { SIZES, prng, randomJson, randomText } from "./support/bodies.mjs";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const stripe = new Stripe("sk_test_interop");

/** Text and JSON bodies of every size; `jsonOnly` for peers whose verify parses JSON, `nonEmpty` for those that refuse an empty payload. */
function* bodies(seed, { jsonOnly = false, nonEmpty = false } = {}) {
  const random = prng(seed);
  for (const size of SIZES) {
    const text = randomText(random, size);
    if (!jsonOnly && !(nonEmpty && text === "")) yield text;
    yield randomJson(random, size);
  }
}

const svixHeaders = (headers) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.replace("webhook-", "svix-"), value]));

test("svix and standardwebhooks sign, hookseal verifies (svix-* and webhook-* headers)", () => {
  const hookseal = new Webhook(SECRET);
  let n = 0;
  for (const body of bodies(1)) {
    const now = new Date();
    const id = `msg_${n++}`;
    const webhookHeaders = {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new StandardWebhook(SECRET).sign(id, now, body),
    };
    assert.equal(hookseal.verify(body, webhookHeaders).id, id);
    const fromSvix = { ...webhookHeaders, "webhook-signature": new SvixWebhook(SECRET).sign(id, now, body) };
    assert.equal(hookseal.verify(Buffer.from(body), svixHeaders(fromSvix)).id, id);
    assert.equal(new Webhook(SECRET, { scheme: "svix" }).verify(body, svixHeaders(fromSvix)).id, id);
  }
  assert.equal(n, SIZES.length * 2);
});

test("hookseal signs, svix and standardwebhooks verify", () => {
  for (const body of bodies(2, { jsonOnly: true })) {
    const headers = new Webhook(SECRET).sign(body, { id: "msg_from_hookseal" });
    new StandardWebhook(SECRET).verify(body, headers);
    new SvixWebhook(SECRET).verify(body, headers);
    const svix = new Webhook(SECRET, { scheme: "svix" }).sign(body, { id: "msg_from_hookseal" });
    assert.deepEqual(Object.keys(svix), ["svix-id", "svix-timestamp", "svix-signature"]);
    new SvixWebhook(SECRET).verify(body, svix);
  }
});

test("a one-byte change fails in hookseal exactly when it fails in the peers", () => {
  const body = randomJson(prng(3), 1024);
  const headers = new Webhook(SECRET).sign(body, { id: "msg_1" });
  const tampered = body.replace("job.completed", "job.complete!");
  assert.throws(() => new StandardWebhook(SECRET).verify(tampered, headers));
  assert.throws(() => new Webhook(SECRET).verify(tampered, headers), { code: "no_matching_signature" });
});

test("@octokit/webhooks-methods and hookseal agree on GitHub signatures", async () => {
  const secret = "It's a Secret to Everybody";
  const github = new Webhook(secret, { scheme: "github" });
  for (const body of bodies(4, { nonEmpty: true })) {
    const signature = await octokitSign(secret, body);
    assert.equal(github.verify(body, { "X-Hub-Signature-256": signature }).scheme, "github");
    const ours = github.sign(body)["x-hub-signature-256"];
    assert.equal(ours, signature);
    assert.equal(await octokitVerify(secret, body, ours), true);
  }
});

test("stripe's test header verifies with scheme stripe, and hookseal's header verifies in stripe", () => {
  const secret = "whsec_stripe_interop_secret";
  const verifier = new Webhook(secret, { scheme: "stripe" });
  for (const body of bodies(5, { nonEmpty: true })) {
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret });
    const message = verifier.verify(body, { "Stripe-Signature": header });
    assert.equal(typeof message.timestamp, "number");
    const ours = verifier.sign(body)["stripe-signature"];
    assert.equal(stripe.webhooks.signature.verifyHeader(body, ours, secret), true);
  }
  const event = JSON.stringify({ id: "evt_1", object: "event", type: "payment_intent.succeeded" });
  const header = verifier.sign(event)["stripe-signature"];
  assert.equal(stripe.webhooks.constructEvent(event, header, secret).id, "evt_1");
});
