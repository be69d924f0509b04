#!/usr/bin/env node
// Serves the built playground (npm/playground/dist, from `make playground`) on 127.0.0.1 and
// prints its URL. The page makes no request but to this server.
//
// Usage: node npm/playground/serve.mjs [port] [--dir <site directory>]
// The port comes from the argument, else $PLAYGROUND_PORT, else 8788; 0 picks a free one.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** The same policy as the page's meta tag: nothing but this origin (and the wasm it compiles). */
const HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; " +
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

/** Starts the server; resolves to `{ server, url }`. */
export async function servePlayground({ dir = join(dirname(fileURLToPath(import.meta.url)), "dist"), port = 8788, host = "127.0.0.1" } = {}) {
  const siteDir = resolve(dir);
  try {
    await stat(join(siteDir, "index.html"));
  } catch {
    throw new Error(`${siteDir}/index.html not found: build the playground first (make playground)`);
  }
  const server = createServer(async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(siteDir, `.${path}`);
    const inside = relative(siteDir, file);
    if (inside.startsWith("..") || inside.includes(`..${sep}`) || path.includes("\0")) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        ...HEADERS,
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
      });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    }
  });
  await new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolvePromise);
  });
  return { server, url: `http://${host}:${server.address().port}/` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const dirIndex = args.indexOf("--dir");
  const dir = dirIndex === -1 ? undefined : args.splice(dirIndex, 2)[1];
  const portText = args[0] ?? process.env.PLAYGROUND_PORT ?? "8788";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: not a port: ${portText}`);
    process.exit(2);
  }
  try {
    const { server, url } = await servePlayground({ dir, port });
    console.log(`hookseal playground: ${url}`);
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.on(signal, () => {
        server.closeAllConnections();
        server.close(() => process.exit(0));
      });
    }
  } catch (error) {
    console.error(`serve.mjs: ${error.message}`);
    process.exit(1);
  }
}
