import { withAuth } from "next-auth/middleware";

// A first gate only: every page, action and route still checks the session, workspace and role on the server.
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!login|api/|_next/|favicon.ico).*)"],
};
