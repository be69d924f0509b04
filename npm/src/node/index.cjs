// Node (CommonJS; also what the ES module entry loads, so both share one instance). The wasm is
// compiled synchronously at require time: every call is synchronous, no init needed.
"use strict";
const { createHmac, createSecretKey } = require("node:crypto");
const bindings = require("./hookseal.js");
const { createApi } = require("./api.cjs");

const api = createApi(bindings, {
  encodeText: (text) => Buffer.from(text, "utf8"),
  // OpenSSL uses the CPU's SHA instructions: from this body size on it beats WebAssembly even
  // with its per-call cost (measured by `make bench`). The core still parses, checks the
  // timestamp and compares; only the hashing moves.
  hostMac: {
    minBodyBytes: 2048,
    key: (bytes) => createSecretKey(bytes),
    mac: (key, before, body, after) => createHmac("sha256", key).update(before).update(body).update(after).digest(),
  },
});
module.exports = {
  Webhook: api.Webhook,
  WebhookVerificationError: api.WebhookVerificationError,
  detectScheme: api.detectScheme,
  detectSchemes: api.detectSchemes,
  schemes: api.schemes,
  init: () => Promise.resolve(),
};
