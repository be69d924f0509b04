// A Stripe webhook route for Fetch API frameworks. As a Next.js route handler:
// app/api/webhooks/stripe/route.js. Remix: `export async function action({ request })`;
// SvelteKit (+server.js): `export async function POST({ request })`; the body is the same.
import { Webhook, WebhookVerificationError } from "hookseal";

// Built on the first request: build steps load route modules without the secret set.
let stripe;

export async function POST(request) {
  stripe ??= new Webhook(process.env.STRIPE_WEBHOOK_SECRET, { scheme: "stripe" });
  let message;
  try {
    // Reads the request's body once, as bytes, and verifies it: never request.json() or
    // request.text() first (text() would replace bytes that are not UTF-8).
    message = await stripe.verifyRequest(request);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return Response.json({ error: error.code }, { status: 401 });
  }
  let event;
  try {
    event = message.json();
  } catch {
    return Response.json({ error: "invalid_json" }, { status: 400 });
  }
  // Stripe signs the body and the timestamp, not an id header: deduplicate on event.id, which
  // the signed body carries.
  console.log(JSON.stringify({ timestamp: message.timestamp, id: event.id, type: event.type }));
  return Response.json({ received: true });
}
