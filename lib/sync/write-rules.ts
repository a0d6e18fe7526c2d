/**
 * Write rules of a Data Model Sync row, as pure decisions.
 * Push: the target is HubSpot's value. Pull: the target is the Spara lead's value.
 */
export type WriteRule = "overwrite" | "fill_empty";

export type WriteDecision = "write" | "unchanged" | "keep-target" | "no-source-value";

/**
 * @param sourceEmpty the value being synced is empty: an empty value never clears the target.
 * @param targetEmpty the target currently holds nothing.
 * @param same the two values already mean the same.
 */
export function decideWrite(rule: WriteRule, sourceEmpty: boolean, targetEmpty: boolean, same: boolean): WriteDecision {
  if (sourceEmpty) return "no-source-value";
  if (same) return "unchanged";
  if (rule === "fill_empty" && !targetEmpty) return "keep-target";
  return "write";
}
