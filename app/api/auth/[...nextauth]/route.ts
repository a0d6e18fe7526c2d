import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Built per request, not at import: `next build` loads this module without the runtime secrets.
type RouteContext = { params: Promise<{ nextauth: string[] }> };
async function handler(req: Request, ctx: RouteContext) {
  return NextAuth(req as never, ctx as never, authOptions());
}
export { handler as GET, handler as POST };
