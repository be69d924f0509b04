// `diagnose` on bodies built to make it slow (issue #9 §3): it used to re-indent deep nesting to
// depth × size bytes (16 KiB of `[`: 9 s and 1.9 GB; 40 KiB: a RuntimeError trap). Every body up
// to 1 MiB now diagnoses in milliseconds (medians: `node bench/diagnose.mjs`), and nothing but a
// WebhookVerificationError leaves the API.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Webhook, WebhookVerificationError } from "hookseal";
import { adversarialBodies } from "./support/bodies.mjs";

const NOW = 1_700_000_000;
const wh = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const headers = wh.sign("{}", { id: "msg_1", timestamp: NOW });

test("diagnose: 1 MiB adversarial bodies finish quickly, with bounded memory, and only WebhookVerificationErrors", () => {
  const rssBefore = process.memoryUsage().rss;
  for (const [shape, body] of Object.entries(adversarialBodies(1024 * 1024))) {
    const start = performance.now();
    let diagnosis;
    try {
      diagnosis = wh.diagnose(body, headers, { now: NOW });
    } catch (error) {
      assert.ok(error instanceof WebhookVerificationError, `${shape}: ${error}`);
      assert.fail(`${shape}: threw ${error.code}`);
    }
    const elapsed = performance.now() - start;
    assert.equal(diagnosis.error?.code, "no_matching_signature", shape);
    assert.deepEqual(diagnosis.hints, [], shape);
    assert.equal(diagnosis.signedContent.length, Buffer.byteLength(body) + "msg_1.1700000000.".length, shape);
    // Generous against a shared machine: the median is about 10 to 30 ms (bench/diagnose.mjs).
    assert.ok(elapsed < 2000, `${shape}: ${elapsed.toFixed(0)} ms`);
  }
  // The wasm memory grows to a few times the body and stays there (WebAssembly memory never
  // shrinks); the old diagnosis needed gigabytes for 16 KiB.
  const grown = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  assert.ok(grown < 256, `resident memory grew by ${grown.toFixed(0)} MiB`);
  // The instance still works afterwards.
  assert.equal(wh.diagnose("{}", headers, { now: NOW }).valid, true);
});
