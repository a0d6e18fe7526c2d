import type { z } from "zod";
import { AuthError, requirePermission, type SessionContext } from "./session";
import type { Permission } from "./permissions";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** An error whose message is safe and useful to show next to the form (or a field of it). */
export class UserFacingError extends Error {
  constructor(message: string, readonly fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "UserFacingError";
  }
}

/**
 * The one wrapper every server action goes through: parse the input with zod, load the session and its workspace
 * (never from client input), check the permission, run, and turn errors into a message for the form.
 */
export function defineAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (ctx: SessionContext, input: z.infer<S>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const ctx = await requirePermission(permission);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
        return { ok: false, error: "Please fix the highlighted fields.", fieldErrors };
      }
      return { ok: true, data: await run(ctx, parsed.data) };
    } catch (err) {
      if (err instanceof AuthError || err instanceof UserFacingError) {
        return { ok: false, error: err.message, fieldErrors: err instanceof UserFacingError ? err.fieldErrors : undefined };
      }
      console.error(`Server action failed (${permission}):`, err);
      return { ok: false, error: "Something went wrong on our side; nothing was saved. Please try again." };
    }
  };
}
