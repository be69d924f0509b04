// Generated from schemas/ by core/tests/event_schemas.rs (`make events`): do not edit.
// hookseal/events: the tables runtime.js walks (as core/src/events/generated.rs has them
// for Rust) and a parse function per vendor.
import { parseById, parseWith, vendorFacts } from "./runtime.js";

export { WebhookEventError } from "./runtime.js";

const S = "string", I = "integer", N = "number", B = "boolean", A = "any";
/** An object whose contents the schema leaves undescribed. */
const OPEN = { fields: [], open: true };

const SepticCycleEvent = { fields: [
  ["event", true, S],
] };
const SepticCycleJobCompletedEvent = { fields: [
  ["event", true, { const: "job.completed" }],
  ["job_id", true, S],
  ["company_id", false, S],
  ["customer_id", false, S],
  ["property_id", false, S],
  ["primary_technician_id", false, S],
  ["technician_ids", false, { items: S }],
  ["service_type", true, S],
  ["completed_at", true, S],
  ["invoice_id", false, S],
] };
const SepticCycleInvoicePaidEvent = { fields: [
  ["event", true, { const: "invoice.paid" }],
  ["invoice_id", true, S],
  ["company_id", false, S],
  ["customer_id", false, S],
  ["amount", true, I],
  ["currency", false, S],
  ["payment_method", false, S],
  ["paid_at", false, S],
] };
const SepticCycleContractSignedEvent = { fields: [
  ["event", true, { const: "contract.signed" }],
  ["contract_id", false, S],
  ["company_id", false, S],
  ["customer_id", false, S],
  ["customer_signed_at", false, S],
  ["company_signed_at", false, S],
] };

const septiccycle = {
  id: "septiccycle",
  typeField: "event",
  eventTypes: ["job.completed", "invoice.paid", "contract.signed"],
  envelope: SepticCycleEvent,
  events: [SepticCycleJobCompletedEvent, SepticCycleInvoicePaidEvent, SepticCycleContractSignedEvent],
};

export const parseSepticCycleEvent = (input, options) => parseWith(septiccycle, input, options);

const SmartComplyEvent = { fields: [
  ["id", true, S],
  ["type", true, S],
  ["created_at", true, S],
  ["data", true, OPEN],
] };
const SmartComplyBackflowTest = { fields: [
  ["test_id", false, S],
  ["assembly_id", false, S],
  ["tester_id", false, S],
  ["result", false, S],
  ["test_date", false, S],
  ["next_due_date", false, S],
  ["failure_reason", false, S],
  ["facility_name", false, S],
] };
const SmartComplyTestSubmittedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "test.submitted" }],
  ["created_at", true, S],
  ["data", true, SmartComplyBackflowTest],
] };
const SmartComplyTestFailedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "test.failed" }],
  ["created_at", true, S],
  ["data", true, SmartComplyBackflowTest],
] };
const SmartComplyAssemblyDueSoonData = { fields: [
  ["assembly_id", false, S],
  ["facility_id", false, S],
  ["due_date", false, S],
  ["days_remaining", false, I],
  ["assembly_type", false, S],
  ["facility_name", false, S],
  ["address", false, S],
] };
const SmartComplyAssemblyDueSoonEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "assembly.due_soon" }],
  ["created_at", true, S],
  ["data", true, SmartComplyAssemblyDueSoonData],
] };
const SmartComplyExceedance = { fields: [
  ["parameter", false, S],
  ["result_value", false, N],
  ["permit_limit", false, N],
  ["unit", false, S],
] };
const SmartComplyIuExceedanceDetectedData = { fields: [
  ["sample_id", false, S],
  ["industrial_user_id", false, S],
  ["permit_id", false, S],
  ["facility_name", false, S],
  ["exceedances", false, { items: SmartComplyExceedance }],
  ["sample_date", false, S],
  ["monitoring_point", false, S],
] };
const SmartComplyIuExceedanceDetectedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "iu.exceedance_detected" }],
  ["created_at", true, S],
  ["data", true, SmartComplyIuExceedanceDetectedData],
] };
const SmartComplyPermitExpiringData = { fields: [
  ["permit_id", false, S],
  ["industrial_user_id", false, S],
  ["facility_name", false, S],
  ["expiration_date", false, S],
  ["days_remaining", false, I],
  ["permit_type", false, S],
] };
const SmartComplyPermitExpiringEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "permit.expiring" }],
  ["created_at", true, S],
  ["data", true, SmartComplyPermitExpiringData],
] };
const SmartComplyManifestFiledData = { fields: [
  ["pump_out_id", false, S],
  ["establishment_id", false, S],
  ["hauler_id", false, S],
  ["establishment_name", false, S],
  ["hauler_name", false, S],
  ["gallons_pumped", false, N],
  ["disposal_facility", false, S],
  ["service_date", false, S],
] };
const SmartComplyManifestFiledEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "manifest.filed" }],
  ["created_at", true, S],
  ["data", true, SmartComplyManifestFiledData],
] };
const SmartComplyNoticeCreatedData = { fields: [
  ["notice_id", false, S],
  ["facility_id", false, S],
  ["facility_name", false, S],
  ["notice_type", false, S],
  ["severity", false, S],
  ["summary", false, S],
  ["due_date", false, S],
] };
const SmartComplyNoticeCreatedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "notice.created" }],
  ["created_at", true, S],
  ["data", true, SmartComplyNoticeCreatedData],
] };
const SmartComplyInspectionCompletedData = { fields: [
  ["inspection_id", false, S],
  ["facility_id", false, S],
  ["facility_name", false, S],
  ["inspection_type", false, S],
  ["result", false, S],
  ["inspector_name", false, S],
  ["completed_at", false, S],
] };
const SmartComplyInspectionCompletedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "inspection.completed" }],
  ["created_at", true, S],
  ["data", true, SmartComplyInspectionCompletedData],
] };
const SmartComplyReportCertifiedData = { fields: [
  ["report_id", false, S],
  ["report_type", false, S],
  ["period", false, S],
  ["certified_by", false, S],
  ["certified_at", false, S],
  ["facility_name", false, S],
] };
const SmartComplyReportCertifiedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "report.certified" }],
  ["created_at", true, S],
  ["data", true, SmartComplyReportCertifiedData],
] };
const SmartComplyPartnerApprovedData = { fields: [
  ["partner_id", false, S],
  ["partner_name", false, S],
  ["approved_at", false, S],
  ["integration_type", false, S],
] };
const SmartComplyPartnerApprovedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "partner.approved" }],
  ["created_at", true, S],
  ["data", true, SmartComplyPartnerApprovedData],
] };
const SmartComplyPartnerApplicationSubmittedData = { fields: [
  ["partner_id", false, S],
  ["partner_name", false, S],
  ["contact_email", false, S],
  ["integration_type", false, S],
  ["submitted_at", false, S],
] };
const SmartComplyPartnerApplicationSubmittedEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "partner.application_submitted" }],
  ["created_at", true, S],
  ["data", true, SmartComplyPartnerApplicationSubmittedData],
] };
const SmartComplyWebhookTestData = { fields: [
  ["test", false, B],
  ["note", false, S],
  ["sent_at", false, S],
] };
const SmartComplyWebhookTestEvent = { fields: [
  ["id", true, S],
  ["type", true, { const: "webhook.test" }],
  ["created_at", true, S],
  ["data", true, SmartComplyWebhookTestData],
] };

const smartcomply = {
  id: "smartcomply",
  typeField: "type",
  eventTypes: ["test.submitted", "test.failed", "assembly.due_soon", "iu.exceedance_detected", "permit.expiring", "manifest.filed", "notice.created", "inspection.completed", "report.certified", "partner.approved", "partner.application_submitted", "webhook.test"],
  envelope: SmartComplyEvent,
  events: [SmartComplyTestSubmittedEvent, SmartComplyTestFailedEvent, SmartComplyAssemblyDueSoonEvent, SmartComplyIuExceedanceDetectedEvent, SmartComplyPermitExpiringEvent, SmartComplyManifestFiledEvent, SmartComplyNoticeCreatedEvent, SmartComplyInspectionCompletedEvent, SmartComplyReportCertifiedEvent, SmartComplyPartnerApprovedEvent, SmartComplyPartnerApplicationSubmittedEvent, SmartComplyWebhookTestEvent],
};

export const parseSmartComplyEvent = (input, options) => parseWith(smartcomply, input, options);

const JobEventCustomer = { fields: [
  ["name", false, S],
  ["email", false, S],
  ["phone", false, S],
] };
const JobEventInsurance = { fields: [
  ["claimNumber", false, S],
  ["company", false, S],
  ["lossType", false, S],
  ["policyNumber", false, S],
  ["agent", false, S],
  ["phone", false, S],
  ["email", false, S],
] };
const JobEventJob = { fields: [
  ["id", true, S],
  ["name", true, S],
  ["status", false, S],
  ["customer", false, JobEventCustomer],
  ["insurance", false, JobEventInsurance],
  ["ownerUserId", true, S],
  ["createdAt", true, S],
  ["updatedAt", true, S],
] };
const JobEvent = { fields: [
  ["event", true, S],
  ["timestamp", true, S],
  ["organizationId", true, S],
  ["job", true, JobEventJob],
] };
const JobCreatedEvent = { fields: [
  ["event", true, { const: "job.created" }],
  ["timestamp", true, S],
  ["organizationId", true, S],
  ["job", true, JobEventJob],
] };
const JobEventChange = { fields: [
  ["field", false, S],
  ["oldValue", false, A],
  ["newValue", false, A],
] };
const JobUpdatedEvent = { fields: [
  ["event", true, { const: "job.updated" }],
  ["timestamp", true, S],
  ["organizationId", true, S],
  ["job", true, JobEventJob],
  ["changes", false, { items: JobEventChange }],
] };
const JobDeletedEvent = { fields: [
  ["event", true, { const: "job.deleted" }],
  ["timestamp", true, S],
  ["organizationId", true, S],
  ["job", true, JobEventJob],
] };

const job_events = {
  id: "job-events",
  typeField: "event",
  eventTypes: ["job.created", "job.updated", "job.deleted"],
  envelope: JobEvent,
  events: [JobCreatedEvent, JobUpdatedEvent, JobDeletedEvent],
};

export const parseJobEvent = (input, options) => parseWith(job_events, input, options);

const CareCycleEvent = { fields: [
  ["type", true, S],
  ["timestamp", false, S],
  ["data", false, OPEN],
] };
const CareCycleCustomerUpdatedEvent = { fields: [
  ["type", true, { const: "customer.updated" }],
  ["timestamp", false, S],
  ["data", false, OPEN],
] };
const CareCycleCallCompletedEvent = { fields: [
  ["type", true, { const: "call.completed" }],
  ["timestamp", false, S],
  ["data", false, OPEN],
] };
const CareCycleCustomerCreatedEvent = { fields: [
  ["type", true, { const: "customer.created" }],
  ["timestamp", false, S],
  ["data", false, OPEN],
] };

const carecycle = {
  id: "carecycle",
  typeField: "type",
  eventTypes: ["customer.updated", "call.completed", "customer.created"],
  envelope: CareCycleEvent,
  events: [CareCycleCustomerUpdatedEvent, CareCycleCallCompletedEvent, CareCycleCustomerCreatedEvent],
};

export const parseCareCycleEvent = (input, options) => parseWith(carecycle, input, options);

/** Every vendor's table, in the order of tests/fixtures/samples.json. */
const tables = [septiccycle, smartcomply, job_events, carecycle];

/** Every vendor whose events hookseal knows: its id, event type field and event types. */
export const eventVendors = vendorFacts(tables);

/** Parses a verified body as an event of the vendor with id `vendor` (one of eventVendors). */
export const parseEvent = (vendor, input, options) => parseById(tables, vendor, input, options);
