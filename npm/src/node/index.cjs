// Node (CommonJS; also what the ES module entry loads, so both share one instance). The wasm is
// compiled synchronously at require time: every call is synchronous, no init needed.
"use strict";
const bindings = require("./hookseal.js");
const { createApi } = require("./api.cjs");

const api = createApi(bindings, { encodeText: (text) => Buffer.from(text, "utf8") });
module.exports = {
  Webhook: api.Webhook,
  WebhookVerificationError: api.WebhookVerificationError,
  detectScheme: api.detectScheme,
  init: () => Promise.resolve(),
};
