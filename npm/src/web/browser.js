// The browser entries' shared part: compiling the wasm is asynchronous here (Chromium refuses to
// compile more than 4 KB synchronously on the main thread), so `await init()` once before using
// the API. `init` is idempotent; using the API before it resolves throws an Error saying so.
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
  const api = createApi(bindings, {
    ensureReady() {
      if (!ready) throw new Error("hookseal: call `await init()` once before using it in the browser");
    },
  });
  return { ...api, init };
}
