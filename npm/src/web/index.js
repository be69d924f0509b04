// Browsers: compiling the wasm is asynchronous here (Chromium refuses to compile more than 4 KB
// synchronously on the main thread), so call `await init()` once before using the API. `init` is
// idempotent; using the API before it resolves throws an Error saying so.
import initBindings, * as bindings from "./hookseal.js";
import { createApi } from "../api.js";

let ready = false;
let pending;

/** Loads the wasm (from next to this file, or from `input`: a URL, Response, bytes or Module). */
export function init(input) {
  pending ??= initBindings({ module_or_path: input ?? new URL("./hookseal_bg.wasm", import.meta.url) }).then(() => {
    ready = true;
  });
  return pending;
}

const api = createApi(bindings, {
  ensureReady() {
    if (!ready) throw new Error("hookseal: call `await init()` once before using it in the browser");
  },
});
export const { Webhook, WebhookVerificationError, detectScheme } = api;
