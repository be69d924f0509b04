// Signs requests the way each vendor does, with node:crypto only (independent of the Rust core),
// and reads the repository's vendor fixtures byte for byte.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const WORKER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const REPO_DIR = join(WORKER_DIR, "..");

/** The exact bytes of tests/fixtures/<name>. */
export function fixture(name) {
  return readFileSync(join(REPO_DIR, "tests", "fixtures", name));
}

/** The current time in Unix seconds, the clock the Worker checks timestamps against. */
export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

const hmac = (key, ...parts) => {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

const whsecKey = (secret) => Buffer.from(secret.replace(/^whsec_/, ""), "base64");

/**
 * The headers `scheme` sends with `body` (a Buffer), signed with `secret`.
 * Options: id, timestamp (Unix seconds; default now), eventType.
 */
export function sign(scheme, secret, body, options = {}) {
  const timestamp = String(options.timestamp ?? nowSeconds());
  const id = options.id ?? `msg_${randomUUID().replaceAll("-", "")}`;
  const eventType = options.eventType;
  switch (scheme) {
    case "standard-webhooks":
    case "svix": {
      const signature = hmac(whsecKey(secret), `${id}.${timestamp}.`, body).toString("base64");
      const prefix = scheme === "svix" ? "svix" : "webhook";
      return {
        [`${prefix}-id`]: id,
        [`${prefix}-timestamp`]: timestamp,
        [`${prefix}-signature`]: `v1,${signature}`,
      };
    }
    case "septiccycle":
      return { "x-septiccycle-signature": hmac(secret, body).toString("hex") };
    case "x-webhook-signature":
      return {
        "x-webhook-signature": `sha256=${hmac(secret, body).toString("hex")}`,
        ...(eventType ? { "x-webhook-event": eventType } : {}),
      };
    case "github":
      return {
        "x-hub-signature-256": `sha256=${hmac(secret, body).toString("hex")}`,
        "x-github-event": eventType ?? "push",
        "x-github-delivery": options.id ?? randomUUID(),
        "x-github-hook-id": "292430182",
      };
    case "stripe":
      return {
        "stripe-signature": `t=${timestamp},v1=${hmac(secret, `${timestamp}.`, body).toString("hex")}`,
      };
    case "slack":
      return {
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": `v0=${hmac(secret, `v0:${timestamp}:`, body).toString("hex")}`,
      };
    case "shopify":
      return {
        "x-shopify-hmac-sha256": hmac(secret, body).toString("base64"),
        "x-shopify-topic": eventType ?? "orders/create",
        "x-shopify-webhook-id": options.id ?? randomUUID(),
        "x-shopify-shop-domain": "example.myshopify.com",
      };
    case "acme":
      // The custom scheme of the tests' route /hooks/custom (see ACME_SCHEME).
      return {
        "x-acme-id": id,
        "x-acme-timestamp": timestamp,
        "x-acme-event": eventType ?? "thing.happened",
        "x-acme-signature": `sig=${hmac(secret, `${timestamp}:${id}:`, body).toString("base64")}`,
      };
    default:
      throw new Error(`unknown scheme ${scheme}`);
  }
}

/** A custom scheme object, as HOOKSEAL_ROUTES writes it. */
export const ACME_SCHEME = {
  signatureHeader: "X-Acme-Signature",
  prefix: "sig=",
  encoding: "base64",
  template: "{timestamp}:{id}:{body}",
  idHeader: "X-Acme-Id",
  timestampHeader: "X-Acme-Timestamp",
  eventTypeHeader: "X-Acme-Event",
};
