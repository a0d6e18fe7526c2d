export type Role = "admin" | "member" | "csm";

export const permissions = [
  "leads.read",
  "settings.read",
  "hubspot.connect",
  "hubspot.settings.edit",
  "datamodel.edit",
  "simulator.use",
  "sync.run",
  "apikeys.manage",
  "pullrules.read",
  "pullrules.edit",
  "workflows.edit",
] as const;
export type Permission = (typeof permissions)[number];

const memberPermissions: Permission[] = ["leads.read", "settings.read", "pullrules.read"];
const adminPermissions: Permission[] = [...memberPermissions, "hubspot.connect", "hubspot.settings.edit", "datamodel.edit", "simulator.use", "sync.run", "apikeys.manage", "workflows.edit"];

/** PRODUCT.md "Who uses it": a CSM can do everything an admin can, plus edit and run pull rules. */
export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  member: new Set(memberPermissions),
  admin: new Set(adminPermissions),
  csm: new Set([...adminPermissions, "pullrules.edit"]),
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}
