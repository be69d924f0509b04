// The shared vectors through the installed package's Node ES module entry.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as api from "hookseal";
import { loadCases, runCases } from "./support/vectors.mjs";

test("every shared vector gives the same result through `import`", async () => {
  const cases = await loadCases();
  assert.ok(cases.length >= 220, `only ${cases.length} cases`);
  assert.deepEqual(runCases(api, cases), []);
});

test("import and require share one instance", async () => {
  const { createRequire } = await import("node:module");
  const required = createRequire(import.meta.url)("hookseal");
  assert.equal(required.Webhook, api.Webhook);
});
