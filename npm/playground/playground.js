// The hookseal playground: verify and diagnose a pasted webhook, sign test events. Everything runs
// here on the npm package's browser build; the page fetches nothing but its own files, and the
// secrets are never written to the URL.
import { init, loadDiagnose, Webhook, WebhookVerificationError, detectSchemes, schemes } from "./hookseal/asymmetric/index.js";
import { WebhookEventError, eventVendors, parseEvent } from "./hookseal/events/index.js";

// Every scheme this page knows is the package's catalog (`schemes()`): its ids, names, what each
// signs, the headers it reads, its window, its key and its sample event. Nothing about a scheme is
// written here.

/** The catalog, once the package is loaded. */
let catalog = [];
/** The package's default scheme (what `new Webhook(secret)` uses). */
let defaultScheme = "";
const catalogEntry = (id) => catalog.find((entry) => entry.id === id);

const CUSTOM_EXAMPLE = `{
  "signatureHeader": "X-Signature",
  "prefix": "sha256=",
  "encoding": "hex",
  "template": "{timestamp}.{body}",
  "timestampHeader": "X-Timestamp",
  "idHeader": "X-Id"
}`;

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A problem with what was typed (not a verification outcome). */
class InputError extends Error {}

let ready = false;
let samples = [];
/** event-schemas.json: each vendor's events and their fields, from schemas/. */
let eventSchemas = [];

// ---------------------------------------------------------------------------------------------
// Small DOM helpers: text only ever goes in as text, never as HTML.

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false || value === null) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const code = (text) => el("code", {}, text);

function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

// ---------------------------------------------------------------------------------------------
// Input parsing.

/**
 * Request headers typed as `Name: value` lines (a request line, `> ` / `< ` prefixes of curl -v,
 * HTTP/2 pseudo-headers and blank lines are skipped) or as a JSON object. Values of lines are
 * trimmed as HTTP does; JSON values are taken as they are. Repeated names keep every value (the
 * first one counts, as in hookseal).
 */
export function parseHeaders(text) {
  const trimmed = text.trim();
  if (trimmed === "") return {};
  if (trimmed.startsWith("{")) {
    let parsed;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new InputError(`The headers look like JSON but do not parse: ${error.message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new InputError("The headers' JSON must be an object of names to values.");
    }
    const headers = {};
    for (const [name, value] of Object.entries(parsed)) {
      const values = (Array.isArray(value) ? value : [value]).filter((item) => item !== null && item !== undefined);
      if (values.some((item) => typeof item === "object")) {
        throw new InputError(`The header ${name} must be a string (or an array of strings).`);
      }
      if (values.length > 0) headers[name] = values.length === 1 ? String(values[0]) : values.map(String);
    }
    return headers;
  }
  const headers = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/^[<>] /, "");
    if (line.trim() === "") return;
    if (/^[A-Z]+ \S+ HTTP\/[\d.]+\s*$/.test(line) || /^HTTP\/[\d.]+ \d{3}/.test(line)) return; // request or status line
    if (line.startsWith(":")) return; // HTTP/2 pseudo-header such as :method
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new InputError(`Line ${index + 1} of the headers is not "Name: value": ${line.slice(0, 60)}`);
    }
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
    const key = Object.keys(headers).find((existing) => existing.toLowerCase() === name.toLowerCase()) ?? name;
    headers[key] = key in headers ? [headers[key]].flat().concat(value) : value;
  });
  return headers;
}

/** The headers as `Name: value` lines. */
export function headerLines(headers) {
  return Object.entries(headers)
    .flatMap(([name, value]) => [value].flat().map((item) => `${name}: ${item}`))
    .join("\n");
}

function parseSeconds(text, what) {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw new InputError(`${what} must be a whole number of seconds.`);
  }
  return Number(trimmed);
}

function parseCustomScheme(text) {
  let scheme;
  try {
    scheme = JSON.parse(text);
  } catch (error) {
    throw new InputError(`The custom scheme is not JSON: ${error.message}`);
  }
  if (typeof scheme !== "object" || scheme === null || Array.isArray(scheme)) {
    throw new InputError("The custom scheme must be a JSON object (see the package's README).");
  }
  return scheme;
}

/** The body as typed, with its line breaks as chosen (a textarea always gives \n). */
function bodyText(textarea, eolSelect) {
  return eolSelect.value === "crlf" ? textarea.value.replace(/\r?\n/g, "\r\n") : textarea.value;
}

function describeBody(text) {
  const bytes = encoder.encode(text).length;
  const parts = [`${bytes} byte${bytes === 1 ? "" : "s"}`];
  if (text.length > 0) {
    parts.push(/\r?\n$/.test(text) ? "ends with a line break" : "no final line break");
  }
  if (text.includes("\r\n")) parts.push("CRLF line breaks");
  if (/^[ \t\r\n]|[ \t]$/.test(text)) parts.push("surrounding whitespace");
  return parts.join(" · ");
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function randomChars(count, alphabet) {
  const bytes = crypto.getRandomValues(new Uint8Array(count));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A message id: `msg_…` where the scheme signs its id (Standard Webhooks' form), a UUID for a
 * delivery id the signature does not cover (as GitHub and Shopify send them).
 */
function newId(scheme) {
  const entry = catalogEntry(scheme);
  if (entry && !entry.covers.includes("id")) return uuid();
  return `msg_${randomChars(27, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`;
}

/** Random bytes in the text form a secret of `format` (`secretFormat` of the catalog) has. */
function secretOfFormat(format, bytes = crypto.getRandomValues(new Uint8Array(32))) {
  if (format === "whsec") return Webhook.generateSecret();
  if (format === "hex") return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  const base64 = btoa(String.fromCharCode(...bytes));
  if (format === "base64") return base64;
  return base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""); // utf8: any text; base64url reads well
}

/** A demo secret for a catalog entry, in the format its secrets have: fixed per entry, so reloading a sample keeps it. */
function demoSecretFor(entry) {
  if (entry.secretFormat === "utf8") return `${entry.id}-demo-secret`;
  const bytes = encoder.encode(`${entry.id}-demo-secret-bytes-0123456789abcdef`).slice(0, 32);
  return entry.secretFormat === "whsec" ? `whsec_${btoa(String.fromCharCode(...bytes))}` : secretOfFormat(entry.secretFormat, bytes);
}

/** How a secret of each format is written, in words. */
const SECRET_FORMATS = {
  utf8: "its text as is (UTF-8 bytes)",
  whsec: "whsec_ + base64",
  base64: "base64",
  hex: "hex",
};

// ---------------------------------------------------------------------------------------------
// Reproducing a request: curl (POSIX shells) and fetch (JavaScript).

/** A shell word for `text`: '…' where that is exact, else bash's $'…'. */
export function shellQuote(text) {
  if (!/[\x00-\x08\x0b-\x1f\x7f]/.test(text)) return `'${text.replaceAll("'", "'\\''")}'`;
  const escaped = text.replace(/[\\'\x00-\x1f\x7f]/g, (char) => {
    switch (char) {
      case "\\": return "\\\\";
      case "'": return "\\'";
      case "\n": return "\\n";
      case "\r": return "\\r";
      case "\t": return "\\t";
      default: return `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
    }
  });
  return `$'${escaped}'`;
}

/** printf format text giving `text`'s exact UTF-8 bytes (for bodies with NUL bytes). */
function printfFormat(text) {
  let format = "";
  for (const byte of encoder.encode(text)) {
    const char = String.fromCharCode(byte);
    if (char === "%") format += "%%";
    else if (char === "\\") format += "\\\\";
    else if (char === "'") format += "'\\''";
    else if (byte >= 0x20 && byte < 0x7f) format += char;
    else format += `\\${byte.toString(8).padStart(3, "0")}`;
  }
  return `'${format}'`;
}

export function curlCommand(url, headers, body) {
  const lines = [`curl ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  // --data-raw sends the text exactly (no @file reading, no newline stripping) and makes it a POST.
  if (body.includes("\0")) {
    lines.push("  --data-binary @-");
    return `printf ${printfFormat(body)} | \\\n${lines.join(" \\\n")}`;
  }
  lines.push(`  --data-raw ${shellQuote(body)}`);
  return lines.join(" \\\n");
}

/** A JavaScript template literal whose value is exactly `text` (line breaks kept readable). */
export function templateLiteral(text) {
  const escaped = text.replace(/[\\`\r\u2028\u2029\0]|\$\{/g, (match) => {
    switch (match) {
      case "\\": return "\\\\";
      case "`": return "\\`";
      case "${": return "\\${";
      case "\r": return "\\r"; // a raw CR in a template literal would be read as \n
      case "\0": return "\\x00";
      default: return `\\u${match.charCodeAt(0).toString(16)}`;
    }
  });
  return `\`${escaped}\``;
}

export function fetchSnippet(url, headers, body) {
  const headerLines = Object.entries(headers).map(([name, value]) => `    ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  return [
    `await fetch(${JSON.stringify(url)}, {`,
    `  method: "POST",`,
    `  headers: {`,
    ...headerLines,
    `  },`,
    `  body: ${templateLiteral(body)},`,
    `});`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Rendering helpers.

/** The bytes of `text`, with line breaks, tabs and other control characters made visible. */
function visibleText(text) {
  const fragment = document.createDocumentFragment();
  let plain = "";
  const flush = () => {
    if (plain) fragment.append(plain);
    plain = "";
  };
  for (const char of text) {
    const marker = { "\n": "\\n", "\r": "\\r", "\t": "\\t" }[char]
      ?? (/[\x00-\x1f\x7f]/.test(char) ? `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}` : undefined);
    if (marker === undefined) {
      plain += char;
      continue;
    }
    flush();
    fragment.append(el("span", { class: "ctl", "aria-label": marker }, marker));
    if (char === "\n") fragment.append("\n");
  }
  flush();
  return fragment;
}

function duration(seconds) {
  const abs = Math.abs(seconds);
  if (abs < 120) return `${abs} s`;
  if (abs < 7200) return `${Math.floor(abs / 60)} min ${abs % 60} s (${abs} s)`;
  if (abs < 172_800) return `${(abs / 3600).toFixed(1)} hours (${abs} s)`;
  if (abs < 63_115_200) return `${Math.floor(abs / 86_400)} days (${abs} s)`;
  return `${Math.floor(abs / 31_557_600)} years (${abs} s)`;
}

function isoDate(seconds) {
  const date = new Date(seconds * 1000);
  return Number.isFinite(date.getTime()) ? date.toISOString().replace(".000Z", "Z") : "out of range";
}

function copyButton(getText, label) {
  const button = el("button", { type: "button", class: "copy", "aria-label": `Copy ${label}` }, "Copy");
  button.addEventListener("click", async () => {
    const ok = await copyText(getText());
    button.textContent = ok ? "Copied" : "Select and copy";
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  });
  return button;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", { class: "offscreen", readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

function statusBlock({ ok, code: errorCode, title, message, hint, id }) {
  return el(
    "div",
    { class: `status ${ok ? "ok" : "fail"}`, id, "data-code": errorCode ?? (ok ? "valid" : undefined) },
    el("p", { class: "status-title" },
      el("span", { class: "badge" }, ok ? "✓" : "✗"),
      el("strong", {}, title),
      errorCode && !ok ? el("code", { class: "error-code" }, errorCode) : undefined),
    message ? el("p", { class: "status-message" }, message) : undefined,
    hint ? el("p", { class: "status-hint" }, hint) : undefined,
  );
}

function inputProblem(target, error, id) {
  target.replaceChildren(
    el("h2", { class: "visually-hidden" }, "Result"),
    statusBlock({ ok: false, code: "input", title: "Cannot read the input", message: error.message, id }),
  );
}

function placeholder(target, text) {
  target.replaceChildren(el("p", { class: "placeholder" }, text));
}

// ---------------------------------------------------------------------------------------------
// Verify.

function verifyState() {
  return {
    scheme: $("verify-scheme").value,
    custom: $("verify-custom").value,
    body: bodyText($("verify-body"), $("verify-eol")),
    headers: $("verify-headers").value,
    secrets: $("verify-secrets").value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
    tolerance: $("verify-tolerance").value,
    now: $("verify-now").value,
    url: $("verify-url").value.trim() || undefined,
    method: $("verify-method").value.trim() || undefined,
  };
}

/** The schemes the headers fit, best first (`detectSchemes`); none for unreadable headers. */
function candidatesOf(text) {
  try {
    return detectSchemes(parseHeaders(text));
  } catch {
    return [];
  }
}

const schemeLabel = (id) => {
  const entry = catalogEntry(id);
  return entry ? `${entry.name} (${id})` : id;
};

/** Says which scheme the headers point to, and lists the other schemes they fit. */
function updateDetected() {
  const output = $("verify-detected");
  if (!ready) return;
  const candidates = candidatesOf($("verify-headers").value);
  const [detected, ...others] = candidates;
  output.dataset.detected = detected ?? "";
  output.dataset.candidates = candidates.join(" ");
  if (detected === undefined) {
    output.replaceChildren($("verify-headers").value.trim() === "" ? "" : "No known signature header in the headers.");
    return;
  }
  output.replaceChildren(
    "Detected from the headers: ", el("strong", { id: "verify-detected-scheme" }, schemeLabel(detected)),
    others.length === 0 ? "" : el("span", { id: "verify-candidates", class: "candidates" },
      ` Also fits${others.length > 1 ? ` (${others.length})` : ""}: `,
      others.flatMap((id, index) => [index ? ", " : "", el("button", {
        type: "button", class: "link", "data-candidate": id, title: `Verify as ${id}`, onclick: () => useScheme(id),
      }, schemeLabel(id))])),
  );
}

function runVerify() {
  $("verify-body-info").textContent = describeBody(bodyText($("verify-body"), $("verify-eol")));
  updateDetected();
  if (!ready) return;
  const target = $("verify-result");
  const state = verifyState();
  let headers;
  let scheme;
  let detected;
  let tolerance;
  let now;
  try {
    headers = parseHeaders(state.headers);
    detected = detectSchemes(headers)[0];
    if (state.scheme === "custom") scheme = parseCustomScheme(state.custom);
    else scheme = state.scheme === "auto" ? (detected ?? defaultScheme) : state.scheme;
    tolerance = parseSeconds(state.tolerance, "The tolerance");
    now = parseSeconds(state.now, "The clock") ?? nowSeconds();
  } catch (error) {
    if (error instanceof InputError || error instanceof WebhookVerificationError) {
      inputProblem(target, error, "verify-status");
      return;
    }
    throw error;
  }
  renderFacts($("verify-scheme-facts"), state.scheme === "custom" ? "custom" : typeof scheme === "string" ? scheme : "", {
    view: "verify", detected: state.scheme === "auto" && detected !== undefined,
  });
  if (state.body === "" && state.headers.trim() === "") {
    placeholder(target, "Paste a body, its headers and the secret, or load a sample.");
    return;
  }
  if (state.secrets.length === 0) {
    placeholder(target, "Enter the endpoint's secret to verify (it stays in this page).");
    return;
  }
  if (!secretAllowed(target, "verify")) return;
  let diagnosis;
  let webhook;
  try {
    webhook = new Webhook(state.secrets, { scheme, toleranceSeconds: tolerance });
    diagnosis = webhook.diagnose(state.body, headers, { now, url: state.url, method: state.method });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    target.replaceChildren(
      el("h2", { class: "visually-hidden" }, "Diagnosis"),
      statusBlock({ ok: false, code: error.code, title: "Cannot verify", message: error.message, hint: error.hint, id: "verify-status" }),
    );
    return;
  }
  renderDiagnosis(target, diagnosis, {
    scheme: typeof scheme === "string" ? scheme : "custom",
    auto: state.scheme === "auto",
    detected,
    now,
    body: state.body,
  });
}

function renderDiagnosis(target, diagnosis, { scheme, auto, detected, now, body }) {
  const { error } = diagnosis;
  const children = [el("h2", { class: "visually-hidden" }, "Diagnosis")];
  children.push(diagnosis.valid
    ? statusBlock({ ok: true, title: "Verified", message: `The signature matches: this ${scheme} webhook is authentic.`, id: "verify-status" })
    : statusBlock({ ok: false, code: error.code, title: "Not verified", message: error.message, hint: error.hint, id: "verify-status" }));

  if (diagnosis.hints.length > 0) {
    children.push(el("section", { class: "hints", "aria-labelledby": "hints-title" },
      el("h3", { id: "hints-title" }, "What probably happened"),
      el("ul", {}, diagnosis.hints.map((hint) => el("li", { class: "hint", "data-code": hint.code },
        el("code", {}, hint.code),
        el("span", {}, ` ${hint.message}`),
        hint.code === "wrong_scheme" && diagnosis.detectedScheme
          ? el("span", {}, " The headers are ", code(diagnosis.detectedScheme), ". ",
            el("button", { type: "button", class: "link", onclick: () => useScheme(diagnosis.detectedScheme) },
              `Verify as ${diagnosis.detectedScheme}`))
          : undefined)))));
  }

  const facts = el("dl", { class: "facts" });
  const fact = (term, ...details) => facts.append(el("dt", {}, term), el("dd", {}, ...details));
  fact("Scheme", code(scheme), auto
    ? el("span", { class: "muted" }, detected ? " (detected from the headers)" : " (no signature header recognised: the default)")
    : diagnosis.detectedScheme && diagnosis.detectedScheme !== scheme
      ? el("span", { class: "muted" }, ` (chosen; the headers look like ${diagnosis.detectedScheme})`)
      : el("span", { class: "muted" }, " (chosen)"));
  fact("Signature header", diagnosis.signatureHeader ? code(diagnosis.signatureHeader) : el("span", { class: "muted" }, "not read"));
  fact("Timestamp", timestampFacts(diagnosis, now));
  fact("Signature covers", el("span", { id: "verify-covers" }, diagnosis.covers.join(", ")));
  if (diagnosis.valid) {
    // Authenticated (the signature covers them) apart from what any sender could have set.
    const { id, timestamp, unsigned } = diagnosis.verified;
    if (id) fact("Message id", code(id), el("span", { class: "muted" }, " (signed)"));
    const claims = [
      unsigned.id && ["delivery id ", code(unsigned.id)],
      unsigned.eventType && ["event type ", code(unsigned.eventType)],
    ].filter(Boolean);
    if (claims.length > 0) {
      fact("Unsigned", el("span", { id: "verify-unsigned" },
        "not covered by the signature (anyone could have set them): ",
        claims.flatMap((claim, index) => (index ? [", ", ...claim] : claim))));
    }
    if (timestamp === undefined && !diagnosis.covers.includes("timestamp")) {
      fact("Replays", el("span", {}, "This scheme signs no timestamp: to refuse replays, deduplicate on a hash of the body (a delivery id in a header is not signed)."));
    }
  }
  children.push(facts);

  // Only a verified body is parsed: the typed event says what the vendor's document says, not
  // that the vendor sent it.
  if (diagnosis.valid) children.push(typedEventSection(body));

  children.push(signaturesSection(diagnosis));

  if (diagnosis.signedContent) {
    const text = decoder.decode(diagnosis.signedContent);
    children.push(el("section", { class: "signed-content", "aria-labelledby": "signed-title" },
      el("div", { class: "block-head" },
        el("h3", { id: "signed-title" }, "Signed content ",
          el("span", { class: "muted" }, `(${diagnosis.signedContent.length} bytes, what the HMAC covers)`)),
        copyButton(() => text, "the signed content")),
      el("pre", { id: "verify-signed-content", tabindex: "0" }, visibleText(text))));
  }
  target.replaceChildren(...children);
}

/** The vendor whose event type field names one of its event types in `body`, if any. */
function vendorOf(body) {
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  return eventVendors.find((vendor) => vendor.eventTypes.includes(value[vendor.typeField]));
}

/** The values at `path` (a JSON Pointer whose `*` segments stand for every array element). */
function valuesAt(value, path) {
  let values = [value];
  for (const raw of path.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    values = values.flatMap((node) => {
      if (key === "*") return Array.isArray(node) ? node : [];
      return typeof node === "object" && node !== null && Object.hasOwn(node, key) ? [node[key]] : [];
    });
  }
  return values;
}

function shortJson(value) {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function issueList(issues, id) {
  return el("ul", { class: "event-issues", id }, issues.map((issue) => el("li", { "data-code": issue.code, "data-path": issue.path },
    code(issue.code), " ", code(issue.path === "" ? "(the body)" : issue.path), ` ${issue.message}`)));
}

/** A verified body as its vendor's typed event (hookseal/events), or what keeps it from being one. */
function typedEventSection(body) {
  const choice = $("verify-vendor").value;
  if (choice === "none") return undefined;
  const vendor = choice === "auto" ? vendorOf(body) : eventVendors.find((item) => item.id === choice);
  const section = el("section", { id: "verify-event", class: "typed-event", "aria-labelledby": "event-title" });
  if (vendor === undefined) {
    section.append(el("h3", { id: "event-title" }, "Typed event"),
      el("p", { class: "muted" }, "The body names no event type of a vendor hookseal has schemas for: choose a vendor above to see what its schemas say."));
    return section;
  }
  const schemas = eventSchemas.find((item) => item.id === vendor.id);
  section.dataset.vendor = vendor.id;
  let event;
  try {
    event = parseEvent(vendor.id, body);
  } catch (error) {
    if (!(error instanceof WebhookEventError)) throw error;
    section.dataset.valid = "false";
    section.append(el("h3", { id: "event-title" }, `Not a ${schemas.name}`, el("span", { class: "muted" }, ` (${vendor.id})`)),
      el("p", {}, `Authentic, but not what the vendor's document describes (${error.issues.length} issue${error.issues.length === 1 ? "" : "s"}):`),
      issueList(error.issues, "verify-event-issues"));
    return section;
  }
  const eventType = event[vendor.typeField];
  const schema = schemas.events.find((item) => item.type === eventType);
  section.dataset.valid = "true";
  section.dataset.type = eventType;
  const prefix = schemas.name.replace(/Event$/, "");
  section.append(el("h3", { id: "event-title" }, "Typed event: ", code(schema ? schema.name : `${prefix}UnknownEvent`),
    el("span", { class: "muted" }, ` (${vendor.typeField} ${JSON.stringify(eventType)})`)));
  if (schema) {
    section.append(el("p", {}, schema.description, " ", el("span", { class: "muted" }, "Fields from ", code(schema.schema), ":")));
  } else {
    section.append(el("p", {}, "An event type hookseal does not know (vendors add them): parsed with what every ",
      code(schemas.name), " has; ", code(`{ strict: true }`), " would refuse it."));
  }
  const fields = schema ? schema.fields : [];
  if (fields.length > 0) {
    section.append(el("table", { class: "event-fields", id: "verify-event-fields" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Field"), el("th", { scope: "col" }, "Type"), el("th", { scope: "col" }, "Value"))),
      el("tbody", {}, fields.filter((field) => !field.type.startsWith('"')).map((field, index, all) => {
        const values = valuesAt(event, field.path);
        const shown = field.path.includes("/*/") ? values : values[0];
        // An object whose fields have rows of their own: those rows show its values.
        const itemized = all[index + 1]?.path.startsWith(`${field.path}/`) && values.length > 0;
        return el("tr", { "data-path": field.path },
          el("th", { scope: "row", title: field.description ?? "" }, code(field.path),
            field.description ? el("div", { class: "muted" }, field.description) : undefined),
          el("td", {}, field.type, field.required ? el("strong", {}, " required") : el("span", { class: "muted" }, " optional")),
          el("td", {}, values.length === 0 ? el("span", { class: "muted" }, "absent")
            : itemized ? el("span", { class: "muted" }, "present: its fields follow") : code(shortJson(shown))));
      }))));
  }
  // What strict mode reports: fields the schema does not declare (vendors add them).
  try {
    parseEvent(vendor.id, body, { strict: true });
  } catch (error) {
    if (!(error instanceof WebhookEventError)) throw error;
    const undeclared = error.issues.filter((issue) => issue.code === "unknown_field");
    if (undeclared.length > 0) {
      section.append(el("p", { class: "muted" }, "Not in the schema (kept untyped; strict mode reports them):"),
        issueList(undeclared, "verify-event-undeclared"));
    }
  }
  return section;
}

function timestampFacts(diagnosis, now) {
  if (diagnosis.timestamp === null || diagnosis.timestamp === undefined) {
    return el("span", { class: "muted" }, diagnosis.covers.includes("timestamp")
      ? "not read (see the error)"
      : "none: this scheme signs no timestamp");
  }
  const skew = diagnosis.skewSeconds;
  const tolerance = diagnosis.toleranceSeconds;
  const outside = diagnosis.error?.code === "timestamp_too_old" || diagnosis.error?.code === "timestamp_too_new";
  const direction = skew === 0 ? "0 s" : skew < 0 ? `${duration(skew)} in the past` : `${duration(skew)} in the future`;
  return el("span", { id: "verify-timestamp" },
    code(String(diagnosis.timestamp)), ` ${isoDate(diagnosis.timestamp)}`, el("br"),
    "Skew: ", el("strong", { id: "verify-skew" }, direction), ` (clock ${now})`, el("br"),
    el("span", { class: outside ? "bad" : "good" }, outside ? "outside" : "within"),
    ` the tolerance of ${diagnosis.tolerancePastOnly ? "" : "±"}${tolerance} s${diagnosis.tolerancePastOnly ? " into the past" : ""}`);
}

/** The expected and received signatures, marked by the matches the package found (`diagnosis.matches`). */
function signaturesSection(diagnosis) {
  const received = diagnosis.receivedSignatures;
  const expected = diagnosis.expectedSignatures;
  const list = el("ul", { class: "sigs" });
  expected.forEach((signature, index) => {
    const matches = diagnosis.matches.some((match) => match.secret === index);
    list.append(el("li", { class: `sig expected ${matches ? "match" : "nomatch"}` },
      el("span", { class: "sig-label" }, `Computed with secret ${index + 1}`,
        el("span", { class: "sig-mark" }, matches ? " ✓ received" : " ✗ not received")),
      el("code", { class: "sig-value" }, signature)));
  });
  received.forEach((signature, index) => {
    const matches = diagnosis.matches.some((match) => match.received === index);
    list.append(el("li", { class: `sig received ${matches ? "match" : "nomatch"}` },
      el("span", { class: "sig-label" }, received.length > 1 ? `Received ${index + 1}` : "Received",
        el("span", { class: "sig-mark" }, matches ? " ✓ matches" : " ✗ matches no secret")),
      el("code", { class: "sig-value" }, signature)));
  });
  if (expected.length === 0 && received.length === 0) {
    list.append(el("li", { class: "muted" }, "The signature header could not be read."));
  }
  return el("section", { class: "signatures", "aria-labelledby": "sigs-title" },
    el("h3", { id: "sigs-title" }, "Signatures ",
      el("span", { class: "muted" }, "(computed from the body and headers vs received)")),
    list);
}

function useScheme(id) {
  $("verify-scheme-find").value = "";
  filterSchemes($("verify-scheme"), "");
  $("verify-scheme").value = id;
  onVerifySchemeChange();
  $("verify-scheme").focus();
}

function onVerifySchemeChange() {
  const custom = $("verify-scheme").value === "custom";
  $("verify-custom-field").hidden = !custom;
  if (custom && $("verify-custom").value.trim() === "") $("verify-custom").value = CUSTOM_EXAMPLE;
  runVerify();
}

// ---------------------------------------------------------------------------------------------
// Sign.

function signInputs() {
  const schemeValue = $("sign-scheme").value;
  const scheme = schemeValue === "custom" ? parseCustomScheme($("sign-custom").value) : schemeValue;
  const timestamp = parseSeconds($("sign-timestamp").value, "The timestamp") ?? nowSeconds();
  return {
    scheme,
    secret: $("sign-secret").value.trim(),
    body: bodyText($("sign-body"), $("sign-eol")),
    id: $("sign-id").value.trim() || undefined,
    timestamp,
    eventType: $("sign-event").value.trim() || undefined,
    url: $("sign-url").value.trim() || "http://localhost:8787/webhook",
    contentType: $("sign-content-type").value.trim(),
  };
}

const words = (items) => items.flatMap((item, index) => [index ? ", " : "", code(item)]);

/** A scheme's window, in words: how far its signed timestamp may be from the clock. */
function windowFacts(entry) {
  if (!entry.covers.includes("timestamp")) return "Signs no timestamp: no window, replays stay valid (deduplicate on a hash of the body).";
  return entry.tolerancePastOnly
    ? `${entry.toleranceSeconds} s into the past. Only old timestamps are rejected.`
    : `±${entry.toleranceSeconds} s. Timestamps too far from the clock either way are rejected.`;
}

/** A scheme's key, in words. */
function keyFacts(entry) {
  const format = SECRET_FORMATS[entry.secretFormat] ?? entry.secretFormat;
  if (entry.key === "public-key") {
    return [`the sender's public key (${entry.algorithm}, ${format}): paste it as the secret.`];
  }
  if (entry.key === "token") return [`a token, sent as is and compared (${format}): it signs nothing, nothing is authenticated but the sender knowing it.`];
  return [`a shared secret, ${format} (${entry.algorithm}).`];
}

/** Whether the package can sign this catalog entry's sample here: a shared key and a signature in a header. */
const signable = (entry) => entry.key !== "public-key" && entry.signatureHeader !== undefined;

/**
 * The chosen scheme's facts, as the package's catalog holds them: the signature's header and
 * layout, the signed content, what it authenticates apart from unsigned metadata, the window,
 * the key, what it needs, its documentation; and a button loading its sample event.
 */
function renderFacts(target, id, { view, detected = false }) {
  if (id === "custom") {
    target.replaceChildren(el("p", { class: "help" }, "Your scheme, as the package's custom scheme object (fields in its README)."));
    return;
  }
  const entry = ready ? catalogEntry(id) : undefined;
  if (!entry) {
    target.replaceChildren();
    return;
  }
  const facts = el("dl", { class: "facts compact" });
  const fact = (term, ...details) => facts.append(el("dt", {}, term), el("dd", {}, ...details));
  fact(detected ? "Detected" : "Scheme", el("strong", {}, entry.name), " ", code(entry.id), " ",
    el("a", { href: entry.docs, target: "_blank", rel: "noopener noreferrer", "data-docs": entry.id }, "its documentation"));
  fact("Signature", entry.signatureHeader
    ? [code(entry.signatureHeader), ": ", code(entry.signatureLayout)]
    : ["in the body: ", code(entry.signatureLayout)]);
  fact("Signed content", entry.signedContent ? code(entry.signedContent) : el("span", { class: "muted" }, "nothing: the header is the token itself"));
  fact("Authenticated", el("span", { "data-covers": entry.id }, entry.covers.length ? entry.covers.join(", ") : "nothing"));
  fact("Unsigned", entry.unsignedHeaders.length
    ? [...words(entry.unsignedHeaders), el("span", { class: "muted" }, ": metadata the signature does not cover (anyone could set it)")]
    : el("span", { class: "muted" }, "no other header of its senders"));
  fact("Headers read", ...words(entry.headers));
  fact("Window", windowFacts(entry));
  fact("Key", ...keyFacts(entry));
  if (entry.needs.length) fact("Needs", `the request's ${entry.needs.join(" and ")} (signed): fill in the ${view === "sign" ? "URL below" : "request URL and method"}.`);
  if (entry.handshake) fact("Handshake", code(entry.handshake), el("span", { class: "muted" }, ": an endpoint challenge the receiver must answer before deliveries"));
  target.replaceChildren(
    facts,
    signable(entry)
      ? el("button", { type: "button", id: `${view}-load-sample`, "data-scheme": entry.id, onclick: () => loadCatalogSample(entry.id) },
        `Load ${entry.name}'s sample event`)
      : el("p", { class: "help", id: `${view}-no-sample` }, entry.key === "public-key"
        ? "Its sample cannot be signed here: a public key only verifies."
        : "Its sample cannot be signed here: its signature travels in the body, which hookseal only verifies."),
  );
}

/** The last signed request, for "Verify these headers". */
let lastSigned;

function runSign() {
  $("sign-body-info").textContent = describeBody(bodyText($("sign-body"), $("sign-eol")));
  if (!ready) return;
  renderFacts($("sign-scheme-help"), $("sign-scheme").value, { view: "sign" });
  const target = $("sign-result");
  lastSigned = undefined;
  let input;
  try {
    input = signInputs();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    inputProblem(target, error, "sign-status");
    return;
  }
  if (input.secret === "") {
    placeholder(target, "Enter a secret to sign with (it stays in this page).");
    return;
  }
  if (!secretAllowed(target, "sign")) return;
  let headers;
  try {
    const webhook = new Webhook(input.secret, { scheme: input.scheme });
    // The snippets POST to the URL: the URL and method a scheme signs are those.
    headers = webhook.sign(input.body, { id: input.id, timestamp: input.timestamp, eventType: input.eventType, url: input.url, method: "POST" });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    target.replaceChildren(
      el("h2", { class: "visually-hidden" }, "Signed request"),
      statusBlock({ ok: false, code: error.code, title: "Cannot sign", message: error.message, hint: error.hint, id: "sign-status" }),
    );
    return;
  }
  lastSigned = { ...input, headers, schemeValue: $("sign-scheme").value, custom: $("sign-custom").value };
  const sent = input.contentType ? { "content-type": input.contentType, ...headers } : { ...headers };
  const headersText = headerLines(headers);
  const curl = curlCommand(input.url, sent, input.body);
  const fetchCode = fetchSnippet(input.url, sent, input.body);
  const block = (id, title, text, note) => el("section", { class: "output", "aria-labelledby": `${id}-title` },
    el("div", { class: "block-head" },
      el("h3", { id: `${id}-title` }, title, note ? el("span", { class: "muted" }, ` ${note}`) : undefined),
      copyButton(() => text, title)),
    el("pre", { id, tabindex: "0" }, text));
  target.replaceChildren(
    el("h2", { class: "visually-hidden" }, "Signed request"),
    statusBlock({
      ok: true, title: "Signed", id: "sign-status",
      message: `${Object.keys(headers).length} header${Object.keys(headers).length === 1 ? "" : "s"} for ${encoder.encode(input.body).length} bytes of body with ${typeof input.scheme === "string" ? input.scheme : "the custom scheme"}.`,
    }),
    block("sign-headers-out", "Headers", headersText),
    block("sign-curl", "curl", curl, "(bash, zsh: the body byte for byte)"),
    block("sign-fetch", "fetch", fetchCode, "(Node 18+, Deno, Bun, browsers)"),
  );
}

/** Opens the last signed request in the Verify view. */
function signToVerify() {
  runSign();
  if (!lastSigned) return;
  $("verify-body").value = $("sign-body").value;
  $("verify-eol").value = $("sign-eol").value;
  $("verify-headers").value = headerLines(lastSigned.headers);
  $("verify-secrets").value = lastSigned.secret;
  // Auto-detect where the headers point to the scheme signed with; otherwise that scheme, chosen.
  const signedWith = lastSigned.schemeValue;
  $("verify-scheme").value = signedWith === "custom" || candidatesOf(headerLines(lastSigned.headers))[0] === signedWith ? (signedWith === "custom" ? "custom" : "auto") : signedWith;
  $("verify-custom").value = lastSigned.custom;
  $("verify-url").value = lastSigned.url;
  $("verify-method").value = "POST";
  $("verify-custom-field").hidden = lastSigned.schemeValue !== "custom";
  $("verify-tolerance").value = "";
  $("verify-now").value = "";
  selectTab("verify", { focus: true });
  runVerify();
}

function onSignSchemeChange() {
  const value = $("sign-scheme").value;
  $("sign-custom-field").hidden = value !== "custom";
  if (value === "custom" && $("sign-custom").value.trim() === "") $("sign-custom").value = CUSTOM_EXAMPLE;
  if ($("sign-id").value.trim() === "") $("sign-id").value = newId(value);
  runSign();
}

// ---------------------------------------------------------------------------------------------
// Samples.

function renderSamples() {
  const list = $("sample-list");
  const vendors = new Map();
  for (const sample of samples) {
    if (!vendors.has(sample.vendor)) vendors.set(sample.vendor, []);
    vendors.get(sample.vendor).push(sample);
  }
  list.replaceChildren(...[...vendors].map(([vendor, items], index) => {
    const schemas = eventSchemas.find((item) => item.id === vendorDir(items[0]));
    return el("div",
      { class: items.length > 6 ? "vendor many" : "vendor", role: "group", "aria-labelledby": `vendor-${index}` },
      el("h3", { id: `vendor-${index}` }, vendor, " ", el("code", {}, items[0].scheme)),
      items[0].note ? el("p", { class: "note" }, items[0].note) : undefined,
      schemas ? el("p", { class: "note typed" }, "Typed events: ", code(schemas.name), `, ${schemas.events.length} types, fields from `, code(`schemas/${schemas.id}/`)) : undefined,
      el("div", { class: "chips" }, items.map((sample) => {
        const schema = schemas?.events.find((item) => item.type === sample.eventType);
        return el("button", {
          type: "button",
          class: "chip",
          "data-sample": sample.id,
          "aria-label": `${vendor} ${sample.event}`,
          // The event's description and fields, from its schema.
          title: schema ? `${sample.fixture}\n${schema.name}: ${schema.description}\n${schema.fields.filter((f) => !f.type.startsWith('"')).map((f) => `${f.path} (${f.type}${f.required ? ", required" : ""})`).join("\n")}` : sample.fixture,
          onclick: () => loadSample(sample),
        }, sample.event);
      })));
  }));
}

/** A sample's fixture folder (tests/fixtures/<dir>/), which names its vendor's schemas too. */
const vendorDir = (sample) => sample.id.split("/")[0];

function loadSample(sample) {
  const timestamp = nowSeconds();
  const id = newId(sample.scheme);
  const headers = new Webhook(sample.secret, { scheme: sample.scheme })
    .sign(sample.body, { id, timestamp, eventType: sample.eventType });
  $("verify-body").value = sample.body;
  $("verify-eol").value = "lf";
  $("verify-headers").value = headerLines({ "content-type": "application/json", ...headers });
  $("verify-secrets").value = sample.secret;
  $("verify-scheme").value = "auto";
  $("verify-custom-field").hidden = true;
  $("verify-tolerance").value = "";
  $("verify-now").value = "";
  $("verify-url").value = "";
  $("verify-method").value = "POST";
  $("verify-vendor").value = eventVendors.some((vendor) => vendor.id === vendorDir(sample)) ? vendorDir(sample) : "auto";

  $("sign-body").value = sample.body;
  $("sign-eol").value = "lf";
  $("sign-scheme").value = sample.scheme;
  $("sign-custom-field").hidden = true;
  $("sign-secret").value = sample.secret;
  $("sign-id").value = id;
  $("sign-timestamp").value = String(timestamp);
  $("sign-event").value = sample.eventType;
  $("sign-content-type").value = "application/json";

  runVerify();
  runSign();
  $("load-status").hidden = false;
  $("load-status").textContent =
    `Loaded ${sample.vendor} ${sample.event} (${sample.fixture}), signed just now with the demo secret.`;
}

/** The chips of the catalog's samples: every entry the package can sign here. */
function renderCatalogSamples() {
  const entries = [...catalog].sort((a, b) => a.name.localeCompare(b.name));
  const ready = entries.filter(signable);
  $("catalog-count").textContent = `(${catalog.length} schemes)`;
  $("catalog-list").replaceChildren(...ready.map((entry) => el("button", {
    type: "button",
    class: "chip",
    "data-catalog-sample": entry.id,
    "data-find": `${entry.name} ${entry.id}`.toLowerCase(),
    "aria-label": `${entry.name} sample event`,
    title: `${entry.id}: ${entry.signatureHeader}`,
    onclick: () => loadCatalogSample(entry.id),
  }, entry.name)));
  const others = entries.filter((entry) => !signable(entry));
  $("catalog-unsignable").replaceChildren(...(others.length === 0 ? [] : [
    "Not signable here, so not listed (verify them with a real delivery): ",
    ...others.flatMap((entry, index) => [index ? ", " : "", `${entry.name} `, code(entry.id)]),
    " — a public key only verifies, and a signature inside the body is only verified.",
  ]));
}

/** The Content-Type a sample body is sent with: JSON when it parses as JSON, else a form. */
function contentTypeOf(body) {
  try {
    JSON.parse(body);
    return "application/json";
  } catch {
    return "application/x-www-form-urlencoded";
  }
}

/**
 * Loads a catalog entry's sample event (`schemes()[…].sample`) into both views, signed just now
 * through the package with a demo secret of the entry's format, with the URL and method where
 * the scheme signs them.
 */
function loadCatalogSample(id) {
  const entry = catalogEntry(id);
  if (!entry || !signable(entry)) return;
  const secret = demoSecretFor(entry);
  const timestamp = nowSeconds();
  const messageId = newId(id);
  const url = $("sign-url").value.trim() || "http://localhost:8787/webhook";
  const contentType = contentTypeOf(entry.sample);
  const webhook = new Webhook(secret, { scheme: id });
  let headers;
  try {
    headers = webhook.sign(entry.sample, { id: messageId, timestamp, url, method: "POST" });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    $("load-status").hidden = false;
    $("load-status").textContent = `Could not sign ${entry.name}'s sample: ${error.message}`;
    return;
  }
  // A sample whose body carries its own signed timestamp is checked as of that time.
  const read = webhook.diagnose(entry.sample, headers, { now: timestamp, url, method: "POST" }).timestamp;
  const clock = read !== null && read !== timestamp ? read : undefined;

  $("verify-body").value = entry.sample;
  $("verify-eol").value = "lf";
  $("verify-headers").value = headerLines({ "content-type": contentType, ...headers });
  $("verify-secrets").value = secret;
  $("verify-scheme").value = id;
  $("verify-scheme-find").value = "";
  filterSchemes($("verify-scheme"), "");
  $("verify-custom-field").hidden = true;
  $("verify-tolerance").value = "";
  $("verify-now").value = clock === undefined ? "" : String(clock);
  $("verify-url").value = entry.needs.includes("url") ? url : "";
  $("verify-method").value = "POST";

  $("sign-body").value = entry.sample;
  $("sign-eol").value = "lf";
  $("sign-scheme").value = id;
  $("sign-scheme-find").value = "";
  filterSchemes($("sign-scheme"), "");
  $("sign-custom-field").hidden = true;
  $("sign-secret").value = secret;
  $("sign-id").value = messageId;
  $("sign-timestamp").value = String(timestamp);
  $("sign-event").value = "";
  $("sign-url").value = url;
  $("sign-content-type").value = contentType;

  runVerify();
  runSign();
  $("load-status").hidden = false;
  $("load-status").textContent = `Loaded ${entry.name}'s sample event (from its documentation, via the catalog), signed just now with a demo secret (${SECRET_FORMATS[entry.secretFormat] ?? entry.secretFormat}).`
    + (clock === undefined ? "" : ` Its body carries its own timestamp, ${clock}: the clock is set to it.`);
}

// ---------------------------------------------------------------------------------------------
// Tabs, the URL fragment, wiring.

function selectTab(view, { focus = false } = {}) {
  for (const name of ["verify", "sign"]) {
    const tab = $(`tab-${name}`);
    const selected = name === view;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`panel-${name}`).hidden = !selected;
  }
  if (focus) $(`tab-${view}`).focus();
}

/** The shareable state of a view. Secrets are never part of it. */
function fragmentState(view) {
  const params = new URLSearchParams();
  params.set("view", view);
  const put = (key, value, skip = "") => {
    if (value !== skip) params.set(key, value);
  };
  if (view === "verify") {
    put("scheme", $("verify-scheme").value, "auto");
    if ($("verify-scheme").value === "custom") put("custom", $("verify-custom").value);
    put("body", $("verify-body").value);
    put("eol", $("verify-eol").value, "lf");
    put("headers", $("verify-headers").value);
    put("tolerance", $("verify-tolerance").value.trim());
    put("now", $("verify-now").value.trim());
    put("url", $("verify-url").value.trim());
    put("method", $("verify-method").value.trim(), "POST");
  } else {
    put("scheme", $("sign-scheme").value);
    if ($("sign-scheme").value === "custom") put("custom", $("sign-custom").value);
    put("body", $("sign-body").value);
    put("eol", $("sign-eol").value, "lf");
    put("id", $("sign-id").value.trim());
    put("timestamp", $("sign-timestamp").value.trim());
    put("event", $("sign-event").value.trim());
    put("url", $("sign-url").value.trim());
    put("type", $("sign-content-type").value.trim());
  }
  return params;
}

/** Links stay shareable: past this many characters the fragment leaves the body out. */
const MAX_FRAGMENT = 64 * 1024;

/**
 * A link to this page holding the view's state in its fragment (never sent to the server), and
 * whether the body was left out. The page's own URL is left alone: the link goes to the
 * clipboard, not into this browser's history.
 */
function shareLink(view) {
  const params = fragmentState(view);
  const tooLong = params.toString().length > MAX_FRAGMENT;
  if (tooLong) params.delete("body");
  return { url: `${location.origin}${location.pathname}#${params}`, tooLong, params };
}

/** Header names that often carry credentials of their own. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key)$|token|secret|session|password|auth/i;

/** Header names in the headers text (as parsed, or "unreadable"). */
function headerNames(text) {
  try {
    return Object.keys(parseHeaders(text));
  } catch {
    return undefined;
  }
}

/** In words: what a link with these fragment params holds. */
function describeShared(params) {
  const parts = [];
  const view = params.get("view") === "sign" ? "Sign" : "Verify";
  if (params.has("scheme")) parts.push(`the scheme ${params.get("scheme")}`);
  if (params.has("custom")) parts.push("a custom scheme");
  if (params.has("body")) parts.push(`a body of ${encoder.encode(params.get("body")).length} bytes`);
  if (params.has("headers")) {
    const names = headerNames(params.get("headers"));
    parts.push(names ? `${names.length} header${names.length === 1 ? "" : "s"} (${names.join(", ")})` : "headers");
  }
  for (const [key, what] of [["id", "message id"], ["timestamp", "timestamp"], ["event", "event type"], ["tolerance", "tolerance"], ["now", "clock"], ["type", "content type"], ["method", "method"]]) {
    if (params.has(key)) parts.push(`the ${what} ${params.get(key)}`);
  }
  if (params.has("url")) {
    parts.push(view === "Sign" ? `the URL the curl and fetch snippets send to, ${params.get("url")}` : `the request URL ${params.get("url")}`);
  }
  return `the ${view} view's ${parts.length ? parts.join(", ") : "defaults"}`;
}

/** What the share link will hold, said before making it; credentials in headers called out. */
function describeShare(view) {
  const { params, tooLong } = shareLink(view);
  const names = view === "verify" ? headerNames($("verify-headers").value) ?? [] : [];
  const risky = names.filter((name) => CREDENTIAL_HEADER.test(name));
  return [
    `The link will hold ${describeShared(params)}; never the secret.`,
    tooLong ? " The body is too long for a link and will be left out." : "",
    " Anyone who gets the link can read all of it, and a signed webhook in it can be replayed to its endpoint.",
    risky.length ? el("span", { class: "warn" }, ` These headers may hold credentials: ${risky.join(", ")}. Remove them first.`) : "",
  ];
}

/**
 * Where the content came from: "" (typed here), "link" (opened from a share link, not yet
 * confirmed) or "confirmed". Until confirmed, nothing is computed with a secret the user types:
 * a link's author chose the body and headers, and both views would sign them with that secret
 * (Verify shows the signatures it computes).
 */
let sharedLink = "";

/** Whether a secret may be used: not for a share link's content until the user confirms it. */
function secretAllowed(target, what) {
  if (sharedLink !== "link") return true;
  placeholder(target, `This page was opened from a share link: check its content and confirm the notice at the top before your secret is used to ${what}.`);
  return false;
}

function restoreHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (![...params.keys()].length) return false;
  sharedLink = "link";
  $("shared-what").textContent = `It filled in ${describeShared(params)}.`;
  $("shared-notice").hidden = false;
  $("shared-notice").classList.remove("acknowledged");
  $("shared-notice").setAttribute("role", "alert");
  $("shared-ack").hidden = false;
  const view = params.get("view") === "sign" ? "sign" : "verify";
  const set = (id, key, fallback) => {
    const value = params.get(key);
    if (value !== null) $(id).value = value;
    else if (fallback !== undefined) $(id).value = fallback;
  };
  const setScheme = (id, allowed) => {
    const value = params.get("scheme");
    if (value !== null && allowed.includes(value)) $(id).value = value;
  };
  const ids = catalog.map((entry) => entry.id);
  if (view === "verify") {
    setScheme("verify-scheme", ["auto", ...ids, "custom"]);
    if (params.get("scheme") === null) $("verify-scheme").value = "auto";
    set("verify-custom", "custom");
    set("verify-body", "body", "");
    set("verify-eol", "eol", "lf");
    set("verify-headers", "headers", "");
    set("verify-tolerance", "tolerance", "");
    set("verify-now", "now", "");
    set("verify-url", "url", "");
    set("verify-method", "method", "POST");
    $("verify-custom-field").hidden = $("verify-scheme").value !== "custom";
  } else {
    setScheme("sign-scheme", [...ids, "custom"]);
    set("sign-custom", "custom");
    set("sign-body", "body", "");
    set("sign-eol", "eol", "lf");
    set("sign-id", "id", "");
    set("sign-timestamp", "timestamp", "");
    set("sign-event", "event", "");
    set("sign-url", "url");
    set("sign-content-type", "type");
    $("sign-custom-field").hidden = $("sign-scheme").value !== "custom";
  }
  selectTab(view);
  return true;
}

/** The catalog's groups in the picker, by the kind of key (`key` of `schemes()`). */
const KEY_GROUPS = [
  ["secret", "Shared secret"],
  ["token", "Token"],
  ["public-key", "Public key"],
];

/** The picker: every catalog entry by name and id, grouped by kind of key, A to Z. */
function fillSchemeSelect(select, withAuto) {
  const value = select.value;
  const byName = [...catalog].sort((a, b) => a.name.localeCompare(b.name));
  select.replaceChildren(
    withAuto ? el("option", { value: "auto" }, "Auto-detect from the headers") : undefined,
    ...KEY_GROUPS.map(([key, label]) => {
      const entries = byName.filter((entry) => entry.key === key);
      return entries.length === 0 ? undefined : el("optgroup", { label: `${label} (${entries.length})` },
        entries.map((entry) => el("option", { value: entry.id, "data-find": `${entry.name} ${entry.id}`.toLowerCase() }, `${entry.name} (${entry.id})`)));
    }),
    el("option", { value: "custom" }, "Custom (JSON)"),
  );
  if ([...select.options].some((option) => option.value === value)) select.value = value;
}

/**
 * Shows only the options (and catalog chips) whose name or id holds `query`; a hidden choice
 * moves to the first match. Returns the matching ids.
 */
function filterSchemes(select, query) {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  const fits = (text) => words.every((word) => text.includes(word));
  const matches = [];
  for (const option of select.querySelectorAll("option[data-find]")) {
    option.hidden = !fits(option.dataset.find);
    if (!option.hidden) matches.push(option.value);
  }
  for (const group of select.querySelectorAll("optgroup")) {
    group.hidden = ![...group.children].some((option) => !option.hidden);
  }
  return matches;
}

/** The search box above a picker: filters it as you type; Enter takes the first match. */
function wireFind(find, select, onChange) {
  const apply = (take) => {
    const matches = filterSchemes(select, find.value);
    const current = select.selectedOptions[0];
    if (matches.length > 0 && (take || (current?.hidden ?? true))) {
      if (select.value !== matches[0]) {
        select.value = matches[0];
        onChange();
      }
    }
  };
  find.addEventListener("input", () => apply(false));
  find.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    apply(true);
    select.focus();
  });
}

/** "Copy share link": first says what the link holds, then copies it on confirmation. */
function wireShare(view) {
  const panel = $(`${view}-share-panel`);
  const status = $(`${view}-share-status`);
  const field = $(`${view}-share-link`);
  $(`${view}-share`).addEventListener("click", () => {
    $(`${view}-share-what`).replaceChildren(...describeShare(view));
    field.hidden = true;
    status.textContent = "";
    panel.hidden = false;
    $(`${view}-share-copy`).focus();
  });
  $(`${view}-share-cancel`).addEventListener("click", () => {
    panel.hidden = true;
  });
  $(`${view}-share-copy`).addEventListener("click", async () => {
    const { url, tooLong } = shareLink(view);
    field.value = url;
    field.hidden = false;
    const ok = await copyText(url);
    status.textContent = (ok ? "Link copied (the secret is not in it)." : "Copy the link below (the secret is not in it).")
      + (tooLong ? " The body is too long for a link and was left out." : "");
  });
}

/** On one-column screens the result is below the form: scroll to it when it is out of view. */
function revealResult(id) {
  const result = $(id);
  if (result.getBoundingClientRect().top > window.innerHeight - 80) {
    result.scrollIntoView({ block: "start", behavior: "smooth" });
  }
}

function wire() {
  fillSchemeSelect($("verify-scheme"), true);
  fillSchemeSelect($("sign-scheme"), false);

  // Tabs: click, and arrow keys / Home / End between them (WAI-ARIA tabs pattern).
  const views = ["verify", "sign"];
  for (const view of views) {
    const tab = $(`tab-${view}`);
    tab.addEventListener("click", () => selectTab(view));
    tab.addEventListener("keydown", (event) => {
      const index = views.indexOf(view);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: views.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      selectTab(views[(next + views.length) % views.length], { focus: true });
    });
  }

  // Typing never touches the URL: a body or header typed here stays out of the browser's
  // history and synced tabs. Only "Copy share link" makes a link, after saying what it holds.
  const verifyLater = debounce(runVerify, 200);
  const signLater = debounce(runSign, 200);
  $("verify-form").addEventListener("input", (event) => {
    if (event.target.tagName === "SELECT") return;
    verifyLater();
  });
  $("sign-form").addEventListener("input", (event) => {
    if (event.target.tagName === "SELECT") return;
    signLater();
  });
  $("verify-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runVerify();
    revealResult("verify-result");
  });
  $("sign-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runSign();
    revealResult("sign-result");
  });
  for (const form of ["verify-form", "sign-form"]) {
    $(form).addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        $(form).requestSubmit();
      }
    });
  }
  $("verify-scheme").addEventListener("change", onVerifySchemeChange);
  $("verify-eol").addEventListener("change", runVerify);
  $("verify-vendor").addEventListener("change", runVerify);
  $("sign-scheme").addEventListener("change", onSignSchemeChange);
  $("sign-eol").addEventListener("change", runSign);
  $("sign-new-id").addEventListener("click", () => {
    $("sign-id").value = newId($("sign-scheme").value);
    runSign();
  });
  $("sign-now").addEventListener("click", () => {
    $("sign-timestamp").value = String(nowSeconds());
    runSign();
  });
  $("sign-generate-secret").addEventListener("click", () => {
    const entry = catalogEntry($("sign-scheme").value);
    $("sign-secret").value = entry ? secretOfFormat(entry.secretFormat) : Webhook.generateSecret();
    runSign();
  });
  wireFind($("verify-scheme-find"), $("verify-scheme"), onVerifySchemeChange);
  wireFind($("sign-scheme-find"), $("sign-scheme"), onSignSchemeChange);
  $("catalog-find").addEventListener("input", () => {
    const words = $("catalog-find").value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    for (const chip of $("catalog-list").children) chip.hidden = !words.every((word) => chip.dataset.find.includes(word));
  });
  $("sign-to-verify").addEventListener("click", signToVerify);
  wireShare("verify");
  wireShare("sign");
  $("shared-ack").addEventListener("click", () => {
    sharedLink = "confirmed";
    $("shared-ack").hidden = true;
    $("shared-notice").classList.add("acknowledged");
    $("shared-notice").removeAttribute("role");
    runVerify();
    runSign();
  });
  window.addEventListener("hashchange", () => {
    if (restoreHash()) {
      runVerify();
      runSign();
    }
  });
  // Samples are open on wide screens, folded on phones.
  $("samples").open = window.matchMedia("(min-width: 720px)").matches;
}

async function main() {
  wire();
  try {
    // Diagnose and the schemes' documentation are in a module of their own: the page needs both.
    const [, , response, events] = await Promise.all([init(), loadDiagnose(), fetch("samples.json"), fetch("event-schemas.json")]);
    if (!response.ok) throw new Error(`samples.json: HTTP ${response.status}`);
    if (!events.ok) throw new Error(`event-schemas.json: HTTP ${events.status}`);
    const data = await response.json();
    samples = data.samples;
    eventSchemas = (await events.json()).vendors;
    catalog = schemes();
    defaultScheme = new Webhook(Webhook.generateSecret()).scheme;
    $("version").textContent = `hookseal ${data.version}: ${catalog.length} schemes; samples from tests/fixtures and the catalog.`;
  } catch (error) {
    $("load-status").textContent = `Could not load hookseal: ${error.message}`;
    $("load-status").classList.add("error");
    return;
  }
  fillSchemeSelect($("verify-scheme"), true);
  fillSchemeSelect($("sign-scheme"), false);
  // The vendors whose events hookseal/events parses, by the names of their samples.
  $("verify-vendor").append(...eventVendors.map((vendor) => {
    const named = samples.find((sample) => vendorDir(sample) === vendor.id)?.vendor ?? vendor.id;
    return el("option", { value: vendor.id }, `${named} (${vendor.id})`);
  }));
  $("verify-scheme").value = "auto";
  $("sign-scheme").value = defaultScheme;
  // The headers' placeholder: the default scheme's header names.
  const example = new Webhook(Webhook.generateSecret()).sign("{}", { id: "msg_example", timestamp: nowSeconds() });
  $("verify-headers").placeholder = Object.keys(example).map((name) => `${name}: …`).join("\n");
  restoreHash();
  if (!$("sign-id").value) $("sign-id").value = newId($("sign-scheme").value);
  ready = true;
  renderSamples();
  renderCatalogSamples();
  $("load-status").hidden = true;
  $("load-status").textContent = "";
  document.body.dataset.ready = "true";
  runVerify();
  runSign();
}

main();
