// The package's API over the wasm bindings: argument checks (TypeError for wrong types,
// RangeError for numbers out of range), header collection and error translation. Every webhook
// rule lives in the Rust core; nothing here decides whether a message is authentic.

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();
const encodeWithTextEncoder = (text) => textEncoder.encode(text);
/** Writes `text` as UTF-8 into `view` from `offset` (room enough); the bytes written. */
const writeWithTextEncoder = (view, text, offset) => textEncoder.encodeInto(text, view.subarray(offset)).written;

/** A webhook that did not verify, or a verifier or signer that could not be built. */
export class WebhookVerificationError extends Error {
  constructor(code, message, hint) {
    super(message);
    this.name = "WebhookVerificationError";
    /** The core's stable snake_case code, such as `no_matching_signature`. */
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }
}

/**
 * Runs a binding call, turning the `[code, message, hint]` arrays it throws into errors, and
 * anything else (a WebAssembly trap, a wasm-bindgen error) into an `internal_error`: callers catch
 * one error type. `state.broken` is set by a trap: the instance's memory may be left inconsistent
 * (a shadow stack never unwound, an allocation half made), so every later call fails closed
 * rather than verify on it. Reloading the module (restarting the process) gives a new instance.
 */
function call(state, binding) {
  if (state.broken) throw stopped(state);
  try {
    return binding();
  } catch (thrown) {
    throw failure(state, thrown);
  }
}

const stopped = (state) => new WebhookVerificationError("internal_error", `internal error: hookseal's WebAssembly stopped earlier (${state.broken.message}); reload the module`);

/** The error to throw for what a binding call threw (see `call`). */
function failure(state, thrown) {
  if (Array.isArray(thrown)) return new WebhookVerificationError(thrown[0], thrown[1], thrown[2]);
  if (thrown instanceof WebAssembly.RuntimeError) state.broken = thrown;
  const error = new WebhookVerificationError("internal_error", `internal error: ${thrown?.message ?? thrown}`);
  error.cause = thrown;
  return error;
}

function toBytes(value, what) {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError(`${what} must be a string, Uint8Array or ArrayBuffer`);
}

const checkSecret = (secret) => (typeof secret === "string" ? secret : toBytes(secret, "secret"));

/** A scheme id, or a custom scheme object, which the core reads field by field (and refuses
 * unknown fields of). */
function checkScheme(scheme) {
  if (scheme === undefined) return "standard-webhooks";
  if (typeof scheme === "string") return scheme;
  if (typeof scheme !== "object" || scheme === null || Array.isArray(scheme)) {
    throw new TypeError("scheme must be a scheme id string or a custom scheme object");
  }
  return scheme;
}

/** `value` if it is a string or undefined. */
function checkText(value, what) {
  if (value !== undefined && typeof value !== "string") throw new TypeError(`${what} must be a string`);
  return value;
}

/** Whole seconds, as the core takes them: a TypeError for a non-number, a RangeError for a
 * number outside the range (negative, fractional, NaN, infinite or beyond 2^53 - 1), as the
 * language's own built-ins do. */
function checkSeconds(value, what) {
  if (value === undefined) return undefined;
  if (typeof value !== "number") throw new TypeError(`${what} must be a number of seconds`);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer number of seconds, not ${value}`);
  }
  return value;
}

const NO_OPTIONS = Object.freeze({});

function checkOptions(options) {
  if (options === undefined) return NO_OPTIONS;
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object");
  return options;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The values of `names` in `headers` (a Fetch `Headers`, or a plain object with any-case keys and
 * string, string[] or undefined values) as `name\nvalue\n…` lines, the form the bindings take
 * in one crossing. A name given twice (a string[] of more than one value, or two keys differing in
 * case) is `malformed_header`: picking one would let a forged value hide behind a genuine one.
 * Fetch `Headers` join repeated values with ", " into one value, which the scheme then parses.
 */
function collectHeaders(headers, names, checked = true) {
  if (typeof headers !== "object" || headers === null) {
    throw new TypeError("headers must be a Headers object or a plain object");
  }
  let lines = "";
  collected = 0;
  if (typeof headers.get === "function") {
    for (const name of names) {
      const value = headers.get(name);
      if (value !== null) lines = addLine(lines, name, value, checked);
    }
    return lines;
  }
  // One pass over the keys, which may be in any case; `seen` has a bit per name (the first 31;
  // diagnose asks for more, listed in `seenMore`).
  let seen = 0;
  let seenMore;
  for (const key of Object.keys(headers)) {
    // Keys already lowercase (Node's) are looked up as they are: lowercasing every key first
    // was a tenth of collecting them.
    let name = key;
    let index = names.indexOf(key);
    if (index < 0) {
      name = key.toLowerCase();
      if (name === key) continue;
      index = names.indexOf(name);
      if (index < 0) continue;
    }
    let value = headers[key];
    if (Array.isArray(value)) {
      if (value.length > 1) throw sentTwice(name);
      value = value[0];
    }
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") throw new TypeError(`header ${name} must be a string or string[]`);
    if (index < 31) {
      if (seen & (1 << index)) throw sentTwice(name);
      seen |= 1 << index;
    } else {
      seenMore ??= [];
      if (seenMore.includes(index)) throw sentTwice(name);
      seenMore.push(index);
    }
    lines = addLine(lines, name, value, checked);
  }
  return lines;
}

/**
 * How many headers the last `collectHeaders` put in its lines. `verify` collects unchecked and
 * passes the count: the bindings find a line break in a value (the lines come out at another
 * count) in one scan, and `verify` then collects again, checked, for the error naming the header.
 */
let collected = 0;

const sentTwice = (name) => new WebhookVerificationError("malformed_header", `malformed header ${name}: sent more than once`);

function addLine(lines, name, value, checked) {
  collected++;
  if (checked && (value.includes("\n") || value.includes("\r"))) {
    // HTTP forbids line breaks in header values; one here would also break the line format.
    throw new WebhookVerificationError("malformed_header", `malformed header ${name}: contains a line break`);
  }
  return lines === "" ? `${name}\n${value}` : `${lines}\n${name}\n${value}`;
}

const NOTHING_UNSIGNED = Object.freeze({});
/** Room around a body for the bytes the core hashes with it beyond those the headers, URL and
 * method give (3 bytes a character, a bound): the pad (64), the digest (32), a template's own
 * text. */
const AROUND_BODY = 64 + 32 + 256;
const PLUS = "+".charCodeAt(0);
/** The bindings' answer when the header lines hold a line break (see `collected`). */
const LINE_BREAK = "!";

/**
 * `lines` with the other headers of `headers` (those not in `names`) appended, for detection:
 * a scheme may be told apart by a header it does not read, such as HubSpot's signature version.
 * Only single values that fit a line are added; nothing here is verified.
 */
function withOtherHeaders(lines, headers, names) {
  const others = [];
  const add = (name, value) => {
    if (names.includes(name) || typeof value !== "string" || /[\r\n]/.test(value)) return;
    others.push(name, value);
  };
  if (typeof headers.get === "function") {
    if (typeof headers.forEach === "function") headers.forEach((value, name) => add(String(name).toLowerCase(), value));
  } else {
    const counts = new Map();
    for (const key of Object.keys(headers)) counts.set(key.toLowerCase(), (counts.get(key.toLowerCase()) ?? 0) + 1);
    for (const key of Object.keys(headers)) {
      const value = headers[key];
      const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
      if (counts.get(key.toLowerCase()) === 1) add(key.toLowerCase(), single);
    }
  }
  if (others.length === 0) return lines;
  const text = others.join("\n");
  return lines === "" ? text : `${lines}\n${text}`;
}

/**
 * A verified webhook: its exact bytes and what the signature covers (`id`, `timestamp`), apart
 * from `unsigned`, what the request's headers claim without the signature covering it.
 */
class WebhookMessage {
  #body;
  #bytes;
  #encodeText;
  #text;
  /** `answer`: the core's `+id\ntimestamp\nunsignedId\nunsignedEventType` (read with indexOf:
   * `split` made an array on every verify). */
  constructor(scheme, covers, answer, body, encodeText) {
    const idEnd = answer.indexOf("\n", 1);
    const timestampEnd = answer.indexOf("\n", idEnd + 1);
    const unsignedIdEnd = answer.indexOf("\n", timestampEnd + 1);
    this.scheme = scheme;
    /** What the scheme's signature covers: some of "body", "timestamp", "id". */
    this.covers = covers;
    if (idEnd > 1) this.id = answer.slice(1, idEnd);
    if (timestampEnd > idEnd + 1) this.timestamp = Number(answer.slice(idEnd + 1, timestampEnd));
    const unsignedId = answer.slice(timestampEnd + 1, unsignedIdEnd);
    const unsignedEventType = answer.slice(unsignedIdEnd + 1);
    /** Header values the signature does not cover: anyone could have set them. */
    this.unsigned = NOTHING_UNSIGNED;
    if (unsignedId || unsignedEventType) {
      const unsigned = {};
      if (unsignedId) unsigned.id = unsignedId;
      if (unsignedEventType) unsigned.eventType = unsignedEventType;
      this.unsigned = Object.freeze(unsigned);
    }
    // A string body was verified as its UTF-8 bytes, written straight into the WebAssembly
    // memory: its bytes are made again only if asked for.
    if (typeof body === "string") {
      this.#body = body;
      this.#encodeText = encodeText;
    } else {
      this.#bytes = body;
    }
  }

  /** The body's exact bytes. */
  get bytes() {
    this.#bytes ??= this.#encodeText(this.#body);
    return this.#bytes;
  }

  /** The verified bytes decoded as UTF-8 (a string body was UTF-8-encoded before verifying). */
  text() {
    // A well-formed string is what its UTF-8 bytes decode to; one with a lone surrogate is not.
    this.#text ??= this.#body?.isWellFormed?.() ? this.#body : textDecoder.decode(this.bytes);
    return this.#text;
  }

  /** The body parsed as JSON. */
  json() {
    return JSON.parse(this.text());
  }
}

function base64(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Builds the API over one set of wasm bindings. `ensureReady` throws when the bindings cannot be
 * used yet (the browser build before `init()`). The body and header lines are written straight
 * into the WebAssembly memory: `viewOf(buffer)` makes the view to write through, `writeText(view,
 * text, offset)` writes UTF-8 and answers the bytes written, `readText(view, start, end)`
 * decodes UTF-8, `encodeText(text)` makes a string's bytes (Node passes Buffer's, several times
 * faster there than TextEncoder's). `hostMac`, where the host has a faster synchronous SHA-256
 * than WebAssembly (Node's OpenSSL), is `{ minBodyBytes, streamBytes, innerHash(view, start,
 * middle, end, body) }`: for bodies of at least `minBodyBytes` the host hashes the inner half of
 * HMAC-SHA256 (the half over the body): `view` from `start` to `middle`, `body` (when not
 * `undefined`: bodies from `streamBytes` on; else the body is in `view`), `view` from `middle` to
 * `end`, and writes the 32-byte digest into `view` at `end`, answering `true`. The core puts
 * the bytes there (the key's pad among them), computes the rest and does every check. `diagnostics()` gives
 * the bindings that can diagnose (and have the catalog's documentation): `bindings` themselves
 * in Node and workerd, diagnose's own module in browsers once loaded, else `undefined`.
 */
export function createApi(bindings, {
  ensureReady = () => {},
  encodeText = encodeWithTextEncoder,
  viewOf = (buffer) => new Uint8Array(buffer),
  writeText = writeWithTextEncoder,
  readText = (view, start, end) => textDecoder.decode(view.subarray(start, end)),
  hostMac,
  diagnostics = () => bindings,
} = {}) {
  // Shared by every object of this instance: one trap stops them all (see `call`).
  const state = { broken: undefined };
  const wasm = (binding) => call(state, binding);
  const toBody = (body) => (typeof body === "string" ? encodeText(body) : toBytes(body, "body"));
  const { WasmVerifier, WasmSigner, detectScheme, detectSchemes, knownHeaderNames, inputBuffer } = bindings;
  // The input buffer in the WebAssembly memory, `length` bytes or more: a view of the memory
  // (made again when the memory grows) and the buffer's offset in it.
  let memory;
  let view;
  const refreshView = () => {
    // A view of a memory that grew since is detached: its length is 0 (the buffer is not).
    if (view === undefined || view.byteLength === 0) {
      memory ??= bindings.wasmMemory();
      view = viewOf(memory.buffer);
    }
  };
  // The input buffer's offset and length: it moves only when `inputBuffer` grows it.
  let inputOffset = 0;
  let inputLength = 0;
  const input = (length) => {
    if (length > inputLength) {
      inputOffset = inputBuffer(length);
      inputLength = length;
    }
    refreshView();
    return inputOffset;
  };
  /** Writes a body (a string, as UTF-8, or bytes) into the view at `at`; its length in bytes. */
  const writeBody = (text, body, at) => {
    if (text) return writeText(view, body, at);
    view.set(body, at);
    return body.length;
  };
  /** The answer at `location` (see `answer_at` in the bindings: the output buffer's address,
   * plus its length times 2^32). */
  const readAnswer = (location) => {
    const offset = location >>> 0;
    refreshView();
    return readText(view, offset, offset + (location - offset) / 4294967296);
  };
  /**
   * What the core calls back to have a body hashed (see `hostMac`), one per verifier: the body
   * of a verify under way is set on it for the call when the body is not in the WebAssembly
   * memory. `innerHash` never throws (a throw would unwind through the WebAssembly): a failure is
   * `false`, which matches no signature.
   */
  const innerHasher = () => ({
    body: undefined,
    innerHash(start, middle, end) {
      try {
        refreshView();
        return hostMac.innerHash(view, start, middle, end, this.body) === true;
      } catch {
        return false;
      }
    },
  });
  let knownNames;
  let catalog;
  let catalogSource;

  class Webhook {
    #verifier;
    #signer;
    #scheme;
    #secrets;
    #headerNames;
    #schemeId;
    #covers;
    #hasher;
    #tolerance;
    #full;

    constructor(secret, options) {
      const { scheme, toleranceSeconds } = checkOptions(options);
      this.#scheme = checkScheme(scheme);
      this.#secrets = (Array.isArray(secret) ? secret : [secret]).map(checkSecret);
      const tolerance = checkSeconds(toleranceSeconds, "toleranceSeconds");
      this.#tolerance = tolerance;
      ensureReady();
      wasm(() => {
        this.#verifier = new WasmVerifier(this.#scheme, this.#secrets, tolerance);
        this.#headerNames = this.#verifier.headerNames();
        this.#schemeId = this.#verifier.schemeId;
        this.#covers = Object.freeze(this.#verifier.covers);
        // Only where the core says a host-computed HMAC-SHA256 can stand in for its own.
        if (hostMac !== undefined && this.#verifier.hostMac) {
          this.#hasher = innerHasher();
          this.#verifier.setInnerHasher(this.#hasher);
        }
      });
    }

    /** The scheme's id (`custom` for a custom scheme). */
    get scheme() {
      return this.#schemeId;
    }

    /** What the scheme's signature covers: some of "body", "timestamp", "id", "url", "method". */
    get covers() {
      return this.#covers;
    }

    /**
     * Verifies the raw body against the request headers; throws WebhookVerificationError.
     * `options.url` and `options.method` are the request's, for schemes that sign them.
     */
    verify(body, headers, options) {
      const text = typeof body === "string";
      const bytes = text ? body : toBytes(body, "body");
      const lines = collectHeaders(headers, this.#headerNames, false);
      const count = collected;
      let now;
      let url;
      let method;
      if (options !== undefined) {
        ({ now, url, method } = checkOptions(options));
        now = checkSeconds(now, "now");
        checkText(url, "url");
        checkText(method, "method");
      }
      now ??= nowSeconds();
      // `+id\ntimestamp\nunsignedId\nunsignedEventType` or `-code\nmessage\nhint`. (What
      // `call` does, inline: no closure per verify.)
      if (state.broken) throw stopped(state);
      let answer;
      try {
        answer = this.#hasher !== undefined && bytes.length >= hostMac.minBodyBytes
          ? this.#verifyWithHostMac(text, bytes, lines, count, now, url, method)
          : this.#verifyInput(text, bytes, lines, count, now, url, method);
      } catch (thrown) {
        throw failure(state, thrown);
      }
      if (answer === LINE_BREAK) {
        collectHeaders(headers, this.#headerNames); // throws malformed_header, naming the header
        throw new WebhookVerificationError("internal_error", "internal error: the header lines were misread");
      }
      if (answer.charCodeAt(0) !== PLUS) {
        const [code, message, hint] = answer.slice(1).split("\n");
        throw new WebhookVerificationError(code, message, hint || undefined);
      }
      return new WebhookMessage(this.#schemeId, this.#covers, answer, bytes, encodeText);
    }

    /**
     * The core verifies the header lines and the body (a string or bytes), written straight
     * into its memory: one crossing, and only numbers cross. (A string's length in UTF-16 units
     * is at most its UTF-8 length, and its UTF-8 at most three times it.)
     */
    #verifyInput(text, body, lines, count, now, url, method) {
      const offset = input(3 * lines.length + (text ? 3 : 1) * body.length);
      const headersLength = writeText(view, lines, offset);
      const bodyLength = writeBody(text, body, offset + headersLength);
      return readAnswer(this.#verifier.verifyInput(headersLength, count, bodyLength, now, url, method));
    }

    /**
     * The host hashes the body (a string or bytes); the core finishes the HMAC and checks. A
     * body below `hostMac.streamBytes` is written into the WebAssembly memory with room around
     * it, where the core puts what the hash starts and ends with: the host hashes that memory in
     * one piece. A larger one stays here, streamed into the hash (a copy would cost more).
     */
    #verifyWithHostMac(text, body, lines, count, now, url, method) {
      if (body.length >= hostMac.streamBytes) {
        const offset = input(3 * lines.length);
        const headersLength = writeText(view, lines, offset);
        const hasher = this.#hasher;
        hasher.body = body;
        try {
          return readAnswer(this.#verifier.verifyInputWithInnerHash(headersLength, count, false, headersLength, 0, now, url, method));
        } finally {
          hasher.body = undefined;
        }
      }
      // The core's bytes around the body (the pad, the id and timestamp, the URL…) come from
      // the headers, URL and method: room for them and the digest; short of room, the core
      // hashes by itself (slower, never wrong).
      const room = AROUND_BODY + 3 * (lines.length + (url?.length ?? 0) + (method?.length ?? 0));
      const bodyRoom = (text ? 3 : 1) * body.length;
      const offset = input(3 * lines.length + room + bodyRoom + room);
      const headersLength = writeText(view, lines, offset);
      const bodyAt = headersLength + room;
      const bodyLength = writeBody(text, body, offset + bodyAt);
      return readAnswer(this.#verifier.verifyInputWithInnerHash(headersLength, count, true, bodyAt, bodyLength, now, url, method));
    }

    /**
     * Reads a Fetch API Request's raw body once and verifies it, with the Request's URL and
     * method for schemes that sign them (`options.url` overrides the URL: behind a proxy, pass
     * the public URL the sender used).
     */
    async verifyRequest(request, options) {
      if (typeof request !== "object" || request === null || typeof request.arrayBuffer !== "function") {
        throw new TypeError("request must be a Fetch API Request");
      }
      const { url = request.url, method = request.method, ...rest } = checkOptions(options);
      return this.verify(new Uint8Array(await request.arrayBuffer()), request.headers, { ...rest, url, method });
    }

    /**
     * The headers to send with `body` in this scheme, as a plain object. `timestamp` defaults to
     * now; `id` is needed by schemes that sign one (Standard Webhooks, Svix).
     */
    sign(body, options) {
      const bytes = toBody(body);
      const { id, timestamp, eventType, url, method, headers } = checkOptions(options);
      for (const [what, value] of [["id", id], ["eventType", eventType], ["url", url], ["method", method]]) {
        checkText(value, what);
      }
      const seconds = checkSeconds(timestamp, "timestamp") ?? nowSeconds();
      // Values of headers a custom template signs by name ({header:Name}).
      const named = headers === undefined ? "" : collectHeaders(headers, this.#headerNames);
      this.#signer ??= wasm(() => new WasmSigner(this.#scheme, this.#secrets[0]));
      const flat = wasm(() => this.#signer.sign(bytes, id, seconds, eventType, url, method, named));
      const signed = {};
      for (let i = 0; i < flat.length; i += 2) signed[flat[i]] = flat[i + 1];
      return signed;
    }

    /**
     * This verifier in the full module, which diagnoses and answers endpoint challenges: the
     * module itself in Node and workerd; in browsers, whose default module only verifies and
     * signs, the one `loadDiagnose()` loads (`what` names the call that needs it).
     */
    #fullVerifier(what) {
      if (this.#full === undefined) {
        const full = diagnostics();
        if (full === undefined) {
          throw new Error(`hookseal: call \`await loadDiagnose()\` once before ${what} in the browser (it loads the full module)`);
        }
        this.#full = full === bindings ? this.#verifier : wasm(() => new full.WasmVerifier(this.#scheme, this.#secrets, this.#tolerance));
      }
      return this.#full;
    }

    /**
     * Answers the endpoint challenge of the scheme's provider when the request is one (Zoom's
     * URL validation, Meta's and WhatsApp's verification request, X's CRC check): call it before
     * `verify`, with the same raw body and headers and the request's `url` (its query at least)
     * and `method`. Returns `{ status, contentType, body }` to send back as it is (the request
     * is not a message: never act on it), or `null` when the request is not a challenge or the
     * scheme has none. A Zoom challenge is answered only once it verified (else this throws
     * WebhookVerificationError like `verify`); a Meta one only when its `hub.verify_token` is
     * `options.verifyToken` (status 403 otherwise).
     */
    answerHandshake(body, headers, options) {
      const bytes = toBody(body);
      const lines = collectHeaders(headers, this.#headerNames);
      const { now: clock, url, method, verifyToken } = checkOptions(options);
      const now = checkSeconds(clock, "now") ?? nowSeconds();
      checkText(url, "url");
      checkText(method, "method");
      checkText(verifyToken, "verifyToken");
      const verifier = this.#fullVerifier("answerHandshake()");
      const answer = wasm(() => verifier.answerHandshake(bytes, lines, now, url, method, verifyToken));
      if (answer === undefined) return null;
      const [status, contentType, text] = answer;
      return { status, contentType, body: text };
    }

    /**
     * Explains why a webhook does or does not verify, for the holder of the secret (the result
     * contains the expected signatures: never send it to the webhook's sender). Options as for
     * `verify`.
     */
    diagnose(body, headers, options) {
      const bytes = toBody(body);
      knownNames ??= wasm(knownHeaderNames);
      const names = [...new Set([...knownNames, ...this.#headerNames])];
      const flat = withOtherHeaders(collectHeaders(headers, names), headers, names);
      const { now: clock, url, method } = checkOptions(options);
      const now = checkSeconds(clock, "now") ?? nowSeconds();
      checkText(url, "url");
      checkText(method, "method");
      const diagnoser = this.#fullVerifier("diagnose()");
      const diagnosis = wasm(() => diagnoser.diagnose(bytes, flat, now, url, method));
      const { error, hints, ...rest } = diagnosis;
      return {
        valid: error === undefined,
        ...(error && { error: new WebhookVerificationError(error[0], error[1], error[2]) }),
        ...rest,
        hints: hints.map(([code, message]) => ({ code, message })),
      };
    }

    /** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
    static generateSecret() {
      return `whsec_${base64(globalThis.crypto.getRandomValues(new Uint8Array(32)))}`;
    }
  }

  /** The request's headers as the core's detection reads them. */
  function detectionLines(headers) {
    ensureReady();
    knownNames ??= wasm(knownHeaderNames);
    return withOtherHeaders(collectHeaders(headers, knownNames), headers, knownNames);
  }

  /** The catalog scheme whose headers `headers` carries best, or undefined. */
  function detect(headers) {
    const lines = detectionLines(headers);
    return wasm(() => detectScheme(lines));
  }

  /**
   * Every catalog scheme whose headers `headers` carries, best match first (an empty array when
   * none): several providers share a header, so the first is a guess.
   */
  function detectAll(headers) {
    const lines = detectionLines(headers);
    return Object.freeze(wasm(() => detectSchemes(lines)));
  }

  /**
   * The catalog: every scheme the package knows (built-in schemes, then provider presets), each
   * with its facts as the core holds them (`id`, `name`, `docs`, `key`, `secretFormat`,
   * `algorithm`, `needs`, `covers`, `headers`, `unsignedHeaders`, `signatureHeader`, `signatureLayout`,
   * `signedContent`, `toleranceSeconds`, `tolerancePastOnly`, `handshake`, `sample`; see
   * `SchemeInfo` in index.d.ts). Frozen, and built once.
   */
  function schemes() {
    ensureReady();
    // Browsers: the documentation fields (docs, sample, …) come with diagnose's module.
    const source = diagnostics() ?? bindings;
    if (catalogSource === source) return catalog;
    catalogSource = source;
    catalog = Object.freeze(
      wasm(source.schemeCatalog).map((entry) =>
        Object.freeze({
          ...entry,
          needs: Object.freeze(entry.needs),
          covers: Object.freeze(entry.covers),
          headers: Object.freeze(entry.headers),
          unsignedHeaders: Object.freeze(entry.unsignedHeaders),
        })),
    );
    return catalog;
  }

  return { Webhook, WebhookVerificationError, detectScheme: detect, detectSchemes: detectAll, schemes };
}
