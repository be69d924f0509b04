// `make bench-worker`: local load, 127.0.0.1 only, bounded in count and time. Requests/s and
// p50/p99 latency straight to the origin stub vs through the Worker (real workerd via Miniflare,
// with and without deduplication, with and without the delivery log of the operator's page), for
// 1 KiB and 64 KiB bodies; and the bundle size.
// Measurements, never pass/fail: a shared 2-core machine is noisy, compare within one run.
//
// Durable Object storage: local workerd keeps each object's SQLite database in a directory and
// fsyncs it at every commit, on the same thread that runs the Worker, so on a disk each write
// stalls every request for as long as the disk takes (milliseconds when other jobs write too):
// a write made after the answer would still be charged to the next request. Production runs
// objects elsewhere. So the databases go to tmpfs (/dev/shm) when there is one, and the SQLite
// work and the round trips are measured, not this machine's disk. BENCH_DO_STORAGE=disk keeps
// them on disk, as before.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { Miniflare } from "miniflare";
import { startOrigin } from "../test/support/origin.mjs";
import { sign } from "../test/support/sign.mjs";
import {
  ADMIN_TOKEN,
  BUILD_DIR,
  COMPATIBILITY_DATE,
  ORIGIN_SIGNING_SECRET,
  workerOptions,
} from "../test/support/worker.mjs";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon");

const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 1000); // requests per measured run
const WARMUP = 200;
// BENCH_QUICK=1: 1 KiB at 1 connection only.
const QUICK = process.env.BENCH_QUICK === "1";
// At one connection, requests are paced (BENCH_RATE per second; 0: back to back): a sender's
// view, where work the Worker does after answering (waitUntil) is done before the next webhook
// comes, as it is in production, where Durable Objects run apart from the Worker. Back to back,
// on local workerd's one thread, that work would delay the next request and p50 would only
// measure CPU time per request (which the 8-connection rows show as req/s).
const RATE = Number(process.env.BENCH_RATE ?? 200);
// BENCH_BASELINE=<a build directory> (index.js and index_bg.wasm of another commit, copied
// aside): its rows are measured in the same rounds, interleaved, for a before/after that the
// machine's noise hits alike.
const BASELINE = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : undefined;
const STORAGE = process.env.BENCH_DO_STORAGE ?? (existsSync("/dev/shm") ? "tmpfs" : "disk");
const storageDir = STORAGE === "tmpfs" ? mkdtempSync("/dev/shm/hookseal-bench-") : undefined;
const CONCURRENCY = QUICK ? [1] : [1, 8];
const SIZES = [
  ["1 KiB", 1024],
  ["64 KiB", 64 * 1024],
].slice(0, QUICK ? 1 : 2);

function jsonBody(size) {
  const prefix = '{"type":"bench.event","data":"';
  const suffix = '"}';
  const filler = randomBytes(size).toString("base64").slice(0, size - prefix.length - suffix.length);
  return Buffer.from(prefix + filler + suffix);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * Runs `amount` requests with `connections` connections; every request gets its own headers.
 * Latencies come from autocannon's per-response timings (sub-millisecond; its own histogram
 * rounds to whole milliseconds), requests/s from the wall time of the run.
 */
function run(url, body, connections, amount, headersFor) {
  const paced = connections === 1 && RATE > 0 ? { overallRate: RATE } : {};
  let next = 0;
  const latencies = [];
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: "POST",
        body,
        connections,
        amount,
        ...paced,
        timeout: 10,
        headers: { "content-type": "application/json" },
        requests: [
          {
            setupRequest(request) {
              const headers = headersFor(next);
              next += 1;
              return { ...request, headers: { ...request.headers, ...headers } };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (last - started) / 1000;
        latencies.sort((a, b) => a - b);
        return resolve({
          failed: result.non2xx + result.errors + result.timeouts,
          perSecond: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      last = performance.now();
    });
    // Bounded in time too, whatever happens.
    const guard = setTimeout(() => instance.stop(), 60_000);
    instance.on("done", () => clearTimeout(guard));
  });
}

const origin = await startOrigin({ record: false });
const routes = [
  { path: "/hooks/dedupe", scheme: "svix", secrets: ["SECRET"], origin: `${origin.url}/ok` },
  {
    path: "/hooks/nodedupe",
    scheme: "svix",
    secrets: ["SECRET"],
    origin: `${origin.url}/ok`,
    dedupeSeconds: 0,
  },
];
/**
 * The built Worker in `buildDir` on its own port, with the routes above. `log`: with ADMIN_TOKEN,
 * so the delivery log the operator's page reads is kept (the admin API also needs the queue, the
 * dead-letter store and R2 bound).
 */
async function startHookseal(buildDir, storage, { log = false } = {}) {
  const mf = new Miniflare({
    cf: false,
    host: "127.0.0.1",
    port: 0,
    ...(storage ? { durableObjectsPersist: storage } : {}),
    ...workerOptions("bench", {
      buildDir,
      queue: log,
      bindings: {
        HOOKSEAL_ROUTES: JSON.stringify(routes),
        ORIGIN_SIGNING_SECRET,
        SECRET,
        ...(log ? { ADMIN_TOKEN } : {}),
      },
    }),
    // The Worker's one log line per request would dominate the output.
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
  return { mf, url: (await mf.ready).toString().replace(/\/$/, "") };
}
const hookseal = await startHookseal(BUILD_DIR, storageDir && join(storageDir, "build"));
const workerUrl = hookseal.url;
// The same build with the delivery log on: what the operator's page costs the request path.
const logged = await startHookseal(BUILD_DIR, storageDir && join(storageDir, "logged"), { log: true });
const baseline = BASELINE
  ? await startHookseal(BASELINE, storageDir && join(storageDir, "baseline"))
  : undefined;
// The floor: a plain JavaScript Worker in the same workerd that reads the body and forwards it,
// doing nothing else. What hookseal adds is the difference to this row.
const floor = new Miniflare({
  cf: false,
  host: "127.0.0.1",
  port: 0,
  modules: true,
  compatibilityDate: COMPATIBILITY_DATE,
  bindings: { ORIGIN: `${origin.url}/ok` },
  script: `export default {
    async fetch(request, env) {
      const body = await request.arrayBuffer();
      const response = await fetch(env.ORIGIN, {
        method: "POST",
        headers: { "content-type": request.headers.get("content-type") ?? "" },
        body,
      });
      await response.arrayBuffer();
      return new Response(JSON.stringify({ outcome: "forwarded" }), { status: response.status });
    },
  };`,
});
const floorUrl = (await floor.ready).toString().replace(/\/$/, "");

const targets = [
  ["origin stub directly", `${origin.url}/ok`, false],
  ["plain JS pass-through Worker (floor)", floorUrl, false],
  ["hookseal, dedupe off (verify, re-sign, forward)", `${workerUrl}/hooks/nodedupe`, true],
  ["hookseal (verify, dedupe, re-sign, forward)", `${workerUrl}/hooks/dedupe`, true],
  ["hookseal, dedupe off, delivery log on", `${logged.url}/hooks/nodedupe`, true],
  ["hookseal, delivery log on", `${logged.url}/hooks/dedupe`, true],
  ...(baseline
    ? [
        ["baseline: hookseal, dedupe off", `${baseline.url}/hooks/nodedupe`, true],
        ["baseline: hookseal", `${baseline.url}/hooks/dedupe`, true],
      ]
    : []),
];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const rows = [];
let failures = 0;
for (const [sizeName, size] of SIZES) {
  const body = jsonBody(size);
  const now = Math.floor(Date.now() / 1000);
  for (const connections of CONCURRENCY) {
    // Each round runs every target once, in turn, so that a noisy moment hits them all; the table
    // shows the median of the rounds.
    const results = new Map(targets.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, url, signed] of targets) {
        // Pre-signed, so that signing costs the load generator nothing during the run; every
        // request is a new message (a fresh id), so deduplication never short-cuts the forward.
        const total = WARMUP + AMOUNT;
        const headers = signed
          ? Array.from({ length: total }, () =>
              sign("svix", SECRET, body, { id: `msg_${randomUUID()}`, timestamp: now }),
            )
          : [];
        const headersFor = (i) => (signed ? headers[i % total] : {});
        await run(url, body, connections, WARMUP, headersFor);
        const result = await run(url, body, connections, AMOUNT, (i) => headersFor(i + WARMUP));
        failures += result.failed;
        results.get(name).push(result);
      }
    }
    const p50Of = (name) => median(results.get(name).map((result) => result.p50));
    const direct = p50Of(targets[0][0]);
    const floorP50 = p50Of(targets[1][0]);
    for (const [name, , signed] of targets) {
      const runs = results.get(name);
      const p50 = p50Of(name);
      rows.push([
        sizeName,
        String(connections),
        name,
        String(Math.round(median(runs.map((result) => result.perSecond)))),
        p50.toFixed(2),
        median(runs.map((result) => result.p99)).toFixed(2),
        name === targets[0][0] ? "" : `+${(p50 - direct).toFixed(2)}`,
        signed ? `+${(p50 - floorP50).toFixed(2)}` : "",
        `${(p50 / direct).toFixed(1)}x`,
        String(runs.reduce((sum, result) => sum + result.failed, 0)),
      ]);
    }
  }
}
await hookseal.mf.dispose();
await logged.mf.dispose();
await baseline?.mf.dispose();
await floor.dispose();
await origin.close();
if (storageDir) rmSync(storageDir, { recursive: true, force: true });

const header = [
  "body",
  "conns",
  "path",
  "req/s",
  "p50 ms",
  "p99 ms",
  "vs direct (p50)",
  "vs floor (p50)",
  "p50 / direct",
  "errors",
];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
console.log(
  `\nStandard Webhooks (svix) routes; medians of ${ROUNDS} rounds of ${AMOUNT} requests ` +
    `(after ${WARMUP} warm-up) per target; Durable Object storage on ${STORAGE}; one connection ` +
    `${RATE > 0 ? `paced at ${RATE} requests/s` : "back to back"}, eight back to back:\n`,
);
console.log(line(header));
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));

const wasm = readFileSync(join(BUILD_DIR, "index_bg.wasm"));
const js = readFileSync(join(BUILD_DIR, "index.js"));
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
console.log("\nDeployable bundle (build/):\n");
console.log(`| file | raw | gzip -9 |\n|---|---|---|`);
console.log(`| index_bg.wasm | ${kb(wasm.length)} | ${kb(gz(wasm))} |`);
console.log(`| index.js | ${kb(js.length)} | ${kb(gz(js))} |`);
console.log(`| total | ${kb(wasm.length + js.length)} | ${kb(gz(wasm) + gz(js))} |`);
const at1 = (prefix) => rows.find((row) => row[0] === "1 KiB" && row[1] === "1" && row[2].startsWith(prefix));
console.log(
  `\nTarget: the Worker adds < 1 ms at p50 for 1 KiB. At 1 connection, over the plain pass-through ` +
    `Worker: ${at1("hookseal, dedupe off")?.[7]} ms without dedupe, ${at1("hookseal (")?.[7]} ms with ` +
    `dedupe; over the direct path: ${at1("hookseal, dedupe off")?.[6]} / ${at1("hookseal (")?.[6]} ms.`,
);
const p50At1 = (name) =>
  Number(rows.find((row) => row[0] === "1 KiB" && row[1] === "1" && row[2] === name)?.[4]);
console.log(
  `Deduplication (1 KiB, 1 connection) adds ` +
    `${(p50At1(targets[3][0]) - p50At1(targets[2][0])).toFixed(2)} ms at p50 over dedupe off ` +
    `(target: one Durable Object round trip on the request path, <= 0.8 ms).`,
);
console.log(
  `The delivery log (the operator's page) adds ` +
    `${(p50At1(targets[4][0]) - p50At1(targets[2][0])).toFixed(2)} ms at p50 without dedupe and ` +
    `${(p50At1(targets[5][0]) - p50At1(targets[3][0])).toFixed(2)} ms with it (1 KiB, 1 connection; ` +
    `target: nothing, it is written after the answers).`,
);
if (baseline) {
  console.log(
    `Baseline (${BASELINE}): deduplication adds ` +
      `${(p50At1("baseline: hookseal") - p50At1("baseline: hookseal, dedupe off")).toFixed(2)} ms at p50 ` +
      `over dedupe off, in the same rounds.`,
  );
}
console.log(`Target: bundle < 300 KB gzip. Measured: ${kb(gz(wasm) + gz(js))} (wasm + JS, gzip -9).`);
if (failures > 0) {
  console.error(`${failures} requests failed`);
  process.exit(1);
}
