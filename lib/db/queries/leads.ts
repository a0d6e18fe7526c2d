import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { leads } from "@/drizzle/schema";

export type LeadListFilters = { q?: string; source?: string; link?: "linked" | "unlinked"; owner?: string; page: number; pageSize: number };

export async function listLeads(db: DbOrTx, workspaceId: string, f: LeadListFilters) {
  const where: (SQL | undefined)[] = [eq(leads.workspaceId, workspaceId)];
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(leads.email, like), sql`${leads.fields}->>'firstName' ILIKE ${like}`, sql`${leads.fields}->>'lastName' ILIKE ${like}`, sql`${leads.fields}->>'company' ILIKE ${like}`));
  }
  if (f.source) where.push(eq(leads.source, f.source));
  if (f.link === "linked") where.push(isNotNull(leads.hubspotContactId));
  if (f.link === "unlinked") where.push(isNull(leads.hubspotContactId));
  if (f.owner === "none") where.push(isNull(leads.ownerId));
  else if (f.owner) where.push(eq(leads.ownerEmail, f.owner));
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(leads).where(cond).orderBy(desc(leads.updatedAt), asc(leads.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(leads).where(cond),
  ]);
  return { rows, total: Number(total) };
}

export async function listLeadOwners(db: DbOrTx, workspaceId: string) {
  return db
    .selectDistinct({ email: leads.ownerEmail, firstName: leads.ownerFirstName, lastName: leads.ownerLastName })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), isNotNull(leads.ownerEmail)))
    .orderBy(asc(leads.ownerEmail));
}

export async function getLead(db: DbOrTx, workspaceId: string, leadId: string) {
  const [row] = await db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)));
  return row;
}
