// Time and memory of `diagnose` on adversarial bodies (issue #9 §3): each shape in a fresh child
// process, so that its peak resident memory is its own. A measurement, never a test.
//   node bench/diagnose.mjs [sizeKiB...]   (in npm/test; default 16 256 1024)
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { adversarialBodies } from "../support/bodies.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

if (process.argv[2] === "--child") {
  const [, , , shape, kib] = process.argv;
  const { Webhook } = await import("hookseal");
  const wh = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  const headers = wh.sign("{}", { id: "msg_1", timestamp: 1_700_000_000 });
  const body = adversarialBodies(Number(kib) * 1024)[shape];
  const before = process.resourceUsage().maxRSS;
  const times = [];
  let outcome = "";
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    try {
      const diagnosis = wh.diagnose(body, headers, { now: 1_700_000_000 });
      outcome = diagnosis.error?.code ?? "valid";
    } catch (error) {
      outcome = `threw ${error.name}: ${error.code ?? error.message}`;
      times.push(performance.now() - start);
      break;
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const peak = (process.resourceUsage().maxRSS - before) / 1024;
  console.log(JSON.stringify({ median: times[times.length >> 1], peak, outcome, runs: times.length }));
} else {
  const sizes = process.argv.slice(2).map(Number);
  console.log("| shape | size | median ms | peak extra RSS MiB | outcome |\n| --- | --- | --- | --- | --- |");
  for (const kib of sizes.length ? sizes : [16, 256, 1024]) {
    for (const shape of Object.keys(adversarialBodies(16))) {
      let line;
      try {
        const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", shape, String(kib)], {
          encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"],
        });
        const { median, peak, outcome, runs } = JSON.parse(out);
        line = `| ${shape} | ${kib} KiB | ${median.toFixed(1)}${runs < RUNS ? ` (${runs} run)` : ""} | ${peak.toFixed(0)} | ${outcome} |`;
      } catch (error) {
        line = `| ${shape} | ${kib} KiB | — | — | ${error.signal ?? `exit ${error.status}`}: ${String(error.stderr).split("\n").find((l) => /Error/.test(l)) ?? ""} |`;
      }
      console.log(line);
    }
  }
}
