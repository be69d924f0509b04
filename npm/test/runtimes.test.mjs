// Bun and Deno run the package's own suites against the installed tarball: the shared vectors
// through `import` and `require` (support/vectors.mjs) and the API tests, unchanged (both
// runtimes run node:test files). The runtimes are the npm packages that carry their binaries
// (optionalDependencies of npm/test, pinned), so nothing is downloaded any other way; both stay
// off the network (Deno has no --allow-net, Bun does no auto-install). Each run must pass every
// test of the files, and the package must resolve to the tarball's Node build.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL(".", import.meta.url));
const installed = join(here, "node_modules", "hookseal", "dist", "node");
const SUITES = ["./api.test.mjs", "./vectors.test.mjs", "./vectors.test.cjs"];

/** How many tests the suites declare at their top level: each runtime must pass at least these. */
const declared = SUITES.map((file) => readFileSync(join(here, file), "utf8").match(/^test\(/gm)?.length ?? 0)
  .reduce((sum, count) => sum + count, 0);
/** Tests every run must name as passed: the vectors both ways and the API's error codes. */
const MUST_PASS = [
  "every shared vector gives the same result through `import`",
  "every shared vector gives the same result through `require`",
  "every error code is reachable from JS",
  "wrong argument types are TypeErrors",
];

/** The binary an npm package of this project's npm/test carries. */
function binary(pkg, path) {
  let manifest;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    assert.fail(`${pkg} is not installed in npm/test (an optionalDependency there, for Linux x64 only): run make test-npm on Linux x64`);
  }
  return { path: join(dirname(manifest), path), version: require(manifest).version };
}

// Quiet, offline, uncoloured: no update checks, telemetry or prompts.
const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", DO_NOT_TRACK: "1" };
const run = (file, args) => {
  const result = spawnSync(file, args, { cwd: here, env, encoding: "utf8", timeout: 170_000 });
  assert.equal(result.error, undefined, String(result.error));
  return { ...result, output: `${result.stdout}\n${result.stderr}` };
};

const RUNTIMES = {
  bun: {
    binary: () => binary("@oven/bun-linux-x64", "bin/bun"),
    version: (output) => output.trim(),
    resolve: ['--no-install', "-e", 'console.log(require.resolve("hookseal")); console.log(Bun.resolveSync("hookseal", process.cwd() + "/"))'],
    test: ["--no-install", "test", "--timeout=60000", ...SUITES],
    // "(pass) name" per test, then " N pass" and " N fail".
    results: (output) => ({
      passed: [...output.matchAll(/^\(pass\) (.*?)(?: \[[\d.]+m?s\])?$/gm)].map((match) => match[1]),
      counts: [Number(output.match(/^ *(\d+) pass$/m)?.[1]), Number(output.match(/^ *(\d+) fail$/m)?.[1])],
    }),
  },
  deno: {
    binary: () => binary("@deno/linux-x64-glibc", "deno"),
    version: (output) => output.match(/^deno (\S+)/)?.[1],
    // npm/test/node_modules as it is (never a download), and no deno.lock written into the tree.
    resolve: ["eval", "--node-modules-dir=manual", "--no-lock", "--cached-only", 'console.log(import.meta.resolve("hookseal"))'],
    test: ["test", "--node-modules-dir=manual", "--no-lock", "--cached-only", "--allow-read", "--allow-env", ...SUITES],
    // "name ... ok (12ms)" per test, then "ok | N passed | N failed".
    results: (output) => ({
      passed: [...output.matchAll(/^(.*) \.\.\. ok(?: \(.*\))?$/gm)].map((match) => match[1]),
      counts: (output.match(/^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/m)?.slice(1) ?? []).map(Number),
    }),
  },
};

for (const [name, runtime] of Object.entries(RUNTIMES)) {
  test(`${name}: the pinned npm package's binary, resolving hookseal to the installed tarball's Node build`, () => {
    const { path, version } = runtime.binary();
    const reported = run(path, ["--version"]);
    assert.equal(reported.status, 0, reported.output);
    assert.equal(runtime.version(reported.stdout), version);
    const resolved = run(path, runtime.resolve);
    assert.equal(resolved.status, 0, resolved.output);
    const files = resolved.stdout.trim().split("\n").map((line) => (line.startsWith("file:") ? fileURLToPath(line) : line));
    assert.ok(files.length > 0);
    for (const file of files) assert.match(file, new RegExp(`^${installed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/index\\.[cm]js$`));
  });

  test(`${name}: the shared vectors (import and require) and the API tests pass`, () => {
    const result = run(runtime.binary().path, runtime.test);
    const { passed, counts } = runtime.results(result.output);
    assert.equal(result.status, 0, result.output);
    const [passes, failures] = counts;
    assert.equal(failures, 0, result.output);
    assert.equal(passes, passed.length, result.output);
    assert.ok(passes >= declared, `${passes} passed, the suites declare ${declared}:\n${result.output}`);
    for (const title of MUST_PASS) assert.ok(passed.includes(title), `${title} did not pass:\n${result.output}`);
  });
}
