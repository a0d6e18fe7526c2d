import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import { conversations, customLeadFields, fieldMappings, leads, type LeadFieldValue } from "@/drizzle/schema";
import { builtinLeadFields, type LeadFieldDef } from "@/lib/data-model/fields";
import { emailSchema, type CaptureInput } from "@/lib/validators/capture";
import { normalizeEmail } from "@/lib/sync/lead-values";
import { env } from "@/lib/env";

export class CaptureError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = "CaptureError";
  }
}

export type CaptureResult = { leadId: string; created: boolean; changedFields: string[]; pushQueued: boolean };

function insightFields(input: CaptureInput): Record<string, LeadFieldValue> {
  const i = input.insights;
  const out: Record<string, LeadFieldValue> = {};
  if (i.summary !== undefined) out.conversationSummary = i.summary;
  if (i.intent !== undefined) out.intent = i.intent;
  if (i.meetingBooked !== undefined) out.meetingBooked = i.meetingBooked;
  if (i.lastConversationAt !== undefined) out.lastConversationAt = i.lastConversationAt;
  return out;
}

function checkFields(fields: Record<string, LeadFieldValue>, known: Map<string, LeadFieldDef>) {
  for (const key of Object.keys(fields)) {
    const def = known.get(key);
    if (!def) throw new CaptureError(`fields.${key}`, `Unknown lead field "${key}". Add it on the Data Model page first.`);
    const v = fields[key];
    if (v === null || v === "") continue;
    if (def.type === "number" && typeof v !== "number" && !(typeof v === "string" && Number.isFinite(Number(v)))) {
      throw new CaptureError(`fields.${key}`, `${def.label} must be a number.`);
    }
    if (def.type === "boolean" && typeof v !== "boolean") throw new CaptureError(`fields.${key}`, `${def.label} must be true or false.`);
  }
}

function differs(a: LeadFieldValue | undefined, b: LeadFieldValue | undefined): boolean {
  return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/**
 * Records a capture. In the same transaction, a lead with an email whose mapped fields changed is marked
 * push-pending (the outbox): the push picks it up whenever it runs, so a lost wake-up event loses nothing.
 */
export async function recordCapture(db: Db, workspaceId: string, input: CaptureInput, opts: { coalesceMs?: number } = {}): Promise<CaptureResult> {
  const coalesceMs = opts.coalesceMs ?? env().PUSH_COALESCE_MS;
  const rawEmail = input.fields.email;
  if (rawEmail !== undefined && rawEmail !== null && rawEmail !== "") {
    const parsed = emailSchema.safeParse(typeof rawEmail === "string" ? rawEmail.trim() : rawEmail);
    if (!parsed.success) throw new CaptureError("fields.email", `"${String(rawEmail)}" is not a valid email address.`);
  }
  const email = typeof rawEmail === "string" ? normalizeEmail(rawEmail) : null;
  const { email: _email, ...rest } = input.fields;
  const incoming: Record<string, LeadFieldValue> = { ...rest, ...insightFields(input) };
  // Empty values in a capture mean "not said", never "erase".
  for (const k of Object.keys(incoming)) if (incoming[k] === "" || incoming[k] === null) delete incoming[k];

  return db.transaction(async (tx) => {
    const custom = await tx.select().from(customLeadFields).where(eq(customLeadFields.workspaceId, workspaceId));
    const known = new Map<string, LeadFieldDef>(
      [...builtinLeadFields, ...custom.map((c) => ({ key: c.key, label: c.label, type: c.type as LeadFieldDef["type"], kind: "custom" as const }))].map((f) => [f.key, f]),
    );
    checkFields(rest, known);

    const lead = await findOrCreateLead(tx, workspaceId, input.conversationId, email);
    const changedFields = Object.keys(incoming).filter((k) => differs(lead.row.fields[k], incoming[k]));
    const emailAdded = Boolean(email && (lead.created || lead.row.email !== email));
    if (emailAdded) changedFields.unshift("email");

    const mapped = new Set(
      (await tx.select({ f: fieldMappings.leadField }).from(fieldMappings).where(eq(fieldMappings.workspaceId, workspaceId))).map((r) => r.f),
    );
    const finalEmail = email ?? lead.row.email;
    const pushQueued = Boolean(finalEmail) && (emailAdded || changedFields.some((f) => mapped.has(f)));
    if (changedFields.length > 0) {
      await tx
        .update(leads)
        .set({
          email: finalEmail,
          fields: { ...lead.row.fields, ...incoming },
          updatedAt: new Date(),
          ...(pushQueued ? { pushPending: true, pushVersion: sql`${leads.pushVersion} + 1`, pushNotBefore: pushNotBefore(lead.row, coalesceMs) } : {}),
        })
        .where(eq(leads.id, lead.row.id));
    }
    await tx
      .update(conversations)
      .set({ captures: sql`${conversations.captures} + 1`, updatedAt: new Date() })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.externalId, input.conversationId)));
    return { leadId: lead.row.id, created: lead.created, changedFields, pushQueued };
  });
}

type LeadRow = typeof leads.$inferSelect;

/**
 * When the push may take this change. A lead not yet linked to a contact goes at once (the contact should exist as
 * soon as the email is given). A linked lead's change waits for the coalescing window; changes arriving while it is
 * already pending keep the time already set, so the wait is bounded by one window, not pushed back by each capture.
 */
function pushNotBefore(lead: LeadRow, coalesceMs: number) {
  if (!lead.hubspotContactId || coalesceMs === 0) return sql`CASE WHEN ${leads.pushPending} THEN ${leads.pushNotBefore} ELSE NULL END`;
  return sql`CASE WHEN ${leads.pushPending} THEN ${leads.pushNotBefore} ELSE now() + ${coalesceMs}::int * interval '1 millisecond' END`;
}

/** The conversation's lead; else the lead already known by this email; else a new lead. */
async function findOrCreateLead(tx: Tx, workspaceId: string, conversationId: string, email: string | null): Promise<{ row: LeadRow; created: boolean }> {
  const [conv] = await tx
    .select({ lead: leads })
    .from(conversations)
    .innerJoin(leads, eq(leads.id, conversations.leadId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.externalId, conversationId)))
    .for("update");
  if (conv && (!email || !conv.lead.email || conv.lead.email === email)) {
    if (!email || conv.lead.email === email) return { row: conv.lead, created: false };
    // The conversation's lead gets its first email; if that email is already another lead's, the capture joins it.
    const [other] = await tx.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.email, email)));
    if (!other) return { row: conv.lead, created: false };
    await tx.update(conversations).set({ leadId: other.id }).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.externalId, conversationId)));
    return { row: { ...other, fields: { ...conv.lead.fields, ...other.fields } }, created: false };
  }
  if (email) {
    // Two captures of one new email racing: the unique (workspace, email) index lets exactly one insert win.
    const inserted = await tx.insert(leads).values({ workspaceId, email, source: "conversation" }).onConflictDoNothing().returning();
    const [row] = inserted.length > 0 ? inserted : await tx.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.email, email))).for("update");
    await tx
      .insert(conversations)
      .values({ workspaceId, externalId: conversationId, leadId: row.id })
      .onConflictDoUpdate({ target: [conversations.workspaceId, conversations.externalId], set: { leadId: row.id } });
    return { row, created: inserted.length > 0 };
  }
  const [row] = await tx.insert(leads).values({ workspaceId, email: null, source: "conversation" }).returning();
  await tx.insert(conversations).values({ workspaceId, externalId: conversationId, leadId: row.id });
  return { row, created: true };
}
