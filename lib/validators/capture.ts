import { z } from "zod";

const fieldValue = z.union([z.string().max(65_536), z.number().finite(), z.boolean(), z.array(z.string().max(1_000)).max(100), z.null()]);

/** One capture event from a conversation: the lead's fields seen so far and the conversation's insights. */
export const captureSchema = z
  .object({
    conversationId: z.string().trim().min(1, "conversationId is required").max(200),
    fields: z.record(z.string().min(1).max(100), fieldValue).default({}),
    insights: z
      .object({
        summary: z.string().max(65_536).optional(),
        intent: z.enum(["high", "medium", "low"]).optional(),
        meetingBooked: z.boolean().optional(),
        lastConversationAt: z.iso.datetime({ offset: true }).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type CaptureInput = z.infer<typeof captureSchema>;

export const emailSchema = z.email("email is not a valid email address");
