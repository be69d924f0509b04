// The package's API: every error code, TypeErrors for wrong argument types, header forms,
// Fetch Requests, diagnosis, secrets and scheme detection.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Webhook, WebhookVerificationError, detectScheme, init } from "hookseal";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW = 1_700_000_000;
const wh = new Webhook(SECRET);
const signed = wh.sign("{}", { id: "msg_1", timestamp: NOW });

const code = (action) => {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError, `not a WebhookVerificationError: ${error}`);
    assert.equal(error.name, "WebhookVerificationError");
    assert.equal(typeof error.message, "string");
    return error.code;
  }
  return "ok";
};

test("every error code is reachable from JS", () => {
  const headers = (changes) => ({ ...signed, ...changes });
  assert.equal(code(() => wh.verify("{}", headers({}), { now: NOW })), "ok");
  assert.equal(code(() => wh.verify("{}", { "webhook-id": "msg_1" }, { now: NOW })), "missing_header");
  assert.equal(code(() => wh.verify("{}", headers({ "webhook-signature": "" }), { now: NOW })), "malformed_header");
  assert.equal(code(() => wh.verify("{}", headers({ "webhook-signature": "v1 x" }), { now: NOW })), "malformed_header");
  assert.equal(code(() => wh.verify("{}", headers({ "webhook-timestamp": "1.5" }), { now: NOW })), "invalid_timestamp");
  assert.equal(code(() => wh.verify("{}", headers({}), { now: NOW + 301 })), "timestamp_too_old");
  assert.equal(code(() => wh.verify("{}", headers({}), { now: NOW - 301 })), "timestamp_too_new");
  assert.equal(code(() => wh.verify("{ }", headers({}), { now: NOW })), "no_matching_signature");
  assert.equal(code(() => wh.verify("{}", headers({ "webhook-signature": "v1," }), { now: NOW })), "no_matching_signature");
  assert.equal(code(() => new Webhook("whsec_!!!")), "invalid_secret");
  assert.equal(code(() => new Webhook([])), "invalid_secret");
  assert.equal(code(() => new Webhook("s", { scheme: "nope" })), "invalid_scheme");
  assert.equal(code(() => new Webhook("s", { scheme: { signatureHeader: "X-Sig", template: "{id}" } })), "invalid_scheme");
  assert.equal(code(() => new Webhook("s", { scheme: { signatureHeader: "X-Sig", encoding: "base32" } })), "invalid_scheme");
  assert.equal(code(() => wh.sign("{}")), "invalid_sign_input");
  assert.equal(code(() => wh.sign("{}", { id: "a\nb" })), "invalid_sign_input");
  assert.equal(code(() => wh.verify("{}", headers({ "webhook-id": "msg_1\r\nx-evil: 1" }), { now: NOW })), "malformed_header");
});

test("a header value with a line break is malformed_header naming the header, on every hashing path", () => {
  // The bindings find the break (the lines come out at another count, or hold a \r); the
  // package then names the header. Small bodies are hashed in WebAssembly, large ones by
  // node:crypto in Node, a different call into the bindings.
  for (const body of ["{}", "x".repeat(4096), Buffer.alloc(100 * 1024, "y")]) {
    const headers = wh.sign(body, { id: "msg_1", timestamp: NOW });
    assert.equal(code(() => wh.verify(body, headers, { now: NOW })), "ok");
    for (const [name, value] of [
      ["webhook-id", "msg_1\nwebhook-signature\nv1,AAAA"],
      ["webhook-id", "msg_1\r"],
      ["webhook-timestamp", `${NOW}\n`],
      ["webhook-signature", `\n${headers["webhook-signature"]}`],
      ["webhook-signature", `${headers["webhook-signature"]}\r\n`],
    ]) {
      for (const form of [{ ...headers, [name]: value }, { ...headers, [name.toUpperCase()]: undefined, [name]: [value] }]) {
        assert.throws(() => wh.verify(body, form, { now: NOW }), (error) => {
          assert.equal(error.code, "malformed_header");
          assert.equal(error.message, `malformed header ${name}: contains a line break`);
          return true;
        });
      }
    }
  }
});

test("errors carry a hint but never the secret or the expected signature", () => {
  try {
    wh.verify("{ }", signed, { now: NOW });
    assert.fail("verified");
  } catch (error) {
    assert.equal(error.message, "no matching signature");
    assert.match(error.hint, /raw request body/);
    const expected = wh.sign("{ }", { id: "msg_1", timestamp: NOW })["webhook-signature"];
    for (const text of [error.message, error.hint, JSON.stringify(error), String(error.stack)]) {
      assert.ok(!text.includes(expected.slice(3)) && !text.includes(SECRET.slice(6)));
    }
  }
});

test("wrong argument types are TypeErrors", () => {
  for (const action of [
    () => new Webhook(42),
    () => new Webhook([SECRET, 42]),
    () => new Webhook(SECRET, "standard-webhooks"),
    () => new Webhook(SECRET, { scheme: 7 }),
    () => new Webhook(SECRET, { toleranceSeconds: "300" }),
    () => wh.verify(42, signed),
    () => wh.verify({}, signed),
    () => wh.verify("{}", null),
    () => wh.verify("{}", "webhook-id: x"),
    () => wh.verify("{}", { ...signed, "webhook-id": 5 }),
    () => wh.verify("{}", signed, { now: "now" }),
    () => wh.sign(null),
    () => wh.sign("{}", { id: 5 }),
    () => detectScheme(undefined),
  ]) {
    assert.throws(action, TypeError);
  }
  return wh.verifyRequest({}).then(
    () => assert.fail("accepted"),
    (error) => assert.ok(error instanceof TypeError),
  );
});

test("numbers out of range are RangeErrors", () => {
  const seconds = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -0.5];
  for (const value of seconds) {
    for (const action of [
      () => new Webhook(SECRET, { toleranceSeconds: value }),
      () => wh.verify("{}", signed, { now: value }),
      () => wh.diagnose("{}", signed, { now: value }),
      () => wh.sign("{}", { id: "x", timestamp: value }),
    ]) {
      assert.throws(action, (error) => error instanceof RangeError && /non-negative integer/.test(error.message), String(value));
    }
  }
  // The edges of the range are accepted.
  assert.equal(new Webhook(SECRET, { toleranceSeconds: 0 }).verify("{}", signed, { now: NOW }).id, "msg_1");
  assert.equal(code(() => new Webhook(SECRET, { toleranceSeconds: Number.MAX_SAFE_INTEGER }).verify("{}", signed, { now: 0 })), "ok");
  return wh.verifyRequest(new Request("http://127.0.0.1/", { method: "POST", body: "{}", headers: signed }), { now: -1 }).then(
    () => assert.fail("accepted"),
    (error) => assert.ok(error instanceof RangeError),
  );
});

test("bodies as string, Uint8Array, Buffer, ArrayBuffer and other views verify alike", () => {
  const text = '{"emoji":"🚽","n":1}';
  const headers = wh.sign(text, { id: "msg_1", timestamp: NOW });
  const bytes = new TextEncoder().encode(text);
  for (const body of [text, bytes, Buffer.from(text), bytes.buffer, new DataView(bytes.buffer)]) {
    const message = wh.verify(body, headers, { now: NOW });
    assert.equal(message.text(), text);
    assert.deepEqual(message.json(), { emoji: "🚽", n: 1 });
    assert.deepEqual([...message.bytes], [...bytes]);
    assert.equal(message.scheme, "standard-webhooks");
    assert.equal(message.id, "msg_1");
    assert.equal(message.timestamp, NOW);
  }
});

test("non-UTF-8 bodies verify as bytes", () => {
  const body = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x7b]);
  const septic = new Webhook("secret", { scheme: "septiccycle" });
  assert.deepEqual([...septic.verify(body, septic.sign(body)).bytes], [...body]);
});

test("headers as Fetch Headers, any-case objects and string[] values", () => {
  const fetchHeaders = new Headers(signed);
  assert.equal(wh.verify("{}", fetchHeaders, { now: NOW }).id, "msg_1");
  const shouting = Object.fromEntries(Object.entries(signed).map(([name, value]) => [name.toUpperCase(), value]));
  assert.equal(wh.verify("{}", shouting, { now: NOW }).id, "msg_1");
  const arrays = { ...signed, "webhook-id": ["msg_1"], "x-other": ["a", "b"], other: undefined };
  assert.equal(wh.verify("{}", arrays, { now: NOW }).id, "msg_1");
  // Repeated headers: npm/test/repeated-headers.test.mjs.
});

test("text() and json() decode the verified bytes: a string is verified as UTF-8, lone surrogates as U+FFFD", () => {
  // The caller's string holds a lone surrogate, which UTF-8 cannot encode: the bytes verified
  // (and signed) hold U+FFFD, and that is what the message says, not the caller's string.
  const given = '{"note":"\uD800 lone"}';
  const verified = '{"note":"\uFFFD lone"}';
  const headers = wh.sign(verified, { id: "msg_1", timestamp: NOW });
  for (const body of [given, new TextEncoder().encode(given)]) {
    const message = wh.verify(body, headers, { now: NOW });
    assert.deepEqual([...message.bytes], [...new TextEncoder().encode(verified)]);
    assert.equal(message.text(), verified);
    assert.notEqual(message.text(), given);
    assert.deepEqual(message.json(), { note: "\uFFFD lone" });
  }
  // The large-body path (hashed by node:crypto in Node) says the same.
  const large = `${given}${" ".repeat(4096)}`;
  const message = wh.verify(large, wh.sign(large, { id: "msg_1", timestamp: NOW }), { now: NOW });
  assert.equal(message.text(), `${verified}${" ".repeat(4096)}`);
});

test("rotation: any secret verifies, the first signs; raw key bytes work", () => {
  const rotated = new Webhook(["whsec_b2xkLXNlY3JldA==", SECRET]);
  assert.equal(rotated.verify("{}", signed, { now: NOW }).id, "msg_1");
  const raw = new Webhook(Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"));
  assert.equal(raw.verify("{}", signed, { now: NOW }).id, "msg_1");
});

test("verifyRequest reads a Fetch Request once", async () => {
  const body = JSON.stringify({ type: "invoice.paid" });
  const request = new Request("http://127.0.0.1/hook", { method: "POST", body, headers: wh.sign(body, { id: "msg_r" }) });
  const message = await wh.verifyRequest(request);
  assert.equal(message.id, "msg_r");
  assert.equal(request.bodyUsed, true);
});

test("event types and ids of the vendor schemes", () => {
  const jobs = new Webhook("job-secret", { scheme: "x-webhook-signature" });
  const headers = jobs.sign('{"event":"job.created"}', { eventType: "job.created" });
  assert.deepEqual(Object.keys(headers), ["x-webhook-signature", "x-webhook-event"]);
  assert.equal(jobs.verify('{"event":"job.created"}', headers).unsigned.eventType, "job.created");
  const custom = new Webhook("s", {
    scheme: { signatureHeader: "X-Sig", template: "{id}:{body}", idHeader: "X-Id", encoding: "base64" },
  });
  assert.equal(custom.scheme, "custom");
  assert.equal(custom.verify("b", custom.sign("b", { id: "42" })).id, "42");
});

test("diagnose explains a re-serialized body to the secret's holder", () => {
  const body = '{"a":1,"b":[1,2]}';
  const headers = wh.sign(body, { id: "msg_1", timestamp: NOW });
  const good = wh.diagnose(body, headers, { now: NOW });
  assert.equal(good.valid, true);
  assert.deepEqual(good.expectedSignatures, good.receivedSignatures);
  assert.equal(new TextDecoder().decode(good.signedContent), `msg_1.${NOW}.${body}`);
  const bad = wh.diagnose(JSON.stringify(JSON.parse(body), null, 2), headers, { now: NOW + 10 });
  assert.equal(bad.valid, false);
  assert.equal(bad.error.code, "no_matching_signature");
  assert.equal(bad.skewSeconds, -10);
  assert.deepEqual(bad.hints.map((hint) => hint.code), ["body_reformatted"]);
  const stripeHeaders = new Webhook("whsec_x", { scheme: "stripe" }).sign(body);
  assert.equal(wh.diagnose(body, stripeHeaders, { now: NOW }).detectedScheme, "stripe");
});

test("generateSecret makes usable, distinct whsec_ secrets; detectScheme reads headers", async () => {
  const [a, b] = [Webhook.generateSecret(), Webhook.generateSecret()];
  assert.match(a, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(a, b);
  const fresh = new Webhook(a);
  assert.equal(fresh.verify("x", fresh.sign("x", { id: "m" })).id, "m");
  assert.equal(detectScheme(signed), "standard-webhooks");
  assert.equal(detectScheme(new Headers({ "X-Hub-Signature-256": "sha256=00" })), "github");
  assert.equal(detectScheme({ "content-type": "text/plain" }), undefined);
  await init();
});

test("large bodies, which Node hashes with node:crypto, follow the same rules", () => {
  const body = Buffer.alloc(64 * 1024, "a");
  const rotated = new Webhook(["whsec_b2xkLXNlY3JldA==", SECRET]);
  const headers = wh.sign(body, { id: "msg_big", timestamp: NOW });
  assert.equal(rotated.verify(body, headers, { now: NOW }).id, "msg_big");
  assert.equal(rotated.verify(body.toString(), headers, { now: NOW }).bytes.length, body.length);
  const tampered = Buffer.from(body);
  tampered[40000] ^= 1;
  assert.equal(code(() => rotated.verify(tampered, headers, { now: NOW })), "no_matching_signature");
  assert.equal(code(() => new Webhook("whsec_b2xkLXNlY3JldA==").verify(body, headers, { now: NOW })), "no_matching_signature");
  assert.equal(code(() => rotated.verify(body, headers, { now: NOW + 301 })), "timestamp_too_old");
  const zeros = { ...headers, "webhook-signature": `v1,${Buffer.alloc(32).toString("base64")}` };
  assert.equal(code(() => rotated.verify(body, zeros, { now: NOW })), "no_matching_signature");
  const github = new Webhook("It's a Secret to Everybody", { scheme: "github" });
  assert.equal(github.verify(body, github.sign(body)).scheme, "github");
});

test("every body size verifies alike through each hashing path: WebAssembly, node:crypto in one piece, streamed", () => {
  // Node hashes bodies of 256 B and more with node:crypto (one crypto.hash over the WebAssembly
  // memory below 64 KiB, a streamed Hash from there; hashing-paths.test.mjs checks which path
  // each size takes); the core finishes the HMAC. Strings (lone surrogates as U+FFFD), bytes,
  // rotated secrets (the second one signs), a key longer than a block (hashed first).
  const long = `whsec_${Buffer.alloc(96, 7).toString("base64")}`;
  const lone = "\uD800";
  for (const size of [0, 200, 255, 256, 1023, 1024, 3000, 64 * 1024 - 1, 64 * 1024, 200_000]) {
    const given = `{"n":"${"é".repeat(size >> 2)}${lone}${"a".repeat(size - (size >> 2))}"}`;
    const bytes = Buffer.from(given);
    for (const signing of [SECRET, long]) {
      const rotated = new Webhook(["whsec_b2xkLXNlY3JldA==", signing]);
      const headers = new Webhook(signing).sign(bytes, { id: "msg_size", timestamp: NOW });
      for (const body of [given, bytes]) {
        const message = rotated.verify(body, headers, { now: NOW });
        assert.equal(message.id, "msg_size", `${size}`);
        assert.ok(bytes.equals(message.bytes), `${size}`);
        assert.equal(message.text(), bytes.toString(), `${size}`);
      }
      const tampered = Buffer.from(bytes);
      tampered[tampered.length >> 1] ^= 1;
      assert.equal(code(() => rotated.verify(tampered, headers, { now: NOW })), "no_matching_signature", `${size}`);
      assert.equal(code(() => rotated.verify(`${given} `, headers, { now: NOW })), "no_matching_signature", `${size}`);
      assert.equal(code(() => new Webhook("whsec_b2xkLXNlY3JldA==").verify(given, headers, { now: NOW })), "no_matching_signature", `${size}`);
    }
  }
});

test("Standard Webhooks v1a verifies bodies of every size in Node: the host HMAC path is for HMAC keys only", () => {
  // The Svix server's published v1a key pair; Node hashes bodies of 2 KiB and more with
  // node:crypto, which must not be asked for an Ed25519 key.
  const privateKey = "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==";
  const publicKey = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";
  const signer = new Webhook(privateKey);
  for (const size of [10, 2048, 64 * 1024]) {
    const body = JSON.stringify({ pad: "x".repeat(size) });
    const headers = signer.sign(body, { id: "msg_1", timestamp: NOW });
    assert.match(headers["webhook-signature"], /^v1a,/);
    for (const secrets of [publicKey, [SECRET, publicKey]]) {
      const message = new Webhook(secrets).verify(body, headers, { now: NOW });
      assert.equal(message.id, "msg_1");
      assert.throws(() => new Webhook(secrets).verify(body + " ", headers, { now: NOW }), { code: "no_matching_signature" });
    }
  }
});

test("the tarball carries the licenses its manifest declares", async () => {
  const { readFileSync } = await import("node:fs");
  const { createRequire } = await import("node:module");
  const { dirname, join } = await import("node:path");
  const root = dirname(createRequire(import.meta.url).resolve("hookseal/package.json"));
  assert.equal(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).license, "MIT OR Apache-2.0");
  assert.match(readFileSync(join(root, "LICENSE-MIT"), "utf8"), /^Copyright \(c\) 2026 The hookseal developers\n\nPermission is hereby granted/);
  assert.match(readFileSync(join(root, "LICENSE-APACHE"), "utf8"), /Apache License\s+Version 2\.0, January 2004/);
});
