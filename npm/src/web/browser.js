// The browser entries' shared part: compiling the wasm is asynchronous here (Chromium refuses to
// compile more than 4 KB synchronously on the main thread), so `await init()` once before using
// the API. `init` is idempotent; using the API before it resolves throws an Error saying so.
// Diagnose and the catalog's documentation are in a module of their own, which only
// `loadDiagnose()` loads (the playground, or a page that calls `diagnose()`).
import { createApi } from "../api.js";

/** The API over `bindings`, whose wasm `init` loads (from `defaultWasm`, or from `input`: a URL,
 * Response, bytes or Module). */
export function browserEntry(initBindings, bindings, defaultWasm) {
  let ready = false;
  let pending;
  const init = (input) => {
    pending ??= initBindings({ module_or_path: input ?? defaultWasm }).then(() => {
      ready = true;
    });
    return pending;
  };
  let diagnoseBindings;
  let diagnosePending;
  /** Loads diagnose's module (from next to the package's, or from `input`), once. */
  const loadDiagnose = (input) => {
    diagnosePending ??= import("../diagnose/hookseal.js").then(async (module) => {
      await module.default({ module_or_path: input ?? new URL("../diagnose/hookseal_bg.wasm", import.meta.url) });
      diagnoseBindings = module;
    });
    return diagnosePending;
  };
  const api = createApi(bindings, {
    ensureReady() {
      if (!ready) throw new Error("hookseal: call `await init()` once before using it in the browser");
    },
    diagnostics: () => diagnoseBindings,
  });
  return { ...api, init, loadDiagnose };
}
