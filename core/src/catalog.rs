//! The provider catalog: each provider's scheme as data, with where every fact came from.
//!
//! An entry says how the provider signs (headers, framing, signed content, algorithm, key
//! format, timestamp and tolerance) in the same vocabulary a custom scheme uses. Tolerances
//! follow the provider's own SDK, one-sided where the SDK only rejects old timestamps; where
//! the provider checks none, hookseal still checks its default 300 s both ways (say
//! `tolerance_seconds` to change it).

use crate::handshake::Handshake;
use crate::scheme::{
    Algorithm, BodyFields, Encoding, HeaderNames, Part, SLACK_CONTENT, STANDARD_WEBHOOKS_CONTENT,
    STRIPE_CONTENT, SVIX_HEADERS, SecretFormat, SignatureFormat, Spec, TimestampFormat,
    WEBHOOK_HEADERS, body_only, key_value, lit, signature_only, single,
};

/// The catalog's documentation text (an entry's docs, source and sample): compiled in with the
/// `docs` feature (a default), empty without it, where only verifying and signing matter (the npm
/// package's default browser module, which loads them with diagnose's module when asked).
macro_rules! documented {
    ($text:expr) => {
        if cfg!(feature = "docs") { $text } else { "" }
    };
}

/// A provider's scheme as that provider signs, with its documentation and provenance.
#[derive(Debug)]
pub struct Preset {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) docs: &'static str,
    pub(crate) source: &'static str,
    pub(crate) sample: &'static str,
    pub(crate) handshake: Option<Handshake>,
    pub(crate) spec: Spec<'static>,
}

impl Preset {
    /// The id, the provider's name in lowercase kebab case (`hubspot-v3`).
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The provider's name as people write it.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The provider's documentation of its signatures.
    /// Empty without the `docs` feature.
    pub fn docs(&self) -> &'static str {
        self.docs
    }

    /// Where the facts of this entry were confirmed: the provider's SDK file or documentation.
    /// Empty without the `docs` feature.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// A sample event body as the provider sends it (from its documentation, trimmed), for
    /// demos, the playground and tests.
    /// Empty without the `docs` feature.
    pub fn sample(&self) -> &'static str {
        self.sample
    }

    /// The endpoint challenge the provider sends before it delivers, if a receiver must answer
    /// one for its route to work.
    pub fn handshake(&self) -> Option<Handshake> {
        self.handshake
    }

    /// The timestamp tolerance the provider's own verifier uses (hookseal's default 300 s where
    /// it checks none), in seconds. Meaningless for schemes that sign no timestamp.
    pub fn tolerance_seconds(&self) -> u64 {
        self.spec.tolerance_seconds
    }
}

impl PartialEq for Preset {
    fn eq(&self, other: &Preset) -> bool {
        self.id == other.id
    }
}

impl Eq for Preset {}

const NO_FIELDS: BodyFields<'static> = BodyFields {
    signature: None,
    timestamp: None,
    id: None,
};

/// A spec with a timestamp header, the common shape: `signature` over `template`.
const fn timestamped(
    signature: &'static str,
    timestamp: &'static str,
    format: SignatureFormat<'static>,
    template: &'static [Part],
) -> Spec<'static> {
    Spec {
        template,
        ..body_only(
            HeaderNames {
                timestamp: Some(timestamp),
                ..signature_only(signature)
            },
            format,
        )
    }
}

static TIMESTAMP_COLON_BODY: [Part; 3] = [Part::Timestamp, lit(":"), Part::Body];
static TIMESTAMP_DOT_BODY: [Part; 3] = [Part::Timestamp, lit("."), Part::Body];
static TIMESTAMP_BODY: [Part; 2] = [Part::Timestamp, Part::Body];
static BODY_TIMESTAMP: [Part; 2] = [Part::Body, Part::Timestamp];
static TIMESTAMP_PIPE_BODY: [Part; 3] = [Part::Timestamp, lit("|"), Part::Body];
static METHOD_URL_BODY: [Part; 3] = [Part::Method, Part::Url, Part::Body];
static METHOD_URL_BODY_TIMESTAMP: [Part; 4] =
    [Part::Method, Part::Url, Part::Body, Part::Timestamp];
static URL_BODY: [Part; 2] = [Part::Url, Part::Body];
static URL_FORM: [Part; 2] = [Part::Url, Part::FormParams];
static TIMESTAMP_ID: [Part; 2] = [Part::Timestamp, Part::Id];
static NOTHING: [Part; 0] = [];
static BODY_URL: [Part; 2] = [Part::Body, Part::Url];
/// Twitch EventSub: `{message id}{RFC 3339 timestamp}{body}`, nothing between.
static ID_TIMESTAMP_BODY: [Part; 3] = [Part::Id, Part::Timestamp, Part::Body];

/// The Standard Webhooks spec with `webhook-*` headers: what Standard Webhooks senders use.
pub(crate) const STANDARD_WEBHOOKS_SPEC: Spec<'static> = Spec {
    secret_format: SecretFormat::Whsec,
    template: &STANDARD_WEBHOOKS_CONTENT,
    ..body_only(WEBHOOK_HEADERS, SignatureFormat::VersionedList)
};

/// The Standard Webhooks spec with `svix-*` headers: what Svix-powered senders use.
pub(crate) const SVIX_SPEC: Spec<'static> = STANDARD_WEBHOOKS_SPEC.with_headers(SVIX_HEADERS);

// The built-in schemes' entries ([`Scheme::BUILT_IN`](crate::Scheme::BUILT_IN)).

pub(crate) static STANDARD_WEBHOOKS: Preset = Preset {
    id: "standard-webhooks",
    name: "Standard Webhooks",
    docs: documented!(
        "https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md"
    ),
    source: documented!(
        "standard-webhooks/standard-webhooks spec/standard-webhooks.md and libraries/: `{id}.{timestamp}.{body}`, `v1,<base64>` list, `whsec_` + base64 secret, 5 minutes"
    ),
    sample: documented!(
        r#"{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485","type":"contact"}}"#
    ),
    handshake: None,
    spec: STANDARD_WEBHOOKS_SPEC,
};

pub(crate) static SVIX: Preset = Preset {
    id: "svix",
    name: "Svix",
    docs: documented!("https://docs.svix.com/receiving/verifying-payloads/how-manual"),
    source: documented!(
        "svix/svix-webhooks javascript/src/webhook.ts: Standard Webhooks with `svix-id`, `svix-timestamp`, `svix-signature`"
    ),
    sample: documented!(
        r#"{"type":"invoice.paid","data":{"id":"invoice_WF7WtCLFFtd8ubcTgboSFNql","status":"paid","attempt":2}}"#
    ),
    handshake: None,
    spec: SVIX_SPEC,
};

pub(crate) static SEPTICCYCLE: Preset = Preset {
    id: "septiccycle",
    name: "SepticCycle",
    docs: documented!("https://github.com/hookseal/hookseal/tree/main/tests/fixtures/septiccycle"),
    source: documented!(
        "SepticCycle's webhook document (the project's seeds): `X-SepticCycle-Signature: <hex>` HMAC-SHA256 of the body"
    ),
    sample: documented!(
        r#"{"event":"job.completed","data":{"job_id":"job_8Q2","site":"1138 Elm Road","gallons_pumped":1000}}"#
    ),
    handshake: None,
    spec: body_only(
        signature_only("x-septiccycle-signature"),
        single("", Encoding::Hex),
    ),
};

pub(crate) static X_WEBHOOK_SIGNATURE: Preset = Preset {
    id: "x-webhook-signature",
    name: "X-Webhook-Signature (sha256=)",
    docs: documented!("https://github.com/hookseal/hookseal/tree/main/tests/fixtures/job-events"),
    source: documented!(
        "The job events' webhook document (the project's seeds): `X-Webhook-Signature: sha256=<hex>` over the body, `X-Webhook-Event` unsigned"
    ),
    sample: documented!(r#"{"event":"job.updated","data":{"id":"job_123","status":"running"}}"#),
    handshake: None,
    spec: body_only(
        HeaderNames {
            event_type: Some("x-webhook-event"),
            ..signature_only("x-webhook-signature")
        },
        single("sha256=", Encoding::Hex),
    ),
};

pub(crate) static GITHUB: Preset = Preset {
    id: "github",
    name: "GitHub",
    docs: documented!(
        "https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries"
    ),
    source: documented!(
        "octokit/webhooks-methods.js src/node/verify.ts and GitHub's docs: `X-Hub-Signature-256: sha256=<hex>` HMAC-SHA256 of the body; delivery id and event headers unsigned"
    ),
    sample: documented!(
        r#"{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","repository":{"id":1296269,"full_name":"octocat/Hello-World"},"pusher":{"name":"octocat"}}"#
    ),
    handshake: None,
    spec: body_only(
        HeaderNames {
            signature: "x-hub-signature-256",
            id: Some("x-github-delivery"),
            timestamp: None,
            event_type: Some("x-github-event"),
            more_signatures: "",
            fixed: &[],
            metadata: &[
                "x-github-hook-id",
                "x-github-hook-installation-target-id",
                "x-github-hook-installation-target-type",
            ],
        },
        single("sha256=", Encoding::Hex),
    ),
};

pub(crate) static STRIPE: Preset = Preset {
    id: "stripe",
    name: "Stripe",
    docs: documented!("https://docs.stripe.com/webhooks#verify-manually"),
    source: documented!(
        "stripe/stripe-node src/Webhooks.ts: `Stripe-Signature: t=<unix>,v1=<hex>` over `{t}.{body}`, the whole `whsec_` string as key, 300 s, old timestamps only"
    ),
    sample: documented!(
        r#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","api_version":"2022-11-15","created":1686089970,"type":"customer.created","data":{"object":{"id":"cus_9s6XKzkNRiz8i3","object":"customer"}}}"#
    ),
    handshake: None,
    spec: Spec {
        template: &STRIPE_CONTENT,
        rejects_future_timestamps: false,
        ..body_only(
            signature_only("stripe-signature"),
            key_value(',', Some("t"), "v1", Encoding::Hex),
        )
    },
};

pub(crate) static SLACK: Preset = Preset {
    id: "slack",
    name: "Slack",
    docs: documented!("https://docs.slack.dev/authentication/verifying-requests-from-slack"),
    source: documented!(
        "slackapi/python-slack-sdk slack_sdk/signature/__init__.py and Slack's docs: `v0=<hex>` over `v0:{timestamp}:{body}`, 5 minutes"
    ),
    sample: documented!(
        r#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T061EG9RZ","api_app_id":"A0FFV41KK","event":{"type":"app_mention","user":"U061F7AUR","text":"is it everything a river should be?","ts":"1515449522.000016","channel":"C0LAN2Q65"},"type":"event_callback","event_id":"Ev0LAN670R","event_time":1515449522}"#
    ),
    handshake: None,
    spec: Spec {
        template: &SLACK_CONTENT,
        ..body_only(
            HeaderNames {
                timestamp: Some("x-slack-request-timestamp"),
                metadata: &["x-slack-retry-num", "x-slack-retry-reason"],
                ..signature_only("x-slack-signature")
            },
            single("v0=", Encoding::Hex),
        )
    },
};

pub(crate) static SHOPIFY: Preset = Preset {
    id: "shopify",
    name: "Shopify",
    docs: documented!(
        "https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify"
    ),
    source: documented!(
        "Shopify/shopify-app-js packages/apps/shopify-api/lib/webhooks/validate.ts: `X-Shopify-Hmac-Sha256: <base64>` HMAC-SHA256 of the body; webhook id and topic unsigned"
    ),
    sample: documented!(
        r#"{"id":820982911946154508,"email":"jon@example.com","created_at":"2021-12-31T19:00:00-05:00","total_price":"199.00","currency":"USD","financial_status":"paid"}"#
    ),
    handshake: None,
    spec: body_only(
        HeaderNames {
            signature: "x-shopify-hmac-sha256",
            id: Some("x-shopify-webhook-id"),
            timestamp: None,
            event_type: Some("x-shopify-topic"),
            more_signatures: "",
            fixed: &[],
            metadata: &[
                "x-shopify-event-id",
                "x-shopify-shop-domain",
                "x-shopify-api-version",
                "x-shopify-triggered-at",
            ],
        },
        single("", Encoding::Base64),
    ),
};

/// Every preset beyond the built-in schemes, by id.
pub(crate) static PRESETS: [Preset; 85] = [
    Preset {
        id: "paddle",
        name: "Paddle Billing",
        docs: documented!("https://developer.paddle.com/webhooks/signature-verification"),
        source: documented!(
            "PaddleHQ/paddle-node-sdk b8ee4b1 src/notifications/helpers/webhooks-validator.ts: `ts=…;h1=…`, `{ts}:{body}`, 5 s, old timestamps only"
        ),
        sample: documented!(
            r#"{"event_id":"evt_01hv8x2acma2gz2hd9j7qq0c2q","event_type":"transaction.paid","occurred_at":"2024-04-12T10:18:49.621022Z","notification_id":"ntf_01hv8x2af2v8xbv4kw0dbp9nqq","data":{"id":"txn_01hv8wptq8987qeep44cyrewp9","status":"paid","currency_code":"USD"}}"#
        ),
        handshake: None,
        spec: Spec {
            rejects_future_timestamps: false,
            tolerance_seconds: 5,
            template: &TIMESTAMP_COLON_BODY,
            ..body_only(
                signature_only("paddle-signature"),
                key_value(';', Some("ts"), "h1", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "mux",
        name: "Mux",
        docs: documented!("https://mux.com/docs/core/verify-webhook-signatures"),
        source: documented!(
            "muxinc/mux-node-sdk 89eff08 src/resources/webhooks/webhooks.ts; vectors in tests/api-resources/webhooks.test.ts at 28c52da"
        ),
        sample: documented!(
            r#"{"type":"video.asset.ready","object":{"type":"asset","id":"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002"},"id":"3a56ac3d-33da-4366-855b-f592d898409d","environment":{"name":"Production","id":"j0863n"},"data":{"status":"ready","playback_ids":[{"policy":"public","id":"uNbxnGLKJ00yfbijDO8COxTOyVKT01xpxW"}]}}"#
        ),
        handshake: None,
        spec: Spec {
            rejects_future_timestamps: false,
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("mux-signature"),
                key_value(',', Some("t"), "v1", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "sanity",
        name: "Sanity",
        docs: documented!("https://www.sanity.io/docs/webhooks"),
        source: documented!(
            "sanity-io/webhook-toolkit 649f5ad src/signature.ts: `t=<ms>,v1=<base64url>`, `{t}.{body}`; the toolkit checks no window"
        ),
        sample: documented!(
            r#"{"_id":"movie_10681","_type":"movie","_rev":"Ei9DzAaI3L1d0nQZhC3ZQi","title":"WALL-E","releaseDate":"2008-06-27"}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Milliseconds,
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("sanity-webhook-signature"),
                key_value(',', Some("t"), "v1", Encoding::Base64Url),
            )
        },
    },
    Preset {
        id: "zendesk",
        name: "Zendesk",
        docs: documented!("https://developer.zendesk.com/documentation/webhooks/verifying/"),
        source: documented!(
            "Zendesk docs (current revision): base64(HMAC-SHA256(TIMESTAMP + BODY)), RFC 3339 timestamp, no window given. An older revision of the page says BODY + TIMESTAMP"
        ),
        sample: documented!(
            r#"{"type":"zen:event-type:ticket.created","account_id":22129848,"id":"cbe4028c-7239-495d-b020-f22348516046","time":"2021-07-25T10:00:00Z","zendesk_event_version":"2022-11-06","subject":"zen:ticket:35436","detail":{"id":"35436","status":"NEW","subject":"Help, my printer is on fire!"}}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Rfc3339,
            ..timestamped(
                "x-zendesk-webhook-signature",
                "x-zendesk-webhook-signature-timestamp",
                single("", Encoding::Base64),
                &TIMESTAMP_BODY,
            )
        },
    },
    Preset {
        id: "webflow",
        name: "Webflow",
        docs: documented!(
            "https://developers.webflow.com/data/docs/working-with-webhooks#validating-request-signatures"
        ),
        source: documented!(
            "webflow/js-webflow-api 31e9cf3 src/wrapper/WebhooksClient.ts (`{ts}:{body}`, hex); the 5 minutes, old timestamps only, are the docs'"
        ),
        sample: documented!(
            r#"{"triggerType":"form_submission","payload":{"name":"Contact Form","siteId":"62749158efef318abc8d5a0f","data":{"email":"jane@example.com"},"submittedAt":"2022-09-14T12:35:16.117Z","id":"6321ca84df3949bfc6752327"}}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Milliseconds,
            rejects_future_timestamps: false,
            ..timestamped(
                "x-webflow-signature",
                "x-webflow-timestamp",
                single("", Encoding::Hex),
                &TIMESTAMP_COLON_BODY,
            )
        },
    },
    Preset {
        id: "box",
        name: "Box",
        docs: documented!("https://developer.box.com/guides/webhooks/v2/signatures-v2"),
        source: documented!(
            "box/box-typescript-sdk-gen 1a16c5b src/managers/webhooks.generated.ts and box/box-node-sdk 7dcf9c2 src/managers/webhooks.ts: `{body}{ts}`, base64, primary and secondary signatures, 600 s"
        ),
        sample: documented!(
            r#"{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Rfc3339,
            tolerance_seconds: 600,
            ..timestamped(
                "box-signature-primary",
                "box-delivery-timestamp",
                single("", Encoding::Base64),
                &BODY_TIMESTAMP,
            )
        }
        .with_headers(HeaderNames {
            signature: "box-signature-primary",
            id: Some("box-delivery-id"),
            timestamp: Some("box-delivery-timestamp"),
            event_type: None,
            metadata: &[],
            more_signatures: "box-signature-secondary",
            fixed: &[
                ("box-signature-version", "1"),
                ("box-signature-algorithm", "HmacSHA256"),
            ],
        }),
    },
    Preset {
        id: "paystack",
        name: "Paystack",
        docs: documented!("https://paystack.com/docs/payments/webhooks/#verify-event-origin"),
        source: documented!(
            "PaystackOSS/doc-code-snippets 94af513 src/doc/payments/webhooks/verifying-transaction: HMAC-SHA512 of the body, hex, the secret API key"
        ),
        sample: documented!(
            r#"{"event":"charge.success","data":{"id":302961,"domain":"live","status":"success","reference":"qTPrJoy9Bx","amount":10000,"currency":"NGN","paid_at":"2016-09-30T21:10:19.000Z"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha512,
            ..body_only(
                signature_only("x-paystack-signature"),
                single("", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "hubspot-v1",
        name: "HubSpot (v1 signature)",
        docs: documented!("https://developers.hubspot.com/docs/faq/v1-request-validation"),
        source: documented!(
            "HubSpot/hubspot-api-nodejs 395cd9b src/utils/signature.ts: SHA-256(client secret + body), hex"
        ),
        sample: documented!(
            r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Sha256,
            ..body_only(
                signature_only("x-hubspot-signature"),
                single("", Encoding::Hex),
            )
        }
        .with_fixed(&[("x-hubspot-signature-version", "v1")]),
    },
    Preset {
        id: "hubspot-v2",
        name: "HubSpot (v2 signature)",
        docs: documented!("https://developers.hubspot.com/docs/faq/v2-request-validation"),
        source: documented!(
            "HubSpot/hubspot-api-nodejs 395cd9b src/utils/signature.ts: SHA-256(client secret + method + URI + body), hex"
        ),
        sample: documented!(
            r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Sha256,
            template: &METHOD_URL_BODY,
            ..body_only(
                signature_only("x-hubspot-signature"),
                single("", Encoding::Hex),
            )
        }
        .with_fixed(&[("x-hubspot-signature-version", "v2")]),
    },
    Preset {
        id: "hubspot-v3",
        name: "HubSpot (v3 signature)",
        docs: documented!("https://developers.hubspot.com/docs/api/webhooks/validating-requests"),
        source: documented!(
            "HubSpot/hubspot-api-nodejs 395cd9b src/utils/signature.ts and hubspot-api-python a2a528a hubspot/utils/signature.py: HMAC-SHA256(method + URI + body + timestamp), base64, ms, 5 minutes; the URI as given. The SDKs reject only old timestamps; hookseal checks both ways, since the timestamp touches the URL and body (a URL's last digits could move into a far-future timestamp)"
        ),
        sample: documented!(
            r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,"propertyName":"email","propertyValue":"jane@example.com","changeSource":"CRM","appId":54321}]"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Milliseconds,
            ..timestamped(
                "x-hubspot-signature-v3",
                "x-hubspot-request-timestamp",
                single("", Encoding::Base64),
                &METHOD_URL_BODY_TIMESTAMP,
            )
        },
    },
    Preset {
        id: "square",
        name: "Square",
        docs: documented!("https://developer.squareup.com/docs/webhooks/step3validate"),
        source: documented!(
            "square/square-nodejs-sdk c58c6e0 src/wrapper/WebhooksHelper.ts: HMAC-SHA256(notification URL + body), base64"
        ),
        sample: documented!(
            r#"{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}"#
        ),
        handshake: None,
        spec: Spec {
            template: &URL_BODY,
            ..body_only(
                signature_only("x-square-hmacsha256-signature"),
                single("", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "twilio",
        name: "Twilio",
        docs: documented!("https://www.twilio.com/docs/usage/webhooks/webhooks-security"),
        source: documented!(
            "twilio/twilio-python 306691e twilio/request_validator.py and twilio/twilio-node 45d3d65 src/webhooks/webhooks.ts: HMAC-SHA1(URL + sorted form params), base64, bodySHA256 for JSON, the URL with or without its default port"
        ),
        sample: documented!(
            "AccountSid=AC0123456789abcdef0123456789abcdef&CallSid=CA1234567890ABCDE&CallStatus=ringing&Caller=%2B14158675310&Digits=1234&From=%2B14158675310&To=%2B18005551212"
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            template: &URL_FORM,
            url_port_variants: true,
            ..body_only(
                signature_only("x-twilio-signature"),
                single("", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "mailgun",
        name: "Mailgun",
        docs: documented!(
            "https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks"
        ),
        source: documented!(
            "Mailgun docs, Securing webhooks: HMAC-SHA256(timestamp + token), hex, all three in the body's `signature` object; the event data is not signed"
        ),
        sample: documented!(
            r#"{"signature":{"timestamp":"1529006854","token":"a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0","signature":"d2271d12299f6592d9d44cd9d250f0704e4674c30d79d07c47a66f95ce71cf55"},"event-data":{"event":"opened","timestamp":1529006854.329574,"id":"DACSsAdVSeGpLid7TN03WA"}}"#
        ),
        handshake: None,
        spec: Spec {
            template: &TIMESTAMP_ID,
            body_fields: BodyFields {
                signature: Some("signature.signature"),
                timestamp: Some("signature.timestamp"),
                id: Some("signature.token"),
            },
            ..body_only(signature_only(""), single("", Encoding::Hex))
        },
    },
    Preset {
        id: "linear",
        name: "Linear",
        docs: documented!("https://linear.app/developers/webhooks#securing-webhooks"),
        source: documented!(
            "linear/linear 8335e09 packages/sdk/src/webhooks/client.ts: HMAC-SHA256 of the body, hex, `webhookTimestamp` (ms) in the body within 60 s both ways"
        ),
        sample: documented!(
            r#"{"action":"create","type":"Issue","data":{"id":"2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9","title":"Fix the login page","priority":2},"url":"https://linear.app/issue/LIN-1778/fix-the-login-page","createdAt":"2025-01-01T10:00:00.000Z","webhookTimestamp":1735725600000}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Milliseconds,
            tolerance_seconds: 60,
            body_fields: BodyFields {
                timestamp: Some("webhookTimestamp"),
                ..NO_FIELDS
            },
            ..body_only(
                signature_only("linear-signature"),
                single("", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "discord",
        name: "Discord",
        docs: documented!(
            "https://discord.com/developers/docs/interactions/receiving-and-responding#security-and-authorization"
        ),
        source: documented!(
            "discord/discord-interactions-js ed17947 src/index.ts (verifyKey): Ed25519 over timestamp + body, hex signature, hex public key; the SDK checks no window"
        ),
        sample: documented!(
            r#"{"application_id":"123456789012345678","type":1,"version":1,"token":"A_UNIQUE_TOKEN","id":"786008729715212338"}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Ed25519,
            secret_format: SecretFormat::Hex,
            ..timestamped(
                "x-signature-ed25519",
                "x-signature-timestamp",
                single("", Encoding::Hex),
                &TIMESTAMP_BODY,
            )
        },
    },
    Preset {
        id: "telnyx",
        name: "Telnyx",
        docs: documented!(
            "https://developers.telnyx.com/docs/development/api-fundamentals/webhooks"
        ),
        source: documented!(
            "team-telnyx/telnyx-node b9b12ca src/lib/webhooks.ts: Ed25519 over `{ts}|{body}`, base64 signature and public key, 300 s both ways"
        ),
        sample: documented!(
            r#"{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2024-01-15T20:16:07.588+00:00","payload":{"direction":"inbound","text":"Hello","type":"SMS"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Ed25519,
            secret_format: SecretFormat::Base64,
            ..timestamped(
                "telnyx-signature-ed25519",
                "telnyx-timestamp",
                single("", Encoding::Base64),
                &TIMESTAMP_PIPE_BODY,
            )
        },
    },
    Preset {
        id: "sendgrid",
        name: "SendGrid Event Webhook",
        docs: documented!(
            "https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features"
        ),
        source: documented!(
            "sendgrid/sendgrid-nodejs 498e232 packages/eventwebhook/src/eventwebhook.js: ECDSA P-256 / SHA-256 over timestamp + body, base64 DER signature, base64 DER public key; the SDK checks no window"
        ),
        sample: documented!(
            r#"[{"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"delivered","category":"cat facts","sg_event_id":"sg_event_id","sg_message_id":"sg_message_id"}]"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::EcdsaP256,
            secret_format: SecretFormat::Base64,
            ..timestamped(
                "x-twilio-email-event-webhook-signature",
                "x-twilio-email-event-webhook-timestamp",
                single("", Encoding::Base64),
                &TIMESTAMP_BODY,
            )
        },
    },
    Preset {
        id: "gitlab",
        name: "GitLab (secret token)",
        docs: documented!(
            "https://docs.gitlab.com/ee/user/project/integrations/webhooks.html#validate-payloads-by-using-a-secret-token"
        ),
        source: documented!(
            "GitLab docs: the secret token sent as it is in X-Gitlab-Token; it signs nothing (GitLab's signing tokens are Standard Webhooks: use `standard-webhooks`)"
        ),
        sample: documented!(
            r#"{"object_kind":"push","event_name":"push","before":"95790bf891e76fee5e1747ab589903a6a1f80f22","after":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","ref":"refs/heads/main","project":{"id":15,"path_with_namespace":"mike/diaspora"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(signature_only("x-gitlab-token"), single("", Encoding::Raw))
        }
        .with_metadata(&[
            "x-gitlab-event",
            "x-gitlab-event-uuid",
            "x-gitlab-webhook-uuid",
        ]),
    },
    Preset {
        id: "postmark",
        name: "Postmark",
        docs: documented!("https://postmarkapp.com/developer/webhooks/webhooks-overview"),
        source: documented!(
            "Postmark docs, Protecting your webhook: HTTP Basic credentials set in the webhook URL; no signature. The secret is `user:password`"
        ),
        sample: documented!(
            r#"{"RecordType":"Delivery","ServerID":23,"MessageStream":"outbound","MessageID":"00000000-0000-0000-0000-000000000000","Recipient":"john@example.com","Tag":"welcome-email","DeliveredAt":"2019-11-05T16:33:54.9070259Z"}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(
                signature_only("authorization"),
                single("Basic ", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "zoom",
        name: "Zoom",
        docs: documented!("https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events"),
        source: documented!(
            "zoom/webhook-sample 1d39364 index.js and Zoom's docs (Verify webhook events, Validate your webhook endpoint): `x-zm-signature: v0=<hex>` over `v0:{x-zm-request-timestamp}:{body}`, the secret token as key, no window given; the `endpoint.url_validation` event, itself signed, answered with the plainToken and its HMAC-SHA256, hex"
        ),
        sample: documented!(
            r#"{"event":"meeting.started","payload":{"account_id":"AAAAAABBBB","object":{"id":"1234567890","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting","type":2,"start_time":"2021-07-13T21:44:51Z","timezone":"America/Los_Angeles","duration":60}},"event_ts":1626230691572}"#
        ),
        handshake: Some(Handshake::ZoomUrlValidation),
        spec: timestamped(
            "x-zm-signature",
            "x-zm-request-timestamp",
            single("v0=", Encoding::Hex),
            &SLACK_CONTENT,
        )
        .with_metadata(&["x-zm-trackingid"]),
    },
    Preset {
        id: "meta",
        name: "Meta (Facebook, Instagram, Messenger)",
        docs: documented!(
            "https://developers.facebook.com/docs/graph-api/webhooks/getting-started"
        ),
        source: documented!(
            "Meta's Graph API webhooks docs (Verification Requests, Validating Payloads): `X-Hub-Signature-256: sha256=<hex>` HMAC-SHA256 of the body with the app secret; a GET with `hub.mode=subscribe`, `hub.challenge` and the verify token the app owner chose, answered with the challenge"
        ),
        sample: documented!(
            r#"{"entry":[{"time":1520383571,"changes":[{"field":"photos","value":{"verb":"update","object_id":"10211885744794461"}}],"id":"10210299214172187","uid":"10210299214172187"}],"object":"user"}"#
        ),
        handshake: Some(Handshake::MetaVerifyToken),
        spec: body_only(
            signature_only("x-hub-signature-256"),
            single("sha256=", Encoding::Hex),
        ),
    },
    Preset {
        id: "whatsapp",
        name: "WhatsApp Business Platform",
        docs: documented!(
            "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint"
        ),
        source: documented!(
            "Meta's WhatsApp docs (Create a webhook endpoint) and Graph API webhooks docs: Meta's scheme, `X-Hub-Signature-256: sha256=<hex>` HMAC-SHA256 of the body with the app secret; the same verification GET with the verify token"
        ),
        sample: documented!(
            r#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}"#
        ),
        handshake: Some(Handshake::MetaVerifyToken),
        spec: body_only(
            signature_only("x-hub-signature-256"),
            single("sha256=", Encoding::Hex),
        ),
    },
    Preset {
        id: "twitter",
        name: "X (Twitter) Account Activity",
        docs: documented!(
            "https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks"
        ),
        source: documented!(
            "X's docs, Securing webhooks and the webhooks quickstart: `x-twitter-webhooks-signature: sha256=<base64>` HMAC-SHA256 of the body with the consumer secret; the challenge-response check, a GET with `crc_token`, answered with `sha256=` + base64 HMAC-SHA256 of it"
        ),
        sample: documented!(
            r#"{"for_user_id":"2244994945","favorite_events":[{"id":"a7ba59eab0bfcba386f7acedac279542","created_at":"Mon Mar 26 16:33:26 +0000 2018","timestamp_ms":1522082006140,"favorited_status":{"id_str":"978318585393262592","text":"Hello, world!","user":{"id_str":"2244994945","screen_name":"TwitterDev"}},"user":{"id_str":"4058526734","screen_name":"FloofDev"}}]}"#
        ),
        handshake: Some(Handshake::TwitterCrc),
        spec: body_only(
            signature_only("x-twitter-webhooks-signature"),
            single("sha256=", Encoding::Base64),
        ),
    },
    Preset {
        id: "launchdarkly",
        name: "LaunchDarkly",
        docs: documented!("https://launchdarkly.com/docs/home/infrastructure/webhooks"),
        source: documented!(
            "LaunchDarkly docs, Sign a webhook: X-LD-Signature = HMAC-SHA256 hex digest of the payload, the webhook secret as the key; no timestamp"
        ),
        sample: documented!(
            r#"{"_links":{"canonical":{"href":"/api/v2/projects/alexis/environments/test","type":"application/json"},"self":{"href":"/api/v2/auditlog/57c0a8e29969090743529965","type":"application/json"}},"_id":"57c0a8e29969090743529965","date":1472243938774,"accesses":[{"action":"updateName","resource":"proj/alexis:env/test"}],"kind":"environment","name":"Testing","description":"- Changed the name from ~~Test~~ to *Testing*","titleVerb":"changed the name of","title":"changed the name of Testing"}"#
        ),
        handshake: None,
        spec: body_only(signature_only("x-ld-signature"), single("", Encoding::Hex)),
    },
    Preset {
        id: "modern-treasury",
        name: "Modern Treasury",
        docs: documented!("https://docs.moderntreasury.com/docs/verifying-webhooks"),
        source: documented!(
            "Modern-Treasury/modern-treasury-python aaddd3d src/modern_treasury/resources/webhooks.py: X-Signature = hex HMAC-SHA256(webhook key as UTF-8, body); X-Webhook-ID (docs) unsigned"
        ),
        sample: documented!(
            r#"{"event":"completed","data":{"id":"0c8f3a5e-1b2d-4c6e-9f7a-2d3e4f5a6b7c","object":"payment_order","live_mode":false,"type":"ach","amount":1000,"direction":"credit","currency":"USD","status":"completed","description":"Invoice 1234","effective_date":"2024-03-01","created_at":"2024-03-01T14:00:00Z","updated_at":"2024-03-01T18:30:00Z"}}"#
        ),
        handshake: None,
        spec: body_only(
            HeaderNames {
                id: Some("x-webhook-id"),
                ..signature_only("x-signature")
            },
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "alchemy",
        name: "Alchemy Notify",
        docs: documented!("https://www.alchemy.com/docs/reference/notify-api-quickstart"),
        source: documented!(
            "alchemyplatform/webhook-examples 28a2888 node-express/src/webhooksUtil.ts and python-django/webhook_server/backend/middleware.py: X-Alchemy-Signature = hex HMAC-SHA256(signing key as UTF-8, raw body)"
        ),
        sample: documented!(
            r#"{"webhookId":"wh_octjglnywaupz6th","id":"whevt_ogrc5v64myey69ux","createdAt":"2024-03-01T14:00:00.000Z","type":"ADDRESS_ACTIVITY","event":{"network":"ETH_MAINNET","activity":[{"fromAddress":"0x503828976d22510aad0201ac7ec88293211d23da","toAddress":"0xbe3f4b43db5eb49d1f48f53443b9abce45da3b79","blockNum":"0xdf34a3","hash":"0x7a4a39da2a3fa1fc2ef88fd1eaea070286ed2aba21e0419dcfb6d5c5d9f02a72","value":293.092129,"asset":"USDC","category":"token"}]}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-alchemy-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "gocardless",
        name: "GoCardless",
        docs: documented!(
            "https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks/"
        ),
        source: documented!(
            "gocardless/gocardless-pro-python d5c83f3 gocardless_pro/webhooks.py: Webhook-Signature = hex HMAC-SHA256(endpoint secret as UTF-8, body); vector in tests/webhooks_test.py"
        ),
        sample: documented!(
            r#"{"events":[{"id":"EV00BD05S5VM2T","created_at":"2018-07-05T09:13:51.404Z","resource_type":"subscriptions","action":"created","links":{"subscription":"SB0003JJQ2MR06"},"details":{"origin":"api","cause":"subscription_created","description":"Subscription created via the API."},"metadata":{}}]}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("webhook-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "checkout-com",
        name: "Checkout.com",
        docs: documented!(
            "https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver"
        ),
        source: documented!(
            "Checkout.com docs, Set up your webhook receiver: Cko-Signature = hex (Base16) HMAC-SHA256 of the raw body, the workflow webhook action's signature key"
        ),
        sample: documented!(
            r#"{"id":"evt_az5sblvku4ge3dwpztvyizgcau","type":"payment_captured","version":"1.0.33","created_on":"2024-03-01T14:00:00.000Z","data":{"id":"pay_mbabizu24mvu3mela5njyhpit4","action_id":"act_y3oqhf46pyzuxjbcn2giaqnb44","reference":"ORD-5023-4E89","amount":6540,"currency":"USD","processed_on":"2024-03-01T13:59:58Z"},"_links":{"self":{"href":"https://api.sandbox.checkout.com/workflows/events/evt_az5sblvku4ge3dwpztvyizgcau"}}}"#
        ),
        handshake: None,
        spec: body_only(signature_only("cko-signature"), single("", Encoding::Hex)),
    },
    Preset {
        id: "nylas",
        name: "Nylas",
        docs: documented!(
            "https://developer.nylas.com/docs/cookbook/use-cases/build/verify-webhook-signatures/"
        ),
        source: documented!(
            "Nylas docs, Verify webhook signatures: x-nylas-signature = hex HMAC-SHA256 of the exact request body, the destination's webhook_secret as the key; no timestamp"
        ),
        sample: documented!(
            r#"{"specversion":"1.0","type":"message.created","source":"/google/emails/realtime","id":"mock-id-1234","time":1709301600,"webhook_delivery_attempt":1,"data":{"application_id":"NYLAS_APPLICATION_ID","object":{"id":"18df98cc3ac4ad33","grant_id":"NYLAS_GRANT_ID","object":"message","subject":"Hello","date":1709301590,"folders":["INBOX"],"unread":true}}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-nylas-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "woocommerce",
        name: "WooCommerce",
        docs: documented!("https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks"),
        source: documented!(
            "woocommerce/woocommerce 00e1bc4 plugins/woocommerce/includes/class-wc-webhook.php (deliver, generate_signature): X-WC-Webhook-Signature = base64 HMAC-SHA256(secret, JSON body); topic, resource, event, source, webhook and delivery ids unsigned"
        ),
        sample: documented!(
            r#"{"id":727,"parent_id":0,"status":"processing","currency":"USD","date_created":"2024-03-01T14:00:00","total":"29.35","customer_id":0,"billing":{"first_name":"John","last_name":"Doe","city":"San Francisco","country":"US"},"payment_method":"bacs","line_items":[{"id":315,"name":"Woo Single #1","product_id":93,"quantity":2,"total":"6.00"}]}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-wc-webhook-signature"),
            single("", Encoding::Base64),
        )
        .with_headers(HeaderNames {
            signature: "x-wc-webhook-signature",
            id: Some("x-wc-webhook-delivery-id"),
            timestamp: None,
            event_type: Some("x-wc-webhook-topic"),
            metadata: &[
                "x-wc-webhook-source",
                "x-wc-webhook-resource",
                "x-wc-webhook-event",
                "x-wc-webhook-id",
            ],
            more_signatures: "",
            fixed: &[],
        }),
    },
    Preset {
        id: "cal-com",
        name: "Cal.com",
        docs: documented!("https://cal.com/docs/developing/guides/automation/webhooks"),
        source: documented!(
            "calcom/cal.com 008952d packages/features/webhooks/lib/sendPayload.ts (createWebhookSignature, _sendPayload): X-Cal-Signature-256 = hex HMAC-SHA256(secret, body); X-Cal-Webhook-Version unsigned"
        ),
        sample: documented!(
            r#"{"triggerEvent":"BOOKING_CREATED","createdAt":"2024-03-01T14:00:00.000Z","payload":{"type":"30min","title":"30 Min Meeting between Jane Doe and John Smith","startTime":"2024-03-04T10:00:00Z","endTime":"2024-03-04T10:30:00Z","organizer":{"name":"Jane Doe","email":"jane@example.com","timeZone":"Europe/London"},"attendees":[{"name":"John Smith","email":"john@example.com","timeZone":"America/New_York"}],"uid":"bFJeNb2uX8ANpT3JL5EfXw","bookingId":91,"status":"ACCEPTED"}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-cal-signature-256"),
            single("", Encoding::Hex),
        )
        .with_metadata(&["x-cal-webhook-version"]),
    },
    Preset {
        id: "lemon-squeezy",
        name: "Lemon Squeezy",
        docs: documented!("https://docs.lemonsqueezy.com/help/webhooks/signing-requests"),
        source: documented!(
            "lmsqueezy/laravel 456b96f src/Http/Middleware/VerifyWebhookSignature.php: X-Signature = hex HMAC-SHA256(signing secret, body); X-Event-Name (docs) unsigned"
        ),
        sample: documented!(
            r#"{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1","attributes":{"store_id":1,"identifier":"636f855c-1fb9-4c07-b75c-3a10afef010a","order_number":1,"user_name":"Darlene Daugherty","user_email":"darlene@example.com","currency":"USD","subtotal":999,"tax":200,"total":1199,"status":"paid","created_at":"2024-03-01T14:00:00.000000Z"}}}"#
        ),
        handshake: None,
        spec: body_only(
            HeaderNames {
                event_type: Some("x-event-name"),
                ..signature_only("x-signature")
            },
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "pusher",
        name: "Pusher Channels",
        docs: documented!("https://pusher.com/docs/channels/server_api/webhooks/"),
        source: documented!(
            "pusher/pusher-http-node 7492d8d lib/webhook.js and lib/token.js: X-Pusher-Signature = hex HMAC-SHA256(app secret, raw body); X-Pusher-Key (unsigned) names the app whose secret to use; vector in tests/integration/webhook.js"
        ),
        sample: documented!(
            r#"{"time_ms":1403175510755,"events":[{"channel":"test_channel","name":"channel_vacated"}]}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-pusher-signature"),
            single("", Encoding::Hex),
        )
        .with_metadata(&["x-pusher-key"]),
    },
    Preset {
        id: "aftership",
        name: "AfterShip (Tracking)",
        docs: documented!("https://www.aftership.com/docs/tracking/webhook/webhook-signature"),
        source: documented!(
            "AfterShip docs, Tracking webhook signature: aftership-hmac-sha256 = base64 HMAC-SHA256(webhook secret, body). Returns and Warranty use as-signature-hmac-sha256 instead"
        ),
        sample: documented!(
            r#"{"event":"tracking_update","event_id":"a8f1c2e4-5b6d-4e7f-8a9b-0c1d2e3f4a5b","is_tracking_first_tag":false,"msg":{"id":"k5lh7dy7vvqeck71p5loe011","tracking_number":"1Z999AA10123456784","slug":"ups","tag":"InTransit","subtag":"InTransit_001","updated_at":"2024-03-01T14:00:00+00:00","title":"Order #1234"},"ts":1709301600}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("aftership-hmac-sha256"),
            single("", Encoding::Base64),
        ),
    },
    Preset {
        id: "persona",
        name: "Persona",
        docs: documented!("https://docs.withpersona.com/docs/webhooks-best-practices"),
        source: documented!(
            "Persona docs, Webhook Best Practices (Checking signatures): `Persona-Signature: t=<unix s>,v1=<hex>`, HMAC-SHA256 of `{t}.{body}` with the webhook secret as a string; no window given. During rotation two `t=…,v1=…` sets separated by a space: only the second set's v1 verifies here"
        ),
        sample: documented!(
            r#"{"data":{"type":"event","id":"evt_XGuYWp7WtBNpLmHhVZ7ywYd3","attributes":{"name":"inquiry.completed","created-at":"2026-05-04T17:42:09.000Z","payload":{"data":{"type":"inquiry","id":"inq_2CVZ4HqWBZQpRyZ6XHZ9kJRB","attributes":{"status":"completed","reference-id":"user_1042","created-at":"2026-05-04T17:38:51.000Z","completed-at":"2026-05-04T17:42:08.000Z"}}}}}}"#
        ),
        handshake: None,
        spec: Spec {
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("persona-signature"),
                key_value(',', Some("t"), "v1", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "tailscale",
        name: "Tailscale",
        docs: documented!("https://tailscale.com/docs/features/webhooks"),
        source: documented!(
            "tailscale/tailscale 1beb145 docs/webhooks/example.go: `Tailscale-Webhook-Signature: t=<unix s>,v1=<hex>[,v1=…]`, HMAC-SHA256 of `{t}.{body}`, secret as a string, 5 minutes, old timestamps only"
        ),
        sample: documented!(
            r#"[{"timestamp":"2026-05-04T17:42:09.123456789Z","version":1,"type":"nodeCreated","tailnet":"example.com","message":"Node laptop.example.ts.net created","data":{"nodeID":"nPp8Lz2CNTRL","deviceName":"laptop.example.ts.net","managedBy":"alice@example.com","actor":"alice@example.com","url":"https://login.tailscale.com/admin/machines/100.101.102.103"}}]"#
        ),
        handshake: None,
        spec: Spec {
            rejects_future_timestamps: false,
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("tailscale-webhook-signature"),
                key_value(',', Some("t"), "v1", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "elevenlabs",
        name: "ElevenLabs",
        docs: documented!("https://elevenlabs.io/docs/product-guides/administration/webhooks"),
        source: documented!(
            "elevenlabs/elevenlabs-js 8710089 src/wrapper/webhooks.ts (constructEvent): `t=<unix s>,v0=<hex>`, HMAC-SHA256 of `{t}.{body}`, secret as a string, 30 minutes, old timestamps only; the header name `ElevenLabs-Signature` is the docs'"
        ),
        sample: documented!(
            r#"{"type":"post_call_transcription","event_timestamp":1746380529,"data":{"agent_id":"agent_01jx9s7q2example","conversation_id":"conv_01jx9s8k4example","status":"done","transcript":[{"role":"agent","message":"Hello, how can I help you today?","time_in_call_secs":0},{"role":"user","message":"I'd like to check my order.","time_in_call_secs":3}],"metadata":{"start_time_unix_secs":1746380400,"call_duration_secs":112}}}"#
        ),
        handshake: None,
        spec: Spec {
            rejects_future_timestamps: false,
            tolerance_seconds: 1800,
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("elevenlabs-signature"),
                key_value(',', Some("t"), "v0", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "workos",
        name: "WorkOS",
        docs: documented!("https://workos.com/docs/sso/webhooks"),
        source: documented!(
            "workos/workos-node fd885bc src/common/crypto/signature-provider.ts: `t=<unix ms>, v1=<hex>`, HMAC-SHA256 of `{t}.{body}`, secret as a string, 180 000 ms, old timestamps only; the header name `WorkOS-Signature` is the docs'"
        ),
        sample: documented!(
            r#"{"id":"event_01JTFX8ZQ4N2V4Q9K3M7EXAMPL","event":"user.created","data":{"object":"user","id":"user_01JTFX8ZQ4N2V4Q9K3M7EXAMPL","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","email_verified":true,"profile_picture_url":null,"created_at":"2026-05-04T17:42:09.000Z","updated_at":"2026-05-04T17:42:09.000Z"},"created_at":"2026-05-04T17:42:09.120Z"}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Milliseconds,
            rejects_future_timestamps: false,
            tolerance_seconds: 180,
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("workos-signature"),
                key_value(',', Some("t"), "v1", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "buildkite",
        name: "Buildkite (HMAC signature)",
        docs: documented!("https://buildkite.com/docs/apis/webhooks/pipelines#webhook-signature"),
        source: documented!(
            "buildkite/docs ae65bb7 pages/apis/webhooks/_webhook_signature.md and fd51938 _verifying_hmac_signatures.md: `X-Buildkite-Signature: timestamp=<unix s>,signature=<hex>`, HMAC-SHA256 of `{timestamp}.{body}` keyed with the webhook token; no window given (\"for example, 5 minutes\"). Not the plain `X-Buildkite-Token` mode"
        ),
        sample: documented!(
            r#"{"event":"build.finished","build":{"id":"f62a1b4d-10f9-4790-bc1c-e2c3a0c80983","number":42,"state":"passed","branch":"main","commit":"a65572555600c07c7ab9dc1b8b8d1f1d2d1b8fd3","message":"Bump version","web_url":"https://buildkite.com/acme/app/builds/42","finished_at":"2026-05-04 17:42:09 UTC"},"pipeline":{"slug":"app","name":"app"},"sender":{"id":"8a7693f8-dbae-4783-9137-84090fce9045","name":"Some Person"}}"#
        ),
        handshake: None,
        spec: Spec {
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                HeaderNames {
                    event_type: Some("x-buildkite-event"),
                    ..signature_only("x-buildkite-signature")
                },
                key_value(',', Some("timestamp"), "signature", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "twitch",
        name: "Twitch EventSub",
        docs: documented!(
            "https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message"
        ),
        source: documented!(
            "twitchdev/twitch-cli fd7dac6 internal/events/trigger/forward_event.go and twitchdev/eventsub-webhooks-node-sample 6c2a8f5 index.js: `sha256=` + hex HMAC-SHA256 of message id + RFC 3339 timestamp + body, nothing between. No window in either; hookseal's 300 s both ways"
        ),
        sample: documented!(
            r#"{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled","type":"channel.follow","version":"2","condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},"created_at":"2026-05-04T17:40:00.634234626Z","cost":0},"event":{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","followed_at":"2026-05-04T17:42:08.17106713Z"}}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Rfc3339,
            template: &ID_TIMESTAMP_BODY,
            ..body_only(
                HeaderNames {
                    id: Some("twitch-eventsub-message-id"),
                    timestamp: Some("twitch-eventsub-message-timestamp"),
                    event_type: Some("twitch-eventsub-subscription-type"),
                    ..signature_only("twitch-eventsub-message-signature")
                },
                single("sha256=", Encoding::Hex),
            )
        }
        .with_metadata(&[
            "twitch-eventsub-message-type",
            "twitch-eventsub-message-retry",
            "twitch-eventsub-subscription-version",
        ]),
    },
    Preset {
        id: "customer-io",
        name: "Customer.io (reporting webhooks)",
        docs: documented!("https://docs.customer.io/api/webhooks/"),
        source: documented!(
            "customerio/customerio-node b0288a4 lib/webhooks.ts (verifyRequestSignature): hex HMAC-SHA256 of `v0:{X-CIO-Timestamp}:{body}`, signing secret as a string, no window; vector in test/webhooks.ts"
        ),
        sample: documented!(
            r#"{"data":{"action_id":36,"campaign_id":23,"customer_id":"user-1042","delivery_id":"RAECAAFwnUSneIa0ZXkmq8EdkAM==","identifiers":{"id":"user-1042","email":"ada@example.com"},"recipient":"ada@example.com","subject":"Welcome aboard"},"event_id":"01E4C4CT6YDC7Y5M7FE1GWWPQJ","object_type":"email","metric":"delivered","timestamp":1746380529}"#
        ),
        handshake: None,
        spec: timestamped(
            "x-cio-signature",
            "x-cio-timestamp",
            single("", Encoding::Hex),
            &SLACK_CONTENT,
        ),
    },
    Preset {
        id: "frame-io",
        name: "Frame.io",
        docs: documented!("https://developer.frame.io/platform/v4/docs/guides/webhooks"),
        source: documented!(
            "AdobeDocs/frameio-api 03d3302 src/pages/guides/Webhooks/index.md: `X-Frameio-Signature: v0=<hex>`, HMAC-SHA256 of `v0:{X-Frameio-Request-Timestamp}:{body}`, unix seconds, \"within 5 minutes of local time\""
        ),
        sample: documented!(
            r#"{"account":{"id":"6f70f1bd-7e89-4a7e-b4d3-7e576585a181"},"project":{"id":"7e46e495-4444-4555-8649-bee4d391a997"},"resource":{"id":"d3075547-4e64-45f0-ad12-d075660eddd2","type":"file"},"type":"file.ready","user":{"id":"56556a3f-859f-4b38-b6c6-e8625b5da8a5"},"workspace":{"id":"378fcbf7-6f88-4224-8139-6a743ed940b2"}}"#
        ),
        handshake: None,
        spec: timestamped(
            "x-frameio-signature",
            "x-frameio-request-timestamp",
            single("v0=", Encoding::Hex),
            &SLACK_CONTENT,
        ),
    },
    Preset {
        id: "docusign",
        name: "DocuSign Connect",
        docs: documented!("https://developers.docusign.com/platform/webhooks/connect/validate/"),
        source: documented!(
            "docusign/code-examples-node 8b0ee71 lib/connect/examples/validateWebhookMessage.js: HMAC-SHA256 of the body, base64, the HMAC key as UTF-8; one X-DocuSign-Signature-N header per account key (-1 to -5 read here); no timestamp"
        ),
        sample: documented!(
            r#"{"event":"envelope-completed","apiVersion":"v2.1","uri":"/restapi/v2.1/accounts/00000000-0000-0000-0000-000000000001/envelopes/00000000-0000-0000-0000-0000000000e1","retryCount":0,"configurationId":10000001,"generatedDateTime":"2024-05-02T15:04:05.1230000Z","data":{"accountId":"00000000-0000-0000-0000-000000000001","userId":"00000000-0000-0000-0000-0000000000a1","envelopeId":"00000000-0000-0000-0000-0000000000e1"}}"#
        ),
        handshake: None,
        spec: body_only(
            HeaderNames {
                signature: "x-docusign-signature-1",
                id: None,
                timestamp: None,
                event_type: None,
                metadata: &["x-authorization-digest"],
                more_signatures: "x-docusign-signature-2,x-docusign-signature-3,x-docusign-signature-4,x-docusign-signature-5",
                fixed: &[],
            },
            single("", Encoding::Base64),
        ),
    },
    Preset {
        id: "coinbase-commerce",
        name: "Coinbase Commerce",
        docs: documented!(
            "https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security"
        ),
        source: documented!(
            "coinbase/coinbase-commerce-node d46c596 lib/Webhook.js: X-CC-Webhook-Signature, hex HMAC-SHA256 of the body, the shared secret as UTF-8; vector in test/testWebhook.spec.js"
        ),
        sample: documented!(
            r#"{"id":1,"scheduled_for":"2017-01-31T20:50:02Z","attempt_number":1,"event":{"id":"24934862-d980-46cb-9402-43c81b0cdba6","type":"charge:created","api_version":"2018-03-22","created_at":"2017-01-31T20:49:02Z","data":{"code":"66BEOV2A","name":"The Sovereign Individual","hosted_url":"https://commerce.coinbase.com/charges/66BEOV2A","created_at":"2017-01-31T20:49:02Z","expires_at":"2017-01-31T21:04:02Z","timeline":[{"time":"2017-01-31T20:49:02Z","status":"NEW"}],"metadata":{},"pricing_type":"no_price","payments":[]}}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-cc-webhook-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "intercom",
        name: "Intercom",
        docs: documented!(
            "https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications"
        ),
        source: documented!(
            "Intercom docs, Signed Notifications: X-Hub-Signature `sha1=` + hex HMAC-SHA1 of the JSON notification, keyed with the app's client secret (hub_secret in API v1.0) as UTF-8; no timestamp"
        ),
        sample: documented!(
            r#"{"type":"notification_event","app_id":"a86dr8yl","data":{"type":"notification_event_data","item":{"type":"contact","id":"530370b477ad7120001d","role":"user","external_id":"25","name":"Example User","unsubscribed_from_emails":false,"custom_attributes":{}}},"id":"notif_78c122d0-23ba-11e4-9464-79b01267cc2e","topic":"contact.user.created","delivery_attempts":1,"first_sent_at":1714662245,"created_at":1714662245}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            ..body_only(
                signature_only("x-hub-signature"),
                single("sha1=", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "mandrill",
        name: "Mailchimp Transactional (Mandrill)",
        docs: documented!(
            "https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/#authenticating-webhook-requests"
        ),
        source: documented!(
            "Mandrill help, How to Authenticate Webhook Requests: base64 HMAC-SHA1 of the webhook URL exactly as configured + each POST variable's key and value sorted by key, no delimiter, the webhook key as UTF-8; no port variants, no timestamp"
        ),
        sample: documented!(
            "mandrill_events=%5B%7B%22event%22%3A%22send%22%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%2C%22ts%22%3A1714662245%2C%22msg%22%3A%7B%22ts%22%3A1714662240%2C%22subject%22%3A%22Your+receipt%22%2C%22email%22%3A%22recipient%40example.com%22%2C%22sender%22%3A%22sender%40example.com%22%2C%22tags%22%3A%5B%5D%2C%22state%22%3A%22sent%22%2C%22metadata%22%3A%7B%7D%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%7D%7D%5D"
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            template: &URL_FORM,
            ..body_only(
                signature_only("x-mandrill-signature"),
                single("", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "tiktok",
        name: "TikTok",
        docs: documented!("https://developers.tiktok.com/doc/webhooks-verification"),
        source: documented!(
            "TikTok for Developers docs, Check the signature: TikTok-Signature `t=…,s=…`, hex HMAC-SHA256 of `{t}.{body}`, the client secret as UTF-8; the tolerance is left to the receiver (hookseal's 300 s both ways)"
        ),
        sample: documented!(
            r#"{"client_key":"bwo2m45353a6k85","event":"authorization.removed","create_time":1714662245,"user_openid":"act.example12345Example12345Example","content":"{\"reason\": 1}"}"#
        ),
        handshake: None,
        spec: Spec {
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("tiktok-signature"),
                key_value(',', Some("t"), "s", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "typeform",
        name: "Typeform",
        docs: documented!("https://www.typeform.com/developers/webhooks/secure-your-webhooks/"),
        source: documented!(
            "Typeform docs, Secure your webhooks: Typeform-Signature `sha256=` + base64 HMAC-SHA256 of the whole payload, the webhook secret as UTF-8; no timestamp"
        ),
        sample: documented!(
            r#"{"event_id":"01HWX4B4S1KQ3ZJ7EXAMPLE0001","event_type":"form_response","form_response":{"form_id":"lT4Z3j","token":"a3a12ec67a1365927098a606107fac15","submitted_at":"2024-05-02T15:04:05Z","landed_at":"2024-05-02T15:02:41Z","definition":{"id":"lT4Z3j","title":"Feedback"},"answers":[{"type":"number","number":9,"field":{"id":"Q1","type":"opinion_scale","ref":"score"}},{"type":"text","text":"Quick and easy","field":{"id":"Q2","type":"long_text","ref":"comment"}}]}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("typeform-signature"),
            single("sha256=", Encoding::Base64),
        ),
    },
    Preset {
        id: "xero",
        name: "Xero",
        docs: documented!(
            "https://developer.xero.com/documentation/guides/webhooks/configuring-your-server/"
        ),
        source: documented!(
            "Xero docs, Configuring your server: x-xero-signature, base64 HMAC-SHA256 of the payload with the webhook signing key as UTF-8; no timestamp; Intent to receive wants 200 for good and 401 for bad signatures"
        ),
        sample: documented!(
            r#"{"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/Contacts/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777","resourceId":"717f2bfc-c6d4-41fd-b238-3f2f0c0cf777","eventDateUtc":"2024-05-02T15:04:05.902","eventType":"UPDATE","eventCategory":"CONTACT","tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","tenantType":"ORGANISATION"}],"lastEventSequence":1,"firstEventSequence":1,"entropy":"S0m3r4Nd0mt3xt"}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-xero-signature"),
            single("", Encoding::Base64),
        ),
    },
    Preset {
        id: "razorpay",
        name: "Razorpay",
        docs: documented!("https://razorpay.com/docs/webhooks/validate-test/"),
        source: documented!(
            "razorpay/razorpay-node 9737ef1 lib/utils/razorpay-utils.js (validateWebhookSignature): X-Razorpay-Signature, hex HMAC-SHA256 of the body, the webhook secret as UTF-8; vector in test/utils/razorpay-utils.spec.js"
        ),
        sample: documented!(
            r#"{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"payment.captured","contains":["payment"],"payload":{"payment":{"entity":{"id":"pay_DESlfW9H8K9uqM","entity":"payment","amount":100,"currency":"INR","status":"captured","order_id":"order_DESlLckIVRkHWj","method":"netbanking","captured":true,"email":"customer@example.com"}}},"created_at":1714662245}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-razorpay-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "onfido",
        name: "Onfido (Entrust)",
        docs: documented!(
            "https://documentation.identity.entrust.com/api/manual-webhook-signature-verification/"
        ),
        source: documented!(
            "onfido/onfido-node 2b9faec webhook-event-verifier.ts: X-SHA2-Signature (docs), hex HMAC-SHA256 of the body, the webhook token as UTF-8; vectors in test/classic-webhook-event-verifier.test.ts and test/studio-webhook-event-verifier.test.ts"
        ),
        sample: documented!(
            r#"{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"check-123","status":"complete","completed_at_iso8601":"2020-01-01T00:00:00Z","href":"https://api.onfido.com/v3/checks/check-123"}}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-sha2-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "calendly",
        name: "Calendly",
        docs: documented!(
            "https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures"
        ),
        source: documented!(
            "Calendly docs, Webhooks overview and Webhook Signatures: Calendly-Webhook-Signature `t=<unix>,v1=<hex>`, HMAC-SHA256 of `{t}.{body}`, the signing key as UTF-8; no window confirmed (hookseal's 300 s both ways)"
        ),
        sample: documented!(
            r#"{"created_at":"2024-05-02T15:04:05.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.created","payload":{"email":"invitee@example.com","name":"Example Invitee","status":"active","timezone":"Europe/Paris","uri":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/BBBBBBBBBBBBBBBB","scheduled_event":{"uri":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2","name":"30 Minute Meeting","start_time":"2024-05-09T15:00:00.000000Z","end_time":"2024-05-09T15:30:00.000000Z"}}}"#
        ),
        handshake: None,
        spec: Spec {
            template: &TIMESTAMP_DOT_BODY,
            ..body_only(
                signature_only("calendly-webhook-signature"),
                key_value(',', Some("t"), "v1", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "sentry",
        name: "Sentry (integration platform)",
        docs: documented!(
            "https://docs.sentry.io/organization/integrations/integration-platform/webhooks/"
        ),
        source: documented!(
            "getsentry/sentry 0211925 src/sentry/sentry_apps/models/sentry_app.py (build_signature: HMAC-SHA256 of the body, client secret as UTF-8, hex) and 10c5f04 src/sentry/sentry_apps/api/serializers/app_platform_event.py (Sentry-Hook-Signature; Sentry-Hook-Timestamp and Request-ID sent, not signed)"
        ),
        sample: documented!(
            r#"{"action":"created","installation":{"uuid":"7a485448-a9e2-4c85-8a3c-4f44175783c9"},"data":{"issue":{"id":"1170820242","shortId":"BACKEND-3","title":"ZeroDivisionError: division by zero","culprit":"billing.tasks in charge","level":"error","status":"unresolved","project":{"id":"1","name":"backend","slug":"backend"},"firstSeen":"2026-05-04T10:12:01.000000Z"}},"actor":{"type":"application","id":"sentry","name":"Sentry"}}"#
        ),
        handshake: None,
        spec: body_only(
            HeaderNames {
                signature: "sentry-hook-signature",
                id: Some("request-id"),
                timestamp: None,
                event_type: Some("sentry-hook-resource"),
                metadata: &["sentry-hook-timestamp"],
                more_signatures: "",
                fixed: &[],
            },
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "dropbox",
        name: "Dropbox",
        docs: documented!("https://www.dropbox.com/developers/reference/webhooks"),
        source: documented!(
            "dropbox/mdwebhook 1b32d5a app.py: X-Dropbox-Signature = hex HMAC-SHA256 of the raw body, the app secret as a raw string; the docs say the same"
        ),
        sample: documented!(
            r#"{"list_folder": {"accounts": ["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]}, "delta": {"users": [12345]}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-dropbox-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "notion",
        name: "Notion",
        docs: documented!("https://developers.notion.com/reference/webhooks"),
        source: documented!(
            "makenotion/notion-sdk-js 2aca555 src/webhooks.ts (verifyWebhookSignature): X-Notion-Signature `sha256=<hex>`, HMAC-SHA256 of the raw body keyed by the verification token as UTF-8"
        ),
        sample: documented!(
            r#"{"id":"367cba44-b6f3-4c92-81e7-6a2e9659efd4","timestamp":"2026-05-04T10:15:32.000Z","workspace_id":"13950b26-c203-4f3b-b97d-93ec06319565","workspace_name":"Acme","subscription_id":"29d75c0d-5546-4414-8459-7b7a92f1fc4b","integration_id":"0ef2e755-4912-8096-91c1-00376a88a5ca","type":"page.created","authors":[{"id":"c7c11cca-1d73-471d-9b6e-bdef51470190","type":"person"}],"attempt_number":1,"entity":{"id":"153104cd-477e-809d-8dc4-ff2d96ae3090","type":"page"},"data":{"parent":{"id":"13950b26-c203-4f3b-b97d-93ec06319565","type":"space"}}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-notion-signature"),
            single("sha256=", Encoding::Hex),
        ),
    },
    Preset {
        id: "asana",
        name: "Asana",
        docs: documented!("https://developers.asana.com/docs/webhooks-guide"),
        source: documented!(
            "Asana/devrel-examples 00d81bb javascript/webhooks-nodejs/index.js: X-Hook-Signature = hex HMAC-SHA256 of the body, keyed by the X-Hook-Secret from the handshake as a raw string"
        ),
        sample: documented!(
            r#"{"events":[{"user":{"gid":"1201234567890123","resource_type":"user"},"created_at":"2026-05-04T10:20:00.000Z","action":"changed","resource":{"gid":"1209876543210987","resource_type":"task","resource_subtype":"default_task"},"parent":null,"change":{"field":"name","action":"changed"}}]}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-hook-signature"),
            single("", Encoding::Hex),
        ),
    },
    Preset {
        id: "microsoft-teams",
        name: "Microsoft Teams outgoing webhooks",
        docs: documented!(
            "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook"
        ),
        source: documented!(
            "OfficeDev/msteams-samples-outgoing-webhook-nodejs 26be3ef app.js: `Authorization: HMAC <base64>`, HMAC-SHA256 of the UTF-8 body keyed by the base64-decoded security token"
        ),
        sample: documented!(
            r#"{"type":"message","id":"1485983408511","timestamp":"2026-05-04T10:25:07.437Z","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB25ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw","name":"Megan Bowen"},"conversation":{"id":"19:253b1f341670408fb6fe51050b6e5ceb@thread.skype;messageid=1485983194839"},"text":"<at>DeployBot</at> status","channelData":{"teamsChannelId":"19:253b1f341670408fb6fe51050b6e5ceb@thread.skype","tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"}}}"#
        ),
        handshake: None,
        spec: Spec {
            secret_format: SecretFormat::Base64,
            ..body_only(
                signature_only("authorization"),
                single("HMAC ", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "heroku",
        name: "Heroku app webhooks",
        docs: documented!("https://devcenter.heroku.com/articles/app-webhooks"),
        source: documented!(
            "heroku/webhooks-demo 21ae991 app/controllers/webhooks_controller.rb: Heroku-Webhook-Hmac-SHA256 = base64 HMAC-SHA256 of the raw body, the subscription secret as a raw string"
        ),
        sample: documented!(
            r#"{"action":"create","actor":{"email":"user-0165@example.com","id":"33500732-3b64-436f-9710-64cc569c3e4f"},"created_at":"2016-10-26T22:48:45Z","id":"7846bee9-b017-4492-9bed-34cd8327e71d","data":{"app":{"id":"d2f24bd2-399a-4868-9467-bc0ba2411cc2","name":"sample-app-0084"},"id":"25bfb830-8c4a-49e1-b0a3-831da386de90","name":"DATABASE"},"previous_data":{},"published_at":null,"resource":"addon-attachment","updated_at":"2016-10-26T22:48:45Z","webhook_metadata":{"delivery":{"id":"d244009a-670f-4340-88e9-789a4f9002d5"},"event":{"id":"7846bee9-b017-4492-9bed-34cd8327e71d","include":"api:addon-attachment"},"webhook":{"id":"b54e6a7e-d162-4bd7-ab42-1011582c19cc"}}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("heroku-webhook-hmac-sha256"),
            single("", Encoding::Base64),
        ),
    },
    Preset {
        id: "circleci",
        name: "CircleCI",
        docs: documented!("https://circleci.com/docs/webhooks/#validate-webhooks"),
        source: documented!(
            "circleci/circleci-docs 002e41a jekyll/_cci2/webhooks.adoc: circleci-signature, comma-separated versioned list, only v1 = hex HMAC-SHA256 of the body with the secret as UTF-8; four vectors"
        ),
        sample: documented!(
            r#"{"id":"3888f21b-eaa7-38e3-8f3d-75a63bba8895","type":"workflow-completed","happened_at":"2021-09-01T22:49:34.317Z","webhook":{"id":"cf8c4fdd-0587-4da1-b4ca-4846e9640af9","name":"Sample Webhook"},"project":{"id":"84996744-a854-4f5e-aea3-04e2851dc1d2","name":"webhook-service","slug":"github/circleci/webhook-service"},"workflow":{"id":"fda08377-fe7e-46b1-8992-3a7aaecac9c3","name":"build-test-deploy","stopped_at":"2021-09-01T22:49:34.170Z","status":"success"},"pipeline":{"id":"1285fe1d-d3a6-44fc-8886-8979558254c4","number":130}}"#
        ),
        handshake: None,
        spec: body_only(
            HeaderNames {
                event_type: Some("circleci-event-type"),
                ..signature_only("circleci-signature")
            },
            key_value(',', None, "v1", Encoding::Hex),
        ),
    },
    Preset {
        id: "pagerduty",
        name: "PagerDuty (v3 webhooks)",
        docs: documented!(
            "https://developer.pagerduty.com/docs/ZG9jOjExMDI5NTkz-verifying-signatures"
        ),
        source: documented!(
            "PagerDuty/go-pagerduty 142eaff webhookv3/webhookv3.go: X-PagerDuty-Signature, comma-separated `v1=<hex>` entries (others skipped), HMAC-SHA256 of the body with the secret as raw bytes, any v1 may match; vector in webhookv3/webhookv3_test.go at 3df5eb4"
        ),
        sample: documented!(
            r#"{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"id":"PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","number":2,"status":"triggered","title":"A little bump in the road","service":{"id":"PF9KMXH","summary":"API Service","type":"service_reference"},"priority":{"id":"PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high"}}}"#
        ),
        handshake: None,
        spec: body_only(
            signature_only("x-pagerduty-signature"),
            key_value(',', None, "v1", Encoding::Hex),
        ),
    },
    Preset {
        id: "vercel",
        name: "Vercel",
        docs: documented!("https://vercel.com/docs/webhooks#securing-webhooks"),
        source: documented!(
            "Vercel docs, Securing webhooks: x-vercel-signature is the HMAC-SHA1 of the raw body with the webhook secret (integration webhooks: the integration's client secret), hex; no timestamp"
        ),
        sample: documented!(
            r#"{"id":"uQ8cfyMnnTUcnCGBEiNeQKq5","type":"deployment.created","createdAt":1764547200000,"region":"iad1","payload":{"team":{"id":"team_a1b2c3d4e5f6"},"user":{"id":"usr_9z8y7x6w5v"},"deployment":{"id":"dpl_2Fh9wJxCq8VtQy3R","url":"my-app-git-main-acme.vercel.app","name":"my-app","meta":{"githubCommitRef":"main"}},"links":{"deployment":"https://vercel.com/acme/my-app/2Fh9wJxCq8VtQy3R","project":"https://vercel.com/acme/my-app"},"target":"production","project":{"id":"prj_7LmN0pQrStUv"},"plan":"pro","regions":["iad1"]}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            ..body_only(
                signature_only("x-vercel-signature"),
                single("", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "segment",
        name: "Segment (Webhooks destination)",
        docs: documented!(
            "https://segment.com/docs/connections/destinations/catalog/actions-webhook/"
        ),
        source: documented!(
            "segmentio/action-destinations 0dc437d packages/destination-actions/src/destinations/webhook/index.ts: X-Signature = hex HMAC-SHA1 of JSON.stringify(payload.data) with the shared secret; a batched request signs its first event only, so only unbatched deliveries verify"
        ),
        sample: documented!(
            r#"{"version":1,"type":"track","userId":"019mr8mf4r","event":"Order Completed","properties":{"order_id":"50314b8e9bcf000000000000","revenue":39.95,"currency":"USD"},"context":{"ip":"203.0.113.7","library":{"name":"analytics.js","version":"2.11.1"}},"messageId":"ajs-6f8a2b7c9d0e1f2a3b4c5d6e7f8a9b0c","timestamp":"2026-12-01T00:30:08.276Z"}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            ..body_only(signature_only("x-signature"), single("", Encoding::Hex))
        },
    },
    Preset {
        id: "webex",
        name: "Webex",
        docs: documented!("https://developer.webex.com/docs/receive-and-verify-webhooks"),
        source: documented!(
            "Webex for Developers blog, Using a Webhook Secret (developer.webex.com/blog/using-a-webhook-secret): X-Spark-Signature = hmac.new(secret, raw body, sha1).hexdigest(); no timestamp"
        ),
        sample: documented!(
            r#"{"id":"Y2lzY29zcGFyazovL3VzL1dFQkhPT0svZjRlNjA1NjAtNjYwMi00ZmIwLWEyNWEtOTQ5ODgxNjA5NDk3","name":"New message in 'Project Unicorn' room","resource":"messages","event":"created","filter":"roomId=Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0","orgId":"OTZhYmMyYWEtM2RjYy0xMWU1LWExNTItZmUzNDgxOWNkYzlh","ownedBy":"creator","status":"active","data":{"id":"Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk","roomId":"Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0","personEmail":"matt@example.com","created":"2026-12-01T10:00:00.000Z"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            ..body_only(
                signature_only("x-spark-signature"),
                single("", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "trello",
        name: "Trello",
        docs: documented!(
            "https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/#webhook-signatures"
        ),
        source: documented!(
            "Trello docs, Webhook Signatures: X-Trello-Webhook = base64 HMAC-SHA1 of the body followed by the callbackURL exactly as given at creation, keyed with the app's OAuth secret. Trello's signer treats the text as a binary string (each character's low byte), so a body with non-ASCII characters does not verify over its UTF-8 bytes"
        ),
        sample: documented!(
            r#"{"action":{"id":"6752f0c1a2b3c4d5e6f70812","idMemberCreator":"5f1e2d3c4b5a697887766554","type":"updateCard","date":"2026-12-01T09:14:02.118Z","data":{"card":{"id":"6752ef00a2b3c4d5e6f70700","name":"Ship the release notes","idShort":42,"shortLink":"aBcD1234"},"listBefore":{"id":"6752e1111111111111111111","name":"Doing"},"listAfter":{"id":"6752e2222222222222222222","name":"Done"},"board":{"id":"6752e0000000000000000000","name":"Roadmap","shortLink":"XyZ98765"}},"memberCreator":{"id":"5f1e2d3c4b5a697887766554","username":"alexdev","fullName":"Alex Dev"}},"model":{"id":"6752e0000000000000000000","name":"Roadmap"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            template: &BODY_URL,
            ..body_only(
                signature_only("x-trello-webhook"),
                single("", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "autodesk",
        name: "Autodesk Platform Services",
        docs: documented!(
            "https://aps.autodesk.com/en/docs/webhooks/v1/tutorials/how-to-verify-payload-signature/"
        ),
        source: documented!(
            "APS Webhooks docs, How to verify payload signature: x-adsk-signature = 'sha1hash=' + hex HMAC-SHA1 of the body with the secret token set by Create Secret Token; no timestamp"
        ),
        sample: documented!(
            r#"{"version":"1.0","resourceUrn":"urn:adsk.wipprod:dm.lineage:hC6k4hndRWaeIVhIjvHu8w","hook":{"hookId":"0f60f6a0-996c-11e7-abf3-51d68cff984c","tenant":"urn:adsk.wipprod:fs.folder:co.IwUuGP3MSYKnlX8A7Ksd3Q","callbackUrl":"https://example.com/aps/callback","createdBy":"4SRQ2XQ6CCCR","event":"dm.version.added","system":"data","scope":{"folder":"urn:adsk.wipprod:fs.folder:co.IwUuGP3MSYKnlX8A7Ksd3Q"},"status":"active"},"payload":{"name":"Bracket.ipt","version":"2","source":"urn:adsk.wipprod:fs.file:vf.hC6k4hndRWaeIVhIjvHu8w?version=2","ext":"ipt"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            ..body_only(
                signature_only("x-adsk-signature"),
                single("sha1hash=", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "mongodb-atlas",
        name: "MongoDB Atlas (alert webhooks)",
        docs: documented!("https://www.mongodb.com/docs/atlas/tutorial/webhook-integration/"),
        source: documented!(
            "MongoDB Atlas docs, Integrate with Webhooks: X-MMS-Signature = base64 HMAC-SHA1 of the request body with the Webhook Secret; X-MMS-Event (alert state) is not signed; no timestamp"
        ),
        sample: documented!(
            r#"{"id":"6752f3a1b2c3d4e5f6a7b8c9","groupId":"5e1d2c3b4a59687766554433","alertConfigId":"5e1d2c3b4a59687766554434","eventTypeName":"OUTSIDE_METRIC_THRESHOLD","status":"OPEN","created":"2026-12-01T09:20:00Z","updated":"2026-12-01T09:20:00Z","lastNotified":"2026-12-01T09:20:05Z","clusterName":"Cluster0","hostnameAndPort":"cluster0-shard-00-01.ab1cd.mongodb.net:27017","replicaSetName":"atlas-xyz-shard-0","metricName":"CONNECTIONS_PERCENT","currentValue":{"number":91.5,"units":"RAW"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            ..body_only(
                signature_only("x-mms-signature"),
                single("", Encoding::Base64),
            )
        }
        .with_headers(HeaderNames {
            signature: "x-mms-signature",
            id: None,
            timestamp: None,
            event_type: Some("x-mms-event"),
            metadata: &[],
            more_signatures: "",
            fixed: &[],
        }),
    },
    Preset {
        id: "sonatype-nexus",
        name: "Sonatype Nexus Repository",
        docs: documented!(
            "https://help.sonatype.com/en/enabling-a-repository-webhook-capability.html"
        ),
        source: documented!(
            "sonatype/nexus-public 0be75bb components/nexus-core/src/main/java/org/sonatype/nexus/internal/webhooks/WebhookServiceImpl.java: X-Nexus-Webhook-Signature = lowercase hex HmacSHA1 of the JSON body with the secret key; X-Nexus-Webhook-ID (event type) and X-Nexus-Webhook-Delivery (delivery id) are not signed"
        ),
        sample: documented!(
            r#"{"timestamp":"2026-12-01T09:30:49.664+0000","nodeId":"52905B51-085CCABB-CEBBEAAD-16795588-FC927D93","initiator":"admin/127.0.0.1","repositoryName":"npm-proxy","action":"CREATED","asset":{"id":"31c950c8eeeab78336308177ae9c441c","assetId":"bnBtLXByb3h5OjMxYzk1MGM4ZWVlYWI3ODMzNjMwODE3N2FlOWM0NDFj","format":"npm","name":"concrete"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha1,
            ..body_only(
                signature_only("x-nexus-webhook-signature"),
                single("", Encoding::Hex),
            )
        }
        .with_headers(HeaderNames {
            signature: "x-nexus-webhook-signature",
            id: Some("x-nexus-webhook-delivery"),
            timestamp: None,
            event_type: Some("x-nexus-webhook-id"),
            metadata: &[],
            more_signatures: "",
            fixed: &[],
        }),
    },
    Preset {
        id: "terraform-cloud",
        name: "HCP Terraform (Terraform Cloud) notifications",
        docs: documented!(
            "https://developer.hashicorp.com/terraform/cloud-docs/api-docs/notification-configurations#notification-authenticity"
        ),
        source: documented!(
            "hashicorp/web-unified-docs 54d38f4 content/terraform-docs-common/docs/cloud-docs/api-docs/notification-configurations.mdx: X-TFE-Notification-Signature = OpenSSL::HMAC.hexdigest(sha512, token, body) on generic notifications; no timestamp"
        ),
        sample: documented!(
            r#"{"payload_version":1,"notification_configuration_id":"nc-AeUQ2zfKZzW9TiGZ","run_url":"https://app.terraform.io/app/acme-org/my-workspace/runs/run-FwnENkvDnrpyFC7M","run_id":"run-FwnENkvDnrpyFC7M","run_message":"Add five new queue workers","run_created_at":"2026-12-01T18:34:00.000Z","run_created_by":"sample-user","workspace_id":"ws-XdeUVMWShTesDMME","workspace_name":"my-workspace","organization_name":"acme-org","notifications":[{"message":"Run Canceled","trigger":"run:errored","run_status":"canceled","run_updated_at":"2026-12-01T18:37:04.000Z","run_updated_by":"sample-user"}]}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::HmacSha512,
            ..body_only(
                signature_only("x-tfe-notification-signature"),
                single("", Encoding::Hex),
            )
        },
    },
    Preset {
        id: "chargebee",
        name: "Chargebee",
        docs: documented!("https://www.chargebee.com/docs/webhook_settings.html"),
        source: documented!(
            "Chargebee docs, Webhook Settings (\"Protect webhook URL with basic authentication\", Username and Password) and API docs, Create a webhook endpoint (basic_auth_username/password): HTTP Basic credentials, no signature. The secret is `user:password`"
        ),
        sample: documented!(
            r#"{"id":"ev_16BPgETyVrQbiGhA","occurred_at":1764580800,"source":"admin_console","user":"full_access_key_v1","object":"event","api_version":"v2","content":{"subscription":{"id":"16BPgETyVrQVHGh1","customer_id":"16BPgETyVrQVHGh1","status":"active","billing_period":1,"billing_period_unit":"month","currency_code":"USD","created_at":1764580799,"object":"subscription"}},"event_type":"subscription_created","webhook_status":"scheduled"}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(
                signature_only("authorization"),
                single("Basic ", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "pipedrive",
        name: "Pipedrive",
        docs: documented!("https://pipedrive.readme.io/docs/guide-for-webhooks"),
        source: documented!(
            "Pipedrive API reference, Webhooks (developers.pipedrive.com/docs/api/v1/Webhooks): http_auth_user / http_auth_password are the HTTP Basic credentials sent to the subscription URL; no signature. The secret is `user:password`"
        ),
        sample: documented!(
            r#"{"data":{"id":1234,"title":"Acme renewal","status":"open","value":12000,"currency":"EUR","stage_id":2,"pipeline_id":1,"owner_id":987654,"add_time":"2026-12-01T09:40:00Z","update_time":"2026-12-01T09:40:00Z"},"previous":null,"meta":{"action":"create","entity":"deal","entity_id":"1234","company_id":"11223344","correlation_id":"9f1c2d3e-4b5a-6978-8877-665544332211","id":"2b7c1a90-5d4e-4f3a-9b8c-7d6e5f4a3b2c","timestamp":"2026-12-01T09:40:00.412Z","type":"general","user_id":"987654","version":"2.0","webhook_id":"445566"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(
                signature_only("authorization"),
                single("Basic ", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "okta",
        name: "Okta Event Hooks",
        docs: documented!("https://developer.okta.com/docs/concepts/event-hooks/"),
        source: documented!(
            "Okta docs, Event hooks and Create an event hook (help.okta.com): the Authentication field/secret is a header and value Okta sends as they are (usually Authorization); no signature. The secret is the whole header value. Endpoint verification is a one-time GET carrying X-Okta-Verification-Challenge, answered with {\"verification\": <value>}"
        ),
        sample: documented!(
            r#"{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","cloudEventsVersion":"0.1","source":"https://example.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g7","eventId":"b5a188b9-5ece-4636-b041-482ffda96311","data":{"events":[{"uuid":"3cd2b1a0-cf9e-11f0-9c6e-2f3b1d7a6e01","published":"2026-12-01T09:50:12.377Z","eventType":"user.lifecycle.create","version":"0","displayMessage":"Create Okta user","severity":"INFO","actor":{"id":"00u1a2b3c4D5e6F7g8h9","type":"User","alternateId":"admin@example.com","displayName":"Admin"},"outcome":{"result":"SUCCESS"}}]},"eventTime":"2026-12-01T09:50:13.000Z","contentType":"application/json"}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(signature_only("authorization"), single("", Encoding::Raw))
        },
    },
    Preset {
        id: "deepgram",
        name: "Deepgram callbacks",
        docs: documented!(
            "https://developers.deepgram.com/docs/callback#authenticating-callback-requests"
        ),
        source: documented!(
            "Deepgram docs, STT Callback and changelog 2026-10-27: dg-token is no longer supported; credentials embedded in the callback URL (https://user:pass@host/...) are sent as HTTP Basic. The secret is `user:password`"
        ),
        sample: documented!(
            r#"{"metadata":{"transaction_key":"deprecated","request_id":"5a7c6e3b-1f2d-4c8a-9e0b-7d6c5b4a3f21","sha256":"4b1c6d2e8f3a9b0c7d5e1f2a3b4c6d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8","created":"2026-12-01T09:55:00.000Z","duration":3.2,"channels":1,"models":["1ed36bac-f71c-4f3f-a31f-02fd6525c489"]},"results":{"channels":[{"alternatives":[{"transcript":"hello and welcome to the weekly sync","confidence":0.98}]}]}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(
                signature_only("authorization"),
                single("Basic ", Encoding::Base64),
            )
        },
    },
    Preset {
        id: "telegram",
        name: "Telegram Bot API",
        docs: documented!("https://core.telegram.org/bots/api#setwebhook"),
        source: documented!(
            "Telegram Bot API, setWebhook: the secret_token (1-256 of A-Z a-z 0-9 _ -) is sent as it is in X-Telegram-Bot-Api-Secret-Token; no signature"
        ),
        sample: documented!(
            r#"{"update_id":10000,"message":{"message_id":1365,"from":{"id":1111111,"is_bot":false,"first_name":"Test","username":"Test"},"chat":{"id":1111111,"first_name":"Test","username":"Test","type":"private"},"date":1764583200,"text":"/start"}}"#
        ),
        handshake: None,
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(
                signature_only("x-telegram-bot-api-secret-token"),
                single("", Encoding::Raw),
            )
        },
    },
    Preset {
        id: "openai",
        name: "OpenAI",
        docs: documented!(
            "https://developers.openai.com/api/reference/resources/webhooks/methods/unwrap/"
        ),
        source: documented!(
            "openai/openai-node 7b7d6ca src/resources/webhooks/webhooks.ts and src/lib/webhook-signature.ts: webhook-id/-timestamp/-signature, `{id}.{ts}.{body}`, `v1,<base64>` list, `whsec_` + base64 secret, 300 s both ways; vector in tests/api-resources/webhooks.test.ts"
        ),
        sample: documented!(
            r#"{"id": "evt_685c059ae3a481909bdc86819b066fb6", "object": "event", "created_at": 1750861210, "type": "response.completed", "data": {"id": "resp_123"}}"#
        ),
        handshake: None,
        spec: STANDARD_WEBHOOKS_SPEC,
    },
    Preset {
        id: "replicate",
        name: "Replicate",
        docs: documented!("https://replicate.com/docs/topics/webhooks/verify-webhook"),
        source: documented!(
            "replicate/replicate-javascript 2fd6f39 lib/util.js (validateWebhook): webhook-id/-timestamp/-signature, `{id}.{ts}.{body}`, `v1,<base64>` list, `whsec_` + base64 secret; the SDK checks no window (hookseal: 300 s both ways); index.test.ts reuses the Svix/Standard Webhooks vector"
        ),
        sample: documented!(
            r#"{"id":"ufawqhfynnddngldkgtslldrkq","version":"5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa","created_at":"2022-04-26T22:13:06.224088Z","started_at":"2022-04-26T22:13:06.450000Z","completed_at":"2022-04-26T22:13:08.100000Z","status":"succeeded","input":{"text":"Alice"},"output":"hello Alice","error":null,"logs":"","metrics":{"predict_time":1.65}}"#
        ),
        handshake: None,
        spec: STANDARD_WEBHOOKS_SPEC,
    },
    Preset {
        id: "clerk",
        name: "Clerk",
        docs: documented!("https://clerk.com/docs/reference/backend/verify-webhook"),
        source: documented!(
            "clerk/javascript e21ae9a packages/backend/src/webhooks.ts (verifyWebhook): svix-id/-timestamp/-signature mapped onto `standardwebhooks` (`whsec_` + base64 secret, 300 s both ways)"
        ),
        sample: documented!(
            r#"{"data":{"id":"user_29w83sxmDNGwOuEthce5gg56FcC","object":"user","first_name":"Example","last_name":"Example","primary_email_address_id":"idn_29w83yL7CwVlJXylYLxcslromF1","created_at":1654012591514,"updated_at":1654012591835},"object":"event","type":"user.created","timestamp":1654012591835,"instance_id":"ins_123"}"#
        ),
        handshake: None,
        spec: SVIX_SPEC,
    },
    Preset {
        id: "resend",
        name: "Resend",
        docs: documented!("https://resend.com/docs/webhooks/verify-webhooks-requests"),
        source: documented!(
            "resend/resend-node 3f67459 src/webhooks/webhooks.ts: `standardwebhooks` Webhook(secret).verify over the svix-id/-timestamp/-signature values (docs), `whsec_` + base64 secret, 300 s both ways"
        ),
        sample: documented!(
            r#"{"type":"email.sent","created_at":"2024-02-22T23:41:12.126Z","data":{"created_at":"2024-02-22T23:41:11.894719+00:00","email_id":"56761188-7520-42d8-8898-ff6fc54ce618","from":"Acme <onboarding@resend.dev>","to":["delivered@resend.dev"],"subject":"Sending this example"}}"#
        ),
        handshake: None,
        spec: SVIX_SPEC,
    },
    Preset {
        id: "polar",
        name: "Polar",
        docs: documented!("https://docs.polar.sh/integrate/webhooks/delivery"),
        source: documented!(
            "polarsource/polar-js 7b70884 src/webhooks.ts (validateEvent): the secret's UTF-8 bytes are the HMAC key (base64-encoded, then handed to `standardwebhooks`); webhook-* headers, `{id}.{ts}.{body}`, `v1,<base64>` list, 300 s both ways"
        ),
        sample: documented!(
            r#"{"type":"order.paid","timestamp":"2025-03-01T14:00:00.000000Z","data":{"id":"b2c5a5e4-8f1d-4c5e-9a3b-0d6f2e7c1a90","created_at":"2025-03-01T13:59:58.000000Z","status":"paid","currency":"usd","total_amount":2000,"billing_reason":"purchase","customer_id":"7f0e3c2d-1b4a-4e5f-8c6d-9a0b1c2d3e4f","product_id":"3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d"}}"#
        ),
        handshake: None,
        spec: Spec {
            secret_format: SecretFormat::Utf8,
            ..STANDARD_WEBHOOKS_SPEC
        },
    },
    Preset {
        id: "supabase",
        name: "Supabase Auth Hooks",
        docs: documented!("https://supabase.com/docs/guides/auth/auth-hooks"),
        source: documented!(
            "supabase/auth bc32168 internal/hooks/hookshttp/hookshttp.go (`standardwebhooks` Go Sign, webhook-id/-timestamp/-signature) and supabase/supabase 03ad4f6 apps/docs/content/guides/auth/auth-hooks/before-user-created-hook.mdx: secret `v1,whsec_<base64>`, pass it without `v1,`"
        ),
        sample: documented!(
            r#"{"metadata":{"uuid":"8b34dcdd-9df1-4c10-850a-b3277c653040","time":"2025-04-29T13:13:24.755552-07:00","name":"before-user-created","ip_address":"127.0.0.1"},"user":{"id":"ff7fc9ae-3b1b-4642-9241-64adb9848a03","aud":"authenticated","role":"","email":"valid.email@supabase.com","phone":"","app_metadata":{"provider":"email","providers":["email"]},"user_metadata":{},"identities":[],"created_at":"0001-01-01T00:00:00Z","updated_at":"0001-01-01T00:00:00Z","is_anonymous":false}}"#
        ),
        handshake: None,
        spec: STANDARD_WEBHOOKS_SPEC,
    },
    Preset {
        id: "stytch",
        name: "Stytch",
        docs: documented!("https://stytch.com/docs/b2b/guides/webhooks"),
        source: documented!(
            "Stytch docs, Webhooks: \"powered through Svix\", verify with the Svix libraries or manually per docs.svix.com (svix-id/-timestamp/-signature, `whsec_` + base64 secret, 300 s both ways)"
        ),
        sample: documented!(
            r#"{"project_id":"project-live-c60c0abe-c25a-4472-a9ed-320c6667d317","event_id":"event-live-2d6e0f3a-6b1c-4f5d-8e9a-7c0b1d2e3f4a","action":"CREATE","object_type":"organization","source":"DASHBOARD","id":"organization-live-07e3a2b1-5c4d-4e6f-8a9b-0c1d2e3f4a5b","timestamp":"2024-03-01T14:00:00Z","organization":{"organization_id":"organization-live-07e3a2b1-5c4d-4e6f-8a9b-0c1d2e3f4a5b","organization_name":"Example Org","organization_slug":"example-org"}}"#
        ),
        handshake: None,
        spec: SVIX_SPEC,
    },
    Preset {
        id: "lithic",
        name: "Lithic",
        docs: documented!("https://docs.lithic.com/docs/events-api"),
        source: documented!(
            "lithic-com/lithic-node 22be597 src/resources/webhooks.ts and lithic-com/lithic-go e6232c6 webhook.go: `standardwebhooks` verify over webhook-id/-timestamp/-signature, `whsec_` + base64 secret, 300 s both ways; vector in lithic-go webhook_test.go at 7f07ce0"
        ),
        sample: documented!(
            r#"{"event_type":"account_holder.created","token":"00000000-0000-0000-0000-000000000001","account_token":"00000000-0000-0000-0000-000000000001","created":"2019-12-27T18:11:19.117Z","required_documents":[],"status":"ACCEPTED","status_reason":[]}"#
        ),
        handshake: None,
        spec: STANDARD_WEBHOOKS_SPEC,
    },
    Preset {
        id: "incident-io",
        name: "incident.io",
        docs: documented!("https://docs.incident.io/api-reference/webhooks"),
        source: documented!(
            "incident.io docs, Verifying webhooks: \"powered by Svix\", webhook-id/-timestamp/-signature, HMAC of `$WEBHOOK_ID.$WEBHOOK_TIMESTAMP.$REQUEST_BODY`, verify with the Svix libraries (`whsec_` + base64 secret, 300 s both ways)"
        ),
        sample: documented!(
            r#"{"event_type":"public_incident.incident_created_v2","public_incident.incident_created_v2":{"id":"01FDAG4SAP5TYPT98WGR2N7W91","name":"Our database is sad","reference":"INC-123","incident_status":{"category":"triage","name":"Triage"},"severity":{"name":"Minor","rank":1},"visibility":"public","created_at":"2024-03-01T14:00:00Z","permalink":"https://app.incident.io/incidents/123"}}"#
        ),
        handshake: None,
        spec: STANDARD_WEBHOOKS_SPEC,
    },
    Preset {
        id: "render",
        name: "Render",
        docs: documented!("https://render.com/docs/webhooks"),
        source: documented!(
            "render-examples/webhook-receiver 128a764 app.ts (the docs' \"Basic webhook logger\"): `standardwebhooks` Webhook(RENDER_WEBHOOK_SECRET).verify over webhook-id/-timestamp/-signature (`whsec_` + base64 secret, 300 s both ways)"
        ),
        sample: documented!(
            r#"{"type":"deploy_ended","timestamp":"2025-03-01T14:00:00.000000Z","data":{"id":"evj-cukouhrtq21c73e9scng","serviceId":"srv-cukouhrtq21c73e9scn0","serviceName":"my-web-service","status":"succeeded"}}"#
        ),
        handshake: None,
        spec: STANDARD_WEBHOOKS_SPEC,
    },
    Preset {
        id: "gitlab-signing-token",
        name: "GitLab (signing token)",
        docs: documented!(
            "https://docs.gitlab.com/user/project/integrations/webhooks/#signing-tokens"
        ),
        source: documented!(
            "gitlab-org/gitlab MR 230944 (webhook-signature `v1,<base64>` HMAC-SHA256 over `{webhook-id}.{timestamp}.{body}`, webhook-id = Idempotency-Key) and MR 231325 (signing_token `whsec_<base64>` of a 32-byte key); GitLab checks no window (hookseal: 300 s both ways)"
        ),
        sample: documented!(
            r#"{"object_kind":"push","event_name":"push","before":"95790bf891e76fee5e1747ab589903a6a1f80f22","after":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","ref":"refs/heads/master","user_name":"John Smith","user_username":"jsmith","project_id":15,"project":{"id":15,"name":"Diaspora","path_with_namespace":"mike/diaspora","default_branch":"master"},"commits":[],"total_commits_count":0}"#
        ),
        handshake: None,
        spec: STANDARD_WEBHOOKS_SPEC.with_metadata(&[
            "x-gitlab-event",
            "x-gitlab-event-uuid",
            "x-gitlab-webhook-uuid",
            "idempotency-key",
        ]),
    },
    Preset {
        id: "airwallex",
        name: "Airwallex",
        docs: documented!(
            "https://www.airwallex.com/docs/developer-tools__listen-for-webhook-events"
        ),
        source: documented!(
            "airwallex/paymentacceptance-plugin-woocommerce 29407a4 includes/Services/WebhookService.php and airwallex/paymentacceptance-plugin-magento 49de748 Model/Webhook/Webhook.php: x-signature = hex HMAC-SHA256(secret as UTF-8, x-timestamp + body), x-timestamp in ms (docs); no window checked, so 300 s both ways (the timestamp touches the body)"
        ),
        sample: documented!(
            r#"{"id":"evt_hkdmr9qq7g1hwh2xcnh","name":"payment_intent.succeeded","account_id":"acct_7pkC3Bq9P6S0mF1ZEnXUpw","data":{"object":{"id":"int_hkdmr9qq7g1hwh2xc0z","amount":100.0,"currency":"USD","merchant_order_id":"order-1001","status":"SUCCEEDED","created_at":"2024-03-01T14:00:00+0000"}},"created_at":"2024-03-01T14:00:05+0000"}"#
        ),
        handshake: None,
        spec: Spec {
            timestamp_format: TimestampFormat::Milliseconds,
            ..timestamped(
                "x-signature",
                "x-timestamp",
                single("", Encoding::Hex),
                &TIMESTAMP_BODY,
            )
        },
    },
];

#[cfg(test)]
mod tests {
    use super::PRESETS;
    use crate::scheme::{Part, TimestampFormat};

    /// A timestamp of digits that touches another field with nothing between could take
    /// digits from it or give it some, and still verify; checking both directions makes every
    /// such move land far outside the tolerance (a digit more or less is a factor of ten).
    #[test]
    fn a_timestamp_touching_another_field_is_checked_both_ways() {
        for preset in &PRESETS {
            let spec = preset.spec;
            let touching = spec.template.windows(2).any(|pair| {
                matches!(pair, [Part::Timestamp, next] | [next, Part::Timestamp]
                    if !matches!(next, Part::Literal(_)))
            });
            if touching && spec.timestamp_format != TimestampFormat::Rfc3339 {
                assert!(spec.rejects_future_timestamps, "{}", preset.id);
            }
        }
    }

    #[test]
    fn ids_are_unique_lowercase_kebab_case() {
        for (index, preset) in PRESETS.iter().enumerate() {
            assert!(
                preset
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                preset.id
            );
            assert!(
                PRESETS
                    .iter()
                    .skip(index + 1)
                    .all(|other| other.id != preset.id)
            );
        }
    }
}
