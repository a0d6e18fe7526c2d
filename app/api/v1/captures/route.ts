import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/api-keys/keys";
import { captureSchema } from "@/lib/validators/capture";
import { CaptureError } from "@/lib/ingest/capture";
import { ingestCapture } from "@/lib/ingest/capture-and-wake";
import { sendEvents } from "@/inngest/client";

/** A capture is a few fields and a summary; anything far larger is a client bug, refused before parsing. */
const MAX_BODY_BYTES = 256 * 1024;

function problem(status: number, error: string, issues?: { path: string; message: string }[]) {
  return NextResponse.json({ error, ...(issues ? { issues } : {}) }, { status });
}

/**
 * POST /api/v1/captures — the agents' ingestion endpoint (versioned; authenticated by a workspace API key).
 * Body: { conversationId, fields: { email?, firstName?, … }, insights?: { summary?, intent?, meetingBooked?, lastConversationAt? } }.
 * A bad key or payload gets a 4xx with a precise message and changes nothing.
 */
export async function POST(request: Request) {
  const auth = request.headers.get("authorization") ?? "";
  const presented = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
  if (!presented) return problem(401, "Missing API key: send `Authorization: Bearer spk_…`.");
  const db = await getDb();
  const key = await authenticateApiKey(db, presented);
  if (!key) return problem(401, "Invalid or revoked API key.");

  if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
    return problem(415, "Send the capture as JSON with `Content-Type: application/json`.");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return problem(413, `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return problem(400, "The body is not valid JSON.");
  }
  const parsed = captureSchema.safeParse(json);
  if (!parsed.success) {
    return problem(
      400,
      "The capture is not valid; nothing was recorded.",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })),
    );
  }
  try {
    const result = await ingestCapture(db, key.workspaceId, parsed.data, (workspaceId) =>
      sendEvents([{ name: "lead/push.requested", data: { workspaceId } }]),
    );
    return NextResponse.json(result, { status: result.created ? 201 : 200 });
  } catch (err) {
    if (err instanceof CaptureError) return problem(422, err.message, [{ path: err.field, message: err.message }]);
    throw err;
  }
}
