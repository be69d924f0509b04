// The package in real workerd (Miniflare), bundled the way Worker builds bundle it: esbuild with
// the `workerd` condition, the .wasm imported as a compiled module.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Webhook } from "hookseal";
import { Miniflare } from "miniflare";
import { loadCases } from "./support/vectors.mjs";

let mf;
let outdir;

before(async () => {
  outdir = await mkdtemp(join(tmpdir(), "hookseal-workerd-"));
  await build({
    entryPoints: [fileURLToPath(new URL("./support/workerd/worker.mjs", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    external: ["node:*"],
    loader: { ".wasm": "copy" },
    outdir,
    logLevel: "warning",
  });
  mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, "worker.js"),
    modulesRoot: outdir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-09-01",
    cf: false,
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  await rm(outdir, { recursive: true, force: true });
});

test("every shared vector gives the same result in workerd", async () => {
  const cases = await loadCases();
  const response = await mf.dispatchFetch("http://localhost/vectors", { method: "POST", body: JSON.stringify(cases) });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), []);
});

test("verifyRequest reads a Request in workerd, against the runtime's clock", async () => {
  const signer = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  const body = JSON.stringify({ type: "job.completed", emoji: "🚽" });
  const headers = signer.sign(body, { id: "msg_workerd_1" });
  const response = await mf.dispatchFetch("http://localhost/hook", { method: "POST", body, headers });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { id: "msg_workerd_1", event: JSON.parse(body) });
});

test("hookseal/events parses a verified message in workerd", async () => {
  const signer = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  const send = (body, query = "") =>
    mf.dispatchFetch(`http://localhost/events${query}`, { method: "POST", body, headers: signer.sign(body, { id: "msg_events" }) });
  const body = readFileSync(new URL("../../tests/fixtures/smartcomply/permit.expiring.json", import.meta.url), "utf8");
  const response = await send(body);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { type: "permit.expiring", data: JSON.parse(body).data });
  const extra = JSON.stringify({ ...JSON.parse(body), attempt: 2 });
  assert.equal((await send(extra)).status, 200);
  const strict = await send(extra, "?strict");
  assert.equal(strict.status, 422);
  assert.deepEqual(await strict.json(), { error: "unknown_field", path: "/attempt" });
});
