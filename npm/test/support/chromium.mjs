// Debian's Chromium driven by playwright-core, with every flag that keeps it off the network.
// The Worker's browser tests launch it here too, passing their own playwright-core (they have
// their own node_modules): playwright-core is imported only when none is given.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function launchChromium(playwright) {
  const { chromium } = playwright ?? (await import("playwright-core"));
  const profile = await mkdtemp(join(tmpdir(), "hookseal-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
