// A header sent twice, per built-in scheme (issue #9 §3), in both forms a receiver sees it:
// Node's `string[]` (`req.headersDistinct`, or an object built by hand) and Fetch's `Headers`,
// which joins the values with ", ". Each header the scheme sends, as genuine + forged in both
// orders and genuine + genuine. It must never verify anything the single value would not: the
// forged values come from another secret, id and timestamp, and alone never verify (except for
// unsigned headers, which anyone can set anyway). The outcomes are the table in npm/README.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Webhook, WebhookVerificationError } from "hookseal";

const NOW = 1_700_000_000;
const BODY = '{"event":"job.completed"}';

/** The scheme's secret and a forger's. */
const SCHEMES = {
  "standard-webhooks": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_b2xkLXNlY3JldA=="],
  svix: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_b2xkLXNlY3JldA=="],
  septiccycle: ["septiccycle-secret", "forger"],
  "x-webhook-signature": ["job-secret", "forger"],
  github: ["It's a Secret to Everybody", "forger"],
  stripe: ["whsec_stripe_secret", "whsec_forger"],
  slack: ["slack-secret", "forger"],
  shopify: ["shopify-secret", "forger"],
};

/**
 * What Fetch's joined value gives, for [genuine, forged], [forged, genuine] and
 * [genuine, genuine]: an error code, or "valid" (then with the genuine request's authenticated
 * fields: checked below). Node's string[] is malformed_header in every case.
 */
const NO = "no_matching_signature";
const TS = "invalid_timestamp";
const OK = "valid";
const JOINED = {
  "standard-webhooks": { "webhook-id": [NO, NO, NO], "webhook-timestamp": [TS, TS, TS], "webhook-signature": [OK, OK, OK] },
  svix: { "svix-id": [NO, NO, NO], "svix-timestamp": [TS, TS, TS], "svix-signature": [OK, OK, OK] },
  septiccycle: { "x-septiccycle-signature": [NO, NO, NO] },
  "x-webhook-signature": { "x-webhook-signature": [NO, NO, NO], "x-webhook-event": [OK, OK, OK] },
  github: { "x-hub-signature-256": [NO, NO, NO], "x-github-delivery": [OK, OK, OK], "x-github-event": [OK, OK, OK] },
  stripe: { "stripe-signature": ["malformed_header", "malformed_header", "malformed_header"] },
  slack: { "x-slack-request-timestamp": [TS, TS, TS], "x-slack-signature": [NO, NO, NO] },
  shopify: { "x-shopify-hmac-sha256": [NO, NO, NO], "x-shopify-webhook-id": [OK, OK, OK], "x-shopify-topic": [OK, OK, OK] },
};

/** The headers no signature covers: reported as `unsigned`. */
const UNSIGNED = new Set(["x-webhook-event", "x-github-delivery", "x-github-event", "x-shopify-webhook-id", "x-shopify-topic"]);

function outcome(webhook, headers) {
  try {
    return { code: OK, message: webhook.verify(BODY, headers, { now: NOW }) };
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError, String(error));
    return { code: error.code, error };
  }
}

for (const [scheme, [secret, forgerSecret]] of Object.entries(SCHEMES)) {
  test(`repeated headers, ${scheme}: Node's string[] is malformed_header; Fetch's joined value never verifies more`, () => {
    const webhook = new Webhook(secret, { scheme });
    const genuine = webhook.sign(BODY, { id: "msg_genuine", timestamp: NOW, eventType: "job.completed" });
    const forged = new Webhook(forgerSecret, { scheme })
      .sign(BODY, { id: "msg_forged", timestamp: NOW - 1, eventType: "job.deleted" });
    const single = outcome(webhook, genuine);
    assert.equal(single.code, OK);
    assert.deepEqual(Object.keys(genuine).sort(), Object.keys(JOINED[scheme]).sort(), "every header the scheme sends is in the table");

    for (const name of Object.keys(genuine)) {
      const covered = !UNSIGNED.has(name);
      // The forged value alone: refused where the signature covers the header.
      if (covered) assert.notEqual(outcome(webhook, { ...genuine, [name]: forged[name] }).code, OK, name);
      const pairs = [[genuine[name], forged[name]], [forged[name], genuine[name]], [genuine[name], genuine[name]]];
      pairs.forEach((values, index) => {
        const label = `${scheme} ${name} ${["genuine+forged", "forged+genuine", "genuine+genuine"][index]}`;
        // Node: a string[], and the same name twice in different cases.
        for (const headers of [
          { ...genuine, [name]: values },
          { ...genuine, [name]: values[0], [name.toUpperCase()]: values[1] },
        ]) {
          const node = outcome(webhook, headers);
          assert.equal(node.code, "malformed_header", `${label} (Node)`);
          assert.match(node.error.message, new RegExp(`${name}: sent more than once`));
        }
        // Fetch: one value, joined with ", ".
        const headers = new Headers(genuine);
        headers.delete(name);
        for (const value of values) headers.append(name, value);
        assert.equal(headers.get(name), values.join(", "));
        const fetched = outcome(webhook, headers);
        assert.equal(fetched.code, JOINED[scheme][name][index], `${label} (Fetch)`);
        if (fetched.code === OK) {
          // Nothing authenticated comes from the forged value: the same id and timestamp as the
          // genuine request; only unsigned values may differ (anyone can set those anyway).
          assert.equal(fetched.message.id, single.message.id, label);
          assert.equal(fetched.message.timestamp, single.message.timestamp, label);
          // A signature list verifies when any entry is genuine, whichever comes first; any
          // other covered header must not verify with the forged value first.
          const signatureList = name.endsWith("-signature") && JOINED[scheme][name][0] === OK;
          assert.ok(!covered || index > 0 || signatureList, `${label}: a covered header verified with the forged value first`);
          if (!covered) {
            const reported = Object.values(fetched.message.unsigned);
            assert.ok(reported.includes(values.join(", ")), `${label}: unsigned ${JSON.stringify(reported)}`);
          }
        }
      });
    }
  });
}
