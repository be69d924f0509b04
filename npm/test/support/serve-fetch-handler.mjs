// `node serve-fetch-handler.mjs ROUTE_MODULE`: serves a Fetch API route module (one that exports
// `POST(request)`, as a Next.js route handler does) on 127.0.0.1:$PORT. @hono/node-server turns
// Node's request into a Fetch `Request`, the conversion the Node servers of Next.js, Remix and
// SvelteKit do before calling such a handler.
import { createAdaptorServer } from "@hono/node-server";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const route = await import(pathToFileURL(resolve(process.argv[2])).href);
const server = createAdaptorServer({
  fetch: (request) => (request.method === "POST" ? route.POST(request) : new Response(null, { status: 405 })),
});
server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
