#![allow(
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    clippy::unwrap_used
)]
use hookseal::{RequestContext, Scheme, Verifier};
fn check(
    id: &str,
    secret: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    now: u64,
    ctx: RequestContext<'_>,
) {
    let v = Verifier::new(id.parse::<Scheme>().unwrap(), [secret]).unwrap();
    let r = v.verify_request(body, headers, &ctx, now);
    assert!(r.is_ok(), "{id}: {r:?}");
    let mut b = body.to_vec();
    b.push(b' ');
    assert!(
        v.verify_request(&b, headers, &ctx, now).is_err(),
        "{id} tampered"
    );
}
#[test]
fn published() {
    let none = RequestContext::default();
    check(
        "paddle",
        "VALID_SECRET",
        &[(
            "Paddle-Signature",
            "ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9",
        )],
        br#"{"data": ["1", "2"]}"#,
        1698796802,
        none,
    );
    check(
        "paddle",
        "VALID_SECRET",
        &[(
            "Paddle-Signature",
            "ts=1698796800;h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;h2=RANDOM_HASH",
        )],
        br#"{"data": "value"}"#,
        1698796800,
        none,
    );
    check(
        "mux",
        "SuperSecret123",
        &[(
            "mux-signature",
            "t=1565125718,v1=854ece4c22acef7c66b57d4e504153bc512595e8e9c772ece2a68150548c19a7",
        )],
        br#"{"test":"body"}"#,
        1565125718,
        none,
    );
    check(
        "sanity",
        "test",
        &[(
            "sanity-webhook-signature",
            "t=1633519811129,v1=tLa470fx7qkLLEcMOcEUFuBbRSkGujyskxrNXcoh0N0",
        )],
        br#"{"_id":"resume"}"#,
        1633519811,
        none,
    );
    let bx = br#"{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}"#;
    check(
        "box",
        "SamplePrimaryKey",
        &[
            (
                "BOX-SIGNATURE-PRIMARY",
                "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=",
            ),
            (
                "BOX-SIGNATURE-SECONDARY",
                "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=",
            ),
            ("BOX-DELIVERY-TIMESTAMP", "2020-01-01T00:00:00-07:00"),
        ],
        bx,
        1577862000,
        none,
    );
    check(
        "box",
        "SampleSecondaryKey",
        &[
            (
                "BOX-SIGNATURE-PRIMARY",
                "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=",
            ),
            (
                "BOX-SIGNATURE-SECONDARY",
                "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=",
            ),
            ("BOX-DELIVERY-TIMESTAMP", "2020-01-01T00:00:00-07:00"),
        ],
        bx,
        1577862000,
        none,
    );
    let hs = br#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#;
    check(
        "hubspot-v1",
        "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
        &[(
            "X-HubSpot-Signature",
            "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
        )],
        hs,
        0,
        none,
    );
    check(
        "hubspot-v2",
        "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
        &[(
            "X-HubSpot-Signature",
            "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900",
        )],
        br#"{"example_field":"example_value"}"#,
        0,
        RequestContext::new("https://www.example.com/webhook_uri", "POST"),
    );
    check(
        "hubspot-v3",
        "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
        &[
            (
                "X-HubSpot-Signature-v3",
                "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=",
            ),
            ("X-HubSpot-Request-Timestamp", "1693657560000"),
        ],
        b"{'example_field':'example_value'}",
        1693657560,
        RequestContext::new("https://www.example.com/webhook_uri", "POST"),
    );
    check("square", "Ibxx_5AKakO-3qeNVR61Dw", &[("x-square-hmacsha256-signature", "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=")], br#"{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}"#, 0, RequestContext::new("https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9", "POST"));
    let tw = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    for sig in [
        "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        "kvajT1Ptam85bY51eRf/AJRuM3w=",
    ] {
        check(
            "twilio",
            "12345",
            &[("X-Twilio-Signature", sig)],
            tw,
            0,
            RequestContext::new("https://mycompany.com/myapp.php?foo=1&bar=2", "POST"),
        );
    }
    check(
        "twilio",
        "12345",
        &[("X-Twilio-Signature", "a9nBmqA0ju/hNViExpshrM61xv4=")],
        br#"{"property": "value", "boolean": true}"#,
        0,
        RequestContext::new(
            "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620",
            "POST",
        ),
    );
    check(
        "sendgrid",
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==",
        &[
            (
                "X-Twilio-Email-Event-Webhook-Signature",
                "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=",
            ),
            ("X-Twilio-Email-Event-Webhook-Timestamp", "1588788367"),
        ],
        br#"{"category":"example_payload","event":"test_event","message_id":"message_id"}"#,
        1588788367,
        none,
    );
}
