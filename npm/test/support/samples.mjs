// tests/fixtures/samples.json, the one place the samples' schemes, event types and demo secrets
// are written down (tests/fixtures/README.md describes it), for the tests.
import { readFileSync } from "node:fs";

export const SAMPLES_JSON = new URL("../../../tests/fixtures/samples.json", import.meta.url);

/** The vendors of samples.json, in its order. */
export const vendors = JSON.parse(readFileSync(SAMPLES_JSON, "utf8")).vendors;

/** The demo secret samples.json gives `scheme`. */
export function demoSecret(scheme) {
  const vendor = vendors.find((item) => item.scheme === scheme);
  if (!vendor) throw new Error(`tests/fixtures/samples.json has no sample for ${scheme}`);
  return vendor.secret;
}
