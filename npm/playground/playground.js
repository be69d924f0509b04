// The hookseal playground: verify and diagnose a pasted webhook, sign test events. Everything runs
// here on the npm package's browser build; the page fetches nothing but its own files, and the
// secrets are never written to the URL.
import { init, Webhook, WebhookVerificationError, detectScheme, schemes } from "./hookseal/web/index.js";

/**
 * The built-in schemes, as the select lists them: ids and labels only. What each signs, the
 * headers it reads and how its tolerance applies come from the package (`schemes()`, and each
 * diagnosis), never from this page.
 */
const SCHEMES = [
  { id: "standard-webhooks", label: "Standard Webhooks" },
  { id: "svix", label: "Svix / careCycle" },
  { id: "septiccycle", label: "SepticCycle" },
  { id: "x-webhook-signature", label: "X-Webhook-Signature" },
  { id: "github", label: "GitHub" },
  { id: "stripe", label: "Stripe" },
  { id: "slack", label: "Slack" },
  { id: "shopify", label: "Shopify" },
];
const SCHEME_IDS = SCHEMES.map((scheme) => scheme.id);

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

/** A message id in the form the scheme's senders use. */
function newId(scheme) {
  if (scheme === "github" || scheme === "shopify") return uuid();
  return `msg_${randomChars(27, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`;
}

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
  };
}

function updateDetected() {
  const output = $("verify-detected");
  if (!ready) return;
  try {
    const detected = detectScheme(parseHeaders($("verify-headers").value));
    output.textContent = detected
      ? `Detected from the headers: ${detected}`
      : "No known signature header in the headers.";
    output.dataset.detected = detected ?? "";
  } catch {
    output.textContent = "";
    output.dataset.detected = "";
  }
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
    detected = detectScheme(headers) ?? undefined;
    if (state.scheme === "custom") scheme = parseCustomScheme(state.custom);
    else scheme = state.scheme === "auto" ? (detected ?? "standard-webhooks") : state.scheme;
    tolerance = parseSeconds(state.tolerance, "The tolerance");
    now = parseSeconds(state.now, "The clock") ?? nowSeconds();
  } catch (error) {
    if (error instanceof InputError || error instanceof WebhookVerificationError) {
      inputProblem(target, error, "verify-status");
      return;
    }
    throw error;
  }
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
    diagnosis = webhook.diagnose(state.body, headers, { now });
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
  });
}

function renderDiagnosis(target, diagnosis, { scheme, auto, detected, now }) {
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

/** What the package says of a built-in scheme: what it signs, its headers, its tolerance. */
function schemeFacts(id) {
  const info = ready ? schemes().find((item) => item.id === id) : undefined;
  if (!info) return [];
  const timestamps = !info.covers.includes("timestamp")
    ? " Signs no timestamp."
    : info.tolerancePastOnly
      ? " Only old timestamps are rejected."
      : " Timestamps too far from the clock either way are rejected.";
  return [
    `: signs the ${info.covers.join(", ")}; headers `,
    ...info.headers.flatMap((name, index) => (index ? [", ", code(name)] : [code(name)])),
    ".",
    timestamps,
  ];
}

/** The last signed request, for "Verify these headers". */
let lastSigned;

function runSign() {
  $("sign-body-info").textContent = describeBody(bodyText($("sign-body"), $("sign-eol")));
  const scheme = SCHEMES.find((item) => item.id === $("sign-scheme").value);
  $("sign-scheme-help").replaceChildren(...(scheme
    ? [code(scheme.id), ...schemeFacts(scheme.id)]
    : ["Your scheme, as the package's custom scheme object (fields in its README)."]));
  if (!ready) return;
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
    headers = webhook.sign(input.body, { id: input.id, timestamp: input.timestamp, eventType: input.eventType });
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
  $("verify-scheme").value = lastSigned.schemeValue === "custom" ? "custom" : "auto";
  $("verify-custom").value = lastSigned.custom;
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
  list.replaceChildren(...[...vendors].map(([vendor, items], index) => el("div",
    { class: items.length > 6 ? "vendor many" : "vendor", role: "group", "aria-labelledby": `vendor-${index}` },
    el("h3", { id: `vendor-${index}` }, vendor, " ", el("code", {}, items[0].scheme)),
    items[0].note ? el("p", { class: "note" }, items[0].note) : undefined,
    el("div", { class: "chips" }, items.map((sample) => el("button", {
      type: "button",
      class: "chip",
      "data-sample": sample.id,
      "aria-label": `${vendor} ${sample.event}`,
      title: sample.fixture,
      onclick: () => loadSample(sample),
    }, sample.event))))));
}

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
  for (const [key, what] of [["id", "message id"], ["timestamp", "timestamp"], ["event", "event type"], ["tolerance", "tolerance"], ["now", "clock"], ["type", "content type"]]) {
    if (params.has(key)) parts.push(`the ${what} ${params.get(key)}`);
  }
  if (params.has("url")) parts.push(`the URL the curl and fetch snippets send to, ${params.get("url")}`);
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
  if (view === "verify") {
    setScheme("verify-scheme", ["auto", ...SCHEME_IDS, "custom"]);
    if (params.get("scheme") === null) $("verify-scheme").value = "auto";
    set("verify-custom", "custom");
    set("verify-body", "body", "");
    set("verify-eol", "eol", "lf");
    set("verify-headers", "headers", "");
    set("verify-tolerance", "tolerance", "");
    set("verify-now", "now", "");
    $("verify-custom-field").hidden = $("verify-scheme").value !== "custom";
  } else {
    setScheme("sign-scheme", [...SCHEME_IDS, "custom"]);
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

function fillSchemeSelect(select, withAuto) {
  select.replaceChildren(
    withAuto ? el("option", { value: "auto" }, "Auto-detect") : undefined,
    ...SCHEMES.map((scheme) => el("option", { value: scheme.id }, scheme.label)),
    el("option", { value: "custom" }, "Custom (JSON)"),
  );
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
  $("sign-scheme").value = "standard-webhooks";
  $("sign-id").value = newId("standard-webhooks");

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
    $("sign-secret").value = Webhook.generateSecret();
    runSign();
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
  restoreHash();
  if (!$("sign-id").value) $("sign-id").value = newId($("sign-scheme").value);
  runVerify();
  runSign();
  try {
    const [, response] = await Promise.all([init(), fetch("samples.json")]);
    if (!response.ok) throw new Error(`samples.json: HTTP ${response.status}`);
    const data = await response.json();
    samples = data.samples;
    $("version").textContent = `hookseal ${data.version}, samples from tests/fixtures.`;
  } catch (error) {
    $("load-status").textContent = `Could not load hookseal: ${error.message}`;
    $("load-status").classList.add("error");
    return;
  }
  ready = true;
  renderSamples();
  $("load-status").hidden = true;
  $("load-status").textContent = "";
  document.body.dataset.ready = "true";
  runVerify();
  runSign();
}

main();
