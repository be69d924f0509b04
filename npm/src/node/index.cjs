// Node (CommonJS; also what the ES module entry loads, so both share one instance). The wasm is
// compiled synchronously at require time: every call is synchronous, no init needed.
"use strict";
const crypto = require("node:crypto");
const bindings = require("./hookseal.js");
const { createApi } = require("./api.cjs");

// Bodies from this size stay in JavaScript, streamed into a Hash object: copying them into the
// WebAssembly memory would cost more than the object does.
const STREAM_BYTES = 64 * 1024;

// Buffer's UTF-8 writer is several times faster than TextEncoder's in Node; `utf8Write` (in
// Node, Bun and Deno) skips `write`'s argument checks, a tenth of a small body's verification.
const writeUtf8 = typeof Buffer.prototype.utf8Write === "function"
  ? (view, text, offset) => view.utf8Write(text, offset)
  : (view, text, offset) => view.write(text, offset);

/** Writes `digest` (32 bytes as a latin1 string) into `view` at `offset`; whether it did. */
const writeDigest = typeof Buffer.prototype.latin1Write === "function"
  ? (view, digest, offset) => view.latin1Write(digest, offset) === 32
  : (view, digest, offset) => view.write(digest, offset, "latin1") === 32;

/**
 * SHA-256 over `view` (the WebAssembly memory) from `start` to `middle`, `body` (a string,
 * hashed as UTF-8, or bytes; `undefined` when the body is in `view`), then `view` from `middle`
 * to `end`: the inner hash of HMAC-SHA256, which the core finishes. Written into `view` at `end`.
 * One `crypto.hash` call (Node 20.12 and later) over the memory in place, with a latin1 string
 * for its answer: a Buffer answer costs more than a small body's whole hash (about 550 ns more
 * per call, measured).
 */
function innerHash(view, start, middle, end, body) {
  let digest;
  if (body === undefined && crypto.hash !== undefined) {
    // A plain Uint8Array: a Buffer's subarray costs a third more to make.
    digest = crypto.hash("sha256", new Uint8Array(view.buffer, start, end - start), "latin1");
  } else {
    const hash = crypto.createHash("sha256").update(view.subarray(start, middle));
    if (body !== undefined) hash.update(body);
    digest = hash.update(view.subarray(middle, end)).digest("latin1");
  }
  return writeDigest(view, digest, end);
}

const api = createApi(bindings, {
  encodeText: (text) => Buffer.from(text, "utf8"),
  // Buffer's UTF-8 reader, like its writer, is several times faster than TextDecoder's in Node.
  viewOf: (buffer) => Buffer.from(buffer),
  writeText: writeUtf8,
  readText: typeof Buffer.prototype.utf8Slice === "function"
    ? (view, start, end) => view.utf8Slice(start, end)
    : (view, start, end) => view.toString("utf8", start, end),
  // OpenSSL hashes with the CPU's SHA instructions: from this body size on, that beats
  // WebAssembly even with its per-call cost (at 256 B they are level, measured with
  // `make bench-npm`'s bodies). The core still parses, checks the timestamp, finishes the HMAC
  // and compares; only the body's hashing moves.
  hostMac: { minBodyBytes: 256, streamBytes: STREAM_BYTES, innerHash },
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
