// Invalid configuration answers 500 {"error": "invalid_config"} and nothing more (the problem,
// naming route and field, goes to the log only; never a URL), and never forwards anything; a
// valid configuration may also come as a TOML table (a JSON object binding).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkSignature, startOrigin } from "./support/origin.mjs";
import { fixture, sign } from "./support/sign.mjs";
import { ORIGIN_SIGNING_SECRET, bindings, post, startWorkers } from "./support/worker.mjs";

const SECRET = "septiccycle-demo-secret";
// Route /hooks/b's own origin signing secret (originSigningSecret: "B_SIGNING").
const B_SIGNING_SECRET = "whsec_YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=";

describe("configuration", () => {
  let origin;
  let workers;
  const route = (overrides = {}) => ({
    path: "/hooks/septiccycle",
    scheme: "septiccycle",
    secrets: ["SEPTIC_SECRET"],
    origin: `${origin.url}/in`,
    ...overrides,
  });
  // name: [bindings, dedupe binding present, what the problem must say]
  let cases;

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    const good = { SEPTIC_SECRET: SECRET };
    const { HOOKSEAL_ROUTES: _, ...withoutRoutes } = bindings([route()], good);
    const { ORIGIN_SIGNING_SECRET: __, ...withoutSigning } = bindings([route()], good);
    cases = {
      "no-routes": [withoutRoutes, true, /HOOKSEAL_ROUTES is not set/],
      "bad-json": [bindings("[{\"path\": ", good), true, /HOOKSEAL_ROUTES is not a valid route list/],
      "empty-list": [bindings([], good), true, /HOOKSEAL_ROUTES lists no routes/],
      "typo-field": [
        bindings([{ ...route(), secret: "SEPTIC_SECRET" }], good),
        true,
        /unknown field `secret`/,
      ],
      "unknown-scheme": [
        bindings([route({ scheme: "septic-cycle" })], good),
        true,
        /route \/hooks\/septiccycle: invalid scheme: unknown scheme id/,
      ],
      "bad-custom-scheme": [
        bindings([route({ scheme: { signatureHeader: "X-Sig", template: "{id}.{body}" } })], good),
        true,
        /route \/hooks\/septiccycle: invalid scheme: .*idHeader/,
      ],
      "missing-secret": [
        bindings([route({ secrets: ["SEPTIC_SECRET", "SEPTIC_SECRET_NEXT"] })], good),
        true,
        /route \/hooks\/septiccycle: secret binding SEPTIC_SECRET_NEXT is not set/,
      ],
      "not-base64-secret": [
        bindings([route({ scheme: "svix" })], { SEPTIC_SECRET: "whsec_not*base64" }),
        true,
        /route \/hooks\/septiccycle: secret binding SEPTIC_SECRET: invalid secret/,
      ],
      "bad-origin": [
        bindings([route({ origin: "127.0.0.1:8080/in" })], good),
        true,
        /route \/hooks\/septiccycle: origin is not a usable URL/,
      ],
      "origin-with-token": [
        bindings([route({ origin: "ftp://origin.example/in?token=s3cr3t-origin-token" })], good),
        true,
        /route \/hooks\/septiccycle: origin is not a usable URL: it must start with https:\/\//,
      ],
      "plain-http-origin": [
        bindings([route({ origin: "http://origin.example/in?token=s3cr3t-origin-token" })], good),
        true,
        /route \/hooks\/septiccycle: origin must be https:\/\/ .*allowHttpOrigin/,
      ],
      "inbound-secret-is-signing-secret": [
        bindings([route({ scheme: "svix", secrets: ["SVIX_SECRET"] })], { SVIX_SECRET: ORIGIN_SIGNING_SECRET }),
        true,
        /route \/hooks\/septiccycle: secret binding SVIX_SECRET holds the same secret as ORIGIN_SIGNING_SECRET/,
      ],
      "placeholder-signing-secret": [
        { ...bindings([route()], good), ORIGIN_SIGNING_SECRET: "CHANGE_ME" },
        true,
        /ORIGIN_SIGNING_SECRET still holds the CHANGE_ME placeholder of \.dev\.vars\.example: make one with/,
      ],
      "no-signing-secret": [withoutSigning, true, /secret ORIGIN_SIGNING_SECRET is not set/],
      "signing-secret-not-whsec": [
        { ...bindings([route()], good), ORIGIN_SIGNING_SECRET: "just text!" },
        true,
        /ORIGIN_SIGNING_SECRET is not a Standard Webhooks secret/,
      ],
      "no-durable-object": [bindings([route()], good), false, /Durable Object binding HOOKSEAL_DEDUPE/],
      "queue-without-queue-binding": [
        bindings([route({ delivery: "queue" })], good),
        true,
        /binding HOOKSEAL_QUEUE is missing or not a queue producer \(a route delivers through the queue/,
      ],
      "admin-without-store": [
        bindings([route()], { ...good, ADMIN_TOKEN: "x".repeat(40) }),
        true,
        /binding HOOKSEAL_QUEUE is missing .*ADMIN_TOKEN is set/,
      ],
      "admin-without-delivery-log": [
        bindings([route()], { ...good, ADMIN_TOKEN: "x".repeat(40) }),
        { queue: true, deliveryLog: null },
        /binding HOOKSEAL_DELIVERY_LOG is missing or not a Durable Object namespace \(ADMIN_TOKEN is set/,
      ],
      "queue-without-parked-bucket": [
        bindings([route({ delivery: "queue" })], good),
        { queue: true, parked: false },
        /binding HOOKSEAL_PARKED is missing or not an R2 bucket/,
      ],
      "short-admin-token": [
        bindings([route()], { ...good, ADMIN_TOKEN: "short" }),
        true,
        /secret ADMIN_TOKEN must be at least 32 characters/,
      ],
      "bad-delivery": [
        bindings([route({ delivery: "later" })], good),
        true,
        /route \/hooks\/septiccycle: delivery must be "direct" or "queue"/,
      ],
      "bad-retry-schedule": [
        bindings([route({ delivery: "queue", retrySchedule: [60, 86400] })], good),
        true,
        /retrySchedule delays are seconds from 0 to 43200/,
      ],
      "reserved-path": [bindings([route({ path: "/admin/hooks" })], good), true, /reserved for the admin API/],
      "meta-without-verify-token": [
        bindings([route({ scheme: "meta" })], good),
        true,
        /route \/hooks\/septiccycle: scheme meta needs verifyToken/,
      ],
      "verify-token-is-the-app-secret": [
        bindings([route({ scheme: "whatsapp", verifyToken: "SEPTIC_SECRET" })], good),
        true,
        /route \/hooks\/septiccycle: verifyToken binding SEPTIC_SECRET holds the same secret as SEPTIC_SECRET/,
      ],
      "events-without-vendor": [
        bindings([route({ events: ["invoice.paid"] })], good),
        true,
        /route \/hooks\/septiccycle: events needs vendor, whose events the route receives \(one of septiccycle, smartcomply, job-events, carecycle\)/,
      ],
      "unknown-event-type": [
        bindings([route({ vendor: "septiccycle", events: ["invoice.payed"] })], good),
        true,
        /route \/hooks\/septiccycle: events: "invoice.payed" is not a septiccycle event type hookseal knows \(job.completed, invoice.paid, contract.signed\)/,
      ],
      "verify-token-on-another-scheme": [
        bindings([route({ verifyToken: "VERIFY_TOKEN" })], { ...good, VERIFY_TOKEN: "meatyhamhock" }),
        true,
        /route \/hooks\/septiccycle: verifyToken applies to schemes with Meta's verification request/,
      ],
    };
    workers = await startWorkers({
      ...Object.fromEntries(
        Object.entries(cases).map(([name, [caseBindings, options]]) => [
          name,
          typeof options === "object" ? { bindings: caseBindings, ...options } : { bindings: caseBindings, dedupe: options },
        ]),
      ),
      "toml-table": { bindings: { ...bindings([], good), HOOKSEAL_ROUTES: [route()] } },
      "no-dedupe-needed": {
        bindings: bindings([route({ dedupeSeconds: 0 })], good),
        dedupe: false,
      },
      "per-route-signing": {
        bindings: bindings(
          [
            route({ path: "/hooks/a", origin: `${origin.url}/in-a` }),
            route({ path: "/hooks/b", origin: `${origin.url}/in-b`, originSigningSecret: "B_SIGNING" }),
          ],
          { ...good, B_SIGNING: B_SIGNING_SECRET },
        ),
      },
      "http-opt-in": {
        bindings: bindings([route({ origin: "http://origin.example/in", allowHttpOrigin: true })], good),
      },
    });
  });

  after(async () => {
    await workers?.dispose();
    await origin?.close();
  });

  const body = fixture("septiccycle/invoice.paid.json");

  test("each invalid configuration answers only 500 {error: invalid_config}, logs the problem, forwards nothing", async () => {
    for (const [name, [caseBindings]] of Object.entries(cases)) {
      const answer = await post(workers, name, "/hooks/septiccycle", body, sign("septiccycle", SECRET, body));
      assert.equal(answer.status, 500, name);
      assert.deepEqual(answer.json, { error: "invalid_config" }, `${name}: nothing more in the public answer`);
      const health = await workers.fetch(name, "/");
      assert.equal(health.status, 500, `${name}: GET / reports the broken configuration`);
      assert.deepEqual(await health.json(), { error: "invalid_config" }, name);
      for (const [key, value] of Object.entries(caseBindings)) {
        if (key !== "HOOKSEAL_ROUTES" && typeof value === "string" && value.length > 8) {
          assert.ok(!JSON.stringify(answer.json).includes(value), `${name}: no secret in the answer`);
        }
      }
    }
    assert.equal(origin.requests.length, 0, "nothing reaches the origin");
  });

  test("an invalid configuration is logged naming route and field, never a secret or the origin URL", async () => {
    const logs = await workers.settledLogs(2 * Object.keys(cases).length);
    const invalid = logs.filter((line) => line.outcome === "invalid_config");
    assert.ok(invalid.length >= 2 * Object.keys(cases).length);
    for (const [name, [, , problem]] of Object.entries(cases)) {
      assert.ok(invalid.some((line) => problem.test(line.detail)), `${name}: ${problem} in the log`);
    }
    const all = JSON.stringify(logs);
    assert.ok(!all.includes("s3cr3t-origin-token"), "the origin URL (and its token) is never logged");
    assert.ok(!all.includes("origin.example"), "the origin URL is never logged");
    assert.ok(!all.includes(ORIGIN_SIGNING_SECRET), "no secret in the log");
  });

  test("HOOKSEAL_ROUTES may be a TOML table (an object binding) as well as a JSON string", async () => {
    const answer = await post(workers, "toml-table", "/hooks/septiccycle", body, sign("septiccycle", SECRET, body));
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.equal(origin.requests.length, 1);
  });

  test("without deduplication (dedupeSeconds 0) no Durable Object is needed", async () => {
    origin.clear();
    for (let i = 0; i < 2; i += 1) {
      const answer = await post(workers, "no-dedupe-needed", "/hooks/septiccycle", body, sign("septiccycle", SECRET, body));
      assert.equal(answer.status, 200);
      assert.equal(answer.json.outcome, "forwarded");
    }
    assert.equal(origin.requests.length, 2, "both deliveries are forwarded");
  });

  test("a route with its own originSigningSecret is signed with it: the origin tells routes apart", async () => {
    origin.clear();
    const payload = Buffer.from('{"type":"per.route"}');
    for (const path of ["/hooks/a", "/hooks/b"]) {
      const answer = await post(workers, "per-route-signing", path, payload, sign("septiccycle", SECRET, payload));
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
    }
    const [a] = origin.to("/in-a");
    const [b] = origin.to("/in-b");
    assert.equal(checkSignature(ORIGIN_SIGNING_SECRET, a.headers, a.body), true, "/hooks/a: the default secret");
    assert.equal(checkSignature(B_SIGNING_SECRET, a.headers, a.body), false);
    assert.equal(checkSignature(B_SIGNING_SECRET, b.headers, b.body), true, "/hooks/b: its own secret");
    assert.equal(checkSignature(ORIGIN_SIGNING_SECRET, b.headers, b.body), false, "/hooks/b is not /hooks/a's");
  });

  test("an http:// origin that is not loopback is taken only with allowHttpOrigin", async () => {
    const health = await workers.fetch("http-opt-in", "/");
    assert.equal(health.status, 200);
    await health.text();
  });
});
