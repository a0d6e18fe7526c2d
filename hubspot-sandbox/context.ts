// Everything a handler may need, created once per sandbox instance (no module-level state, so several
// sandboxes can run in one process, e.g. parallel test files).
import type { Clock } from "./clock";
import type { ContactStore } from "./store";
import type { Owner } from "./owners";
import type { OAuthState } from "./oauth";
import type { ListStore } from "./lists";
import type { SeedFacts } from "./seed";

export type Ctx = {
  clock: Clock;
  store: ContactStore;
  owners: Owner[];
  oauth: OAuthState;
  lists: ListStore;
  seedFacts: SeedFacts;
  /** Write-validation switches tests can flip (see SandboxOptions.rejectSurroundingWhitespace). */
  validation: { rejectSurroundingWhitespace: boolean };
};
