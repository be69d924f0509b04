#!/usr/bin/env node
// Assembles the playground into a self-contained static site (`make playground`):
//
//   <out>/index.html, playground.js, style.css   the page (copied from npm/playground/)
//   <out>/hookseal/web/, <out>/hookseal/api.js   the npm package's browser build (dist/web + dist/api.js)
//   <out>/samples.json                           every fixture of tests/fixtures/, byte for byte, with
//                                                its scheme and the demo secret of core/examples/demo.rs
//
// Usage: node npm/playground/build.mjs [--package <dir holding dist/>] [--out <dir>]
// Defaults: --package npm (the package as `make npm` builds it), --out npm/playground/dist.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

/** The page's own files, copied as they are. */
const PAGE_FILES = ["index.html", "playground.js", "style.css"];

/** The package's browser build: dist/web/index.js imports ../api.js, so the layout is kept. */
const PACKAGE_FILES = ["web/index.js", "web/hookseal.js", "web/hookseal_bg.wasm", "api.js"];

/**
 * The vendors, in the order the page lists them, with the fixture events in the order the issue
 * lists them (a fixture file not listed here is still included, after the listed ones).
 */
const VENDORS = [
  {
    dir: "septiccycle", vendor: "SepticCycle", scheme: "septiccycle",
    events: ["job.completed", "invoice.paid", "contract.signed"],
  },
  {
    dir: "smartcomply", vendor: "SmartComply", scheme: "standard-webhooks",
    note: "SmartComply's documents do not name a signature scheme: these are signed with Standard Webhooks.",
    events: [
      "test.submitted", "test.failed", "assembly.due_soon", "iu.exceedance_detected", "permit.expiring",
      "manifest.filed", "notice.created", "inspection.completed", "report.certified", "partner.approved",
      "partner.application_submitted", "webhook.test",
    ],
  },
  {
    dir: "job-events", vendor: "Job events", scheme: "x-webhook-signature",
    events: ["job.created", "job.updated", "job.deleted"],
  },
  {
    dir: "carecycle", vendor: "careCycle", scheme: "svix",
    note: "Standard Webhooks sent with svix-* headers.",
    events: ["customer.updated", "call.completed"],
  },
  { dir: "github", vendor: "GitHub", scheme: "github", events: ["push"] },
  { dir: "stripe", vendor: "Stripe", scheme: "stripe", events: ["payment_intent.succeeded"] },
  { dir: "slack", vendor: "Slack", scheme: "slack", events: ["event_callback"] },
  { dir: "shopify", vendor: "Shopify", scheme: "shopify", events: ["orders.create"] },
];

/**
 * The demo secrets and event types of core/examples/demo.rs's SAMPLES table:
 * scheme -> { fixture, secret, eventType }. The table is the one place they are written down.
 */
export async function demoSamples(demoPath = join(root, "core/examples/demo.rs")) {
  const source = await readFile(demoPath, "utf8");
  const table = source.match(/const SAMPLES[^=]*=\s*\[([\s\S]*?)\n\];/);
  if (!table) throw new Error(`${demoPath}: no SAMPLES table found`);
  const rust = String.raw`"((?:[^"\\]|\\.)*)"`;
  const row = new RegExp(String.raw`\(\s*${rust},\s*${rust},\s*${rust},\s*${rust},?\s*\)`, "g");
  const samples = new Map();
  for (const [, scheme, fixture, secret, eventType] of table[1].matchAll(row)) {
    const unescape = (text) => JSON.parse(`"${text}"`);
    samples.set(unescape(scheme), { fixture: unescape(fixture), secret: unescape(secret), eventType: unescape(eventType) });
  }
  if (samples.size === 0) throw new Error(`${demoPath}: the SAMPLES table has no rows this script can read`);
  return samples;
}

/** The event type a sample is sent with: the demo's where it has one, else the file's name. */
function eventTypeOf(vendor, event, demo) {
  if (demo?.fixture === `${vendor.dir}/${event}.json`) return demo.eventType;
  // Shopify topics are slash-separated (orders/create); the fixture names use a dot.
  return vendor.scheme === "shopify" ? event.replace(".", "/") : event;
}

/** Every fixture as a sample: the exact body text, its vendor, scheme, event type and demo secret. */
export async function buildSamples(fixturesDir = join(root, "tests/fixtures"), demo) {
  demo ??= await demoSamples();
  const samples = [];
  for (const vendor of VENDORS) {
    const secret = demo.get(vendor.scheme)?.secret;
    if (secret === undefined) throw new Error(`core/examples/demo.rs has no demo secret for ${vendor.scheme}`);
    const files = (await readdir(join(fixturesDir, vendor.dir))).filter((name) => name.endsWith(".json")).sort();
    const present = new Set(files.map((name) => name.slice(0, -".json".length)));
    for (const event of vendor.events) {
      if (!present.has(event)) throw new Error(`tests/fixtures/${vendor.dir}/${event}.json is missing`);
    }
    const events = [...vendor.events, ...[...present].filter((event) => !vendor.events.includes(event))];
    for (const event of events) {
      const path = `${vendor.dir}/${event}.json`;
      const bytes = await readFile(join(fixturesDir, path));
      const body = bytes.toString("utf8");
      if (!Buffer.from(body, "utf8").equals(bytes)) throw new Error(`tests/fixtures/${path} is not valid UTF-8`);
      samples.push({
        id: `${vendor.dir}/${event}`,
        vendor: vendor.vendor,
        ...(vendor.note && { note: vendor.note }),
        event,
        scheme: vendor.scheme,
        eventType: eventTypeOf(vendor, event, demo.get(vendor.scheme)),
        secret,
        fixture: `tests/fixtures/${path}`,
        body,
      });
    }
  }
  return samples;
}

/** Builds the site into `outDir` from the package directory `packageDir` (holding dist/). */
export async function buildPlayground({ packageDir = join(root, "npm"), outDir = join(here, "dist") } = {}) {
  const dist = join(packageDir, "dist");
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, "hookseal/web"), { recursive: true });
  for (const file of PAGE_FILES) await copyFile(join(here, file), join(outDir, file));
  for (const file of PACKAGE_FILES) {
    try {
      await copyFile(join(dist, file), join(outDir, "hookseal", file));
    } catch (error) {
      throw new Error(`${join(dist, file)}: ${error.code ?? error.message} (build the package first: make npm)`);
    }
  }
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
  const samples = await buildSamples();
  await writeFile(join(outDir, "samples.json"), `${JSON.stringify({ version, samples }, null, 1)}\n`);
  return { outDir, samples: samples.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : resolve(args[index + 1]);
  };
  const { outDir, samples } = await buildPlayground({ packageDir: option("--package"), outDir: option("--out") });
  console.log(`playground: ${outDir} (${samples} samples)`);
}
