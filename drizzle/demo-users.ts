/** The demo workspace's users: local demo credentials only, printed by `npm run dev` and listed in the README. */
export const demoUsers = [
  { email: "admin@acme.test", name: "Ada Admin", password: "acme-admin-demo", role: "admin", workspace: "acme" },
  { email: "member@acme.test", name: "Max Member", password: "acme-member-demo", role: "member", workspace: "acme" },
  { email: "csm@spara.test", name: "Cleo CSM", password: "spara-csm-demo", role: "csm", workspace: "acme" },
  { email: "admin@globex.test", name: "Gil Globex", password: "globex-admin-demo", role: "admin", workspace: "globex" },
] as const;
