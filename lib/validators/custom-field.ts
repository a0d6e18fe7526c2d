import { z } from "zod";

export const customFieldSchema = z
  .object({
    label: z.string().trim().min(1, "Give the field a label").max(80),
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-zA-Z0-9]{0,39}$/, "Use camelCase letters and digits, starting with a lowercase letter (e.g. budgetRange)"),
    type: z.enum(["text", "number", "boolean", "date", "select", "multiselect"]),
    options: z.string().max(2000).default(""),
  })
  .superRefine((v, ctx) => {
    if ((v.type === "select" || v.type === "multiselect") && v.options.split(",").map((s) => s.trim()).filter(Boolean).length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "List the options, comma-separated" });
    }
  });

export type CustomFieldInput = z.input<typeof customFieldSchema>;
