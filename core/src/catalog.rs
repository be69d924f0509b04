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
    pub fn docs(&self) -> &'static str {
        self.docs
    }

    /// Where the facts of this entry were confirmed: the provider's SDK file or documentation.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// A sample event body as the provider sends it (from its documentation, trimmed), for
    /// demos, the playground and tests.
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
    docs: "https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md",
    source: "standard-webhooks/standard-webhooks spec/standard-webhooks.md and libraries/: `{id}.{timestamp}.{body}`, `v1,<base64>` list, `whsec_` + base64 secret, 5 minutes",
    sample: r#"{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485","type":"contact"}}"#,
    handshake: None,
    spec: STANDARD_WEBHOOKS_SPEC,
};

pub(crate) static SVIX: Preset = Preset {
    id: "svix",
    name: "Svix",
    docs: "https://docs.svix.com/receiving/verifying-payloads/how-manual",
    source: "svix/svix-webhooks javascript/src/webhook.ts: Standard Webhooks with `svix-id`, `svix-timestamp`, `svix-signature`",
    sample: r#"{"type":"invoice.paid","data":{"id":"invoice_WF7WtCLFFtd8ubcTgboSFNql","status":"paid","attempt":2}}"#,
    handshake: None,
    spec: SVIX_SPEC,
};

pub(crate) static SEPTICCYCLE: Preset = Preset {
    id: "septiccycle",
    name: "SepticCycle",
    docs: "https://github.com/hookseal/hookseal/tree/main/tests/fixtures/septiccycle",
    source: "SepticCycle's webhook document (the project's seeds): `X-SepticCycle-Signature: <hex>` HMAC-SHA256 of the body",
    sample: r#"{"event":"job.completed","data":{"job_id":"job_8Q2","site":"1138 Elm Road","gallons_pumped":1000}}"#,
    handshake: None,
    spec: body_only(
        signature_only("x-septiccycle-signature"),
        single("", Encoding::Hex),
    ),
};

pub(crate) static X_WEBHOOK_SIGNATURE: Preset = Preset {
    id: "x-webhook-signature",
    name: "X-Webhook-Signature (sha256=)",
    docs: "https://github.com/hookseal/hookseal/tree/main/tests/fixtures/job-events",
    source: "The job events' webhook document (the project's seeds): `X-Webhook-Signature: sha256=<hex>` over the body, `X-Webhook-Event` unsigned",
    sample: r#"{"event":"job.updated","data":{"id":"job_123","status":"running"}}"#,
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
    docs: "https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries",
    source: "octokit/webhooks-methods.js src/node/verify.ts and GitHub's docs: `X-Hub-Signature-256: sha256=<hex>` HMAC-SHA256 of the body; delivery id and event headers unsigned",
    sample: r#"{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","repository":{"id":1296269,"full_name":"octocat/Hello-World"},"pusher":{"name":"octocat"}}"#,
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
    docs: "https://docs.stripe.com/webhooks#verify-manually",
    source: "stripe/stripe-node src/Webhooks.ts: `Stripe-Signature: t=<unix>,v1=<hex>` over `{t}.{body}`, the whole `whsec_` string as key, 300 s, old timestamps only",
    sample: r#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","api_version":"2022-11-15","created":1686089970,"type":"customer.created","data":{"object":{"id":"cus_9s6XKzkNRiz8i3","object":"customer"}}}"#,
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
    docs: "https://docs.slack.dev/authentication/verifying-requests-from-slack",
    source: "slackapi/python-slack-sdk slack_sdk/signature/__init__.py and Slack's docs: `v0=<hex>` over `v0:{timestamp}:{body}`, 5 minutes",
    sample: r#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T061EG9RZ","api_app_id":"A0FFV41KK","event":{"type":"app_mention","user":"U061F7AUR","text":"is it everything a river should be?","ts":"1515449522.000016","channel":"C0LAN2Q65"},"type":"event_callback","event_id":"Ev0LAN670R","event_time":1515449522}"#,
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
    docs: "https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify",
    source: "Shopify/shopify-app-js packages/apps/shopify-api/lib/webhooks/validate.ts: `X-Shopify-Hmac-Sha256: <base64>` HMAC-SHA256 of the body; webhook id and topic unsigned",
    sample: r#"{"id":820982911946154508,"email":"jon@example.com","created_at":"2021-12-31T19:00:00-05:00","total_price":"199.00","currency":"USD","financial_status":"paid"}"#,
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
pub(crate) static PRESETS: [Preset; 23] = [
    Preset {
        id: "paddle",
        name: "Paddle Billing",
        docs: "https://developer.paddle.com/webhooks/signature-verification",
        source: "PaddleHQ/paddle-node-sdk b8ee4b1 src/notifications/helpers/webhooks-validator.ts: `ts=…;h1=…`, `{ts}:{body}`, 5 s, old timestamps only",
        sample: r#"{"event_id":"evt_01hv8x2acma2gz2hd9j7qq0c2q","event_type":"transaction.paid","occurred_at":"2024-04-12T10:18:49.621022Z","notification_id":"ntf_01hv8x2af2v8xbv4kw0dbp9nqq","data":{"id":"txn_01hv8wptq8987qeep44cyrewp9","status":"paid","currency_code":"USD"}}"#,
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
        docs: "https://mux.com/docs/core/verify-webhook-signatures",
        source: "muxinc/mux-node-sdk 89eff08 src/resources/webhooks/webhooks.ts; vectors in tests/api-resources/webhooks.test.ts at 28c52da",
        sample: r#"{"type":"video.asset.ready","object":{"type":"asset","id":"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002"},"id":"3a56ac3d-33da-4366-855b-f592d898409d","environment":{"name":"Production","id":"j0863n"},"data":{"status":"ready","playback_ids":[{"policy":"public","id":"uNbxnGLKJ00yfbijDO8COxTOyVKT01xpxW"}]}}"#,
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
        docs: "https://www.sanity.io/docs/webhooks",
        source: "sanity-io/webhook-toolkit 649f5ad src/signature.ts: `t=<ms>,v1=<base64url>`, `{t}.{body}`; the toolkit checks no window",
        sample: r#"{"_id":"movie_10681","_type":"movie","_rev":"Ei9DzAaI3L1d0nQZhC3ZQi","title":"WALL-E","releaseDate":"2008-06-27"}"#,
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
        docs: "https://developer.zendesk.com/documentation/webhooks/verifying/",
        source: "Zendesk docs (current revision): base64(HMAC-SHA256(TIMESTAMP + BODY)), RFC 3339 timestamp, no window given. An older revision of the page says BODY + TIMESTAMP",
        sample: r#"{"type":"zen:event-type:ticket.created","account_id":22129848,"id":"cbe4028c-7239-495d-b020-f22348516046","time":"2021-07-25T10:00:00Z","zendesk_event_version":"2022-11-06","subject":"zen:ticket:35436","detail":{"id":"35436","status":"NEW","subject":"Help, my printer is on fire!"}}"#,
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
        docs: "https://developers.webflow.com/data/docs/working-with-webhooks#validating-request-signatures",
        source: "webflow/js-webflow-api 31e9cf3 src/wrapper/WebhooksClient.ts (`{ts}:{body}`, hex); the 5 minutes, old timestamps only, are the docs'",
        sample: r#"{"triggerType":"form_submission","payload":{"name":"Contact Form","siteId":"62749158efef318abc8d5a0f","data":{"email":"jane@example.com"},"submittedAt":"2022-09-14T12:35:16.117Z","id":"6321ca84df3949bfc6752327"}}"#,
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
        docs: "https://developer.box.com/guides/webhooks/v2/signatures-v2",
        source: "box/box-typescript-sdk-gen 1a16c5b src/managers/webhooks.generated.ts and box/box-node-sdk 7dcf9c2 src/managers/webhooks.ts: `{body}{ts}`, base64, primary and secondary signatures, 600 s",
        sample: r#"{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}"#,
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
        docs: "https://paystack.com/docs/payments/webhooks/#verify-event-origin",
        source: "PaystackOSS/doc-code-snippets 94af513 src/doc/payments/webhooks/verifying-transaction: HMAC-SHA512 of the body, hex, the secret API key",
        sample: r#"{"event":"charge.success","data":{"id":302961,"domain":"live","status":"success","reference":"qTPrJoy9Bx","amount":10000,"currency":"NGN","paid_at":"2016-09-30T21:10:19.000Z"}}"#,
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
        docs: "https://developers.hubspot.com/docs/faq/v1-request-validation",
        source: "HubSpot/hubspot-api-nodejs 395cd9b src/utils/signature.ts: SHA-256(client secret + body), hex",
        sample: r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#,
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
        docs: "https://developers.hubspot.com/docs/faq/v2-request-validation",
        source: "HubSpot/hubspot-api-nodejs 395cd9b src/utils/signature.ts: SHA-256(client secret + method + URI + body), hex",
        sample: r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#,
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
        docs: "https://developers.hubspot.com/docs/api/webhooks/validating-requests",
        source: "HubSpot/hubspot-api-nodejs 395cd9b src/utils/signature.ts and hubspot-api-python a2a528a hubspot/utils/signature.py: HMAC-SHA256(method + URI + body + timestamp), base64, ms, 5 minutes; the URI as given. The SDKs reject only old timestamps; hookseal checks both ways, since the timestamp touches the URL and body (a URL's last digits could move into a far-future timestamp)",
        sample: r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,"propertyName":"email","propertyValue":"jane@example.com","changeSource":"CRM","appId":54321}]"#,
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
        docs: "https://developer.squareup.com/docs/webhooks/step3validate",
        source: "square/square-nodejs-sdk c58c6e0 src/wrapper/WebhooksHelper.ts: HMAC-SHA256(notification URL + body), base64",
        sample: r#"{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}"#,
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
        docs: "https://www.twilio.com/docs/usage/webhooks/webhooks-security",
        source: "twilio/twilio-python 306691e twilio/request_validator.py and twilio/twilio-node 45d3d65 src/webhooks/webhooks.ts: HMAC-SHA1(URL + sorted form params), base64, bodySHA256 for JSON, the URL with or without its default port",
        sample: "AccountSid=AC0123456789abcdef0123456789abcdef&CallSid=CA1234567890ABCDE&CallStatus=ringing&Caller=%2B14158675310&Digits=1234&From=%2B14158675310&To=%2B18005551212",
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
        docs: "https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks",
        source: "Mailgun docs, Securing webhooks: HMAC-SHA256(timestamp + token), hex, all three in the body's `signature` object; the event data is not signed",
        sample: r#"{"signature":{"timestamp":"1529006854","token":"a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0","signature":"d2271d12299f6592d9d44cd9d250f0704e4674c30d79d07c47a66f95ce71cf55"},"event-data":{"event":"opened","timestamp":1529006854.329574,"id":"DACSsAdVSeGpLid7TN03WA"}}"#,
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
        docs: "https://linear.app/developers/webhooks#securing-webhooks",
        source: "linear/linear 8335e09 packages/sdk/src/webhooks/client.ts: HMAC-SHA256 of the body, hex, `webhookTimestamp` (ms) in the body within 60 s both ways",
        sample: r#"{"action":"create","type":"Issue","data":{"id":"2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9","title":"Fix the login page","priority":2},"url":"https://linear.app/issue/LIN-1778/fix-the-login-page","createdAt":"2025-01-01T10:00:00.000Z","webhookTimestamp":1735725600000}"#,
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
        docs: "https://discord.com/developers/docs/interactions/receiving-and-responding#security-and-authorization",
        source: "discord/discord-interactions-js ed17947 src/index.ts (verifyKey): Ed25519 over timestamp + body, hex signature, hex public key; the SDK checks no window",
        sample: r#"{"application_id":"123456789012345678","type":1,"version":1,"token":"A_UNIQUE_TOKEN","id":"786008729715212338"}"#,
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
        docs: "https://developers.telnyx.com/docs/development/api-fundamentals/webhooks",
        source: "team-telnyx/telnyx-node b9b12ca src/lib/webhooks.ts: Ed25519 over `{ts}|{body}`, base64 signature and public key, 300 s both ways",
        sample: r#"{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2024-01-15T20:16:07.588+00:00","payload":{"direction":"inbound","text":"Hello","type":"SMS"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}"#,
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
        docs: "https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features",
        source: "sendgrid/sendgrid-nodejs 498e232 packages/eventwebhook/src/eventwebhook.js: ECDSA P-256 / SHA-256 over timestamp + body, base64 DER signature, base64 DER public key; the SDK checks no window",
        sample: r#"[{"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"delivered","category":"cat facts","sg_event_id":"sg_event_id","sg_message_id":"sg_message_id"}]"#,
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
        docs: "https://docs.gitlab.com/ee/user/project/integrations/webhooks.html#validate-payloads-by-using-a-secret-token",
        source: "GitLab docs: the secret token sent as it is in X-Gitlab-Token; it signs nothing (GitLab's signing tokens are Standard Webhooks: use `standard-webhooks`)",
        sample: r#"{"object_kind":"push","event_name":"push","before":"95790bf891e76fee5e1747ab589903a6a1f80f22","after":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","ref":"refs/heads/main","project":{"id":15,"path_with_namespace":"mike/diaspora"}}"#,
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
        docs: "https://postmarkapp.com/developer/webhooks/webhooks-overview",
        source: "Postmark docs, Protecting your webhook: HTTP Basic credentials set in the webhook URL; no signature. The secret is `user:password`",
        sample: r#"{"RecordType":"Delivery","ServerID":23,"MessageStream":"outbound","MessageID":"00000000-0000-0000-0000-000000000000","Recipient":"john@example.com","Tag":"welcome-email","DeliveredAt":"2019-11-05T16:33:54.9070259Z"}"#,
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
        docs: "https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events",
        source: "zoom/webhook-sample 1d39364 index.js and Zoom's docs (Verify webhook events, Validate your webhook endpoint): `x-zm-signature: v0=<hex>` over `v0:{x-zm-request-timestamp}:{body}`, the secret token as key, no window given; the `endpoint.url_validation` event, itself signed, answered with the plainToken and its HMAC-SHA256, hex",
        sample: r#"{"event":"meeting.started","payload":{"account_id":"AAAAAABBBB","object":{"id":"1234567890","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting","type":2,"start_time":"2021-07-13T21:44:51Z","timezone":"America/Los_Angeles","duration":60}},"event_ts":1626230691572}"#,
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
        docs: "https://developers.facebook.com/docs/graph-api/webhooks/getting-started",
        source: "Meta's Graph API webhooks docs (Verification Requests, Validating Payloads): `X-Hub-Signature-256: sha256=<hex>` HMAC-SHA256 of the body with the app secret; a GET with `hub.mode=subscribe`, `hub.challenge` and the verify token the app owner chose, answered with the challenge",
        sample: r#"{"entry":[{"time":1520383571,"changes":[{"field":"photos","value":{"verb":"update","object_id":"10211885744794461"}}],"id":"10210299214172187","uid":"10210299214172187"}],"object":"user"}"#,
        handshake: Some(Handshake::MetaVerifyToken),
        spec: body_only(
            signature_only("x-hub-signature-256"),
            single("sha256=", Encoding::Hex),
        ),
    },
    Preset {
        id: "whatsapp",
        name: "WhatsApp Business Platform",
        docs: "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint",
        source: "Meta's WhatsApp docs (Create a webhook endpoint) and Graph API webhooks docs: Meta's scheme, `X-Hub-Signature-256: sha256=<hex>` HMAC-SHA256 of the body with the app secret; the same verification GET with the verify token",
        sample: r#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}"#,
        handshake: Some(Handshake::MetaVerifyToken),
        spec: body_only(
            signature_only("x-hub-signature-256"),
            single("sha256=", Encoding::Hex),
        ),
    },
    Preset {
        id: "twitter",
        name: "X (Twitter) Account Activity",
        docs: "https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks",
        source: "X's docs, Securing webhooks and the webhooks quickstart: `x-twitter-webhooks-signature: sha256=<base64>` HMAC-SHA256 of the body with the consumer secret; the challenge-response check, a GET with `crc_token`, answered with `sha256=` + base64 HMAC-SHA256 of it",
        sample: r#"{"for_user_id":"2244994945","favorite_events":[{"id":"a7ba59eab0bfcba386f7acedac279542","created_at":"Mon Mar 26 16:33:26 +0000 2018","timestamp_ms":1522082006140,"favorited_status":{"id_str":"978318585393262592","text":"Hello, world!","user":{"id_str":"2244994945","screen_name":"TwitterDev"}},"user":{"id_str":"4058526734","screen_name":"FloofDev"}}]}"#,
        handshake: Some(Handshake::TwitterCrc),
        spec: body_only(
            signature_only("x-twitter-webhooks-signature"),
            single("sha256=", Encoding::Base64),
        ),
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
