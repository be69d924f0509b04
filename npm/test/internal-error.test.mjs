// A WebAssembly trap never leaves the API as a RuntimeError: it becomes a WebhookVerificationError
// with code `internal_error`, and every later call fails closed the same way (after a trap the
// instance's memory may be inconsistent). The trap is injected into the bindings: the package's
// own calls no longer trap. Its own file: the test breaks the process's instance for good.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { Webhook, WebhookVerificationError, detectScheme } from "hookseal";

const require = createRequire(import.meta.url);
const bindings = require(join(dirname(require.resolve("hookseal")), "hookseal.js"));
const NOW = 1_700_000_000;

const codeOf = (action) => {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError, `escaped: ${error?.name}: ${error?.message}`);
    return error.code;
  }
  return "ok";
};

test("a wasm trap is internal_error, and the instance then refuses every call", () => {
  const wh = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  const headers = wh.sign("{}", { id: "msg_1", timestamp: NOW });
  assert.equal(codeOf(() => wh.verify("{}", headers, { now: NOW })), "ok");

  // A non-trap failure of the bindings (wasm-bindgen's own errors) is internal_error too, and
  // leaves the instance usable.
  const { diagnose } = bindings.WasmVerifier.prototype;
  bindings.WasmVerifier.prototype.diagnose = () => {
    throw new Error("recursive use of an object detected");
  };
  assert.equal(codeOf(() => wh.diagnose("{}", headers, { now: NOW })), "internal_error");
  assert.equal(codeOf(() => wh.verify("{}", headers, { now: NOW })), "ok");

  bindings.WasmVerifier.prototype.diagnose = () => {
    throw new WebAssembly.RuntimeError("unreachable");
  };
  try {
    wh.diagnose("{}", headers, { now: NOW });
    assert.fail("no error");
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError);
    assert.equal(error.code, "internal_error");
    assert.ok(error.cause instanceof WebAssembly.RuntimeError);
  }
  bindings.WasmVerifier.prototype.diagnose = diagnose;

  // Fail closed: nothing verifies, signs or builds on this instance any more.
  assert.equal(codeOf(() => wh.verify("{}", headers, { now: NOW })), "internal_error");
  assert.equal(codeOf(() => wh.diagnose("{}", headers, { now: NOW })), "internal_error");
  assert.equal(codeOf(() => wh.sign("{}", { id: "msg_2" })), "internal_error");
  assert.equal(codeOf(() => new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), "internal_error");
  assert.equal(codeOf(() => detectScheme(headers)), "internal_error");
  // Wrong argument types are still TypeErrors, checked before the wasm.
  assert.throws(() => wh.verify(42, headers), TypeError);
});
