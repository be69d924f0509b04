// Which hashing path each body takes in Node, and that each computes the right MAC: below 256 B
// the core hashes in WebAssembly; from 256 B node:crypto hashes the inner half of HMAC-SHA256,
// in one `crypto.hash` call over the WebAssembly memory below 64 KiB, in a streamed Hash from
// there; with too little room around the body for the bytes the core puts there, the core hashes
// by itself. node:crypto's functions are wrapped to count the calls (the package calls them
// through the module object), so a size taking another path than meant fails here, and each
// path's MAC is checked against good and tampered messages. Node only (Bun's and Deno's
// node:crypto need not be replaceable): not in runtimes.test.mjs's suites.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { test } from "node:test";
import { Webhook } from "hookseal";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER = "whsec_b2xkLXNlY3JldA==";
const NOW = 1_700_000_000;

/** Runs `action` with node:crypto's hash functions counted: `{ hash, createHash }` calls. */
function counted(action, { failHash = false } = {}) {
  const { hash, createHash } = crypto;
  const calls = { hash: 0, createHash: 0 };
  crypto.hash = (...args) => {
    calls.hash++;
    if (failHash) throw new Error("injected");
    return hash(...args);
  };
  crypto.createHash = (...args) => {
    calls.createHash++;
    return createHash(...args);
  };
  try {
    action();
  } finally {
    crypto.hash = hash;
    crypto.createHash = createHash;
  }
  return calls;
}

const codeOf = (action) => {
  try {
    action();
  } catch (error) {
    return error.code;
  }
  return "ok";
};

test("node:crypto's functions can be counted here (else this file proves nothing)", () => {
  const calls = counted(() => crypto.hash("sha256", "x"));
  assert.equal(calls.hash, 1);
});

test("each body size takes its hashing path, and each path accepts the right MAC only", () => {
  const paths = [
    [0, "wasm"], [100, "wasm"], [255, "wasm"],
    [256, "in place"], [1024, "in place"], [64 * 1024 - 1, "in place"],
    [64 * 1024, "streamed"], [300_000, "streamed"],
  ];
  const expected = { wasm: { hash: 0, createHash: 0 }, "in place": { hash: 1, createHash: 0 }, streamed: { hash: 0, createHash: 1 } };
  for (const [size, path] of paths) {
    // ASCII, so that the string's UTF-8 size is `size`; the signing secret second (rotation).
    const text = "a".repeat(size);
    const bytes = Buffer.from(text);
    const headers = new Webhook(SECRET).sign(bytes, { id: "msg_path", timestamp: NOW });
    const rotated = new Webhook([OTHER, SECRET]);
    for (const body of [text, bytes]) {
      let message;
      const calls = counted(() => {
        message = rotated.verify(body, headers, { now: NOW });
      });
      // Two secrets: the host hashes once per secret tried.
      const perSecret = { hash: calls.hash / 2, createHash: calls.createHash / 2 };
      assert.deepEqual(perSecret, expected[path], `${size} B (${typeof body}): ${path}`);
      assert.equal(message.id, "msg_path");
      assert.ok(bytes.equals(message.bytes));
    }
    // A changed byte, a changed id, the wrong secret: no match on the same path.
    const tampered = Buffer.from(bytes);
    if (size > 0) tampered[size >> 1] ^= 1;
    const wrong = [
      () => rotated.verify(size > 0 ? tampered : "x", headers, { now: NOW }),
      () => rotated.verify(bytes, { ...headers, "webhook-id": "msg_other" }, { now: NOW }),
      () => new Webhook(OTHER).verify(bytes, headers, { now: NOW }),
    ];
    for (const action of wrong) {
      let code;
      counted(() => {
        code = codeOf(action);
      });
      assert.equal(code, "no_matching_signature", `${size} B`);
    }
  }
});

test("a body with too little room around it for the signed bytes is hashed by the core", () => {
  // A template whose own text is longer than the room the package leaves around the body.
  const template = `{id}.{timestamp}.${"t".repeat(2000)}.{body}`;
  const scheme = { signatureHeader: "X-Sig", template, idHeader: "X-Id", timestampHeader: "X-Ts", encoding: "base64" };
  const wh = new Webhook("a secret", { scheme });
  const body = "b".repeat(4096);
  const headers = wh.sign(body, { id: "msg_room", timestamp: NOW });
  const calls = counted(() => assert.equal(wh.verify(body, headers, { now: NOW }).id, "msg_room"));
  // node:crypto was asked for nothing: the core found no room, and hashed by itself.
  assert.deepEqual(calls, { hash: 0, createHash: 0 });
  assert.equal(codeOf(() => wh.verify(`${body} `, headers, { now: NOW })), "no_matching_signature");
  assert.equal(codeOf(() => new Webhook("another", { scheme }).verify(body, headers, { now: NOW })), "no_matching_signature");
  // The same template with a short text goes in place.
  const short = new Webhook("a secret", { scheme: { ...scheme, template: "{id}.{timestamp}.{body}" } });
  const shortHeaders = short.sign(body, { id: "msg_room", timestamp: NOW });
  assert.equal(counted(() => short.verify(body, shortHeaders, { now: NOW })).hash, 1);
});

test("node:crypto failing to hash is no match for that secret, never an escape or a broken instance", () => {
  const wh = new Webhook(SECRET);
  const body = "c".repeat(2048);
  const headers = wh.sign(body, { id: "msg_fail", timestamp: NOW });
  let code;
  const calls = counted(() => {
    code = codeOf(() => wh.verify(body, headers, { now: NOW }));
  }, { failHash: true });
  assert.equal(calls.hash, 1);
  assert.equal(code, "no_matching_signature");
  // The instance still verifies, on every path.
  assert.equal(wh.verify(body, headers, { now: NOW }).id, "msg_fail");
  assert.equal(wh.verify("{}", wh.sign("{}", { id: "m", timestamp: NOW }), { now: NOW }).id, "m");
});
