// A static file server on 127.0.0.1 for browser tests: serves `routes` (URL prefix -> directory).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".png": "image/png",
};

export async function serveStatic(routes) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const prefix = Object.keys(routes).filter((key) => path.startsWith(key)).sort((a, b) => b.length - a.length)[0];
    const relative = prefix === undefined ? undefined : normalize(path.slice(prefix.length) || "index.html");
    if (relative === undefined || relative.startsWith("..")) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(routes[prefix], relative));
      response.writeHead(200, { "content-type": TYPES[extname(relative)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
