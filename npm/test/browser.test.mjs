// The package's browser build in real Chromium: the shared vectors, init() semantics, and no
// request leaving the page's origin.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./support/chromium.mjs";
import { serveStatic } from "./support/static-server.mjs";
import { loadCases } from "./support/vectors.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
let browser;
let site;
let page;
const requests = [];

before(async () => {
  site = await serveStatic({
    "/hookseal/": here("./node_modules/hookseal/"),
    "/support/": here("./support/"),
    "/": here("./support/page/"),
  });
  browser = await launchChromium();
  browser.context.on("request", (request) => requests.push(request.url()));
  page = await browser.context.newPage();
  await page.goto(`${site.origin}/`);
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

test("using the browser build before init() throws a clear error; init() is idempotent", async () => {
  const outcome = await page.evaluate(async () => {
    const api = await import("/hookseal/dist/web/index.js");
    let before;
    try {
      new api.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    } catch (error) {
      before = error.message;
    }
    await Promise.all([api.init(), api.init()]);
    await api.init();
    const signed = new api.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("{}", { id: "msg_1" });
    return { before, signed: Object.keys(signed) };
  });
  assert.match(outcome.before, /call `await init\(\)`/);
  assert.deepEqual(outcome.signed, ["webhook-id", "webhook-timestamp", "webhook-signature"]);
});

test("every shared vector gives the same result in Chromium (hookseal/asymmetric)", async () => {
  const cases = await loadCases();
  const failures = await page.evaluate(async (cases) => {
    const api = await import("/hookseal/dist/asymmetric/index.js");
    const { runCases } = await import("/support/vectors.mjs");
    await api.init();
    return runCases(api, cases);
  }, cases);
  assert.deepEqual(failures, []);
});

test("the default browser entry: every HMAC vector, and public keys refused as not in this build", async () => {
  const cases = await loadCases();
  const outcome = await page.evaluate(async (cases) => {
    const api = await import("/hookseal/dist/web/index.js");
    const { runCases, needsPublicKeys } = await import("/support/vectors.mjs");
    await api.init();
    const schemes = api.schemes();
    const hmac = cases.filter((vector) => !needsPublicKeys(vector, schemes));
    let refused;
    try {
      new api.Webhook("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", { scheme: "discord" });
    } catch (error) {
      refused = [error.code, error.message];
    }
    return { ran: hmac.length, of: cases.length, failures: runCases(api, hmac), refused };
  }, cases);
  assert.deepEqual(outcome.failures, []);
  assert.ok(outcome.ran > 0.8 * outcome.of, `${outcome.ran} of ${outcome.of}`);
  assert.equal(outcome.refused[0], "invalid_scheme");
  assert.match(outcome.refused[1], /hookseal\/asymmetric|not in this build/);
});

test("the page made no request outside its own origin", () => {
  assert.ok(requests.length > 0);
  assert.deepEqual(requests.filter((url) => !url.startsWith(`${site.origin}/`)), []);
});

test("diagnose, endpoint challenges and the schemes' documentation come with the full module, loaded on demand", async () => {
  const outcome = await page.evaluate(async () => {
    const requested = () => performance.getEntriesByType("resource").map((entry) => entry.name).filter((name) => name.includes("/dist/diagnose/"));
    const api = await import("/hookseal/dist/web/index.js");
    await api.init();
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const wh = new api.Webhook(secret);
    const headers = wh.sign('{"a":1}', { id: "msg_1", timestamp: 1700000000 });
    let before;
    try {
      wh.diagnose('{"a":1}\n', headers, { now: 1700000000 });
    } catch (error) {
      before = [error instanceof api.WebhookVerificationError, error.message];
    }
    const meta = new api.Webhook("app-secret", { scheme: "meta" });
    const challenge = () => meta.answerHandshake("", {}, {
      url: "https://example.com/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock",
      method: "GET",
      verifyToken: "meatyhamhock",
    });
    let handshakeBefore;
    try {
      challenge();
    } catch (error) {
      handshakeBefore = error.message;
    }
    const lightSample = api.schemes().find((scheme) => scheme.id === "github").sample;
    const loadedBefore = requested().length;
    await Promise.all([api.loadDiagnose(), api.loadDiagnose()]);
    const diagnosis = wh.diagnose('{"a":1}\n', headers, { now: 1700000000 });
    const valid = wh.diagnose('{"a":1}', headers, { now: 1700000000 }).valid;
    const github = api.schemes().find((scheme) => scheme.id === "github");
    const handshake = challenge();
    // The asymmetric entry shares the module: a v1a key diagnoses there too.
    const asymmetric = await import("/hookseal/dist/asymmetric/index.js");
    await Promise.all([asymmetric.init(), asymmetric.loadDiagnose()]);
    const publicKey = new asymmetric.Webhook("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=");
    const v1a = publicKey.diagnose("{}", { "webhook-id": "m", "webhook-timestamp": "1700000000", "webhook-signature": "v1a,AAAA" }, { now: 1700000000 });
    return {
      before,
      handshakeBefore,
      handshake,
      lightSample,
      loadedBefore,
      loadedAfter: requested().length,
      valid,
      hints: diagnosis.hints.map((hint) => hint.code),
      docs: github.docs,
      sample: typeof github.sample,
      v1a: v1a.error.code,
    };
  });
  assert.equal(outcome.before[0], false);
  assert.match(outcome.before[1], /call `await loadDiagnose\(\)`/);
  assert.match(outcome.handshakeBefore, /call `await loadDiagnose\(\)` once before answerHandshake\(\)/);
  assert.deepEqual(outcome.handshake, { status: 200, contentType: "text/plain", body: "1158201444" });
  assert.equal(outcome.lightSample, "");
  assert.equal(outcome.loadedBefore, 0);
  assert.ok(outcome.loadedAfter >= 2, `${outcome.loadedAfter}`);
  assert.equal(outcome.valid, true);
  assert.ok(outcome.hints.includes("trailing_newline_added"), outcome.hints.join());
  assert.match(outcome.docs, /^https:\/\/docs\.github\.com\//);
  assert.equal(outcome.sample, "string");
  assert.equal(outcome.v1a, "no_matching_signature");
});
