// Generated from schemas/ by core/tests/event_schemas.rs (`make events`): do not edit.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Deserialize;

use super::shape::{self, Field, Shape, VendorFacts, VendorShape};
use super::{EventError, UnknownEvent};

// ------------------------------------------------------------

/// Any SepticCycle webhook event: a flat JSON object whose `event` field names the event.
///
/// Parse a verified body with [`SepticCycleEvent::parse`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SepticCycleEvent {
    /// `job.completed`: An admin or technician marked a job as Completed.
    JobCompleted(SepticCycleJobCompletedEvent),
    /// `invoice.paid`: A Stripe payment succeeded or an offline payment was recorded.
    InvoicePaid(SepticCycleInvoicePaidEvent),
    /// `contract.signed`: Both the customer's and the company's signatures were captured.
    ContractSigned(SepticCycleContractSignedEvent),
    /// An event type hookseal does not know (`parse` only): it has what every SepticCycle event has.
    Unknown(UnknownEvent),
}

impl SepticCycleEvent {
    /// The event types hookseal knows, as `event` names them.
    pub const EVENT_TYPES: &'static [&'static str] = SEPTICCYCLE_FACTS.event_types;

    /// Parses a verified body, forward compatibly: an event type hookseal does not know is
    /// [`Unknown`](Self::Unknown), fields the schema does not declare are ignored.
    pub fn parse(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, false)
    }

    /// Parses a verified body strictly: an unknown event type (`unknown_event_type`) and fields
    /// the schema does not declare (`unknown_field`) are errors too.
    pub fn parse_strict(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, true)
    }

    fn parse_with(body: &[u8], strict: bool) -> Result<Self, EventError> {
        let checked = shape::check(&SEPTICCYCLE, body, strict)?;
        Ok(match checked.known {
            Some("job.completed") => Self::JobCompleted(shape::typed(checked.value)?),
            Some("invoice.paid") => Self::InvoicePaid(shape::typed(checked.value)?),
            Some("contract.signed") => Self::ContractSigned(shape::typed(checked.value)?),
            _ => Self::Unknown(shape::unknown(&SEPTICCYCLE, checked.value)),
        })
    }

    /// The event's type.
    pub fn event_type(&self) -> &str {
        match self {
            Self::JobCompleted(_) => "job.completed",
            Self::InvoicePaid(_) => "invoice.paid",
            Self::ContractSigned(_) => "contract.signed",
            Self::Unknown(event) => &event.event_type,
        }
    }
}

/// `job.completed`: An admin or technician marked a job as Completed.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SepticCycleJobCompletedEvent {
    /// The job's id (a UUID).
    pub job_id: String,
    /// The company's id (a UUID).
    pub company_id: Option<String>,
    /// The customer's id.
    pub customer_id: Option<String>,
    /// The serviced property's id.
    pub property_id: Option<String>,
    /// The primary technician's id.
    pub primary_technician_id: Option<String>,
    /// Every technician on the job.
    pub technician_ids: Option<Vec<String>>,
    /// The service performed, such as "Aerobic Inspection".
    pub service_type: String,
    /// When the job was completed (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub completed_at: String,
    /// The job's invoice.
    pub invoice_id: Option<String>,
}

/// `invoice.paid`: A Stripe payment succeeded or an offline payment was recorded.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SepticCycleInvoicePaidEvent {
    /// The paid invoice's id.
    pub invoice_id: String,
    /// The company's id.
    pub company_id: Option<String>,
    /// The customer's id.
    pub customer_id: Option<String>,
    /// The amount paid in the currency's smallest unit (cents: 29900 is $299.00; the document's receiver divides it by 100).
    pub amount: i64,
    /// The currency, lowercase ISO 4217 ("usd").
    pub currency: Option<String>,
    /// How it was paid, such as "card".
    pub payment_method: Option<String>,
    /// When it was paid (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub paid_at: Option<String>,
}

/// `contract.signed`: Both the customer's and the company's signatures were captured.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SepticCycleContractSignedEvent {
    /// The signed contract's id.
    pub contract_id: Option<String>,
    /// The company's id.
    pub company_id: Option<String>,
    /// The customer's id.
    pub customer_id: Option<String>,
    /// When the customer signed (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub customer_signed_at: Option<String>,
    /// When the company signed (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub company_signed_at: Option<String>,
}

#[rustfmt::skip]
static SEPTIC_CYCLE_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::String },
] };

#[rustfmt::skip]
static SEPTIC_CYCLE_JOB_COMPLETED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::Const("job.completed") },
    Field { name: "job_id", required: true, shape: &Shape::String },
    Field { name: "company_id", required: false, shape: &Shape::String },
    Field { name: "customer_id", required: false, shape: &Shape::String },
    Field { name: "property_id", required: false, shape: &Shape::String },
    Field { name: "primary_technician_id", required: false, shape: &Shape::String },
    Field { name: "technician_ids", required: false, shape: &Shape::Array(&Shape::String) },
    Field { name: "service_type", required: true, shape: &Shape::String },
    Field { name: "completed_at", required: true, shape: &Shape::String },
    Field { name: "invoice_id", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SEPTIC_CYCLE_INVOICE_PAID_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::Const("invoice.paid") },
    Field { name: "invoice_id", required: true, shape: &Shape::String },
    Field { name: "company_id", required: false, shape: &Shape::String },
    Field { name: "customer_id", required: false, shape: &Shape::String },
    Field { name: "amount", required: true, shape: &Shape::Integer },
    Field { name: "currency", required: false, shape: &Shape::String },
    Field { name: "payment_method", required: false, shape: &Shape::String },
    Field { name: "paid_at", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SEPTIC_CYCLE_CONTRACT_SIGNED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::Const("contract.signed") },
    Field { name: "contract_id", required: false, shape: &Shape::String },
    Field { name: "company_id", required: false, shape: &Shape::String },
    Field { name: "customer_id", required: false, shape: &Shape::String },
    Field { name: "customer_signed_at", required: false, shape: &Shape::String },
    Field { name: "company_signed_at", required: false, shape: &Shape::String },
] };

static SEPTICCYCLE_FACTS: VendorFacts = VendorFacts {
    id: "septiccycle",
    type_field: "event",
    event_types: &["job.completed", "invoice.paid", "contract.signed"],
};

static SEPTICCYCLE: VendorShape = VendorShape {
    facts: &SEPTICCYCLE_FACTS,
    envelope: &SEPTIC_CYCLE_EVENT,
    events: &[
        &SEPTIC_CYCLE_JOB_COMPLETED_EVENT,
        &SEPTIC_CYCLE_INVOICE_PAID_EVENT,
        &SEPTIC_CYCLE_CONTRACT_SIGNED_EVENT,
    ],
};

// ------------------------------------------------------------

/// Any SmartComply webhook event: the envelope every event uses, its payload in `data`.
///
/// Parse a verified body with [`SmartComplyEvent::parse`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SmartComplyEvent {
    /// `test.submitted`: A certified tester submitted a backflow test report for an assembly.
    TestSubmitted(SmartComplyTestSubmittedEvent),
    /// `test.failed`: A backflow test report recorded a failure (fired only when the result is a failure).
    TestFailed(SmartComplyTestFailedEvent),
    /// `assembly.due_soon`: An assembly's annual test is due in 30 days.
    AssemblyDueSoon(SmartComplyAssemblyDueSoonEvent),
    /// `iu.exceedance_detected`: A lab result for an industrial user exceeded one or more permitted discharge limits.
    IuExceedanceDetected(SmartComplyIuExceedanceDetectedEvent),
    /// `permit.expiring`: A discharge permit expires in 60 days.
    PermitExpiring(SmartComplyPermitExpiringEvent),
    /// `manifest.filed`: A FOG hauler filed a grease-trap pump-out manifest.
    ManifestFiled(SmartComplyManifestFiledEvent),
    /// `notice.created`: A compliance notice (warning, NOV, consent order, …) was issued.
    NoticeCreated(SmartComplyNoticeCreatedEvent),
    /// `inspection.completed`: An inspector finalized an inspection record (FOG, stormwater site or construction inspection).
    InspectionCompleted(SmartComplyInspectionCompletedEvent),
    /// `report.certified`: A compliance report (DMR submission, annual or baseline monitoring report) was electronically signed and locked.
    ReportCertified(SmartComplyReportCertifiedEvent),
    /// `partner.approved`: A SmartComply admin approved a partner integration application.
    PartnerApproved(SmartComplyPartnerApprovedEvent),
    /// `partner.application_submitted`: A prospective partner submitted an integration application (meant for SmartComply's own automation).
    PartnerApplicationSubmitted(SmartComplyPartnerApplicationSubmittedEvent),
    /// `webhook.test`: A synthetic test event sent from the dashboard or the API (not subscribable).
    WebhookTest(SmartComplyWebhookTestEvent),
    /// An event type hookseal does not know (`parse` only): it has what every SmartComply event has.
    Unknown(UnknownEvent),
}

impl SmartComplyEvent {
    /// The event types hookseal knows, as `type` names them.
    pub const EVENT_TYPES: &'static [&'static str] = SMARTCOMPLY_FACTS.event_types;

    /// Parses a verified body, forward compatibly: an event type hookseal does not know is
    /// [`Unknown`](Self::Unknown), fields the schema does not declare are ignored.
    pub fn parse(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, false)
    }

    /// Parses a verified body strictly: an unknown event type (`unknown_event_type`) and fields
    /// the schema does not declare (`unknown_field`) are errors too.
    pub fn parse_strict(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, true)
    }

    fn parse_with(body: &[u8], strict: bool) -> Result<Self, EventError> {
        let checked = shape::check(&SMARTCOMPLY, body, strict)?;
        Ok(match checked.known {
            Some("test.submitted") => Self::TestSubmitted(shape::typed(checked.value)?),
            Some("test.failed") => Self::TestFailed(shape::typed(checked.value)?),
            Some("assembly.due_soon") => Self::AssemblyDueSoon(shape::typed(checked.value)?),
            Some("iu.exceedance_detected") => {
                Self::IuExceedanceDetected(shape::typed(checked.value)?)
            }
            Some("permit.expiring") => Self::PermitExpiring(shape::typed(checked.value)?),
            Some("manifest.filed") => Self::ManifestFiled(shape::typed(checked.value)?),
            Some("notice.created") => Self::NoticeCreated(shape::typed(checked.value)?),
            Some("inspection.completed") => Self::InspectionCompleted(shape::typed(checked.value)?),
            Some("report.certified") => Self::ReportCertified(shape::typed(checked.value)?),
            Some("partner.approved") => Self::PartnerApproved(shape::typed(checked.value)?),
            Some("partner.application_submitted") => {
                Self::PartnerApplicationSubmitted(shape::typed(checked.value)?)
            }
            Some("webhook.test") => Self::WebhookTest(shape::typed(checked.value)?),
            _ => Self::Unknown(shape::unknown(&SMARTCOMPLY, checked.value)),
        })
    }

    /// The event's type.
    pub fn event_type(&self) -> &str {
        match self {
            Self::TestSubmitted(_) => "test.submitted",
            Self::TestFailed(_) => "test.failed",
            Self::AssemblyDueSoon(_) => "assembly.due_soon",
            Self::IuExceedanceDetected(_) => "iu.exceedance_detected",
            Self::PermitExpiring(_) => "permit.expiring",
            Self::ManifestFiled(_) => "manifest.filed",
            Self::NoticeCreated(_) => "notice.created",
            Self::InspectionCompleted(_) => "inspection.completed",
            Self::ReportCertified(_) => "report.certified",
            Self::PartnerApproved(_) => "partner.approved",
            Self::PartnerApplicationSubmitted(_) => "partner.application_submitted",
            Self::WebhookTest(_) => "webhook.test",
            Self::Unknown(event) => &event.event_type,
        }
    }
}

/// A backflow test report: test.submitted's payload, and test.failed's ("same shape as test.submitted").
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyBackflowTest {
    /// The test report's id ("bft_…").
    pub test_id: Option<String>,
    /// The tested assembly's id ("asm_…").
    pub assembly_id: Option<String>,
    /// The certified tester's id ("tst_…").
    pub tester_id: Option<String>,
    /// The result: "pass" or "fail".
    pub result: Option<String>,
    /// The day of the test. (JSON Schema format `date`, not checked.)
    pub test_date: Option<String>,
    /// When the next test is due. (JSON Schema format `date`, not checked.)
    pub next_due_date: Option<String>,
    /// Why the test failed (test.failed).
    pub failure_reason: Option<String>,
    /// The facility's name.
    pub facility_name: Option<String>,
}

/// `test.submitted`: A certified tester submitted a backflow test report for an assembly.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyTestSubmittedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// A backflow test report: test.submitted's payload, and test.failed's ("same shape as test.submitted").
    pub data: SmartComplyBackflowTest,
}

/// `test.failed`: A backflow test report recorded a failure (fired only when the result is a failure).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyTestFailedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// A backflow test report: test.submitted's payload, and test.failed's ("same shape as test.submitted").
    pub data: SmartComplyBackflowTest,
}

/// assembly.due_soon's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyAssemblyDueSoonData {
    /// The assembly's id ("asm_…").
    pub assembly_id: Option<String>,
    /// The facility's id ("fac_…").
    pub facility_id: Option<String>,
    /// When the test is due. (JSON Schema format `date`, not checked.)
    pub due_date: Option<String>,
    /// Days until the due date.
    pub days_remaining: Option<i64>,
    /// The assembly's type, such as "RPZ".
    pub assembly_type: Option<String>,
    /// The facility's name.
    pub facility_name: Option<String>,
    /// The facility's address.
    pub address: Option<String>,
}

/// `assembly.due_soon`: An assembly's annual test is due in 30 days.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyAssemblyDueSoonEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyAssemblyDueSoonData,
}

/// One parameter over its permitted limit.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyExceedance {
    /// The measured parameter, such as "Zinc".
    pub parameter: Option<String>,
    /// The measured value.
    pub result_value: Option<f64>,
    /// The permitted limit.
    pub permit_limit: Option<f64>,
    /// The unit of both values, such as "mg/L".
    pub unit: Option<String>,
}

/// iu.exceedance_detected's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyIuExceedanceDetectedData {
    /// The sample's id ("smp_…").
    pub sample_id: Option<String>,
    /// The industrial user's id ("iu_…").
    pub industrial_user_id: Option<String>,
    /// The permit's id ("prm_…").
    pub permit_id: Option<String>,
    /// The facility's name.
    pub facility_name: Option<String>,
    /// The parameters that exceeded their limits, with their values.
    pub exceedances: Option<Vec<SmartComplyExceedance>>,
    /// When the sample was taken. (JSON Schema format `date`, not checked.)
    pub sample_date: Option<String>,
    /// Where it was taken, such as "MP-001".
    pub monitoring_point: Option<String>,
}

/// `iu.exceedance_detected`: A lab result for an industrial user exceeded one or more permitted discharge limits.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyIuExceedanceDetectedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyIuExceedanceDetectedData,
}

/// permit.expiring's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyPermitExpiringData {
    /// The permit's id ("prm_…").
    pub permit_id: Option<String>,
    /// The industrial user's id ("iu_…").
    pub industrial_user_id: Option<String>,
    /// The facility's name.
    pub facility_name: Option<String>,
    /// When the permit expires. (JSON Schema format `date`, not checked.)
    pub expiration_date: Option<String>,
    /// Days until it expires.
    pub days_remaining: Option<i64>,
    /// The permit's type, such as "individual".
    pub permit_type: Option<String>,
}

/// `permit.expiring`: A discharge permit expires in 60 days.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyPermitExpiringEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyPermitExpiringData,
}

/// manifest.filed's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyManifestFiledData {
    /// The pump-out's id ("po_…").
    pub pump_out_id: Option<String>,
    /// The food service establishment's id ("fse_…").
    pub establishment_id: Option<String>,
    /// The hauler's id ("hsp_…").
    pub hauler_id: Option<String>,
    /// The establishment's name.
    pub establishment_name: Option<String>,
    /// The hauler's name.
    pub hauler_name: Option<String>,
    /// Gallons pumped.
    pub gallons_pumped: Option<f64>,
    /// Where the waste was taken.
    pub disposal_facility: Option<String>,
    /// The day of the pump-out. (JSON Schema format `date`, not checked.)
    pub service_date: Option<String>,
}

/// `manifest.filed`: A FOG hauler filed a grease-trap pump-out manifest.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyManifestFiledEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyManifestFiledData,
}

/// notice.created's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyNoticeCreatedData {
    /// The notice's id ("ntc_…").
    pub notice_id: Option<String>,
    /// The facility's id ("fac_…").
    pub facility_id: Option<String>,
    /// The facility's name.
    pub facility_name: Option<String>,
    /// The notice's type, such as "NOV".
    pub notice_type: Option<String>,
    /// Its severity, such as "significant".
    pub severity: Option<String>,
    /// A one-line summary.
    pub summary: Option<String>,
    /// When a response is due. (JSON Schema format `date`, not checked.)
    pub due_date: Option<String>,
}

/// `notice.created`: A compliance notice (warning, NOV, consent order, …) was issued.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyNoticeCreatedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyNoticeCreatedData,
}

/// inspection.completed's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyInspectionCompletedData {
    /// The inspection's id ("insp_…").
    pub inspection_id: Option<String>,
    /// The facility's id ("fac_…").
    pub facility_id: Option<String>,
    /// The facility's name.
    pub facility_name: Option<String>,
    /// The inspection's type, such as "fog_routine".
    pub inspection_type: Option<String>,
    /// The result, such as "satisfactory".
    pub result: Option<String>,
    /// The inspector's name.
    pub inspector_name: Option<String>,
    /// When it was completed (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub completed_at: Option<String>,
}

/// `inspection.completed`: An inspector finalized an inspection record (FOG, stormwater site or construction inspection).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyInspectionCompletedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyInspectionCompletedData,
}

/// report.certified's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyReportCertifiedData {
    /// The report's id ("rpt_…").
    pub report_id: Option<String>,
    /// The report's type, such as "annual_report".
    pub report_type: Option<String>,
    /// The period it covers, such as "2025".
    pub period: Option<String>,
    /// Who certified it.
    pub certified_by: Option<String>,
    /// When it was certified (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub certified_at: Option<String>,
    /// The facility's name.
    pub facility_name: Option<String>,
}

/// `report.certified`: A compliance report (DMR submission, annual or baseline monitoring report) was electronically signed and locked.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyReportCertifiedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyReportCertifiedData,
}

/// partner.approved's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyPartnerApprovedData {
    /// The partner's id ("prt_…").
    pub partner_id: Option<String>,
    /// The partner's name.
    pub partner_name: Option<String>,
    /// When it was approved (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub approved_at: Option<String>,
    /// The integration's type, such as "lims".
    pub integration_type: Option<String>,
}

/// `partner.approved`: A SmartComply admin approved a partner integration application.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyPartnerApprovedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyPartnerApprovedData,
}

/// partner.application_submitted's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyPartnerApplicationSubmittedData {
    /// The partner's id ("prt_…").
    pub partner_id: Option<String>,
    /// The partner's name.
    pub partner_name: Option<String>,
    /// The partner's contact address. (JSON Schema format `email`, not checked.)
    pub contact_email: Option<String>,
    /// The integration's type, such as "gis".
    pub integration_type: Option<String>,
    /// When it was submitted (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub submitted_at: Option<String>,
}

/// `partner.application_submitted`: A prospective partner submitted an integration application (meant for SmartComply's own automation).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyPartnerApplicationSubmittedEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyPartnerApplicationSubmittedData,
}

/// webhook.test's `data`: The event's payload.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyWebhookTestData {
    /// Always true: a test event.
    pub test: Option<bool>,
    /// A note from SmartComply.
    pub note: Option<String>,
    /// When it was sent (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub sent_at: Option<String>,
}

/// `webhook.test`: A synthetic test event sent from the dashboard or the API (not subscribable).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartComplyWebhookTestEvent {
    /// The event's id ("evt_…").
    pub id: String,
    /// When the event was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub created_at: String,
    /// The event's payload.
    pub data: SmartComplyWebhookTestData,
}

#[rustfmt::skip]
static SMART_COMPLY_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::String },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &Shape::Object { fields: &[], open: true } },
] };

#[rustfmt::skip]
static SMART_COMPLY_BACKFLOW_TEST: Shape = Shape::Object { open: false, fields: &[
    Field { name: "test_id", required: false, shape: &Shape::String },
    Field { name: "assembly_id", required: false, shape: &Shape::String },
    Field { name: "tester_id", required: false, shape: &Shape::String },
    Field { name: "result", required: false, shape: &Shape::String },
    Field { name: "test_date", required: false, shape: &Shape::String },
    Field { name: "next_due_date", required: false, shape: &Shape::String },
    Field { name: "failure_reason", required: false, shape: &Shape::String },
    Field { name: "facility_name", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_TEST_SUBMITTED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("test.submitted") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_BACKFLOW_TEST },
] };

#[rustfmt::skip]
static SMART_COMPLY_TEST_FAILED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("test.failed") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_BACKFLOW_TEST },
] };

#[rustfmt::skip]
static SMART_COMPLY_ASSEMBLY_DUE_SOON_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "assembly_id", required: false, shape: &Shape::String },
    Field { name: "facility_id", required: false, shape: &Shape::String },
    Field { name: "due_date", required: false, shape: &Shape::String },
    Field { name: "days_remaining", required: false, shape: &Shape::Integer },
    Field { name: "assembly_type", required: false, shape: &Shape::String },
    Field { name: "facility_name", required: false, shape: &Shape::String },
    Field { name: "address", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_ASSEMBLY_DUE_SOON_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("assembly.due_soon") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_ASSEMBLY_DUE_SOON_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_EXCEEDANCE: Shape = Shape::Object { open: false, fields: &[
    Field { name: "parameter", required: false, shape: &Shape::String },
    Field { name: "result_value", required: false, shape: &Shape::Number },
    Field { name: "permit_limit", required: false, shape: &Shape::Number },
    Field { name: "unit", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_IU_EXCEEDANCE_DETECTED_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "sample_id", required: false, shape: &Shape::String },
    Field { name: "industrial_user_id", required: false, shape: &Shape::String },
    Field { name: "permit_id", required: false, shape: &Shape::String },
    Field { name: "facility_name", required: false, shape: &Shape::String },
    Field { name: "exceedances", required: false, shape: &Shape::Array(&SMART_COMPLY_EXCEEDANCE) },
    Field { name: "sample_date", required: false, shape: &Shape::String },
    Field { name: "monitoring_point", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_IU_EXCEEDANCE_DETECTED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("iu.exceedance_detected") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_IU_EXCEEDANCE_DETECTED_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_PERMIT_EXPIRING_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "permit_id", required: false, shape: &Shape::String },
    Field { name: "industrial_user_id", required: false, shape: &Shape::String },
    Field { name: "facility_name", required: false, shape: &Shape::String },
    Field { name: "expiration_date", required: false, shape: &Shape::String },
    Field { name: "days_remaining", required: false, shape: &Shape::Integer },
    Field { name: "permit_type", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_PERMIT_EXPIRING_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("permit.expiring") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_PERMIT_EXPIRING_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_MANIFEST_FILED_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "pump_out_id", required: false, shape: &Shape::String },
    Field { name: "establishment_id", required: false, shape: &Shape::String },
    Field { name: "hauler_id", required: false, shape: &Shape::String },
    Field { name: "establishment_name", required: false, shape: &Shape::String },
    Field { name: "hauler_name", required: false, shape: &Shape::String },
    Field { name: "gallons_pumped", required: false, shape: &Shape::Number },
    Field { name: "disposal_facility", required: false, shape: &Shape::String },
    Field { name: "service_date", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_MANIFEST_FILED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("manifest.filed") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_MANIFEST_FILED_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_NOTICE_CREATED_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "notice_id", required: false, shape: &Shape::String },
    Field { name: "facility_id", required: false, shape: &Shape::String },
    Field { name: "facility_name", required: false, shape: &Shape::String },
    Field { name: "notice_type", required: false, shape: &Shape::String },
    Field { name: "severity", required: false, shape: &Shape::String },
    Field { name: "summary", required: false, shape: &Shape::String },
    Field { name: "due_date", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_NOTICE_CREATED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("notice.created") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_NOTICE_CREATED_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_INSPECTION_COMPLETED_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "inspection_id", required: false, shape: &Shape::String },
    Field { name: "facility_id", required: false, shape: &Shape::String },
    Field { name: "facility_name", required: false, shape: &Shape::String },
    Field { name: "inspection_type", required: false, shape: &Shape::String },
    Field { name: "result", required: false, shape: &Shape::String },
    Field { name: "inspector_name", required: false, shape: &Shape::String },
    Field { name: "completed_at", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_INSPECTION_COMPLETED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("inspection.completed") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_INSPECTION_COMPLETED_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_REPORT_CERTIFIED_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "report_id", required: false, shape: &Shape::String },
    Field { name: "report_type", required: false, shape: &Shape::String },
    Field { name: "period", required: false, shape: &Shape::String },
    Field { name: "certified_by", required: false, shape: &Shape::String },
    Field { name: "certified_at", required: false, shape: &Shape::String },
    Field { name: "facility_name", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_REPORT_CERTIFIED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("report.certified") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_REPORT_CERTIFIED_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_PARTNER_APPROVED_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "partner_id", required: false, shape: &Shape::String },
    Field { name: "partner_name", required: false, shape: &Shape::String },
    Field { name: "approved_at", required: false, shape: &Shape::String },
    Field { name: "integration_type", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_PARTNER_APPROVED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("partner.approved") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_PARTNER_APPROVED_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_PARTNER_APPLICATION_SUBMITTED_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "partner_id", required: false, shape: &Shape::String },
    Field { name: "partner_name", required: false, shape: &Shape::String },
    Field { name: "contact_email", required: false, shape: &Shape::String },
    Field { name: "integration_type", required: false, shape: &Shape::String },
    Field { name: "submitted_at", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_PARTNER_APPLICATION_SUBMITTED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("partner.application_submitted") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_PARTNER_APPLICATION_SUBMITTED_DATA },
] };

#[rustfmt::skip]
static SMART_COMPLY_WEBHOOK_TEST_DATA: Shape = Shape::Object { open: false, fields: &[
    Field { name: "test", required: false, shape: &Shape::Boolean },
    Field { name: "note", required: false, shape: &Shape::String },
    Field { name: "sent_at", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static SMART_COMPLY_WEBHOOK_TEST_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "type", required: true, shape: &Shape::Const("webhook.test") },
    Field { name: "created_at", required: true, shape: &Shape::String },
    Field { name: "data", required: true, shape: &SMART_COMPLY_WEBHOOK_TEST_DATA },
] };

static SMARTCOMPLY_FACTS: VendorFacts = VendorFacts {
    id: "smartcomply",
    type_field: "type",
    event_types: &[
        "test.submitted",
        "test.failed",
        "assembly.due_soon",
        "iu.exceedance_detected",
        "permit.expiring",
        "manifest.filed",
        "notice.created",
        "inspection.completed",
        "report.certified",
        "partner.approved",
        "partner.application_submitted",
        "webhook.test",
    ],
};

static SMARTCOMPLY: VendorShape = VendorShape {
    facts: &SMARTCOMPLY_FACTS,
    envelope: &SMART_COMPLY_EVENT,
    events: &[
        &SMART_COMPLY_TEST_SUBMITTED_EVENT,
        &SMART_COMPLY_TEST_FAILED_EVENT,
        &SMART_COMPLY_ASSEMBLY_DUE_SOON_EVENT,
        &SMART_COMPLY_IU_EXCEEDANCE_DETECTED_EVENT,
        &SMART_COMPLY_PERMIT_EXPIRING_EVENT,
        &SMART_COMPLY_MANIFEST_FILED_EVENT,
        &SMART_COMPLY_NOTICE_CREATED_EVENT,
        &SMART_COMPLY_INSPECTION_COMPLETED_EVENT,
        &SMART_COMPLY_REPORT_CERTIFIED_EVENT,
        &SMART_COMPLY_PARTNER_APPROVED_EVENT,
        &SMART_COMPLY_PARTNER_APPLICATION_SUBMITTED_EVENT,
        &SMART_COMPLY_WEBHOOK_TEST_EVENT,
    ],
};

// ------------------------------------------------------------

/// Any event of the job-events service (signed with X-Webhook-Signature): the job as it is after the change.
///
/// Parse a verified body with [`JobEvent::parse`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum JobEvent {
    /// `job.created`: A new job was created in the organization.
    JobCreated(JobCreatedEvent),
    /// `job.updated`: A job's name, customer or insurance details were modified.
    JobUpdated(JobUpdatedEvent),
    /// `job.deleted`: A job was deleted.
    JobDeleted(JobDeletedEvent),
    /// An event type hookseal does not know (`parse` only): it has what every Job event has.
    Unknown(UnknownEvent),
}

impl JobEvent {
    /// The event types hookseal knows, as `event` names them.
    pub const EVENT_TYPES: &'static [&'static str] = JOB_EVENTS_FACTS.event_types;

    /// Parses a verified body, forward compatibly: an event type hookseal does not know is
    /// [`Unknown`](Self::Unknown), fields the schema does not declare are ignored.
    pub fn parse(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, false)
    }

    /// Parses a verified body strictly: an unknown event type (`unknown_event_type`) and fields
    /// the schema does not declare (`unknown_field`) are errors too.
    pub fn parse_strict(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, true)
    }

    fn parse_with(body: &[u8], strict: bool) -> Result<Self, EventError> {
        let checked = shape::check(&JOB_EVENTS, body, strict)?;
        Ok(match checked.known {
            Some("job.created") => Self::JobCreated(shape::typed(checked.value)?),
            Some("job.updated") => Self::JobUpdated(shape::typed(checked.value)?),
            Some("job.deleted") => Self::JobDeleted(shape::typed(checked.value)?),
            _ => Self::Unknown(shape::unknown(&JOB_EVENTS, checked.value)),
        })
    }

    /// The event's type.
    pub fn event_type(&self) -> &str {
        match self {
            Self::JobCreated(_) => "job.created",
            Self::JobUpdated(_) => "job.updated",
            Self::JobDeleted(_) => "job.deleted",
            Self::Unknown(event) => &event.event_type,
        }
    }
}

/// The customer's details.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JobEventCustomer {
    /// The customer's name.
    pub name: Option<String>,
    /// The customer's e-mail address.
    pub email: Option<String>,
    /// The customer's phone number.
    pub phone: Option<String>,
}

/// The insurance claim's details.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JobEventInsurance {
    /// The claim number.
    #[serde(rename = "claimNumber")]
    pub claim_number: Option<String>,
    /// The insurance company.
    pub company: Option<String>,
    /// The type of loss, such as "fire".
    #[serde(rename = "lossType")]
    pub loss_type: Option<String>,
    /// The policy number.
    #[serde(rename = "policyNumber")]
    pub policy_number: Option<String>,
    /// The agent's name.
    pub agent: Option<String>,
    /// The agent's phone number.
    pub phone: Option<String>,
    /// The agent's e-mail address.
    pub email: Option<String>,
}

/// The job.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JobEventJob {
    /// The job's id (a UUID).
    pub id: String,
    /// The job's name.
    pub name: String,
    /// The job's status, such as "inventory".
    pub status: Option<String>,
    /// The customer's details.
    pub customer: Option<JobEventCustomer>,
    /// The insurance claim's details.
    pub insurance: Option<JobEventInsurance>,
    /// The id of the user who owns the job.
    #[serde(rename = "ownerUserId")]
    pub owner_user_id: String,
    /// When the job was created (ISO 8601). (JSON Schema format `date-time`, not checked.)
    #[serde(rename = "createdAt")]
    pub created_at: String,
    /// When the job was last updated (ISO 8601). (JSON Schema format `date-time`, not checked.)
    #[serde(rename = "updatedAt")]
    pub updated_at: String,
}

/// `job.created`: A new job was created in the organization.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JobCreatedEvent {
    /// When the event was dispatched (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub timestamp: String,
    /// The organization's id (a UUID).
    #[serde(rename = "organizationId")]
    pub organization_id: String,
    /// The job.
    pub job: JobEventJob,
}

/// One changed field.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JobEventChange {
    /// The watched field that changed, such as "settings.customer".
    pub field: Option<String>,
    /// Its value before (any JSON value).
    #[serde(rename = "oldValue", default, deserialize_with = "shape::present")]
    pub old_value: Option<serde_json::Value>,
    /// Its value after (any JSON value).
    #[serde(rename = "newValue", default, deserialize_with = "shape::present")]
    pub new_value: Option<serde_json::Value>,
}

/// `job.updated`: A job's name, customer or insurance details were modified.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JobUpdatedEvent {
    /// When the event was dispatched (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub timestamp: String,
    /// The organization's id (a UUID).
    #[serde(rename = "organizationId")]
    pub organization_id: String,
    /// The job.
    pub job: JobEventJob,
    /// What changed: one entry per watched field (jobName, settings.customer, settings.insurance).
    pub changes: Option<Vec<JobEventChange>>,
}

/// `job.deleted`: A job was deleted.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct JobDeletedEvent {
    /// When the event was dispatched (ISO 8601). (JSON Schema format `date-time`, not checked.)
    pub timestamp: String,
    /// The organization's id (a UUID).
    #[serde(rename = "organizationId")]
    pub organization_id: String,
    /// The job.
    pub job: JobEventJob,
}

#[rustfmt::skip]
static JOB_EVENT_CUSTOMER: Shape = Shape::Object { open: false, fields: &[
    Field { name: "name", required: false, shape: &Shape::String },
    Field { name: "email", required: false, shape: &Shape::String },
    Field { name: "phone", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static JOB_EVENT_INSURANCE: Shape = Shape::Object { open: false, fields: &[
    Field { name: "claimNumber", required: false, shape: &Shape::String },
    Field { name: "company", required: false, shape: &Shape::String },
    Field { name: "lossType", required: false, shape: &Shape::String },
    Field { name: "policyNumber", required: false, shape: &Shape::String },
    Field { name: "agent", required: false, shape: &Shape::String },
    Field { name: "phone", required: false, shape: &Shape::String },
    Field { name: "email", required: false, shape: &Shape::String },
] };

#[rustfmt::skip]
static JOB_EVENT_JOB: Shape = Shape::Object { open: false, fields: &[
    Field { name: "id", required: true, shape: &Shape::String },
    Field { name: "name", required: true, shape: &Shape::String },
    Field { name: "status", required: false, shape: &Shape::String },
    Field { name: "customer", required: false, shape: &JOB_EVENT_CUSTOMER },
    Field { name: "insurance", required: false, shape: &JOB_EVENT_INSURANCE },
    Field { name: "ownerUserId", required: true, shape: &Shape::String },
    Field { name: "createdAt", required: true, shape: &Shape::String },
    Field { name: "updatedAt", required: true, shape: &Shape::String },
] };

#[rustfmt::skip]
static JOB_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::String },
    Field { name: "timestamp", required: true, shape: &Shape::String },
    Field { name: "organizationId", required: true, shape: &Shape::String },
    Field { name: "job", required: true, shape: &JOB_EVENT_JOB },
] };

#[rustfmt::skip]
static JOB_CREATED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::Const("job.created") },
    Field { name: "timestamp", required: true, shape: &Shape::String },
    Field { name: "organizationId", required: true, shape: &Shape::String },
    Field { name: "job", required: true, shape: &JOB_EVENT_JOB },
] };

#[rustfmt::skip]
static JOB_EVENT_CHANGE: Shape = Shape::Object { open: false, fields: &[
    Field { name: "field", required: false, shape: &Shape::String },
    Field { name: "oldValue", required: false, shape: &Shape::Any },
    Field { name: "newValue", required: false, shape: &Shape::Any },
] };

#[rustfmt::skip]
static JOB_UPDATED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::Const("job.updated") },
    Field { name: "timestamp", required: true, shape: &Shape::String },
    Field { name: "organizationId", required: true, shape: &Shape::String },
    Field { name: "job", required: true, shape: &JOB_EVENT_JOB },
    Field { name: "changes", required: false, shape: &Shape::Array(&JOB_EVENT_CHANGE) },
] };

#[rustfmt::skip]
static JOB_DELETED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "event", required: true, shape: &Shape::Const("job.deleted") },
    Field { name: "timestamp", required: true, shape: &Shape::String },
    Field { name: "organizationId", required: true, shape: &Shape::String },
    Field { name: "job", required: true, shape: &JOB_EVENT_JOB },
] };

static JOB_EVENTS_FACTS: VendorFacts = VendorFacts {
    id: "job-events",
    type_field: "event",
    event_types: &["job.created", "job.updated", "job.deleted"],
};

static JOB_EVENTS: VendorShape = VendorShape {
    facts: &JOB_EVENTS_FACTS,
    envelope: &JOB_EVENT,
    events: &[&JOB_CREATED_EVENT, &JOB_UPDATED_EVENT, &JOB_DELETED_EVENT],
};

// ------------------------------------------------------------

/// Any careCycle webhook event (inferred: careCycle's document shows no payload). careCycle sends through Svix; this assumes the envelope Svix senders commonly use, {type, timestamp, data}, and types nothing inside `data`.
///
/// Parse a verified body with [`CareCycleEvent::parse`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum CareCycleEvent {
    /// `customer.updated`: A customer was updated (inferred name: the document says events fire when a customer is "updated").
    CustomerUpdated(CareCycleCustomerUpdatedEvent),
    /// `call.completed`: A call finished (inferred name: the document says events fire "when a call finishes").
    CallCompleted(CareCycleCallCompletedEvent),
    /// `customer.created`: A customer was created (inferred name: the document says events fire "when a customer is created").
    CustomerCreated(CareCycleCustomerCreatedEvent),
    /// An event type hookseal does not know (`parse` only): it has what every CareCycle event has.
    Unknown(UnknownEvent),
}

impl CareCycleEvent {
    /// The event types hookseal knows, as `type` names them.
    pub const EVENT_TYPES: &'static [&'static str] = CARECYCLE_FACTS.event_types;

    /// Parses a verified body, forward compatibly: an event type hookseal does not know is
    /// [`Unknown`](Self::Unknown), fields the schema does not declare are ignored.
    pub fn parse(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, false)
    }

    /// Parses a verified body strictly: an unknown event type (`unknown_event_type`) and fields
    /// the schema does not declare (`unknown_field`) are errors too.
    pub fn parse_strict(body: &[u8]) -> Result<Self, EventError> {
        Self::parse_with(body, true)
    }

    fn parse_with(body: &[u8], strict: bool) -> Result<Self, EventError> {
        let checked = shape::check(&CARECYCLE, body, strict)?;
        Ok(match checked.known {
            Some("customer.updated") => Self::CustomerUpdated(shape::typed(checked.value)?),
            Some("call.completed") => Self::CallCompleted(shape::typed(checked.value)?),
            Some("customer.created") => Self::CustomerCreated(shape::typed(checked.value)?),
            _ => Self::Unknown(shape::unknown(&CARECYCLE, checked.value)),
        })
    }

    /// The event's type.
    pub fn event_type(&self) -> &str {
        match self {
            Self::CustomerUpdated(_) => "customer.updated",
            Self::CallCompleted(_) => "call.completed",
            Self::CustomerCreated(_) => "customer.created",
            Self::Unknown(event) => &event.event_type,
        }
    }
}

/// `customer.updated`: A customer was updated (inferred name: the document says events fire when a customer is "updated").
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CareCycleCustomerUpdatedEvent {
    /// When the event happened (ISO 8601; inferred). (JSON Schema format `date-time`, not checked.)
    pub timestamp: Option<String>,
    /// The customer or call record (its fields are not documented: kept open).
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `call.completed`: A call finished (inferred name: the document says events fire "when a call finishes").
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CareCycleCallCompletedEvent {
    /// When the event happened (ISO 8601; inferred). (JSON Schema format `date-time`, not checked.)
    pub timestamp: Option<String>,
    /// The customer or call record (its fields are not documented: kept open).
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `customer.created`: A customer was created (inferred name: the document says events fire "when a customer is created").
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CareCycleCustomerCreatedEvent {
    /// When the event happened (ISO 8601; inferred). (JSON Schema format `date-time`, not checked.)
    pub timestamp: Option<String>,
    /// The customer or call record (its fields are not documented: kept open).
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
}

#[rustfmt::skip]
static CARE_CYCLE_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "type", required: true, shape: &Shape::String },
    Field { name: "timestamp", required: false, shape: &Shape::String },
    Field { name: "data", required: false, shape: &Shape::Object { fields: &[], open: true } },
] };

#[rustfmt::skip]
static CARE_CYCLE_CUSTOMER_UPDATED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "type", required: true, shape: &Shape::Const("customer.updated") },
    Field { name: "timestamp", required: false, shape: &Shape::String },
    Field { name: "data", required: false, shape: &Shape::Object { fields: &[], open: true } },
] };

#[rustfmt::skip]
static CARE_CYCLE_CALL_COMPLETED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "type", required: true, shape: &Shape::Const("call.completed") },
    Field { name: "timestamp", required: false, shape: &Shape::String },
    Field { name: "data", required: false, shape: &Shape::Object { fields: &[], open: true } },
] };

#[rustfmt::skip]
static CARE_CYCLE_CUSTOMER_CREATED_EVENT: Shape = Shape::Object { open: false, fields: &[
    Field { name: "type", required: true, shape: &Shape::Const("customer.created") },
    Field { name: "timestamp", required: false, shape: &Shape::String },
    Field { name: "data", required: false, shape: &Shape::Object { fields: &[], open: true } },
] };

static CARECYCLE_FACTS: VendorFacts = VendorFacts {
    id: "carecycle",
    type_field: "type",
    event_types: &["customer.updated", "call.completed", "customer.created"],
};

static CARECYCLE: VendorShape = VendorShape {
    facts: &CARECYCLE_FACTS,
    envelope: &CARE_CYCLE_EVENT,
    events: &[
        &CARE_CYCLE_CUSTOMER_UPDATED_EVENT,
        &CARE_CYCLE_CALL_COMPLETED_EVENT,
        &CARE_CYCLE_CUSTOMER_CREATED_EVENT,
    ],
};

/// Every vendor's facts, in the order of `tests/fixtures/samples.json` (not their shapes:
/// reading an event type links none).
pub(crate) static VENDORS: [&VendorFacts; 4] = [
    &SEPTICCYCLE_FACTS,
    &SMARTCOMPLY_FACTS,
    &JOB_EVENTS_FACTS,
    &CARECYCLE_FACTS,
];
