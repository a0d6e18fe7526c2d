import { describe, expect, it } from "vitest";
import { decideWrite } from "./write-rules";

describe("decideWrite", () => {
  // rule × source empty × target empty × same → decision
  const table: [Parameters<typeof decideWrite>, ReturnType<typeof decideWrite>][] = [
    [["overwrite", false, false, false], "write"],
    [["overwrite", false, true, false], "write"],
    [["overwrite", false, false, true], "unchanged"],
    [["overwrite", true, false, false], "no-source-value"],
    [["overwrite", true, true, false], "no-source-value"],
    [["fill_empty", false, true, false], "write"],
    [["fill_empty", false, false, false], "keep-target"],
    [["fill_empty", false, false, true], "unchanged"],
    [["fill_empty", true, true, false], "no-source-value"],
    [["fill_empty", true, false, false], "no-source-value"],
  ];
  it.each(table)("%j → %s", (args, expected) => {
    expect(decideWrite(...args)).toBe(expected);
  });
});
