// Runs the built Worker (build/index.js + build/index_bg.wasm, made by `make worker`) in real
// workerd through Miniflare's JS API, offline (cf: false), and collects its JSON log lines.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { WORKER_DIR } from "./sign.mjs";

export const BUILD_DIR = join(WORKER_DIR, "build");
export const SCRIPT_PATH = join(BUILD_DIR, "index.js");
export const COMPATIBILITY_DATE = "2026-04-01";

/** The signing secret the tests' Workers forward with (a Standard Webhooks test secret). */
export const ORIGIN_SIGNING_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/** Miniflare's description of one Worker running the build with `bindings`. */
export function workerOptions(name, { bindings, dedupe = true }) {
  return {
    name,
    modules: true,
    scriptPath: SCRIPT_PATH,
    modulesRoot: BUILD_DIR,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings,
    durableObjects: dedupe
      ? { HOOKSEAL_DEDUPE: { className: "HooksealDedupe", useSQLite: true } }
      : {},
  };
}

/**
 * Starts one workerd running a Worker per entry of `workers` ({ name: { bindings, dedupe } }).
 * Returns { fetch(name, path, init), logs, dispose() }; `logs` collects the Workers' JSON log
 * lines (parsed) in order.
 */
export async function startWorkers(workers) {
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
    handleRuntimeStdio(stdout, stderr) {
      collect(stdout, other);
      collect(stderr, other);
    },
    workers: Object.entries(workers).map(([name, options]) => workerOptions(name, options)),
  });
  await mf.ready;
  const handles = new Map();
  return {
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
    dispose: () => mf.dispose(),
  };
}

/** Bindings for a Worker with `routes` and `secrets` (name to value), signing secret included. */
export function bindings(routes, secrets = {}) {
  return {
    HOOKSEAL_ROUTES: typeof routes === "string" ? routes : JSON.stringify(routes),
    ORIGIN_SIGNING_SECRET,
    ...secrets,
  };
}

/** POSTs `body` with `headers` to `path` on Worker `name`; returns { status, json }. */
export async function post(workers, name, path, body, headers = {}) {
  const response = await workers.fetch(name, path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}
