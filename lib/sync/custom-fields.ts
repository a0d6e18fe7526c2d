import type { Db } from "@/lib/db/client";
import { customLeadFields } from "@/drizzle/schema";
import { allLeadFields } from "@/lib/data-model/fields";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";
import type { z } from "zod";
import type { customFieldSchema } from "@/lib/validators/custom-field";
import { listCustomLeadFields } from "./settings";

export class DuplicateFieldKeyError extends Error {}

export async function addCustomLeadField(db: Db, workspaceId: string, actor: Actor, input: z.output<typeof customFieldSchema>) {
  const existing = allLeadFields(await listCustomLeadFields(db, workspaceId));
  if (existing.some((f) => f.key.toLowerCase() === input.key.toLowerCase())) throw new DuplicateFieldKeyError(`A field with key "${input.key}" already exists`);
  const options = input.type === "select" || input.type === "multiselect" ? input.options.split(",").map((s) => s.trim()).filter(Boolean) : [];
  await db.transaction(async (tx) => {
    await tx.insert(customLeadFields).values({ workspaceId, key: input.key, label: input.label, type: input.type, options });
    await recordAudit(tx, workspaceId, actor, "data_model.field_added", { key: input.key, type: input.type });
  });
}
