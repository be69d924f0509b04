// Generated from schemas/ by core/tests/event_schemas.rs (`make events`): do not edit.

/** The id of a vendor whose events hookseal knows: its folder under `schemas/`. */
export type EventVendorId = "septiccycle" | "smartcomply" | "job-events" | "carecycle";

/** Each vendor's events by its id (what `parseEvent` returns). */
export interface EventVendorMap {
  "septiccycle": SepticCycleEvent;
  "smartcomply": SmartComplyEvent;
  "job-events": JobEvent;
  "carecycle": CareCycleEvent;
}

/** Each vendor's known events by its id (what strict `parseEvent` returns). */
export interface KnownEventVendorMap {
  "septiccycle": SepticCycleKnownEvent;
  "smartcomply": SmartComplyKnownEvent;
  "job-events": JobKnownEvent;
  "carecycle": CareCycleKnownEvent;
}

// ------------------------------------------------------------

/**
 * Any SepticCycle webhook event: a flat JSON object whose `event` field names the event.
 *
 * Narrow it on `event`: an event type hookseal does not know is a `SepticCycleUnknownEvent`.
 */
export type SepticCycleEvent = SepticCycleKnownEvent | SepticCycleUnknownEvent;

/** The SepticCycle event types hookseal knows. */
export type SepticCycleEventType =
  | "job.completed"
  | "invoice.paid"
  | "contract.signed";

/** Each known SepticCycle event by its type: `SepticCycleEventMap["job.completed"]`. */
export interface SepticCycleEventMap {
  "job.completed": SepticCycleJobCompletedEvent;
  "invoice.paid": SepticCycleInvoicePaidEvent;
  "contract.signed": SepticCycleContractSignedEvent;
}

/** A SepticCycle event of a type hookseal knows (what strict parsing returns). */
export type SepticCycleKnownEvent = SepticCycleEventMap[SepticCycleEventType];

/** A SepticCycle event of a type hookseal does not know (vendors add types): what every SepticCycle event has, every field kept. */
export interface SepticCycleUnknownEvent {
  /** The event type, one hookseal does not know: typed apart so that the known types narrow; `String(event.event)` reads it. */
  event: UnknownEventType;
  [field: string]: unknown;
}

/** `job.completed`: An admin or technician marked a job as Completed. */
export interface SepticCycleJobCompletedEvent {
  /** The event type, one of the document's Webhook Events table. */
  event: "job.completed";
  /** The job's id (a UUID). */
  job_id: string;
  /** The company's id (a UUID). */
  company_id?: string;
  /** The customer's id. */
  customer_id?: string;
  /** The serviced property's id. */
  property_id?: string;
  /** The primary technician's id. */
  primary_technician_id?: string;
  /** Every technician on the job. */
  technician_ids?: string[];
  /** The service performed, such as "Aerobic Inspection". */
  service_type: string;
  /** When the job was completed (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  completed_at: string;
  /** The job's invoice. */
  invoice_id?: string;
}

/** `invoice.paid`: A Stripe payment succeeded or an offline payment was recorded. */
export interface SepticCycleInvoicePaidEvent {
  /** The event type, one of the document's Webhook Events table. */
  event: "invoice.paid";
  /** The paid invoice's id. */
  invoice_id: string;
  /** The company's id. */
  company_id?: string;
  /** The customer's id. */
  customer_id?: string;
  /** The amount paid in the currency's smallest unit (cents: 29900 is $299.00; the document's receiver divides it by 100). An integer. */
  amount: number;
  /** The currency, lowercase ISO 4217 ("usd"). */
  currency?: string;
  /** How it was paid, such as "card". */
  payment_method?: string;
  /** When it was paid (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  paid_at?: string;
}

/** `contract.signed`: Both the customer's and the company's signatures were captured. */
export interface SepticCycleContractSignedEvent {
  /** The event type, one of the document's Webhook Events table. */
  event: "contract.signed";
  /** The signed contract's id. */
  contract_id?: string;
  /** The company's id. */
  company_id?: string;
  /** The customer's id. */
  customer_id?: string;
  /** When the customer signed (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  customer_signed_at?: string;
  /** When the company signed (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  company_signed_at?: string;
}

/**
 * Parses a verified SepticCycle body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Strict mode returns known events only: an unknown event type and undeclared fields are errors.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`; strict: `unknown_event_type`, `unknown_field`
 */
export declare function parseSepticCycleEvent(input: EventInput, options: StrictParse): SepticCycleKnownEvent;
/**
 * Parses a verified SepticCycle body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Forward compatible: an event type hookseal does not know is a `SepticCycleUnknownEvent`, undeclared fields are kept untyped.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`
 */
export declare function parseSepticCycleEvent(input: EventInput, options?: ParseEventOptions): SepticCycleEvent;

// ------------------------------------------------------------

/**
 * Any SmartComply webhook event: the envelope every event uses, its payload in `data`.
 *
 * Narrow it on `type`: an event type hookseal does not know is a `SmartComplyUnknownEvent`.
 */
export type SmartComplyEvent = SmartComplyKnownEvent | SmartComplyUnknownEvent;

/** The SmartComply event types hookseal knows. */
export type SmartComplyEventType =
  | "test.submitted"
  | "test.failed"
  | "assembly.due_soon"
  | "iu.exceedance_detected"
  | "permit.expiring"
  | "manifest.filed"
  | "notice.created"
  | "inspection.completed"
  | "report.certified"
  | "partner.approved"
  | "partner.application_submitted"
  | "webhook.test";

/** Each known SmartComply event by its type: `SmartComplyEventMap["test.submitted"]`. */
export interface SmartComplyEventMap {
  "test.submitted": SmartComplyTestSubmittedEvent;
  "test.failed": SmartComplyTestFailedEvent;
  "assembly.due_soon": SmartComplyAssemblyDueSoonEvent;
  "iu.exceedance_detected": SmartComplyIuExceedanceDetectedEvent;
  "permit.expiring": SmartComplyPermitExpiringEvent;
  "manifest.filed": SmartComplyManifestFiledEvent;
  "notice.created": SmartComplyNoticeCreatedEvent;
  "inspection.completed": SmartComplyInspectionCompletedEvent;
  "report.certified": SmartComplyReportCertifiedEvent;
  "partner.approved": SmartComplyPartnerApprovedEvent;
  "partner.application_submitted": SmartComplyPartnerApplicationSubmittedEvent;
  "webhook.test": SmartComplyWebhookTestEvent;
}

/** A SmartComply event of a type hookseal knows (what strict parsing returns). */
export type SmartComplyKnownEvent = SmartComplyEventMap[SmartComplyEventType];

/** A SmartComply event of a type hookseal does not know (vendors add types): what every SmartComply event has, every field kept. */
export interface SmartComplyUnknownEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one hookseal does not know: typed apart so that the known types narrow; `String(event.type)` reads it. */
  type: UnknownEventType;
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: { [field: string]: unknown };
  [field: string]: unknown;
}

/** A backflow test report: test.submitted's payload, and test.failed's ("same shape as test.submitted"). */
export interface SmartComplyBackflowTest {
  /** The test report's id ("bft_…"). */
  test_id?: string;
  /** The tested assembly's id ("asm_…"). */
  assembly_id?: string;
  /** The certified tester's id ("tst_…"). */
  tester_id?: string;
  /** The result: "pass" or "fail". */
  result?: string;
  /** The day of the test. (JSON Schema format `date`, not checked.) */
  test_date?: string;
  /** When the next test is due. (JSON Schema format `date`, not checked.) */
  next_due_date?: string;
  /** Why the test failed (test.failed). */
  failure_reason?: string;
  /** The facility's name. */
  facility_name?: string;
}

/** `test.submitted`: A certified tester submitted a backflow test report for an assembly. */
export interface SmartComplyTestSubmittedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "test.submitted";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** A backflow test report: test.submitted's payload, and test.failed's ("same shape as test.submitted"). */
  data: SmartComplyBackflowTest;
}

/** `test.failed`: A backflow test report recorded a failure (fired only when the result is a failure). */
export interface SmartComplyTestFailedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "test.failed";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** A backflow test report: test.submitted's payload, and test.failed's ("same shape as test.submitted"). */
  data: SmartComplyBackflowTest;
}

/** assembly.due_soon's `data`: The event's payload. */
export interface SmartComplyAssemblyDueSoonData {
  /** The assembly's id ("asm_…"). */
  assembly_id?: string;
  /** The facility's id ("fac_…"). */
  facility_id?: string;
  /** When the test is due. (JSON Schema format `date`, not checked.) */
  due_date?: string;
  /** Days until the due date. An integer. */
  days_remaining?: number;
  /** The assembly's type, such as "RPZ". */
  assembly_type?: string;
  /** The facility's name. */
  facility_name?: string;
  /** The facility's address. */
  address?: string;
}

/** `assembly.due_soon`: An assembly's annual test is due in 30 days. */
export interface SmartComplyAssemblyDueSoonEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "assembly.due_soon";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyAssemblyDueSoonData;
}

/** One parameter over its permitted limit. */
export interface SmartComplyExceedance {
  /** The measured parameter, such as "Zinc". */
  parameter?: string;
  /** The measured value. */
  result_value?: number;
  /** The permitted limit. */
  permit_limit?: number;
  /** The unit of both values, such as "mg/L". */
  unit?: string;
}

/** iu.exceedance_detected's `data`: The event's payload. */
export interface SmartComplyIuExceedanceDetectedData {
  /** The sample's id ("smp_…"). */
  sample_id?: string;
  /** The industrial user's id ("iu_…"). */
  industrial_user_id?: string;
  /** The permit's id ("prm_…"). */
  permit_id?: string;
  /** The facility's name. */
  facility_name?: string;
  /** The parameters that exceeded their limits, with their values. */
  exceedances?: SmartComplyExceedance[];
  /** When the sample was taken. (JSON Schema format `date`, not checked.) */
  sample_date?: string;
  /** Where it was taken, such as "MP-001". */
  monitoring_point?: string;
}

/** `iu.exceedance_detected`: A lab result for an industrial user exceeded one or more permitted discharge limits. */
export interface SmartComplyIuExceedanceDetectedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "iu.exceedance_detected";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyIuExceedanceDetectedData;
}

/** permit.expiring's `data`: The event's payload. */
export interface SmartComplyPermitExpiringData {
  /** The permit's id ("prm_…"). */
  permit_id?: string;
  /** The industrial user's id ("iu_…"). */
  industrial_user_id?: string;
  /** The facility's name. */
  facility_name?: string;
  /** When the permit expires. (JSON Schema format `date`, not checked.) */
  expiration_date?: string;
  /** Days until it expires. An integer. */
  days_remaining?: number;
  /** The permit's type, such as "individual". */
  permit_type?: string;
}

/** `permit.expiring`: A discharge permit expires in 60 days. */
export interface SmartComplyPermitExpiringEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "permit.expiring";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyPermitExpiringData;
}

/** manifest.filed's `data`: The event's payload. */
export interface SmartComplyManifestFiledData {
  /** The pump-out's id ("po_…"). */
  pump_out_id?: string;
  /** The food service establishment's id ("fse_…"). */
  establishment_id?: string;
  /** The hauler's id ("hsp_…"). */
  hauler_id?: string;
  /** The establishment's name. */
  establishment_name?: string;
  /** The hauler's name. */
  hauler_name?: string;
  /** Gallons pumped. */
  gallons_pumped?: number;
  /** Where the waste was taken. */
  disposal_facility?: string;
  /** The day of the pump-out. (JSON Schema format `date`, not checked.) */
  service_date?: string;
}

/** `manifest.filed`: A FOG hauler filed a grease-trap pump-out manifest. */
export interface SmartComplyManifestFiledEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "manifest.filed";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyManifestFiledData;
}

/** notice.created's `data`: The event's payload. */
export interface SmartComplyNoticeCreatedData {
  /** The notice's id ("ntc_…"). */
  notice_id?: string;
  /** The facility's id ("fac_…"). */
  facility_id?: string;
  /** The facility's name. */
  facility_name?: string;
  /** The notice's type, such as "NOV". */
  notice_type?: string;
  /** Its severity, such as "significant". */
  severity?: string;
  /** A one-line summary. */
  summary?: string;
  /** When a response is due. (JSON Schema format `date`, not checked.) */
  due_date?: string;
}

/** `notice.created`: A compliance notice (warning, NOV, consent order, …) was issued. */
export interface SmartComplyNoticeCreatedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "notice.created";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyNoticeCreatedData;
}

/** inspection.completed's `data`: The event's payload. */
export interface SmartComplyInspectionCompletedData {
  /** The inspection's id ("insp_…"). */
  inspection_id?: string;
  /** The facility's id ("fac_…"). */
  facility_id?: string;
  /** The facility's name. */
  facility_name?: string;
  /** The inspection's type, such as "fog_routine". */
  inspection_type?: string;
  /** The result, such as "satisfactory". */
  result?: string;
  /** The inspector's name. */
  inspector_name?: string;
  /** When it was completed (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  completed_at?: string;
}

/** `inspection.completed`: An inspector finalized an inspection record (FOG, stormwater site or construction inspection). */
export interface SmartComplyInspectionCompletedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "inspection.completed";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyInspectionCompletedData;
}

/** report.certified's `data`: The event's payload. */
export interface SmartComplyReportCertifiedData {
  /** The report's id ("rpt_…"). */
  report_id?: string;
  /** The report's type, such as "annual_report". */
  report_type?: string;
  /** The period it covers, such as "2025". */
  period?: string;
  /** Who certified it. */
  certified_by?: string;
  /** When it was certified (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  certified_at?: string;
  /** The facility's name. */
  facility_name?: string;
}

/** `report.certified`: A compliance report (DMR submission, annual or baseline monitoring report) was electronically signed and locked. */
export interface SmartComplyReportCertifiedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "report.certified";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyReportCertifiedData;
}

/** partner.approved's `data`: The event's payload. */
export interface SmartComplyPartnerApprovedData {
  /** The partner's id ("prt_…"). */
  partner_id?: string;
  /** The partner's name. */
  partner_name?: string;
  /** When it was approved (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  approved_at?: string;
  /** The integration's type, such as "lims". */
  integration_type?: string;
}

/** `partner.approved`: A SmartComply admin approved a partner integration application. */
export interface SmartComplyPartnerApprovedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "partner.approved";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyPartnerApprovedData;
}

/** partner.application_submitted's `data`: The event's payload. */
export interface SmartComplyPartnerApplicationSubmittedData {
  /** The partner's id ("prt_…"). */
  partner_id?: string;
  /** The partner's name. */
  partner_name?: string;
  /** The partner's contact address. (JSON Schema format `email`, not checked.) */
  contact_email?: string;
  /** The integration's type, such as "gis". */
  integration_type?: string;
  /** When it was submitted (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  submitted_at?: string;
}

/** `partner.application_submitted`: A prospective partner submitted an integration application (meant for SmartComply's own automation). */
export interface SmartComplyPartnerApplicationSubmittedEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "partner.application_submitted";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyPartnerApplicationSubmittedData;
}

/** webhook.test's `data`: The event's payload. */
export interface SmartComplyWebhookTestData {
  /** Always true: a test event. */
  test?: boolean;
  /** A note from SmartComply. */
  note?: string;
  /** When it was sent (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  sent_at?: string;
}

/** `webhook.test`: A synthetic test event sent from the dashboard or the API (not subscribable). */
export interface SmartComplyWebhookTestEvent {
  /** The event's id ("evt_…"). */
  id: string;
  /** The event type, one of the catalog's. */
  type: "webhook.test";
  /** When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  created_at: string;
  /** The event's payload. */
  data: SmartComplyWebhookTestData;
}

/**
 * Parses a verified SmartComply body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Strict mode returns known events only: an unknown event type and undeclared fields are errors.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`; strict: `unknown_event_type`, `unknown_field`
 */
export declare function parseSmartComplyEvent(input: EventInput, options: StrictParse): SmartComplyKnownEvent;
/**
 * Parses a verified SmartComply body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Forward compatible: an event type hookseal does not know is a `SmartComplyUnknownEvent`, undeclared fields are kept untyped.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`
 */
export declare function parseSmartComplyEvent(input: EventInput, options?: ParseEventOptions): SmartComplyEvent;

// ------------------------------------------------------------

/**
 * Any event of the job-events service (signed with X-Webhook-Signature): the job as it is after the change.
 *
 * Narrow it on `event`: an event type hookseal does not know is a `JobUnknownEvent`.
 */
export type JobEvent = JobKnownEvent | JobUnknownEvent;

/** The Job event types hookseal knows. */
export type JobEventType =
  | "job.created"
  | "job.updated"
  | "job.deleted";

/** Each known Job event by its type: `JobEventMap["job.created"]`. */
export interface JobEventMap {
  "job.created": JobCreatedEvent;
  "job.updated": JobUpdatedEvent;
  "job.deleted": JobDeletedEvent;
}

/** A Job event of a type hookseal knows (what strict parsing returns). */
export type JobKnownEvent = JobEventMap[JobEventType];

/** A Job event of a type hookseal does not know (vendors add types): what every Job event has, every field kept. */
export interface JobUnknownEvent {
  /** The event type, one hookseal does not know: typed apart so that the known types narrow; `String(event.event)` reads it. */
  event: UnknownEventType;
  /** When the event was dispatched (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  timestamp: string;
  /** The organization's id (a UUID). */
  organizationId: string;
  /** The job. */
  job: JobEventJob;
  [field: string]: unknown;
}

/** The customer's details. */
export interface JobEventCustomer {
  /** The customer's name. */
  name?: string;
  /** The customer's e-mail address. */
  email?: string;
  /** The customer's phone number. */
  phone?: string;
}

/** The insurance claim's details. */
export interface JobEventInsurance {
  /** The claim number. */
  claimNumber?: string;
  /** The insurance company. */
  company?: string;
  /** The type of loss, such as "fire". */
  lossType?: string;
  /** The policy number. */
  policyNumber?: string;
  /** The agent's name. */
  agent?: string;
  /** The agent's phone number. */
  phone?: string;
  /** The agent's e-mail address. */
  email?: string;
}

/** The job. */
export interface JobEventJob {
  /** The job's id (a UUID). */
  id: string;
  /** The job's name. */
  name: string;
  /** The job's status, such as "inventory". */
  status?: string;
  /** The customer's details. */
  customer?: JobEventCustomer;
  /** The insurance claim's details. */
  insurance?: JobEventInsurance;
  /** The id of the user who owns the job. */
  ownerUserId: string;
  /** When the job was created (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  createdAt: string;
  /** When the job was last updated (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  updatedAt: string;
}

/** `job.created`: A new job was created in the organization. */
export interface JobCreatedEvent {
  /** The event type: job.created, job.updated or job.deleted. */
  event: "job.created";
  /** When the event was dispatched (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  timestamp: string;
  /** The organization's id (a UUID). */
  organizationId: string;
  /** The job. */
  job: JobEventJob;
}

/** One changed field. */
export interface JobEventChange {
  /** The watched field that changed, such as "settings.customer". */
  field?: string;
  /** Its value before (any JSON value). */
  oldValue?: unknown;
  /** Its value after (any JSON value). */
  newValue?: unknown;
}

/** `job.updated`: A job's name, customer or insurance details were modified. */
export interface JobUpdatedEvent {
  /** The event type: job.created, job.updated or job.deleted. */
  event: "job.updated";
  /** When the event was dispatched (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  timestamp: string;
  /** The organization's id (a UUID). */
  organizationId: string;
  /** The job. */
  job: JobEventJob;
  /** What changed: one entry per watched field (jobName, settings.customer, settings.insurance). */
  changes?: JobEventChange[];
}

/** `job.deleted`: A job was deleted. */
export interface JobDeletedEvent {
  /** The event type: job.created, job.updated or job.deleted. */
  event: "job.deleted";
  /** When the event was dispatched (ISO 8601). (JSON Schema format `date-time`, not checked.) */
  timestamp: string;
  /** The organization's id (a UUID). */
  organizationId: string;
  /** The job. */
  job: JobEventJob;
}

/**
 * Parses a verified Job body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Strict mode returns known events only: an unknown event type and undeclared fields are errors.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`; strict: `unknown_event_type`, `unknown_field`
 */
export declare function parseJobEvent(input: EventInput, options: StrictParse): JobKnownEvent;
/**
 * Parses a verified Job body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Forward compatible: an event type hookseal does not know is a `JobUnknownEvent`, undeclared fields are kept untyped.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`
 */
export declare function parseJobEvent(input: EventInput, options?: ParseEventOptions): JobEvent;

// ------------------------------------------------------------

/**
 * Any careCycle webhook event (inferred: careCycle's document shows no payload). careCycle sends through Svix; this assumes the envelope Svix senders commonly use, {type, timestamp, data}, and types nothing inside `data`.
 *
 * Narrow it on `type`: an event type hookseal does not know is a `CareCycleUnknownEvent`.
 */
export type CareCycleEvent = CareCycleKnownEvent | CareCycleUnknownEvent;

/** The CareCycle event types hookseal knows. */
export type CareCycleEventType =
  | "customer.updated"
  | "call.completed"
  | "customer.created";

/** Each known CareCycle event by its type: `CareCycleEventMap["customer.updated"]`. */
export interface CareCycleEventMap {
  "customer.updated": CareCycleCustomerUpdatedEvent;
  "call.completed": CareCycleCallCompletedEvent;
  "customer.created": CareCycleCustomerCreatedEvent;
}

/** A CareCycle event of a type hookseal knows (what strict parsing returns). */
export type CareCycleKnownEvent = CareCycleEventMap[CareCycleEventType];

/** A CareCycle event of a type hookseal does not know (vendors add types): what every CareCycle event has, every field kept. */
export interface CareCycleUnknownEvent {
  /** The event type, one hookseal does not know: typed apart so that the known types narrow; `String(event.type)` reads it. */
  type: UnknownEventType;
  /** When the event happened (ISO 8601; inferred). (JSON Schema format `date-time`, not checked.) */
  timestamp?: string;
  /** The customer or call record (its fields are not documented: kept open). */
  data?: { [field: string]: unknown };
  [field: string]: unknown;
}

/** `customer.updated`: A customer was updated (inferred name: the document says events fire when a customer is "updated"). */
export interface CareCycleCustomerUpdatedEvent {
  /** The event type (inferred names). */
  type: "customer.updated";
  /** When the event happened (ISO 8601; inferred). (JSON Schema format `date-time`, not checked.) */
  timestamp?: string;
  /** The customer or call record (its fields are not documented: kept open). */
  data?: { [field: string]: unknown };
}

/** `call.completed`: A call finished (inferred name: the document says events fire "when a call finishes"). */
export interface CareCycleCallCompletedEvent {
  /** The event type (inferred names). */
  type: "call.completed";
  /** When the event happened (ISO 8601; inferred). (JSON Schema format `date-time`, not checked.) */
  timestamp?: string;
  /** The customer or call record (its fields are not documented: kept open). */
  data?: { [field: string]: unknown };
}

/** `customer.created`: A customer was created (inferred name: the document says events fire "when a customer is created"). */
export interface CareCycleCustomerCreatedEvent {
  /** The event type (inferred names). */
  type: "customer.created";
  /** When the event happened (ISO 8601; inferred). (JSON Schema format `date-time`, not checked.) */
  timestamp?: string;
  /** The customer or call record (its fields are not documented: kept open). */
  data?: { [field: string]: unknown };
}

/**
 * Parses a verified CareCycle body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Strict mode returns known events only: an unknown event type and undeclared fields are errors.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`; strict: `unknown_event_type`, `unknown_field`
 */
export declare function parseCareCycleEvent(input: EventInput, options: StrictParse): CareCycleKnownEvent;
/**
 * Parses a verified CareCycle body (the `WebhookMessage`, its text or its bytes) into its typed event.
 * Forward compatible: an event type hookseal does not know is a `CareCycleUnknownEvent`, undeclared fields are kept untyped.
 * @throws {WebhookEventError} `invalid_json`, `invalid_event`
 */
export declare function parseCareCycleEvent(input: EventInput, options?: ParseEventOptions): CareCycleEvent;

