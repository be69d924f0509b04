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
