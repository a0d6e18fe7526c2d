// Owners API v3 (reference §4): ten PERSON owners, two of them deactivated (only returned with archived=true,
// userId null, the user id kept in userIdIncludingInactive).
import { hsError, json, type SandboxRequest, type SandboxResponse } from "./http";

export type Owner = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number | null;
  userIdIncludingInactive: number;
  type: "PERSON" | "QUEUE";
  teams: Array<{ id: string; name: string; primary: boolean }>;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
};

const EMEA = { id: "4401", name: "Sales EMEA" };
const AMER = { id: "4402", name: "Sales Americas" };
const SDR = { id: "4403", name: "SDR" };

type Seed = [id: string, first: string, last: string, email: string, userId: number, teams: Array<{ id: string; name: string }>, deactivated?: boolean];
const OWNER_SEED: Seed[] = [
  ["300000101", "Alex", "Rivera", "hubspot-admin@acme-demo.com", 7001, [AMER]],
  ["300000102", "María", "González", "maria.gonzalez@acme-demo.com", 7002, [EMEA, SDR]],
  ["300000103", "Jürgen", "Weiß", "juergen.weiss@acme-demo.com", 7003, [EMEA]],
  ["300000104", "Priya", "Natarajan", "priya.natarajan@acme-demo.com", 7004, [AMER]],
  ["300000105", "Wei", "Chen", "wei.chen@acme-demo.com", 7005, [SDR]],
  ["300000106", "Olivia", "O'Brien", "olivia.obrien@acme-demo.com", 7006, [EMEA]],
  ["300000107", "Mateus", "Conceição", "mateus.conceicao@acme-demo.com", 7007, [AMER, SDR]],
  ["300000108", "Sam", "Taylor", "sam.taylor@acme-demo.com", 7008, []],
  ["300000109", "Björn", "Åkesson", "bjorn.akesson@acme-demo.com", 7009, [EMEA], true],
  ["300000110", "Dana", "Whitfield", "dana.whitfield@acme-demo.com", 7010, [AMER], true],
];

export function seedOwners(): Owner[] {
  return OWNER_SEED.map(([id, firstName, lastName, email, userId, teams, deactivated], i) => ({
    id,
    email,
    firstName,
    lastName,
    userId: deactivated ? null : userId,
    userIdIncludingInactive: userId,
    type: "PERSON",
    teams: teams.map((t, j) => ({ ...t, primary: j === 0 })),
    archived: !!deactivated,
    createdAt: new Date(Date.UTC(2021, 2, 1 + i * 7, 9, 15)).toISOString(),
    updatedAt: new Date(Date.UTC(2024, 5, 10 + i, 12, 0)).toISOString(),
  }));
}

export const ACTIVE_OWNER_IDS = OWNER_SEED.filter((o) => !o[6]).map((o) => o[0]);
export const DEACTIVATED_OWNER_IDS = OWNER_SEED.filter((o) => o[6]).map((o) => o[0]);

function bool(v: string | null): boolean {
  return v === "true";
}

export function listOwners(owners: Owner[], req: SandboxRequest): SandboxResponse {
  const limitRaw = req.query.get("limit");
  const limit = limitRaw ? Number(limitRaw) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw hsError(400, "VALIDATION_ERROR", `limit must be between 1 and 500`);
  const archived = bool(req.query.get("archived"));
  const email = req.query.get("email")?.toLowerCase();
  const matching = owners.filter((o) => o.archived === archived && (!email || o.email.toLowerCase() === email));
  const start = Number(req.query.get("after") ?? 0) || 0;
  const page = matching.slice(start, start + limit);
  const body: Record<string, unknown> = { results: page };
  if (start + limit < matching.length) {
    const after = String(start + limit);
    body.paging = { next: { after, link: `?after=${after}` } };
  }
  return json(200, body);
}

export function getOwner(owners: Owner[], req: SandboxRequest): SandboxResponse {
  const idProperty = req.query.get("idProperty") ?? "id";
  const archived = bool(req.query.get("archived"));
  const key = req.params.ownerId;
  const owner = owners.find((o) => (idProperty === "userId" ? String(o.userIdIncludingInactive) === key : o.id === key) && o.archived === archived);
  if (!owner) throw hsError(404, "OBJECT_NOT_FOUND", `Owner with ${idProperty}=${key} not found`);
  return json(200, owner);
}
