import { Inngest } from "inngest";

/**
 * The Inngest client. Where it sends events and how the serve handler is signed come from Inngest's own environment
 * variables (INNGEST_DEV / INNGEST_BASE_URL locally, INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY in production), so the
 * same code runs against Inngest Cloud, `npx inngest-cli dev`, or the local runner in dev/inngest-local.
 */
export const inngest = new Inngest({ id: "spara-hubspot" });

export type AppEvent =
  | { name: "lead/push.requested"; data: { workspaceId: string } }
  | { name: "hubspot/pull.requested"; data: { workspaceId: string; ruleId: string; runId?: string } }
  | { name: "hubspot/owners.sync.requested"; data: { workspaceId: string } }
  | { name: "hubspot/resync.requested"; data: { workspaceId: string; runId: string } }
  | { name: "lead/imported"; data: { workspaceId: string; leadId: string; ruleId: string } };

/**
 * Sends wake-up events. Correctness never rests on them (the outbox and the sweep cover a lost event), so a send that
 * fails is logged, not thrown into the user's request.
 */
export async function sendEvents(events: (AppEvent & { id?: string })[]): Promise<boolean> {
  try {
    await inngest.send(events);
    return true;
  } catch (err) {
    console.warn(`Inngest event send failed (${events.map((e) => e.name).join(", ")}): ${(err as Error).message}`);
    return false;
  }
}
