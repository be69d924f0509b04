import type { SchemeId } from "./scheme-ids.js";

/**
 * The id of a catalog scheme: a built-in scheme or a provider preset. The union is written from
 * the catalog when the package is built (`scheme-ids.d.ts`), so it names exactly the schemes
 * `schemes()` lists.
 */
export type { SchemeId };

/** How a scheme's signature is computed (as in `CustomScheme.algorithm`). */
export type Algorithm = "hmac-sha256" | "hmac-sha1" | "hmac-sha512" | "sha256" | "ed25519" | "ecdsa-p256" | "token";

/** How a string secret becomes the key (as in `CustomScheme.secretFormat`). */
export type SecretFormat = "utf8" | "whsec" | "base64" | "hex";

/**
 * An endpoint challenge a provider sends before (and while) it delivers, which a receiver must
 * answer for its route to work: Zoom's signed `endpoint.url_validation` event, Meta's
 * `hub.verify_token` GET (Meta, WhatsApp), X's `crc_token` GET.
 */
export type Handshake = "zoom-url-validation" | "meta-verify-token" | "twitter-crc";

/**
 * One entry of the catalog, as `schemes()` lists it: the facts the Rust core holds about a scheme.
 * In browsers `docs`, `signatureLayout`, `signedContent` and `sample` are empty strings until
 * `await loadDiagnose()` has resolved (they come with diagnose's module).
 */
export interface SchemeInfo {
  /** The id to pass as `scheme`, the provider's name in lowercase kebab case (`hubspot-v3`). */
  readonly id: SchemeId;
  /** The provider's name as people write it. */
  readonly name: string;
  /** The provider's documentation of its signatures (an `https://` URL). */
  readonly docs: string;
  /** What the secret is: a shared `secret`, the sender's `public-key` (Ed25519 or ECDSA), or a `token` sent as is. */
  readonly key: "secret" | "public-key" | "token";
  /**
   * How a string secret is read: its UTF-8 bytes (`utf8`), `whsec_` + base64 (`whsec`),
   * base64 or hex. For a public key, how its text is read.
   */
  readonly secretFormat: SecretFormat;
  /** How the signature is computed. */
  readonly algorithm: Algorithm;
  /** What `verify` and `sign` need besides body and headers: the request's `url` and `method` where the scheme signs them. */
  readonly needs: readonly ("url" | "method")[];
  /** What the scheme's signature covers (authenticated); anything else the request carries is unsigned metadata. */
  readonly covers: readonly Covered[];
  /** The lowercase names of the headers the scheme reads (signature, id, timestamp, event type). */
  readonly headers: readonly string[];
  /**
   * The lowercase names of the headers its senders send that the signature does not cover: an
   * unsigned delivery id, the event type, vendor extras (GitHub's hook ids). Unauthenticated
   * metadata: a replay can carry any value there.
   */
  readonly unsignedHeaders: readonly string[];
  /** The lowercase header the signature travels in; `undefined` when it travels in the JSON body (then the package only verifies it). */
  readonly signatureHeader?: string;
  /** How the signature is written where it travels: `sha256=<hex>`, `t=<timestamp>,v1=<hex>`, `v1,<base64> …`, `<hex> in signature.signature`. */
  readonly signatureLayout: string;
  /** What is signed, as a template over `{id}`, `{timestamp}`, `{url}`, `{method}`, `{path}`, `{form}`, `{header:Name}` and `{body}`: `v0:{timestamp}:{body}`. */
  readonly signedContent: string;
  /** The timestamp tolerance the provider's own verifier uses, in seconds (300 where it checks none); meaningless when `covers` has no `timestamp`. */
  readonly toleranceSeconds: number;
  /** Only old timestamps are refused (Stripe); otherwise the tolerance applies both ways. */
  readonly tolerancePastOnly: boolean;
  /** The endpoint challenge the provider sends, if a receiver must answer one. */
  readonly handshake?: Handshake;
  /** A sample event body as the provider sends it (from its documentation, trimmed), for demos and tests. */
  readonly sample: string;
}

/**
 * A scheme you describe: the same object the Worker's route configuration accepts. The
 * signature is in a header (`signatureHeader`) or in a field of the JSON body (`signatureField`).
 */
export type CustomScheme = CustomSchemeFields &
  ({ signatureHeader: string; signatureField?: undefined } | { signatureField: string; signatureHeader?: undefined });

/** The fields of a `CustomScheme` besides where its signature is. */
export interface CustomSchemeFields {
  /** Text before the encoded signature, such as `"sha256="`. Default: none. */
  prefix?: string;
  /** The signature's encoding. Default: `"hex"`. `"raw"`: the text as is, for tokens. */
  encoding?: "hex" | "base64" | "base64url" | "raw";
  /** The signed content over `{id}`, `{timestamp}` and `{body}` (exactly one `{body}`). Default: `"{body}"`. */
  template?: string;
  /** The header holding the message id; required when the template signs `{id}`. Without `{id}` the id is reported as `unsigned.id`. */
  idHeader?: string;
  /** The header holding the Unix timestamp in seconds; required with `{timestamp}`, and only then. */
  timestampHeader?: string;
  /** The header naming the event type, reported as `unsigned.eventType` (never signed). */
  eventTypeHeader?: string;
  /** How a string secret becomes the key: its UTF-8 bytes (default), `whsec_` + base64, base64 or hex. */
  secretFormat?: SecretFormat;
  /** This scheme's default timestamp tolerance in seconds. Default: 300. */
  toleranceSeconds?: number;
  /** Refuse only timestamps older than the tolerance (some vendors' SDKs do). Default: false, both ways. */
  tolerancePastOnly?: boolean;
  /** How the signature is computed. Default: `"hmac-sha256"`. `"sha256"`: SHA-256 over secret ‖ content (HubSpot v1/v2); `"token"`: the header is the secret itself. */
  algorithm?: Algorithm;
  /** How the timestamp is written. Default: `"seconds"`. */
  timestampFormat?: "seconds" | "milliseconds" | "rfc3339";
  /** For `key=value` signature headers (`t=…,v1=…`): the key whose values are signatures. */
  signatureKey?: string;
  /** With `signatureKey`: the key of the timestamp entry, instead of `timestampHeader`. */
  timestampKey?: string;
  /** With `signatureKey`: the one character between entries. Default: `","`. */
  entrySeparator?: string;
  /** Further headers carrying signatures in the same format; a match in any counts. */
  moreSignatureHeaders?: readonly string[];
  /** The timestamp is this field of the JSON body (`"webhookTimestamp"`). */
  timestampField?: string;
  /** The id is this field of the JSON body (`"signature.token"`). */
  idField?: string;
}

/** A secret as the sender shows it (string), or the raw HMAC key (bytes). */
export type Secret = string | Uint8Array;

export interface WebhookOptions {
  /** Default: `"standard-webhooks"`. */
  scheme?: SchemeId | CustomScheme;
  /** How far the signed timestamp may be from now, in seconds. Default: the scheme's (300). */
  toleranceSeconds?: number;
}

/**
 * A Fetch API `Headers`, or a plain object with header names in any case. A header the scheme
 * reads given twice (a `string[]` of two or more values, or two keys differing only in case) is
 * `malformed_header`; Fetch `Headers` join repeated values with `", "` into one value.
 */
export type HeadersLike =
  | { get(name: string): string | null }
  | Record<string, string | readonly string[] | undefined>;

export type Body = string | Uint8Array | ArrayBuffer;

/** What `verifyRequest` needs of a Fetch API `Request`. */
export interface RequestLike {
  readonly headers: { get(name: string): string | null };
  /** The URL, for schemes that sign it. */
  readonly url?: string;
  /** The method, for schemes that sign it. */
  readonly method?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The stable error codes, shared with the Rust core and the Worker. */
export type ErrorCode =
  | "missing_header"
  | "malformed_header"
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "no_matching_signature"
  | "invalid_secret"
  | "invalid_scheme"
  | "invalid_sign_input"
  | "missing_url"
  | "missing_method"
  | "malformed_body"
  /**
   * The package's own failure, never the webhook's: the WebAssembly trapped (or the bindings
   * failed). After a trap every later call fails with it too: reload the module.
   */
  | "internal_error";

export class WebhookVerificationError extends Error {
  readonly name: "WebhookVerificationError";
  readonly code: ErrorCode;
  /** Help for whoever fixes the receiver, when there is some. */
  readonly hint?: string;
}

/** A part of a request a signature can cover. */
export type Covered = "body" | "timestamp" | "id" | "url" | "method" | "headers";

/**
 * What a request's headers claim that its signature does not cover. A replay of a genuine
 * webhook can carry any value here: never deduplicate, authorize or dispatch on it.
 */
export interface Unsigned {
  /** The vendor's delivery id from an unsigned header (GitHub's `X-GitHub-Delivery`, Shopify's `X-Shopify-Webhook-Id`). */
  readonly id?: string;
  /** The event type from a header (`X-GitHub-Event`, `X-Shopify-Topic`, `X-Webhook-Event`); no scheme signs it. */
  readonly eventType?: string;
}

/** A verified webhook. `bytes`, `id` and `timestamp` are authenticated; `unsigned` is not. */
export interface WebhookMessage {
  /** The scheme's id (`"custom"` for a custom scheme). */
  readonly scheme: SchemeId | "custom";
  /** What the scheme's signature covers. */
  readonly covers: readonly Covered[];
  /** The message id, only where the signature covers it (Standard Webhooks, Svix, a custom `{id}`): safe to deduplicate on. */
  readonly id?: string;
  /** The signed timestamp, Unix seconds, for schemes that sign one. */
  readonly timestamp?: number;
  /** Header values the signature does not cover. */
  readonly unsigned: Unsigned;
  /** The body's exact bytes: what the signature covers. */
  readonly bytes: Uint8Array;
  /** The verified bytes decoded as UTF-8 (a string body is UTF-8-encoded before verifying). */
  text(): string;
  /** The body parsed as JSON. */
  json(): unknown;
}

export interface VerifyOptions {
  /** The clock, Unix seconds. Default: now. */
  now?: number;
  /** The full URL the sender sent the request to (behind a proxy, the public one), for schemes that sign it (Square, HubSpot, Twilio); without it they fail with `missing_url`. */
  url?: string;
  /** The request's method, for schemes that sign it (HubSpot v2, v3). */
  method?: string;
}

export interface HandshakeOptions extends VerifyOptions {
  /** The verify token the Meta (or WhatsApp) app owner chose; without it every Meta verification request gets 403. */
  verifyToken?: string;
}

/** What to send back to a provider's endpoint challenge, as it is. */
export interface HandshakeAnswer {
  /** 200 for an answered challenge, 403 for a Meta verification request with the wrong verify token. */
  status: number;
  contentType: string;
  body: string;
}

export interface SignOptions {
  /** The message id; required by schemes that sign one. */
  id?: string;
  /** Unix seconds. Default: now. */
  timestamp?: number;
  /** The event type, for schemes that send it in a header. */
  eventType?: string;
  /** The URL the request goes to, for schemes that sign it. */
  url?: string;
  /** The request's method, for schemes that sign it. */
  method?: string;
  /** Values of the headers a custom template signs by name (`{header:Name}`); sent with the others. */
  headers?: HeadersLike;
}

export interface Hint {
  code: string;
  message: string;
}

/** For the holder of the secret only: it contains the expected signatures. */
export interface Diagnosis {
  valid: boolean;
  error?: WebhookVerificationError;
  verified?: { id?: string; timestamp?: number; unsigned: Unsigned };
  detectedScheme: SchemeId | null;
  signatureHeader: string | null;
  signedContent: Uint8Array | null;
  expectedSignatures: string[];
  receivedSignatures: string[];
  /** Which received signature (index in `receivedSignatures`) which secret (index in the order given) accepts. */
  matches: { secret: number; received: number }[];
  timestamp: number | null;
  skewSeconds: number | null;
  toleranceSeconds: number;
  /** Only old timestamps are refused (Stripe); otherwise the tolerance applies both ways. */
  tolerancePastOnly: boolean;
  /** What the scheme's signature covers: without "timestamp", the scheme signs no timestamp. */
  covers: Covered[];
  hints: Hint[];
}

export class Webhook {
  /** One secret, or several during a rotation (any may match). Signing uses the first. */
  constructor(secret: Secret | readonly Secret[], options?: WebhookOptions);
  readonly scheme: SchemeId | "custom";
  /** What the scheme's signature covers. */
  readonly covers: readonly Covered[];
  /**
   * Verifies the raw body; throws `WebhookVerificationError`, `TypeError` for wrong argument
   * types, or `RangeError` for numbers out of range (`now`). A string body is verified as its UTF-8 bytes (a lone surrogate becomes U+FFFD).
   */
  verify(body: Body, headers: HeadersLike, options?: VerifyOptions): WebhookMessage;
  /** Reads a Fetch API Request's body once and verifies it. */
  verifyRequest(request: RequestLike, options?: VerifyOptions): Promise<WebhookMessage>;
  /**
   * The answer to the scheme's provider's endpoint challenge (Zoom's URL validation, Meta's and
   * WhatsApp's verification request, X's CRC check), or `null` when the request is not one or
   * the scheme has none. Call it before `verify` with the request's `url` and `method`; send the
   * answer back as it is and never act on the request. A Zoom challenge that does not verify
   * throws `WebhookVerificationError`. In browsers (which seldom receive webhooks) it needs
   * `await loadDiagnose()` first, and throws an `Error` before.
   */
  answerHandshake(body: Body, headers: HeadersLike, options?: HandshakeOptions): HandshakeAnswer | null;
  /** The scheme's headers for `body`, names in lowercase. */
  sign(body: Body, options?: SignOptions): Record<string, string>;
  /**
   * Why the webhook does or does not verify (never send this to the webhook's sender). Linear in
   * the body; bodies over 256 KiB get no JSON layout guesses. Throws only
   * `WebhookVerificationError` (and `TypeError` or `RangeError` for wrong arguments; in browsers
   * an `Error` before `await loadDiagnose()`).
   */
  diagnose(body: Body, headers: HeadersLike, options?: VerifyOptions): Diagnosis;
  /** `"whsec_"` + base64 of 32 random bytes. */
  static generateSecret(): string;
}

/**
 * The catalog scheme whose headers `headers` carries best (the first of `detectSchemes`), or
 * `undefined` when none does. A guess for tools, never a reason to trust a request.
 */
export function detectScheme(headers: HeadersLike): SchemeId | undefined;

/**
 * Every catalog scheme whose signature header (and timestamp header, and fixed headers such as
 * HubSpot's signature version) `headers` carries, best match first: the more of a scheme's other
 * headers are present, the better. Several providers share a header (`X-Hub-Signature-256`:
 * GitHub, Meta, WhatsApp), so this is a list of guesses. Empty when none fits.
 */
export function detectSchemes(headers: HeadersLike): readonly SchemeId[];

/** The catalog: every scheme the package knows, built-in schemes then provider presets, with its facts. */
export function schemes(): readonly SchemeInfo[];

/**
 * Loads the wasm. Needed once in browsers before anything else (idempotent); resolves at once in
 * Node and Workers. `input`: where the browser build finds the wasm (a URL, string, Response,
 * bytes or WebAssembly.Module); default: next to the module.
 */
export function init(input?: unknown): Promise<void>;

/**
 * Loads the full module (diagnose, `answerHandshake` and the catalog's documentation fields of
 * `schemes()`: docs, signature layout, signed content, sample), once. Needed in browsers before `diagnose()` or `answerHandshake()`
 * (idempotent), so that pages which only verify and sign never download it; resolves at once in
 * Node and Workers. `input`: where to find its wasm, as for `init`; default: next to the module.
 */
export function loadDiagnose(input?: unknown): Promise<void>;
