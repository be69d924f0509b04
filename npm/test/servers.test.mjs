// Real receivers on 127.0.0.1, written as the README recommends, receiving signed POSTs from
// Node's fetch: an Express app with express.raw, and a plain node:http server.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import express from "express";
import { Webhook, WebhookVerificationError } from "hookseal";
import { demoSecret } from "./support/samples.mjs";

const fixture = (path) => readFile(new URL(`../../tests/fixtures/${path}`, import.meta.url));
const SEPTICCYCLE_SECRET = demoSecret("septiccycle");
const CARECYCLE_SECRET = demoSecret("svix");
const received = [];
let expressServer;
let httpServer;

/** The recommended Express receiver: the raw body, never express.json(). */
function expressApp() {
  const app = express();
  const septiccycle = new Webhook(SEPTICCYCLE_SECRET, { scheme: "septiccycle" });
  app.post("/webhooks/septiccycle", express.raw({ type: "*/*" }), (req, res) => {
    try {
      const message = septiccycle.verify(req.body ?? new Uint8Array(), req.headers);
      received.push({ via: "express", event: message.json().event });
      res.sendStatus(204);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      res.status(401).json({ error: error.code });
    }
  });
  return app;
}

/** The recommended node:http receiver: collect the bytes, then verify. */
function httpReceiver() {
  const carecycle = new Webhook(CARECYCLE_SECRET, { scheme: "svix" });
  return createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    try {
      const message = carecycle.verify(Buffer.concat(chunks), req.headers);
      received.push({ via: "node:http", id: message.id, type: message.json().type });
      res.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: error.code }));
    }
  });
}

const listen = (server) =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));

let expressUrl;
let httpUrl;
before(async () => {
  expressServer = createServer(expressApp());
  expressUrl = await listen(expressServer);
  httpServer = httpReceiver();
  httpUrl = await listen(httpServer);
});

after(() => {
  expressServer?.close();
  httpServer?.close();
});

test("Express receives signed SepticCycle events and refuses a forged one", async () => {
  const sender = new Webhook(SEPTICCYCLE_SECRET, { scheme: "septiccycle" });
  for (const event of ["job.completed", "invoice.paid", "contract.signed"]) {
    const body = await fixture(`septiccycle/${event}.json`);
    const response = await fetch(`${expressUrl}/webhooks/septiccycle`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...sender.sign(body) },
    });
    assert.equal(response.status, 204, event);
  }
  const forged = await fetch(`${expressUrl}/webhooks/septiccycle`, {
    method: "POST",
    body: '{"event":"invoice.paid","amount":1}',
    headers: { "content-type": "application/json", "x-septiccycle-signature": "test_signature" },
  });
  assert.equal(forged.status, 401);
  assert.deepEqual(await forged.json(), { error: "no_matching_signature" });
  assert.deepEqual(
    received.filter((entry) => entry.via === "express").map((entry) => entry.event),
    ["job.completed", "invoice.paid", "contract.signed"],
  );
});

test("node:http receives careCycle (svix-*) events; a replay outside the tolerance is refused", async () => {
  const sender = new Webhook(CARECYCLE_SECRET, { scheme: "svix" });
  const body = await fixture("carecycle/customer.updated.json");
  const response = await fetch(httpUrl, { method: "POST", body, headers: sender.sign(body, { id: "msg_cc_1" }) });
  assert.equal(response.status, 204);
  assert.deepEqual(received.at(-1), { via: "node:http", id: "msg_cc_1", type: "customer.updated" });

  const old = sender.sign(body, { id: "msg_cc_2", timestamp: Math.floor(Date.now() / 1000) - 3600 });
  const replay = await fetch(httpUrl, { method: "POST", body, headers: old });
  assert.equal(replay.status, 401);
  assert.deepEqual(await replay.json(), { error: "timestamp_too_old" });
});
