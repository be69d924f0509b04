// Queue delivery in real workerd (Miniflare's local queues): 202 at once, retries with backoff
// honouring Retry-After, dead letters, replay, and nothing lost: every accepted message ends up
// delivered (always with its webhook-id) or in the dead-letter store.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { startOrigin } from "./support/origin.mjs";
import { queuedMessage, sealQueueMessage } from "./support/queue.mjs";
import { sign } from "./support/sign.mjs";
import {
  ADMIN_TOKEN,
  ORIGIN_SIGNING_SECRET,
  admin,
  bindings,
  deadLetters,
  post,
  startWorkers,
  svixRoute,
  waitFor,
} from "./support/worker.mjs";

const SVIX_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const SECRETS = { SVIX_SECRET, ADMIN_TOKEN };

describe("queue delivery", () => {
  let origin;
  let workers;
  let closedPort;
  let attacker; // an origin no route names: a forged message must never reach it
  let downUp = false; // /down-up: 503 until switched

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    attacker = await startOrigin();
    const probe = await startOrigin();
    closedPort = probe.port;
    await probe.close();
    // Down for the first two attempts of each message, then up.
    origin.handle("/outage", (_, count) => ({ status: count <= 2 ? 503 : 200 }));
    origin.handle("/down-up", () => ({ status: downUp ? 200 : 503 }));
    origin.handle("/reject", () => ({ status: 422 }));
    origin.handle("/busy", (_, count) =>
      count === 1 ? { status: 429, headers: { "retry-after": "3" } } : { status: 200 },
    );
    origin.handle("/random", () => ({ status: Math.random() < 0.3 ? 503 : 200 }));
    origin.handle("/accept", () => ({ status: 200 }));
    const queued = (path, target, extra) => svixRoute(origin, path, target, { delivery: "queue", ...extra });
    const routes = [
      queued("/hooks/outage", "/outage", { retrySchedule: [1, 1, 1, 1] }),
      queued("/hooks/down-up", "/down-up", { retrySchedule: [0, 1] }),
      queued("/hooks/reject", "/reject", { retrySchedule: [1, 1] }),
      queued("/hooks/busy", "/busy", { retrySchedule: [1] }),
      queued("/hooks/unreachable", "/x", {
        origin: `http://127.0.0.1:${closedPort}/x`,
        retrySchedule: [0],
      }),
      queued("/hooks/accept", "/accept", { maxBodyBytes: 1 << 20 }),
      queued("/hooks/burst", "/random", { retrySchedule: [1, 1] }),
      queued("/hooks/parked", "/parked", { retrySchedule: [0, 1] }),
    ];
    workers = await startWorkers({
      main: { bindings: bindings(routes, SECRETS), queue: true },
      // The bucket a large body is parked in is broken: every enqueue of a large body fails.
      broken: {
        bindings: bindings([queued("/hooks/q", "/accept")], { SVIX_SECRET }),
        queue: true,
        parked: "broken",
      },
    });
  });

  after(async () => {
    await workers?.dispose();
    await origin?.close();
    await attacker?.close();
  });

  const body = (label) => Buffer.from(JSON.stringify({ type: "thing.happened", label, pad: randomBytes(8).toString("hex") }));
  const send = async (path, id, payload = body(id), worker = "main") => {
    const answer = await post(workers, worker, path, payload, sign("svix", SVIX_SECRET, payload, { id }));
    return { ...answer, id, payload };
  };
  const delivered = (path) => origin.to(path).filter((request) => request.status >= 200 && request.status < 300);

  test("202 at once; the origin down for the first attempts: every message delivered, same webhook-id", async () => {
    const sent = [];
    for (let i = 0; i < 20; i += 1) {
      const started = Date.now();
      const answer = await send("/hooks/outage", `msg_outage_${i}`);
      assert.equal(answer.status, 202);
      assert.deepEqual(answer.json, { outcome: "queued", id: `msg_outage_${i}` });
      assert.ok(Date.now() - started < 2000, "answered at once");
      sent.push(answer);
    }
    await waitFor(() => delivered("/outage").length >= sent.length, { what: "every message delivered" });
    const received = origin.to("/outage");
    for (const { id, payload } of sent) {
      const attempts = received.filter((request) => request.headers["webhook-id"] === id);
      assert.deepEqual(attempts.map((request) => request.status), [503, 503, 200], id);
      for (const request of attempts) {
        assert.ok(request.signatureOk && request.oracle === "ok", "re-signed at every attempt");
        assert.ok(request.body.equals(payload), "exact bytes");
        assert.equal(request.headers["x-hookseal-route"], "/hooks/outage");
      }
      // Backoff: about a second between attempts (schedule [1, 1, 1, 1], ±20 % jitter).
      const gap = attempts[1].at - attempts[0].at;
      assert.ok(gap >= 700 && gap < 4000, `gap ${gap} ms`);
    }
    const ids = new Set(received.map((request) => request.headers["webhook-id"]));
    assert.deepEqual([...ids].sort(), sent.map(({ id }) => id).sort(), "no other id reached the origin");
    assert.equal(delivered("/outage").length, sent.length, "each delivered once");
    assert.deepEqual(await deadLetters(workers, "main", "/hooks/outage"), []);
  });

  test("a redelivery of a queued message is absorbed (202 duplicate, origin sees it once)", async () => {
    const first = await send("/hooks/accept", "msg_dup_q");
    const again = await send("/hooks/accept", "msg_dup_q", first.payload);
    assert.equal(first.status, 202);
    assert.equal(again.status, 202);
    assert.deepEqual(again.json, { outcome: "duplicate", id: "msg_dup_q" });
    await waitFor(() => delivered("/accept").some((request) => request.headers["webhook-id"] === "msg_dup_q"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(origin.to("/accept").filter((request) => request.headers["webhook-id"] === "msg_dup_q").length, 1);
  });

  test("a body too large for a queue message (300 KB) is delivered byte for byte", async () => {
    const large = randomBytes(300_000);
    const answer = await send("/hooks/accept", "msg_large", large);
    assert.equal(answer.status, 202);
    const request = await waitFor(() => origin.to("/accept").find((r) => r.headers["webhook-id"] === "msg_large"));
    assert.ok(request.body.equals(large));
    assert.ok(request.signatureOk);
  });

  test("the origin permanently failing: all dead-lettered; replay after recovery delivers all; store empty", async () => {
    const sent = [];
    for (let i = 0; i < 10; i += 1) sent.push(await send("/hooks/down-up", `msg_down_${i}`));
    assert.ok(sent.every((answer) => answer.status === 202));
    const letters = await waitFor(
      async () => {
        const all = await deadLetters(workers, "main", "/hooks/down-up");
        return all.length === sent.length && all;
      },
      { what: "10 dead letters" },
    );
    assert.equal(delivered("/down-up").length, 0);
    for (const letter of letters) {
      assert.equal(letter.reason, "retries_exhausted");
      assert.equal(letter.attempts, 3);
      assert.equal(letter.lastStatus, 503);
      assert.equal(letter.lastError, "origin_error");
      assert.equal(letter.route, "/hooks/down-up");
      assert.match(letter.key, /^dl_[0-9a-f]{32}$/);
      assert.ok(Date.parse(letter.deadLetteredAt) >= Date.parse(letter.acceptedAt));
    }
    // Three attempts each: immediately, then after 0 s and 1 s.
    assert.equal(origin.to("/down-up").length, 30);
    // Show one: headers and the exact body.
    const one = letters.find((letter) => letter.id === "msg_down_3");
    const shown = await admin(workers, "main", "GET", `/admin/dead-letters/${one.key}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.json.body, sent[3].payload.toString());
    assert.equal(shown.json.headers["content-type"], "application/json");
    assert.equal(shown.json.origin, `${origin.url}/down-up`);
    // Paging: 4 + 4 + 2, in order, and the total.
    const page1 = await admin(workers, "main", "GET", "/admin/dead-letters?limit=4&route=%2Fhooks%2Fdown-up");
    assert.equal(page1.json.total, 10);
    assert.equal(page1.json.deadLetters.length, 4);
    const page2 = await admin(workers, "main", "GET", `/admin/dead-letters?limit=4&route=/hooks/down-up&after=${page1.json.next}`);
    const page3 = await admin(workers, "main", "GET", `/admin/dead-letters?limit=4&route=/hooks/down-up&after=${page2.json.next}`);
    assert.equal(page3.json.deadLetters.length, 2);
    assert.equal(page3.json.next, null);
    const paged = [...page1.json.deadLetters, ...page2.json.deadLetters, ...page3.json.deadLetters];
    assert.deepEqual(paged.map((letter) => letter.key).sort(), letters.map((letter) => letter.key).sort());
    // Filter by id.
    const byId = await admin(workers, "main", "GET", "/admin/dead-letters?id=msg_down_3");
    assert.deepEqual(byId.json.deadLetters.map((letter) => letter.key), [one.key]);

    // The origin recovers: replay one, then all.
    downUp = true;
    const replayOne = await admin(workers, "main", "POST", `/admin/dead-letters/${one.key}/replay`);
    assert.equal(replayOne.status, 202);
    assert.deepEqual(replayOne.json, { replayed: 1, key: one.key, id: "msg_down_3" });
    const replayAll = await admin(workers, "main", "POST", "/admin/dead-letters/replay?route=/hooks/down-up");
    assert.equal(replayAll.status, 202);
    assert.equal(replayAll.json.replayed, 9);
    await waitFor(() => delivered("/down-up").length >= sent.length, { what: "every replayed message delivered" });
    const ok = delivered("/down-up");
    assert.deepEqual(
      ok.map((request) => request.headers["webhook-id"]).sort(),
      sent.map(({ id }) => id).sort(),
      "each delivered once, with its own id",
    );
    for (const request of ok) {
      const original = sent.find(({ id }) => id === request.headers["webhook-id"]);
      assert.ok(request.body.equals(original.payload));
      assert.ok(request.signatureOk);
    }
    assert.deepEqual(await deadLetters(workers, "main", "/hooks/down-up"), []);
    assert.equal((await admin(workers, "main", "GET", `/admin/dead-letters/${one.key}`)).status, 404);
  });

  test("a 4xx from the origin dead-letters at once; delete removes it", async () => {
    const answer = await send("/hooks/reject", "msg_reject_1");
    assert.equal(answer.status, 202);
    const [letter] = await waitFor(async () => {
      const all = await deadLetters(workers, "main", "/hooks/reject");
      return all.length === 1 && all;
    });
    assert.equal(letter.reason, "origin_rejected");
    assert.equal(letter.attempts, 1);
    assert.equal(letter.lastStatus, 422);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(origin.to("/reject").length, 1, "not retried");
    const deleted = await admin(workers, "main", "DELETE", `/admin/dead-letters/${letter.key}`);
    assert.deepEqual([deleted.status, deleted.json], [200, { deleted: letter.key }]);
    assert.equal((await admin(workers, "main", "DELETE", `/admin/dead-letters/${letter.key}`)).status, 404);
    assert.deepEqual(await deadLetters(workers, "main", "/hooks/reject"), []);
  });

  test("an unreachable origin is retried, then dead-lettered as origin_unreachable", async () => {
    await send("/hooks/unreachable", "msg_unreachable_1");
    const [letter] = await waitFor(async () => {
      const all = await deadLetters(workers, "main", "/hooks/unreachable");
      return all.length === 1 && all;
    });
    assert.equal(letter.lastError, "origin_unreachable");
    assert.equal(letter.attempts, 2);
    assert.equal(letter.lastStatus, undefined);
    assert.ok(letter.lastDetail);
  });

  test("Retry-After is honoured over a shorter schedule", async () => {
    await send("/hooks/busy", "msg_busy_1");
    await waitFor(() => delivered("/busy").length === 1, { what: "the retry after Retry-After" });
    const [first, second] = origin.to("/busy");
    assert.equal(first.status, 429);
    const gap = second.at - first.at;
    // Retry-After: 3 (plus up to 10 %), though the schedule says 1 s.
    assert.ok(gap >= 2900 && gap < 6000, `second attempt after ${gap} ms`);
    assert.equal(second.headers["webhook-id"], "msg_busy_1");
  });

  test("a failed enqueue answers 503 and the sender's retry is not absorbed", async () => {
    const large = randomBytes(200_000);
    for (let i = 0; i < 2; i += 1) {
      const answer = await send("/hooks/q", "msg_broken_1", large, "broken");
      assert.equal(answer.status, 503);
      assert.deepEqual(answer.json, { error: "queue_unavailable" });
      assert.equal(answer.headers.get("retry-after"), "30");
    }
  });

  test("a message the queue gave up on (its dead-letter queue) is drained into the store", async () => {
    // What the queue moves to the dead-letter queue after max_retries failed deliveries (say, the
    // Worker crashing on it): the queue message as the Worker sent it.
    const producer = await workers.mf.getQueueProducer("TEST_DEAD_LETTER_QUEUE", "main");
    const payload = Buffer.from('{"type":"gave.up"}');
    const message = sealQueueMessage(
      ORIGIN_SIGNING_SECRET,
      queuedMessage({ route: "/hooks/accept", id: "msg_gave_up_1", body: payload, acceptedMs: Date.now() - 60000 }),
    );
    await producer.send(message, { contentType: "text" });
    const [letter] = await waitFor(async () => {
      const all = await admin(workers, "main", "GET", "/admin/dead-letters?id=msg_gave_up_1");
      return all.json.deadLetters.length === 1 && all.json.deadLetters;
    });
    assert.equal(letter.reason, "queue_gave_up");
    assert.equal(letter.lastError, "queue_gave_up");
    assert.equal(letter.route, "/hooks/accept");
    const replay = await admin(workers, "main", "POST", `/admin/dead-letters/${letter.key}/replay`);
    assert.equal(replay.status, 202);
    const request = await waitFor(() => delivered("/accept").find((r) => r.headers["webhook-id"] === "msg_gave_up_1"));
    assert.ok(request.body.equals(payload));
  });

  // Put a text into the delivery queue as anything with write access to it could.
  const inject = async (text) => {
    const producer = await workers.mf.getQueueProducer("TEST_DELIVERY_QUEUE", "main");
    await producer.send(text, { contentType: "text" });
  };
  const lettersWithId = async (id) =>
    (await admin(workers, "main", "GET", `/admin/dead-letters?id=${encodeURIComponent(id)}`)).json.deadLetters;

  test("a queue message crafted by the documented format (MAC with the derived key) is delivered to the route's origin", async () => {
    const payload = Buffer.from('{"type":"crafted.ok"}');
    await inject(sealQueueMessage(ORIGIN_SIGNING_SECRET, queuedMessage({ route: "/hooks/accept", id: "msg_crafted_ok", body: payload })));
    const request = await waitFor(() => delivered("/accept").find((r) => r.headers["webhook-id"] === "msg_crafted_ok"));
    assert.ok(request.body.equals(payload));
    assert.ok(request.signatureOk);
  });

  test("a queue message delivered twice after its parked body was removed is never signed empty: retried, then dead-lettered as body_missing", async () => {
    // A large message, parked in R2 as the Worker parks it, then the same queue message twice, as
    // a queue may deliver it: the first delivery removes the body once acknowledged.
    const large = randomBytes(200_000);
    const key = `parked/test-${randomBytes(8).toString("hex")}`;
    const bucket = await workers.mf.getR2Bucket("HOOKSEAL_PARKED", "main");
    await bucket.put(key, Uint8Array.from(large));
    const text = sealQueueMessage(
      ORIGIN_SIGNING_SECRET,
      queuedMessage({ route: "/hooks/parked", id: "msg_twice_1", body: large, parked: { key, body: large } }),
    );
    await inject(text);
    await waitFor(() => origin.to("/parked").length === 1, { what: "the first delivery" });
    await waitFor(async () => (await bucket.get(key)) === null, { what: "the parked body removed after the ack" });
    await inject(text);
    const [letter] = await waitFor(async () => {
      const letters = await lettersWithId("msg_twice_1");
      return letters.length === 1 && letters;
    }, { what: "the body_missing dead letter" });
    assert.equal(letter.reason, "body_missing");
    assert.equal(letter.replayable, false);
    assert.equal(letter.route, "/hooks/parked");
    assert.equal(letter.attempts, 3, "tried again on the route's schedule ([0, 1]) before giving up");
    const received = origin.to("/parked").filter((r) => r.headers["webhook-id"] === "msg_twice_1");
    assert.equal(received.length, 1, "sent once, never again without its body");
    assert.ok(received[0].body.equals(large), "the exact bytes, never an empty body");
    assert.ok(origin.requests.every((r) => r.body.length > 0), "no empty body was ever signed");
    const replay = await admin(workers, "main", "POST", `/admin/dead-letters/${letter.key}/replay`);
    assert.deepEqual([replay.status, replay.json], [409, { error: "not_replayable", reason: "body_missing" }]);
    assert.equal((await admin(workers, "main", "DELETE", `/admin/dead-letters/${letter.key}`)).status, 200);
  });

  test("a message whose parked body is missing never reaches the origin with an empty body, in any format", async () => {
    // As a queue message of the format before this one looked after its body was removed: the
    // Worker used to sign and send an empty body under the real webhook-id.
    const oldFormat = {
      v: 1,
      message: { route: "/hooks/parked", scheme: "svix", origin: `${origin.url}/parked`, id: "msg_empty_1", headers: [], body: "" },
      parked: "pk_00000000000000000000000000000000",
      accepted_ms: Date.now(),
      replays: 0,
    };
    await inject(JSON.stringify(oldFormat));
    const letters = await waitFor(async () => {
      const found = await lettersWithId("msg_empty_1");
      const sent = origin.requests.some((r) => r.headers["webhook-id"] === "msg_empty_1");
      return (sent || found.length === 1) && found;
    }, { what: "the dead letter" });
    assert.deepEqual(origin.requests.filter((r) => r.headers["webhook-id"] === "msg_empty_1").map((r) => r.body.length), [], "no empty body signed and sent");
    assert.equal(letters.length, 1);
    assert.equal(letters[0].replayable, false);
  });

  test("a parked body that differs from the digest its message carries is never sent", async () => {
    const large = randomBytes(150_000);
    const key = `parked/test-${randomBytes(8).toString("hex")}`;
    const bucket = await workers.mf.getR2Bucket("HOOKSEAL_PARKED", "main");
    await bucket.put(key, Uint8Array.from(randomBytes(150_000)));
    await inject(
      sealQueueMessage(
        ORIGIN_SIGNING_SECRET,
        queuedMessage({ route: "/hooks/parked", id: "msg_swapped_1", body: large, parked: { key, body: large } }),
      ),
    );
    const [letter] = await waitFor(async () => {
      const letters = await lettersWithId("msg_swapped_1");
      return letters.length === 1 && letters;
    });
    assert.equal(letter.reason, "body_missing");
    assert.equal(origin.requests.filter((r) => r.headers["webhook-id"] === "msg_swapped_1").length, 0);
  });

  test("a queue message with a wrong MAC is dead-lettered unsent as unauthenticated, and cannot be replayed", async () => {
    const payload = Buffer.from('{"type":"forged"}');
    const forged = sealQueueMessage(
      "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", // not this Worker's ORIGIN_SIGNING_SECRET
      queuedMessage({ route: "/hooks/accept", id: "msg_forged_1", body: payload }),
    );
    await inject(forged);
    const [letter] = await waitFor(async () => {
      const letters = await lettersWithId("msg_forged_1");
      return letters.length === 1 && letters;
    }, { what: "the unauthenticated dead letter" });
    assert.equal(letter.reason, "unauthenticated");
    assert.equal(letter.replayable, false);
    assert.equal(origin.requests.filter((r) => r.headers["webhook-id"] === "msg_forged_1").length, 0, "never sent");
    const shown = await admin(workers, "main", "GET", `/admin/dead-letters/${letter.key}`);
    assert.equal(shown.json.body, forged, "the message as it came, for the operator");
    const replay = await admin(workers, "main", "POST", `/admin/dead-letters/${letter.key}/replay`);
    assert.deepEqual([replay.status, replay.json], [409, { error: "not_replayable", reason: "unauthenticated" }]);
    const all = await admin(workers, "main", "POST", "/admin/dead-letters/replay?route=/hooks/accept");
    assert.equal(all.status, 202);
    assert.equal(origin.requests.filter((r) => r.headers["webhook-id"] === "msg_forged_1").length, 0, "replay-all skips it");
    await admin(workers, "main", "DELETE", `/admin/dead-letters/${letter.key}`);
  });

  test("a queue message naming its own origin URL (the old unauthenticated format) is never sent anywhere", async () => {
    const payload = Buffer.from('{"type":"exfiltrate"}');
    // The format before messages were authenticated: it named the origin to send to.
    const message = {
      v: 1,
      message: {
        route: "/hooks/gone",
        scheme: "svix",
        origin: `${attacker.url}/collect`,
        id: "msg_old_format_1",
        headers: [["content-type", "application/json"]],
        body: payload.toString("base64"),
      },
      accepted_ms: Date.now(),
      replays: 0,
    };
    await inject(JSON.stringify(message));
    // Whichever comes first: the message reaching the URL it named (the bug), or its dead letter.
    const letters = await waitFor(async () => {
      const found = await lettersWithId("msg_old_format_1");
      return (attacker.requests.length > 0 || found.length === 1) && found;
    }, { what: "the unauthenticated dead letter" });
    assert.equal(attacker.requests.length, 0, "nothing signed with ORIGIN_SIGNING_SECRET reached the URL it named");
    assert.equal(letters.length, 1);
    assert.equal(letters[0].reason, "unauthenticated");
    assert.equal(origin.requests.filter((r) => r.headers["webhook-id"] === "msg_old_format_1").length, 0);
  });

  test("an authenticated queue message for a route that no longer exists is dead-lettered (route_removed), never sent", async () => {
    const payload = Buffer.from('{"type":"orphan"}');
    await inject(sealQueueMessage(ORIGIN_SIGNING_SECRET, queuedMessage({ route: "/hooks/removed", id: "msg_orphan_1", body: payload })));
    const [letter] = await waitFor(async () => {
      const letters = await lettersWithId("msg_orphan_1");
      return letters.length === 1 && letters;
    }, { what: "the route_removed dead letter" });
    assert.equal(letter.reason, "route_removed");
    assert.equal(letter.replayable, true, "replayable once the route is back");
    const shown = await admin(workers, "main", "GET", `/admin/dead-letters/${letter.key}`);
    assert.equal(shown.json.origin, null, "no origin: the route is gone");
    assert.ok(Buffer.from(shown.json.body).equals(payload));
    assert.equal(attacker.requests.length, 0);
    assert.equal(origin.requests.filter((r) => r.headers["webhook-id"] === "msg_orphan_1").length, 0);
    await admin(workers, "main", "DELETE", `/admin/dead-letters/${letter.key}`);
  });

  test("the admin API refuses missing and wrong tokens", async () => {
    const cases = [
      ["no header", null, {}],
      ["empty bearer", null, { authorization: "Bearer " }],
      ["wrong token", "wrong-token-wrong-token-wrong-token-00", {}],
      ["token plus a character", `${ADMIN_TOKEN}x`, {}],
      ["token less a character", ADMIN_TOKEN.slice(0, -1), {}],
      ["another scheme", null, { authorization: `Basic ${ADMIN_TOKEN}` }],
      ["the bare token", null, { authorization: ADMIN_TOKEN }],
    ];
    for (const [label, token, headers] of cases) {
      for (const [method, path] of [
        ["GET", "/admin/dead-letters"],
        ["POST", "/admin/dead-letters/replay"],
        ["GET", "/admin/unknown"],
      ]) {
        const answer = await admin(workers, "main", method, path, { token, headers });
        assert.equal(answer.status, 401, `${label}: ${method} ${path}`);
        assert.deepEqual(answer.json, { error: "unauthorized" });
        assert.match(answer.headers.get("www-authenticate"), /^Bearer/);
      }
    }
    const ok = await admin(workers, "main", "GET", "/admin/dead-letters");
    assert.equal(ok.status, 200);
    assert.equal((await admin(workers, "main", "GET", "/admin/unknown")).status, 404);
    assert.equal((await admin(workers, "main", "PUT", "/admin/dead-letters")).status, 405);
    assert.equal((await admin(workers, "main", "GET", "/admin/dead-letters?limit=0")).status, 400);
    // Without ADMIN_TOKEN the admin API is off.
    const off = await admin(workers, "broken", "GET", "/admin/dead-letters");
    assert.deepEqual([off.status, off.json], [404, { error: "not_found" }]);
  });

  test("a burst of 2000 messages, the origin failing 30 % of requests: delivered + dead-lettered = accepted", async () => {
    const count = 2000;
    const ids = Array.from({ length: count }, (_, i) => `msg_burst_${i}`);
    const started = Date.now();
    const answers = [];
    const concurrency = 16;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) {
          const id = ids[next];
          next += 1;
          answers.push(await send("/hooks/burst", id));
        }
      }),
    );
    const accepted = answers.filter((answer) => answer.status === 202 && answer.json.outcome === "queued");
    assert.equal(accepted.length, count, "every message accepted");
    const acceptedIn = Date.now() - started;
    let settled;
    await waitFor(
      async () => {
        const deliveredIds = new Set(delivered("/random").map((request) => request.headers["webhook-id"]));
        const dead = await deadLetters(workers, "main", "/hooks/burst");
        settled = { deliveredIds, dead };
        return deliveredIds.size + dead.length >= count;
      },
      { ms: 120000, every: 500, what: "every burst message delivered or dead-lettered" },
    );
    // Let anything still in flight arrive before counting for good.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const deliveredIds = new Set(delivered("/random").map((request) => request.headers["webhook-id"]));
    const dead = await deadLetters(workers, "main", "/hooks/burst");
    const deadIds = new Set(dead.map((letter) => letter.id));
    assert.equal(deliveredIds.size + deadIds.size, accepted.length, "delivered + dead-lettered = accepted");
    assert.equal(dead.length, deadIds.size);
    for (const id of deadIds) assert.ok(!deliveredIds.has(id), `${id} both delivered and dead-lettered`);
    const sentIds = new Set(ids);
    for (const id of deliveredIds) assert.ok(sentIds.has(id), `unknown id ${id} delivered`);
    for (const letter of dead) {
      assert.equal(letter.attempts, 3);
      assert.equal(letter.reason, "retries_exhausted");
    }
    // 0.3³ of 2000 is about 54.
    assert.ok(dead.length > 10 && dead.length < 150, `${dead.length} dead-lettered`);
    const bad = origin.to("/random").filter((request) => !request.signatureOk);
    assert.equal(bad.length, 0, "every attempt re-signed");
    console.log(
      `# burst: ${count} accepted in ${acceptedIn} ms, ${deliveredIds.size} delivered + ${deadIds.size} dead-lettered ` +
        `after ${Date.now() - started} ms, ${origin.to("/random").length} origin requests`,
    );
    assert.ok(settled);
  });

  test("queue consumer lines are logged with attempt, outcome and delay", async () => {
    const logs = await workers.settledLogs(1);
    const lines = logs.filter((line) => line.path === "queue:main-deliveries");
    const retry = lines.find((line) => line.outcome === "retry" && line.route === "/hooks/outage");
    assert.equal(retry.attemptOutcome, "origin_error");
    assert.equal(retry.originStatus, 503);
    assert.equal(typeof retry.retryInSeconds, "number");
    const dead = lines.find((line) => line.outcome === "dead_lettered" && line.route === "/hooks/reject");
    assert.equal(dead.reason, "origin_rejected");
    assert.equal(dead.attempt, 1);
    assert.ok(lines.some((line) => line.outcome === "delivered" && line.attempt === 3));
    assert.ok(logs.some((line) => line.outcome === "queued" && line.route === "/hooks/outage"));
  });
});
