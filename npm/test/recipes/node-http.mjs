// A Svix webhook receiver on node:http. SVIX_WEBHOOK_SECRET=whsec_… node node-http.mjs
import { createServer } from "node:http";
import { Webhook, WebhookVerificationError } from "hookseal";

const svix = new Webhook(process.env.SVIX_WEBHOOK_SECRET, { scheme: "svix" });
const MAX_BODY_BYTES = 1 << 20;

const server = createServer(async (req, res) => {
  const reply = (status, body) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (req.method !== "POST" || req.url !== "/webhooks/svix") return reply(404, { error: "not_found" });
  // The exact bytes as they arrive: the signature covers them.
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return reply(413, { error: "body_too_large" });
    chunks.push(chunk);
  }
  let message;
  try {
    message = svix.verify(Buffer.concat(chunks), req.headers);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return reply(401, { error: error.code });
  }
  let payload;
  try {
    payload = message.json();
  } catch {
    return reply(400, { error: "invalid_json" });
  }
  // Svix signs its id and timestamp with the body: message.id (svix-id) is safe to
  // deduplicate on, message.timestamp is when it was sent.
  console.log(JSON.stringify({ id: message.id, timestamp: message.timestamp, payload }));
  res.writeHead(204).end();
});

server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
