#!/usr/bin/env node
// Assembles the playground into a self-contained static site (`make playground`):
//
//   <out>/index.html, playground.js, style.css   the page (copied from npm/playground/)
//   <out>/event-schemas.json                     the events' fields (generated from schemas/)
//   <out>/hookseal/asymmetric/, <out>/hookseal/web/browser.js, <out>/hookseal/api.js
//                                                the npm package's browser build with public keys
//                                                (hookseal/asymmetric: dist/asymmetric, which uses
//                                                dist/web/browser.js and dist/api.js)
//   <out>/hookseal/diagnose/                     the module it loads for diagnose (dist/diagnose)
//   <out>/hookseal/events/index.js               hookseal/events (dist/events)
//   <out>/samples.json                           every fixture of tests/fixtures/, byte for byte, with
//                                                its vendor, scheme, event type and demo secret from
//                                                tests/fixtures/samples.json
//
// Usage: node npm/playground/build.mjs [--package <dir holding dist/>] [--out <dir>]
// Defaults: --package npm (the package as `make npm` builds it), --out npm/playground/dist.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

/** The page's own files, copied as they are (event-schemas.json: the events' fields, generated
 * from schemas/ by `make events`). */
const PAGE_FILES = ["index.html", "playground.js", "style.css", "event-schemas.json"];

/** The package's browser build with public keys (the page verifies every catalog scheme, Ed25519
 * and ECDSA included): dist/asymmetric/index.js imports ../web/browser.js, which imports
 * ../api.js and loads diagnose's module from ../diagnose/, so the layout is kept;
 * dist/events/index.js is hookseal/events, plain JavaScript. */
const PACKAGE_FILES = [
  "asymmetric/index.js", "asymmetric/hookseal.js", "asymmetric/hookseal_bg.wasm", "web/browser.js", "api.js",
  "diagnose/hookseal.js", "diagnose/hookseal_bg.wasm", "events/index.js",
];

/** The samples and their demo secrets, written down once (see tests/fixtures/README.md). */
export const SAMPLES_JSON = join(root, "tests/fixtures/samples.json");

/**
 * tests/fixtures/samples.json: the vendors, in the order the page lists them, each with its
 * scheme, demo secret and fixture events (in the order the issue lists them).
 */
export async function readSampleData(path = SAMPLES_JSON) {
  const { vendors } = JSON.parse(await readFile(path, "utf8"));
  if (!Array.isArray(vendors) || vendors.length === 0) throw new Error(`${path}: no vendors`);
  for (const vendor of vendors) {
    for (const key of ["vendor", "dir", "scheme", "secret", "demo"]) {
      if (typeof vendor[key] !== "string") throw new Error(`${path}: a vendor's ${key} is not a string`);
    }
    if (!Array.isArray(vendor.events) || !vendor.events.includes(vendor.demo)) {
      throw new Error(`${path}: ${vendor.dir}'s events do not include its demo event ${vendor.demo}`);
    }
  }
  return vendors;
}

/** The event type a fixture is sent with: its file name unless samples.json maps it. */
const eventTypeOf = (vendor, event) => vendor.eventTypes?.[event] ?? event;

/**
 * Every fixture as a sample: the exact body text, its vendor, scheme, event type and demo secret.
 * A fixture file samples.json does not list is still included, after the listed ones.
 */
export async function buildSamples(fixturesDir = join(root, "tests/fixtures"), vendors) {
  vendors ??= await readSampleData();
  const samples = [];
  for (const vendor of vendors) {
    const { secret } = vendor;
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
        eventType: eventTypeOf(vendor, event),
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
  for (const dir of new Set(PACKAGE_FILES.map((file) => dirname(file)))) {
    await mkdir(join(outDir, "hookseal", dir), { recursive: true });
  }
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
