import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { users } from "@/drizzle/schema";
import { env } from "@/lib/env";
import { verifyPassword } from "./password";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

export function authOptions(): NextAuthOptions {
  return {
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    secret: env().NEXTAUTH_SECRET,
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const db = await getDb();
          const [user] = await db.select().from(users).where(eq(users.email, parsed.data.email.trim().toLowerCase()));
          if (!user || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      // Only the user id travels in the token; role and workspace are read from the database on every request,
      // so a changed membership takes effect at once.
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
