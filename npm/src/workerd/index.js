// Cloudflare Workers (workerd) and other runtimes that import .wasm files as compiled modules:
// workerd refuses to compile wasm from bytes at run time, so the module is imported and
// instantiated synchronously here. Every call is synchronous; `init` exists for parity.
import wasmModule from "../asymmetric/hookseal_bg.wasm";
import * as bindings from "../asymmetric/hookseal.js";
import { createApi } from "../api.js";

bindings.initSync({ module: wasmModule });

const api = createApi(bindings);
export const { Webhook, WebhookVerificationError, detectScheme, detectSchemes, schemes } = api;
export const init = () => Promise.resolve();
