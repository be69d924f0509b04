// The browser playground (npm/playground/) in Debian's Chromium, driven through its UI: every
// sample verifies; tampering, a wrong secret, an expired timestamp and the usual mistakes show the
// right code and hint; signing round-trips for every scheme, and the curl and fetch snippets it
// writes reproduce the request byte for byte; typing never touches the URL, "Copy share link" says
// what a link holds before making one and never holds the secret, and a page opened from a link
// says so before a typed secret is used; authenticated fields are shown apart from unsigned ones;
// the page is served with frame-ancestors 'none' and cannot be framed; no request leaves the
// page's origin. The scheme picker is the package's catalog (schemes()): every entry, its facts,
// its sample event signed and verified; pasted headers select the detected scheme and list the
// other candidates (detectSchemes). Screenshots go to test-artifacts/playground/.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync, sign as signWithKey } from "node:crypto";
import { createServer } from "node:http";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Webhook, schemes as catalogOf } from "hookseal";
import { buildPlayground, buildSamples, readSampleData } from "../playground/build.mjs";
import { servePlayground } from "../playground/serve.mjs";
import { launchChromium } from "./support/chromium.mjs";
import { serveStatic } from "./support/static-server.mjs";
import { demoSecret, vendors } from "./support/samples.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const FIXTURES = here("../../tests/fixtures/");
const ARTIFACTS = here("../../test-artifacts/playground/");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

/** Every sample the issue lists, by fixture. */
const ISSUE_SAMPLES = [
  "septiccycle/job.completed", "septiccycle/invoice.paid", "septiccycle/contract.signed",
  ...["test.submitted", "test.failed", "assembly.due_soon", "iu.exceedance_detected", "permit.expiring",
    "manifest.filed", "notice.created", "inspection.completed", "report.certified", "partner.approved",
    "partner.application_submitted", "webhook.test"].map((event) => `smartcomply/${event}`),
  "job-events/job.created", "job-events/job.updated", "job-events/job.deleted",
  "carecycle/customer.updated", "github/push", "stripe/payment_intent.succeeded",
  "slack/event_callback", "shopify/orders.create",
];

let siteDir;
let site;
let browser;
let page;
let samples;
let capture;
const requests = [];
/** Origins of pages the framing test serves: the only other origins allowed to appear. */
const embedOrigins = [];

before(async () => {
  siteDir = await mkdtemp(join(tmpdir(), "hookseal-playground-"));
  // The site as `make playground` assembles it, from the packed package the other tests use.
  await buildPlayground({ packageDir: here("./node_modules/hookseal/"), outDir: siteDir });
  samples = JSON.parse(await readFile(join(siteDir, "samples.json"), "utf8")).samples;
  // Served as `make demo` and `node serve.mjs` serve it: with its HTTP headers (CSP and all).
  const served = await servePlayground({ dir: siteDir, port: 0 });
  site = { server: served.server, origin: new URL(served.url).origin };
  capture = await captureServer();
  browser = await launchChromium();
  browser.context.on("request", (request) => requests.push(request.url()));
  page = await openPage();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  site?.server.close();
  capture?.server.close();
  if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

async function openPage(url = `${site.origin}/`, viewport = DESKTOP) {
  const opened = await browser.context.newPage();
  const errors = [];
  opened.on("pageerror", (error) => errors.push(error));
  opened.on("console", (message) => {
    if (message.type() === "error") errors.push(new Error(message.text()));
  });
  opened.errors = errors;
  opened.setDefaultTimeout(10_000);
  await opened.setViewportSize(viewport);
  await opened.goto(url);
  await opened.waitForSelector("body[data-ready]");
  return opened;
}

/** A server on 127.0.0.1 recording what the curl and fetch snippets send. */
async function captureServer() {
  const received = [];
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks) });
    response.writeHead(204).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, received, url: `http://127.0.0.1:${server.address().port}/hooks/test` };
}

// UI helpers: everything goes through clicks and typing.

async function status(target = page, id = "verify-status") {
  const element = target.locator(`#${id}`);
  await element.waitFor();
  return { code: await element.getAttribute("data-code"), text: await element.textContent() };
}

const hintCodes = (target = page) =>
  target.locator("#verify-result .hint").evaluateAll((items) => items.map((item) => item.dataset.code));

async function clickVerify(target = page) {
  await target.click("#verify-run");
  return { ...(await status(target)), hints: await hintCodes(target) };
}

async function loadSample(id, target = page) {
  // The samples are folded on narrow screens.
  if ((await target.getAttribute("#samples", "open")) === null) await target.click("#samples > summary");
  await target.click(`[data-sample="${id}"]`);
  await target.locator("#verify-status").waitFor();
}

async function selectTab(view, target = page) {
  await target.click(`#tab-${view}`);
  assert.equal(await target.getAttribute(`#tab-${view}`, "aria-selected"), "true");
}

/** Fills the Sign view, signs, and returns the headers it shows. */
async function sign({ scheme, body, secret, eol = "lf", timestamp = "", id, eventType = "", custom, url }, target = page) {
  await selectTab("sign", target);
  await target.selectOption("#sign-scheme", scheme);
  if (custom !== undefined) await target.fill("#sign-custom", custom);
  await target.fill("#sign-body", body);
  await target.selectOption("#sign-eol", eol);
  await target.fill("#sign-secret", secret);
  if (id === undefined) await target.click("#sign-new-id");
  else await target.fill("#sign-id", id);
  await target.fill("#sign-timestamp", String(timestamp));
  await target.fill("#sign-event", eventType);
  if (url !== undefined) await target.fill("#sign-url", url);
  await target.click("#sign-run");
  const signed = await status(target, "sign-status");
  assert.equal(signed.code, "valid", signed.text);
  return {
    headers: await target.textContent("#sign-headers-out"),
    curl: await target.textContent("#sign-curl"),
    fetch: await target.textContent("#sign-fetch"),
  };
}

/** "Verify these headers": the Sign view's request, opened in the Verify view. */
async function signToVerify(target = page) {
  await target.click("#sign-to-verify");
  assert.equal(await target.getAttribute("#tab-verify", "aria-selected"), "true");
  return { ...(await status(target)), hints: await hintCodes(target) };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function screenshot(name, target = page) {
  await target.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// ---------------------------------------------------------------------------------------------

test("the samples are the fixtures, byte for byte, and cover every sample the issue lists", async () => {
  const fixtures = [];
  for (const vendor of await readdir(FIXTURES, { withFileTypes: true })) {
    if (!vendor.isDirectory()) continue;
    for (const file of await readdir(join(FIXTURES, vendor.name))) {
      if (file.endsWith(".json")) fixtures.push(`${vendor.name}/${file.slice(0, -5)}`);
    }
  }
  assert.deepEqual(samples.map((sample) => sample.id).sort(), fixtures.sort());
  for (const id of ISSUE_SAMPLES) assert.ok(samples.some((sample) => sample.id === id), id);
  for (const sample of samples) {
    assert.ok(Buffer.from(sample.body).equals(await readFile(join(FIXTURES, `${sample.id}.json`))), sample.id);
  }
  const schemes = Object.fromEntries(samples.map((sample) => [sample.id.split("/")[0], sample.scheme]));
  assert.deepEqual(schemes, Object.fromEntries(vendors.map((vendor) => [vendor.dir, vendor.scheme])));
  const buttons = await page.locator("[data-sample]").evaluateAll((items) => items.map((item) => item.dataset.sample));
  assert.deepEqual(buttons.sort(), fixtures.sort());
});

test("the playground build takes every sample's scheme, event type and secret from tests/fixtures/samples.json", async () => {
  for (const sample of samples) {
    const vendor = vendors.find((item) => item.dir === sample.id.split("/")[0]);
    assert.ok(vendor, sample.id);
    assert.equal(sample.vendor, vendor.vendor, sample.id);
    assert.equal(sample.scheme, vendor.scheme, sample.id);
    assert.equal(sample.secret, vendor.secret, sample.id);
    assert.equal(sample.note, vendor.note, sample.id);
    assert.equal(sample.eventType, vendor.eventTypes?.[sample.event] ?? sample.event, sample.id);
  }
  assert.equal(samples.find((sample) => sample.id === "shopify/orders.create").eventType, "orders/create");
  // A changed samples.json changes the build: nothing else holds these facts.
  const dir = await mkdtemp(join(tmpdir(), "hookseal-samples-"));
  try {
    const changed = vendors.map((vendor) => ({ ...vendor, vendor: `${vendor.vendor}!`, secret: `${vendor.secret}-changed` }));
    await writeFile(join(dir, "samples.json"), JSON.stringify({ vendors: changed }));
    const built = await buildSamples(FIXTURES, await readSampleData(join(dir, "samples.json")));
    assert.equal(built.length, samples.length);
    for (const sample of built) {
      const vendor = changed.find((item) => item.dir === sample.id.split("/")[0]);
      assert.equal(sample.secret, vendor.secret, sample.id);
      assert.equal(sample.vendor, vendor.vendor, sample.id);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("every sample loads with one click and verifies", async () => {
  for (const sample of samples) {
    await loadSample(sample.id);
    assert.equal(await page.inputValue("#verify-body"), sample.body, sample.id);
    assert.equal(await page.inputValue("#verify-secrets"), sample.secret, sample.id);
    const outcome = await clickVerify();
    assert.equal(outcome.code, "valid", `${sample.id}: ${outcome.text}`);
    assert.deepEqual(outcome.hints, []);
    assert.equal(await page.getAttribute("#verify-detected", "data-detected"), sample.scheme, sample.id);
    assert.equal(await page.getAttribute("#sign-status", "data-code"), "valid", sample.id);
  }
  // careCycle sends the svix-* names.
  await loadSample("carecycle/call.completed");
  assert.match(await page.inputValue("#verify-headers"), /^svix-id: msg_.*\nsvix-timestamp: \d+\nsvix-signature: v1,/m);
  await loadSample("job-events/job.updated");
  assert.match(await page.inputValue("#verify-headers"), /^x-webhook-signature: sha256=[0-9a-f]{64}\nx-webhook-event: job\.updated$/m);
  assert.deepEqual(page.errors, []);
});

/** What the page can sign of the catalog: a shared secret or token, and a signature in a header. */
const signable = (entry) => entry.key !== "public-key" && entry.signatureHeader !== undefined;

test("the scheme picker holds every schemes() entry, by name and id, grouped, and finds them", async () => {
  const catalog = catalogOf();
  const ids = catalog.map((entry) => entry.id).sort();
  for (const select of ["#verify-scheme", "#sign-scheme"]) {
    const options = await page.locator(`${select} option`).evaluateAll((items) => items.map((item) => [item.value, item.textContent, item.parentElement.tagName]));
    const listed = options.filter(([value]) => value !== "auto" && value !== "custom");
    assert.deepEqual(listed.map(([value]) => value).sort(), ids, select);
    for (const [value, label, parent] of listed) {
      const entry = catalog.find((item) => item.id === value);
      assert.equal(label, `${entry.name} (${entry.id})`);
      assert.equal(parent, "OPTGROUP", `${value} is in a group`);
    }
    assert.ok(options.some(([value]) => value === "custom"));
  }
  assert.deepEqual((await page.locator("#verify-scheme option").first().getAttribute("value")), "auto");
  // Searching by name narrows the picker and takes the first match.
  const entry = catalog.filter(signable).at(-1);
  await selectTab("sign");
  await page.fill("#sign-scheme-find", entry.name);
  await page.press("#sign-scheme-find", "Enter");
  const visible = await page.locator("#sign-scheme option:not([hidden])").evaluateAll((items) => items.map((item) => item.value));
  assert.ok(visible.includes(entry.id), `${entry.name} found`);
  assert.ok(visible.length < catalog.length, "the others are hidden");
  assert.equal(await page.inputValue("#sign-scheme"), visible.find((value) => value !== "custom"));
  await page.fill("#sign-scheme-find", entry.id);
  await page.press("#sign-scheme-find", "Enter");
  assert.equal(await page.inputValue("#sign-scheme"), entry.id);
  // Its facts, as schemes() gives them.
  const facts = await page.textContent("#sign-scheme-help");
  for (const text of [entry.name, entry.signatureHeader, entry.signatureLayout, entry.signedContent, entry.covers.join(", "), ...entry.unsignedHeaders]) {
    assert.ok(facts.includes(text), `${entry.id}: the facts show ${text}`);
  }
  assert.equal(await page.getAttribute(`#sign-scheme-help a[data-docs="${entry.id}"]`, "href"), entry.docs);
  await page.fill("#sign-scheme-find", "");
  assert.equal(await page.locator("#sign-scheme option[hidden]").count(), 0);
  // Every entry has a sample chip or is named as one the page cannot sign.
  const chips = await page.locator("[data-catalog-sample]").evaluateAll((items) => items.map((item) => item.dataset.catalogSample));
  assert.deepEqual(chips.sort(), catalog.filter(signable).map((item) => item.id).sort());
  const unsignable = await page.textContent("#catalog-unsignable");
  for (const other of catalog.filter((item) => !signable(item))) assert.ok(unsignable.includes(other.id), other.id);
  assert.deepEqual(page.errors, []);
});

test("every catalog entry's sample the package can sign loads, signed with a demo secret of its format, and verifies", async () => {
  const catalog = catalogOf();
  const vendorSchemes = new Set(vendors.map((vendor) => vendor.scheme));
  for (const entry of catalog) {
    await selectTab("verify");
    await page.selectOption("#verify-scheme", entry.id);
    if (!signable(entry)) {
      assert.equal(await page.locator("#verify-load-sample").count(), 0, entry.id);
      assert.match(await page.textContent("#verify-no-sample"), /cannot be signed here/, entry.id);
      continue;
    }
    await page.click("#verify-load-sample");
    const outcome = { ...(await status()), hints: await hintCodes() };
    assert.equal(outcome.code, "valid", `${entry.id}: ${outcome.text}`);
    assert.deepEqual(outcome.hints, [], entry.id);
    assert.equal(await page.inputValue("#verify-body"), entry.sample, entry.id);
    assert.equal(await page.inputValue("#verify-scheme"), entry.id);
    assert.equal(await page.getAttribute("#sign-status", "data-code"), "valid", entry.id);
    const secret = await page.inputValue("#verify-secrets");
    if (entry.secretFormat === "whsec") assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/, entry.id);
    if (entry.secretFormat === "base64") assert.match(secret, /^[A-Za-z0-9+/]+=*$/, entry.id);
    if (entry.secretFormat === "hex") assert.match(secret, /^[0-9a-f]+$/, entry.id);
    if (entry.needs.includes("url")) assert.match(await page.inputValue("#verify-url"), /^https?:\/\//, entry.id);
    // The same request verifies in Node with what the page shows.
    const headers = Object.fromEntries((await page.inputValue("#verify-headers")).split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
    const now = Number(await page.inputValue("#verify-now")) || nowSeconds();
    const url = (await page.inputValue("#verify-url")) || undefined;
    new Webhook(secret, { scheme: entry.id }).verify(entry.sample, headers, { now, url, method: "POST" });
    assert.ok((await page.textContent("#load-status")).includes(`${entry.name}'s sample event`), entry.id);
  }
  // A provider the seeded samples do not have, loaded from its chip in the Samples list.
  const provider = catalog.find((entry) => signable(entry) && !vendorSchemes.has(entry.id) && entry.needs.length === 0);
  await page.click(`[data-catalog-sample="${provider.id}"]`);
  assert.equal((await status()).code, "valid", provider.id);
  assert.equal(await page.inputValue("#sign-scheme"), provider.id);
  await screenshot("catalog-sample-desktop");
  assert.deepEqual(page.errors, []);
});

test("pasted headers select the detected scheme and list the other candidates (detectSchemes)", async () => {
  const ids = catalogOf().map((entry) => entry.id);
  const body = '{"zen":"Keep it logically awesome.","hook_id":1}';
  const secret = "github-paste-secret";
  const signed = new Webhook(secret, { scheme: "github" }).sign(body, { id: "5e3c1f7a-0b8f-11ef-9b0f-3b1c8d2b6a10", eventType: "ping" });
  await verifyPasted({ body, secret, scheme: "auto", headers: `POST /hooks HTTP/1.1\nUser-Agent: GitHub-Hookshot/abc\n${headerLines(signed)}` });
  assert.equal((await status()).code, "valid");
  assert.equal(await page.getAttribute("#verify-detected", "data-detected"), "github");
  assert.match(await page.textContent("#verify-detected"), /Detected from the headers: GitHub \(github\)/);
  assert.match(await page.textContent("#verify-result .facts"), /Schemegithub \(detected/);
  assert.match(await page.textContent("#verify-scheme-facts"), /Detected/);
  const candidates = (await page.getAttribute("#verify-detected", "data-candidates")).split(" ");
  assert.equal(candidates[0], "github");
  if (ids.includes("meta")) {
    assert.ok(candidates.includes("meta"), candidates.join(" "));
    // A candidate is one click away; verifying as it tells what it covers.
    await page.click('#verify-detected [data-candidate="meta"]');
    assert.equal(await page.inputValue("#verify-scheme"), "meta");
    assert.equal((await status()).code, "valid");
    assert.match(await page.textContent("#verify-scheme-facts"), /Meta/);
  }
  assert.deepEqual(page.errors, []);
});

const headerLines = (headers) => Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\n");

test("a one-byte change in the body: no_matching_signature, and the signatures differ", async () => {
  for (const id of ["septiccycle/job.completed", "smartcomply/test.submitted", "stripe/payment_intent.succeeded"]) {
    await loadSample(id);
    const body = await page.inputValue("#verify-body");
    const at = body.indexOf("e");
    await page.fill("#verify-body", `${body.slice(0, at)}f${body.slice(at + 1)}`);
    const outcome = await clickVerify();
    assert.equal(outcome.code, "no_matching_signature", id);
    assert.deepEqual(outcome.hints, [], id);
    assert.equal(await page.locator("#verify-result .sig.received.nomatch").count(), 1, id);
    assert.equal(await page.locator("#verify-result .sig.expected.nomatch").count(), 1, id);
  }
});

test("a wrong secret: no_matching_signature; a whsec_ secret read the wrong way: secret_format", async () => {
  await loadSample("github/push");
  await page.fill("#verify-secrets", "not the secret");
  let outcome = await clickVerify();
  assert.equal(outcome.code, "no_matching_signature");
  assert.deepEqual(outcome.hints, []);

  await loadSample("carecycle/customer.updated");
  await page.fill("#verify-secrets", "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  outcome = await clickVerify();
  assert.equal(outcome.code, "no_matching_signature");
  assert.deepEqual(outcome.hints, []);

  // Rotation: a wrong secret and the right one, one per line: any may match.
  await loadSample("carecycle/customer.updated");
  const right = await page.inputValue("#verify-secrets");
  await page.fill("#verify-secrets", `whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n${right}`);
  assert.equal((await clickVerify()).code, "valid");
  assert.equal(await page.locator("#verify-result .sig.expected").count(), 2);

  // The sender keyed GitHub's HMAC with the decoded whsec_ secret; the receiver uses the string.
  const secret = demoSecret("standard-webhooks");
  const body = '{"action":"opened","number":1}';
  const decoded = Buffer.from(secret.slice(6), "base64");
  await verifyPasted({
    body, secret, scheme: "github",
    headers: `X-GitHub-Event: pull_request\nX-Hub-Signature-256: sha256=${createHmac("sha256", decoded).update(body).digest("hex")}`,
  });
  outcome = { ...(await status()), hints: await hintCodes() };
  assert.equal(outcome.code, "no_matching_signature");
  assert.deepEqual(outcome.hints, ["secret_format"]);
  assert.match(await page.textContent('#verify-result .hint[data-code="secret_format"]'), /whsec_/);

  // The other way: a Standard Webhooks sender keyed with the whsec_ string's bytes.
  const timestamp = nowSeconds();
  const content = `msg_1.${timestamp}.${body}`;
  await verifyPasted({
    body, secret, scheme: "auto",
    headers: JSON.stringify({
      "webhook-id": "msg_1", "webhook-timestamp": String(timestamp),
      "webhook-signature": `v1,${createHmac("sha256", secret).update(content).digest("base64")}`,
    }),
  });
  outcome = { ...(await status()), hints: await hintCodes() };
  assert.equal(outcome.code, "no_matching_signature");
  assert.deepEqual(outcome.hints, ["secret_format"]);
});

test("public-key schemes verify on the page: Standard Webhooks v1a (whpk_) and Discord, signed by node:crypto's Ed25519", async () => {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");
  const body = '{"type":"invoice.paid","data":{"id":"inv_1"}}';
  const timestamp = nowSeconds();
  const ed25519 = (content) => signWithKey(null, Buffer.from(content), privateKey);
  const cases = [
    {
      scheme: "standard-webhooks",
      secret: `whpk_${raw.toString("base64")}`,
      headers: (text) => JSON.stringify({
        "webhook-id": "msg_1", "webhook-timestamp": String(timestamp),
        "webhook-signature": `v1a,${ed25519(`msg_1.${timestamp}.${text}`).toString("base64")}`,
      }),
    },
    {
      scheme: "discord",
      secret: raw.toString("hex"),
      headers: (text) => `X-Signature-Ed25519: ${ed25519(`${timestamp}${text}`).toString("hex")}\nX-Signature-Timestamp: ${timestamp}`,
    },
  ];
  for (const { scheme, secret, headers } of cases) {
    await verifyPasted({ body, headers: headers(body), secret, scheme });
    assert.equal((await status()).code, "valid", scheme);
    // The signature covers the body: one byte changed does not verify.
    await verifyPasted({ body: body.replace("inv_1", "inv_2"), headers: headers(body), secret, scheme });
    assert.equal((await status()).code, "no_matching_signature", scheme);
  }
});

async function verifyPasted({ body, headers, secret, scheme, now = "" }) {
  await selectTab("verify");
  await page.fill("#verify-body", body);
  await page.selectOption("#verify-eol", "lf");
  await page.fill("#verify-headers", headers);
  await page.fill("#verify-secrets", secret);
  await page.selectOption("#verify-scheme", scheme);
  await page.fill("#verify-now", String(now));
  await page.click("#verify-run");
}

test("an expired timestamp: timestamp_too_old, with the skew against the tolerance", async () => {
  await loadSample("smartcomply/test.submitted");
  const timestamp = Number((await page.inputValue("#verify-headers")).match(/webhook-timestamp: (\d+)/)[1]);
  await page.fill("#verify-now", String(timestamp + 301));
  let outcome = await clickVerify();
  assert.equal(outcome.code, "timestamp_too_old");
  assert.deepEqual(outcome.hints, []);
  assert.match(await page.textContent("#verify-timestamp"), /\(301 s\) in the past.*outside the tolerance of ±300 s/s);
  await page.fill("#verify-now", String(timestamp + 299));
  outcome = await clickVerify();
  assert.equal(outcome.code, "valid");
  assert.match(await page.textContent("#verify-timestamp"), /\(299 s\) in the past.*within the tolerance of ±300 s/s);
  await page.fill("#verify-tolerance", "60");
  assert.equal((await clickVerify()).code, "timestamp_too_old");

  // Signed an hour ago in the Sign view; Stripe too (it only rejects old timestamps).
  for (const [scheme, secret] of [["slack", demoSecret("slack")], ["stripe", demoSecret("stripe")]]) {
    await sign({ scheme, secret, body: '{"ok":true}', timestamp: nowSeconds() - 3600 });
    outcome = await signToVerify();
    assert.equal(outcome.code, "timestamp_too_old", scheme);
    assert.deepEqual(outcome.hints, []);
  }
  await sign({ scheme: "stripe", secret: demoSecret("stripe"), body: '{"ok":true}', timestamp: nowSeconds() + 3600 });
  assert.equal((await signToVerify()).code, "valid");
  // The one-sided tolerance and the scheme's headers are the package's facts (schemes(), Diagnosis).
  assert.match(await page.textContent("#verify-timestamp"), /within the tolerance of 300 s into the past/);
  await selectTab("sign");
  const help = await page.textContent("#sign-scheme-help");
  assert.match(help, /stripe-signature/);
  assert.match(help, /Only old timestamps are rejected/);
  await page.selectOption("#sign-scheme", "github");
  assert.match(await page.textContent("#sign-scheme-help"), /x-hub-signature-256.*Signs no timestamp/s);
});

test("the usual mistakes show their hints", async () => {
  const secret = demoSecret("standard-webhooks");
  const compact = '{"event":"job.completed","job_id":"a1b2c3d4","technician_ids":["uuid","uuid"]}';

  // Re-indented JSON (the sender sent it compact).
  await sign({ scheme: "standard-webhooks", secret, body: compact });
  assert.equal((await signToVerify()).code, "valid");
  await page.fill("#verify-body", JSON.stringify(JSON.parse(compact), null, 2));
  let outcome = await clickVerify();
  assert.equal(outcome.code, "no_matching_signature");
  assert.deepEqual(outcome.hints, ["body_reformatted"]);
  assert.match(await page.textContent('#verify-result .hint[data-code="body_reformatted"]'), /raw request bytes/);

  // A trailing newline added to a sample (the fixtures end without one).
  await loadSample("septiccycle/invoice.paid");
  await page.fill("#verify-body", `${await page.inputValue("#verify-body")}\n`);
  outcome = await clickVerify();
  assert.equal(outcome.code, "no_matching_signature");
  assert.deepEqual(outcome.hints, ["trailing_newline_added"]);
  assert.match(await page.textContent("#verify-body-info"), /ends with a line break/);

  // A trailing newline dropped.
  await sign({ scheme: "github", secret: demoSecret("github"), body: `${compact}\n` });
  assert.equal((await signToVerify()).code, "valid");
  await page.fill("#verify-body", compact);
  assert.deepEqual((await clickVerify()).hints, ["trailing_newline_removed"]);

  // Line endings: signed with CRLF, pasted with LF.
  await sign({ scheme: "septiccycle", secret: demoSecret("septiccycle"), body: '{\n"event": "job.completed"\n}', eol: "crlf" });
  assert.equal((await signToVerify()).code, "valid");
  assert.equal(await page.inputValue("#verify-eol"), "crlf");
  await page.selectOption("#verify-eol", "lf");
  outcome = await clickVerify();
  assert.equal(outcome.code, "no_matching_signature");
  assert.deepEqual(outcome.hints, ["line_endings_changed"]);

  // A timestamp in milliseconds.
  await sign({ scheme: "standard-webhooks", secret, body: compact, timestamp: Date.now() });
  outcome = await signToVerify();
  assert.equal(outcome.code, "timestamp_too_new");
  assert.deepEqual(outcome.hints, ["timestamp_in_milliseconds"]);
  assert.match(await page.textContent("#verify-skew"), /years .* in the future/);

  // A quoted header value (as some logs and JSON dumps show them).
  await loadSample("github/push");
  const signature = (await page.inputValue("#verify-headers")).match(/x-hub-signature-256: (\S+)/)[1];
  await page.fill("#verify-headers", JSON.stringify({ "X-Hub-Signature-256": `"${signature}"`, "X-GitHub-Event": "push" }));
  outcome = await clickVerify();
  assert.equal(outcome.code, "malformed_header");
  assert.deepEqual(outcome.hints, ["quoted_or_spaced_header"]);

  // The wrong scheme chosen: the hint names the detected one and offers to switch.
  await loadSample("stripe/payment_intent.succeeded");
  await page.selectOption("#verify-scheme", "github");
  outcome = await clickVerify();
  assert.equal(outcome.code, "missing_header");
  assert.deepEqual(outcome.hints, ["wrong_scheme"]);
  await page.click('#verify-result .hint[data-code="wrong_scheme"] button');
  assert.equal(await page.inputValue("#verify-scheme"), "stripe");
  assert.equal((await status()).code, "valid");
  assert.deepEqual(page.errors, []);
});

test("sign then verify round-trips for every scheme; curl and fetch reproduce the request byte for byte", async () => {
  const secrets = Object.fromEntries(samples.map((sample) => [sample.scheme, sample.secret]));
  const custom = JSON.stringify({
    signatureHeader: "X-Signature", prefix: "sha256=", encoding: "base64", template: "{id}.{timestamp}.{body}",
    idHeader: "X-Id", timestampHeader: "X-Timestamp", eventTypeHeader: "X-Event",
  }, null, 2);
  const schemes = [
    "standard-webhooks", "svix", "septiccycle", "x-webhook-signature", "github", "stripe", "slack", "shopify", "custom",
  ];
  // Quotes of both kinds, shell and template expansions, a backslash, a tab, non-ASCII, a final newline.
  const body = `{"text":"it's \\"quoted\\" $HOME \`id\` \${x} back\\\\slash\ttab ✓ ü 🚀"}\n`;
  for (const scheme of schemes) {
    const secret = scheme === "custom" ? "custom-demo-secret" : secrets[scheme];
    const signed = await sign({
      scheme, secret, body, eventType: "order.created", url: capture.url,
      ...(scheme === "custom" && { custom }),
    });
    const outcome = await signToVerify();
    assert.equal(outcome.code, "valid", `${scheme}: ${outcome.text}`);
    if (scheme !== "custom") assert.match(await page.textContent("#verify-result .facts"), new RegExp(`Scheme${scheme} \\(detected`));
    await reproduces(signed, { scheme: scheme === "custom" ? JSON.parse(custom) : scheme, secret, body });
  }
});

test("curl and fetch snippets stay exact for bodies that need other quoting", async () => {
  const secret = demoSecret("septiccycle");
  const bodies = [
    ["lf", "@/etc/passwd is not read: the body starts with @\n'single' \"double\" \\n literal"],
    ["crlf", '{\n"event": "job.completed",\n"note": "CRLF line breaks, a \'quote\' and a \\\\ backslash"\n}'],
    ["lf", "control \u0001 and \u001b[31m escape bytes, DEL \u007f"],
    ["lf", "a NUL \u0000 byte, % and \\ and ' in printf"],
  ];
  for (const [eol, text] of bodies) {
    const signed = await sign({ scheme: "septiccycle", secret, body: text, eol, url: capture.url });
    assert.equal((await signToVerify()).code, "valid", JSON.stringify(text));
    await reproduces(signed, { scheme: "septiccycle", secret, body: eol === "crlf" ? text.replace(/\n/g, "\r\n") : text });
  }
});

/** Runs the page's curl command (bash) and fetch snippet (Node) against the capture server. */
async function reproduces(signed, { scheme, secret, body }) {
  const verifier = new Webhook(secret, { scheme });
  const expected = Buffer.from(body);
  const check = (request, via) => {
    assert.equal(request.method, "POST", via);
    assert.ok(request.body.equals(expected), `${via}: sent ${JSON.stringify(request.body.toString())}`);
    assert.equal(verifier.verify(request.body, request.headers).bytes.length, expected.length, via);
    assert.equal(request.headers["content-type"], "application/json", via);
  };
  capture.received.length = 0;
  await promisify(execFile)("bash", ["-c", signed.curl], {
    timeout: 20_000,
    env: { PATH: process.env.PATH, HOME: tmpdir(), NO_PROXY: "*", no_proxy: "*" },
  });
  assert.equal(capture.received.length, 1, "curl sent one request");
  check(capture.received[0], "curl");
  capture.received.length = 0;
  const AsyncFunction = (async () => {}).constructor;
  await new AsyncFunction(signed.fetch)();
  assert.equal(capture.received.length, 1, "fetch sent one request");
  check(capture.received[0], "fetch");
}

test("typing, samples, tabs, verifying and signing never touch the URL or the history", async () => {
  const view = await openPage();
  const before = { url: view.url(), length: await view.evaluate(() => history.length) };
  await loadSample("github/push", view);
  await view.fill("#verify-body", '{"typed":"body"}');
  await view.fill("#verify-headers", "Authorization: Bearer typed-token\nX-Hub-Signature-256: sha256=00");
  await view.fill("#verify-secrets", "typed secret");
  await clickVerify(view);
  await sign({ scheme: "slack", secret: demoSecret("slack"), body: '{"text":"hi"}' }, view);
  await signToVerify(view);
  await selectTab("sign", view);
  await view.waitForTimeout(300); // past the input debounce
  assert.equal(view.url(), before.url);
  assert.equal(new URL(view.url()).hash, "");
  assert.equal(await view.evaluate(() => history.length), before.length);
  assert.deepEqual(view.errors, []);
  await view.close();
});

test("Copy share link says what the link holds, then copies it; never the secret, and the URL stays", async () => {
  const secret = demoSecret("svix");
  const view = await openPage();
  await loadSample("carecycle/customer.updated", view);
  await view.selectOption("#verify-scheme", "svix");
  await view.fill("#verify-tolerance", "600");
  await view.fill("#verify-headers", `Authorization: Bearer t0ken\n${await view.inputValue("#verify-headers")}`);
  const body = await view.inputValue("#verify-body");
  const headers = await view.inputValue("#verify-headers");
  const before = view.url();

  await view.click("#verify-share");
  assert.equal(await view.isVisible("#verify-share-panel"), true);
  const what = await view.textContent("#verify-share-what");
  assert.match(what, /the scheme svix/);
  assert.match(what, new RegExp(`a body of ${Buffer.byteLength(body)} bytes`));
  assert.match(what, /5 headers \(Authorization, content-type, svix-id, svix-timestamp, svix-signature\)/);
  assert.match(what, /the tolerance 600/);
  assert.match(what, /never the secret/);
  assert.match(what, /may hold credentials: Authorization/);
  assert.equal(await view.isVisible("#verify-share-link"), false, "no link before confirming");
  await view.click("#verify-share-cancel");
  assert.equal(await view.isVisible("#verify-share-panel"), false);

  await view.click("#verify-share");
  await view.click("#verify-share-copy");
  const link = await view.inputValue("#verify-share-link");
  await view.waitForFunction(() => document.getElementById("verify-share-status").textContent !== "");
  assert.match(await view.textContent("#verify-share-status"), /Link copied|Copy the link below/);
  assert.equal(view.url(), before, "the page's own URL is left alone");
  const fragment = new URL(link).hash;
  assertNoSecret(fragment, secret);
  const params = new URLSearchParams(fragment.slice(1));
  assert.equal(params.get("body"), body);
  assert.equal(params.get("headers"), headers);

  // The Sign view's link: never its secret (typed, or generated).
  await selectTab("sign", view);
  await view.click("#sign-generate-secret");
  const generated = await view.inputValue("#sign-secret");
  assert.match(generated, /^whsec_/);
  await view.click("#sign-share");
  assert.match(await view.textContent("#sign-share-what"), /the Sign view's .*never the secret/);
  await view.click("#sign-share-copy");
  assertNoSecret(new URL(await view.inputValue("#sign-share-link")).hash, generated);
  assert.deepEqual(view.errors, []);
  await view.close();
});

test("a page opened from a share link says so, and uses no typed secret until confirmed", async () => {
  const secret = demoSecret("svix");
  // A link as "Copy share link" makes it.
  const maker = await openPage();
  await loadSample("carecycle/customer.updated", maker);
  await maker.selectOption("#verify-scheme", "svix");
  await maker.fill("#verify-tolerance", "600");
  const body = await maker.inputValue("#verify-body");
  const headers = await maker.inputValue("#verify-headers");
  await maker.click("#verify-share");
  await maker.click("#verify-share-copy");
  const link = await maker.inputValue("#verify-share-link");
  await maker.close();

  const shared = await openPage(link);
  assert.equal(await shared.isVisible("#shared-notice"), true);
  assert.match(await shared.textContent("#shared-notice"), /Opened from a share link/);
  assert.match(await shared.textContent("#shared-what"), /the Verify view's the scheme svix, a body of \d+ bytes, 4 headers/);
  assert.equal(await shared.inputValue("#verify-body"), body);
  assert.equal(await shared.inputValue("#verify-headers"), headers);
  assert.equal(await shared.inputValue("#verify-scheme"), "svix");
  assert.equal(await shared.inputValue("#verify-tolerance"), "600");
  assert.equal(await shared.inputValue("#verify-secrets"), "");
  assert.match(await shared.textContent("#verify-result"), /Enter the endpoint's secret/);

  // A typed secret is not used: no verdict, no computed signature, nothing signed.
  await shared.fill("#verify-secrets", secret);
  await shared.click("#verify-run");
  assert.match(await shared.textContent("#verify-result"), /opened from a share link.*confirm the notice/s);
  assert.equal(await shared.locator("#verify-status, #verify-result .sig").count(), 0);
  await selectTab("sign", shared);
  await shared.selectOption("#sign-scheme", "slack");
  await shared.fill("#sign-secret", demoSecret("slack"));
  await shared.click("#sign-run");
  assert.equal(await shared.locator("#sign-status, #sign-headers-out").count(), 0);
  assert.match(await shared.textContent("#sign-result"), /opened from a share link/);

  // Confirmed: both views use the secret.
  await shared.click("#shared-ack");
  assert.equal(await shared.isVisible("#shared-ack"), false);
  assert.equal(await shared.getAttribute("#sign-status", "data-code"), "valid");
  await selectTab("verify", shared);
  assert.equal((await clickVerify(shared)).code, "valid");
  assertNoSecret(new URL(shared.url()).hash, secret);
  assert.deepEqual(shared.errors, []);
  await shared.close();

  // The Sign view's link restores its fields, never the secret; the notice names the URL.
  const signer = await openPage();
  await sign({ scheme: "slack", secret: demoSecret("slack"), body: '{"text":"hi"}', timestamp: 1700000000, id: "msg_x", eventType: "app_mention" }, signer);
  await signer.click("#sign-share");
  await signer.click("#sign-share-copy");
  const signLink = await signer.inputValue("#sign-share-link");
  await signer.close();
  const restored = await openPage(signLink);
  assert.equal(await restored.getAttribute("#tab-sign", "aria-selected"), "true");
  assert.equal(await restored.inputValue("#sign-scheme"), "slack");
  assert.equal(await restored.inputValue("#sign-body"), '{"text":"hi"}');
  assert.equal(await restored.inputValue("#sign-timestamp"), "1700000000");
  assert.equal(await restored.inputValue("#sign-event"), "app_mention");
  assert.equal(await restored.inputValue("#sign-secret"), "");
  assert.match(await restored.textContent("#shared-what"), /the URL the curl and fetch snippets send to, http:\/\/localhost:8787\/webhook/);
  assert.deepEqual(restored.errors, []);
  await restored.close();
});

test("the diagnosis shows what the signature covers apart from unsigned metadata", async () => {
  await loadSample("github/push");
  assert.equal((await status()).code, "valid");
  assert.equal(await page.textContent("#verify-covers"), "body");
  const unsigned = await page.textContent("#verify-unsigned");
  assert.match(unsigned, /^not covered by the signature \(anyone could have set them\): delivery id [0-9a-f-]{36}, event type push$/);
  assert.doesNotMatch(await page.textContent("#verify-result .facts"), /Message id/);

  await loadSample("smartcomply/test.submitted");
  assert.equal(await page.textContent("#verify-covers"), "body, timestamp, id");
  assert.match(await page.textContent("#verify-result .facts"), /Message idmsg_\w+ \(signed\)/);
  assert.equal(await page.locator("#verify-unsigned").count(), 0);

  await loadSample("shopify/orders.create");
  assert.match(await page.textContent("#verify-unsigned"), /delivery id .*, event type orders\/create/);
  assert.match(await page.textContent("#verify-result .facts"), /deduplicate on a hash of the body/);
});

test("a verified body is shown as its typed event, its fields from the schema; one that is not its event, with the issues", async () => {
  const { vendors: eventSchemas } = JSON.parse(await readFile(here("../playground/event-schemas.json"), "utf8"));
  const fieldsOf = (vendor, type) => eventSchemas.find((v) => v.id === vendor).events.find((e) => e.type === type).fields;
  const rows = () => page.$$eval("#verify-event-fields tbody tr", (items) =>
    items.map((row) => ({ path: row.dataset.path, type: row.cells[1].textContent, value: row.cells[2].textContent })));
  const event = () => page.locator("#verify-event");

  // Every seeded sample with schemas: its typed event, its fields and values from the schema.
  for (const sample of samples.filter((s) => eventSchemas.some((v) => s.id.startsWith(`${v.id}/`)))) {
    await loadSample(sample.id);
    const [vendor] = sample.id.split("/");
    assert.equal(await event().getAttribute("data-vendor"), vendor, sample.id);
    assert.equal(await event().getAttribute("data-valid"), "true", sample.id);
    assert.equal(await event().getAttribute("data-type"), sample.eventType, sample.id);
    const fields = fieldsOf(vendor, sample.eventType).filter((field) => !field.type.startsWith('"'));
    assert.deepEqual((await rows()).map((row) => row.path), fields.map((field) => field.path), sample.id);
    // Auto finds the same vendor from the body's event type.
    await page.selectOption("#verify-vendor", "auto");
    assert.equal(await event().getAttribute("data-vendor"), vendor, `${sample.id}: auto`);
  }

  await loadSample("smartcomply/test.failed");
  assert.match(await page.textContent("#event-title"), /^Typed event: SmartComplyTestFailedEvent \(type "test\.failed"\)$/);
  const failed = Object.fromEntries((await rows()).map((row) => [row.path, row]));
  assert.equal(failed["/data/failure_reason"].value, '"First check valve failed to hold"');
  assert.equal(failed["/data/next_due_date"].value, "absent");
  assert.equal(failed["/created_at"].type, "string required");
  assert.equal(failed["/data/result"].type, "string optional");
  await loadSample("smartcomply/iu.exceedance_detected");
  const exceedance = Object.fromEntries((await rows()).map((row) => [row.path, row]));
  assert.equal(exceedance["/data/exceedances/*/result_value"].value, "[3.8]");

  // The document's job.created carries `changes`, which its table gives job.updated only.
  await loadSample("job-events/job.created");
  assert.deepEqual(await page.$$eval("#verify-event-undeclared li", (items) => items.map((li) => li.dataset.path)), ["/changes"]);

  // Parsed as another vendor's event: the issues, each with its code and JSON Pointer.
  await loadSample("smartcomply/webhook.test");
  await page.selectOption("#verify-vendor", "septiccycle");
  assert.equal(await event().getAttribute("data-valid"), "false");
  assert.deepEqual(await page.$$eval("#verify-event-issues li", (items) => items.map((li) => [li.dataset.code, li.dataset.path])),
    [["invalid_event", "/event"]]);
  await page.selectOption("#verify-vendor", "none");
  assert.equal(await event().count(), 0);

  // An authentic body of a SmartComply event type hookseal does not know, and one missing a field.
  const secret = demoSecret("standard-webhooks");
  const verifyBody = async (body, vendor = "auto") => {
    await page.fill("#verify-body", body);
    await page.fill("#verify-headers", Object.entries(new Webhook(secret).sign(body, { id: "msg_typed_1" })).map(([k, v]) => `${k}: ${v}`).join("\n"));
    await page.fill("#verify-secrets", secret);
    await page.selectOption("#verify-vendor", vendor);
    return clickVerify();
  };
  const later = '{"id":"evt_9","type":"backflow.retest_scheduled","created_at":"2026-06-01T00:00:00Z","data":{}}';
  // Auto cannot tell whose event an unknown type is; chosen, it is SmartComply's unknown event.
  assert.equal((await verifyBody(later)).code, "valid");
  assert.match(await event().textContent(), /names no event type of a vendor hookseal has schemas for/);
  assert.equal((await verifyBody(later, "smartcomply")).code, "valid");
  assert.equal(await event().getAttribute("data-type"), "backflow.retest_scheduled");
  assert.match(await page.textContent("#event-title"), /^Typed event: SmartComplyUnknownEvent \(type "backflow\.retest_scheduled"\)$/);
  assert.equal((await verifyBody('{"id":"evt_9","type":"permit.expiring","data":{"days_remaining":"60"}}')).code, "valid");
  assert.deepEqual(await page.$$eval("#verify-event-issues li", (items) => items.map((li) => [li.dataset.code, li.dataset.path, li.textContent])), [
    ["invalid_event", "/created_at", "invalid_event /created_at missing required field"],
    ["invalid_event", "/data/days_remaining", "invalid_event /data/days_remaining expected an integer, found a string"],
  ]);
  // Only a verified body is parsed.
  await page.fill("#verify-body", '{"id":"evt_9","type":"permit.expiring","created_at":"x","data":{}}');
  assert.equal((await clickVerify()).code, "no_matching_signature");
  assert.equal(await event().count(), 0);

  // The samples list says which vendors have typed events, and each chip's title lists its fields.
  const title = await page.getAttribute('[data-sample="smartcomply/permit.expiring"]', "title");
  assert.match(title, /^tests\/fixtures\/smartcomply\/permit\.expiring\.json\nSmartComplyPermitExpiringEvent: A discharge permit expires in 60 days\.\n/);
  assert.match(title, /\n\/data\/days_remaining \(integer\)\n/);
  assert.match(await page.textContent("#sample-list"), /Typed events: SmartComplyEvent, 12 types, fields from schemas\/smartcomply\//);
  assert.deepEqual(page.errors, []);
});

test("the playground cannot be framed: frame-ancestors 'none' where it is served", async () => {
  const response = await fetch(`${site.origin}/`);
  assert.match(response.headers.get("content-security-policy"), /(^|;\s*)frame-ancestors 'none'(;|$)/);
  // Another origin framing it: Chromium refuses to render it.
  const embedDir = await mkdtemp(join(tmpdir(), "hookseal-embed-"));
  await writeFile(join(embedDir, "index.html"), `<!doctype html><link rel="icon" href="data:,"><iframe id="f" src="${site.origin}/"></iframe>`);
  const embed = await serveStatic({ "/": embedDir });
  embedOrigins.push(embed.origin);
  const view = await browser.context.newPage();
  try {
    await view.goto(`${embed.origin}/`);
    await view.waitForTimeout(500);
    const frame = view.frames().find((candidate) => candidate !== view.mainFrame());
    assert.ok(frame, "the iframe exists");
    const rendered = await frame.evaluate(() => document.querySelector("#tab-verify") !== null).catch(() => false);
    assert.equal(rendered, false, "the playground rendered inside another origin's frame");
  } finally {
    await view.close();
    embed.server.close();
    await rm(embedDir, { recursive: true, force: true });
  }
});

function assertNoSecret(fragment, secret) {
  const decoded = [...new URLSearchParams(fragment.slice(1)).values()].join("\n");
  for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
    assert.ok(!fragment.includes(form), `the fragment holds the secret: ${fragment}`);
  }
  assert.ok(!decoded.includes(secret), "the fragment's values hold the secret");
}

test("keyboard: every control is labelled; tabs move with the arrow keys; Ctrl+Enter runs the form", async () => {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, button")]
    .filter((control) => !control.closest("[hidden]") && !control.classList.contains("offscreen"))
    .filter((control) => {
      if (control.tagName === "BUTTON") return !(control.getAttribute("aria-label") || control.textContent.trim());
      return control.labels.length === 0 && !control.getAttribute("aria-label");
    })
    .map((control) => control.id || control.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);

  await selectTab("verify");
  await page.focus("#tab-verify");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-sign", "aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-sign");
  assert.equal(await page.isVisible("#panel-verify"), false);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute("#tab-verify", "aria-selected"), "true");

  // A sample loads with Enter; Ctrl+Enter in a text area runs the form.
  await page.focus('[data-sample="slack/event_callback"]');
  await page.keyboard.press("Enter");
  assert.equal((await status()).code, "valid");
  await page.focus("#verify-secrets");
  await page.keyboard.press("End");
  await page.keyboard.type("x");
  await page.keyboard.press("Control+Enter");
  assert.equal((await status()).code, "no_matching_signature");
});

test("screenshots of the verify and sign views, desktop and phone width; nothing overflows a phone", async () => {
  for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    const view = await openPage(`${site.origin}/`, viewport);
    // Verify: a SmartComply event whose body gained a trailing newline on the way.
    await loadSample("smartcomply/test.submitted", view);
    await view.fill("#verify-body", `${await view.inputValue("#verify-body")}\n`);
    assert.equal((await clickVerify(view)).code, "no_matching_signature");
    await screenshot(`verify-${name}`, view);
    await loadSample("carecycle/customer.updated", view);
    await screenshot(`verify-valid-${name}`, view);
    await selectTab("sign", view);
    await screenshot(`sign-${name}`, view);
    const overflow = await view.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `${name}: the page scrolls sideways by ${overflow} px`);
    await selectTab("verify", view);
    assert.equal(await view.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
    assert.deepEqual(view.errors, []);
    await view.close();
  }
});

test("serve.mjs serves the built site on 127.0.0.1 and prints its URL", async () => {
  const child = spawn(process.execPath, [here("../playground/serve.mjs"), "0", "--dir", siteDir], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const found = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (found) resolve(found[0]);
      });
      child.once("exit", (code) => reject(new Error(`serve.mjs exited with ${code}: ${output}`)));
    });
    const index = await fetch(url);
    assert.equal(index.status, 200);
    assert.match(index.headers.get("content-type"), /^text\/html/);
    assert.match(index.headers.get("content-security-policy"), /default-src 'none'/);
    assert.match(index.headers.get("content-security-policy"), /frame-ancestors 'none'/);
    assert.match(await index.text(), /<link rel="icon" href="data:,">/);
    const wasm = await fetch(new URL("hookseal/asymmetric/hookseal_bg.wasm", url));
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.ok(WebAssembly.validate(new Uint8Array(await wasm.arrayBuffer())));
    assert.equal((await fetch(new URL("samples.json", url))).status, 200);
    assert.equal((await fetch(new URL("/%2e%2e/%2e%2e/package.json", url))).status, 404);
    assert.equal((await fetch(url, { method: "POST" })).status, 405);
  } finally {
    child.kill();
  }
});

test("the pages made no request outside their own origin", () => {
  assert.ok(requests.length > 0);
  assert.ok(requests.some((url) => url.endsWith("/hookseal/asymmetric/hookseal_bg.wasm")));
  const own = (url) => [site.origin, ...embedOrigins].some((origin) => url.startsWith(`${origin}/`));
  assert.deepEqual(requests.filter((url) => !own(url)), []);
});
