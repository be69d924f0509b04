// Node (ES module): the CommonJS entry, so that `import` and `require` users share one instance.
import { createRequire } from "node:module";

const api = createRequire(import.meta.url)("./index.cjs");
export const { Webhook, WebhookVerificationError, detectScheme, detectSchemes, schemes, init, loadDiagnose } = api;
