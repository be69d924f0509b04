// An origin stub: a real node:http server on 127.0.0.1 that records every request it receives
// and checks the Worker's Standard Webhooks re-signature twice: with the `standardwebhooks` npm
// package (the oracle) and with node:crypto over the exact bytes.
//
// Behaviour by path: /ok (200), /created (201), /fail (500), /flaky (500 the first time a given
// webhook-id arrives, then 200), /slow?ms=N (waits N ms, then 200), /redirect (302); any path
// given a handler with `handle(path, fn)` answers what fn(entry, count) returns ({ status,
// headers }; count: how many requests with this webhook-id arrived on this path, this one
// included).
import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Webhook } = require("standardwebhooks");

/** Checks a Standard Webhooks signature over the exact body bytes with node:crypto. */
export function checkSignature(secret, headers, body) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), body]))
    .digest();
  return signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",");
    const given = Buffer.from(signature ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Verifies with the `standardwebhooks` package: "ok", or the error it threw. */
export function oracle(secret, headers, body) {
  try {
    new Webhook(secret).verify(body, {
      "webhook-id": headers["webhook-id"],
      "webhook-timestamp": headers["webhook-timestamp"],
      "webhook-signature": headers["webhook-signature"],
    });
    return "ok";
  } catch (error) {
    return `error: ${error.message}`;
  }
}

/**
 * Starts the stub. `secret` is the ORIGIN_SIGNING_SECRET the Worker signs with; `log` is called
 * with each request; `record: false` (benchmarks) keeps and checks nothing.
 * Returns { url, requests, clear(), close() }; each recorded request has method, path, headers
 * (lowercase names), body (Buffer), signatureOk (node:crypto) and oracle (standardwebhooks).
 */
export async function startOrigin({ secret, log = false, record = true } = {}) {
  const requests = [];
  const seen = new Map();
  const handlers = new Map();
  const counts = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url, "http://127.0.0.1");
      const entry = {
        method: req.method,
        path: url.pathname,
        headers: req.headers,
        body,
        signatureOk: secret && record ? checkSignature(secret, req.headers, body) : undefined,
        oracle: secret && record ? oracle(secret, req.headers, body) : undefined,
        at: Date.now(),
      };
      if (record) requests.push(entry);
      if (log) log(entry);
      const answer = (status, text = "") => {
        if (!res.headersSent) {
          res.writeHead(status, { "content-type": "text/plain" });
          res.end(text);
        }
      };
      const handler = handlers.get(url.pathname);
      if (handler) {
        const key = `${url.pathname} ${req.headers["webhook-id"]}`;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        entry.count = count;
        const { status = 200, headers = {} } = handler(entry, count) ?? {};
        entry.status = status;
        if (!res.headersSent) {
          res.writeHead(status, { "content-type": "text/plain", ...headers });
          res.end(String(status));
        }
        return undefined;
      }
      switch (url.pathname) {
        case "/fail":
          return answer(500, "origin failure");
        case "/created":
          return answer(201);
        case "/redirect":
          res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" });
          return res.end();
        case "/flaky": {
          const id = req.headers["webhook-id"];
          const count = (seen.get(id) ?? 0) + 1;
          seen.set(id, count);
          return count === 1 ? answer(503, "down") : answer(200, "ok");
        }
        case "/slow": {
          const ms = Number(url.searchParams.get("ms") ?? 1000);
          const timer = setTimeout(() => answer(200, "late"), ms);
          res.on("close", () => clearTimeout(timer));
          return undefined;
        }
        default:
          return answer(200, "ok");
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    /** Answers requests on `path` with fn(entry, count) → { status, headers }. */
    handle(path, fn) {
      handlers.set(path, fn);
    },
    /** The requests received on `path`. */
    to(path) {
      return requests.filter((request) => request.path === path);
    },
    clear() {
      requests.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
