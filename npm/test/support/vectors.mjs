// The shared vectors (tests/vectors/*.json, format in tests/vectors/README.md), loaded in Node
// and run through a hookseal API object anywhere: Node, workerd or a browser page. `loadCases`
// needs Node; `runCases` needs only the API, atob and TextEncoder.

/** Every case of every vector file, with `body_fixture` bodies inlined as `body_base64`. */
export async function loadCases() {
  const { readFile, readdir } = await import("node:fs/promises");
  const { fileURLToPath } = await import("node:url");
  const tests = fileURLToPath(new URL("../../../tests/", import.meta.url));
  const cases = [];
  for (const name of (await readdir(`${tests}vectors`)).filter((file) => file.endsWith(".json")).sort()) {
    const file = JSON.parse(await readFile(`${tests}vectors/${name}`, "utf8"));
    for (const vector of file.cases) {
      const entry = { file: name, scheme: file.scheme, ...vector };
      if (vector.body_fixture !== undefined) {
        entry.body_base64 = (await readFile(`${tests}fixtures/${vector.body_fixture}`)).toString("base64");
        delete entry.body_fixture;
      }
      cases.push(entry);
    }
  }
  return cases;
}

const fromBase64 = (text) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Whether a case needs an Ed25519 or ECDSA key: only the package's asymmetric builds have them. */
export function needsPublicKeys(vector, schemes) {
  const secrets = vector.secrets ?? [];
  if (secrets.some((secret) => /^wh[ps]k_/.test(secret))) return true;
  return schemes.some((scheme) => scheme.id === vector.scheme && scheme.key === "public-key") ||
    vector.scheme?.algorithm === "ed25519" || vector.scheme?.algorithm === "ecdsa-p256";
}

/** Runs each case; returns one `{ file, name, expected, got }` per case that did not pass. */
export function runCases(api, cases) {
  const failures = [];
  for (const vector of cases) {
    let got;
    try {
      got = runCase(api, vector);
    } catch (error) {
      got = error instanceof api.WebhookVerificationError ? error.code : `threw ${error}`;
    }
    if (got !== vector.expect) failures.push({ file: vector.file, name: vector.name, expected: vector.expect, got });
  }
  return failures;
}

function runCase(api, vector) {
  const secrets = [...(vector.secrets ?? []), ...(vector.secrets_base64 ?? []).map(fromBase64)];
  const body = vector.body ?? fromBase64(vector.body_base64);
  const webhook = new api.Webhook(secrets, { scheme: vector.scheme, toleranceSeconds: vector.tolerance_seconds });
  const request = { url: vector.url, method: vector.method };
  const message = webhook.verify(body, vector.headers, { now: vector.now, ...request });
  // Every field is compared, absent ones too: an unsigned header value reported as
  // authenticated is exactly what must fail.
  const reported = {
    covers: message.covers.join(","),
    id: message.id,
    timestamp: message.timestamp,
    "unsigned.id": message.unsigned.id,
    "unsigned.eventType": message.unsigned.eventType,
  };
  const expected = {
    covers: vector.expect_covers.join(","),
    id: vector.expect_id,
    timestamp: vector.expect_timestamp,
    "unsigned.id": vector.expect_unsigned_id,
    "unsigned.eventType": vector.expect_unsigned_event_type,
  };
  for (const field of Object.keys(expected)) {
    if (reported[field] !== expected[field]) return `${field} ${reported[field]}, expected ${expected[field]}`;
  }
  if (vector.sign) {
    const signer = new api.Webhook(secrets[0], { scheme: vector.scheme });
    const signed = signer.sign(body, {
      id: vector.sign.id,
      timestamp: vector.sign.timestamp,
      eventType: vector.sign.event_type,
      ...request,
      // A template's named headers ({header:Name}) take their values from the case's headers.
      headers: vector.headers,
    });
    const expected = Object.fromEntries(Object.entries(vector.headers).map(([name, value]) => [name.toLowerCase(), value]));
    if (JSON.stringify(sortKeys(signed)) !== JSON.stringify(sortKeys(expected))) {
      return `signed ${JSON.stringify(signed)}`;
    }
  }
  return "ok";
}

const sortKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));
