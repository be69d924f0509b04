#!/usr/bin/env node
// Writes dist/scheme-ids.d.ts, the `SchemeId` union of the shipped types, from the catalog the
// built package holds (`schemes()` of dist/node): no list of ids is kept by hand anywhere, and the
// types name exactly the schemes the WebAssembly knows. Run by scripts/build.sh after the build.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const dist = new URL("../dist/", import.meta.url);
const { schemes } = createRequire(dist)("./node/index.cjs");
const catalog = schemes();
if (catalog.length === 0) throw new Error("scheme-ids: the catalog is empty");
const members = catalog.map(({ id, name }) => {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`scheme-ids: unexpected id ${JSON.stringify(id)}`);
  return `  /** ${name.replaceAll("*/", "*\\/")} */\n  | ${JSON.stringify(id)}`;
});
writeFileSync(new URL("scheme-ids.d.ts", dist), `// Generated from the catalog by scripts/scheme-ids.mjs when the package is built: do not edit.

/** The id of a catalog scheme: a built-in scheme or a provider preset (\`schemes()\` lists them with their facts). */
export type SchemeId =
${members.join("\n")};
`);
console.log(`dist/scheme-ids.d.ts: ${catalog.length} scheme ids`);
