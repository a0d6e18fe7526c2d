// One sandbox instance: the portal's state plus the test controls (faults, limits, request log, clock).
// Kept separate from the HTTP server so state can be rebuilt by /_sandbox/reset without restarting.
import { Clock } from "./clock";
import type { Ctx } from "./context";
import { Faults } from "./faults";
import { ListStore } from "./lists";
import { OAuthState } from "./oauth";
import { seedOwners } from "./owners";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { buildRoutes, type RouteMeta } from "./routes";
import type { Router } from "./router";
import { FIRST_CONTACT_ID, seedContacts } from "./seed";
import { ContactStore } from "./store";

export type SandboxConfig = {
  seed: number;
  contacts: number;
  clientId: string;
  clientSecret: string;
  accessTokenTtlSeconds: number;
  tenSecondlyLimit: number | false;
  searchPerSecondLimit: number | false;
  searchIndexLagMs: number;
  rejectSurroundingWhitespace: boolean;
};

export class Sandbox {
  readonly clock = new Clock();
  readonly log = new RequestLog();
  readonly faults: Faults;
  readonly limiter: RateLimiter;
  readonly ctx: Ctx;
  readonly router: Router;
  readonly routeMeta: Map<string, RouteMeta>;

  constructor(readonly config: SandboxConfig) {
    this.faults = new Faults(config.seed);
    this.limiter = new RateLimiter(config.tenSecondlyLimit, config.searchPerSecondLimit);
    const oauth = new OAuthState(this.clock, config.accessTokenTtlSeconds);
    oauth.clients.set(config.clientId, config.clientSecret);
    this.ctx = { clock: this.clock, oauth, validation: { rejectSurroundingWhitespace: config.rejectSurroundingWhitespace }, ...this.freshData() };
    const { router, meta } = buildRoutes(this.ctx);
    this.router = router;
    this.routeMeta = meta;
  }

  private freshData(): Pick<Ctx, "store" | "lists" | "seedFacts" | "owners"> {
    const store = new ContactStore(this.clock, FIRST_CONTACT_ID);
    const lists = new ListStore();
    const seedFacts = seedContacts(store, this.config.seed, this.config.contacts, (l, id, at) => lists.add(l, id, at));
    store.searchIndexLagMs = this.config.searchIndexLagMs; // after seeding: seeded data is already indexed
    return { store, lists, seedFacts, owners: seedOwners() };
  }

  /** Reseeds data, clears the request log, faults and rate windows. Tokens survive unless `tokens` is true. */
  reset(opts: { tokens?: boolean; seed?: number; contacts?: number } = {}): void {
    if (opts.seed !== undefined) this.config.seed = opts.seed;
    if (opts.contacts !== undefined) this.config.contacts = opts.contacts;
    Object.assign(this.ctx, this.freshData());
    this.log.clear();
    this.faults.clear();
    this.limiter.reset();
    if (opts.tokens) this.ctx.oauth.clearTokens();
  }

  configure(c: Partial<Pick<SandboxConfig, "tenSecondlyLimit" | "searchPerSecondLimit" | "searchIndexLagMs" | "accessTokenTtlSeconds" | "rejectSurroundingWhitespace">>): SandboxConfig {
    if (c.tenSecondlyLimit !== undefined) this.config.tenSecondlyLimit = this.limiter.tenSecondlyLimit = c.tenSecondlyLimit;
    if (c.searchPerSecondLimit !== undefined) this.config.searchPerSecondLimit = this.limiter.searchPerSecondLimit = c.searchPerSecondLimit;
    if (c.searchIndexLagMs !== undefined) this.config.searchIndexLagMs = this.ctx.store.searchIndexLagMs = c.searchIndexLagMs;
    if (c.accessTokenTtlSeconds !== undefined) this.config.accessTokenTtlSeconds = this.ctx.oauth.accessTokenTtlSeconds = c.accessTokenTtlSeconds;
    if (c.rejectSurroundingWhitespace !== undefined) this.config.rejectSurroundingWhitespace = this.ctx.validation.rejectSurroundingWhitespace = c.rejectSurroundingWhitespace;
    return { ...this.config };
  }
}
