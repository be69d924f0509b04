// A Standard Webhooks receiver as a Cloudflare Worker. `npx wrangler secret put WEBHOOK_SECRET`,
// then `npx wrangler deploy`: wrangler bundles hookseal's workerd build (the .wasm as a module).
import { Webhook, WebhookVerificationError } from "hookseal";

let webhook; // built on the first request: `env` is only given to fetch

export default {
  async fetch(request, env) {
    if (request.method !== "POST" || new URL(request.url).pathname !== "/webhooks") {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    webhook ??= new Webhook(env.WEBHOOK_SECRET);
    let message;
    try {
      // Reads the body once, as bytes, and verifies it: never request.json() first.
      message = await webhook.verifyRequest(request);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return Response.json({ error: error.code }, { status: 401 });
    }
    let payload;
    try {
      payload = message.json();
    } catch {
      return Response.json({ error: "invalid_json" }, { status: 400 });
    }
    // webhook-id and webhook-timestamp are signed with the body: message.id is safe to
    // deduplicate on, message.timestamp is when it was sent.
    console.log(JSON.stringify({ id: message.id, timestamp: message.timestamp, payload }));
    return new Response(null, { status: 204 });
  },
};
