// A Worker that runs the shared vectors (POSTed as JSON) through the package as workerd loads it.
import * as api from "hookseal";
import { WebhookEventError, parseSmartComplyEvent } from "hookseal/events";
import { runCases } from "../vectors.mjs";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/vectors") return Response.json(runCases(api, await request.json()));
    // A signed request, verified with verifyRequest and the runtime's clock.
    const webhook = new api.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    const message = await webhook.verifyRequest(request);
    // /events: the verified message as SmartComply's typed event (hookseal/events in workerd).
    if (url.pathname === "/events") {
      try {
        const event = parseSmartComplyEvent(message, { strict: url.searchParams.has("strict") });
        return Response.json({ type: event.type, data: event.data });
      } catch (error) {
        if (!(error instanceof WebhookEventError)) throw error;
        return Response.json({ error: error.code, path: error.path }, { status: 422 });
      }
    }
    return Response.json({ id: message.id, event: message.json() });
  },
};
