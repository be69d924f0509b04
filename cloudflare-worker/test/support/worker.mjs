// Runs the built Worker (build/index.js + build/index_bg.wasm, made by `make worker`) in real
// workerd through Miniflare's JS API, offline (cf: false), and collects its JSON log lines.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { WORKER_DIR } from "./sign.mjs";

export const BUILD_DIR = join(WORKER_DIR, "build");
export const SCRIPT_PATH = join(BUILD_DIR, "index.js");
export const COMPATIBILITY_DATE = "2026-04-01";

/**
 * The signing secret the tests' Workers forward with (a Standard Webhooks test secret). None of
 * the vendor secrets of the tests: the Worker refuses a route whose secret is the same.
 */
export const ORIGIN_SIGNING_SECRET = "whsec_aG9va3NlYWwtdGVzdC1vcmlnaW4tc2lnbmluZyEh";

/** An admin token for the tests' Workers (ADMIN_TOKEN). */
export const ADMIN_TOKEN = "test-admin-token-5f0c2e9a7b3d4c1e8f6a";

/**
 * Queue options of Miniflare's local queues, per Worker: the delivery queue `<name>-deliveries`
 * (consumed by the same Worker; the queue's own retries as in wrangler.toml: `max_retries` 100,
 * then its dead-letter queue) and that dead-letter queue `<name>-deliveries-dlq`. Batches are
 * flushed after 50 ms (production: `max_batch_timeout` in wrangler.toml).
 */
export function queueOptions(name, { maxBatchSize = 100, maxBatchTimeout = 0.05 } = {}) {
  const deliveries = `${name}-deliveries`;
  return {
    // TEST_DELIVERY_QUEUE and TEST_DEAD_LETTER_QUEUE let a test put a message of its own (as
    // anything with write access to the queue could) into either queue.
    queueProducers: {
      HOOKSEAL_QUEUE: { queueName: deliveries },
      TEST_DELIVERY_QUEUE: { queueName: deliveries },
      TEST_DEAD_LETTER_QUEUE: { queueName: `${deliveries}-dlq` },
    },
    queueConsumers: {
      [deliveries]: { maxBatchSize, maxBatchTimeout, maxRetries: 100, deadLetterQueue: `${deliveries}-dlq` },
      [`${deliveries}-dlq`]: { maxBatchSize: 10, maxBatchTimeout, maxRetries: 100 },
    },
  };
}

/**
 * Miniflare's description of one Worker running the build (`buildDir`, default build/) with
 * `bindings`. `deliveryLog`: the class bound as the delivery log (null: none; by default with the
 * dead-letter store, as the admin API needs both). `queue`: with the
 * delivery queue and the dead-letter store (true, or queueOptions' options); `deadLetters`: the
 * class bound as the dead-letter store (null: none); `parked`: the R2 bucket for large bodies
 * (true: `<name>-parked`; "broken": an R2Bucket look-alike whose every call fails; false: none).
 */
export function workerOptions(
  name,
  {
    bindings,
    dedupe = true,
    queue = false,
    deadLetters = queue ? "HooksealDeadLetters" : null,
    parked = Boolean(queue),
    deliveryLog = deadLetters ? "HooksealDeliveryLog" : null,
    buildDir = BUILD_DIR,
  },
) {
  const durableObjects = {};
  if (dedupe) durableObjects.HOOKSEAL_DEDUPE = { className: "HooksealDedupe", useSQLite: true };
  if (deadLetters) durableObjects.HOOKSEAL_DEAD_LETTERS = { className: deadLetters, useSQLite: true };
  if (deliveryLog) durableObjects.HOOKSEAL_DELIVERY_LOG = { className: deliveryLog, useSQLite: true };
  return {
    name,
    modules: true,
    scriptPath: join(buildDir, "index.js"),
    modulesRoot: buildDir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings,
    durableObjects,
    ...(parked === true ? { r2Buckets: { HOOKSEAL_PARKED: `${name}-parked` } } : {}),
    ...(parked === "broken" ? { wrappedBindings: { HOOKSEAL_PARKED: { scriptName: BROKEN_R2 } } } : {}),
    ...(queue ? queueOptions(name, queue === true ? {} : queue) : {}),
  };
}

/** The Worker module behind `parked: "broken"`: an object named R2Bucket that always fails. */
const BROKEN_R2 = "hookseal-test-broken-r2";
const BROKEN_R2_WORKER = {
  name: BROKEN_R2,
  modules: [
    {
      type: "ESModule",
      path: "broken-r2.mjs",
      contents: `class R2Bucket {
        async put() { throw new Error("R2 is unavailable (test)"); }
        async get() { throw new Error("R2 is unavailable (test)"); }
        async delete() { throw new Error("R2 is unavailable (test)"); }
      }
      export default function () { return new R2Bucket(); }`,
    },
  ],
};

/**
 * Starts one workerd running a Worker per entry of `workers` ({ name: { bindings, dedupe } }).
 * Returns { fetch(name, path, init), logs, dispose() }; `logs` collects the Workers' JSON log
 * lines (parsed) in order. `listen: true`: the first Worker also answers on a port of 127.0.0.1,
 * whose base URL is `url` (for a browser).
 */
export async function startWorkers(workers, { listen = false } = {}) {
  if (!existsSync(SCRIPT_PATH)) {
    throw new Error(`${SCRIPT_PATH} is missing: run \`make worker\` first`);
  }
  const logs = [];
  const other = [];
  const collect = (stream, into) => {
    let pending = "";
    stream.on("data", (chunk) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) {
        const start = line.indexOf("{");
        if (start >= 0) {
          try {
            const parsed = JSON.parse(line.slice(start));
            if (parsed && typeof parsed === "object" && "outcome" in parsed) {
              logs.push(parsed);
              continue;
            }
          } catch {
            // not a log line of ours
          }
        }
        if (line.trim()) into.push(line);
      }
    });
  };
  const mf = new Miniflare({
    cf: false,
    ...(listen ? { host: "127.0.0.1", port: 0 } : {}),
    handleRuntimeStdio(stdout, stderr) {
      collect(stdout, other);
      collect(stderr, other);
    },
    workers: [
      ...Object.entries(workers).map(([name, options]) => workerOptions(name, options)),
      ...(Object.values(workers).some((options) => options.parked === "broken") ? [BROKEN_R2_WORKER] : []),
    ],
  });
  const ready = await mf.ready;
  const handles = new Map();
  return {
    url: listen ? ready.toString().replace(/\/$/, "") : undefined,
    logs,
    other,
    async fetch(name, path, init = {}) {
      if (!handles.has(name)) handles.set(name, await mf.getWorker(name));
      return handles.get(name).fetch(`http://hookseal.test${path}`, init);
    },
    /** The log lines written so far, once the last request's line has arrived. */
    async settledLogs(count) {
      for (let i = 0; i < 100 && logs.length < count; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return logs;
    },
    /** Miniflare itself (for queue producers and the like). */
    mf,
    dispose: () => mf.dispose(),
  };
}

/** Waits until `check()` returns a truthy value (polled every `every` ms), at most `ms`. */
export async function waitFor(check, { ms = 30000, every = 100, what = "the condition" } = {}) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** An admin API request to Worker `name`: { status, json, headers }. */
export async function admin(workers, name, method, path, { token = ADMIN_TOKEN, headers = {} } = {}) {
  const response = await workers.fetch(name, path, {
    method,
    headers: token === null ? headers : { authorization: `Bearer ${token}`, ...headers },
  });
  return answer(response);
}

/** A response as `{ status, json, headers }`; `json` is the text when the body is not JSON. */
async function answer(response) {
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

/** Every dead letter of Worker `name` (of `route`, when given), following the pages. */
export async function deadLetters(workers, name, route) {
  const all = [];
  let after = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: "500", after: String(after) });
    if (route) query.set("route", route);
    const page = await admin(workers, name, "GET", `/admin/dead-letters?${query}`);
    if (page.status !== 200) throw new Error(`listing dead letters: ${page.status} ${JSON.stringify(page.json)}`);
    all.push(...page.json.deadLetters);
    if (page.json.next === null) return all;
    after = page.json.next;
  }
}

/** Bindings for a Worker with `routes` and `secrets` (name to value), signing secret included. */
export function bindings(routes, secrets = {}) {
  return {
    HOOKSEAL_ROUTES: typeof routes === "string" ? routes : JSON.stringify(routes),
    ORIGIN_SIGNING_SECRET,
    ...secrets,
  };
}

/**
 * A route taking Svix messages (signed with the `SVIX_SECRET` binding) at `path` and forwarding
 * them to `target` on `origin`; `extra` adds to or overrides its fields.
 */
export function svixRoute(origin, path, target, extra = {}) {
  return { path, scheme: "svix", secrets: ["SVIX_SECRET"], origin: `${origin.url}${target}`, ...extra };
}

/** POSTs `body` with `headers` to `path` on Worker `name`; returns { status, json }. */
export async function post(workers, name, path, body, headers = {}) {
  const response = await workers.fetch(name, path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return answer(response);
}
