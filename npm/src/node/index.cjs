// Node (CommonJS; also what the ES module entry loads, so both share one instance). The wasm is
// compiled synchronously at require time: every call is synchronous, no init needed.
"use strict";
const crypto = require("node:crypto");
const bindings = require("./hookseal.js");
const { createApi } = require("./api.cjs");

// One buffer for the inner hash's input, grown to the largest body hashed in one piece.
let scratch = Buffer.alloc(0);
// Bodies from this size are streamed into a Hash object instead: copying them would cost more
// than the object does.
const STREAM_BYTES = 64 * 1024;

/**
 * SHA-256 over `pad`, `before`, the body (a string, hashed as UTF-8, or bytes) and `after`: the
 * inner hash of HMAC-SHA256, which the core finishes. One `crypto.hash` call (Node 20.12 and
 * later) costs about half of a `createHmac` object.
 */
function innerHash(pad, before, body, after) {
  if (crypto.hash === undefined || body.length >= STREAM_BYTES) {
    return crypto.createHash("sha256").update(pad).update(before).update(body).update(after).digest();
  }
  const text = typeof body === "string";
  const room = pad.length + before.length + (text ? 3 : 1) * body.length + after.length;
  if (scratch.length < room) scratch = Buffer.alloc(Math.max(room, 2 * scratch.length));
  scratch.set(pad, 0);
  scratch.set(before, pad.length);
  let length = pad.length + before.length;
  if (text) {
    length += scratch.write(body, length);
  } else {
    scratch.set(body, length);
    length += body.length;
  }
  scratch.set(after, length);
  length += after.length;
  return crypto.hash("sha256", scratch.subarray(0, length), "buffer");
}

const api = createApi(bindings, {
  encodeText: (text) => Buffer.from(text, "utf8"),
  // Buffer's UTF-8 writer and reader are several times faster than TextEncoder's in Node;
  // `utf8Write` and `utf8Slice` (in Node, Bun and Deno) skip `write`'s and `toString`'s
  // argument checks, a tenth of a small body's verification.
  viewOf: (buffer) => Buffer.from(buffer),
  writeText: typeof Buffer.prototype.utf8Write === "function"
    ? (view, text, offset) => view.utf8Write(text, offset)
    : (view, text, offset) => view.write(text, offset),
  readText: typeof Buffer.prototype.utf8Slice === "function"
    ? (view, start, end) => view.utf8Slice(start, end)
    : (view, start, end) => view.toString("utf8", start, end),
  // OpenSSL hashes with the CPU's SHA instructions: from this body size on, that beats
  // WebAssembly even with its per-call cost (measured by `make bench-npm`). The core still
  // parses, checks the timestamp, finishes the HMAC and compares; only the body's hashing moves.
  hostMac: { minBodyBytes: 1024, innerHash },
});
module.exports = {
  Webhook: api.Webhook,
  WebhookVerificationError: api.WebhookVerificationError,
  detectScheme: api.detectScheme,
  detectSchemes: api.detectSchemes,
  schemes: api.schemes,
  init: () => Promise.resolve(),
  loadDiagnose: () => Promise.resolve(),
};
