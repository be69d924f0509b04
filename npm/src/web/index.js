// Browsers: HMAC schemes only, so that their users do not download public-key code. Ed25519 and
// ECDSA schemes (Standard Webhooks v1a, Discord, Telnyx, SendGrid): import `hookseal/asymmetric`.
import initBindings, * as bindings from "./hookseal.js";
import { browserEntry } from "./browser.js";

export const { Webhook, WebhookVerificationError, detectScheme, detectSchemes, schemes, init, loadDiagnose } = browserEntry(
  initBindings,
  bindings,
  new URL("./hookseal_bg.wasm", import.meta.url),
);
