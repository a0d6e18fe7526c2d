import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { SignOutButton } from "./_components/sign-out-button";
import { NavLink } from "./_components/nav-link";

// Every dashboard page is per user and per workspace: never prerendered at build time.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Spara</div>
        <NavLink href="/leads">Leads</NavLink>
        {can(ctx.role, "simulator.use") && <NavLink href="/simulator">Conversation simulator</NavLink>}
        <NavLink href="/workflows">Workflows</NavLink>
        <NavLink href="/data-model">Data Model</NavLink>
        <NavLink href="/settings/integrations">Integrations</NavLink>
        <NavLink href="/settings/api-keys">API keys</NavLink>
        <div className="who">
          <div>{ctx.name}</div>
          <div>{ctx.email}</div>
          <div>
            {ctx.workspaceName} · <span data-testid="role">{ctx.role}</span>
          </div>
          <SignOutButton />
        </div>
      </nav>
      <main className="main">{children}</main>
    </div>
  );
}
