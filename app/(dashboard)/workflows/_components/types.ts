import type { StoredCondition } from "@/drizzle/schema";
import type { LeadVariables, VariableDef } from "@/lib/workflows/variables";

export type TemplateRow = { id: string; name: string; body: string };
export type RuleRow = { id: string; name: string; match: "all" | "any"; conditions: StoredCondition[]; actionType: "route_to_owner" | "send_template"; templateId: string | null; enabled: boolean };
export type LeadOption = { id: string; name: string; email: string | null };
export type PreviewLead = { id: string; name: string; vars: LeadVariables } | null;
export type { VariableDef };
