// The shipped .d.ts type-checks a TypeScript consumer (no DOM or Node types needed), and its
// SchemeId union is the catalog: written from schemes() when the package is built.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { schemes } from "hookseal";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const tsc = here("./node_modules/typescript/bin/tsc");
const typecheck = (project) => execFileSync(process.execPath, [tsc, "--project", project], { encoding: "utf8" });

test("tsc --noEmit accepts the consumer and catches its misuses", () => {
  assert.equal(typecheck(here("./support/types/tsconfig.json")), "");
});

test("SchemeId is the catalog: every id of schemes() type-checks as a scheme, an unknown one does not", async () => {
  const ids = schemes().map((entry) => entry.id);
  assert.ok(ids.length > 0);
  // The shipped union, generated at build time, holds exactly the catalog's ids, in its order.
  const shipped = await readFile(here("./node_modules/hookseal/dist/scheme-ids.d.ts"), "utf8");
  assert.deepEqual([...shipped.matchAll(/^ *\| "([^"]+)";?$/gm)].map((match) => match[1]), ids);
  // No hand-kept list in the declarations the package's source holds.
  const source = await readFile(here("../src/index.d.ts"), "utf8");
  const listed = ids.filter((id) => new RegExp(`^\\s*\\| "${id}"`, "m").test(source));
  assert.deepEqual(listed, []);

  let unknown = "no-such-provider";
  while (ids.includes(unknown)) unknown += "-x";
  // In a directory under test/: `hookseal` resolves to the installed tarball, as for a user.
  const dir = await mkdtemp(here("./support/types/catalog-"));
  try {
    await writeFile(join(dir, "catalog.ts"), [
      'import { Webhook, schemes } from "hookseal";',
      'import type { SchemeId } from "hookseal";',
      `const ids: SchemeId[] = ${JSON.stringify(ids)};`,
      ...ids.map((id) => `new Webhook("secret", { scheme: ${JSON.stringify(id)} });`),
      "const listed: SchemeId[] = schemes().map((entry) => entry.id);",
      "// @ts-expect-error: not a catalog id",
      `new Webhook("secret", { scheme: ${JSON.stringify(unknown)} });`,
      "// @ts-expect-error: not a catalog id",
      `const stranger: SchemeId = ${JSON.stringify(unknown)};`,
      "void [ids, listed, stranger];",
      "",
    ].join("\n"));
    const config = JSON.parse(await readFile(here("./support/types/tsconfig.json"), "utf8"));
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ ...config, files: ["catalog.ts"] }));
    assert.equal(typecheck(join(dir, "tsconfig.json")), "");
    // And the check bites: without the @ts-expect-error lines the unknown id is an error.
    const source = await readFile(join(dir, "catalog.ts"), "utf8");
    await writeFile(join(dir, "catalog.ts"), source.replaceAll("// @ts-expect-error: not a catalog id\n", ""));
    assert.throws(() => typecheck(join(dir, "tsconfig.json")), (error) => {
      const output = String(error.stdout);
      assert.match(output, new RegExp(`"${unknown}"`));
      assert.equal(output.match(/error TS/g)?.length, 2, output);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the event types are the schemas': every fixture type-checks as its event, and without a required field or with a field retyped it does not", async () => {
  const repo = new URL("../../", import.meta.url);
  const { vendors } = JSON.parse(await readFile(new URL("npm/playground/event-schemas.json", repo), "utf8"));
  const { cases } = JSON.parse(await readFile(new URL("tests/events/cases.json", repo), "utf8"));
  const WRONG = { string: "12", integer: '"12"', number: '"12"', boolean: '"12"', object: "[]", array: "{}" };
  const lines = ['import type * as Events from "hookseal/events";', ""];
  let expected = 0;
  const expectError = (why) => {
    lines.push(`// @ts-expect-error: ${why}`);
    expected++;
  };
  let index = 0;
  for (const vendor of vendors) {
    const union = `Events.${vendor.name}`;
    for (const event of vendor.events) {
      const path = `${vendor.id}/${event.type}.json`;
      let fixture;
      try {
        fixture = JSON.parse(await readFile(new URL(`tests/fixtures/${path}`, repo), "utf8"));
      } catch {
        continue; // no fixture of this event type (a case parses one)
      }
      const type = `Events.${event.name}`;
      // Object literals are checked for fields the type does not declare, as strict mode is.
      const undeclared = cases.find((c) => c.fixture === path && c.strict && c.issues?.every(([code]) => code === "unknown_field"));
      lines.push(`// ${path}`);
      if (undeclared) expectError(undeclared.name);
      lines.push(`const fixture${index}: ${type} = ${JSON.stringify(fixture)};`, `const union${index}: ${union} = fixture${index};`);
      for (const field of event.fields) {
        if (field.type.startsWith('"') || field.type === "any") continue;
        const segments = field.path.replaceAll("/*/", "/0/").split("/").slice(1);
        const parentOf = (value) => segments.slice(0, -1).reduce((node, key) => node?.[key], value);
        const key = segments.at(-1);
        if (parentOf(fixture) === undefined || !Object.hasOwn(parentOf(fixture), key)) continue;
        const removed = structuredClone(fixture);
        delete parentOf(removed)[key];
        if (field.required) expectError(`${field.path} is required`);
        else if (undeclared) expectError(undeclared.name);
        lines.push(`const without${index}_${lines.length}: ${type} = ${JSON.stringify(removed)};`);
        const kind = field.type.startsWith("array") ? "array" : field.type;
        const retyped = structuredClone(fixture);
        parentOf(retyped)[key] = "__WRONG__";
        expectError(`${field.path} is ${field.type}`);
        lines.push(`const retyped${index}_${lines.length}: ${type} = ${JSON.stringify(retyped).replace('"__WRONG__"', WRONG[kind])};`);
      }
      index++;
    }
  }
  lines.push("");
  const dir = await mkdtemp(here("./support/types/fixtures-"));
  try {
    await writeFile(join(dir, "fixtures.ts"), lines.join("\n"));
    const config = JSON.parse(await readFile(here("./support/types/tsconfig.json"), "utf8"));
    // Unused locals are fine here: each declaration is a type check.
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ ...config, files: ["fixtures.ts"] }));
    assert.equal(typecheck(join(dir, "tsconfig.json")), "");
    assert.ok(index >= 20 && expected > 150, `${index} fixtures, ${expected} expected errors`);
    // And the check bites: without the directives, each line they stood before is an error.
    const marked = new Set();
    const stripped = [];
    for (const line of lines) {
      if (line.startsWith("// @ts-expect-error")) marked.add(stripped.length + 1);
      else stripped.push(line);
    }
    await writeFile(join(dir, "fixtures.ts"), stripped.join("\n"));
    assert.throws(() => typecheck(join(dir, "tsconfig.json")), (error) => {
      const failing = new Set([...String(error.stdout).matchAll(/fixtures\.ts\((\d+),\d+\): error TS/g)].map((match) => Number(match[1])));
      assert.deepEqual([...failing].sort((a, b) => a - b), [...marked].sort((a, b) => a - b));
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
