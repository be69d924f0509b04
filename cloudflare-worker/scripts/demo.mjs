// `make demo-worker`: the Worker under `wrangler dev` on 127.0.0.1 in front of a demo origin.
// Sends each vendor's signed sample event (tests/fixtures), a redelivery and a forged request
// through it, prints what the origin received; then a delivery through the queue surviving an
// origin outage (the origin down for the first two attempts); then the figures the operator's page
// (GET /admin/) shows, and its URL and the demo's admin token; then stays up (DEMO_ONCE=1: exits).
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
// Fresh secrets for every run (never the placeholders of .dev.vars.example, which the Worker
// refuses): the vendors' (the demo signs its samples with them), the origin signing secret (the
// demo origin verifies with it) and an admin token (the admin API is on while the demo runs).
const SECRETS = {
  SEPTICCYCLE_SECRET: randomBytes(24).toString("hex"),
  CARECYCLE_SECRET: `whsec_${randomBytes(24).toString("base64")}`,
  GITHUB_SECRET: randomBytes(24).toString("hex"),
  JOBS_SECRET: randomBytes(24).toString("hex"),
};
const ORIGIN_SIGNING_SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const ADMIN_TOKEN = randomBytes(24).toString("hex");
// The queue route's retry schedule: seconds between attempts (production default: about a day).
const RETRY_SCHEDULE = [1, 2, 4];

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
// The outage: the origin answers 503 to the first two attempts of each message on /orders.
origin.handle("/orders", (_, count) => ({ status: count <= 2 ? 503 : 200 }));
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
routes.push({
  path: "/hooks/carecycle-queued",
  scheme: "svix",
  secrets: ["CARECYCLE_SECRET"],
  origin: `${origin.url}/orders`,
  delivery: "queue",
  retrySchedule: RETRY_SCHEDULE,
});

const port = await freePort();
const inspectorPort = await freePort();
const state = mkdtempSync(join(tmpdir(), "hookseal-demo-"));
const logPath = join(state, "wrangler.log");
const logFile = createWriteStream(logPath);
const vars = { HOOKSEAL_ROUTES: JSON.stringify(routes), ORIGIN_SIGNING_SECRET, ADMIN_TOKEN, ...SECRETS };
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
      if (start >= 0) workerLogs.push(line.slice(start).trim().replace(/\x1b\[[0-9;]*m/g, ""));
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

// A delivery surviving an origin outage: a queue route answers 202 at once; the origin is down
// for the first two attempts; the queue retries on the route's schedule, each attempt re-signed
// with the same webhook-id.
const outageBody = fixture("carecycle/customer.updated.json");
const outageId = `msg_outage_${randomBytes(6).toString("hex")}`;
const outageStarted = Date.now();
const outageResponse = await fetch(`${base}/hooks/carecycle-queued`, {
  method: "POST",
  headers: {
    "content-type": "application/json",
    ...sign("svix", SECRETS.CARECYCLE_SECRET, outageBody, { id: outageId }),
  },
  body: outageBody,
});
const outageAnswer = await outageResponse.json();
const answeredIn = Date.now() - outageStarted;
const attemptsOf = () => received.filter((request) => request.path === "/orders");
const deadline = Date.now() + 30000;
while (!attemptsOf().some((request) => request.status === 200) && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const attempts = attemptsOf();
console.log(
  `\nA delivery surviving an origin outage: POST /hooks/carecycle-queued (delivery "queue", ` +
    `retrySchedule [${RETRY_SCHEDULE.join(", ")}] s)\nThe Worker answered ${outageResponse.status} ` +
    `${JSON.stringify(outageAnswer)} in ${answeredIn} ms; the origin is down for the first two attempts:\n`,
);
const outageRows = attempts.map((request, index) => [
  String(index + 1),
  `${((request.at - outageStarted) / 1000).toFixed(1)} s`,
  request.status === 200 ? "200 (up)" : `${request.status} (down)`,
  request.headers["webhook-id"] ?? "",
  request.oracle === "ok" && request.signatureOk ? "valid" : "INVALID",
  request.body.equals(outageBody) ? "exact" : "CHANGED",
]);
const outageHeader = ["attempt", "after", "origin answered", "webhook-id", "re-signature", "body"];
const outageWidths = outageHeader.map((title, i) => Math.max(title.length, ...outageRows.map((row) => row[i].length)));
const outageLine = (cells) => `| ${cells.map((cell, i) => cell.padEnd(outageWidths[i])).join(" | ")} |`;
console.log(outageLine(outageHeader));
console.log(`|${outageWidths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of outageRows) console.log(outageLine(row));
const survived =
  outageResponse.status === 202 &&
  attempts.length === 3 &&
  attempts.map((request) => request.status).join() === "503,503,200" &&
  attempts.every(
    (request) =>
      request.headers["webhook-id"] === outageId &&
      request.oracle === "ok" &&
      request.signatureOk &&
      request.body.equals(outageBody),
  );
console.log(
  survived
    ? `\nDelivered on attempt 3 with the same webhook-id (${outageId}) on every attempt: the origin deduplicates on it.`
    : "\nSOMETHING WENT WRONG with the queued delivery: see the table.",
);
ok &&= survived;

// The operator's page reads the same figures from the admin API: the delivery log is written
// about a second after the answers.
await new Promise((resolve) => setTimeout(resolve, 1500));
const page = await fetch(`${base}/admin/`);
const figures = await fetch(`${base}/admin/routes`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
const overview = figures.status === 200 ? await figures.json() : { routes: [] };
const figureRows = overview.routes.map((route) => [
  route.path,
  route.delivery,
  String(route.counts.accepted),
  String(route.counts.forwarded),
  String(route.counts.duplicate),
  Object.entries(route.counts.rejected)
    .map(([code, n]) => `${code} ${n}`)
    .join(", ") || "0",
  String(route.counts.failed),
  String(route.counts.retried),
]);
const figureHeader = ["route", "delivery", "accepted", "forwarded", "duplicate", "rejected", "failed", "retried"];
const figureWidths = figureHeader.map((title, i) => Math.max(title.length, ...figureRows.map((row) => row[i].length)));
const figureLine = (cells) => `| ${cells.map((cell, i) => cell.padEnd(figureWidths[i])).join(" | ")} |`;
console.log(`\nThe operator's page (GET /admin/: ${page.status}) shows, from GET /admin/routes (${figures.status}):\n`);
console.log(figureLine(figureHeader));
console.log(`|${figureWidths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of figureRows) console.log(figureLine(row));
const pageOk =
  page.status === 200 &&
  /frame-ancestors 'none'/.test(page.headers.get("content-security-policy") ?? "") &&
  figures.status === 200 &&
  overview.routes.find((route) => route.path === "/hooks/septiccycle")?.counts.rejected.no_matching_signature === 1 &&
  overview.routes.find((route) => route.path === "/hooks/github")?.counts.duplicate === 1;
if (!pageOk) console.log("\nSOMETHING WENT WRONG with the operator's page or its figures.");
ok &&= pageOk;

console.log("\nThe Worker's log lines:");
for (const entry of workerLogs.filter((entry) => !entry.includes('"outcome":"health"'))) {
  console.log(`  ${entry}`);
}
console.log(ok ? "\nEvery check passed." : "\nSOMETHING WENT WRONG: see the tables.");

// The playground next to the Worker, when it was built (`make demo` builds it first).
let playground;
try {
  playground = await servePlayground({ port: 0 });
  console.log(`\nThe playground:     ${playground.url}  (paste a webhook; signs test events)`);
} catch (error) {
  console.log(`\nThe playground is not built (make playground): ${error.message}`);
}

console.log(`\nThe operator's page: ${base}/admin/  admin token: ${ADMIN_TOKEN}`);
if (ONCE || !ok) {
  await stop(ok ? 0 : 1);
} else {
  console.log(`
The Worker is up:   ${base}/  (health)   POST ${base}/hooks/septiccycle, /hooks/carecycle,
                    /hooks/github, /hooks/jobs, /hooks/carecycle-queued (queue delivery)
The operator's page: ${base}/admin/  (paste the admin token: ${ADMIN_TOKEN})
The admin API:      curl -H "Authorization: Bearer ${ADMIN_TOKEN}" ${base}/admin/routes
The demo origin:    ${origin.url}/webhooks  (verifies the re-signature; each request is printed)
Demo secrets:
${Object.entries({ ...SECRETS, ORIGIN_SIGNING_SECRET, ADMIN_TOKEN })
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
