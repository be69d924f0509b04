// The catalog through the installed package: schemes() lists exactly the schemes that have a
// vector file in tests/vectors, each with its facts; every entry's sample event signs and
// verifies with a secret of the entry's kind; detectScheme and detectSchemes find it again.
// Everything here reads the catalog at run time: no list of ids.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Webhook, WebhookVerificationError, detectScheme, detectSchemes, schemes } from "hookseal";

const VECTORS = fileURLToPath(new URL("../../tests/vectors/", import.meta.url));
/** Vector files of custom scheme objects, not of catalog entries. */
const NOT_CATALOG = ["custom.json", "engine.json"];
const NOW = Math.floor(Date.now() / 1000);
const URL_ = "https://hooks.example.com/webhooks/catalog?source=test";

/** A new secret in the form the entry reads (`secretFormat`), as a provider would hand it out. */
function secretFor(entry) {
  const bytes = randomBytes(32);
  switch (entry.secretFormat) {
    case "whsec": return Webhook.generateSecret();
    case "base64": return bytes.toString("base64");
    case "hex": return bytes.toString("hex");
    default: return bytes.toString("base64url");
  }
}

/** The sign and verify options an entry needs: an id, its URL and method where `needs` says. */
function requestFor(entry) {
  const request = { id: `msg_${randomBytes(8).toString("hex")}`, timestamp: NOW };
  if (entry.needs.includes("url")) request.url = URL_;
  if (entry.needs.includes("method")) request.method = "POST";
  // Values of headers the signed content names (`{header:Name}`).
  const named = [...entry.signedContent.matchAll(/\{header:([^}]+)\}/g)].map((match) => match[1]);
  if (named.length > 0) request.headers = Object.fromEntries(named.map((name) => [name, `value-of-${name}`]));
  return request;
}

const code = (action) => {
  try {
    action();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
  return "ok";
};

test("schemes() lists exactly the schemes with a vector file in tests/vectors", async () => {
  const files = (await readdir(VECTORS)).filter((name) => name.endsWith(".json") && !NOT_CATALOG.includes(name));
  const ids = schemes().map((entry) => entry.id);
  assert.equal(new Set(ids).size, ids.length, "an id is listed twice");
  assert.deepEqual([...ids].sort(), files.map((name) => name.slice(0, -".json".length)).sort());
});

test("every catalog entry has its facts: name, https docs, key and secret format, signature, sample", () => {
  const catalog = schemes();
  assert.ok(Object.isFrozen(catalog));
  assert.equal(schemes(), catalog, "built once");
  for (const entry of catalog) {
    const { id } = entry;
    assert.ok(Object.isFrozen(entry), id);
    assert.match(id, /^[a-z0-9][a-z0-9-]*$/, id);
    assert.ok(typeof entry.name === "string" && entry.name.trim() !== "", id);
    assert.equal(new URL(entry.docs).protocol, "https:", `${id}: ${entry.docs}`);
    assert.ok(["secret", "public-key", "token"].includes(entry.key), id);
    assert.ok(["utf8", "whsec", "base64", "hex"].includes(entry.secretFormat), id);
    assert.ok(["hmac-sha256", "hmac-sha1", "hmac-sha512", "sha256", "ed25519", "ecdsa-p256", "token"].includes(entry.algorithm), id);
    assert.equal(entry.key === "token", entry.algorithm === "token", id);
    assert.equal(entry.key === "public-key", ["ed25519", "ecdsa-p256"].includes(entry.algorithm), id);
    for (const need of entry.needs) assert.ok(["url", "method"].includes(need), id);
    for (const part of entry.covers) assert.ok(["body", "timestamp", "id", "url", "method", "headers"].includes(part), id);
    for (const need of entry.needs) assert.ok(entry.covers.includes(need), `${id}: needs ${need} it does not sign`);
    assert.ok(entry.headers.every((name) => name === name.toLowerCase()), id);
    // Only a scheme whose signature travels in the body may read no header.
    assert.ok(entry.headers.length > 0 || entry.signatureHeader === undefined, id);
    assert.ok(entry.unsignedHeaders.every((name) => name === name.toLowerCase() && name !== entry.signatureHeader), id);
    if (entry.signatureHeader !== undefined) {
      assert.ok(entry.headers.includes(entry.signatureHeader), `${id}: reads its signature header`);
    }
    assert.ok(typeof entry.signatureLayout === "string" && entry.signatureLayout !== "", id);
    assert.equal(typeof entry.signedContent, "string", id);
    assert.ok(Number.isSafeInteger(entry.toleranceSeconds) && entry.toleranceSeconds >= 0, id);
    assert.equal(typeof entry.tolerancePastOnly, "boolean", id);
    assert.ok(entry.handshake === undefined || typeof entry.handshake === "string", id);
    assert.ok(typeof entry.sample === "string" && entry.sample !== "", `${id}: a sample event`);
    // The facts the package's Webhook reports for the same scheme.
    if (entry.key !== "public-key") {
      assert.deepEqual(new Webhook(secretFor(entry), { scheme: id }).covers, entry.covers, id);
    }
  }
});

test("every entry's sample signs and verifies with a new secret of its kind; detection finds it", () => {
  let signed = 0;
  for (const entry of schemes()) {
    const { id } = entry;
    const secret = secretFor(entry);
    const request = requestFor(entry);
    if (entry.key === "public-key") {
      // A public key only verifies (its vectors run in vectors.test.mjs).
      continue;
    }
    const webhook = new Webhook(secret, { scheme: id });
    if (entry.signatureHeader === undefined) {
      // The signature travels in the body: hookseal only verifies such a scheme.
      assert.equal(code(() => webhook.sign(entry.sample, request)), "invalid_sign_input", id);
      continue;
    }
    const headers = webhook.sign(entry.sample, request);
    assert.ok(entry.signatureHeader in headers, `${id}: signed into ${entry.signatureHeader}`);
    // A sample whose body carries its own signed timestamp (Linear's webhookTimestamp) is
    // checked as of that time, which the diagnosis reads.
    const read = webhook.diagnose(entry.sample, headers, { now: NOW, url: request.url, method: request.method }).timestamp;
    const now = read ?? NOW;
    const options = { now, url: request.url, method: request.method };
    const message = webhook.verify(entry.sample, headers, options);
    assert.equal(message.text(), entry.sample, id);
    assert.equal(message.scheme, id);
    assert.deepEqual(message.covers, entry.covers, id);
    if (entry.covers.includes("timestamp")) assert.equal(message.timestamp, now, id);
    if (entry.covers.includes("id")) assert.equal(message.id, request.id, id);
    // Another secret of the same kind does not verify it; nor does a changed sample.
    const other = new Webhook(secretFor(entry), { scheme: id });
    assert.equal(code(() => other.verify(entry.sample, headers, options)), "no_matching_signature", id);
    if (entry.covers.includes("body")) {
      assert.equal(code(() => webhook.verify(`${entry.sample} `, headers, options)), "no_matching_signature", id);
    }
    // Where the sample travels, the scheme's signed headers point back to it.
    const candidates = detectSchemes({ "content-type": "application/json", ...headers, ...request.headers });
    assert.ok(candidates.includes(id), `${id}: detected among ${JSON.stringify(candidates)}`);
    assert.equal(detectScheme(headers), detectSchemes(headers)[0], id);
    signed += 1;
  }
  assert.ok(signed > 0);
});

test("detectSchemes: every candidate, best first; detectScheme is the first", () => {
  const ids = schemes().map((entry) => entry.id);
  const github = new Webhook("github-secret", { scheme: "github" }).sign("{}", { id: "72d3162e-cc78-11e3-81ab-4c9367dc0958", eventType: "push" });
  assert.deepEqual(Object.keys(github).sort(), ["x-github-delivery", "x-github-event", "x-hub-signature-256"]);
  // The catalog says which of them the signature does not cover.
  const facts = schemes().find((entry) => entry.id === "github");
  assert.deepEqual(["x-github-delivery", "x-github-event"].filter((name) => facts.unsignedHeaders.includes(name)), ["x-github-delivery", "x-github-event"]);
  const candidates = detectSchemes(github);
  assert.equal(candidates[0], "github");
  assert.equal(detectScheme(github), "github");
  // Every other scheme that signs into X-Hub-Signature-256 alone is a candidate after GitHub.
  const sharing = schemes().filter((entry) => entry.id !== "github" && entry.signatureHeader === "x-hub-signature-256" && entry.headers.length === 1);
  for (const entry of sharing) assert.ok(candidates.includes(entry.id), entry.id);
  if (ids.includes("meta")) assert.ok(candidates.includes("meta"));
  // Candidates are catalog ids, once each; the array is frozen.
  assert.ok(candidates.every((id) => ids.includes(id)));
  assert.equal(new Set(candidates).size, candidates.length);
  assert.ok(Object.isFrozen(candidates));
  // A Fetch Headers and a plain object in any case give the same answer.
  const shouting = Object.fromEntries(Object.entries(github).map(([name, value]) => [name.toUpperCase(), value]));
  assert.deepEqual(detectSchemes(new Headers(github)), candidates);
  assert.deepEqual(detectSchemes(shouting), candidates);
  // Nothing known: none.
  assert.deepEqual(detectSchemes({ "content-type": "text/plain" }), []);
  assert.equal(detectScheme({ "content-type": "text/plain" }), undefined);
  assert.throws(() => detectSchemes(undefined), TypeError);
  // A header a scheme reads, given twice, is refused as verify refuses it.
  assert.equal(code(() => detectSchemes({ "x-hub-signature-256": ["sha256=00", "sha256=11"] })), "malformed_header");
  // Other headers given twice are no reason to refuse: they are left out.
  assert.deepEqual(detectSchemes({ ...github, "x-forwarded-for": ["10.0.0.1", "10.0.0.2"] }), candidates);
});
