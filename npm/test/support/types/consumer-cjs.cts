// A CommonJS TypeScript consumer (a .cts file: its imports compile to `require`), type-checked
// by packaging.test.mjs under `module: node16` against the packed tarball: the package's
// `require` condition must give it CommonJS declarations (dist/index.d.cts). With an ES module
// .d.ts there, tsc refuses the import (TS1479), for the root entry and `hookseal/asymmetric`.
import { Webhook, WebhookVerificationError, detectScheme } from "hookseal";
import type { ErrorCode, WebhookMessage } from "hookseal";
import asymmetric = require("hookseal/asymmetric");

const webhook = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const headers: Record<string, string> = webhook.sign("{}", { id: "msg_1", timestamp: 1_700_000_000 });
const message: WebhookMessage = webhook.verify("{}", headers, { now: 1_700_000_000 });
const scheme = detectScheme(headers);
const discord = new asymmetric.Webhook("a".repeat(64), { scheme: "discord" });
let code: ErrorCode | undefined;
try {
  discord.verify("{}", {});
} catch (error) {
  if (error instanceof WebhookVerificationError) code = error.code;
}
// @ts-expect-error: numbers are not bodies
webhook.verify(42, headers);

void [message, scheme, code];
