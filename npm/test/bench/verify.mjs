// Verification speed of hookseal vs the peers, side by side in one process, for bodies of 256 B,
// 1 KiB, 16 KiB and 1 MiB: medians of ops/s (per second of this process's CPU time) over several
// interleaved rounds, and ratios to hookseal. Then the
// browser entry's size next to svix's and standardwebhooks'. A measurement, never a test.
//   npm run bench   (in npm/)   or   make bench
import { createHmac, timingSafeEqual, webcrypto } from "node:crypto";
import { gzipSync } from "node:zlib";
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sign as octokitSign, verify as octokitVerify } from "@octokit/webhooks-methods";
import { build } from "esbuild";
import { Webhook } from "hookseal";
import { Webhook as StandardWebhook } from "standardwebhooks";
import Stripe from "stripe";
import { Webhook as SvixWebhook } from "svix";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const KEY = Buffer.from(SECRET.slice(6), "base64");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 150);

/** This process's CPU time in ms: unlike the wall clock, it does not count the time other
 * processes on a shared machine take from this one. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median ops/s of each of `runs` (sync or async) over ROUNDS rounds of about ROUND_MS of CPU
 * time each, the implementations taking turns within each round so that a slower stretch of
 * the machine falls on all of them alike. */
async function measure(runs) {
  const rates = runs.map(() => []);
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const [index, run] of runs.entries()) {
      let ops = 0;
      const start = cpuMs();
      let elapsed = 0;
      while (elapsed < ROUND_MS) {
        for (let i = 0; i < 16; i++) {
          const result = run();
          if (result instanceof Promise) await result;
        }
        ops += 16;
        elapsed = cpuMs() - start;
      }
      if (round > 0) rates[index].push((ops / elapsed) * 1000); // round 0 warms up
    }
  }
  return rates.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

function body(size) {
  const text = JSON.stringify({ type: "job.completed", data: { note: "" } });
  return text.replace('"note":""', `"note":"${"x".repeat(Math.max(0, size - text.length))}"`);
}

async function standardWebhooksRow(size) {
  const payload = body(size);
  const bytes = Buffer.from(payload);
  const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const now = new Date();
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers = new Webhook(SECRET).sign(payload, { id, timestamp: Number(timestamp) });
  const signature = Buffer.from(headers["webhook-signature"].slice(3), "base64");
  const hookseal = new Webhook(SECRET);
  const svix = new SvixWebhook(SECRET);
  const standard = new StandardWebhook(SECRET);
  const cryptoKey = await webcrypto.subtle.importKey("raw", KEY, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const prefix = Buffer.from(`${id}.${timestamp}.`);
  const content = Buffer.concat([prefix, bytes]);
  // Each check must pass, or the numbers mean nothing.
  hookseal.verify(payload, headers);
  svix.verify(payload, headers);
  standard.verify(payload, headers);
  return [
    ["hookseal verify (string body)", () => hookseal.verify(payload, headers)],
    ["hookseal verify (Buffer body)", () => hookseal.verify(bytes, headers)],
    ["svix Webhook.verify", () => svix.verify(payload, headers)],
    ["standardwebhooks verify", () => standard.verify(payload, headers)],
    ["node:crypto createHmac + timingSafeEqual", () => {
      const expected = createHmac("sha256", KEY).update(`${id}.${timestamp}.`).update(payload).digest();
      if (!timingSafeEqual(expected, signature)) throw new Error("mismatch");
    }],
    ["WebCrypto subtle.verify (async)", async () => {
      if (!(await webcrypto.subtle.verify("HMAC", cryptoKey, signature, content))) throw new Error("mismatch");
    }],
  ];
}

async function githubRow(size) {
  const secret = "It's a Secret to Everybody";
  const payload = body(size);
  const signature = await octokitSign(secret, payload);
  const hookseal = new Webhook(secret, { scheme: "github" });
  const headers = { "x-hub-signature-256": signature };
  hookseal.verify(payload, headers);
  return [
    ["hookseal verify, scheme github", () => hookseal.verify(payload, headers)],
    ["@octokit/webhooks-methods verify (async)", async () => {
      if (!(await octokitVerify(secret, payload, signature))) throw new Error("mismatch");
    }],
  ];
}

async function stripeRow(size) {
  const secret = "whsec_stripe_bench_secret";
  const stripe = new Stripe("sk_test_bench");
  const payload = body(size);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  const hookseal = new Webhook(secret, { scheme: "stripe" });
  const headers = { "stripe-signature": header };
  return [
    ["hookseal verify + JSON.parse, scheme stripe", () => hookseal.verify(payload, headers).json()],
    ["stripe webhooks.constructEvent (parses JSON)", () => stripe.webhooks.constructEvent(payload, header, secret)],
  ];
}

const fmt = (n) => (n >= 1e5 ? `${(n / 1000).toFixed(0)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));

for (const [title, makeRow] of [
  ["Standard Webhooks verify", standardWebhooksRow],
  ["GitHub X-Hub-Signature-256 verify", githubRow],
  ["Stripe verify", stripeRow],
]) {
  console.log(`\n## ${title} (median of ${ROUNDS} rounds; ratio = hookseal's speed / theirs, for each hookseal row in turn)`);
  console.log(`| implementation | ${[256, 1024, 16384, 1048576].map((s) => (s >= 1024 ? `${s / 1024} KiB` : `${s} B`)).join(" | ")} |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  const table = new Map();
  for (const size of [256, 1024, 16384, 1048576]) {
    const row = await makeRow(size);
    const rates = await measure(row.map(([, run]) => run));
    for (const [index, [name]] of row.entries()) {
      if (!table.has(name)) table.set(name, []);
      table.get(name).push(rates[index]);
    }
  }
  // Every hookseal row (string and Buffer bodies) is compared with every other row.
  const references = [...table].filter(([name]) => name.startsWith("hookseal")).map(([, rates]) => rates);
  for (const [name, rates] of table) {
    const cells = rates.map((rate, i) => (references.includes(rates)
      ? `${fmt(rate)} ops/s`
      : `${fmt(rate)} ops/s (${references.map((reference) => `${(reference[i] / rate).toFixed(2)}x`).join(" / ")})`));
    console.log(`| ${name} | ${cells.join(" | ")} |`);
  }
}

// Size of what a browser downloads: the entry, its glue and the wasm, minified, gzip -9. Code an
// entry imports dynamically (diagnose's module) is a chunk of its own, counted apart: a page
// downloads it only when it asks for it.
async function bundleSize(entry) {
  const result = await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL("..", import.meta.url)) },
    bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent",
    splitting: true, metafile: true, outdir: "/tmp/hookseal-bench-bundle",
  });
  const outputs = result.metafile.outputs;
  // What the page loads at once: the entry's output and what it imports statically.
  const initial = new Set();
  const visit = (path) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const { path: imported, kind } of outputs[path].imports) if (kind === "import-statement") visit(imported);
  };
  visit(Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined));
  const size = { raw: 0, gzip: 0, lazyRaw: 0, lazyGzip: 0 };
  for (const file of result.outputFiles) {
    const path = relative(process.cwd(), file.path);
    const lazy = !initial.has(path);
    size[lazy ? "lazyRaw" : "raw"] += file.contents.length;
    size[lazy ? "lazyGzip" : "gzip"] += gzipSync(file.contents, { level: 9 }).length;
  }
  return size;
}
const wasmSize = (dir) => {
  const wasm = readFileSync(fileURLToPath(new URL(`../node_modules/hookseal/dist/${dir}/hookseal_bg.wasm`, import.meta.url)));
  return { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log("\n## Browser entry size (minified, gzip -9)");
console.log("| package | raw | gzip -9 |\n| --- | --- | --- |");
let diagnoseJs;
for (const [name, entry, dir] of [["hookseal", "hookseal", "web"], ["hookseal/asymmetric", "hookseal/asymmetric", "asymmetric"]]) {
  const js = await bundleSize(`export * from "${entry}";`);
  const wasm = wasmSize(dir);
  diagnoseJs ??= js;
  console.log(`| ${name} (JS ${kb(js.gzip)} + wasm ${kb(wasm.gzip)}) | ${kb(js.raw + wasm.raw)} | ${kb(js.gzip + wasm.gzip)} |`);
}
if (existsSync(fileURLToPath(new URL("../node_modules/hookseal/dist/diagnose", import.meta.url)))) {
  const wasm = wasmSize("diagnose");
  console.log(`| + diagnose's module, on loadDiagnose() (JS ${kb(diagnoseJs.lazyGzip)} + wasm ${kb(wasm.gzip)}) | ${kb(diagnoseJs.lazyRaw + wasm.raw)} | ${kb(diagnoseJs.lazyGzip + wasm.gzip)} |`);
}
for (const [name, entry] of [
  ["svix (Webhook only)", 'export { Webhook } from "svix";'],
  ["standardwebhooks", 'export { Webhook } from "standardwebhooks";'],
]) {
  const size = await bundleSize(entry);
  console.log(`| ${name} | ${kb(size.raw + size.lazyRaw)} | ${kb(size.gzip + size.lazyGzip)} |`);
}
