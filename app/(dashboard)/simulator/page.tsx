import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { mappableLeadFields } from "@/lib/data-model/fields";
import { listCustomLeadFields } from "@/lib/sync/settings";
import { SimulatorForm } from "./_components/simulator-form";

export default async function SimulatorPage() {
  const ctx = await requirePermission("simulator.use").catch(() => null);
  if (!ctx) redirect("/leads");
  const custom = await listCustomLeadFields(await getDb(), ctx.workspaceId);
  const fields = mappableLeadFields(custom).filter((f) => f.kind !== "insight");
  return (
    <>
      <h1>Conversation simulator</h1>
      <p className="muted">
        Plays an agent’s conversation: each capture goes through the same ingestion code as the agents’ API. Fields left empty are “not said”, never erased.
      </p>
      <SimulatorForm fields={fields.map((f) => ({ key: f.key, label: f.label, type: f.type, options: f.options ?? [] }))} />
    </>
  );
}
