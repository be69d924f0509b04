// hookseal/events: a verified body as its vendor's typed event. Plain JavaScript, no WebAssembly
// and no dependency: usable before (and without) `init()`, in every runtime the package supports.
//
// The tables this walks are generated from schemas/ (index.js), as the Rust crate's are
// (core/src/events/generated.rs), and the walk is the Rust validator's (core/src/events/shape.rs)
// rule for rule: same issues, same order, same messages, held to it by tests/events/cases.json.

/** The most issues one body reports (Rust: `hookseal::events::MAX_ISSUES`). */
const MAX_ISSUES = 100;

// Fatal: a body that is not UTF-8 is not JSON (as in Rust), never repaired with U+FFFD.
// ignoreBOM: a byte order mark stays, and JSON.parse refuses it (as serde_json does).
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** A body that is not its vendor's event: the first issue's code, path and message, and every issue. */
export class WebhookEventError extends Error {
  constructor(issues) {
    const [first] = issues;
    const where = first.path === "" ? "the body" : first.path;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super(`${first.code} at ${where}: ${first.message}${more}`);
    this.name = "WebhookEventError";
    /** The first issue's stable code: invalid_json, invalid_event, unknown_event_type, unknown_field. */
    this.code = first.code;
    /** The first issue's JSON Pointer into the body ("" for the whole body). */
    this.path = first.path;
    /** Every issue found (at most 100), the first first. */
    this.issues = Object.freeze(issues.map((issue) => Object.freeze(issue)));
  }
}

const issue = (code, path, message) => ({ code, path, message });

/** The body's text: a WebhookMessage's exact bytes, bytes, or a string as it is. */
function textOf(input) {
  if (typeof input === "string") return input;
  let bytes;
  if (input instanceof Uint8Array) bytes = input;
  else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else if (typeof input === "object" && input !== null && input.bytes instanceof Uint8Array) bytes = input.bytes;
  else throw new TypeError("input must be a WebhookMessage, a string, a Uint8Array or an ArrayBuffer");
  try {
    return decoder.decode(bytes);
  } catch {
    throw new WebhookEventError([issue("invalid_json", "", "not JSON: the body is not UTF-8")]);
  }
}

function checkOptions(options) {
  if (options === undefined) return false;
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object");
  if (options.strict !== undefined && typeof options.strict !== "boolean") throw new TypeError("options.strict must be a boolean");
  return options.strict === true;
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** `/key` as a JSON Pointer (RFC 6901) segment. */
const segment = (key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;

/** The JSON Pointer of the keys walked: made only for an issue, so a valid body costs none. */
const pointer = (keys) => keys.map(segment).join("");

/** Code point order: UTF-8 byte order, which the Rust side sorts by (UTF-16 order differs above U+FFFF). */
function byCodePoint(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

const EXPECTED = { string: "a string", integer: "an integer", number: "a number", boolean: "a boolean", any: "any value" };

function found(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "boolean":
      return "a boolean";
    case "number":
      return "a number";
    case "string":
      return "a string";
    default:
      return "an object";
  }
}

function push(issues, item) {
  if (issues.length < MAX_ISSUES) issues.push(item);
}

/** Whether `value` fits a scalar shape: "string", "integer", "number", "boolean" or "any". */
function fitsScalar(shape, value) {
  switch (shape) {
    case "any":
      return true;
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      // Whole and within ±(2^53 - 1): what JavaScript holds exactly, the bound Rust takes too.
      return Number.isSafeInteger(value);
    default:
      throw new Error(`hookseal/events: unknown shape ${shape}`);
  }
}

function walk(shape, value, keys, strict, issues) {
  if (issues.length >= MAX_ISSUES) return;
  let fits;
  let expected;
  if (typeof shape === "string") {
    fits = fitsScalar(shape, value);
    expected = EXPECTED[shape];
  } else if (shape.const !== undefined) {
    if (value !== shape.const) push(issues, issue("invalid_event", pointer(keys), `expected ${JSON.stringify(shape.const)}`));
    return;
  } else if (shape.items !== undefined) {
    fits = Array.isArray(value);
    expected = "an array";
    if (fits) {
      for (let index = 0; index < value.length; index++) {
        keys.push(index);
        walk(shape.items, value[index], keys, strict, issues);
        keys.pop();
      }
    }
  } else {
    fits = isObject(value);
    expected = "an object";
    if (fits) walkObject(shape, value, keys, strict, issues);
  }
  if (!fits) push(issues, issue("invalid_event", pointer(keys), `expected ${expected}, found ${found(value)}`));
}

function walkObject(shape, members, keys, strict, issues) {
  for (const [name, required, fieldShape] of shape.fields) {
    keys.push(name);
    if (hasOwn(members, name)) walk(fieldShape, members[name], keys, strict, issues);
    else if (required) push(issues, issue("invalid_event", pointer(keys), "missing required field"));
    keys.pop();
  }
  if (strict && !shape.open) {
    const undeclared = Object.keys(members).filter((key) => !shape.fields.some(([name]) => name === key));
    for (const key of undeclared.sort(byCodePoint)) push(issues, issue("unknown_field", pointer([...keys, key]), "not in the schema"));
  }
}

/**
 * Parses a verified body as one of `vendor`'s events (a table of index.js): the parsed JSON,
 * unchanged, once it fits its event's schema (the vendor's envelope for an event type hookseal
 * does not know). Strict mode also refuses an unknown event type and undeclared fields.
 */
export function parseWith(vendor, input, options) {
  const strict = checkOptions(options);
  const text = textOf(input);
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new WebhookEventError([issue("invalid_json", "", `not JSON: ${error?.message ?? error}`)]);
  }
  const { typeField } = vendor;
  const eventType = isObject(value) && hasOwn(value, typeField) && typeof value[typeField] === "string" ? value[typeField] : undefined;
  const index = eventType === undefined ? -1 : vendor.eventTypes.indexOf(eventType);
  const issues = [];
  if (eventType !== undefined && index < 0 && strict) {
    issues.push(issue("unknown_event_type", segment(typeField), `unknown event type ${JSON.stringify(eventType)}`));
  }
  // An unknown event's other fields are not known either: strict mode reports its type only.
  walk(index < 0 ? vendor.envelope : vendor.events[index], value, [], strict && index >= 0, issues);
  if (issues.length > 0) throw new WebhookEventError(issues);
  return value;
}

/** The vendors' facts, frozen: id, event type field, event types. */
export const vendorFacts = (tables) =>
  Object.freeze(tables.map(({ id, typeField, eventTypes }) => Object.freeze({ id, typeField, eventTypes: Object.freeze([...eventTypes]) })));

/** `parseWith` for the vendor with id `vendor`. */
export function parseById(tables, vendor, input, options) {
  const table = tables.find((candidate) => candidate.id === vendor);
  if (table === undefined) throw new TypeError(`vendor must be one of ${tables.map(({ id }) => id).join(", ")}`);
  return parseWith(table, input, options);
}
