// `make demo-worker`: the Worker under `wrangler dev` on 127.0.0.1 in front of a demo origin.
// Sends each vendor's signed sample event (tests/fixtures), a redelivery and a forged request
// through it, prints what the origin received, then stays up (DEMO_ONCE=1: exits).
// Nothing leaves localhost.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { servePlayground } from "../../npm/playground/serve.mjs";
import { startOrigin } from "../test/support/origin.mjs";
import { WORKER_DIR, fixture, sign } from "../test/support/sign.mjs";

const ONCE = process.env.DEMO_ONCE === "1";
const SECRETS = {
  SEPTICCYCLE_SECRET: "septiccycle-demo-secret",
  CARECYCLE_SECRET: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
  GITHUB_SECRET: "It's a Secret to Everybody",
  JOBS_SECRET: "jobs-demo-secret",
};
// A fresh origin signing secret for every run: the origin verifies with the same one.
const ORIGIN_SIGNING_SECRET = `whsec_${randomBytes(24).toString("base64")}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      await response.text();
      if (response.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the Worker did not answer on ${url} within ${seconds} s`);
}

const received = [];
const origin = await startOrigin({
  secret: ORIGIN_SIGNING_SECRET,
  log: (request) => received.push(request),
});
const routes = [
  ["/hooks/septiccycle", "septiccycle", "SEPTICCYCLE_SECRET"],
  ["/hooks/carecycle", "svix", "CARECYCLE_SECRET"],
  ["/hooks/github", "github", "GITHUB_SECRET"],
  ["/hooks/jobs", "x-webhook-signature", "JOBS_SECRET"],
].map(([path, scheme, secret]) => ({
  path,
  scheme,
  secrets: [secret],
  origin: `${origin.url}/webhooks`,
}));

const port = await freePort();
const inspectorPort = await freePort();
const state = mkdtempSync(join(tmpdir(), "hookseal-demo-"));
const logPath = join(state, "wrangler.log");
const logFile = createWriteStream(logPath);
const vars = { HOOKSEAL_ROUTES: JSON.stringify(routes), ORIGIN_SIGNING_SECRET, ...SECRETS };
const wrangler = spawn(
  join(WORKER_DIR, "node_modules", ".bin", "wrangler"),
  [
    "dev",
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    join(state, "state"),
    "--show-interactive-dev-session=false",
    "--log-level",
    "log",
    ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
  ],
  { cwd: WORKER_DIR, detached: true, stdio: ["ignore", "pipe", "pipe"], env: process.env },
);
const workerLogs = [];
for (const stream of [wrangler.stdout, wrangler.stderr]) {
  stream.pipe(logFile, { end: false });
  stream.on("data", (chunk) => {
    for (const line of chunk.toString().split("\n")) {
      const start = line.indexOf('{"path"');
      if (start >= 0) workerLogs.push(line.slice(start).trim());
    }
  });
}

let stopped = false;
async function stop(code) {
  if (stopped) return;
  stopped = true;
  const signal = (name) => {
    try {
      process.kill(-wrangler.pid, name); // wrangler's process group: wrangler and its workerd
    } catch {
      // already gone
    }
  };
  const exited = new Promise((resolve) => wrangler.once("exit", resolve));
  signal("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  signal("SIGKILL");
  await origin.close();
  playground?.server.close();
  rmSync(state, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const base = `http://127.0.0.1:${port}`;
try {
  console.log(`Starting the Worker with wrangler dev on ${base} (log: ${logPath}) ...`);
  await waitFor(`${base}/`, wrangler, 120);
} catch (error) {
  console.error(String(error));
  console.error(`wrangler's output is in ${logPath}`);
  await stop(1);
}

const githubPush = fixture("github/push.json");
const githubHeaders = sign("github", SECRETS.GITHUB_SECRET, githubPush, { eventType: "push" });
const invoice = fixture("septiccycle/invoice.paid.json");
const deliveries = [
  ["SepticCycle job.completed", "/hooks/septiccycle", "septiccycle", "SEPTICCYCLE_SECRET", "septiccycle/job.completed.json"],
  ["careCycle customer.updated", "/hooks/carecycle", "svix", "CARECYCLE_SECRET", "carecycle/customer.updated.json"],
  ["GitHub push", "/hooks/github", null, null, githubPush, githubHeaders],
  ["jobs job.created", "/hooks/jobs", "x-webhook-signature", "JOBS_SECRET", "job-events/job.created.json", { eventType: "job.created" }],
  ["GitHub push, redelivered", "/hooks/github", null, null, githubPush, githubHeaders],
  ["forged SepticCycle invoice", "/hooks/septiccycle", "septiccycle", null, invoice],
].map(([label, path, scheme, secret, file, extra = {}]) => {
  const body = Buffer.isBuffer(file) ? file : fixture(file);
  let headers;
  if (scheme === null) headers = extra;
  else if (secret === null) headers = sign(scheme, "not-the-secret", body);
  else headers = sign(scheme, SECRETS[secret], body, extra);
  return { label, path, body, headers };
});

const rows = [];
let ok = true;
for (const delivery of deliveries) {
  const before = received.length;
  const response = await fetch(`${base}${delivery.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...delivery.headers },
    body: delivery.body,
  });
  const answer = await response.json();
  const got = received.slice(before);
  const request = got[0];
  const headers = request?.headers ?? {};
  const event =
    headers["x-github-event"] ?? headers["x-webhook-event"] ?? JSON.parse(delivery.body).event ?? JSON.parse(delivery.body).type ?? "";
  rows.push([
    delivery.label,
    `${response.status} ${answer.outcome ?? answer.error}`,
    request ? "yes" : "no",
    headers["x-hookseal-scheme"] ?? "",
    request ? String(event) : "",
    headers["webhook-id"] ?? "",
    request ? (request.oracle === "ok" && request.signatureOk ? "valid" : "INVALID") : "",
    request ? (request.body.equals(delivery.body) ? "exact" : "CHANGED") : "",
  ]);
  const forged = delivery.label.startsWith("forged");
  const duplicate = delivery.label.endsWith("redelivered");
  const expectedStatus = forged ? 401 : 200;
  const expectedRequests = forged || duplicate ? 0 : 1;
  if (
    response.status !== expectedStatus ||
    got.length !== expectedRequests ||
    (request && !(request.oracle === "ok" && request.signatureOk && request.body.equals(delivery.body)))
  ) {
    ok = false;
  }
}

const header = ["sent", "Worker answered", "origin got it", "scheme", "event", "webhook-id", "re-signature", "body"];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
console.log("\nWhat the origin received (verified with the standardwebhooks package and node:crypto):\n");
console.log(line(header));
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
await new Promise((resolve) => setTimeout(resolve, 300));
console.log("\nThe Worker's log lines:");
for (const entry of workerLogs.filter((entry) => !entry.includes('"outcome":"health"'))) {
  console.log(`  ${entry}`);
}
console.log(ok ? "\nEvery check passed." : "\nSOMETHING WENT WRONG: see the table.");

// The playground next to the Worker, when it was built (`make demo` builds it first).
let playground;
try {
  playground = await servePlayground({ port: 0 });
  console.log(`\nThe playground:     ${playground.url}  (paste a webhook; signs test events)`);
} catch (error) {
  console.log(`\nThe playground is not built (make playground): ${error.message}`);
}

if (ONCE || !ok) {
  await stop(ok ? 0 : 1);
} else {
  console.log(`
The Worker is up:   ${base}/  (health)   POST ${base}/hooks/septiccycle, /hooks/carecycle,
                    /hooks/github, /hooks/jobs
The demo origin:    ${origin.url}/webhooks  (verifies the re-signature; each request is printed)
Demo secrets:
${Object.entries({ ...SECRETS, ORIGIN_SIGNING_SECRET })
  .map(([key, value]) => `  ${key.padEnd(22)} ${value}`)
  .join("\n")}
Press Ctrl-C to stop.`);
  origin.requests.length = 0;
  const printed = new Set(received);
  setInterval(() => {
    for (const request of received) {
      if (printed.has(request)) continue;
      printed.add(request);
      console.log(
        `origin <- ${request.headers["x-hookseal-route"]} webhook-id=${request.headers["webhook-id"]} ` +
          `signature=${request.oracle === "ok" ? "valid" : "INVALID"} ${request.body.length} bytes`,
      );
    }
  }, 200);
}
