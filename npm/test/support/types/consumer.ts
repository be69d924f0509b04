// A TypeScript consumer of the shipped declarations: `tsc --noEmit` must accept it as is, and
// each `@ts-expect-error` line proves a misuse is caught.
import { Webhook, WebhookVerificationError, detectScheme, detectSchemes, init, schemes } from "hookseal";
import type { CustomScheme, Diagnosis, ErrorCode, HandshakeAnswer, SchemeId, SchemeInfo, WebhookMessage } from "hookseal";

await init();
const webhook = new Webhook(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", new Uint8Array(32)], {
  scheme: "standard-webhooks",
  toleranceSeconds: 300,
});
const headers: Record<string, string> = webhook.sign('{"a":1}', { id: "msg_1", timestamp: 1_700_000_000 });
const message: WebhookMessage = webhook.verify('{"a":1}', headers, { now: 1_700_000_000 });
const id: string | undefined = message.id;
const bytes: Uint8Array = message.bytes;
const parsed: unknown = message.json();
const unsignedEvent: string | undefined = message.unsigned.eventType;
const internal: ErrorCode = "internal_error";

const custom: CustomScheme = { signatureHeader: "X-Signature", prefix: "sha256=", template: "{timestamp}.{body}", timestampHeader: "X-Timestamp" };
new Webhook("secret", { scheme: custom });
new Webhook("secret", { scheme: "github" }).verify(new ArrayBuffer(0), { "X-Hub-Signature-256": ["sha256=00"] });

try {
  webhook.verify("{}", { get: () => null });
} catch (error) {
  if (error instanceof WebhookVerificationError) {
    const code: ErrorCode = error.code;
    const hint: string | undefined = error.hint;
    void [code, hint];
  }
}

const diagnosis: Diagnosis = webhook.diagnose("{}", headers);
const hintCodes: string[] = diagnosis.hints.map((hint) => hint.code);
const scheme = detectScheme(headers);
const candidates: readonly SchemeId[] = detectSchemes(headers);
// The catalog's facts, typed: an entry's id is a SchemeId, usable as a scheme as it is.
const entry: SchemeInfo | undefined = schemes().find((item) => item.id === "github");
if (entry !== undefined) {
  const facts: [string, string, string, number, boolean, string] = [entry.name, entry.docs, entry.signatureLayout, entry.toleranceSeconds, entry.tolerancePastOnly, entry.sample];
  const where: string | undefined = entry.signatureHeader;
  const secretFormat: "utf8" | "whsec" | "base64" | "hex" = entry.secretFormat;
  new Webhook("secret", { scheme: entry.id }).sign(entry.sample, { url: entry.needs.includes("url") ? "https://example.com/hook" : undefined });
  void [facts, where, secretFormat, entry.handshake, entry.algorithm, entry.signedContent];
}
const challenge: HandshakeAnswer | null = new Webhook("app-secret", { scheme: "meta" }).answerHandshake("", {}, {
  url: "https://example.com/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=t",
  method: "GET",
  verifyToken: "t",
});
if (challenge !== null) {
  const reply: [number, string, string] = [challenge.status, challenge.contentType, challenge.body];
  void reply;
}
// @ts-expect-error: the verify token is a string
webhook.answerHandshake("", {}, { verifyToken: 1 });
const secret: string = Webhook.generateSecret();
const fromRequest: Promise<WebhookMessage> = webhook.verifyRequest({
  headers: { get: () => null },
  arrayBuffer: async () => new ArrayBuffer(0),
});

// @ts-expect-error: not a scheme id
new Webhook("secret", { scheme: "no-such-provider" });
// @ts-expect-error: detectSchemes gives ids, not strings to add to
const widened: SchemeId[] = [...detectSchemes(headers), "no-such-provider"];
// @ts-expect-error: numbers are not bodies
webhook.verify(42, headers);
// @ts-expect-error: the clock is in seconds, as a number
webhook.verify("{}", headers, { now: "2026-01-01" });
// @ts-expect-error: a custom scheme needs its signature header
const incomplete: CustomScheme = { prefix: "sha256=" };
// Or a signature in the body, which then cannot sign the body.
const inBody: CustomScheme = { signatureField: "signature.signature", template: "{timestamp}.{id}", timestampField: "signature.timestamp", idField: "signature.token" };
// @ts-expect-error: not both
const both: CustomScheme = { signatureHeader: "X-Sig", signatureField: "sig" };

void [id, bytes, parsed, unsignedEvent, internal, hintCodes, scheme, candidates, secret, fromRequest, incomplete, widened];
