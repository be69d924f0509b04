// Browsers, `hookseal/asymmetric`: every scheme, Ed25519 and ECDSA keys included (a larger
// module than the default entry's). Same API, same `await init()`.
import initBindings, * as bindings from "./hookseal.js";
import { browserEntry } from "../web/browser.js";

export const { Webhook, WebhookVerificationError, detectScheme, detectSchemes, schemes, init, loadDiagnose } = browserEntry(
  initBindings,
  bindings,
  new URL("./hookseal_bg.wasm", import.meta.url),
);
