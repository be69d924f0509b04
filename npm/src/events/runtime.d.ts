// hookseal/events: a verified body as its vendor's typed event. The build puts these declarations
// before the generated ones (types.d.ts, from schemas/) in one file, dist/events/index.d.ts.

/**
 * What the parse functions read: a verified `WebhookMessage` (its exact bytes), the body's text,
 * or its bytes (UTF-8). Parse only what verified: the types say what the vendor's document says,
 * not that the vendor sent it.
 */
export type EventInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | { readonly bytes: Uint8Array };

export interface ParseEventOptions {
  /**
   * Strict mode: an event type hookseal does not know (`unknown_event_type`) and a field the
   * schema does not declare (`unknown_field`) are errors too. Default false: forward compatible,
   * as vendors add event types and fields.
   */
  readonly strict?: boolean;
}

/** Strict parsing, which returns known events only. */
export interface StrictParse extends ParseEventOptions {
  readonly strict: true;
}

/** The stable codes of a `WebhookEventError` and its issues (the same in Rust). */
export type EventErrorCode = "invalid_json" | "invalid_event" | "unknown_event_type" | "unknown_field";

/** One thing wrong with a body. */
export interface EventIssue {
  readonly code: EventErrorCode;
  /** Where: a JSON Pointer (RFC 6901) into the body, `""` for the whole body; a missing field's own path. */
  readonly path: string;
  /** What is wrong, such as `expected an integer, found a string` or `missing required field`. */
  readonly message: string;
}

/** A body that is not its vendor's event. */
export declare class WebhookEventError extends Error {
  /** The first issue's code. */
  readonly code: EventErrorCode;
  /** The first issue's JSON Pointer. */
  readonly path: string;
  /** Every issue found (at most 100), in the schema's order of fields. */
  readonly issues: readonly EventIssue[];
}

declare const unknownEventType: unique symbol;

/**
 * The type of an event hookseal does not know. At run time it is the body's string; it is typed
 * apart from `string` so that a `switch` on the known types narrows. `String(event.type)` reads it.
 */
export type UnknownEventType = { readonly [unknownEventType]: "an event type hookseal does not know" };

/** A vendor whose events hookseal knows. */
export interface EventVendor {
  readonly id: EventVendorId;
  /** The top-level field holding the event type (`type` or `event`). */
  readonly typeField: string;
  /** The event types hookseal knows, in its schemas' order. */
  readonly eventTypes: readonly string[];
}

/** Every vendor whose events hookseal knows. */
export declare const eventVendors: readonly EventVendor[];

/** Parses a verified body as an event of `vendor`, strictly: known events only. */
export declare function parseEvent<V extends EventVendorId>(vendor: V, input: EventInput, options: StrictParse): KnownEventVendorMap[V];
/** Parses a verified body as an event of `vendor` (forward compatible: unknown event types and fields are kept). */
export declare function parseEvent<V extends EventVendorId>(vendor: V, input: EventInput, options?: ParseEventOptions): EventVendorMap[V];

