import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { runPullRule } from "@/lib/sync/pull";

export const pullContacts = inngest.createFunction(
  {
    id: "pull-contacts",
    triggers: [{ event: "hubspot/pull.requested" }],
    concurrency: [{ key: "event.data.workspaceId", limit: 1 }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { workspaceId, ruleId, runId } = event.data as { workspaceId: string; ruleId: string; runId?: string };
    return step.run("pull-rule", async () => runPullRule(await getDb(), workspaceId, ruleId, runId));
  },
);
