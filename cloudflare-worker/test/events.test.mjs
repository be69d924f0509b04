// Routes with "events": only verified messages of the listed event types reach the origin; the
// others are answered 200 {"outcome": "filtered"} and never forwarded, queued or claimed. The
// type is read from the verified body only: an unsigned event type header changes nothing.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startOrigin } from "./support/origin.mjs";
import { fixture, sign } from "./support/sign.mjs";
import { ORIGIN_SIGNING_SECRET, bindings, post, startWorkers, waitFor } from "./support/worker.mjs";

const SECRETS = {
  SMARTCOMPLY_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  SEPTIC_SECRET: "septiccycle-demo-secret",
  JOBS_SECRET: "job-events-demo-secret",
  CARECYCLE_SECRET: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
};

describe("event filters", () => {
  let origin;
  let workers;

  before(async () => {
    origin = await startOrigin({ secret: ORIGIN_SIGNING_SECRET });
    const routes = [
      {
        path: "/hooks/smartcomply",
        scheme: "standard-webhooks",
        secrets: ["SMARTCOMPLY_SECRET"],
        origin: `${origin.url}/smartcomply`,
        vendor: "smartcomply",
        events: ["test.failed", "permit.expiring"],
      },
      {
        path: "/hooks/septiccycle",
        scheme: "septiccycle",
        secrets: ["SEPTIC_SECRET"],
        origin: `${origin.url}/septiccycle`,
        vendor: "septiccycle",
        events: ["invoice.paid"],
        delivery: "queue",
      },
      {
        path: "/hooks/jobs",
        scheme: "x-webhook-signature",
        secrets: ["JOBS_SECRET"],
        origin: `${origin.url}/jobs`,
        vendor: "job-events",
        events: ["job.updated"],
      },
      // No filter: every verified message, as before.
      { path: "/hooks/carecycle", scheme: "svix", secrets: ["CARECYCLE_SECRET"], origin: `${origin.url}/carecycle` },
    ];
    workers = await startWorkers({ main: { bindings: bindings(routes, SECRETS), queue: true } });
  });

  after(async () => {
    await workers?.dispose();
    await origin?.close();
  });

  beforeEach(() => origin.clear());

  const deliver = (path, scheme, secret, body, options) => post(workers, "main", path, body, sign(scheme, secret, body, options));
  const smartcomply = (body) => deliver("/hooks/smartcomply", "standard-webhooks", SECRETS.SMARTCOMPLY_SECRET, body);
  /**
   * The last log line of `path`, once its detail is `detail` (a string or a RegExp): a line
   * arrives a moment after its answer, so the line there first may be the request before's.
   * After 5 s, whatever line is last (and the test's assertion says what differs).
   */
  const lastLog = async (path, detail) => {
    const last = () => workers.logs.filter((line) => line.path === path).at(-1);
    const matches = (line) =>
      line !== undefined && (typeof detail === "string" ? line.detail === detail : detail.test(line.detail ?? ""));
    await waitFor(() => matches(last()), { ms: 5000, what: `the log line of ${path}` }).catch(() => {});
    return last();
  };

  test("a listed event type is forwarded, byte for byte; another is answered filtered and never forwarded", async () => {
    const failed = fixture("smartcomply/test.failed.json");
    const forwarded = await smartcomply(failed);
    assert.equal(forwarded.status, 200);
    assert.equal(forwarded.json.outcome, "forwarded");
    assert.equal(origin.to("/smartcomply").length, 1);
    assert.deepEqual(origin.to("/smartcomply")[0].body, failed);
    assert.equal(origin.to("/smartcomply")[0].signatureOk, true);

    for (const name of ["test.submitted", "webhook.test", "assembly.due_soon"]) {
      const answer = await smartcomply(fixture(`smartcomply/${name}.json`));
      assert.equal(answer.status, 200, name);
      assert.deepEqual(answer.json, { outcome: "filtered" }, name);
    }
    assert.equal(origin.to("/smartcomply").length, 1);
    const expected = 'event type "assembly.due_soon" is not in the route\'s events';
    const log = await lastLog("/hooks/smartcomply", expected);
    assert.equal(log.outcome, "filtered");
    assert.equal(log.detail, expected);
  });

  test("verification comes first: a forged message of a listed type is 401", async () => {
    const body = fixture("smartcomply/permit.expiring.json");
    const headers = sign("standard-webhooks", "whsec_dGhlLXdyb25nLXNlY3JldC10aGUtd3Jvbmctb25l", body);
    const answer = await post(workers, "main", "/hooks/smartcomply", body, headers);
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.json, { error: "no_matching_signature" });
    assert.equal(origin.to("/smartcomply").length, 0);
  });

  test("the event type comes from the signed body, never from the unsigned X-Webhook-Event", async () => {
    const created = fixture("job-events/job.created.json");
    const updated = fixture("job-events/job.updated.json");
    // A genuine job.created, replayed with the header claiming the listed job.updated: filtered.
    const claimed = await deliver("/hooks/jobs", "x-webhook-signature", SECRETS.JOBS_SECRET, created, { eventType: "job.updated" });
    assert.deepEqual(claimed.json, { outcome: "filtered" });
    assert.equal(origin.to("/jobs").length, 0);
    // A genuine job.updated under a header claiming job.created: forwarded.
    const actual = await deliver("/hooks/jobs", "x-webhook-signature", SECRETS.JOBS_SECRET, updated, { eventType: "job.created" });
    assert.equal(actual.json.outcome, "forwarded");
    assert.deepEqual(origin.to("/jobs").map((request) => request.body), [updated]);
  });

  test("a body whose event type cannot be read without ambiguity is filtered", async () => {
    const bodies = [
      // Two keys: parsers disagree on which one counts.
      '{"id":"evt_1","type":"webhook.test","type":"test.failed","created_at":"2026-05-05T14:00:00Z","data":{}}',
      // Spelt with an escape.
      '{"id":"evt_1","type":"test\\u002efailed","created_at":"2026-05-05T14:00:00Z","data":{}}',
      '{"id":"evt_1","created_at":"2026-05-05T14:00:00Z","data":{"type":"test.failed"}}',
      '["test.failed"]',
    ];
    for (const body of bodies) {
      const answer = await smartcomply(Buffer.from(body));
      assert.deepEqual(answer.json, { outcome: "filtered" }, body);
    }
    assert.equal(origin.to("/smartcomply").length, 0);
    const expected = /^no event type read from the body: invalid_json at \/type: /;
    const log = await lastLog("/hooks/smartcomply", expected);
    assert.match(log.detail, expected);
  });

  test("on a queue route, a filtered message is answered 200 and not queued; a listed one is queued", async () => {
    const septic = (name) => deliver("/hooks/septiccycle", "septiccycle", SECRETS.SEPTIC_SECRET, fixture(`septiccycle/${name}.json`));
    const filtered = await septic("job.completed");
    assert.equal(filtered.status, 200);
    assert.deepEqual(filtered.json, { outcome: "filtered" });
    const queued = await septic("invoice.paid");
    assert.equal(queued.status, 202);
    assert.equal(queued.json.outcome, "queued");
    // The queued one arrives; the filtered one never does.
    for (let i = 0; i < 100 && origin.to("/septiccycle").length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(origin.to("/septiccycle").map((request) => request.body), [fixture("septiccycle/invoice.paid.json")]);
    // Filtered, not remembered: the same job.completed is filtered again, not a duplicate.
    assert.deepEqual((await septic("job.completed")).json, { outcome: "filtered" });
  });

  test("a route without events forwards every verified message", async () => {
    const body = fixture("carecycle/call.completed.json");
    const answer = await deliver("/hooks/carecycle", "svix", SECRETS.CARECYCLE_SECRET, body);
    assert.equal(answer.json.outcome, "forwarded");
    assert.equal(origin.to("/carecycle").length, 1);
  });
});
