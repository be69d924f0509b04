// Interoperability with the vendors' own SDKs (issue #10), on seeded random bodies from 0 B to
// 1 MiB: what hookseal signs, the vendor's verifier accepts; what the vendor's own code signs,
// hookseal verifies; a tampered body fails in both. Where an SDK only verifies, the vendor's
// documented algorithm signs, through the SDK's own code where it has one (Twilio's
// getExpectedTwilioSignature, Paddle's NodeCrypto.computeHmac, Square's createHmacOverride,
// Mux's computeSignature, SendGrid's starkbank-ecdsa) and through node:crypto besides.
//
// SDKs (exact versions in package.json, all run on Node 20): twilio, square, @paddle/paddle-node-sdk,
// discord-interactions, @sendgrid/eventwebhook (starkbank-ecdsa), @mux/mux-node.
import assert from "node:assert/strict";
import { createHash, createHmac, createPrivateKey, createPublicKey, sign as cryptoSign } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { parse as parseForm } from "node:querystring";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { EventWebhook, EventWebhookHeader } from "@sendgrid/eventwebhook";
import Mux from "@mux/mux-node";
import { LogLevel, Paddle } from "@paddle/paddle-node-sdk";
import { verifyKey } from "discord-interactions";
import { Webhook } from "hookseal";
import { WebhooksHelper } from "square";
import twilio from "twilio";
import { SIZES, prng, randomJson, randomText, tamper, describeBody as describe, nowSeconds as now } from "./support/bodies.mjs";

const require = createRequire(import.meta.url);
/** A file inside an installed package, past its `exports` map: the SDK's own internal code. */
const packageFile = (name, entry, file) => path.join(path.dirname(require.resolve(name)), ...entry, file);

/** Text and JSON bodies of every size in SIZES (0 B to 1 MiB, unicode, `\r\n`, emoji). */
function* bodies(seed) {
  const random = prng(seed);
  for (const size of SIZES) {
    yield randomText(random, size);
    yield randomJson(random, size);
  }
}
const BODIES_PER_SEED = SIZES.length * 2;


// ---------------------------------------------------------------------------------------------
// Twilio: HMAC-SHA1 over the URL and the sorted, decoded form parameters; JSON bodies through
// the URL's bodySHA256. The receiver may see the URL with or without its default port.

const TWILIO_TOKEN = "12345";
const twilioHook = new Webhook(TWILIO_TOKEN, { scheme: "twilio" });

/** Readings of one URL that Twilio's SDKs treat as the same (with and without the default port). */
const TWILIO_URLS = [
  ["https://mycompany.com/myapp.php?foo=1&bar=2", "https://mycompany.com:443/myapp.php?foo=1&bar=2"],
  ["http://example.com/sms", "http://example.com:80/sms"],
  ["https://hooks.example.org/twilio/voice?a=%20b&c=d+e", "https://hooks.example.org:443/twilio/voice?a=%20b&c=d+e"],
  ["https://[2001:db8::1]/status", "https://[2001:db8::1]:443/status"],
  ["http://mycompany.com:1234/myapp.php?x=1"], // a port that is not the default is signed as is
];

// Names Twilio sends, and names that need escaping. No code point in U+E000..U+FFFF: there
// UTF-16 order (twilio-node) and code point order (twilio-python, hookseal) differ; see the
// separate test below.
const FORM_NAMES = ["Body", "From", "To", "CallSid", "AccountSid", "MediaUrl0", "Digits", "a b", "x+y", "100%", "&=?", "é", "中文", "🚽", ""];
const VALUE_EXTRAS = ["", "+14158675309", "+", "%", "%41", "a&b=c", "100% sure", "' ( ) ! ~ *", "+1 (415) 867-5309"];

/** `text` form-encoded as browsers and HTTP clients write it, with random (valid) choices. */
function formEncode(text, random) {
  let out = "";
  for (const ch of text) {
    if (/^[A-Za-z0-9*._-]$/.test(ch)) out += ch;
    else if (ch === " ") out += random() < 0.5 ? "+" : "%20";
    else if ("!'()~".includes(ch) && random() < 0.5) out += ch;
    else {
      for (const byte of Buffer.from(ch)) {
        const hex = byte.toString(16).padStart(2, "0");
        out += `%${random() < 0.5 ? hex.toUpperCase() : hex}`;
      }
    }
  }
  return out;
}

/** A form body of about `size` bytes: names repeat (same and different values), values hold unicode, `+`, `%`, `&`, `=`. */
function randomForm(random, size) {
  const pairs = [];
  const count = size === 0 ? 0 : 1 + Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    if (pairs.length > 0 && random() < 0.15) {
      pairs.push(pairs[Math.floor(random() * pairs.length)]); // the same name and value again
      continue;
    }
    const name = FORM_NAMES[Math.floor(random() * FORM_NAMES.length)];
    const extra = VALUE_EXTRAS[Math.floor(random() * VALUE_EXTRAS.length)];
    pairs.push([name, extra + randomText(random, Math.floor(size / count / 3))]);
  }
  return pairs.map(([name, value]) => `${formEncode(name, random)}=${formEncode(value, random)}`).join("&");
}

/** What a Node receiver hands Twilio's SDK: the parsed form (repeated names as arrays), no key limit. */
const twilioParams = (form) => parseForm(form, "&", "=", { maxKeys: 0 });

function* twilioForms(seed) {
  const random = prng(seed);
  for (const size of SIZES) {
    for (const readings of TWILIO_URLS) {
      const pick = () => readings[Math.floor(random() * readings.length)];
      yield { form: randomForm(random, size), signedUrl: pick(), receivedUrl: pick(), random };
    }
  }
}

function* twilioJson(seed) {
  const random = prng(seed);
  let n = 0;
  for (const body of bodies(seed)) {
    const readings = TWILIO_URLS[n++ % TWILIO_URLS.length];
    const hash = twilio.getExpectedBodyHash(body);
    const withHash = readings.map((url) => `${url}${url.includes("?") ? "&" : "?"}bodySHA256=${hash}`);
    const pick = () => withHash[Math.floor(random() * withHash.length)];
    yield { body, signedUrl: pick(), receivedUrl: pick(), random };
  }
}

test("twilio: getExpectedTwilioSignature signs form bodies, hookseal verifies (either port reading); a tampered value fails in both", () => {
  let n = 0;
  const seen = { portChanged: 0, repeatedName: 0, repeatedValue: 0, plus: 0, escape: 0 };
  for (const { form, signedUrl, receivedUrl, random } of twilioForms(101)) {
    const params = twilioParams(form);
    const lists = Object.values(params).filter(Array.isArray);
    seen.portChanged += signedUrl !== receivedUrl;
    seen.repeatedName += lists.length > 0;
    seen.repeatedValue += lists.some((values) => new Set(values).size < values.length);
    seen.plus += form.includes("+");
    seen.escape += /%[0-9a-fA-F]{2}/.test(form);
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, signedUrl, params);
    const headers = { "X-Twilio-Signature": signature };
    const context = `form ${JSON.stringify(form.slice(0, 200))} (${form.length} bytes) signed at ${signedUrl}, received at ${receivedUrl}`;
    assert.equal(twilio.validateRequest(TWILIO_TOKEN, signature, receivedUrl, params), true, context);
    assert.doesNotThrow(() => twilioHook.verify(form, headers, { url: receivedUrl }), context);
    if (form !== "") {
      // Change one decoded value: re-encode the parsed form with one value altered.
      const names = Object.keys(params);
      const name = names[Math.floor(random() * names.length)];
      const tampered = { ...params, [name]: [].concat(params[name], "tampered") };
      const tamperedForm = Object.entries(tampered)
        .flatMap(([key, values]) => [].concat(values).map((value) => `${formEncode(key, random)}=${formEncode(value, random)}`))
        .join("&");
      assert.equal(twilio.validateRequest(TWILIO_TOKEN, signature, receivedUrl, twilioParams(tamperedForm)), false, context);
      assert.throws(() => twilioHook.verify(tamperedForm, headers, { url: receivedUrl }), { code: "no_matching_signature" }, context);
    }
    n++;
  }
  assert.equal(n, SIZES.length * TWILIO_URLS.length);
  for (const [what, count] of Object.entries(seen)) assert.ok(count >= 3, `only ${count} forms with ${what}`);
});

test("twilio: hookseal signs form bodies, validateRequest accepts (either port reading)", () => {
  let n = 0;
  for (const { form, signedUrl, receivedUrl } of twilioForms(102)) {
    const headers = twilioHook.sign(form, { url: signedUrl });
    assert.deepEqual(Object.keys(headers), ["x-twilio-signature"]);
    const signature = headers["x-twilio-signature"];
    const params = twilioParams(form);
    const context = `form ${JSON.stringify(form.slice(0, 200))} (${form.length} bytes) signed at ${signedUrl}, received at ${receivedUrl}`;
    assert.equal(signature, twilio.getExpectedTwilioSignature(TWILIO_TOKEN, signedUrl, params), context);
    assert.equal(twilio.validateRequest(TWILIO_TOKEN, signature, receivedUrl, params), true, context);
    n++;
  }
  assert.equal(n, SIZES.length * TWILIO_URLS.length);
});

test("twilio: JSON bodies with bodySHA256, both directions; a tampered body fails in both", () => {
  let n = 0;
  for (const { body, signedUrl, receivedUrl, random } of twilioJson(103)) {
    const context = `${describe(body)}, signed at ${signedUrl}, received at ${receivedUrl}`;
    // Twilio signs: the URL with its bodySHA256 and no parameters.
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, signedUrl, null);
    const headers = { "X-Twilio-Signature": signature };
    assert.equal(twilio.validateRequestWithBody(TWILIO_TOKEN, signature, receivedUrl, body), true, context);
    assert.doesNotThrow(() => twilioHook.verify(body, headers, { url: receivedUrl }), context);
    const tampered = tamper(body, random);
    assert.equal(twilio.validateRequestWithBody(TWILIO_TOKEN, signature, receivedUrl, tampered), false, context);
    assert.throws(() => twilioHook.verify(tampered, headers, { url: receivedUrl }), { code: "no_matching_signature" }, context);
    // hookseal signs.
    const ours = twilioHook.sign(body, { url: signedUrl })["x-twilio-signature"];
    assert.equal(ours, signature, context);
    assert.equal(twilio.validateRequestWithBody(TWILIO_TOKEN, ours, receivedUrl, body), true, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
});

test("twilio: repeated values out of UTF-16 order — twilio-node sorts UTF-16 code units, twilio-python and hookseal code points", () => {
  // U+FF21 (fullwidth A) sorts before U+1F6BD in code points (and UTF-8 bytes), after it in
  // UTF-16 code units (0xFF21 > 0xD83D). twilio-python 9.x `sorted(set(values))` and hookseal
  // sort by code point; twilio-node `Array.from(new Set(v)).sort()` by UTF-16 code unit (names
  // too: `Object.keys(params).sort()` against `sorted(set(params))`). The two SDKs compute
  // different signatures for this form; Twilio's own signer is not public. Real Twilio
  // parameter names are ASCII, so only repeated values with such characters are affected.
  const url = "https://mycompany.com/myapp.php";
  const form = "Body=%EF%BC%A1&Body=%F0%9F%9A%BD";
  const codePointOrder = createHmac("sha1", TWILIO_TOKEN).update(`${url}BodyＡBody🚽`).digest("base64");
  const utf16Order = createHmac("sha1", TWILIO_TOKEN).update(`${url}Body🚽BodyＡ`).digest("base64");
  // twilio-python 9.13.0: RequestValidator("12345").compute_signature(url, MultiDict(Body=[Ａ, 🚽])).
  assert.equal(codePointOrder, "N2ajQhlo83o3kC57Xe38ZWOF8vk=");
  assert.equal(twilio.getExpectedTwilioSignature(TWILIO_TOKEN, url, twilioParams(form)), utf16Order);
  assert.equal(twilioHook.sign(form, { url })["x-twilio-signature"], codePointOrder);
  assert.throws(() => twilioHook.verify(form, { "X-Twilio-Signature": utf16Order }, { url }), { code: "no_matching_signature" });
});

test(
  "twilio: a signature over the URL as new URL() escapes it, received at the URL as written",
  { todo: "twilio-node retries new URL(url).toString() (and its legacy-querystring form) when the URL as received fails; twilio-python and hookseal do not" },
  () => {
    const written = "https://example.com/hook?name=O'Brien&x=a b";
    const escaped = new URL(written).toString(); // https://example.com/hook?name=O%27Brien&x=a%20b
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, escaped, {});
    assert.equal(twilio.validateRequest(TWILIO_TOKEN, signature, written, {}), true);
    twilioHook.verify("", { "X-Twilio-Signature": signature }, { url: written });
  },
);

// ---------------------------------------------------------------------------------------------
// Square: HMAC-SHA256 over notification URL + body, base64.

const SQUARE_KEY = "Ibxx_5AKakO-3qeNVR61Dw";
const SQUARE_URLS = ["https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9", "https://example.com:8443/square/hook?x=1&y=é"];

test("square: createHmacOverride signs, hookseal verifies; hookseal signs, WebhooksHelper.verifySignature accepts; tampering fails in both", async () => {
  const { createHmacOverride } = require(packageFile("square", [], "core/crypto/createHmacOverride.js"));
  const square = new Webhook(SQUARE_KEY, { scheme: "square" });
  const random = prng(201);
  let n = 0;
  for (const body of bodies(201)) {
    const notificationUrl = SQUARE_URLS[n++ % SQUARE_URLS.length];
    const context = `${describe(body)} at ${notificationUrl}`;
    const signature = await createHmacOverride(notificationUrl + body, SQUARE_KEY);
    assert.equal(signature, createHmac("sha256", SQUARE_KEY).update(notificationUrl + body).digest("base64"), context);
    const headers = { "X-Square-HmacSha256-Signature": signature };
    assert.doesNotThrow(() => square.verify(body, headers, { url: notificationUrl }), context);

    const ours = square.sign(body, { url: notificationUrl });
    assert.deepEqual(Object.keys(ours), ["x-square-hmacsha256-signature"]);
    const verify = (requestBody, signatureHeader) =>
      WebhooksHelper.verifySignature({ requestBody, signatureHeader, signatureKey: SQUARE_KEY, notificationUrl });
    assert.equal(await verify(body, ours["x-square-hmacsha256-signature"]), true, context);

    const tampered = tamper(body, random);
    assert.equal(await verify(tampered, signature), false, context);
    assert.throws(() => square.verify(tampered, headers, { url: notificationUrl }), { code: "no_matching_signature" }, context);
    // The URL is signed too.
    assert.throws(() => square.verify(body, headers, { url: `${notificationUrl}/` }), { code: "no_matching_signature" }, context);
  }
  assert.equal(n, BODIES_PER_SEED);
});

// ---------------------------------------------------------------------------------------------
// Paddle Billing: `Paddle-Signature: ts=…;h1=<hex HMAC-SHA256 of "{ts}:{body}">`, 5 s, old only.

const PADDLE_SECRET = "pdl_ntfset_01gkpjp8bkh3ek5a5ntqmxp0aw_6h3qd1c0ry6fp7p0xh2kcbv28ttcqvqc";

test("paddle: the SDK's NodeCrypto signs, hookseal verifies; hookseal signs, webhooks.isSignatureValid and unmarshal accept; tampering fails in both", async () => {
  const { NodeCrypto } = await import(
    pathToFileURL(packageFile("@paddle/paddle-node-sdk", [".."], "esm/internal/providers/crypto/node-crypto.js")).href
  );
  const paddle = new Paddle("pdl_sdbx_apikey_interop_not_used", { logLevel: LogLevel.none });
  const hook = new Webhook(PADDLE_SECRET, { scheme: "paddle" });
  const random = prng(301);
  let n = 0;
  for (const body of bodies(301)) {
    const context = describe(body);
    const ts = now();
    const h1 = await new NodeCrypto().computeHmac(`${ts}:${body}`, PADDLE_SECRET);
    const header = `ts=${ts};h1=${h1}`;
    assert.equal(await paddle.webhooks.isSignatureValid(body, PADDLE_SECRET, header), true, context);
    assert.equal(hook.verify(body, { "Paddle-Signature": header }, { now: ts }).timestamp, ts, context);

    const ours = hook.sign(body);
    assert.deepEqual(Object.keys(ours), ["paddle-signature"]);
    assert.equal(await paddle.webhooks.isSignatureValid(body, PADDLE_SECRET, ours["paddle-signature"]), true, context);

    const tampered = tamper(body, random);
    assert.equal(await paddle.webhooks.isSignatureValid(tampered, PADDLE_SECRET, header), false, context);
    assert.throws(() => hook.verify(tampered, { "Paddle-Signature": header }, { now: ts }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);

  // A whole event through unmarshal (it parses the JSON into the SDK's event class; an event
  // type it does not know becomes a GenericEvent).
  const event = JSON.stringify({
    event_id: "evt_01h8bkrtgd8x5z1bmqmk0k5yq5",
    event_type: "interop.test",
    occurred_at: "2023-08-18T10:46:18.792661Z",
    notification_id: "ntf_01h8bkrtmckjqwe3z1jqy3p4pv",
    data: { id: "sub_01h8bkrj9crq0w8dv3v3gctm0a", status: "active", note: randomText(prng(302), 2048) },
  });
  const unmarshalled = await paddle.webhooks.unmarshal(event, PADDLE_SECRET, hook.sign(event)["paddle-signature"]);
  assert.equal(unmarshalled.eventId, "evt_01h8bkrtgd8x5z1bmqmk0k5yq5");
  assert.equal(unmarshalled.data.status, "active");
});

test("paddle: the SDK's own test vectors verify in hookseal (several h1 entries, unknown h2)", () => {
  const hook = new Webhook("VALID_SECRET", { scheme: "paddle" });
  const now = 1698796800;
  hook.verify('{"data": ["1", "2"]}', { "Paddle-Signature": "ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9" }, { now });
  const h1 = "28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261";
  hook.verify('{"data": "value"}', { "Paddle-Signature": `ts=1698796800;h1=${h1};h1=${h1};h2=RANDOM_HASH` }, { now });
  // The SDK's window: 5 s after ts is valid, 6 s is not.
  hook.verify('{"data": "value"}', { "Paddle-Signature": `ts=1698796800;h1=${h1}` }, { now: now + 5 });
  assert.throws(() => hook.verify('{"data": "value"}', { "Paddle-Signature": `ts=1698796800;h1=${h1}` }, { now: now + 6 }), {
    code: "timestamp_too_old",
  });
});

// ---------------------------------------------------------------------------------------------
// Discord: Ed25519 over timestamp + body, hex signature, hex public key. The SDK only verifies;
// the signer is node:crypto (Ed25519 is deterministic, so hookseal must give the same bytes).

/** A fixed Ed25519 key pair, so failures reproduce. */
function ed25519Pair(seedByte) {
  const seed = Buffer.alloc(32, seedByte);
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
    format: "der",
    type: "pkcs8",
  });
  const publicRaw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
  return { privateKey, seed, publicRaw };
}

test("discord: node:crypto signs, hookseal and verifyKey verify; hookseal signs, verifyKey accepts; tampering fails in both", async () => {
  const { privateKey, seed, publicRaw } = ed25519Pair(0x42);
  const publicHex = publicRaw.toString("hex");
  const verifier = new Webhook(publicHex, { scheme: "discord" });
  const signer = new Webhook(Buffer.concat([seed, publicRaw]).toString("hex"), { scheme: "discord" });
  const random = prng(401);
  let n = 0;
  for (const body of bodies(401)) {
    const context = describe(body);
    const timestamp = String(1_700_000_000 + n);
    const signature = cryptoSign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
    const headers = { "X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp };
    assert.equal(await verifyKey(body, signature, timestamp, publicHex), true, context);
    assert.equal(await verifyKey(Buffer.from(body), signature, timestamp, publicHex), true, context);
    assert.equal(verifier.verify(body, headers, { now: Number(timestamp) }).timestamp, Number(timestamp), context);

    const ours = signer.sign(body, { timestamp: Number(timestamp) });
    assert.deepEqual(ours, { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp }, context);
    assert.equal(await verifyKey(body, ours["x-signature-ed25519"], ours["x-signature-timestamp"], publicHex), true, context);

    const tampered = tamper(body, random);
    assert.equal(await verifyKey(tampered, signature, timestamp, publicHex), false, context);
    assert.throws(() => verifier.verify(tampered, headers, { now: Number(timestamp) }), { code: "no_matching_signature" }, context);
    // The timestamp is signed too.
    const moved = String(Number(timestamp) + 1);
    assert.equal(await verifyKey(body, signature, moved, publicHex), false, context);
    assert.throws(() => verifier.verify(body, { ...headers, "X-Signature-Timestamp": moved }, { now: Number(moved) }), {
      code: "no_matching_signature",
    });
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
});

// ---------------------------------------------------------------------------------------------
// SendGrid Event Webhook: ECDSA P-256 / SHA-256 over timestamp + body, base64 DER signature,
// base64 DER (SubjectPublicKeyInfo) verification key. The SDK only verifies; the signers are
// the SDK's own starkbank-ecdsa (low-s) and node:crypto (OpenSSL: s high or low at random).

/** A fixed P-256 key pair: private key `d` = 32 bytes of `byte`. */
function p256Pair(byte) {
  const privateKey = createPrivateKey({
    key: Buffer.concat([
      Buffer.from("3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420", "hex"),
      Buffer.alloc(32, byte),
    ]),
    format: "der",
    type: "pkcs8",
  });
  return {
    privateKey,
    pkcs8: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    sec1Pem: privateKey.export({ format: "pem", type: "sec1" }),
    spki: createPublicKey(privateKey).export({ format: "der", type: "spki" }).toString("base64"),
  };
}

/** Whether a DER ECDSA P-256 signature has s > n/2. */
function highS(der) {
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const bytes = Buffer.from(der, "base64");
  const rLength = bytes[3];
  const sLength = bytes[5 + rLength];
  const s = BigInt(`0x${bytes.subarray(6 + rLength, 6 + rLength + sLength).toString("hex")}`);
  return s > n / 2n;
}

test("sendgrid: starkbank-ecdsa and node:crypto sign, hookseal and EventWebhook verify; hookseal signs, EventWebhook accepts; tampering fails in both", () => {
  const { Ecdsa, PrivateKey } = createRequire(require.resolve("@sendgrid/eventwebhook"))("starkbank-ecdsa");
  const keys = p256Pair(0x17);
  const eventWebhook = new EventWebhook();
  const sdkKey = eventWebhook.convertPublicKeyToECDSA(keys.spki);
  const verifier = new Webhook(keys.spki, { scheme: "sendgrid" });
  const signer = new Webhook(keys.pkcs8, { scheme: "sendgrid" });
  const starkKey = PrivateKey.fromPem(keys.sec1Pem);
  const random = prng(501);
  let n = 0;
  let highSSeen = 0;
  // Every body of the seed, plus SendGrid's own framing: events joined by `,\r\n`, a final `\r\n`.
  const sendgridBodies = [...bodies(501)];
  for (const size of [2, 40]) {
    const events = Array.from({ length: size }, (_, i) => JSON.stringify({ email: `é${i}@example.com`, event: "processed", note: randomText(random, 64) }));
    sendgridBodies.push(`[${events.join(",\r\n")}]\r\n`);
  }
  for (const body of sendgridBodies) {
    const context = describe(body);
    const timestamp = String(1_600_112_502 + n);
    const headers = (signature) => ({ [EventWebhookHeader.SIGNATURE()]: signature, [EventWebhookHeader.TIMESTAMP()]: timestamp });
    const signatures = {
      "starkbank-ecdsa": Ecdsa.sign(timestamp + body, starkKey).toBase64(),
      "node:crypto": cryptoSign("sha256", Buffer.from(timestamp + body), keys.privateKey).toString("base64"),
    };
    for (const [by, signature] of Object.entries(signatures)) {
      if (highS(signature)) highSSeen++;
      const what = `${context}, signed by ${by}: ${signature}`;
      assert.equal(eventWebhook.verifySignature(sdkKey, body, signature, timestamp), true, what);
      assert.equal(verifier.verify(body, headers(signature), { now: Number(timestamp) }).timestamp, Number(timestamp), what);
      const tampered = tamper(body, random);
      assert.equal(eventWebhook.verifySignature(sdkKey, tampered, signature, timestamp), false, what);
      assert.throws(() => verifier.verify(tampered, headers(signature), { now: Number(timestamp) }), { code: "no_matching_signature" }, what);
    }
    const ours = signer.sign(body, { timestamp: Number(timestamp) });
    assert.deepEqual(Object.keys(ours).sort(), ["x-twilio-email-event-webhook-signature", "x-twilio-email-event-webhook-timestamp"]);
    assert.equal(ours["x-twilio-email-event-webhook-timestamp"], timestamp);
    const signature = ours["x-twilio-email-event-webhook-signature"];
    assert.equal(eventWebhook.verifySignature(sdkKey, body, signature, timestamp), true, `${context}, hookseal's ${signature}`);
    assert.equal(eventWebhook.verifySignature(sdkKey, Buffer.from(body), signature, timestamp), true, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED + 2);
  // node:crypto's s is high about half the time: the loop above covered both forms.
  assert.ok(highSSeen > 0, "no high-s signature was tried");
});

test("sendgrid: the SDK's published vector verifies in hookseal", () => {
  const key =
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
  const payload =
    '[{"email":"hello@world.com","event":"dropped","reason":"Bounced Address","sg_event_id":"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA","sg_message_id":"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0","smtp-id":"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>","timestamp":1600112492}]\r\n';
  const signature = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
  const eventWebhook = new EventWebhook();
  assert.equal(eventWebhook.verifySignature(eventWebhook.convertPublicKeyToECDSA(key), payload, signature, "1600112502"), true);
  const headers = { [EventWebhookHeader.SIGNATURE()]: signature, [EventWebhookHeader.TIMESTAMP()]: "1600112502" };
  assert.equal(new Webhook(key, { scheme: "sendgrid" }).verify(payload, headers, { now: 1600112502 }).timestamp, 1600112502);
});

// ---------------------------------------------------------------------------------------------
// Mux: `Mux-Signature: t=…,v1=<hex HMAC-SHA256 of "{t}.{body}">`, 300 s, old only.

test("mux: the SDK's computeSignature signs, hookseal verifies; hookseal signs, webhooks.verifySignature and unwrap accept; tampering fails in both", async () => {
  const secret = "SuperSecret123";
  const mux = new Mux({ tokenId: "interop", tokenSecret: "interop", webhookSecret: secret });
  const hook = new Webhook(secret, { scheme: "mux" });
  const random = prng(601);
  let n = 0;
  for (const body of bodies(601)) {
    const context = describe(body);
    const t = now();
    const v1 = await mux.webhooks.computeSignature(`${t}.${body}`, secret);
    const header = `t=${t},v1=${v1}`;
    await mux.webhooks.verifySignature(body, { "mux-signature": header }, secret);
    assert.equal(hook.verify(body, { "Mux-Signature": header }, { now: t }).timestamp, t, context);

    const ours = hook.sign(body);
    assert.deepEqual(Object.keys(ours), ["mux-signature"]);
    await mux.webhooks.verifySignature(body, ours, secret);

    const tampered = tamper(body, random);
    await assert.rejects(mux.webhooks.verifySignature(tampered, { "mux-signature": header }, secret), /No signatures found matching/);
    assert.throws(() => hook.verify(tampered, { "Mux-Signature": header }, { now: t }), { code: "no_matching_signature" }, context);
    n++;
  }
  assert.equal(n, BODIES_PER_SEED);
  const event = JSON.stringify({ type: "video.asset.ready", id: "3a56ac3d", data: { id: "asset", status: "ready" } });
  assert.equal((await mux.webhooks.unwrap(event, new Webhook(secret, { scheme: "mux" }).sign(event))).type, "video.asset.ready");
});
