// Properties API v3 for contacts (reference §3).
import type { Ctx } from "./context";
import { hsError, json, type SandboxRequest, type SandboxResponse } from "./http";
import { PROPERTIES_BY_NAME, PROPERTY_DEFINITIONS, publicDefinition } from "./properties-catalog";

function checkObjectType(req: SandboxRequest): void {
  const t = req.params.objectType;
  if (t !== "contacts" && t !== "contact" && t !== "0-1") throw hsError(400, "VALIDATION_ERROR", `Unable to infer object type from: ${t}. The sandbox only has contacts.`);
}

export function listProperties(_ctx: Ctx, req: SandboxRequest): SandboxResponse {
  checkObjectType(req);
  if (req.query.get("archived") === "true") return json(200, { results: [] });
  const only = req.query.get("properties")?.split(",").filter(Boolean);
  const defs = only ? PROPERTY_DEFINITIONS.filter((p) => only.includes(p.name)) : PROPERTY_DEFINITIONS;
  return json(200, { results: defs.map(publicDefinition) });
}

export function getProperty(_ctx: Ctx, req: SandboxRequest): SandboxResponse {
  checkObjectType(req);
  const def = PROPERTIES_BY_NAME.get(req.params.propertyName);
  if (!def) throw hsError(404, "OBJECT_NOT_FOUND", `Unable to find property ${req.params.propertyName} on object type CONTACT`);
  return json(200, publicDefinition(def));
}
