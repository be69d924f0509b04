// Interoperability with the vendors' own SDKs for the catalog's presets (issue #11), on seeded
// random bodies from 0 B to 1 MiB, in the style of interop-vendors.test.mjs: what hookseal
// signs, the vendor's verifier accepts; what the vendor's own code signs, hookseal verifies; a
// tampered body fails in both. Where an SDK only verifies, the vendor's documented algorithm
// signs through node:crypto (and, for the Standard Webhooks framings, the standardwebhooks
// package); where it has a signer of its own (Coinbase Commerce's computeSignature, WorkOS's
// computeSignature, Modern Treasury's getSignature, Pusher's Token#sign, Sanity's
// encodeSignatureHeader, HubSpot's Signature.getSignature, Box's computeWebhookSignature), that
// signs. Where they disagree, a `todo` test says how.
//
// SDKs (exact versions in package.json, all run on Node 20, offline): razorpay, openai,
// coinbase-commerce-node, @workos-inc/node, replicate, modern-treasury, gocardless-nodejs,
// @onfido/api, pusher, @sanity/webhook, lithic, @polar-sh/sdk, telnyx, @linear/sdk,
// @hubspot/api-client, box-typescript-sdk-gen. Versions that need Node 22 (openai 7,
// @workos-inc/node 9+, @hubspot/api-client 14, @polar-sh/sdk 1) are pinned to their last Node 20 line.
import assert from "node:assert/strict";
import { createHmac, createPrivateKey, createPublicKey, sign as cryptoSign } from "node:crypto";
import { test } from "node:test";
import { Signature as HubSpotSignature } from "@hubspot/api-client";
import { LinearWebhookClient } from "@linear/sdk/webhooks";
import { OnfidoInvalidSignatureError, WebhookEventVerifier } from "@onfido/api";
import { SDKValidationError } from "@polar-sh/sdk/models/errors/sdkvalidationerror.js";
import { WebhookVerificationError as PolarWebhookVerificationError, validateEvent } from "@polar-sh/sdk/webhooks";
import { encodeSignatureHeader, isValidSignature as sanityIsValid } from "@sanity/webhook";
import { WorkOS } from "@workos-inc/node";
import { computeWebhookSignature } from "box-typescript-sdk-gen/internal/utils";
import { WebhooksManager } from "box-typescript-sdk-gen/managers/webhooks.generated";
import coinbase from "coinbase-commerce-node";
import * as gocardless from "gocardless-nodejs/webhooks";
import { Webhook } from "hookseal";
import Lithic from "lithic";
import ModernTreasury from "modern-treasury";
import OpenAI from "openai";
import Pusher from "pusher";
import Razorpay from "razorpay";
import { validateWebhook as replicateValidate } from "replicate";
import { Webhook as StandardWebhook } from "standardwebhooks";
import Telnyx from "telnyx";
import { TelnyxWebhook, TelnyxWebhookVerificationError } from "telnyx/lib/webhooks";
import { SIZES, prng, randomJson, randomText, tamper, describeBody as describe, nowSeconds as now } from "./support/bodies.mjs";

/** Text and JSON bodies of every size in SIZES; `jsonOnly` for SDKs that parse the body, `nonEmpty` for those that refuse an empty one. */
function* bodies(seed, { jsonOnly = false, nonEmpty = false } = {}) {
  const random = prng(seed);
  for (const size of SIZES) {
    const text = randomText(random, size);
    if (!jsonOnly && !(nonEmpty && text === "")) yield text;
    yield randomJson(random, size);
  }
}
const BODIES_PER_SEED = SIZES.length * 2;

const hmacHex = (key, content) => createHmac("sha256", key).update(content).digest("hex");
const hmacBase64 = (key, content) => createHmac("sha256", key).update(content).digest("base64");

// ---------------------------------------------------------------------------------------------
// Body-only HMAC-SHA256, lowercase hex, secret as UTF-8: Razorpay, Coinbase Commerce, Modern
// Treasury, GoCardless, Onfido, Pusher.

test("razorpay: node:crypto signs, hookseal and Razorpay.validateWebhookSignature verify; hookseal signs, validateWebhookSignature accepts; tampering fails in both", () => {
  const secret = "razorpay_webhook_secret_é!";
  const hook = new Webhook(secret, { scheme: "razorpay" });
  const random = prng(1101);
  let n = 0;
  for (const body of bodies(1101)) {
    const context = describe(body);
    const signature = hmacHex(secret, body);
    const headers = { "X-Razorpay-Signature": signature };
    assert.equal(Razorpay.validateWebhookSignature(body, signature, secret), true, context);
    assert.equal(Razorpay.validateWebhookSignature(Buffer.from(body), signature, secret), true, context);
    assert.equal(hook.verify(body, headers).scheme, "razorpay", context);

    const ours = hook.sign(body);
    assert.deepEqual(ours, { "x-razorpay-signature": signature }, context);
    assert.equal(Razorpay.validateWebhookSignature(body, ours["x-razorpay-signature"], secret), true, context);

    const tampered = tamper(body, random);
    assert.equal(Razorpay.validateWebhookSignature(tampered, signature, secret), false, context);
    assert.throws(() => hook.verify(tampered, headers), { code: "no_matching_signature" }, context);
    // Another secret fails in both.
    assert.equal(Razorpay.validateWebhookSignature(body, signature, `${secret}x`), false, context);
    assert.throws(() => new Webhook(`${secret}x`, { scheme: "razorpay" }).verify(body, headers), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
});

test("coinbase-commerce: Webhook.computeSignature signs, hookseal verifies; hookseal signs, verifySigHeader and verifyEventBody accept; tampering fails in both", () => {
  const secret = "c0inbase-shared-secret";
  const hook = new Webhook(secret, { scheme: "coinbase-commerce" });
  const random = prng(1201);
  let n = 0;
  for (const body of bodies(1201)) {
    const context = describe(body);
    const signature = coinbase.Webhook.computeSignature(body, secret);
    assert.equal(signature, hmacHex(secret, body), context);
    const headers = { "X-CC-Webhook-Signature": signature };
    assert.equal(coinbase.Webhook.verifySigHeader(body, signature, secret), true, context);
    assert.equal(hook.verify(body, headers).scheme, "coinbase-commerce", context);

    const ours = hook.sign(body);
    assert.deepEqual(ours, { "x-cc-webhook-signature": signature }, context);
    assert.equal(coinbase.Webhook.verifySigHeader(body, ours["x-cc-webhook-signature"], secret), true, context);

    const tampered = tamper(body, random);
    assert.throws(() => coinbase.Webhook.verifySigHeader(tampered, signature, secret), coinbase.errors.SignatureVerificationError, context);
    assert.throws(() => hook.verify(tampered, headers), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
  // A whole event through verifyEventBody (it parses the body and needs its `event`).
  const event = JSON.stringify({ id: 1, scheduled_for: "2017-01-31T20:50:02Z", event: { id: "24934862", type: "charge:created", data: { note: randomText(random, 2048) } } });
  const signature = hook.sign(event)["x-cc-webhook-signature"];
  assert.equal(coinbase.Webhook.verifyEventBody(event, signature, secret).type, "charge:created");
});

test("modern-treasury: webhooks.getSignature signs, hookseal verifies; hookseal signs, webhooks.validateSignature accepts; tampering fails in both", () => {
  const key = "mt_webhook_key_ünïcode";
  const client = new ModernTreasury({ apiKey: "interop-not-used", organizationID: "interop-not-used", webhookKey: key });
  const hook = new Webhook(key, { scheme: "modern-treasury" });
  const random = prng(1301);
  let n = 0;
  for (const body of bodies(1301)) {
    const context = describe(body);
    const signature = client.webhooks.getSignature(body);
    assert.equal(signature, hmacHex(key, body), context);
    const headers = { "X-Signature": signature, "X-Webhook-ID": `wh_${n}` };
    assert.equal(client.webhooks.validateSignature(body, headers), true, context);
    assert.equal(hook.verify(body, headers).scheme, "modern-treasury", context);

    const ours = hook.sign(body);
    assert.equal(ours["x-signature"], signature, context);
    assert.equal(client.webhooks.validateSignature(body, ours), true, context);
    assert.equal(client.webhooks.validateSignature(body, new Headers(ours)), true, context);

    const tampered = tamper(body, random);
    assert.equal(client.webhooks.validateSignature(tampered, headers), false, context);
    assert.throws(() => hook.verify(tampered, headers), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
});

test("gocardless: node:crypto signs, hookseal and webhooks.verifySignature verify; hookseal signs, verifySignature and parse accept; tampering fails in both", () => {
  const secret = "gocardless_endpoint_secret_1234";
  const hook = new Webhook(secret, { scheme: "gocardless" });
  const random = prng(1401);
  let n = 0;
  for (const body of bodies(1401)) {
    const context = describe(body);
    const signature = hmacHex(secret, body);
    const headers = { "Webhook-Signature": signature };
    assert.doesNotThrow(() => gocardless.verifySignature(body, secret, signature), context);
    assert.doesNotThrow(() => gocardless.verifySignature(Buffer.from(body), secret, signature), context);
    assert.equal(hook.verify(body, headers).scheme, "gocardless", context);

    const ours = hook.sign(body);
    assert.deepEqual(ours, { "webhook-signature": signature }, context);
    assert.doesNotThrow(() => gocardless.verifySignature(body, secret, ours["webhook-signature"]), context);

    const tampered = tamper(body, random);
    assert.throws(() => gocardless.verifySignature(tampered, secret, signature), (error) => error.name === "InvalidSignatureError", context);
    assert.throws(() => hook.verify(tampered, headers), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
  // A whole delivery through parse and parseWithMeta (they parse `events` and `meta`).
  const delivery = JSON.stringify({
    events: [{ id: "EV00BD05S5VM2T", resource_type: "subscriptions", action: "created", details: { description: randomText(random, 1024) } }],
    meta: { webhook_id: "WB00000PDS8M5K" },
  });
  const signature = hook.sign(delivery)["webhook-signature"];
  assert.equal(gocardless.parse(delivery, secret, signature)[0].id, "EV00BD05S5VM2T");
  assert.equal(gocardless.parseWithMeta(Buffer.from(delivery), secret, signature).webhookId, "WB00000PDS8M5K");
});

test("onfido: node:crypto signs, hookseal and WebhookEventVerifier.readPayload verify; hookseal signs, readPayload accepts; tampering fails in both", () => {
  const token = "onfido_webhook_token_7Hx";
  const verifier = new WebhookEventVerifier(token);
  const hook = new Webhook(token, { scheme: "onfido" });
  const random = prng(1501);
  let n = 0;
  // readPayload returns the parsed JSON: JSON bodies only.
  for (const body of bodies(1501, { jsonOnly: true })) {
    const context = describe(body);
    const signature = hmacHex(token, body);
    const headers = { "X-SHA2-Signature": signature };
    assert.deepEqual(verifier.readPayload(body, signature), JSON.parse(body), context);
    assert.equal(hook.verify(body, headers).scheme, "onfido", context);

    const ours = hook.sign(body);
    assert.deepEqual(ours, { "x-sha2-signature": signature }, context);
    assert.deepEqual(verifier.readPayload(Buffer.from(body), ours["x-sha2-signature"]), JSON.parse(body), context);

    const tampered = tamper(body, random);
    assert.throws(() => verifier.readPayload(tampered, signature), OnfidoInvalidSignatureError, context);
    assert.throws(() => hook.verify(tampered, headers), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, SIZES.length);
});

test("pusher: Token#sign signs, hookseal verifies; hookseal signs, pusher.webhook(…).isValid accepts; tampering fails in both", () => {
  const appKey = "278d425bdf160c739803";
  const secret = "7ad3773142a6692b25b8";
  const pusher = new Pusher({ appId: "1", key: appKey, secret, cluster: "mt1" });
  const hook = new Webhook(secret, { scheme: "pusher" });
  const random = prng(1601);
  const request = (rawBody, signature) => ({
    headers: { "x-pusher-key": appKey, "x-pusher-signature": signature, "content-type": "application/json" },
    rawBody,
  });
  let n = 0;
  // The SDK's WebHook takes only JSON bodies (application/json that parses).
  for (const body of bodies(1601, { jsonOnly: true })) {
    const context = describe(body);
    const signature = pusher.webhook(request(body, "")).token.sign(body);
    assert.equal(signature, hmacHex(secret, body), context);
    assert.equal(pusher.webhook(request(body, signature)).isValid(), true, context);
    assert.equal(hook.verify(body, { "X-Pusher-Key": appKey, "X-Pusher-Signature": signature }).scheme, "pusher", context);

    const ours = hook.sign(body);
    assert.deepEqual(ours, { "x-pusher-signature": signature }, context);
    const webhook = pusher.webhook(request(body, ours["x-pusher-signature"]));
    assert.equal(webhook.isValid(), true, context);
    assert.deepEqual(webhook.getData(), JSON.parse(body), context);

    const tampered = tamper(body, random);
    // A tampered JSON body may no longer parse: isValid is false either way.
    assert.equal(pusher.webhook(request(tampered, signature)).isValid(), false, context);
    assert.throws(() => hook.verify(tampered, { "X-Pusher-Signature": signature }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, SIZES.length);
  // Pusher's documented sample event.
  const event = '{"time_ms":1403175510755,"events":[{"channel":"test_channel","name":"channel_vacated"}]}';
  const webhook = pusher.webhook(request(event, hook.sign(event)["x-pusher-signature"]));
  assert.equal(webhook.isValid(), true);
  assert.equal(webhook.getEvents()[0].name, "channel_vacated");
});

// ---------------------------------------------------------------------------------------------
// Standard Webhooks framing (`{id}.{timestamp}.{body}`, `v1,<base64>`, whsec_ secret): OpenAI
// and Replicate. Neither SDK signs; node:crypto and the standardwebhooks package do.

const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const WHSEC_KEY = Buffer.from(WHSEC.slice("whsec_".length), "base64");

test("openai: node:crypto and standardwebhooks sign, hookseal and webhooks.verifySignature/unwrap verify; hookseal signs, the SDK accepts; tampering fails in both", async () => {
  const client = new OpenAI({ apiKey: "sk-interop-not-used", webhookSecret: WHSEC });
  const hook = new Webhook(WHSEC, { scheme: "openai" });
  const random = prng(1701);
  let n = 0;
  for (const body of bodies(1701)) {
    const context = describe(body);
    const id = `wh_685342e6c53c8190a1be43f081506c52_${n}`;
    const t = now();
    const signature = `v1,${hmacBase64(WHSEC_KEY, `${id}.${t}.${body}`)}`;
    assert.equal(new StandardWebhook(WHSEC).sign(id, new Date(t * 1000), body), signature, context);
    const headers = { "webhook-id": id, "webhook-timestamp": String(t), "webhook-signature": signature };
    await client.webhooks.verifySignature(body, headers);
    assert.equal(hook.verify(body, headers, { now: t }).id, id, context);

    const ours = hook.sign(body, { id, timestamp: t });
    assert.deepEqual(ours, headers, context);
    await client.webhooks.verifySignature(body, ours);
    await client.webhooks.verifySignature(body, new Headers(hook.sign(body, { id })));

    const tampered = tamper(body, random);
    await assert.rejects(client.webhooks.verifySignature(tampered, headers), OpenAI.InvalidWebhookSignatureError, context);
    assert.throws(() => hook.verify(tampered, headers, { now: t }), { code: "no_matching_signature" }, context);
    // The id is signed too.
    const moved = { ...headers, "webhook-id": `${id}x` };
    await assert.rejects(client.webhooks.verifySignature(body, moved), OpenAI.InvalidWebhookSignatureError, context);
    assert.throws(() => hook.verify(body, moved, { now: t }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
  // A whole event through unwrap (it parses the JSON), with a rotated signature first in the header.
  const event = '{"id": "evt_685c059ae3a481909bdc86819b066fb6", "object": "event", "created_at": 1750861210, "type": "response.completed", "data": {"id": "resp_123"}}';
  const headers = hook.sign(event, { id: "wh_interop" });
  headers["webhook-signature"] = `v1,${Buffer.alloc(32).toString("base64")} ${headers["webhook-signature"]}`;
  assert.equal((await client.webhooks.unwrap(event, headers)).type, "response.completed");
  assert.equal(hook.verify(event, headers).id, "wh_interop");
});

test("openai: both reject a timestamp past the 300 s window, either way", async () => {
  const client = new OpenAI({ apiKey: "sk-interop-not-used", webhookSecret: WHSEC });
  const hook = new Webhook(WHSEC, { scheme: "openai" });
  const body = randomJson(prng(1702), 256);
  for (const offset of [-301, 301]) {
    const headers = hook.sign(body, { id: "wh_window", timestamp: now() + offset });
    await assert.rejects(client.webhooks.verifySignature(body, headers), OpenAI.InvalidWebhookSignatureError, `offset ${offset}`);
    assert.throws(() => hook.verify(body, headers), { code: offset < 0 ? "timestamp_too_old" : "timestamp_too_new" }, `offset ${offset}`);
  }
  for (const offset of [-290, 290]) {
    const headers = hook.sign(body, { id: "wh_window", timestamp: now() + offset });
    await client.webhooks.verifySignature(body, headers);
    hook.verify(body, headers);
  }
});

test("replicate: node:crypto and standardwebhooks sign, hookseal and validateWebhook verify; hookseal signs, validateWebhook accepts; tampering fails in both", async () => {
  const hook = new Webhook(WHSEC, { scheme: "replicate" });
  const random = prng(1801);
  let n = 0;
  // validateWebhook throws "Missing required body" on an empty body.
  for (const body of bodies(1801, { nonEmpty: true })) {
    const context = describe(body);
    const id = `msg_2Lh9KRb0pzN4LePd3XiA4v12Axj_${n}`;
    const t = now();
    const signature = `v1,${hmacBase64(WHSEC_KEY, `${id}.${t}.${body}`)}`;
    assert.equal(new StandardWebhook(WHSEC).sign(id, new Date(t * 1000), body), signature, context);
    const headers = { "webhook-id": id, "webhook-timestamp": String(t), "webhook-signature": signature };
    const validate = (requestBody, requestHeaders) => replicateValidate({ headers: requestHeaders, body: requestBody }, WHSEC);
    assert.equal(await validate(body, headers), true, context);
    assert.equal(await replicateValidate({ id, timestamp: String(t), signature, body, secret: WHSEC }), true, context);
    assert.equal(hook.verify(body, headers, { now: t }).id, id, context);

    const ours = hook.sign(body, { id, timestamp: t });
    assert.deepEqual(ours, headers, context);
    assert.equal(await validate(body, new Headers(hook.sign(body, { id }))), true, context);
    assert.equal(await validate(Buffer.from(body), ours), true, context);

    const tampered = tamper(body, random);
    assert.equal(await validate(tampered, headers), false, context);
    assert.throws(() => hook.verify(tampered, headers, { now: t }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED - 1);
});

// ---------------------------------------------------------------------------------------------
// `t=<unix ms>,v1=…` over `{t}.{body}`: WorkOS (hex, 180 s, old only) and Sanity (base64url).

test("workos: webhooks.computeSignature signs, hookseal verifies; hookseal signs, webhooks.verifyHeader and constructEvent accept; tampering fails in both", async () => {
  const secret = "workos_webhook_secret_ÄÖ";
  const workos = new WorkOS("sk_test_interop_not_used");
  const hook = new Webhook(secret, { scheme: "workos" });
  const random = prng(1901);
  let n = 0;
  // The SDK takes the parsed body and signs JSON.stringify of it: JSON bodies only, which
  // JSON.stringify writes back byte for byte (see the todo below for those it does not).
  for (const body of bodies(1901, { jsonOnly: true })) {
    const context = describe(body);
    const payload = JSON.parse(body);
    assert.equal(JSON.stringify(payload), body);
    const t = Date.now();
    const v1 = await workos.webhooks.computeSignature(t, payload, secret);
    assert.equal(v1, hmacHex(secret, `${t}.${body}`), context);
    // The docs show `t=…, v1=…`; the SDK splits on the comma and reads either.
    for (const header of [`t=${t}, v1=${v1}`, `t=${t},v1=${v1}`]) {
      assert.equal(await workos.webhooks.verifyHeader({ payload, sigHeader: header, secret }), true, `${context}, ${header}`);
      assert.equal(hook.verify(body, { "WorkOS-Signature": header }, { now: Math.floor(t / 1000) }).timestamp, Math.floor(t / 1000), `${context}, ${header}`);
    }

    const ours = hook.sign(body);
    assert.deepEqual(Object.keys(ours), ["workos-signature"]);
    assert.equal(await workos.webhooks.verifyHeader({ payload, sigHeader: ours["workos-signature"], secret }), true, context);

    const tampered = tamper(body, random);
    let tamperedPayload;
    try {
      tamperedPayload = JSON.parse(tampered);
    } catch {
      tamperedPayload = tampered; // no longer JSON: the SDK signs JSON.stringify of the string
    }
    await assert.rejects(workos.webhooks.verifyHeader({ payload: tamperedPayload, sigHeader: `t=${t}, v1=${v1}`, secret }), /does not match/, context);
    assert.throws(() => hook.verify(tampered, { "WorkOS-Signature": `t=${t}, v1=${v1}` }, { now: Math.floor(t / 1000) }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, SIZES.length);
  // A whole event through constructEvent, and the SDK's window: 180 000 ms, old timestamps only.
  const event = {
    id: "event_01JTFX8ZQ4N2V4Q9K3M7EXAMPL",
    event: "user.created",
    data: { object: "user", id: "user_01JTFX8ZQ4N2V4Q9K3M7EXAMPL", email: "ada@example.com", first_name: "Ada", last_name: "Lovelace", email_verified: true, profile_picture_url: null, created_at: "2026-05-04T17:42:09.000Z", updated_at: "2026-05-04T17:42:09.000Z" },
    created_at: "2026-05-04T17:42:09.120Z",
  };
  const body = JSON.stringify(event);
  const constructed = await workos.webhooks.constructEvent({ payload: event, sigHeader: hook.sign(body)["workos-signature"], secret });
  assert.equal(constructed.event, "user.created");
  const old = hook.sign(body, { timestamp: now() - 200 })["workos-signature"];
  await assert.rejects(workos.webhooks.verifyHeader({ payload: event, sigHeader: old, secret }), /tolerance/);
  assert.throws(() => hook.verify(body, { "WorkOS-Signature": old }), { code: "timestamp_too_old" });
});

test(
  "workos: a JSON body that JSON.stringify does not write back byte for byte",
  { todo: "the WorkOS SDK verifies JSON.stringify(JSON.parse(body)), hookseal the bytes received: they disagree on any body not in JSON.stringify's form (spaces, escapes, number forms)" },
  async () => {
    const secret = "workos_webhook_secret_ÄÖ";
    const workos = new WorkOS("sk_test_interop_not_used");
    const hook = new Webhook(secret, { scheme: "workos" });
    const body = '{"event": "user.created", "data": {"name": "\\u00e9", "amount": 1.0}}';
    const header = hook.sign(body)["workos-signature"];
    hook.verify(body, { "WorkOS-Signature": header });
    assert.equal(await workos.webhooks.verifyHeader({ payload: JSON.parse(body), sigHeader: header, secret }), true);
  },
);

test("sanity: encodeSignatureHeader signs, hookseal verifies; hookseal signs, isValidSignature accepts; tampering fails in both", async () => {
  const secret = "sanity-webhook-secret-🔑";
  const hook = new Webhook(secret, { scheme: "sanity" });
  const random = prng(2001);
  let n = 0;
  // The toolkit refuses an empty payload ("Can not create signature for empty payload").
  for (const body of bodies(2001, { nonEmpty: true })) {
    const context = describe(body);
    const t = Date.now();
    const header = await encodeSignatureHeader(body, t, secret);
    assert.equal(header, `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("base64url")}`, context);
    const headers = { "Sanity-Webhook-Signature": header };
    assert.equal(await sanityIsValid(body, header, secret), true, context);
    // hookseal reports the timestamp in seconds.
    assert.equal(hook.verify(body, headers, { now: Math.floor(t / 1000) }).timestamp, Math.floor(t / 1000), context);

    const ours = hook.sign(body);
    assert.deepEqual(Object.keys(ours), ["sanity-webhook-signature"]);
    assert.equal(await sanityIsValid(body, ours["sanity-webhook-signature"], secret), true, context);
    const fixed = hook.sign(body, { timestamp: Math.floor(t / 1000) })["sanity-webhook-signature"];
    assert.equal(fixed, await encodeSignatureHeader(body, Math.floor(t / 1000) * 1000, secret), context);

    const tampered = tamper(body, random);
    assert.equal(await sanityIsValid(tampered, header, secret), false, context);
    assert.throws(() => hook.verify(tampered, headers, { now: Math.floor(t / 1000) }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED - 1);
});

test("lithic: node:crypto and standardwebhooks sign, hookseal and webhooks.verifySignature/unwrap verify; hookseal signs, the SDK accepts; tampering fails in both", () => {
  const client = new Lithic({ apiKey: "interop-not-used", webhookSecret: WHSEC });
  const hook = new Webhook(WHSEC, { scheme: "lithic" });
  const random = prng(2101);
  let n = 0;
  // verifySignature hands the body to standardwebhooks, whose verify parses it: JSON bodies only.
  for (const body of bodies(2101, { jsonOnly: true })) {
    const context = describe(body);
    const id = `msg_lithic_${n}`;
    const t = now();
    const signature = `v1,${hmacBase64(WHSEC_KEY, `${id}.${t}.${body}`)}`;
    assert.equal(new StandardWebhook(WHSEC).sign(id, new Date(t * 1000), body), signature, context);
    const headers = { "webhook-id": id, "webhook-timestamp": String(t), "webhook-signature": signature };
    client.webhooks.verifySignature(body, headers);
    assert.equal(hook.verify(body, headers, { now: t }).id, id, context);

    const ours = hook.sign(body, { id, timestamp: t });
    assert.deepEqual(ours, headers, context);
    assert.deepEqual(client.webhooks.unwrap(body, new Headers(hook.sign(body, { id }))), JSON.parse(body), context);

    const tampered = tamper(body, random);
    assert.throws(() => client.webhooks.verifySignature(tampered, headers), /No matching signature found/, context);
    assert.throws(() => hook.verify(tampered, headers, { now: t }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, SIZES.length);
});

test("polar: node:crypto signs, hookseal and validateEvent verify; hookseal signs, validateEvent accepts; tampering fails in both", () => {
  // Polar's secret is used as its UTF-8 bytes (validateEvent base64-encodes it for standardwebhooks).
  const secret = "polar_whs_interopSecretValue0123456789";
  const hook = new Webhook(secret, { scheme: "polar" });
  const random = prng(2201);
  /** validateEvent's verdict: it parses a verified body into the SDK's event types, so a verified body of no known type throws SDKValidationError. */
  const verdict = (body, headers) => {
    try {
      validateEvent(body, headers, secret);
      return "verified";
    } catch (error) {
      if (error instanceof PolarWebhookVerificationError) return "rejected";
      if (error instanceof SDKValidationError) return "verified";
      throw error;
    }
  };
  let n = 0;
  for (const body of bodies(2201, { jsonOnly: true })) {
    const context = describe(body);
    const id = `msg_polar_${n}`;
    const t = now();
    const signature = `v1,${hmacBase64(Buffer.from(secret), `${id}.${t}.${body}`)}`;
    const headers = { "webhook-id": id, "webhook-timestamp": String(t), "webhook-signature": signature };
    assert.equal(verdict(body, headers), "verified", context);
    assert.equal(hook.verify(body, headers, { now: t }).id, id, context);

    const ours = hook.sign(body, { id, timestamp: t });
    assert.deepEqual(ours, headers, context);
    assert.equal(verdict(body, hook.sign(body, { id })), "verified", context);

    const tampered = tamper(body, random);
    assert.equal(verdict(tampered, headers), "rejected", context);
    assert.throws(() => hook.verify(tampered, headers, { now: t }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, SIZES.length);
});

// ---------------------------------------------------------------------------------------------
// Telnyx: Ed25519 over `{timestamp}|{body}`, base64 signature, base64 public key, 300 s both
// ways. The SDK only verifies; node:crypto signs (Ed25519 is deterministic).

test("telnyx: node:crypto signs, hookseal and TelnyxWebhook.verify/webhooks.unwrap verify; hookseal signs, the SDK accepts; tampering fails in both", async () => {
  const seed = Buffer.alloc(32, 0x24);
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]), format: "der", type: "pkcs8" });
  const publicRaw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
  const publicKey = publicRaw.toString("base64");
  const telnyx = new Telnyx({ apiKey: "KEY_interop_not_used", publicKey });
  const sdk = new TelnyxWebhook(publicKey);
  const verifier = new Webhook(publicKey, { scheme: "telnyx" });
  const signer = new Webhook(Buffer.concat([seed, publicRaw]).toString("base64"), { scheme: "telnyx" });
  const random = prng(2301);
  let n = 0;
  for (const body of bodies(2301)) {
    const context = describe(body);
    const t = now();
    const signature = cryptoSign(null, Buffer.from(`${t}|${body}`), privateKey).toString("base64");
    const headers = { "telnyx-signature-ed25519": signature, "telnyx-timestamp": String(t) };
    await sdk.verify(body, headers);
    assert.equal(verifier.verify(body, headers, { now: t }).timestamp, t, context);

    const ours = signer.sign(body, { timestamp: t });
    assert.deepEqual(ours, headers, context);
    await sdk.verify(body, signer.sign(body));

    const tampered = tamper(body, random);
    await assert.rejects(sdk.verify(tampered, headers), TelnyxWebhookVerificationError, context);
    assert.throws(() => verifier.verify(tampered, headers, { now: t }), { code: "no_matching_signature" }, context);
    // The timestamp is signed too.
    const moved = { ...headers, "telnyx-timestamp": String(t - 1) };
    await assert.rejects(sdk.verify(body, moved), TelnyxWebhookVerificationError, context);
    assert.throws(() => verifier.verify(body, moved, { now: t }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
  const event = JSON.stringify({ data: { event_type: "message.received", id: "b301ed3f-1490-491f-995f-6e64e69674d4", payload: { text: "héllo 🚽" } }, meta: { attempt: 1 } });
  const unwrapped = await telnyx.webhooks.unwrap(event, { headers: signer.sign(event) });
  assert.equal(unwrapped.data.event_type, "message.received");
});

// ---------------------------------------------------------------------------------------------
// Linear: HMAC-SHA256 of the body, hex; the timestamp is the body's `webhookTimestamp` (ms), 60 s.

test("linear: node:crypto signs, hookseal and LinearWebhookClient verify; hookseal signs, verify/parseData and createHandler accept; tampering fails in both", async () => {
  const secret = "lin_wh_interop_secret";
  const client = new LinearWebhookClient(secret);
  const hook = new Webhook(secret, { scheme: "linear" });
  const random = prng(2401);
  let n = 0;
  for (const size of SIZES) {
    const t = Date.now();
    const body = JSON.stringify({ action: "create", type: "Issue", webhookTimestamp: t, data: { id: `issue_${n}`, title: randomText(random, size) } });
    const context = describe(body);
    const signature = hmacHex(secret, body);
    assert.equal(client.verify(Buffer.from(body), signature), true, context);
    assert.equal(hook.verify(body, { "Linear-Signature": signature }, { now: Math.floor(t / 1000) }).timestamp, Math.floor(t / 1000), context);

    const ours = hook.sign(body);
    assert.deepEqual(ours, { "linear-signature": signature }, context);
    assert.equal(client.parseData(Buffer.from(body), ours["linear-signature"]).data.id, `issue_${n}`, context);

    const tampered = tamper(body, random);
    assert.throws(() => client.verify(Buffer.from(tampered), signature), /Invalid webhook signature/, context);
    assert.throws(() => hook.verify(tampered, { "Linear-Signature": signature }, { now: Math.floor(t / 1000) }), context);
    n++;
  }
  // Through the SDK's fetch handler, as a server hands it a Request.
  const handler = client.createHandler();
  const seen = [];
  handler.on("Issue", (payload) => seen.push(payload.data.id));
  const body = JSON.stringify({ action: "update", type: "Issue", webhookTimestamp: Date.now(), data: { id: "issue_handler" } });
  const post = (headers) => handler(new Request("http://127.0.0.1/linear", { method: "POST", body, headers }));
  assert.equal((await post(hook.sign(body))).status, 200);
  assert.equal((await post({ "linear-signature": hmacHex("another secret", body) })).status, 400);
  assert.deepEqual(seen, ["issue_handler"]);
  // Both hold the body's timestamp to 60 s.
  const old = JSON.stringify({ action: "create", type: "Issue", webhookTimestamp: Date.now() - 61_000, data: {} });
  assert.throws(() => client.verify(Buffer.from(old), hmacHex(secret, old)), /Invalid webhook timestamp/);
  assert.throws(() => hook.verify(old, hook.sign(old)), { code: "timestamp_too_old" });
});

// ---------------------------------------------------------------------------------------------
// HubSpot: v1 SHA-256 of secret + body, v2 of secret + method + URL + body (hex), v3
// HMAC-SHA256 of method + URL + body + timestamp (ms, base64). The SDK signs (getSignature).

const HUBSPOT_URLS = ["https://www.example.com/webhook_uri", "https://hooks.example.org:8443/hubspot?portal=62515&x=1"];

test("hubspot v1, v2 and v3: Signature.getSignature signs, hookseal verifies; hookseal signs, Signature.isValid accepts; tampering fails in both", () => {
  const clientSecret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  const hooks = Object.fromEntries(["v1", "v2", "v3"].map((v) => [v, new Webhook(clientSecret, { scheme: `hubspot-${v}` })]));
  const random = prng(2501);
  let n = 0;
  for (const requestBody of bodies(2501)) {
    const url = HUBSPOT_URLS[n % HUBSPOT_URLS.length];
    const method = n % 3 === 0 ? "GET" : "POST";
    const t = now();
    const timestamp = t * 1000;
    const tampered = tamper(requestBody, random);
    for (const signatureVersion of ["v1", "v2", "v3"]) {
      const context = `${signatureVersion}: ${describe(requestBody)}, ${method} ${url}`;
      const hook = hooks[signatureVersion];
      const options = { method, signatureVersion, clientSecret, requestBody, url, timestamp };
      const signature = HubSpotSignature.getSignature(method, signatureVersion, options);
      const headers =
        signatureVersion === "v3"
          ? { "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": String(timestamp) }
          : { "X-HubSpot-Signature": signature, "X-HubSpot-Signature-Version": signatureVersion };
      assert.equal(HubSpotSignature.isValid({ ...options, signature }), true, context);
      hook.verify(requestBody, headers, { url, method, now: t });

      const ours = hook.sign(requestBody, { url, method, timestamp: t });
      const oursSignature = ours[signatureVersion === "v3" ? "x-hubspot-signature-v3" : "x-hubspot-signature"];
      assert.equal(oursSignature, signature, context);
      assert.equal(HubSpotSignature.isValid({ ...options, signature: oursSignature }), true, context);

      assert.equal(HubSpotSignature.isValid({ ...options, requestBody: tampered, signature }), false, context);
      assert.throws(() => hook.verify(tampered, headers, { url, method, now: t }), { code: "no_matching_signature" }, context);
    }
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
});

// ---------------------------------------------------------------------------------------------
// Box: HMAC-SHA256 of body + delivery timestamp (RFC 3339), base64, primary and secondary keys,
// 600 s. The SDK (box-typescript-sdk-gen) signs with its own computeWebhookSignature.

test("box: computeWebhookSignature signs, hookseal verifies; hookseal signs, WebhooksManager.validateMessage accepts; tampering fails in both", async () => {
  const primaryKey = "SamplePrimaryKey";
  const secondaryKey = "SampleSecondaryKey";
  const hook = new Webhook(primaryKey, { scheme: "box" });
  const secondary = new Webhook(secondaryKey, { scheme: "box" });
  const random = prng(2601);
  let n = 0;
  for (const body of bodies(2601)) {
    const context = describe(body);
    const t = now() - (n % 5);
    const timestamp = new Date(t * 1000).toISOString().replace(/\.000Z$/, "Z");
    const headers = { "box-delivery-timestamp": timestamp, "box-signature-version": "1", "box-signature-algorithm": "HmacSHA256" };
    headers["box-signature-primary"] = await computeWebhookSignature(body, headers, primaryKey);
    headers["box-signature-secondary"] = await computeWebhookSignature(body, headers, secondaryKey);
    assert.equal(headers["box-signature-primary"], hmacBase64(primaryKey, body + timestamp), context);
    assert.equal(await WebhooksManager.validateMessage(body, headers, primaryKey, { secondaryKey }), true, context);
    assert.equal(hook.verify(body, headers, { now: t }).timestamp, t, context);
    // Rotation: a receiver holding only the new key verifies the secondary signature.
    assert.equal(secondary.verify(body, headers, { now: t }).timestamp, t, context);

    const ours = hook.sign(body, { timestamp: t });
    assert.equal(ours["box-signature-primary"], headers["box-signature-primary"], context);
    assert.equal(await WebhooksManager.validateMessage(body, ours, primaryKey), true, context);
    assert.equal(await WebhooksManager.validateMessage(body, hook.sign(body), primaryKey), true, context);

    const tampered = tamper(body, random);
    assert.equal(await WebhooksManager.validateMessage(tampered, headers, primaryKey, { secondaryKey }), false, context);
    assert.throws(() => hook.verify(tampered, headers, { now: t }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
});

test(
  "box: a signature over the body with non-ASCII and `/` escaped, as validateMessage also accepts",
  {
    todo: "box-typescript-sdk-gen's validateMessage retries each key on jsonStringifyWithEscapedUnicode(body) (U+007F..U+FFFF as \\uXXXX, `/` as `\\/`) when the body as received fails; hookseal verifies the bytes received only",
  },
  async () => {
    const primaryKey = "SamplePrimaryKey";
    const body = '{"type":"webhook_event","trigger":"FILE.UPLOADED","source":{"name":"résumé 中文 🚽.pdf","url":"https://app.box.com/file/1"}}';
    const t = now();
    const headers = { "box-delivery-timestamp": new Date(t * 1000).toISOString().replace(/\.000Z$/, "Z"), "box-signature-version": "1", "box-signature-algorithm": "HmacSHA256" };
    headers["box-signature-primary"] = await computeWebhookSignature(body, headers, primaryKey, true);
    assert.notEqual(headers["box-signature-primary"], await computeWebhookSignature(body, headers, primaryKey));
    assert.equal(await WebhooksManager.validateMessage(body, headers, primaryKey), true);
    new Webhook(primaryKey, { scheme: "box" }).verify(body, headers, { now: t });
  },
);
