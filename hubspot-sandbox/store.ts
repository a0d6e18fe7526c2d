// Contact storage. Column-oriented on purpose: one array per property instead of one object per contact,
// so 100,000 seeded contacts stay small (repeated values such as enum options share one string) and seed fast.
// Rows are appended in id order, so "after"-paging by id is a binary search.
import { ALWAYS_RETURNED, DEFAULT_PROPERTIES, PROPERTIES_BY_NAME, STORED_PROPERTY_NAMES } from "./properties-catalog";
import type { Clock } from "./clock";

export type PublicObject = {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
};

/** What the search index shows for a row while a write is still "being indexed". */
type IndexedView = { values: Map<string, string | undefined>; archived: boolean; updated: number } | null;

const LIVE = -1;

export class ContactStore {
  private ids: number[] = [];
  private created: number[] = [];
  private updated: number[] = [];
  private archivedAt: number[] = []; // 0 = not archived
  private mergedInto: number[] = []; // LIVE, or the row this one was merged into
  private cols = new Map<string, (string | undefined)[]>();
  private rowById = new Map<number, number>();
  private emailRow = new Map<string, number>(); // live rows only, key = lower-cased email
  private pending = new Map<number, { visibleAt: number; view: IndexedView }>();
  nextId: number;
  searchIndexLagMs = 0;

  constructor(
    private clock: Clock,
    firstId: number,
  ) {
    this.nextId = firstId;
    for (const name of STORED_PROPERTY_NAMES) this.cols.set(name, []);
  }

  get rowCount(): number {
    return this.ids.length;
  }

  /** Appends a contact. Values must already be validated/normalised; email must be lower-case. */
  insert(values: Record<string, string | undefined>, opts: { at?: number; id?: number } = {}): number {
    const at = opts.at ?? this.clock.now();
    const id = opts.id ?? this.nextId;
    if (id >= this.nextId) this.nextId = id + 1;
    const row = this.ids.length;
    this.ids.push(id);
    this.created.push(at);
    this.updated.push(at);
    this.archivedAt.push(0);
    this.mergedInto.push(LIVE);
    for (const [name, col] of this.cols) {
      const v = values[name];
      col.push(v === "" ? undefined : v);
    }
    this.rowById.set(id, row);
    const email = values.email;
    if (email) this.emailRow.set(email.toLowerCase(), row);
    this.markWritten(row, null);
    return row;
  }

  /** Sets properties; "" or undefined clears. Returns the row. */
  update(row: number, values: Record<string, string | undefined>, opts: { touch?: boolean } = {}): void {
    const before = this.searchIndexLagMs > 0 ? this.snapshot(row) : null;
    for (const [name, raw] of Object.entries(values)) {
      const col = this.cols.get(name);
      if (!col) continue;
      const v = raw === "" ? undefined : raw;
      if (name === "email") {
        const old = col[row];
        if (old && this.emailRow.get(old.toLowerCase()) === row) this.emailRow.delete(old.toLowerCase());
        if (v && this.isLive(row)) this.emailRow.set(v.toLowerCase(), row);
      }
      col[row] = v;
    }
    if (opts.touch !== false) this.updated[row] = this.clock.now();
    this.markWritten(row, before);
  }

  archive(row: number): void {
    const before = this.searchIndexLagMs > 0 ? this.snapshot(row) : null;
    this.archivedAt[row] = this.clock.now();
    this.updated[row] = this.clock.now();
    const email = this.cols.get("email")![row];
    if (email && this.emailRow.get(email) === row) this.emailRow.delete(email);
    this.markWritten(row, before);
  }

  /**
   * Merges `oldRows` into a new record holding `values`. Every id that pointed at an old row (including ids merged
   * into it earlier) now resolves to the new row. Returns the new row.
   */
  mergeRows(oldRows: number[], values: Record<string, string | undefined>): number {
    const newRow = this.ids.length;
    for (const row of oldRows) {
      const before = this.searchIndexLagMs > 0 ? this.snapshot(row) : null;
      this.mergedInto[row] = newRow;
      const email = this.cols.get("email")![row];
      if (email && this.emailRow.get(email) === row) this.emailRow.delete(email);
      this.markWritten(row, before);
    }
    const inserted = this.insert(values);
    const old = new Set(oldRows);
    for (const [id, r] of this.rowById) if (old.has(r)) this.rowById.set(id, inserted);
    return inserted;
  }

  /** Seed-only: historical timestamps. */
  setTimes(row: number, created: number, updated: number): void {
    this.created[row] = created;
    this.updated[row] = updated;
  }

  isLive(row: number): boolean {
    return this.archivedAt[row] === 0 && this.mergedInto[row] === LIVE;
  }
  isArchived(row: number): boolean {
    return this.archivedAt[row] !== 0 && this.mergedInto[row] === LIVE;
  }

  /** Resolves an id (following merges). Archived rows only when includeArchived. */
  rowForId(id: string | number, includeArchived = false): number | undefined {
    const n = typeof id === "number" ? id : /^\d+$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(n)) return undefined;
    const row = this.rowById.get(n);
    if (row === undefined || this.mergedInto[row] !== LIVE) return undefined;
    if (!includeArchived && this.archivedAt[row] !== 0) return undefined;
    return row;
  }

  rowForEmail(email: string): number | undefined {
    return this.emailRow.get(email.trim().toLowerCase());
  }

  /** Like rowForEmail but also finds archived contacts (test endpoint only). */
  rowsForEmailIncludingArchived(email: string): number[] {
    const want = email.trim().toLowerCase();
    const col = this.cols.get("email")!;
    const rows: number[] = [];
    for (let r = 0; r < col.length; r++) if (col[r] === want && this.mergedInto[r] === LIVE) rows.push(r);
    return rows;
  }

  idOf(row: number): string {
    return String(this.ids[row]);
  }
  idsMergedInto(row: number): number[] {
    const out: number[] = [];
    for (const [id, r] of this.rowById) if (r === row && id !== this.ids[row]) out.push(id);
    return out;
  }

  value(row: number, name: string): string | undefined {
    switch (name) {
      case "hs_object_id":
        return String(this.ids[row]);
      case "createdate":
        return new Date(this.created[row]).toISOString();
      case "lastmodifieddate":
        return new Date(this.updated[row]).toISOString();
      default:
        return this.cols.get(name)?.[row];
    }
  }

  /** All stored values of a row (for merges and the test endpoints). */
  storedValues(row: number): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const [name, col] of this.cols) if (col[row] !== undefined) out[name] = col[row];
    return out;
  }

  /**
   * The API shape. `requested` undefined → HubSpot's default set; otherwise the requested properties that exist
   * (unknown names are ignored, as HubSpot does) plus the three it always adds. Missing values are null.
   */
  toObject(row: number, requested?: string[] | "all"): PublicObject {
    let names: string[];
    if (requested === "all") names = [...PROPERTIES_BY_NAME.keys()];
    else if (!requested || requested.length === 0) names = DEFAULT_PROPERTIES;
    else names = [...new Set([...requested.filter((n) => PROPERTIES_BY_NAME.has(n)), ...ALWAYS_RETURNED])];
    const properties: Record<string, string | null> = {};
    for (const n of names) properties[n] = this.value(row, n) ?? null;
    const obj: PublicObject = {
      id: String(this.ids[row]),
      properties,
      createdAt: new Date(this.created[row]).toISOString(),
      updatedAt: new Date(this.updated[row]).toISOString(),
      archived: this.archivedAt[row] !== 0,
    };
    if (obj.archived) obj.archivedAt = new Date(this.archivedAt[row]).toISOString();
    return obj;
  }

  /** Rows in id order starting at the first id >= afterId, filtered by archived state. */
  *rowsFrom(afterId: number, archived: boolean): Generator<number> {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ids[mid] < afterId) lo = mid + 1;
      else hi = mid;
    }
    for (let r = lo; r < this.ids.length; r++) {
      if (this.mergedInto[r] !== LIVE) continue;
      if ((this.archivedAt[r] !== 0) === archived) yield r;
    }
  }

  // ---- search index view (index lag) ----

  private snapshot(row: number): IndexedView {
    const values = new Map<string, string | undefined>();
    for (const [name, col] of this.cols) values.set(name, col[row]);
    return { values, archived: !this.isLive(row), updated: this.updated[row] };
  }

  /** Remembers what search showed before this write, until searchIndexLagMs has passed. */
  private markWritten(row: number, before: IndexedView): void {
    if (this.searchIndexLagMs <= 0) return;
    const now = this.clock.now();
    const prev = this.pending.get(row);
    const view = prev && prev.visibleAt > now ? prev.view : before;
    this.pending.set(row, { visibleAt: now + this.searchIndexLagMs, view });
  }

  /**
   * For search: a value reader for the row as the index currently sees it, or undefined when the row is not in
   * the index (archived, merged away, or created too recently).
   */
  indexedReader(row: number, now: number): ((name: string) => string | undefined) | undefined {
    if (this.pending.size > 0) {
      const p = this.pending.get(row);
      if (p) {
        if (p.visibleAt > now) {
          const view = p.view;
          if (!view || view.archived) return undefined;
          return (name) => (name === "hs_object_id" ? String(this.ids[row]) : name === "createdate" ? new Date(this.created[row]).toISOString() : name === "lastmodifieddate" ? new Date(view.updated).toISOString() : view.values.get(name));
        }
        this.pending.delete(row);
      }
    }
    if (!this.isLive(row)) return undefined;
    return (name) => this.value(row, name);
  }

  /** For search sort and results: row's created time (default sort) */
  createdAt(row: number): number {
    return this.created[row];
  }
  /** Raw access for fast search scans. */
  column(name: string): (string | undefined)[] | undefined {
    return this.cols.get(name);
  }
}
