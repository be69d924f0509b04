// The operator's page (GET /admin/) in Debian's Chromium (playwright-core) against the Worker in
// real workerd: served with a strict CSP and never framed, loading nothing from elsewhere; no
// token and a wrong token refused (and the token never in a URL); a burst of mixed deliveries
// (forwarded, duplicates, forgeries, an origin failing, queue deliveries retried and
// dead-lettered, a flood of forgeries) shows the right counts, filters and pages; nothing
// sideways at 375 px; a dead letter shown (text and hex bodies, the headers sent, its attempts),
// replayed from the page and reaching the origin once, selected ones replayed, and one deleted
// with the keyboard only. Screenshots go to test-artifacts/admin/ (the README's are copies).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import * as playwright from "playwright-core";
import { launchChromium } from "../../npm/test/support/chromium.mjs";
import { startOrigin } from "./support/origin.mjs";
import { REPO_DIR, fixture, nowSeconds, sign } from "./support/sign.mjs";
import { ADMIN_TOKEN, ORIGIN_SIGNING_SECRET, admin, bindings, deadLetters, post, startWorkers, svixRoute, waitFor } from "./support/worker.mjs";

const SVIX_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const GITHUB_SECRET = "github-admin-page-secret";
const ARTIFACTS = join(REPO_DIR, "test-artifacts", "admin");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

describe("the operator's page", () => {
  let origin;
  let workers;
  let browser;
  let base;
  let ordersUp = false;
  /** Every URL the browser asked for. */
  const requested = [];
  const orders = [];
  let binaryOrder;

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    origin.handle("/orders", () => ({ status: ordersUp ? 200 : 503 }));
    const route = (path, target, extra) => svixRoute(origin, path, target, extra);
    const routes = [
      route("/hooks/ok", "/ok"),
      route("/hooks/down", "/fail"),
      route("/hooks/github", "/gh", { scheme: "github", secrets: ["GITHUB_SECRET"] }),
      route("/hooks/orders", "/orders", { delivery: "queue", retrySchedule: [1] }),
    ];
    workers = await startWorkers(
      {
        page: {
          bindings: bindings(routes, { SVIX_SECRET, GITHUB_SECRET, ADMIN_TOKEN }),
          queue: true,
        },
      },
      { listen: true },
    );
    base = workers.url;
    browser = await launchChromium(playwright);
    browser.context.on("request", (request) => requested.push(request.url()));
    await mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await workers?.dispose();
    await origin?.close();
  });

  async function openPage(viewport = DESKTOP) {
    const page = await browser.context.newPage();
    page.errors = [];
    page.on("pageerror", (error) => page.errors.push(error));
    page.on("console", (message) => {
      // A refused token is a 401 the page asked for: expected, not an error of the page.
      if (message.type() === "error" && !/status of 401/.test(message.text())) page.errors.push(new Error(message.text()));
    });
    page.setDefaultTimeout(10_000);
    await page.setViewportSize(viewport);
    await page.goto(`${base}/admin/`);
    await page.waitForSelector("body[data-ready]");
    return page;
  }

  async function signIn(page, token = ADMIN_TOKEN) {
    await page.fill("#token", token);
    await page.press("#token", "Enter");
  }

  const count = (page, route, figure) =>
    page.textContent(`#routes-table tr[data-route="${route}"] td[data-count="${figure}"]`).then((text) => Number.parseInt(text, 10));

  /** Refreshes the page until `check()` holds (the log is written about a second after). */
  async function refreshUntil(page, check, what) {
    await waitFor(
      async () => {
        await page.click("#refresh");
        await page.waitForFunction(() => !document.querySelector("#status").textContent.startsWith("Loading"));
        return check();
      },
      { ms: 30_000, every: 500, what },
    );
  }

  const deliver = (path, body, headers) => post(workers, "page", path, body, headers);
  const svix = (body, options) => sign("svix", SVIX_SECRET, body, options);

  test("the page is served to anyone with a strict CSP, loads nothing from elsewhere, and is never framed", async () => {
    const response = await fetch(`${base}/admin/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type"), /^text\/html/);
    const csp = response.headers.get("content-security-policy");
    assert.match(csp, /(^|;\s*)default-src 'none'(;|$)/);
    assert.match(csp, /(^|;\s*)frame-ancestors 'none'(;|$)/);
    assert.doesNotMatch(csp, /unsafe|\*/);
    assert.equal(response.headers.get("x-frame-options"), "DENY");
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.doesNotMatch(await response.text(), /https?:\/\//);
    const redirect = await fetch(`${base}/admin`, { redirect: "manual" });
    assert.equal(redirect.status, 308);
    assert.equal(redirect.headers.get("location"), "/admin/");
    // Only the page's own files go without the token.
    for (const [method, path] of [["POST", "/admin/"], ["GET", "/admin/routes"], ["GET", "/admin/deliveries"]]) {
      assert.equal((await fetch(`${base}${path}`, { method })).status, 401, `${method} ${path}`);
    }

    // Another origin framing it: Chromium refuses to render it.
    const embed = createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><link rel="icon" href="data:,"><iframe src="${base}/admin/"></iframe>`);
    });
    await new Promise((resolve) => embed.listen(0, "127.0.0.1", resolve));
    const view = await browser.context.newPage();
    try {
      await view.goto(`http://127.0.0.1:${embed.address().port}/`);
      await view.waitForTimeout(500);
      const frame = view.frames().find((candidate) => candidate !== view.mainFrame());
      assert.ok(frame, "the iframe exists");
      const rendered = await frame.evaluate(() => document.querySelector("#login") !== null).catch(() => false);
      assert.equal(rendered, false, "the page rendered inside another origin's frame");
    } finally {
      await view.close();
      embed.close();
    }
  });

  test("no token and a wrong token are refused; the token travels in a header, never in a URL", async () => {
    requested.length = 0; // the framing test's page was elsewhere
    const page = await openPage();
    assert.equal(await page.isVisible("#login"), true);
    assert.equal(await page.isHidden("#dashboard"), true);
    for (const authorization of [undefined, "Bearer ", `Bearer ${ADMIN_TOKEN}x`, `Basic ${ADMIN_TOKEN}`]) {
      const response = await fetch(`${base}/admin/routes`, { headers: authorization ? { authorization } : {} });
      assert.equal(response.status, 401, String(authorization));
      assert.deepEqual(await response.json(), { error: "unauthorized" });
    }
    await signIn(page, "not-the-admin-token-but-long-enough-to-try");
    await page.waitForFunction(() => document.querySelector("#login-error").textContent.includes("refused"));
    assert.equal(await page.isHidden("#dashboard"), true);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, "a refused token is not kept");
    await signIn(page);
    await page.waitForSelector("#dashboard:not([hidden])");
    assert.equal(await page.evaluate(() => sessionStorage.getItem("hookseal-admin-token")), ADMIN_TOKEN);
    // A reload keeps the session (sessionStorage), "Forget token" ends it.
    await page.reload();
    await page.waitForSelector("#dashboard:not([hidden])");
    await page.click("#forget");
    assert.equal(await page.isVisible("#login"), true);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.deepEqual(page.errors, []);
    await page.close();
    assertOnlyAdminRequests();
  });

  /** Every request of the pages went to the Worker's admin paths, none with a token in its URL. */
  function assertOnlyAdminRequests() {
    assert.ok(requested.length > 0);
    for (const url of requested.filter((url) => !url.startsWith("data:"))) {
      assert.ok(url.startsWith(`${base}/admin/`), `only the Worker's admin paths: ${url}`);
      assert.ok(!url.includes(ADMIN_TOKEN) && !url.includes("not-the-admin-token"), `a token in a URL: ${url}`);
    }
  }

  test("a burst of mixed deliveries shows the right counts, filters and pages", async () => {
    const ok = Array.from({ length: 5 }, (_, i) => {
      const body = Buffer.from(JSON.stringify({ type: "order.paid", n: i }));
      return { body, headers: svix(body, { id: `msg_page_ok_${i}` }) };
    });
    // The originals first (a duplicate racing its original would be in_flight, not duplicate).
    await Promise.all(ok.map(({ body, headers }) => deliver("/hooks/ok", body, headers)));
    const push = fixture("github/push.json");
    const forged = Buffer.from('{"type":"order.paid","n":"forged"}');
    for (let i = 0; i < 3; i += 1) {
      const body = Buffer.from(JSON.stringify({ type: "order.created", n: i }));
      orders.push({ body, id: `msg_page_order_${i}` });
    }
    binaryOrder = { body: Buffer.from([0x00, 0xff, 0x10, 0x80, ...randomBytes(40)]), id: "msg_page_order_binary" };
    const burst = [
      // Duplicates of three forwarded messages, re-signed a second later as a vendor's retry is.
      ...ok.slice(0, 3).map(({ body }, i) =>
        deliver("/hooks/ok", body, svix(body, { id: `msg_page_ok_${i}`, timestamp: nowSeconds() - 1 })),
      ),
      // Forgeries: a wrong secret twice, a missing signature, an expired timestamp.
      deliver("/hooks/ok", forged, sign("svix", "whsec_d3JvbmctZGVtby1zZWNyZXQtZm9yLXRlc3Q=", forged)),
      deliver("/hooks/ok", forged, sign("svix", "whsec_d3JvbmctZGVtby1zZWNyZXQtZm9yLXRlc3Q=", forged)),
      deliver("/hooks/ok", forged, { "svix-id": "msg_x", "svix-timestamp": String(nowSeconds()) }),
      deliver("/hooks/ok", forged, svix(forged, { timestamp: nowSeconds() - 3600 })),
      // An origin failing.
      ...[0, 1].map((i) => {
        const body = Buffer.from(JSON.stringify({ type: "down", n: i }));
        return deliver("/hooks/down", body, svix(body, { id: `msg_page_down_${i}` }));
      }),
      // GitHub: no signed id (derived), the unsigned X-GitHub-Delivery apart.
      deliver("/hooks/github", push, sign("github", GITHUB_SECRET, push, { id: "72d3162e-cc78-11e3-81ab-4c9367dc0958" })),
      // Queue deliveries to an origin that is down: retried once, then dead-lettered.
      ...[...orders, binaryOrder].map(({ body, id }) => deliver("/hooks/orders", body, svix(body, { id }))),
      // A flood of forgeries: counted every one, and more entries than a page shows.
      ...Array.from({ length: 40 }, (_, i) => {
        const body = Buffer.from(`{"flood":${i}}`);
        return deliver("/hooks/ok", body, sign("svix", "whsec_d3JvbmctZGVtby1zZWNyZXQtZm9yLXRlc3Q=", body));
      }),
    ];
    const answers = await Promise.all(burst);
    assert.deepEqual(
      answers.slice(0, 3).map((answer) => answer.json.outcome),
      ["duplicate", "duplicate", "duplicate"],
    );
    assert.deepEqual(answers.slice(3, 7).map((answer) => answer.status), [401, 401, 401, 401]);
    await waitFor(async () => (await deadLetters(workers, "page")).length === 4, { what: "4 dead letters" });

    const page = await openPage();
    await signIn(page);
    await page.waitForSelector("#dashboard:not([hidden])");
    const expected = {
      "/hooks/ok": { accepted: 8, forwarded: 5, duplicate: 3, rejected: 44, failed: 0, retried: 0, deadLettered: 0 },
      "/hooks/down": { accepted: 2, forwarded: 0, duplicate: 0, rejected: 0, failed: 2, retried: 0, deadLettered: 0 },
      "/hooks/github": { accepted: 1, forwarded: 1, duplicate: 0, rejected: 0, failed: 0, retried: 0, deadLettered: 0 },
      "/hooks/orders": { accepted: 4, forwarded: 0, duplicate: 0, rejected: 0, failed: 8, retried: 4, deadLettered: 4 },
    };
    const shown = async () => {
      const figures = {};
      for (const [route, want] of Object.entries(expected)) {
        figures[route] = {};
        for (const figure of Object.keys(want)) figures[route][figure] = await count(page, route, figure);
      }
      return figures;
    };
    await refreshUntil(page, async () => JSON.stringify(await shown()) === JSON.stringify(expected), "the expected counts").catch(
      async (error) => {
        assert.deepEqual(await shown(), expected, String(error));
      },
    );
    assert.deepEqual(
      await page.$$eval('#routes-table tr[data-route="/hooks/ok"] li[data-code]', (items) => items.map((item) => item.textContent)),
      ["missing_header 1", "no_matching_signature 42", "timestamp_too_old 1"],
    );
    // The same figures as JSON, for scripts.
    const routes = await admin(workers, "page", "GET", "/admin/routes");
    assert.equal(routes.status, 200);
    const ordersJson = routes.json.routes.find((route) => route.path === "/hooks/orders");
    assert.deepEqual(
      { delivery: ordersJson.delivery, scheme: ordersJson.scheme, retried: ordersJson.counts.retried },
      { delivery: "queue", scheme: "svix", retried: 4 },
    );
    assert.equal(ordersJson.counts.outcomes["attempt:dead_lettered"], 4);

    // Recent deliveries: newest first, a page of 50; the ids as the origin receives them.
    assert.equal(await page.locator("#deliveries-table tbody tr").count(), 50);
    assert.equal(await page.isEnabled("#older"), true);
    const githubRow = page.locator('#deliveries-table tr[data-outcome="forwarded"]', { hasText: "/hooks/github" });
    assert.match(await githubRow.textContent(), /derived/);
    assert.match(await githubRow.textContent(), /unsigned\s*72d3162e-cc78-11e3-81ab-4c9367dc0958/);
    assert.equal(origin.to("/gh")[0].headers["webhook-id"], await githubRow.getAttribute("data-id"));
    // Filtered by route and outcome.
    await page.selectOption("#filter-route", "/hooks/ok");
    await page.selectOption("#filter-outcome", "forwarded");
    await page.waitForFunction(() => document.querySelectorAll("#deliveries-table tbody tr").length === 5);
    const okIds = await page.$$eval("#deliveries-table tbody tr", (rows) => rows.map((row) => row.dataset.id));
    assert.deepEqual(okIds.sort(), ok.map((_, i) => `msg_page_ok_${i}`).sort());
    assert.match(await page.textContent("#deliveries-table tbody"), /signed/);
    await page.selectOption("#filter-outcome", "no_matching_signature");
    await page.waitForFunction(() => document.querySelectorAll("#deliveries-table tbody tr").length === 42);
    assert.match(await page.textContent("#deliveries-table tbody tr"), /none \(not verified\)/);
    await page.selectOption("#filter-route", "");
    await page.selectOption("#filter-outcome", "");
    await page.waitForFunction(() => document.querySelectorAll("#deliveries-table tbody tr").length === 50);
    const firstPage = await page.$$eval("#deliveries-table tbody tr", (rows) => rows.map((row) => row.textContent));
    await page.click("#older");
    await page.waitForFunction(() => !document.querySelector("#newer").disabled);
    const secondPage = await page.$$eval("#deliveries-table tbody tr", (rows) => rows.map((row) => row.textContent));
    // 59 requests and 8 queue attempts: 67 entries, 50 and 17.
    assert.equal(secondPage.length, 67 - 50);
    await page.click("#newer");
    await page.waitForFunction(() => document.querySelector("#newer").disabled);
    assert.deepEqual(await page.$$eval("#deliveries-table tbody tr", (rows) => rows.map((row) => row.textContent)), firstPage);
    // Pages of the JSON too.
    const first = await admin(workers, "page", "GET", "/admin/deliveries?limit=30");
    const rest = await admin(workers, "page", "GET", `/admin/deliveries?limit=500&before=${first.json.next}`);
    assert.equal(first.json.deliveries.length + rest.json.deliveries.length, 67);
    assert.equal(rest.json.next, null);
    for (const entry of [...first.json.deliveries, ...rest.json.deliveries]) {
      assert.equal(JSON.stringify(entry).includes("order.created"), false, "no bodies in the log");
    }

    assert.equal(await page.locator("#dead-table tbody tr").count(), 4);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "admin-desktop.png") });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("nothing scrolls sideways at 375 px, with a dead letter open", async () => {
    const page = await openPage(PHONE);
    await signIn(page);
    await page.waitForSelector("#dead-table tbody tr");
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await sideways(), 0, "the dashboard");
    await page.click(`#dead-table button.view[data-key]`);
    await page.waitForSelector("#letter:not([hidden])");
    assert.equal(await sideways(), 0, "a dead letter open");
    await page.locator("#letter").screenshot({ path: join(ARTIFACTS, "admin-phone-dead-letter.png") });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "admin-phone.png") });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a dead letter shows its body, the headers sent and its attempts; replayed from the page it reaches the origin once", async () => {
    const page = await openPage();
    await signIn(page);
    const [first, second, third] = orders;
    const view = (id) => page.click(`#dead-table tr:has(code:text-is("${id}")) button.view`);
    await view(first.id);
    await page.waitForSelector("#letter:not([hidden])");
    assert.equal(await page.textContent("#letter-body"), first.body.toString());
    assert.equal(await page.getAttribute("#letter-body", "data-kind"), "text");
    const headers = await page.$$eval("#letter-headers tbody tr", (rows) => rows.map((row) => [...row.cells].map((c) => c.textContent)));
    assert.deepEqual(headers, [
      // Carried over from the sender's request: marked unsigned.
      ["content-type unsigned", "application/json"],
      ["webhook-id", first.id],
      ["x-hookseal-route", "/hooks/orders"],
      ["x-hookseal-scheme", "svix"],
    ]);
    assert.match(await page.textContent("#fresh-note"), /webhook-timestamp and webhook-signature, signed afresh at each attempt/);
    assert.deepEqual(
      await page.$$eval("#letter-attempts tbody tr", (rows) => rows.map((row) => row.dataset.outcome)),
      ["dead_lettered", "retry", "queued"],
    );
    assert.match(await page.textContent("#letter-summary"), /signed/);
    await page.locator("#dead-letters").screenshot({ path: join(ARTIFACTS, "admin-dead-letter.png") });

    ordersUp = true;
    const sentBefore = origin.to("/orders").filter((request) => request.headers["webhook-id"] === first.id).length;
    assert.equal(sentBefore, 2, "two failed attempts before");
    await page.click("#letter-replay");
    await page.waitForSelector("#confirm[open]");
    assert.match(await page.textContent("#confirm-text"), new RegExp(first.id));
    await page.click("#confirm-ok");
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Replayed"));
    await waitFor(() => origin.to("/orders").some((request) => request.headers["webhook-id"] === first.id && request.status === 200), {
      what: "the replay at the origin",
    });
    // Cancelled: nothing happens.
    await page.check(`#dead-table input.pick[data-key]:not(:disabled) >> nth=0`);
    await page.click("#replay-selected");
    await page.click("#confirm-cancel");
    assert.equal((await deadLetters(workers, "page")).length, 3);
    // Replay the selected: the two other JSON ones.
    await page.uncheck(`#dead-table input.pick >> nth=0`);
    for (const { id } of [second, third]) {
      await page.check(`#dead-table tr:has(code:text-is("${id}")) input.pick`);
    }
    assert.equal(await page.textContent("#replay-selected"), "Replay selected (2)");
    await page.click("#replay-selected");
    await page.click("#confirm-ok");
    await page.waitForFunction(() => document.querySelector("#status").textContent === "Replayed 2 of 2.");
    await waitFor(
      () =>
        [second, third].every(({ id }) =>
          origin.to("/orders").some((request) => request.headers["webhook-id"] === id && request.status === 200),
        ),
      { what: "the selected replays at the origin" },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const { id, body } of [first, second, third]) {
      const received = origin.to("/orders").filter((request) => request.headers["webhook-id"] === id);
      assert.equal(received.length, 3, `${id}: two failed attempts, then the replay once`);
      assert.equal(received.filter((request) => request.status === 200).length, 1, id);
      assert.ok(received.every((request) => request.signatureOk && request.body.equals(body)), id);
    }
    assert.deepEqual((await deadLetters(workers, "page")).map((letter) => letter.id), [binaryOrder.id]);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("keyboard only: the token, a binary dead letter shown in hex, a cancelled and a confirmed delete", async () => {
    const page = await openPage();
    // The token field has the focus.
    assert.equal(await page.evaluate(() => document.activeElement.id), "token");
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#dead-table button.view");
    const tabTo = async (matches, what) => {
      for (let i = 0; i < 200; i += 1) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(matches)) return;
      }
      assert.fail(`Tab never reached ${what}`);
    };
    await tabTo(() => document.activeElement.matches("#dead-table button.view"), "the dead letter's View button");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#letter:not([hidden])");
    assert.equal(await page.evaluate(() => document.activeElement.id), "letter-title", "the focus moves to what opened");
    assert.equal(await page.getAttribute("#letter-body", "data-kind"), "hex");
    const dump = await page.textContent("#letter-body");
    assert.ok(dump.startsWith("00000000  00 ff 10 80 "), dump);
    assert.match(await page.textContent("#body-info"), /44 bytes, binary, in hex/);
    await tabTo(() => document.activeElement.id === "letter-delete", "Delete");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#confirm[open]");
    assert.equal(await page.evaluate(() => document.activeElement.id), "confirm-cancel", "Cancel is the default");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("#confirm").open);
    assert.equal(await page.evaluate(() => document.activeElement.id), "letter-delete");
    assert.equal((await deadLetters(workers, "page")).length, 1, "Escape deleted nothing");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#confirm[open]");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "confirm-ok");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Deleted"));
    assert.deepEqual(await deadLetters(workers, "page"), []);
    assert.equal(await page.isHidden("#letter"), true);
    assert.equal(await page.isVisible("#dead-empty"), true);
    assert.deepEqual(page.errors, []);
    await page.close();
    assertOnlyAdminRequests();
  });
});
