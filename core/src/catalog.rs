//! The provider catalog: each provider's scheme as data, with where every fact came from.
//!
//! An entry says how the provider signs (headers, framing, signed content, algorithm, key
//! format, timestamp and tolerance) in the same vocabulary a custom scheme uses. Tolerances
//! follow the provider's own SDK, one-sided where the SDK only rejects old timestamps; where
//! the provider checks none, hookseal still checks its default 300 s both ways (say
//! `tolerance_seconds` to change it).

use crate::scheme::{
    Algorithm, BodyFields, Encoding, HeaderNames, Part, SecretFormat, SignatureFormat, Spec,
    TimestampFormat, body_only, key_value, lit, signature_only, single,
};

/// A provider's scheme as that provider signs, with its documentation and provenance.
#[derive(Debug)]
pub struct Preset {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) docs: &'static str,
    pub(crate) source: &'static str,
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

/// Every preset, by id.
pub(crate) static PRESETS: [Preset; 19] = [
    Preset {
        id: "paddle",
        name: "Paddle Billing",
        docs: "https://developer.paddle.com/webhooks/signature-verification",
        source: "PaddleHQ/paddle-node-sdk b8ee4b1 src/notifications/helpers/webhooks-validator.ts: `ts=…;h1=…`, `{ts}:{body}`, 5 s, old timestamps only",
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
        spec: Spec {
            algorithm: Algorithm::Token,
            template: &NOTHING,
            ..body_only(
                signature_only("authorization"),
                single("Basic ", Encoding::Base64),
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
