// The shipped .d.ts type-checks a TypeScript consumer (no DOM or Node types needed).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

test("tsc --noEmit accepts the consumer and catches its misuses", () => {
  const tsc = fileURLToPath(new URL("./node_modules/typescript/bin/tsc", import.meta.url));
  const project = fileURLToPath(new URL("./support/types/tsconfig.json", import.meta.url));
  const output = execFileSync(process.execPath, [tsc, "--project", project], { encoding: "utf8" });
  assert.equal(output, "");
});
