// The operator's page and the admin API against what attackers control: the message ids, headers
// and bodies a sender chooses (signed or not), forged requests, forged queue messages, and requests
// to the admin API without the token, from other origins, with malformed queries. In Debian's
// Chromium (playwright-core) against the Worker in real workerd.
//
// - Senders' text (a signed id, an unsigned delivery id and event type, a body, a header value, a
//   forged queue message's text) is shown literally and never parsed as HTML: nothing runs, no
//   element is made from it, and the page's CSP makes Chromium refuse any string given to an HTML
//   sink (Trusted Types).
// - A forged request leaves no id on the page; a forged queue message's dead letter says its route
//   and id are only claimed, and never shows a genuine message's attempts as its own.
// - Every admin API path refuses a missing or wrong token (and a token in the query or a cookie,
//   and a cross-origin form post) with 401, and changes nothing; every answer is no-store, nosniff.
// - Malformed pagination is a 400 with a stable code (a cursor beyond what the store can take
//   was a 503); a replay of an unknown, deleted or already replayed dead letter is a 404; a replay
//   sends the verified body with a fresh signature.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import * as playwright from "playwright-core";
import { launchChromium } from "../../npm/test/support/chromium.mjs";
import { startOrigin } from "./support/origin.mjs";
import { queuedMessage, sealQueueMessage } from "./support/queue.mjs";
import { nowSeconds, sign } from "./support/sign.mjs";
import { ADMIN_TOKEN, ORIGIN_SIGNING_SECRET, admin, bindings, deadLetters, post, startWorkers, svixRoute, waitFor } from "./support/worker.mjs";

const SVIX_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const GITHUB_SECRET = "github-hostile-page-secret";
const WRONG_SECRET = "whsec_d3JvbmctZGVtby1zZWNyZXQtZm9yLXRlc3Q=";
const NAME = "hostile";

/** Markup that would run (or at least make an element) if it were ever parsed as HTML. */
const markup = (n) => `<img src=x onerror=window.__pwned=${n}>`;
/**
 * The same as a message id a scheme signs: printable ASCII without spaces (kept as it is), and no
 * dot (Svix signs `id.timestamp.body`), so the handler assigns the global without `window.`.
 */
const markupId = (n) => `msg_<img/src=x/onerror=__pwned=${n}>`;

describe("the operator's page and the admin API against hostile input", () => {
  let origin;
  let workers;
  let browser;
  let base;
  let queueUp = false;
  const sent = {};

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    origin.handle("/q", () => ({ status: queueUp ? 200 : 503 }));
    const route = (path, target, extra) => svixRoute(origin, path, target, extra);
    workers = await startWorkers(
      {
        [NAME]: {
          bindings: bindings(
            [
              route("/hooks/down", "/fail"),
              route("/hooks/github", "/gh", { scheme: "github", secrets: ["GITHUB_SECRET"] }),
              route("/hooks/q", "/q", { delivery: "queue", retrySchedule: [1] }),
            ],
            { SVIX_SECRET, GITHUB_SECRET, ADMIN_TOKEN },
          ),
          queue: true,
        },
      },
      { listen: true },
    );
    base = workers.url;
    browser = await launchChromium(playwright);

    const deliver = (path, body, headers) => post(workers, NAME, path, body, headers);
    // A signed id that is markup, and a body with markup: the origin fails (502).
    const downBody = Buffer.from(JSON.stringify({ note: markup(2) }));
    sent.down = await deliver("/hooks/down", downBody, sign("svix", SVIX_SECRET, downBody, { id: markupId(1) }));
    // GitHub: an unsigned delivery id and event type that are markup.
    const push = Buffer.from('{"ref":"refs/heads/main"}');
    sent.github = await deliver("/hooks/github", push, sign("github", GITHUB_SECRET, push, { id: markup(3), eventType: `<svg onload=window.__pwned=4>` }));
    // A forgery whose (unsigned, unverified) id is markup.
    const forged = Buffer.from('{"forged":true}');
    sent.forged = await deliver("/hooks/down", forged, sign("svix", WRONG_SECRET, forged, { id: markupId(9) }));
    // Queue deliveries that are dead-lettered: one with a markup id, body and content type, and
    // a genuine one a forged queue message will claim to be.
    sent.letterBody = Buffer.from(markup(6));
    sent.letter = await deliver("/hooks/q", sent.letterBody, {
      ...sign("svix", SVIX_SECRET, sent.letterBody, { id: markupId(5) }),
      "content-type": `text/html; note="${markup(7)}"`,
    });
    const victimBody = Buffer.from('{"type":"order.paid"}');
    sent.victim = await deliver("/hooks/q", victimBody, sign("svix", SVIX_SECRET, victimBody, { id: "msg_genuine_victim" }));
    await waitFor(async () => (await deadLetters(workers, NAME)).length === 2, { what: "2 dead letters" });
    // A queue message with a wrong MAC, as anything with write access to the queue could send,
    // claiming the genuine message's route and id.
    const producer = await workers.mf.getQueueProducer("TEST_DELIVERY_QUEUE", NAME);
    await producer.send(
      sealQueueMessage(WRONG_SECRET, queuedMessage({ route: "/hooks/q", id: "msg_genuine_victim", body: victimBody, headers: [["x-note", markup(8)]] })),
      { contentType: "text" },
    );
    await waitFor(async () => (await deadLetters(workers, NAME)).length === 3, { what: "the forged queue message's dead letter" });
    // Every entry in the log: 5 requests, 2 attempts of each queued message, 1 of the forged one.
    await waitFor(async () => (await admin(workers, NAME, "GET", "/admin/deliveries?limit=500")).json.deliveries.length === 10, {
      what: "10 delivery log entries",
    });
  });

  after(async () => {
    await browser?.close();
    await workers?.dispose();
    await origin?.close();
  });

  test("the requests went as expected", () => {
    assert.equal(sent.down.status, 502);
    assert.equal(sent.github.status, 200);
    assert.deepEqual([sent.forged.status, sent.forged.json], [401, { error: "no_matching_signature" }]);
    assert.equal(sent.letter.status, 202);
    assert.equal(sent.victim.status, 202);
  });

  test("the log keeps no unsigned id of a forgery, and marks what is unsigned", async () => {
    const { json } = await admin(workers, NAME, "GET", "/admin/deliveries?limit=500");
    const rejected = json.deliveries.filter((entry) => entry.outcome === "no_matching_signature");
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0].id, undefined);
    assert.equal(rejected[0].unsignedId, undefined);
    assert.equal(JSON.stringify(json).includes(markupId(9)), false, "nothing of the forgery's id is kept");
    const github = json.deliveries.find((entry) => entry.route === "/hooks/github");
    assert.deepEqual([github.idSource, github.unsignedId], ["derived", markup(3)]);
    const forgedAttempt = json.deliveries.find((entry) => entry.kind === "attempt" && entry.detail === "unauthenticated");
    assert.ok(forgedAttempt, "the forged queue message's entry");
    assert.equal(forgedAttempt.id, undefined, "a claimed id is not the message's");
  });

  test("senders' text is shown literally, never run or parsed; forged messages claim nothing as theirs", async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(new Error(message.text()));
    });
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/admin/`);
    await page.waitForSelector("body[data-ready]");
    await page.fill("#token", ADMIN_TOKEN);
    await page.press("#token", "Enter");
    await page.waitForSelector("#dashboard:not([hidden])");
    await page.waitForFunction(() => document.querySelectorAll("#deliveries-table tbody tr").length === 10);
    await page.waitForFunction(() => document.querySelectorAll("#dead-table tbody tr").length === 3);

    /** Nothing ran, and no element was made from a sender's text. */
    const untouched = async (where) => {
      assert.equal(await page.evaluate(() => window.__pwned), undefined, `something ran (${where})`);
      assert.equal(await page.locator("img, svg, iframe, object, embed").count(), 0, `an element from a sender's text (${where})`);
      assert.equal(await page.locator("script").count(), 1, `only the page's own script (${where})`);
    };
    await untouched("the dashboard");
    const codes = await page.$$eval("#deliveries-table code", (nodes) => nodes.map((node) => node.textContent));
    assert.ok(codes.includes(markupId(1)), `the signed id, literally: ${codes}`);
    assert.ok(codes.includes(markup(3)), "the unsigned delivery id, literally");
    assert.equal(await page.getAttribute(`#deliveries-table tr[data-outcome="origin_error"]`, "data-id"), markupId(1));
    const githubRow = page.locator("#deliveries-table tbody tr", { hasText: "/hooks/github" });
    assert.match(await githubRow.textContent(), /unsigned/);
    // The forgery: no id at all, and its claimed one nowhere on the page.
    assert.match(await page.textContent('#deliveries-table tr[data-outcome="no_matching_signature"]'), /none \(not verified\)/);
    assert.equal(await page.evaluate((id) => document.body.textContent.includes(id), markupId(9)), false);

    // Dead letters: the markup one, the genuine one, and the forged queue message claiming it.
    const deadRows = await page.$$eval("#dead-table tbody tr", (rows) => rows.map((row) => row.textContent));
    assert.ok(deadRows.some((text) => text.includes(markupId(5))), deadRows.join("\n"));
    const forgedRow = page.locator("#dead-table tbody tr", { hasText: "unauthenticated" });
    assert.equal(await forgedRow.count(), 1);
    assert.match(await forgedRow.textContent(), /msg_genuine_victim\s*claimed/);
    assert.match(await forgedRow.textContent(), /\/hooks\/q \(claimed\)/);
    const genuineRow = page.locator("#dead-table tbody tr", { hasText: "retries_exhausted" }).filter({ hasText: "msg_genuine_victim" });
    assert.doesNotMatch(await genuineRow.textContent(), /claimed/);

    // The markup letter: its body and headers as text; the headers the sender sent marked unsigned.
    await page.click(`#dead-table tr:has(code:text-is("${markupId(5)}")) button.view`);
    await page.waitForSelector("#letter:not([hidden])");
    await page.waitForFunction(() => document.querySelectorAll("#letter-attempts tbody tr").length === 3);
    assert.equal(await page.textContent("#letter-body"), markup(6));
    assert.equal(await page.textContent("#letter-title"), `Dead letter ${markupId(5)}`);
    const headers = await page.$$eval("#letter-headers tbody tr", (rows) =>
      rows.map((row) => [row.dataset.header, row.cells[0].textContent.includes("unsigned"), row.cells[1].textContent]),
    );
    assert.deepEqual(headers, [
      ["content-type", true, `text/html; note="${markup(7)}"`],
      ["webhook-id", false, markupId(5)],
      ["x-hookseal-route", false, "/hooks/q"],
      ["x-hookseal-scheme", false, "svix"],
    ]);
    await untouched("a dead letter with markup");

    // The forged queue message: claimed route and id, and none of the genuine message's attempts.
    await forgedRow.locator("button.view").click();
    await page.waitForFunction(() => document.querySelector("#letter-title").textContent.includes("did not authenticate"));
    assert.match(await page.textContent("#letter-summary"), /msg_genuine_victim\s*claimed/);
    assert.equal(await page.locator("#letter-attempts tbody tr").count(), 0, "the genuine message's attempts are not the forgery's");
    assert.match(await page.textContent("#attempts-note"), /only claimed/);
    assert.ok((await page.textContent("#letter-body")).includes(markup(8)), "the queue message's text, literally");
    assert.equal(await page.isDisabled("#letter-replay"), true);
    await untouched("a forged queue message's dead letter");

    // The genuine one it claimed to be still shows its own attempts.
    await genuineRow.locator("button.view").click();
    await page.waitForFunction(() => document.querySelector("#letter-title").textContent === "Dead letter msg_genuine_victim");
    await page.waitForFunction(() => document.querySelectorAll("#letter-attempts tbody tr").length === 3);
    assert.match(await page.textContent("#letter-summary"), /signed/);
    assert.deepEqual(errors, []);

    // The CSP's Trusted Types: Chromium refuses any string given to an HTML sink on this page.
    const sinks = await page.evaluate(() =>
      [
        () => document.body.insertAdjacentHTML("beforeend", "<b>x</b>"),
        () => {
          document.createElement("div").innerHTML = "<b>x</b>";
        },
      ].map((sink) => {
        try {
          sink();
          return "parsed";
        } catch (error) {
          return error.name;
        }
      }),
    );
    assert.deepEqual(sinks, ["TypeError", "TypeError"]);
    await page.close();
  });

  test("every admin path refuses a missing or wrong token, whatever the method, and changes nothing", async () => {
    const [letter] = await deadLetters(workers, NAME);
    const key = letter.key;
    const unknown = `dl_${"0".repeat(32)}`;
    const requests = [
      ["GET", "/admin/routes"],
      ["GET", "/admin/deliveries"],
      ["GET", "/admin/deliveries?limit=1"],
      ["GET", "/admin/dead-letters"],
      ["GET", `/admin/dead-letters/${key}`],
      ["POST", `/admin/dead-letters/${key}/replay`],
      ["POST", `/admin/dead-letters/${unknown}/replay`],
      ["POST", "/admin/dead-letters/replay"],
      ["DELETE", `/admin/dead-letters/${key}`],
      ["PUT", "/admin/dead-letters"],
      ["OPTIONS", "/admin/routes"],
      ["GET", "/admin/nothing-here"],
      ["POST", "/admin/"],
    ];
    const refusals = [
      {},
      { authorization: "Bearer " },
      { authorization: `Bearer ${ADMIN_TOKEN}x` },
      { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString("base64")}` },
      { authorization: ADMIN_TOKEN },
      { cookie: `token=${ADMIN_TOKEN}; admin_token=${ADMIN_TOKEN}` },
      { "x-admin-token": ADMIN_TOKEN },
    ];
    for (const [method, path] of requests) {
      for (const headers of refusals) {
        for (const url of [path, `${path}${path.includes("?") ? "&" : "?"}token=${ADMIN_TOKEN}`]) {
          const answer = await workers.fetch(NAME, url, { method, headers });
          const what = `${method} ${url} ${JSON.stringify(headers)}`;
          assert.equal(answer.status, 401, what);
          assert.deepEqual(await answer.json(), { error: "unauthorized" }, what);
          assert.match(answer.headers.get("www-authenticate"), /^Bearer /, what);
          assert.equal(answer.headers.get("cache-control"), "no-store", what);
          assert.equal(answer.headers.get("x-content-type-options"), "nosniff", what);
        }
      }
    }
    // A cross-origin form post (a "simple" request: no preflight, the browser's cookies) is refused.
    for (const path of [`/admin/dead-letters/${key}/replay`, "/admin/dead-letters/replay"]) {
      const answer = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://attacker.example", cookie: `token=${ADMIN_TOKEN}` },
        body: `token=${ADMIN_TOKEN}&authorization=Bearer+${ADMIN_TOKEN}`,
      });
      assert.equal(answer.status, 401, path);
      assert.equal(answer.headers.get("access-control-allow-origin"), null, "no CORS");
    }
    assert.equal((await deadLetters(workers, NAME)).length, 3, "nothing replayed or deleted");
    assert.equal(origin.to("/q").filter((request) => request.status === 200).length, 0, "nothing sent");
    // The page itself carries no data: the same bytes with or without the token.
    const anonymous = await (await fetch(`${base}/admin/`)).text();
    const withToken = await (await fetch(`${base}/admin/`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    assert.equal(anonymous, withToken);
    assert.equal(anonymous.includes("msg_genuine_victim"), false);
    // The answers with the token are no-store and nosniff too.
    const routes = await admin(workers, NAME, "GET", "/admin/routes");
    assert.equal(routes.status, 200);
    assert.equal(routes.headers.get("cache-control"), "no-store");
    assert.equal(routes.headers.get("x-content-type-options"), "nosniff");
    assert.match(routes.headers.get("content-type"), /^application\/json/);
  });

  test("malformed pagination is a 400 bad_request, never a 5xx", async () => {
    const bad = [
      "/admin/deliveries?limit=0",
      "/admin/deliveries?limit=-1",
      "/admin/deliveries?limit=501",
      "/admin/deliveries?limit=1e3",
      "/admin/deliveries?limit=99999999999999999999999",
      "/admin/deliveries?before=-1",
      "/admin/deliveries?before=abc",
      "/admin/deliveries?before=1.5",
      // Beyond what the store takes (JavaScript's safe integers): was 503 store_unavailable.
      "/admin/deliveries?before=9007199254740992",
      "/admin/deliveries?before=18446744073709551615",
      "/admin/deliveries?cursor=1",
      "/admin/dead-letters?limit=0",
      "/admin/dead-letters?limit=-5",
      "/admin/dead-letters?after=-1",
      "/admin/dead-letters?after=%00",
      "/admin/dead-letters?after=9007199254740992",
      "/admin/dead-letters?after=18446744073709551615",
      "/admin/dead-letters/replay?limit=0",
      "/admin/dead-letters/replay?limit=1001",
    ];
    for (const path of bad) {
      const method = path.includes("/replay") ? "POST" : "GET";
      const answer = await admin(workers, NAME, method, path);
      assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.json)}`);
      assert.equal(answer.json.error, "bad_request", path);
      assert.equal(typeof answer.json.problem, "string", path);
    }
    // The largest cursor that is one: an empty page, not an error.
    const last = await admin(workers, NAME, "GET", "/admin/deliveries?before=9007199254740991&limit=500");
    assert.deepEqual([last.status, last.json.deliveries.length], [200, 10]);
    const none = await admin(workers, NAME, "GET", "/admin/dead-letters?after=9007199254740991");
    assert.deepEqual([none.status, none.json.deadLetters, none.json.next], [200, [], null]);
  });

  test("a replay sends the verified body with a fresh signature, once; an unknown, replayed or deleted letter is a 404", async () => {
    const letters = await deadLetters(workers, NAME);
    const letter = letters.find((candidate) => candidate.id === markupId(5));
    const forged = letters.find((candidate) => candidate.authenticated === false);
    assert.ok(letter && forged);
    assert.equal(letters.find((candidate) => candidate.reason === "retries_exhausted" && candidate.id === "msg_genuine_victim").authenticated, true);
    const detail = await admin(workers, NAME, "GET", `/admin/dead-letters/${forged.key}`);
    assert.deepEqual([detail.json.authenticated, detail.json.idSource], [false, null]);

    const unknown = await admin(workers, NAME, "POST", `/admin/dead-letters/dl_${"0".repeat(32)}/replay`);
    assert.deepEqual([unknown.status, unknown.json], [404, { error: "not_found" }]);
    const malformed = await admin(workers, NAME, "POST", `/admin/dead-letters/${encodeURIComponent(markup(1))}/replay`);
    assert.equal(malformed.status, 404);

    queueUp = true;
    const before = nowSeconds();
    const replay = await admin(workers, NAME, "POST", `/admin/dead-letters/${letter.key}/replay`);
    assert.deepEqual([replay.status, replay.json], [202, { replayed: 1, key: letter.key, id: markupId(5) }]);
    // Out of the store: a second replay, a show and a delete find nothing.
    const again = await admin(workers, NAME, "POST", `/admin/dead-letters/${letter.key}/replay`);
    assert.deepEqual([again.status, again.json], [404, { error: "not_found" }]);
    assert.equal((await admin(workers, NAME, "GET", `/admin/dead-letters/${letter.key}`)).status, 404);
    assert.equal((await admin(workers, NAME, "DELETE", `/admin/dead-letters/${letter.key}`)).status, 404);
    const delivered = await waitFor(
      () => origin.to("/q").find((request) => request.headers["webhook-id"] === markupId(5) && request.status === 200),
      { what: "the replay at the origin" },
    );
    assert.ok(delivered.body.equals(sent.letterBody), "the verified body, byte for byte");
    assert.ok(delivered.signatureOk, "signed by the Worker");
    assert.ok(Number(delivered.headers["webhook-timestamp"]) >= before, "a fresh timestamp");
    const [scheme, signature] = delivered.headers["webhook-signature"].split(",");
    const key = Buffer.from(ORIGIN_SIGNING_SECRET.replace(/^whsec_/, ""), "base64");
    const expected = createHmac("sha256", key).update(`${markupId(5)}.${delivered.headers["webhook-timestamp"]}.`).update(sent.letterBody).digest("base64");
    assert.deepEqual([scheme, signature], ["v1", expected]);
    const earlier = origin.to("/q").filter((request) => request.headers["webhook-id"] === markupId(5) && request.status !== 200);
    assert.equal(earlier.length, 2, "two failed attempts before");
    assert.ok(earlier.every((request) => request.headers["webhook-signature"] !== delivered.headers["webhook-signature"]));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(origin.to("/q").filter((request) => request.headers["webhook-id"] === markupId(5) && request.status === 200).length, 1, "once");

    // Deleted, then replayed: 404. The forged one: never replayable.
    const deleted = await admin(workers, NAME, "DELETE", `/admin/dead-letters/${forged.key}`);
    assert.deepEqual([deleted.status, deleted.json], [200, { deleted: forged.key }]);
    assert.equal((await admin(workers, NAME, "POST", `/admin/dead-letters/${forged.key}/replay`)).status, 404);
  });
});
