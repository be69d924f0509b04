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
