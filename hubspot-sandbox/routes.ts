// The HubSpot API surface the sandbox serves: path template → handler, required scopes and rate-limit bucket.
import type { Ctx } from "./context";
import * as contacts from "./contacts";
import * as lists from "./lists";
import * as oauth from "./oauth";
import { getOwner, listOwners } from "./owners";
import { getProperty, listProperties } from "./properties";
import { searchContacts } from "./search";
import { Router } from "./router";
import type { SandboxRequest, SandboxResponse } from "./http";
import type { LimitKind } from "./rate-limit";

export type RouteMeta = { scopes?: string[]; limit?: LimitKind };

const READ = ["crm.objects.contacts.read"];
const WRITE = ["crm.objects.contacts.write"];
// The properties spec accepts many scopes, including contacts read (reference §1 table).
const SCHEMA = ["crm.schemas.contacts.read", "crm.objects.contacts.read", "crm.objects.contacts.write"];
const OWNERS = ["crm.objects.owners.read"];
const LISTS = ["crm.lists.read", "crm.lists.write"];

export function buildRoutes(ctx: Ctx): { router: Router; meta: Map<string, RouteMeta> } {
  const router = new Router();
  const meta = new Map<string, RouteMeta>();
  const add = (method: string, template: string, m: RouteMeta | null, h: (ctx: Ctx, req: SandboxRequest) => SandboxResponse) => {
    router.add(method, template, (req) => h(ctx, req));
    meta.set(`${method} ${template}`, m ?? {});
  };
  const api = (scopes: string[], limit: LimitKind = "burst"): RouteMeta => ({ scopes, limit });

  // OAuth (no bearer auth, not rate limited)
  add("GET", "/oauth/authorize", null, (c, r) => oauth.authorizePage(c.oauth, r));
  add("GET", "/oauth/{hubId}/authorize", null, (c, r) => oauth.authorizePage(c.oauth, r));
  add("POST", "/oauth/authorize/decision", null, (c, r) => oauth.authorizeDecision(c.oauth, c.clock, r));
  add("POST", "/oauth/v1/token", null, (c, r) => oauth.token(c.oauth, c.clock, r, "v1"));
  add("POST", "/oauth/v3/token", null, (c, r) => oauth.token(c.oauth, c.clock, r, "v3"));
  add("POST", "/oauth/v3/token/revoke", null, (c, r) => oauth.revoke(c.oauth, r));
  add("POST", "/oauth/v3/token/introspect", null, (c, r) => oauth.introspect(c.oauth, c.clock, r));
  add("GET", "/oauth/v1/access-tokens/{token}", null, (c, r) => oauth.accessTokenInfo(c.oauth, c.clock, r));
  add("GET", "/oauth/v1/refresh-tokens/{token}", null, (c, r) => oauth.refreshTokenInfo(c.oauth, r));
  add("DELETE", "/oauth/v1/refresh-tokens/{token}", null, (c, r) => oauth.deleteRefreshToken(c.oauth, r));

  // Contacts
  const C = "/crm/v3/objects/contacts";
  add("GET", C, api(READ), contacts.listContacts);
  add("POST", C, api(WRITE), contacts.createContact);
  add("GET", `${C}/{contactId}`, api(READ), contacts.getContact);
  add("PATCH", `${C}/{contactId}`, api(WRITE), contacts.updateContact);
  add("DELETE", `${C}/{contactId}`, api(WRITE), contacts.archiveContact);
  add("POST", `${C}/batch/read`, api(READ), contacts.batchRead);
  add("POST", `${C}/batch/create`, api(WRITE), contacts.batchCreate);
  add("POST", `${C}/batch/update`, api(WRITE), contacts.batchUpdate);
  add("POST", `${C}/batch/upsert`, api(WRITE), contacts.batchUpsert);
  add("POST", `${C}/batch/archive`, api(WRITE), contacts.batchArchive);
  add("POST", `${C}/merge`, api(WRITE), contacts.mergeContacts);
  add("POST", `${C}/search`, api(READ, "search"), searchContacts);

  // Properties, owners, lists
  add("GET", "/crm/v3/properties/{objectType}", api(SCHEMA), listProperties);
  add("GET", "/crm/v3/properties/{objectType}/{propertyName}", api(SCHEMA), getProperty);
  add("GET", "/crm/v3/owners", api(OWNERS), (c, r) => listOwners(c.owners, r));
  add("GET", "/crm/v3/owners/{ownerId}", api(OWNERS), (c, r) => getOwner(c.owners, r));
  add("POST", "/crm/v3/lists/search", api(LISTS), lists.searchLists);
  add("GET", "/crm/v3/lists/{listId}", api(LISTS), lists.getList);
  add("GET", "/crm/v3/lists/{listId}/memberships", api(LISTS), lists.listMemberships);
  add("GET", "/crm/v3/lists/{listId}/memberships/join-order", api(LISTS), lists.listMembershipsJoinOrder);
  add("GET", "/crm/v3/lists/object-type-id/{objectTypeId}/name/{listName}", api(LISTS), lists.getListByName);
  add("GET", "/crm/v3/lists/records/{objectTypeId}/{recordId}/memberships", api(LISTS), lists.recordMemberships);
  return { router, meta };
}
