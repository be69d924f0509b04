// Cloudflare Workers (workerd) and other runtimes that import .wasm files as compiled modules:
// workerd refuses to compile wasm from bytes at run time, so the module is imported and
// instantiated synchronously here (the full module: every algorithm, diagnose). Every call is
// synchronous; `init` and `loadDiagnose` exist for parity.
import wasmModule from "../diagnose/hookseal_bg.wasm";
import * as bindings from "../diagnose/hookseal.js";
import { createApi } from "../api.js";

bindings.initSync({ module: wasmModule });

const api = createApi(bindings);
export const { Webhook, WebhookVerificationError, detectScheme, detectSchemes, schemes } = api;
export const init = () => Promise.resolve();
export const loadDiagnose = () => Promise.resolve();
