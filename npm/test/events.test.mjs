// hookseal/events, installed from the tarball: every fixture parses to its typed event, the
// shared cases (tests/events/cases.json, which the Rust crate runs too) give the issues they
// list, every field of every fixture is checked as its schema says, and Ajv (an independent JSON
// Schema validator) validates every fixture against its schema in schemas/ and agrees with every
// verdict, strict mode included.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import { Webhook } from "hookseal";
import {
  WebhookEventError,
  eventVendors,
  parseCareCycleEvent,
  parseEvent,
  parseJobEvent,
  parseSepticCycleEvent,
  parseSmartComplyEvent,
} from "hookseal/events";
import { vendors as samples } from "./support/samples.mjs";

const repo = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, repo));
const readJson = (path) => JSON.parse(read(path).toString("utf8"));
const BASE_ID = "https://raw.githubusercontent.com/hookseal/hookseal/main/schemas/";
const VENDOR_IDS = readdirSync(new URL("schemas/", repo), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

// ---- Ajv, with the schemas as they are, and "closed" (what strict mode means: every object that
// declares properties gets `unevaluatedProperties: false`, but the envelope's root, which each
// event schema extends with its own fields).
const schemaFiles = VENDOR_IDS.flatMap((vendor) =>
  readdirSync(new URL(`schemas/${vendor}/`, repo)).map((file) => ({ vendor, file, schema: readJson(`schemas/${vendor}/${file}`) })));

function closed(schema, isEnvelopeRoot) {
  const copy = structuredClone(schema);
  const visit = (node, root) => {
    if (typeof node !== "object" || node === null) return;
    if (node.properties !== undefined && !root) node.unevaluatedProperties = false;
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" || key === "$defs") for (const child of Object.values(value)) visit(child, false);
      else if (key === "items") visit(value, false);
    }
  };
  visit(copy, isEnvelopeRoot);
  return copy;
}

function ajvWith(transform) {
  // Formats are documentation here, as JSON Schema's default says: declared, not checked.
  const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { "date-time": true, date: true, email: true } });
  for (const { file, schema } of schemaFiles) ajv.addSchema(transform(schema, file === "event.schema.json"));
  return ajv;
}
const ajvOpen = ajvWith((schema) => schema);
const ajvClosed = ajvWith(closed);

/** Ajv's verdict on `value` as `vendor`'s event of `eventType` (its envelope's when unknown): the JSON Pointers at fault. */
function ajvPaths(vendor, value, strict) {
  const table = eventVendors.find((item) => item.id === vendor);
  const eventType = value?.[table.typeField];
  const known = table.eventTypes.includes(eventType);
  const id = `${BASE_ID}${vendor}/${known ? eventType : "event"}.schema.json`;
  const validate = (strict && known ? ajvClosed : ajvOpen).getSchema(id);
  assert.ok(validate, id);
  if (validate(value)) return [];
  const escape = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");
  const paths = validate.errors.map((error) => {
    if (error.keyword === "required") return `${error.instancePath}/${escape(error.params.missingProperty)}`;
    if (error.keyword === "unevaluatedProperties") return `${error.instancePath}/${escape(error.params.unevaluatedProperty)}`;
    assert.equal(error.keyword, "type", JSON.stringify(error));
    return error.instancePath;
  });
  return [...new Set(paths)].sort();
}

const parsers = { septiccycle: parseSepticCycleEvent, smartcomply: parseSmartComplyEvent, "job-events": parseJobEvent, carecycle: parseCareCycleEvent };

function fixtures() {
  return VENDOR_IDS.flatMap((vendor) =>
    readdirSync(new URL(`tests/fixtures/${vendor}/`, repo)).sort().map((file) => ({ vendor, file: `${vendor}/${file}`, eventType: file.replace(/\.json$/, "") })));
}

const cases = readJson("tests/events/cases.json").cases;

function bodyOf(testCase) {
  if (testCase.fixture !== undefined) return read(`tests/fixtures/${testCase.fixture}`);
  if (testCase.body !== undefined) return testCase.body;
  if (testCase.bodyHex !== undefined) return Buffer.from(testCase.bodyHex, "hex");
  return JSON.stringify(testCase.json);
}

const issuesOf = (error) => error.issues.map(({ code, path, message }) => (code === "invalid_json" ? [code, path] : [code, path, message]));

function outcome(vendor, body, strict) {
  try {
    return { event: parsers[vendor](body, { strict }) };
  } catch (error) {
    if (!(error instanceof WebhookEventError)) throw error;
    return { error };
  }
}

test("the vendors are the folders of schemas/, in samples.json's order", () => {
  assert.deepEqual(eventVendors.map((vendor) => vendor.id), samples.map((s) => s.dir).filter((dir) => VENDOR_IDS.includes(dir)));
  assert.deepEqual(Object.keys(parsers).sort(), [...VENDOR_IDS].sort());
  assert.ok(Object.isFrozen(eventVendors) && Object.isFrozen(eventVendors[0].eventTypes));
  assert.equal(eventVendors.find((vendor) => vendor.id === "smartcomply").eventTypes.length, 12);
});

test("every fixture validates against its schema with Ajv, and parses to its typed event, leniently and strictly", () => {
  const strictCases = cases.filter((c) => c.strict && c.fixture).map((c) => c.fixture);
  const all = fixtures();
  assert.ok(all.length >= 20, all.length);
  for (const { vendor, file, eventType } of all) {
    const bytes = read(`tests/fixtures/${file}`);
    const value = JSON.parse(bytes.toString("utf8"));
    assert.deepEqual(ajvPaths(vendor, value, false), [], `${file}: Ajv`);
    const event = parsers[vendor](bytes);
    assert.deepEqual(event, value, file); // the body's JSON, unchanged
    assert.equal(event[eventVendors.find((v) => v.id === vendor).typeField], eventType, file);
    assert.deepEqual(parseEvent(vendor, bytes.toString("utf8")), value, file);
    if (!strictCases.includes(file)) {
      assert.deepEqual(parsers[vendor](bytes, { strict: true }), value, `${file}, strict`);
      assert.deepEqual(ajvPaths(vendor, value, true), [], `${file}: Ajv, closed`);
    }
  }
});

test("the shared cases give what they list, and Ajv agrees with each verdict", () => {
  const typed = new Set(fixtures().map(({ vendor, eventType }) => `${vendor} ${eventType}`));
  for (const testCase of cases) {
    const { name, vendor } = testCase;
    const strict = testCase.strict === true;
    const body = bodyOf(testCase);
    const { event, error } = outcome(vendor, body, strict);
    if (testCase.type !== undefined) {
      assert.equal(error, undefined, `${name}: ${error?.message}`);
      const table = eventVendors.find((v) => v.id === vendor);
      assert.equal(event[table.typeField], testCase.type, name);
      assert.equal(table.eventTypes.includes(testCase.type), testCase.known !== false, name);
      if (testCase.known !== false) typed.add(`${vendor} ${testCase.type}`);
    } else {
      assert.ok(error, `${name}: parsed`);
      assert.deepEqual(issuesOf(error), testCase.issues, name);
      assert.equal(error.code, testCase.issues[0][0], name);
      assert.equal(error.path, testCase.issues[0][1], name);
    }
    // Ajv's verdict: the same fields at fault (an unknown event type is hookseal's to report;
    // `jsonSchema: "valid"` marks a bound hookseal adds: integers within ±(2^53 - 1)).
    if (testCase.issues?.[0][0] === "invalid_json") continue;
    const value = JSON.parse(typeof body === "string" ? body : body.toString("utf8"));
    const ours = (testCase.issues ?? []).filter(([code]) => code !== "unknown_event_type").map(([, path]) => path);
    const expected = testCase.jsonSchema === "valid" ? [] : [...new Set(ours)].sort();
    assert.deepEqual(ajvPaths(vendor, value, strict), expected, `${name}: Ajv`);
  }
  for (const { id, eventTypes } of eventVendors) {
    for (const eventType of eventTypes) assert.ok(typed.has(`${id} ${eventType}`), `${id} ${eventType}: no fixture or case parses one`);
  }
});

const WRONG = {
  string: [12, "a number"],
  integer: [1.5, "a number"],
  number: ["12", "a string"],
  boolean: ["12", "a string"],
  object: [[], "an array"],
};
const EXPECTED = { string: "a string", integer: "an integer", number: "a number", boolean: "a boolean", object: "an object" };

test("every field of every fixture, removed or retyped, gives what its schema says, as Ajv does", () => {
  const schemas = JSON.parse(read("npm/playground/event-schemas.json"));
  let checked = 0;
  for (const { vendor, file, eventType } of fixtures()) {
    const original = JSON.parse(read(`tests/fixtures/${file}`).toString("utf8"));
    const { fields } = schemas.vendors.find((v) => v.id === vendor).events.find((e) => e.type === eventType);
    for (const field of fields) {
      if (field.type.startsWith('"')) continue; // the event type itself
      const pointer = field.path.replaceAll("/*/", "/0/");
      const segments = pointer.split("/").slice(1);
      const parentOf = (value) => segments.slice(0, -1).reduce((node, key) => node?.[key], value);
      const key = segments.at(-1);
      const parent = parentOf(original);
      if (parent === undefined || !Object.hasOwn(parent, key)) continue;

      const removed = structuredClone(original);
      delete parentOf(removed)[key];
      const gone = outcome(vendor, JSON.stringify(removed), false);
      if (field.required) assert.deepEqual(issuesOf(gone.error), [["invalid_event", pointer, "missing required field"]], `${file} without ${pointer}`);
      else assert.equal(gone.error, undefined, `${file} without ${pointer}`);
      assert.deepEqual(ajvPaths(vendor, removed, false), field.required ? [pointer] : [], `${file} without ${pointer}: Ajv`);

      const kind = field.type.startsWith("array") ? "array" : field.type;
      const [value, found] = kind === "array" ? [{}, "an object"] : (WRONG[kind] ?? []);
      if (found === undefined) continue; // any value
      const retyped = structuredClone(original);
      parentOf(retyped)[key] = value;
      const wrong = outcome(vendor, JSON.stringify(retyped), false);
      const message = `expected ${EXPECTED[kind] ?? "an array"}, found ${found}`;
      assert.deepEqual(issuesOf(wrong.error), [["invalid_event", pointer, message]], `${file} with ${pointer} retyped`);
      assert.deepEqual(ajvPaths(vendor, retyped, false), [pointer], `${file} with ${pointer} retyped: Ajv`);
      checked++;
    }
  }
  assert.ok(checked > 150, `${checked} fields checked`);
});

test("a verified WebhookMessage, its text and its bytes in any form parse alike", () => {
  const vendor = samples.find((s) => s.dir === "smartcomply");
  const body = read("tests/fixtures/smartcomply/test.failed.json");
  const webhook = new Webhook(vendor.secret, { scheme: vendor.scheme });
  const headers = webhook.sign(body, { id: "msg_events_1", timestamp: 1_700_000_000 });
  const message = webhook.verify(body, headers, { now: 1_700_000_000 });
  const expected = JSON.parse(body.toString("utf8"));
  const copy = new Uint8Array(body);
  for (const input of [message, body.toString("utf8"), body, copy, copy.buffer, new DataView(copy.buffer)]) {
    const event = parseSmartComplyEvent(input);
    assert.deepEqual(event, expected);
    assert.equal(event.type === "test.failed" && event.data.failure_reason, "First check valve failed to hold");
  }
  for (const input of [undefined, null, 42, {}, { bytes: "text" }, [1]]) {
    assert.throws(() => parseSmartComplyEvent(input), TypeError, String(input));
  }
  for (const options of [null, "strict", { strict: "yes" }]) {
    assert.throws(() => parseSmartComplyEvent(body, options), TypeError, JSON.stringify(options));
  }
  assert.throws(() => parseEvent("github", body), /vendor must be one of septiccycle, smartcomply, job-events, carecycle/);
});

test("a WebhookEventError carries the first issue and every issue, frozen", () => {
  const body = JSON.stringify({ type: "assembly.due_soon", data: { days_remaining: "30" } });
  const { error } = outcome("smartcomply", body, false);
  assert.ok(error instanceof WebhookEventError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "WebhookEventError");
  assert.equal(error.code, "invalid_event");
  assert.equal(error.path, "/id");
  assert.equal(error.message, "invalid_event at /id: missing required field (and 2 more)");
  assert.deepEqual(issuesOf(error), [
    ["invalid_event", "/id", "missing required field"],
    ["invalid_event", "/created_at", "missing required field"],
    ["invalid_event", "/data/days_remaining", "expected an integer, found a string"],
  ]);
  assert.ok(Object.isFrozen(error.issues) && Object.isFrozen(error.issues[0]));
  const notJson = outcome("smartcomply", "{", false).error;
  assert.equal(notJson.message.startsWith("invalid_json at the body: not JSON: "), true, notJson.message);
});

test("issues are bounded at 100", () => {
  const data = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`extra_${String(i).padStart(4, "0")}`, i]));
  const body = JSON.stringify({ id: "evt_1", type: "webhook.test", created_at: "x", data });
  const { error } = outcome("smartcomply", body, true);
  assert.equal(error.issues.length, 100);
  assert.equal(error.message, "unknown_field at /data/extra_0000: not in the schema (and 99 more)");
  assert.equal(outcome("smartcomply", body, false).error, undefined);
});

test("what tests/events/README.md says JavaScript takes and Rust refuses", () => {
  const deep = `{"type":"x","data":{"a":${"[".repeat(130)}${"]".repeat(130)}}}`;
  for (const body of [deep, '{"type":"x","data":{"a":1e400}}', '{"type":"x","data":{"a":"\\ud800"}}']) {
    assert.equal(outcome("carecycle", body, false).error, undefined, body);
  }
});

test("CommonJS gets the same module; it needs no WebAssembly and no dependency", async () => {
  const required = createRequire(import.meta.url)("hookseal/events");
  assert.deepEqual(Object.keys(required).sort(), Object.keys(await import("hookseal/events")).sort());
  assert.deepEqual(required.parseJobEvent(read("tests/fixtures/job-events/job.deleted.json")).event, "job.deleted");
  const packageDir = new URL("./node_modules/hookseal/", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));
  assert.equal(manifest.dependencies, undefined);
  for (const file of ["index.js", "index.cjs"]) {
    const code = readFileSync(new URL(`dist/events/${file}`, packageDir), "utf8");
    assert.doesNotMatch(code, /\bimport\s*\(|\bfrom\s*["']|require\(|\.wasm/, file);
  }
});

test("the README's typed SmartComply receiver type-checks, and answers signed fixtures as it says", async () => {
  const readme = read("npm/README.md").toString("utf8");
  const section = readme.slice(readme.indexOf("## Typed events"));
  const code = section.match(/```ts\n([\s\S]*?)```/)[1];
  // What the README leaves to the reader, declared (no @types/node in the type check).
  const declarations = [
    "declare const process: { env: Record<string, string | undefined> };",
    "declare function scheduleRepair(assembly?: string, reason?: string): void;",
    "declare function remindRenewal(permit?: string, days?: number): void;",
    'declare function report(error: import("hookseal/events").WebhookEventError): void;',
  ].join("\n");
  const { mkdtemp, rm, writeFile } = await import("node:fs/promises");
  const { execFileSync } = await import("node:child_process");
  const { join } = await import("node:path");
  const { transform } = await import("esbuild");
  const dir = await mkdtemp(new URL("./support/types/readme-", import.meta.url).pathname);
  try {
    await writeFile(join(dir, "receiver.ts"), `${declarations}\n${code}`);
    const config = JSON.parse(read("npm/test/support/types/tsconfig.json").toString("utf8"));
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ ...config, files: ["receiver.ts"] }));
    const tsc = new URL("./node_modules/typescript/bin/tsc", import.meta.url).pathname;
    assert.equal(execFileSync(process.execPath, [tsc, "--project", join(dir, "tsconfig.json")], { encoding: "utf8" }), "");

    const vendor = samples.find((s) => s.dir === "smartcomply");
    const calls = [];
    globalThis.scheduleRepair = (...args) => calls.push(["scheduleRepair", ...args]);
    globalThis.remindRenewal = (...args) => calls.push(["remindRenewal", ...args]);
    globalThis.report = (error) => calls.push(["report", error.code, error.path]);
    process.env.SMARTCOMPLY_SECRET = vendor.secret;
    const { code: js } = await transform(code, { loader: "ts", format: "esm" });
    await writeFile(join(dir, "receiver.mjs"), js);
    const { receive } = await import(join(dir, "receiver.mjs"));
    const signer = new Webhook(vendor.secret, { scheme: vendor.scheme });
    const deliver = (body) => receive(new Uint8Array(Buffer.from(body)), signer.sign(body, { id: "msg_readme" }));

    assert.equal(deliver(read("tests/fixtures/smartcomply/test.failed.json").toString("utf8")), 204);
    assert.equal(deliver(read("tests/fixtures/smartcomply/permit.expiring.json").toString("utf8")), 204);
    assert.equal(deliver(read("tests/fixtures/smartcomply/webhook.test.json").toString("utf8")), 204);
    const later = JSON.stringify({ id: "evt_2", type: "backflow.retest_scheduled", created_at: "2026-06-01T00:00:00Z", data: {} });
    assert.equal(deliver(later), 204);
    assert.equal(deliver(JSON.stringify({ id: "evt_3", type: "permit.expiring", data: { days_remaining: "60" } })), 204);
    const body = read("tests/fixtures/smartcomply/test.failed.json");
    assert.equal(receive(body, { ...signer.sign(body, { id: "msg_readme" }), "webhook-id": "msg_forged" }), 401);
    assert.deepEqual(calls, [
      ["scheduleRepair", "asm_d4c3b2a1", "First check valve failed to hold"],
      ["remindRenewal", "prm_55667788", 60],
      ["report", "invalid_event", "/created_at"],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
    for (const name of ["scheduleRepair", "remindRenewal", "report"]) delete globalThis[name];
  }
});
