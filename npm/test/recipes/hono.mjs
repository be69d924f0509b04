// A Shopify webhook receiver on Hono, served by Node. SHOPIFY_API_SECRET=… node hono.mjs
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { Webhook, WebhookVerificationError } from "hookseal";

const shopify = new Webhook(process.env.SHOPIFY_API_SECRET, { scheme: "shopify" });
const app = new Hono();

app.post("/webhooks/shopify", async (c) => {
  let message;
  try {
    // Reads the raw request's body once, as bytes, and verifies it: never c.req.json() first.
    message = await shopify.verifyRequest(c.req.raw);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return c.json({ error: error.code }, 401);
  }
  let payload;
  try {
    payload = message.json();
  } catch {
    return c.json({ error: "invalid_json" }, 400);
  }
  // Shopify signs the body only. X-Shopify-Topic and X-Shopify-Webhook-Id are claims anyone
  // can change on a replayed delivery (message.unsigned): log them, never trust them alone.
  console.log(JSON.stringify({ payload, unsigned: message.unsigned }));
  return c.body(null, 204);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: "127.0.0.1" }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
