// The shared vectors through the installed package's Node CommonJS entry.
const assert = require("node:assert/strict");
const { test } = require("node:test");
const api = require("hookseal");

test("every shared vector gives the same result through `require`", async () => {
  const { loadCases, runCases } = await import("./support/vectors.mjs");
  const cases = await loadCases();
  assert.ok(cases.length >= 220, `only ${cases.length} cases`);
  assert.deepEqual(runCases(api, cases), []);
});
