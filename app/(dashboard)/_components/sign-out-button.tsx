"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button className="btn btn-icon small" style={{ marginTop: 8 }} onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </button>
  );
}
