// A Standard Webhooks receiver on Fastify. WEBHOOK_SECRET=whsec_… node fastify.mjs
import Fastify from "fastify";
import { Webhook, WebhookVerificationError } from "hookseal";

const webhook = new Webhook(process.env.WEBHOOK_SECRET, { scheme: "standard-webhooks" });
const app = Fastify();

// A scope of its own, so the app's other routes keep Fastify's JSON parser.
app.register(async (webhooks) => {
  // Every content type (and none) as the exact bytes, a Buffer: the signature covers them.
  webhooks.removeAllContentTypeParsers();
  webhooks.addContentTypeParser("*", { parseAs: "buffer" }, (request, body, done) => done(null, body));

  webhooks.post("/webhooks", async (request, reply) => {
    let message;
    try {
      message = webhook.verify(request.body ?? "", request.headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return reply.code(401).send({ error: error.code });
    }
    let payload;
    try {
      payload = message.json();
    } catch {
      return reply.code(400).send({ error: "invalid_json" });
    }
    // Standard Webhooks signs webhook-id and webhook-timestamp with the body: message.id is
    // safe to deduplicate on, message.timestamp is when it was sent.
    console.log(JSON.stringify({ id: message.id, timestamp: message.timestamp, payload }));
    return reply.code(204).send();
  });
});

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" });
console.log(`listening on ${address}`);
