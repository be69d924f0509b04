// A GitHub webhook receiver on Express. GITHUB_WEBHOOK_SECRET=… node express.mjs
import express from "express";
import { Webhook, WebhookVerificationError } from "hookseal";

const github = new Webhook(process.env.GITHUB_WEBHOOK_SECRET, { scheme: "github" });
const app = express();

// express.raw, never express.json: the signature covers the exact bytes. Any content type (or
// none) is read; GitHub sends up to 25 MB, and express.raw's default limit is 100 kB.
app.post("/webhooks/github", express.raw({ type: () => true, limit: "25mb" }), (req, res) => {
  let message;
  try {
    message = github.verify(req.body ?? "", req.headers); // req.body: a Buffer, or none if empty
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return res.status(401).json({ error: error.code });
  }
  let payload;
  try {
    payload = message.json();
  } catch {
    return res.status(400).json({ error: "invalid_json" });
  }
  // GitHub signs the body only. X-GitHub-Event and X-GitHub-Delivery are claims anyone can
  // change on a replayed delivery (message.unsigned): log them, never trust them alone.
  console.log(JSON.stringify({ payload, unsigned: message.unsigned }));
  res.sendStatus(204);
});

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
