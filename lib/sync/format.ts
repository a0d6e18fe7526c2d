import type { PullFilter, RunCounts } from "@/drizzle/schema";

export function countsText(c: RunCounts): string {
  const parts = (["marked", "imported", "created", "updated", "unchanged", "skipped", "failed", "pages"] as const)
    .filter((k) => c[k])
    .map((k) => `${c[k]} ${k}`);
  return parts.length ? parts.join(" · ") : "no records";
}

export function filtersText(filters: PullFilter[]): string {
  return filters
    .map((f) => {
      const v = f.values ? f.values.join(", ") : f.highValue ? `${f.value} … ${f.highValue}` : (f.value ?? "");
      return `${f.property} ${f.operator}${v ? ` ${v}` : ""}`;
    })
    .join(" AND ");
}
