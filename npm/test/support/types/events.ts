// A TypeScript receiver of hookseal/events: `tsc --noEmit` must accept it as is, and each
// `@ts-expect-error` line proves a misuse is caught.
import { Webhook } from "hookseal";
import { WebhookEventError, eventVendors, parseCareCycleEvent, parseEvent, parseJobEvent, parseSmartComplyEvent } from "hookseal/events";
import type {
  EventErrorCode,
  EventIssue,
  EventVendorId,
  SmartComplyAssemblyDueSoonEvent,
  SmartComplyEvent,
  SmartComplyEventMap,
  SmartComplyEventType,
  SmartComplyKnownEvent,
  SmartComplyUnknownEvent,
} from "hookseal/events";

const webhook = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const body = '{"id":"evt_1","type":"test.failed","created_at":"2026-05-05T15:10:00.000Z","data":{}}';
const message = webhook.verify(body, webhook.sign(body, { id: "msg_1" }));

// The verified message, narrowed on its type.
const event: SmartComplyEvent = parseSmartComplyEvent(message);
switch (event.type) {
  case "test.failed": {
    const reason: string | undefined = event.data.failure_reason;
    void reason;
    break;
  }
  case "iu.exceedance_detected": {
    const limit: number | undefined = event.data.exceedances?.[0]?.permit_limit;
    void limit;
    break;
  }
  case "webhook.test":
    break;
  default: {
    // Every other type, the ones hookseal does not know included.
    const rest: Exclude<SmartComplyKnownEvent, { type: "test.failed" | "iu.exceedance_detected" | "webhook.test" }> | SmartComplyUnknownEvent = event;
    const name: string = String(event.type);
    const id: string = event.id;
    void [rest, name, id];
  }
}
if (event.type === "permit.expiring") {
  // @ts-expect-error: permit.expiring's data has no failure_reason
  void event.data.failure_reason;
}
// @ts-expect-error: not a SmartComply event type
if (event.type === "job.completed") void 0;
// @ts-expect-error: an unknown event's type is not a string until String() reads it
const typeName: string = event.type;
if (event.type === "assembly.due_soon") {
  // @ts-expect-error: days_remaining is optional (the document marks none of data's fields required)
  const days: number = event.data.days_remaining;
  void days;
}

// Strict parsing returns known events only; lenient parsing may not.
const known: SmartComplyKnownEvent = parseSmartComplyEvent(body, { strict: true });
// @ts-expect-error: an event type hookseal does not know may come back
const notKnown: SmartComplyKnownEvent = parseSmartComplyEvent(body);
const byVendor: SmartComplyKnownEvent = parseEvent("smartcomply", message.bytes, { strict: true });
// @ts-expect-error: parseEvent takes the vendors' ids
parseEvent("github", body);
// @ts-expect-error: numbers are not bodies
parseSmartComplyEvent(42);
// @ts-expect-error: strict is a boolean
parseSmartComplyEvent(body, { strict: "yes" });

// A handler per event type, typed by the map.
const handlers: { [T in SmartComplyEventType]?: (event: SmartComplyEventMap[T]) => void } = {
  "assembly.due_soon": (due: SmartComplyAssemblyDueSoonEvent) => void due.data.due_date,
  // @ts-expect-error: test.failed's handler gets a test.failed event
  "test.failed": (due: SmartComplyAssemblyDueSoonEvent) => void due,
};

// The job events: changes on job.updated only.
const job = parseJobEvent(message.bytes);
if (job.event === "job.updated") {
  const before: unknown = job.changes?.[0]?.oldValue;
  const owner: string = job.job.ownerUserId;
  void [before, owner];
}
if (job.event === "job.created") {
  // @ts-expect-error: the document gives changes to job.updated only
  void job.changes;
}

// careCycle's data is not described: unknown until checked.
const care = parseCareCycleEvent(message);
if (care.type === "customer.updated") {
  const data: { [field: string]: unknown } | undefined = care.data;
  // @ts-expect-error: careCycle's data fields are not typed (inferred events)
  const name: string = care.data?.name;
  void [data, name];
}

try {
  parseSmartComplyEvent("{}");
} catch (error) {
  if (error instanceof WebhookEventError) {
    const code: EventErrorCode = error.code;
    const path: string = error.path;
    const issues: readonly EventIssue[] = error.issues;
    // @ts-expect-error: the issues are read-only
    error.issues.push({ code: "invalid_json", path: "", message: "" });
    void [code, path, issues];
  }
}
const ids: EventVendorId[] = eventVendors.map((vendor) => vendor.id);

void [known, notKnown, byVendor, handlers, ids, typeName];
