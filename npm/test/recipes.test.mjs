// The README's receivers (npm/test/recipes/, shown verbatim in npm/README.md), each run as users
// run it: Express, node:http, Fastify and Hono as their own Node programs, the Fetch API route
// handler behind a Node server, the Cloudflare Worker bundled by wrangler and run in workerd. Each
// is fed real HTTP from Node's fetch on 127.0.0.1, signed by node:crypto (never by hookseal), and
// must verify the exact bytes, refuse with 401 and the error code, answer 400 to a genuine body
// that is not JSON, and process (log) only what verified, the signed parts apart from the claims.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { vendors } from "./support/samples.mjs";

const TEST_DIR = fileURLToPath(new URL(".", import.meta.url));
const RECIPES_DIR = join(TEST_DIR, "recipes");
const README = new URL("../README.md", import.meta.url);
const STARTUP_MS = 30_000;
const LOG_WAIT_MS = 5_000;

const vendor = (scheme) => vendors.find((item) => item.scheme === scheme);
const secretOf = (scheme) => vendor(scheme).secret;
const sampleOf = (scheme) =>
  readFile(new URL(`../../tests/fixtures/${vendor(scheme).dir}/${vendor(scheme).events[0]}.json`, import.meta.url));
const nowSeconds = () => Math.floor(Date.now() / 1000);
const hmacSha256 = (key, ...parts) => parts.reduce((mac, part) => mac.update(part), createHmac("sha256", key)).digest();
const whsecKey = (secret) => Buffer.from(secret.slice("whsec_".length), "base64");

/**
 * The senders, signing with node:crypto as each vendor documents it. `signs`: what the signature
 * covers besides the body; `claims`: the unsigned headers the vendor sends, as the recipe reports
 * them (`message.unsigned`).
 */
const senders = {
  github: {
    signatureHeader: "x-hub-signature-256",
    signs: [],
    sign: (body, { claims = { id: randomUUID(), eventType: "push" } } = {}) => ({
      "x-hub-signature-256": `sha256=${hmacSha256(secretOf("github"), body).toString("hex")}`,
      "x-github-delivery": claims.id,
      "x-github-event": claims.eventType,
    }),
    claims: (headers) => ({ id: headers["x-github-delivery"], eventType: headers["x-github-event"] }),
  },
  shopify: {
    signatureHeader: "x-shopify-hmac-sha256",
    signs: [],
    sign: (body, { claims = { id: randomUUID(), eventType: "orders/create" } } = {}) => ({
      "x-shopify-hmac-sha256": hmacSha256(secretOf("shopify"), body).toString("base64"),
      "x-shopify-webhook-id": claims.id,
      "x-shopify-topic": claims.eventType,
    }),
    claims: (headers) => ({ id: headers["x-shopify-webhook-id"], eventType: headers["x-shopify-topic"] }),
  },
  stripe: {
    signatureHeader: "stripe-signature",
    signs: ["timestamp"],
    sign: (body, { timestamp = nowSeconds() } = {}) => ({
      "stripe-signature": `t=${timestamp},v1=${hmacSha256(secretOf("stripe"), `${timestamp}.`, body).toString("hex")}`,
    }),
  },
  svix: {
    signatureHeader: "svix-signature",
    signs: ["id", "timestamp"],
    sign: (body, { id = `msg_${randomUUID()}`, timestamp = nowSeconds() } = {}) => ({
      "svix-id": id,
      "svix-timestamp": String(timestamp),
      "svix-signature": `v1,${hmacSha256(whsecKey(secretOf("svix")), `${id}.${timestamp}.`, body).toString("base64")}`,
    }),
  },
  "standard-webhooks": {
    signatureHeader: "webhook-signature",
    signs: ["id", "timestamp"],
    sign: (body, { id = `msg_${randomUUID()}`, timestamp = nowSeconds() } = {}) => ({
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": `v1,${hmacSha256(whsecKey(secretOf("standard-webhooks")), `${id}.${timestamp}.`, body).toString("base64")}`,
    }),
  },
};

/** The JSON a receiver parses from `body`: its bytes decoded as UTF-8, as `message.json()` does. */
const parsed = (body) => JSON.parse(new TextDecoder().decode(body));
const signedTimestamp = (headers) =>
  Number(headers["svix-timestamp"] ?? headers["webhook-timestamp"] ?? /t=(\d+)/.exec(headers["stripe-signature"])?.[1]);
const signedParts = (body, headers) => ({
  id: headers["svix-id"] ?? headers["webhook-id"],
  timestamp: signedTimestamp(headers),
  payload: parsed(body),
});
const bodyAndClaims = (scheme) => (body, headers) => ({ payload: parsed(body), unsigned: senders[scheme].claims(headers) });

/**
 * Every recipe: how to start it, where it listens, its sender, what it answers a verified
 * webhook, and the line it logs for one (what it relies on).
 */
const recipes = [
  {
    name: "Express",
    files: ["express.mjs"],
    start: () => startProgram(["recipes/express.mjs"], { GITHUB_WEBHOOK_SECRET: secretOf("github") }),
    path: "/webhooks/github",
    scheme: "github",
    accepted: 204,
    logged: bodyAndClaims("github"),
  },
  {
    name: "node:http",
    files: ["node-http.mjs"],
    start: () => startProgram(["recipes/node-http.mjs"], { SVIX_WEBHOOK_SECRET: secretOf("svix") }),
    path: "/webhooks/svix",
    scheme: "svix",
    accepted: 204,
    logged: signedParts,
    maxBodyBytes: 1 << 20,
  },
  {
    name: "Fastify",
    files: ["fastify.mjs"],
    start: () => startProgram(["recipes/fastify.mjs"], { WEBHOOK_SECRET: secretOf("standard-webhooks") }),
    path: "/webhooks",
    scheme: "standard-webhooks",
    accepted: 204,
    logged: signedParts,
  },
  {
    name: "Hono on Node (@hono/node-server)",
    files: ["hono.mjs"],
    start: () => startProgram(["recipes/hono.mjs"], { SHOPIFY_API_SECRET: secretOf("shopify") }),
    path: "/webhooks/shopify",
    scheme: "shopify",
    accepted: 204,
    logged: bodyAndClaims("shopify"),
  },
  {
    name: "Fetch API route handler (Next.js, Remix, SvelteKit)",
    files: ["fetch-handler.mjs"],
    start: () =>
      startProgram(["support/serve-fetch-handler.mjs", "recipes/fetch-handler.mjs"], {
        STRIPE_WEBHOOK_SECRET: secretOf("stripe"),
      }),
    path: "/api/webhooks/stripe",
    scheme: "stripe",
    accepted: 200,
    acceptedBody: { received: true },
    logged: (body, headers) => {
      const event = parsed(body);
      return { timestamp: signedTimestamp(headers), id: event.id, type: event.type };
    },
  },
  {
    name: "Cloudflare Worker (bundled by wrangler, run in workerd)",
    files: ["cloudflare-worker/wrangler.toml", "cloudflare-worker/src/index.js"],
    start: () => startWorker(join(RECIPES_DIR, "cloudflare-worker"), { WEBHOOK_SECRET: secretOf("standard-webhooks") }),
    path: "/webhooks",
    scheme: "standard-webhooks",
    accepted: 204,
    logged: signedParts,
  },
];

/** Lines of a stream, each parsed as JSON, handed out in order (a line that is not JSON fails). */
function logReader(stream) {
  const lines = [];
  const waiting = [];
  createInterface({ input: stream }).on("line", (line) => {
    let entry;
    try {
      entry = { log: JSON.parse(line) };
    } catch {
      entry = { error: new Error(`the receiver printed a line that is not JSON: ${line}`) };
    }
    if (waiting.length > 0) waiting.shift()(entry);
    else lines.push(entry);
  });
  return async function nextLog() {
    const entry = lines.length > 0 ? lines.shift() : await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line within ${LOG_WAIT_MS} ms`)), LOG_WAIT_MS);
      waiting.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    if (entry.error) throw entry.error;
    return entry.log;
  };
}

/** `node ARGS` in npm/test (so `hookseal` is the installed tarball), PORT=0, until it prints its URL. */
async function startProgram(args, env) {
  const child = spawn(process.execPath, args, {
    cwd: TEST_DIR,
    env: { ...process.env, ...env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const stdout = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${stderr}`)), STARTUP_MS);
    child.once("exit", (code) => reject(new Error(`${args[0]} exited (${code}): ${stderr}`)));
    stdout.once("line", (line) => {
      clearTimeout(timer);
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\/?$/.exec(line);
      if (match) resolve(match[1]);
      else reject(new Error(`${args[0]} printed ${JSON.stringify(line)} before its URL`));
    });
  });
  stdout.close();
  return {
    url,
    nextLog: logReader(child.stdout),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

// wrangler and Miniflare stay off the network (as in cloudflare-worker/worker.mk).
const OFFLINE = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};

/**
 * The Worker project in `dir` bundled as `wrangler deploy` bundles it (`--dry-run --outdir`: the
 * bundle it would upload, hookseal resolved through the `workerd` condition), then that bundle
 * served by real workerd (Miniflare) on 127.0.0.1 with `bindings` as its secrets.
 */
async function startWorker(dir, bindings) {
  const outdir = await mkdtemp(join(tmpdir(), "hookseal-recipe-worker-"));
  await promisify(execFile)(
    join(TEST_DIR, "node_modules", ".bin", "wrangler"),
    ["deploy", "--dry-run", "--outdir", outdir],
    { cwd: dir, env: { ...process.env, ...OFFLINE, WRANGLER_LOG_PATH: outdir }, timeout: 120_000 },
  );
  // wrangler resolved hookseal through the `workerd` condition: that build imports its .wasm as
  // a module, which wrangler emits next to the bundle.
  const emitted = await readdir(outdir);
  assert.ok(emitted.some((name) => name.endsWith(".wasm")), `wrangler emitted no .wasm module: ${emitted}`);
  assert.match(await readFile(join(outdir, "index.js"), "utf8"), /node_modules\/hookseal\/dist\/workerd\/index\.js/);
  const config = await readFile(join(dir, "wrangler.toml"), "utf8");
  const compatibilityDate = /^compatibility_date = "([\d-]+)"$/m.exec(config)[1];
  let nextLog;
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, "index.js"),
    modulesRoot: outdir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    cf: false,
    host: "127.0.0.1",
    port: 0,
    bindings,
    handleRuntimeStdio(stdout, stderr) {
      nextLog = logReader(stdout);
      stderr.resume();
    },
  });
  const url = String(await mf.ready).replace(/\/$/, "");
  return {
    url,
    nextLog: () => nextLog(),
    stop: async () => {
      await mf.dispose();
      await rm(outdir, { recursive: true, force: true });
    },
  };
}

// A JSON body whose bytes re-serializing would change (spacing, escapes, a number's form) and
// that is not UTF-8 (0xff, 0xfe in a string): only a receiver that verifies the exact bytes
// accepts it.
const exactBytesBody = (sample) =>
  Buffer.concat([
    Buffer.from('{ "probe" : "caf\\u00e9 \\/ \u00e9 '),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('",  "amount": 1.50e1,\r\n'),
    sample.subarray(sample.indexOf("{") + 1),
    Buffer.from("\n"),
  ]);

for (const recipe of recipes) {
  describe(recipe.name, () => {
    const sender = senders[recipe.scheme];
    let receiver;
    let sample;
    const post = (body, headers, contentType = "application/json") =>
      fetch(`${receiver.url}${recipe.path}`, {
        method: "POST",
        body,
        headers: { ...(contentType && { "content-type": contentType }), ...headers },
      });
    const assertAccepted = async (response, body, headers) => {
      assert.equal(response.status, recipe.accepted, await response.clone().text());
      if (recipe.acceptedBody) assert.deepEqual(await response.json(), recipe.acceptedBody);
      assert.deepEqual(await receiver.nextLog(), recipe.logged(body, headers));
    };
    const assertRefused = async (response, status, code) => {
      assert.equal(response.status, status);
      assert.deepEqual(await response.json(), { error: code });
    };

    before(async () => {
      sample = await sampleOf(recipe.scheme);
      receiver = await recipe.start();
    });
    after(() => receiver?.stop());

    test("accepts the vendor's sample event, and logs what it may rely on", async () => {
      const headers = sender.sign(sample);
      await assertAccepted(await post(sample, headers), sample, headers);
    });

    test("verifies the exact bytes: spacing, escapes and bytes that are not UTF-8 kept", async () => {
      const body = exactBytesBody(sample);
      const headers = sender.sign(body);
      await assertAccepted(await post(body, headers), body, headers);
    });

    for (const contentType of [undefined, "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/octet-stream"]) {
      test(`reads the body whatever its content type: ${contentType ?? "none"}`, async () => {
        const headers = sender.sign(sample);
        await assertAccepted(await post(sample, headers, contentType), sample, headers);
      });
    }

    test("accepts a body of 900 KiB", async () => {
      const body = Buffer.from(JSON.stringify({ id: "evt_large", type: "large", data: "x".repeat(900 * 1024) }));
      const headers = sender.sign(body);
      await assertAccepted(await post(body, headers), body, headers);
    });

    test("refuses one changed byte: 401 no_matching_signature", async () => {
      const headers = sender.sign(sample);
      const tampered = Buffer.from(sample);
      tampered[tampered.length - 2] ^= 0x01;
      await assertRefused(await post(tampered, headers), 401, "no_matching_signature");
    });

    test("refuses the sample re-serialized: 401 no_matching_signature", async () => {
      const headers = sender.sign(sample);
      await assertRefused(await post(JSON.stringify(parsed(sample)), headers), 401, "no_matching_signature");
    });

    test("refuses a request without the signature: 401 missing_header", async () => {
      const { [sender.signatureHeader]: _signature, ...headers } = sender.sign(sample);
      await assertRefused(await post(sample, headers), 401, "missing_header");
    });

    if (sender.signs.includes("timestamp")) {
      test("refuses a genuine delivery signed an hour ago: 401 timestamp_too_old", async () => {
        const headers = sender.sign(sample, { timestamp: nowSeconds() - 3600 });
        await assertRefused(await post(sample, headers), 401, "timestamp_too_old");
      });
    }

    if (sender.signs.includes("id")) {
      test("the id is signed: the same delivery under another id is refused", async () => {
        const headers = sender.sign(sample, { id: "msg_genuine" });
        const idHeader = recipe.scheme === "svix" ? "svix-id" : "webhook-id";
        await assertRefused(await post(sample, { ...headers, [idHeader]: "msg_replayed" }), 401, "no_matching_signature");
      });
    }

    if (sender.claims) {
      test("unsigned claims are reported apart: a genuine body under other claims verifies", async () => {
        const headers = sender.sign(sample, { claims: { id: "replayed-delivery", eventType: "app_uninstalled" } });
        await assertAccepted(await post(sample, headers), sample, headers);
      });
    }

    if (recipe.maxBodyBytes) {
      test("refuses a body over its limit: 413", async () => {
        const body = Buffer.alloc(recipe.maxBodyBytes + 1, 0x20);
        const response = await post(body, sender.sign(body));
        assert.equal(response.status, 413);
      });
    }

    test("answers a genuine body that is not JSON with 400 invalid_json", async () => {
      for (const body of [Buffer.from("not json"), Buffer.alloc(0)]) {
        await assertRefused(await post(body, sender.sign(body), body.length ? "text/plain" : undefined), 400, "invalid_json");
      }
    });

    test("logged nothing for the requests it refused", async () => {
      // Logs arrive in order: the next one is this delivery's only if no refused one was logged.
      const headers = sender.sign(sample);
      await assertAccepted(await post(sample, headers), sample, headers);
    });
  });
}

/** The README's fenced blocks after `<!-- recipe: PATH -->` markers (PATH relative to npm/test). */
function readmeRecipes(readme) {
  const pattern = /<!-- recipe: (\S+) -->\n```([a-z]*)\n([\s\S]*?)```\n/g;
  return [...readme.matchAll(pattern)].map(([block, path, language, shown]) => ({ path, language, shown, block }));
}

async function recipeFiles(dir = RECIPES_DIR) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await recipeFiles(path)));
    else files.push(relative(TEST_DIR, path));
  }
  return files.sort();
}

test("the README shows every recipe file exactly as tested (HOOKSEAL_BLESS=1 rewrites it)", async () => {
  let readme = await readFile(README, "utf8");
  const shown = readmeRecipes(readme);
  assert.deepEqual(shown.map((item) => item.path).sort(), await recipeFiles());
  assert.deepEqual(
    recipes.flatMap((recipe) => recipe.files.map((file) => `recipes/${file}`)).sort(),
    await recipeFiles(),
    "every recipe file is run by a test above",
  );
  for (const item of shown) {
    const source = await readFile(join(TEST_DIR, item.path), "utf8");
    if (process.env.HOOKSEAL_BLESS === "1") {
      readme = readme.replace(item.block, () => `<!-- recipe: ${item.path} -->\n\`\`\`${item.language}\n${source}\`\`\`\n`);
    } else {
      assert.equal(item.shown, source, `npm/README.md shows an old ${item.path}: run HOOKSEAL_BLESS=1`);
    }
  }
  if (process.env.HOOKSEAL_BLESS === "1") await writeFile(README, readme);
});
