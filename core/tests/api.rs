//! The API's promises beyond the vectors: redaction, scheme detection, diagnostics, sign inputs.

// Tests and benchmarks may index and panic: a panic here is a failure report, not a crash.
#![allow(clippy::indexing_slicing, clippy::panic)]

use hookseal::{
    CustomScheme, Error, Hint, RequestContext, Scheme, Secret, SignInput, Signer, Verifier,
    VerifyOptions,
};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW: u64 = 1_700_000_000;

fn signed(scheme: Scheme, secret: &str, body: &[u8]) -> Vec<(String, String)> {
    Signer::new(scheme, secret)
        .and_then(|s| s.sign(body, &SignInput::new("msg_1", NOW)))
        .expect("signs")
}

#[test]
fn debug_output_never_shows_a_secret() {
    let verifier = Verifier::new(Scheme::SepticCycle, ["hunter2-very-secret"]).expect("verifier");
    let signer = Signer::new(Scheme::SepticCycle, "hunter2-very-secret").expect("signer");
    for text in [
        format!("{verifier:?}"),
        format!("{signer:?}"),
        format!("{:?}", Secret::from("hunter2-very-secret")),
        format!("{:?}", Secret::from(b"hunter2-very-secret")),
    ] {
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("redacted"), "{text}");
    }
}

#[test]
fn errors_display_without_detail_and_with_stable_codes() {
    let verifier = Verifier::new(Scheme::GitHub, ["s3cr3t"]).expect("verifier");
    let headers = [("X-Hub-Signature-256", format!("sha256={}", "ab".repeat(32)))];
    let error = verifier
        .verify(b"body", &headers, NOW)
        .expect_err("mismatch");
    assert_eq!(error, Error::NoMatchingSignature);
    assert_eq!(error.to_string(), "no matching signature");
    assert!(error.hint().is_some());
    let missing = verifier
        .verify(b"body", &[("content-type", "application/json")], NOW)
        .expect_err("missing");
    assert_eq!(missing.to_string(), "missing header x-hub-signature-256");
}

#[test]
fn svix_headers_verify_under_standard_webhooks_and_back() {
    let svix = signed(Scheme::Svix, SECRET, b"{}");
    assert!(svix.iter().all(|(name, _)| name.starts_with("svix-")));
    let webhook = signed(Scheme::StandardWebhooks, SECRET, b"{}");
    assert!(webhook.iter().all(|(name, _)| name.starts_with("webhook-")));
    for scheme in [Scheme::StandardWebhooks, Scheme::Svix] {
        let verifier = Verifier::new(scheme, [SECRET]).expect("verifier");
        assert!(verifier.verify(b"{}", &svix, NOW).is_ok());
        assert!(verifier.verify(b"{}", &webhook, NOW).is_ok());
    }
}

#[test]
fn rotation_accepts_any_secret_and_raw_key_bytes() {
    let headers = signed(Scheme::Slack, "new-secret", b"x");
    let verifier = Verifier::new(Scheme::Slack, ["old-secret", "new-secret"]).expect("verifier");
    assert!(verifier.verify(b"x", &headers, NOW).is_ok());
    let raw = Verifier::new(Scheme::Slack, [Secret::Bytes(b"new-secret")]).expect("verifier");
    assert!(raw.verify(b"x", &headers, NOW).is_ok());
    let neither = Verifier::new(Scheme::Slack, ["old-secret"]).expect("verifier");
    assert_eq!(
        neither.verify(b"x", &headers, NOW),
        Err(Error::NoMatchingSignature)
    );
}

#[test]
fn verifiers_need_a_usable_secret() {
    let none: [&str; 0] = [];
    assert_eq!(
        Verifier::new(Scheme::GitHub, none)
            .expect_err("no secret")
            .code(),
        "invalid_secret"
    );
    assert_eq!(
        Verifier::new(Scheme::GitHub, [""])
            .expect_err("empty")
            .code(),
        "invalid_secret"
    );
    assert_eq!(
        Verifier::new(Scheme::StandardWebhooks, ["whsec_%%%"])
            .expect_err("bad")
            .code(),
        "invalid_secret"
    );
    assert_eq!(
        "nope".parse::<Scheme>().expect_err("unknown").code(),
        "invalid_scheme"
    );
}

#[test]
fn tolerance_option_overrides_the_default() {
    let headers = signed(Scheme::StandardWebhooks, SECRET, b"{}");
    let strict = Verifier::with_options(
        Scheme::StandardWebhooks,
        [SECRET],
        VerifyOptions {
            tolerance_seconds: Some(10),
        },
    )
    .expect("verifier");
    assert!(strict.verify(b"{}", &headers, NOW + 10).is_ok());
    assert_eq!(
        strict.verify(b"{}", &headers, NOW + 11),
        Err(Error::TimestampTooOld)
    );
    assert_eq!(
        strict.verify(b"{}", &headers, NOW - 11),
        Err(Error::TimestampTooNew)
    );
}

#[test]
fn sign_inputs_are_checked() {
    let signer = Signer::new(Scheme::StandardWebhooks, SECRET).expect("signer");
    let code = |input: SignInput<'_>| signer.sign(b"{}", &input).expect_err("refused").code();
    assert_eq!(code(SignInput::default()), "invalid_sign_input");
    assert_eq!(
        code(SignInput {
            id: Some("msg_1"),
            ..SignInput::default()
        }),
        "invalid_sign_input"
    );
    assert_eq!(
        code(SignInput::new("msg\r\nX-Evil: 1", NOW)),
        "invalid_sign_input"
    );
    assert_eq!(code(SignInput::new(" msg_1", NOW)), "invalid_sign_input");
    let github = Signer::new(Scheme::GitHub, "s").expect("signer");
    let headers = github
        .sign(
            b"{}",
            &SignInput::new("delivery-1", NOW).with_event_type("push"),
        )
        .expect("signs");
    let names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        ["x-github-delivery", "x-hub-signature-256", "x-github-event"]
    );
}

#[test]
fn detects_the_scheme_from_headers() {
    for scheme in Scheme::BUILT_IN {
        let headers = signed(scheme.clone(), "whsec_c2VjcmV0", b"{}");
        assert_eq!(Scheme::detect(&headers), Some(scheme));
    }
    assert_eq!(Scheme::detect(&[("content-type", "text/plain")]), None);
}

#[test]
fn http_header_maps_work() {
    let mut map = http::HeaderMap::new();
    for (name, value) in signed(Scheme::Stripe, "whsec_abc", b"{}") {
        map.insert(
            http::HeaderName::try_from(name).expect("name"),
            value.parse().expect("value"),
        );
    }
    assert!(
        Verifier::new(Scheme::Stripe, ["whsec_abc"])
            .expect("verifier")
            .verify(b"{}", &map, NOW)
            .is_ok()
    );
}

/// A header the scheme reads, sent twice, is `malformed_header` from every header source, as in
/// the npm package: taking the first value would let a genuine value vouch for a request whose
/// other copy says something else, and which copy a proxy keeps differs.
#[test]
fn a_header_sent_twice_is_malformed_from_every_source() {
    let genuine = signed(Scheme::GitHub, "gh-secret", b"{}");
    let forged = signed(Scheme::GitHub, "forger", b"{}");
    let verifier = Verifier::new(Scheme::GitHub, ["gh-secret"]).expect("verifier");
    let mut pairs = genuine.clone();
    pairs.extend(
        forged
            .iter()
            .map(|(name, value)| (name.to_uppercase(), value.clone())),
    );
    let mut map = http::HeaderMap::new();
    for (name, value) in genuine.iter().chain(&forged) {
        map.append(
            http::HeaderName::try_from(name.as_str()).expect("name"),
            value.parse().expect("value"),
        );
    }
    for error in [
        verifier.verify(b"{}", &pairs, NOW).expect_err("pairs"),
        verifier.verify(b"{}", &map, NOW).expect_err("header map"),
    ] {
        assert_eq!(error.code(), "malformed_header");
        assert!(error.to_string().contains("x-hub-signature-256"), "{error}");
    }
    assert!(verifier.verify(b"{}", &genuine, NOW).is_ok());
}

#[test]
fn diagnosis_explains_usual_mistakes() {
    let body = br#"{"a":1,"b":[1,2]}"#;
    let headers = signed(Scheme::StandardWebhooks, SECRET, body);
    let run = |body: &[u8], headers: &[(String, String)], secret: &str, scheme: &Scheme| {
        Verifier::new(scheme.clone(), [secret])
            .expect("verifier")
            .diagnose(body, headers, &RequestContext::default(), NOW)
    };
    let sw = Scheme::StandardWebhooks;

    let fine = run(body, &headers, SECRET, &sw);
    assert!(fine.outcome.is_ok() && fine.hints.is_empty());
    assert_eq!(fine.expected_signatures.len(), 1);
    assert_eq!(fine.received_signatures, fine.expected_signatures);
    assert_eq!(
        fine.signed_content.as_deref(),
        Some(&b"msg_1.1700000000.{\"a\":1,\"b\":[1,2]}"[..])
    );

    let hints = |body: &[u8], headers: &[(String, String)], secret: &str, scheme: &Scheme| {
        run(body, headers, secret, scheme).hints
    };
    assert_eq!(
        hints(br#"{"a": 1, "b": [1, 2]}"#, &headers, SECRET, &sw),
        [Hint::BodyReformatted]
    );
    assert_eq!(
        hints(b"{\n  \"a\": 1,\n  \"b\": [1, 2]\n}", &headers, SECRET, &sw),
        [Hint::BodyReformatted]
    );
    assert_eq!(
        hints(&[body.as_slice(), b"\n"].concat(), &headers, SECRET, &sw),
        [Hint::TrailingNewlineAdded]
    );

    let hex_signed = signed(Scheme::SepticCycle, SECRET, body);
    let decoded_secret = Verifier::new(Scheme::SepticCycle, [Secret::Bytes(b"not it")])
        .expect("verifier")
        .diagnose(body, &hex_signed, &RequestContext::default(), NOW);
    assert!(decoded_secret.hints.is_empty());
    let stripe_style = signed(Scheme::Stripe, SECRET, body);
    assert_eq!(
        hints(body, &stripe_style, SECRET, &sw),
        [Hint::WrongScheme("stripe")]
    );

    let raw_secret_signed = Signer::new(Scheme::StandardWebhooks, Secret::Bytes(SECRET.as_bytes()))
        .and_then(|s| s.sign(body, &SignInput::new("msg_1", NOW)))
        .expect("signs");
    assert_eq!(
        hints(body, &raw_secret_signed, SECRET, &sw),
        [Hint::SecretFormat]
    );

    let mut millis = headers.clone();
    millis[1].1 = format!("{NOW}000");
    let diagnosis = run(body, &millis, SECRET, &sw);
    assert_eq!(diagnosis.outcome, Err(Error::TimestampTooNew));
    assert_eq!(diagnosis.hints, [Hint::TimestampInMilliseconds]);

    let mut quoted = headers.clone();
    quoted[2].1 = format!("\"{}\"", quoted[2].1);
    assert!(hints(body, &quoted, SECRET, &sw).contains(&Hint::QuotedOrSpacedHeader));

    let old = run(body, &headers, SECRET, &Scheme::StandardWebhooks);
    assert_eq!(old.skew_seconds, Some(0));
}

#[test]
fn header_names_list_what_each_scheme_reads() {
    assert_eq!(
        Scheme::Svix.header_names(),
        [
            "svix-signature",
            "svix-id",
            "svix-timestamp",
            "webhook-signature",
            "webhook-id",
            "webhook-timestamp"
        ]
    );
    assert_eq!(
        Scheme::GitHub.header_names(),
        ["x-hub-signature-256", "x-github-delivery", "x-github-event"]
    );
    let custom = Scheme::custom(hookseal::CustomScheme::new("X-Sig")).expect("custom");
    assert_eq!(custom.header_names(), ["x-sig"]);
}

#[test]
fn a_host_computed_mac_verifies_like_the_crate() {
    use hmac::{Hmac, KeyInit, Mac};
    for scheme in Scheme::BUILT_IN {
        let secrets = ["whsec_b2xkLXNlY3JldA==", SECRET];
        let headers = signed(scheme.clone(), SECRET, b"the body");
        let keys: Vec<Vec<u8>> = secrets
            .iter()
            .map(|secret| Secret::from(*secret).key_bytes(&scheme).expect("key"))
            .collect();
        let verifier = Verifier::new(scheme.clone(), secrets).expect("verifier");
        let host_mac = |body: &'static [u8]| {
            let keys = keys.clone();
            move |index: usize, before: &[u8], after: &[u8]| -> Option<[u8; 32]> {
                let mut mac =
                    <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&keys[index]).expect("key");
                mac.update(before);
                mac.update(body);
                mac.update(after);
                Some(mac.finalize().into_bytes().into())
            }
        };
        assert_eq!(
            verifier.verify_with_mac(&headers, NOW, host_mac(b"the body")),
            verifier.verify(b"the body", &headers, NOW),
            "{scheme}"
        );
        assert_eq!(
            verifier.verify_with_mac(&headers, NOW, host_mac(b"the bodY")),
            Err(Error::NoMatchingSignature),
            "{scheme}"
        );
    }
    assert_eq!(
        Secret::from("whsec_c2VjcmV0")
            .key_bytes(&Scheme::Svix)
            .expect("key"),
        b"secret"
    );
    assert_eq!(
        Secret::from("whsec_c2VjcmV0")
            .key_bytes(&Scheme::Stripe)
            .expect("key"),
        b"whsec_c2VjcmV0"
    );
}

#[test]
fn a_host_that_cannot_compute_the_mac_matches_nothing() {
    // Not even an all-zero signature: no MAC is not a MAC of zeros.
    let zeros = [("x-hub-signature-256", format!("sha256={}", "00".repeat(32)))];
    let github = Verifier::new(Scheme::GitHub, ["s"]).expect("verifier");
    assert_eq!(
        github.verify_with_mac(&zeros, NOW, |_, _, _| None),
        Err(Error::NoMatchingSignature)
    );
}

#[test]
fn diagnosis_recognises_the_usual_json_layouts() {
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/smartcomply/test.failed.json"
    ))
    .expect("fixture");
    let value: serde_json::Value = serde_json::from_slice(&fixture).expect("JSON");
    let layouts = [
        serde_json::to_vec(&value).expect("compact"),
        serde_json::to_vec_pretty(&value).expect("pretty"),
        [
            serde_json::to_vec_pretty(&value)
                .expect("pretty")
                .as_slice(),
            b"\n",
        ]
        .concat(),
    ];
    for signed_layout in layouts.iter().chain([&fixture]) {
        let headers = signed(Scheme::StandardWebhooks, SECRET, signed_layout);
        for received in layouts
            .iter()
            .chain([&fixture])
            .filter(|received| *received != signed_layout)
        {
            let diagnosis = Verifier::new(Scheme::StandardWebhooks, [SECRET])
                .expect("verifier")
                .diagnose(received, &headers, &RequestContext::default(), NOW);
            assert_eq!(diagnosis.outcome, Err(Error::NoMatchingSignature));
            assert!(
                matches!(
                    diagnosis.hints.as_slice(),
                    [Hint::BodyReformatted
                        | Hint::TrailingNewlineAdded
                        | Hint::TrailingNewlineRemoved]
                ),
                "signed {:?}, received {:?}: {:?}",
                String::from_utf8_lossy(signed_layout),
                String::from_utf8_lossy(received),
                diagnosis.hints
            );
        }
    }
}

#[test]
fn diagnosis_notices_quotes_on_any_header_the_scheme_reads() {
    let mut headers = signed(Scheme::StandardWebhooks, SECRET, b"{}");
    headers[1].1 = format!("\"{}\"", headers[1].1);
    let diagnosis = Verifier::new(Scheme::StandardWebhooks, [SECRET])
        .expect("verifier")
        .diagnose(b"{}", &headers, &RequestContext::default(), NOW);
    assert_eq!(diagnosis.outcome, Err(Error::InvalidTimestamp));
    assert_eq!(diagnosis.hints, [Hint::QuotedOrSpacedHeader]);
}

// ---- What a signature covers (issue #9 §1) ----

/// GitHub and Shopify sign only the body: their delivery ids and event names are headers anyone
/// can rewrite, so they are reported as unsigned, never as the message id.
#[test]
fn unsigned_vendor_ids_are_never_the_message_id() {
    for (scheme, id_header, event_header) in [
        (Scheme::GitHub, "x-github-delivery", "x-github-event"),
        (Scheme::Shopify, "x-shopify-webhook-id", "x-shopify-topic"),
    ] {
        let signer = Signer::new(scheme.clone(), "secret").expect("signer");
        let mut headers = signer
            .sign(
                b"{}",
                &SignInput::new("genuine", NOW).with_event_type("push"),
            )
            .expect("signs");
        let checker = Verifier::new(scheme.clone(), ["secret"]).expect("verifier");
        // A replay under an id of the attacker's choosing still verifies (the body is genuine) ...
        for (name, value) in &mut headers {
            if name == id_header {
                *value = "attacker-chosen".into();
            }
        }
        let verified = checker.verify(b"{}", &headers, NOW).expect("verifies");
        // ... but nothing in it claims that id is authentic.
        assert_eq!(verified.id, None, "{scheme}");
        assert_eq!(verified.unsigned.id.as_deref(), Some("attacker-chosen"));
        assert_eq!(verified.unsigned.event_type.as_deref(), Some("push"));
        assert_eq!(scheme.coverage().names().collect::<Vec<_>>(), ["body"]);
        let metadata = scheme.metadata_header_names();
        assert!(
            metadata.iter().any(|name| name == id_header),
            "{metadata:?}"
        );
        assert!(
            metadata.iter().any(|name| name == event_header),
            "{metadata:?}"
        );
    }
}

#[test]
fn coverage_says_what_each_scheme_signs() {
    let names = |scheme: Scheme| scheme.coverage().names().collect::<Vec<_>>().join(",");
    assert_eq!(names(Scheme::StandardWebhooks), "body,timestamp,id");
    assert_eq!(names(Scheme::Svix), "body,timestamp,id");
    assert_eq!(names(Scheme::Stripe), "body,timestamp");
    assert_eq!(names(Scheme::Slack), "body,timestamp");
    for scheme in [
        Scheme::SepticCycle,
        Scheme::XWebhookSignature,
        Scheme::GitHub,
        Scheme::Shopify,
    ] {
        assert_eq!(names(scheme), "body");
    }
    // A signed id is no metadata; Standard Webhooks has none at all.
    assert!(Scheme::StandardWebhooks.metadata_header_names().is_empty());
    assert_eq!(
        Scheme::XWebhookSignature.metadata_header_names(),
        ["x-webhook-event"]
    );
}

/// A custom `idHeader` without `{id}` in the template: the scheme is accepted and the id is
/// reported as unsigned (the same as GitHub's delivery id), never as `Verified::id`.
#[test]
fn a_custom_id_header_the_template_does_not_sign_is_unsigned() {
    let scheme = Scheme::custom(CustomScheme {
        id_header: Some("X-Id".into()),
        ..CustomScheme::new("X-Sig")
    })
    .expect("scheme");
    assert!(!scheme.coverage().id);
    assert_eq!(scheme.metadata_header_names(), ["x-id"]);
    let mut headers = Signer::new(scheme.clone(), "s")
        .and_then(|signer| signer.sign(b"x", &SignInput::default()))
        .expect("signs");
    headers.push(("X-Id".into(), "dlv_1".into()));
    let verified = Verifier::new(scheme, ["s"])
        .and_then(|verifier| verifier.verify(b"x", &headers, NOW))
        .expect("verifies");
    assert_eq!(verified.id, None);
    assert_eq!(verified.unsigned.id.as_deref(), Some("dlv_1"));
}

/// Templates whose fields touch let bytes move between fields and still verify: refused.
#[test]
fn templates_must_keep_their_fields_apart() {
    let with = |template: &str| {
        Scheme::custom(CustomScheme {
            template: template.into(),
            id_header: template.contains("{id}").then(|| "X-Id".into()),
            timestamp_header: template.contains("{timestamp}").then(|| "X-Ts".into()),
            ..CustomScheme::new("X-Sig")
        })
    };
    for refused in [
        "{id}{body}",
        "{body}{id}",
        "{timestamp}{body}",
        "{id}{timestamp}.{body}",
        "{timestamp}1{body}",
        "{body}.2{timestamp}",
        "{id}.{id}.{body}",
        "{timestamp}.{timestamp}.{body}",
    ] {
        let error = with(refused).expect_err(refused);
        assert_eq!(error.code(), "invalid_scheme", "{refused}");
    }
    for accepted in [
        "{id}.{body}",
        "{body}|{timestamp}",
        "v0:{timestamp}:{body}",
        "{id}.{timestamp}.{body}",
        "1{id}2.{timestamp}.{body}3",
    ] {
        let outcome = with(accepted);
        assert!(outcome.is_ok(), "{accepted}: {outcome:?}");
    }
}

/// The bytes-moving attack itself: a genuine message re-cut so that body bytes become id bytes.
#[test]
fn an_id_holding_its_separator_is_refused() {
    let signer = Signer::new(Scheme::StandardWebhooks, SECRET).expect("signer");
    let genuine_body = format!("{NOW}.payload");
    let genuine = signer
        .sign(genuine_body.as_bytes(), &SignInput::new("msg_1", NOW))
        .expect("signs");
    let verifier = Verifier::new(Scheme::StandardWebhooks, [SECRET]).expect("verifier");
    assert!(
        verifier
            .verify(genuine_body.as_bytes(), &genuine, NOW)
            .is_ok()
    );
    let mut moved = genuine.clone();
    moved[0].1 = format!("msg_1.{NOW}");
    assert_eq!(moved[0].0, "webhook-id");
    assert_eq!(
        verifier
            .verify(b"payload", &moved, NOW)
            .map_err(|e| e.code()),
        Err("malformed_header")
    );
    // Nor does hookseal sign such an id.
    assert_eq!(
        signer
            .sign(b"payload", &SignInput::new("msg.1", NOW))
            .map_err(|e| e.code()),
        Err("invalid_sign_input")
    );
}

// ---- The scheme engine (issue #10) ----

/// 32 Ed25519 bytes are a public key unless `whsk_` says otherwise: a signer given one refuses
/// instead of signing with a private key derived from public bytes.
#[test]
fn a_public_key_never_signs() {
    let discord: Scheme = "discord".parse().expect("preset");
    let public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    let signer = Signer::new(discord.clone(), public).expect("a key");
    let error = signer
        .sign(b"{}", &SignInput::new("", NOW))
        .expect_err("public keys only verify");
    assert_eq!(error.code(), "invalid_sign_input");
    assert!(Verifier::new(discord, [public]).is_ok());
}

/// A scheme that signs the URL fails with its own code without one, and signs with one.
#[test]
fn url_schemes_need_the_url() {
    let square: Scheme = "square".parse().expect("preset");
    let signer = Signer::new(square.clone(), "key").expect("signer");
    assert_eq!(
        signer
            .sign(b"{}", &SignInput::default())
            .map_err(|e| e.code()),
        Err("invalid_sign_input")
    );
    let input = SignInput::default().with_request("https://example.com/hook", "POST");
    let headers = signer.sign(b"{}", &input).expect("signs");
    let verifier = Verifier::new(square, ["key"]).expect("verifier");
    assert_eq!(
        verifier.verify(b"{}", &headers, NOW).map_err(|e| e.code()),
        Err("missing_url")
    );
    let request = hookseal::RequestContext::new("https://example.com/hook", "POST");
    assert!(
        verifier
            .verify_request(b"{}", &headers, &request, NOW)
            .is_ok()
    );
    let elsewhere = hookseal::RequestContext::new("https://example.com/other", "POST");
    assert_eq!(
        verifier
            .verify_request(b"{}", &headers, &elsewhere, NOW)
            .map_err(|e| e.code()),
        Err("no_matching_signature")
    );
}

#[test]
fn every_preset_has_provenance_and_parses_by_id() {
    let presets: Vec<Scheme> = Scheme::presets().collect();
    assert!(presets.len() >= 19);
    for scheme in presets {
        let preset = scheme.preset().expect("a preset");
        assert!(preset.docs().starts_with("https://"), "{}", preset.id());
        assert!(!preset.source().is_empty() && !preset.name().is_empty());
        assert_eq!(preset.id().parse::<Scheme>().as_ref(), Ok(&scheme));
    }
}

// ---- Diagnosis hangs off a Verifier and reports the scheme's facts (issue #10) ----

#[test]
fn diagnosis_reports_coverage_tolerance_direction_and_which_secret_matched() {
    let body = br#"{"a":1}"#;
    let context = RequestContext::default();
    let stripe = signed(Scheme::Stripe, SECRET, body);
    let diagnosis = Verifier::new(Scheme::Stripe, ["whsec_other", SECRET])
        .expect("verifier")
        .diagnose(body, &stripe, &context, NOW);
    assert!(diagnosis.outcome.is_ok());
    assert!(diagnosis.tolerance_past_only && diagnosis.coverage.timestamp);
    assert_eq!(diagnosis.expected_signatures.len(), 2);
    let [matched] = diagnosis.matches.as_slice() else {
        panic!("{:?}", diagnosis.matches)
    };
    assert_eq!((matched.secret, matched.received), (1, 0));
    assert_eq!(
        diagnosis.expected_signatures[1],
        diagnosis.received_signatures[0]
    );

    let slack = signed(Scheme::Slack, SECRET, body);
    let diagnosis = Verifier::new(Scheme::Slack, ["not it"])
        .expect("verifier")
        .diagnose(body, &slack, &context, NOW);
    assert_eq!(diagnosis.outcome, Err(Error::NoMatchingSignature));
    assert!(!diagnosis.tolerance_past_only && diagnosis.coverage.timestamp);
    assert!(diagnosis.matches.is_empty());

    // Hex compares as bytes: an upper-case signature still matches.
    let mut github = signed(Scheme::GitHub, SECRET, body);
    for (name, value) in &mut github {
        if name == "x-hub-signature-256" {
            *value = value.to_uppercase().replace("SHA256=", "sha256=");
        }
    }
    let diagnosis = Verifier::new(Scheme::GitHub, [SECRET])
        .expect("verifier")
        .diagnose(body, &github, &context, NOW);
    assert!(!diagnosis.coverage.timestamp && diagnosis.coverage.body);
    assert_eq!(diagnosis.outcome.is_ok(), diagnosis.matches.len() == 1);
    for scheme in Scheme::BUILT_IN {
        assert_eq!(scheme.tolerance_past_only(), scheme == Scheme::Stripe);
    }
}

#[test]
fn diagnosis_signs_the_url_and_method_it_is_given() {
    let scheme: Scheme = "twilio".parse().expect("a preset");
    let url = "https://example.com/hooks/twilio?a=1";
    let body = b"To=%2B1555&From=%2B1666";
    let context = RequestContext::new(url, "POST");
    let headers = Signer::new(scheme.clone(), "twilio-secret")
        .and_then(|signer| {
            signer.sign(
                body,
                &SignInput::new("msg_1", NOW).with_request(url, "POST"),
            )
        })
        .expect("signs");
    let verifier = Verifier::new(scheme, ["twilio-secret"]).expect("verifier");
    let diagnosis = verifier.diagnose(body, &headers, &context, NOW);
    assert!(diagnosis.outcome.is_ok(), "{:?}", diagnosis.outcome);
    assert_eq!(diagnosis.matches.len(), 1);
    assert!(diagnosis.coverage.url);
    let signed = diagnosis.signed_content.expect("content");
    assert!(signed.starts_with(url.as_bytes()));
    let without = verifier.diagnose(body, &headers, &RequestContext::default(), NOW);
    assert_eq!(without.outcome, Err(Error::MissingUrl));
}

/// A host-computed HMAC-SHA256 stands in for the core's only where every key is one: a
/// Standard Webhooks verifier with a `whpk_` key verifies `v1a` itself (fuzz finding: the npm
/// package chose its host path by scheme alone and failed on large bodies).
#[test]
fn the_host_mac_path_is_for_hmac_keys_only() {
    let hmac = Verifier::new(Scheme::StandardWebhooks, [SECRET]).expect("verifier");
    assert!(hmac.host_mac_applies());
    let public = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";
    for secrets in [vec![public], vec![SECRET, public]] {
        let verifier = Verifier::new(Scheme::StandardWebhooks, secrets).expect("verifier");
        assert!(!verifier.host_mac_applies());
        let headers = signed(Scheme::StandardWebhooks, SECRET, b"{}");
        assert_eq!(
            verifier
                .verify_with_mac(&headers, NOW, |_, _, _| None)
                .map_err(|e| e.code()),
            Err("invalid_scheme")
        );
    }
}

/// The inner-hash path (Node hashes the body with `crypto.hash`, the core finishes the HMAC):
/// an independent SHA-256 over the inner pad, `before`, the body and `after` verifies exactly
/// what the core verifies, for every built-in scheme, rotated secrets and a key longer than a
/// block (hashed first, RFC 2104); a changed body fails; a `whpk_` verifier refuses the path.
#[test]
fn a_host_computed_inner_hash_verifies_like_the_crate() {
    use sha2::{Digest, Sha256};
    // Longer than a block whether read as whsec_ + base64 (96 bytes) or as UTF-8.
    let long = format!(
        "whsec_{}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [7u8; 96])
    );
    let long = long.as_str();
    for scheme in Scheme::BUILT_IN {
        for signing in [SECRET, long] {
            let secrets = ["whsec_b2xkLXNlY3JldA==", SECRET, long];
            let headers = signed(scheme.clone(), signing, b"the body");
            let verifier = Verifier::new(scheme.clone(), secrets).expect("verifier");
            assert!(verifier.inner_pad(2).is_some(), "{scheme}");
            assert!(verifier.inner_pad(3).is_none(), "{scheme}");
            let inner = |body: &'static [u8]| {
                let verifier = &verifier;
                move |index: usize, before: &[u8], after: &[u8]| -> Option<[u8; 32]> {
                    let mut hash = Sha256::new();
                    hash.update(verifier.inner_pad(index)?);
                    hash.update(before);
                    hash.update(body);
                    hash.update(after);
                    Some(hash.finalize().into())
                }
            };
            let context = RequestContext::default();
            let expected = verifier.verify(b"the body", &headers, NOW);
            assert!(expected.is_ok(), "{scheme}");
            assert_eq!(
                verifier.verify_request_with_inner_hash(
                    &headers,
                    &context,
                    NOW,
                    inner(b"the body")
                ),
                expected,
                "{scheme}"
            );
            assert_eq!(
                verifier.verify_request_with_inner_hash(
                    &headers,
                    &context,
                    NOW,
                    inner(b"the bodY")
                ),
                Err(Error::NoMatchingSignature),
                "{scheme}"
            );
        }
    }
    let public = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";
    let mixed = Verifier::new(Scheme::StandardWebhooks, [SECRET, public]).expect("verifier");
    assert_eq!(mixed.inner_pad(0), None);
    let headers = signed(Scheme::StandardWebhooks, SECRET, b"{}");
    assert_eq!(
        mixed
            .verify_request_with_inner_hash(&headers, &RequestContext::default(), NOW, |_, _, _| {
                None
            })
            .map_err(|e| e.code()),
        Err("invalid_scheme")
    );
}
