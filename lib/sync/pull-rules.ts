import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { pullRules, type PullFilter } from "@/drizzle/schema";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";
import type { HubSpotProperty } from "@/lib/hubspot/types";
import type { PullRuleParsed } from "@/lib/validators/pull-rule";

export class PullRuleValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("The rule has errors; nothing was saved.");
    this.name = "PullRuleValidationError";
  }
}

const NUMERIC_TYPES = new Set(["number", "date", "datetime"]);

/**
 * Checks each filter against the portal's property types the way HubSpot's search would, and converts values to what
 * search expects: enumeration option values (case-sensitive in HubSpot), dates as epoch milliseconds.
 */
export function toSearchFilters(filters: PullRuleParsed["filters"], properties: HubSpotProperty[]): { filters: PullFilter[]; errors: Record<string, string> } {
  const byName = new Map(properties.map((p) => [p.name, p]));
  const errors: Record<string, string> = {};
  const out: PullFilter[] = [];
  filters.forEach((f, i) => {
    const p = byName.get(f.property);
    if (!p) {
      errors[`filters.${i}.property`] = `HubSpot has no contact property "${f.property}"`;
      return;
    }
    if (["GT", "LT", "BETWEEN"].includes(f.operator) && !NUMERIC_TYPES.has(p.type)) {
      errors[`filters.${i}.operator`] = `“${f.operator.toLowerCase()}” needs a number or date property; ${p.label} is ${p.type}`;
      return;
    }
    if (f.operator === "CONTAINS_TOKEN" && p.type !== "string") {
      errors[`filters.${i}.operator`] = `“contains” works on text properties; ${p.label} is ${p.type}`;
      return;
    }
    const convert = (raw: string, path: string): string | undefined => {
      if (p.type === "enumeration" && !p.externalOptions) {
        const o = p.options.find((x) => x.value === raw) ?? p.options.find((x) => x.value.toLowerCase() === raw.toLowerCase() || x.label.toLowerCase() === raw.toLowerCase());
        if (!o) errors[path] = `“${raw}” is not an option of ${p.label}: ${p.options.map((x) => x.label).join(", ")}`;
        return o?.value;
      }
      if (p.type === "number") {
        if (!Number.isFinite(Number(raw))) errors[path] = `${p.label} is a number`;
        return raw;
      }
      if (p.type === "date" || p.type === "datetime") {
        const t = new Date(raw).getTime();
        if (Number.isNaN(t)) errors[path] = `“${raw}” is not a date (use YYYY-MM-DD)`;
        return String(t);
      }
      // HubSpot's IN / NOT_IN on string properties only match lowercase values.
      return ["IN", "NOT_IN"].includes(f.operator) ? raw.toLowerCase() : raw;
    };
    if (f.operator === "HAS_PROPERTY" || f.operator === "NOT_HAS_PROPERTY") out.push({ property: p.name, operator: f.operator });
    else if (f.operator === "IN" || f.operator === "NOT_IN") {
      const values = f.value.split(",").map((s) => s.trim()).filter(Boolean).map((v) => convert(v, `filters.${i}.value`) ?? v);
      out.push({ property: p.name, operator: f.operator, values });
    } else if (f.operator === "BETWEEN") {
      out.push({ property: p.name, operator: f.operator, value: convert(f.value, `filters.${i}.value`), highValue: convert(f.highValue, `filters.${i}.highValue`) });
    } else out.push({ property: p.name, operator: f.operator, value: convert(f.value, `filters.${i}.value`) });
  });
  return { filters: out, errors };
}

export async function savePullRule(db: Db, workspaceId: string, actor: Actor, input: PullRuleParsed, properties: HubSpotProperty[]): Promise<string> {
  const { filters, errors } = toSearchFilters(input.filters, properties);
  if (Object.keys(errors).length > 0) throw new PullRuleValidationError(errors);
  const values = { name: input.name, schedule: input.schedule, enabled: input.enabled, filters, updatedAt: new Date() };
  return db.transaction(async (tx) => {
    let id = input.id;
    if (id) {
      // Changed filters start over with a full run.
      const updated = await tx.update(pullRules).set({ ...values, cursor: null }).where(and(eq(pullRules.workspaceId, workspaceId), eq(pullRules.id, id))).returning({ id: pullRules.id });
      if (updated.length === 0) throw new PullRuleValidationError({ name: "This rule no longer exists." });
    } else {
      const [row] = await tx.insert(pullRules).values({ workspaceId, createdByEmail: actor.email, ...values }).returning({ id: pullRules.id });
      id = row.id;
    }
    await recordAudit(tx, workspaceId, actor, input.id ? "pull_rule.updated" : "pull_rule.created", { id, ...values });
    return id;
  });
}

export async function deletePullRule(db: Db, workspaceId: string, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    await tx.delete(pullRules).where(and(eq(pullRules.workspaceId, workspaceId), eq(pullRules.id, id)));
    await recordAudit(tx, workspaceId, actor, "pull_rule.deleted", { id });
  });
}
