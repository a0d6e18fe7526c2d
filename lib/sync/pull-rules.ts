import { and, desc, eq, like } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { auditLog, pullRules, type PullFilter } from "@/drizzle/schema";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";
import type { HubSpotProperty } from "@/lib/hubspot/types";
import {
  MAX_FILTERS_JSON,
  multiValueOperators,
  operatorsForType,
  pullOperatorLabels,
  valuelessOperators,
  type PullFilterParsed,
  type PullRuleParsed,
} from "@/lib/validators/pull-rule";

export class PullRuleValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("The rule has errors; nothing was saved.");
    this.name = "PullRuleValidationError";
  }
}

/**
 * Checks each filter against the portal's property types the way HubSpot's search would, and converts values to what
 * search expects: enumeration option values (case-sensitive in HubSpot), lowercase strings for IN / NOT_IN, dates as
 * epoch milliseconds (UTC midnight for date properties), booleans as true/false. Errors are keyed by form field path.
 */
export function toSearchFilters(filters: PullFilterParsed[], properties: HubSpotProperty[]): { filters: PullFilter[]; errors: Record<string, string> } {
  const byName = new Map(properties.map((p) => [p.name, p]));
  const errors: Record<string, string> = {};
  const out: PullFilter[] = [];
  filters.forEach((f, i) => {
    const p = byName.get(f.property);
    if (!p) {
      errors[`filters.${i}.property`] = `HubSpot has no contact property "${f.property}"`;
      return;
    }
    if (!operatorsForType(p.type).includes(f.operator)) {
      const fits = operatorsForType(p.type).map((o) => pullOperatorLabels[o]).join(", ");
      errors[`filters.${i}.operator`] = `“${pullOperatorLabels[f.operator]}” does not fit ${p.label} (${p.type}); use ${fits}`;
      return;
    }
    const convert = (raw: string, path: string): string => {
      if (p.type === "enumeration" && !p.externalOptions) {
        const o = p.options.find((x) => x.value === raw) ?? p.options.find((x) => x.value.toLowerCase() === raw.toLowerCase() || x.label.toLowerCase() === raw.toLowerCase());
        if (!o) errors[path] ??= `“${raw}” is not an option of ${p.label}: ${p.options.map((x) => x.label).join(", ")}`;
        return o?.value ?? raw;
      }
      if (p.type === "number") {
        if (raw === "" || !Number.isFinite(Number(raw))) errors[path] ??= `${p.label} is a number; “${raw}” is not`;
        return raw;
      }
      if (p.type === "date" || p.type === "datetime") {
        // Date properties hold UTC midnight; a date-only input means that day in UTC.
        const t = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Date.parse(raw);
        if (Number.isNaN(t)) errors[path] ??= `“${raw}” is not a date (use YYYY-MM-DD)`;
        return String(t);
      }
      if (p.type === "bool") {
        const b = raw.toLowerCase();
        if (b !== "true" && b !== "false") errors[path] ??= `${p.label} is yes/no: true or false`;
        return b;
      }
      // HubSpot's IN / NOT_IN on string properties only match lowercase values.
      return multiValueOperators.includes(f.operator) ? raw.toLowerCase() : raw;
    };
    const path = `filters.${i}.value`;
    if (valuelessOperators.includes(f.operator)) out.push({ property: p.name, operator: f.operator });
    else if (multiValueOperators.includes(f.operator)) {
      const raw = f.values.length ? f.values : f.value.split(",").map((s) => s.trim()).filter(Boolean);
      out.push({ property: p.name, operator: f.operator, values: [...new Set(raw.map((v) => convert(v, path)))] });
    } else if (f.operator === "BETWEEN") {
      const low = convert(f.value, path);
      const high = convert(f.highValue, `filters.${i}.highValue`);
      if (!errors[path] && !errors[`filters.${i}.highValue`] && Number(low) > Number(high)) errors[`filters.${i}.highValue`] = "The upper bound is below the lower bound";
      out.push({ property: p.name, operator: f.operator, value: low, highValue: high });
    } else out.push({ property: p.name, operator: f.operator, value: convert(f.value, path) });
  });
  if (Object.keys(errors).length === 0 && JSON.stringify(out).length > MAX_FILTERS_JSON) {
    errors.filters = `These filters are too long for HubSpot's search (3,000 characters per request); use fewer or shorter values`;
  }
  return { filters: out, errors };
}

type SaveInput = PullRuleParsed;

export async function savePullRule(db: Db, workspaceId: string, actor: Actor, input: SaveInput, properties: HubSpotProperty[], listName?: string | null): Promise<string> {
  const { filters, errors } = toSearchFilters(input.filters, properties);
  if (Object.keys(errors).length > 0) throw new PullRuleValidationError(errors);
  const listId = input.listId || null;
  const values = { name: input.name, schedule: input.schedule, enabled: input.enabled, filters, listId, updatedAt: new Date() };
  return db.transaction(async (tx) => {
    let id = input.id;
    let before: typeof pullRules.$inferSelect | undefined;
    if (id) {
      [before] = await tx.select().from(pullRules).where(and(eq(pullRules.workspaceId, workspaceId), eq(pullRules.id, id))).for("update");
      if (!before) throw new PullRuleValidationError({ name: "This rule no longer exists." });
      // Changed filters or list start over with a full run; a rename or new schedule keeps the incremental cursor.
      const sameMatch = JSON.stringify(before.filters) === JSON.stringify(filters) && before.listId === listId;
      await tx.update(pullRules).set({ ...values, ...(sameMatch ? {} : { cursor: null }) }).where(eq(pullRules.id, id));
    } else {
      const [row] = await tx.insert(pullRules).values({ workspaceId, createdByEmail: actor.email, ...values }).returning({ id: pullRules.id });
      id = row.id;
    }
    const after = { name: values.name, schedule: values.schedule, enabled: values.enabled, filters, listId, listName: listName ?? null };
    await recordAudit(tx, workspaceId, actor, before ? "pull_rule.updated" : "pull_rule.created", {
      id,
      ...after,
      ...(before ? { before: { name: before.name, schedule: before.schedule, enabled: before.enabled, filters: before.filters, listId: before.listId } } : {}),
    });
    return id;
  });
}

export async function setPullRuleEnabled(db: Db, workspaceId: string, actor: Actor, id: string, enabled: boolean) {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(pullRules)
      .set({ enabled, updatedAt: new Date() })
      .where(and(eq(pullRules.workspaceId, workspaceId), eq(pullRules.id, id)))
      .returning({ name: pullRules.name });
    if (updated.length === 0) throw new PullRuleValidationError({ name: "This rule no longer exists." });
    await recordAudit(tx, workspaceId, actor, enabled ? "pull_rule.enabled" : "pull_rule.disabled", { id, name: updated[0].name });
  });
}

export async function deletePullRule(db: Db, workspaceId: string, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(pullRules).where(and(eq(pullRules.workspaceId, workspaceId), eq(pullRules.id, id))).returning({ name: pullRules.name });
    await recordAudit(tx, workspaceId, actor, "pull_rule.deleted", { id, name: deleted[0]?.name ?? null });
  });
}

/** The workspace's recent pull-rule audit entries (who changed what, when), newest first. */
export async function listPullRuleAudit(db: DbOrTx, workspaceId: string, limit = 20) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), like(auditLog.action, "pull_rule.%")))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
