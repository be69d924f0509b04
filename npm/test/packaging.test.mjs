// The packed tarball as type checkers and package linters read it, offline:
// @arethetypeswrong/cli finds no problem in any entry point under any module resolution (node10,
// node16 from CommonJS and from ESM, bundler), publint reports nothing, not even a suggestion,
// and tsc type-checks a CommonJS consumer (support/types/consumer-cjs.cts) under `module:
// node16`. All read the tarball `make npm` packed (npm/hookseal-<version>.tgz). The last test
// proves each bites: the same tarball with the one-declaration layout the package had before (an
// ES module .d.ts serving `require` too) must be flagged by all three.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const require = createRequire(import.meta.url);
const npmDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(await readFile(join(npmDir, "package.json"), "utf8"));
const tarball = join(npmDir, `hookseal-${manifest.version}.tgz`);

const attwPackage = require.resolve("@arethetypeswrong/cli/package.json");
const attwBin = join(attwPackage, "..", require(attwPackage).bin.attw);

/** attw on a tarball: its exit status, its problems by kind, the entry points it checked. */
function attw(file) {
  // --no-definitely-typed: never look for @types/hookseal on the registry.
  const run = (format) =>
    spawnSync(process.execPath, [attwBin, file, "--no-definitely-typed", "--no-color", "--format", format], {
      encoding: "utf8",
    });
  const json = run("json");
  const report = JSON.parse(json.stdout);
  return {
    status: json.status,
    problems: report.problems ?? {},
    entrypoints: Object.keys(report.analysis.entrypoints),
    table: () => run("ascii").stdout,
  };
}

/** publint's messages on a tarball, at every level (errors, warnings and suggestions). */
async function lint(file) {
  const bytes = await readFile(file);
  const { messages, pkg } = await publint({ pack: { tarball: new Uint8Array(bytes).buffer }, level: "suggestion" });
  return messages.map((message) => ({ ...message, text: formatMessage(message, pkg, { color: false }) }));
}

/**
 * tsc on a CommonJS consumer of the tarball, under `module: node16` (TypeScript 5.8+ lets
 * `nodenext` require ES modules, so it would not notice ES module declarations behind `require`).
 */
async function typecheckCommonJs(file) {
  const dir = await mkdtemp(join(tmpdir(), "hookseal-cts-"));
  try {
    await mkdir(join(dir, "node_modules", "hookseal"), { recursive: true });
    execFileSync("tar", ["-xzf", file, "-C", join(dir, "node_modules", "hookseal"), "--strip-components=1"]);
    await copyFile(fileURLToPath(new URL("./support/types/consumer-cjs.cts", import.meta.url)), join(dir, "consumer-cjs.cts"));
    const compilerOptions = {
      module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022"], types: [],
      strict: true, noEmit: true, skipLibCheck: false,
    };
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer-cjs.cts"] }));
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--project", join(dir, "tsconfig.json")], {
      encoding: "utf8",
    });
    return { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("attw: every entry point's types are right under node10, node16 (CJS and ESM) and bundler", () => {
  const result = attw(tarball);
  assert.deepEqual(result.problems, {}, result.table());
  assert.equal(result.status, 0, result.table());
  // Every subpath of the exports map was checked (attw discovers them from it).
  assert.deepEqual(result.entrypoints.sort(), Object.keys(manifest.exports).sort());
});

test("publint: no error, warning or suggestion", async () => {
  const messages = await lint(tarball);
  assert.deepEqual(messages.map((message) => `${message.type}: ${message.text}`), []);
});

test("tsc (module node16) type-checks a CommonJS consumer of the root entry and hookseal/asymmetric", async () => {
  const result = await typecheckCommonJs(tarball);
  assert.equal(result.output, "");
  assert.equal(result.status, 0);
});

test("the checks bite: one ES module .d.ts for every condition is flagged", async () => {
  const dir = await mkdtemp(join(tmpdir(), "hookseal-packaging-"));
  try {
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    const oneDeclaration = {
      ...manifest,
      types: "./dist/index.d.ts",
      exports: {
        ".": {
          types: "./dist/index.d.ts",
          node: { import: "./dist/node/index.mjs", require: "./dist/node/index.cjs" },
          default: "./dist/web/index.js",
        },
      },
    };
    await writeFile(join(dir, "package", "package.json"), JSON.stringify(oneDeclaration, null, 2));
    const broken = join(dir, "broken.tgz");
    execFileSync("tar", ["-czf", broken, "-C", dir, "package"]);

    const result = attw(broken);
    assert.notEqual(result.status, 0);
    assert.deepEqual(Object.keys(result.problems), ["FalseESM"], result.table());
    assert.match(result.table(), /node16 \(from CJS\): .*Masquerading as ESM/);

    const messages = await lint(broken);
    assert.deepEqual(messages.map((message) => message.code), ["EXPORTS_TYPES_INVALID_FORMAT"]);
    assert.equal(messages[0].type, "warning");

    const typecheck = await typecheckCommonJs(broken);
    assert.notEqual(typecheck.status, 0);
    assert.match(typecheck.output, /error TS1479: The current file is a CommonJS module/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
