// Deterministic portal seed: fixed contacts tests can name (stable ids, independent of seed and count), then
// `count` generated contacts from a seeded PRNG. Timestamps are fixed calendar dates, not "now", so the data is
// identical on every run.
import { createRng, type Rng } from "./prng";
import type { ContactStore } from "./store";
import { ACTIVE_OWNER_IDS, DEACTIVATED_OWNER_IDS } from "./owners";
import * as D from "./seed-data";

export const FIRST_CONTACT_ID = 51_000_000_001;
export const FIRST_GENERATED_ID = 51_000_000_101;
const FIXED_CREATED = Date.UTC(2022, 5, 1, 9, 0, 0);
const GEN_START = Date.UTC(2023, 0, 2, 8, 0, 0);
const GEN_END = Date.UTC(2026, 10, 15, 18, 0, 0);

/** Contacts every test may rely on. id = FIRST_CONTACT_ID + index. */
export const FIXED_CONTACTS: Array<Record<string, string>> = [
  { email: "existing.lead@example.com", firstname: "Existing", lastname: "Lead", company: "Example Corp", jobtitle: "Head of Marketing", lifecyclestage: "lead", hs_lead_status: "NEW", hubspot_owner_id: "300000102", spara_source: "website_chat", spara_region: "emea", city: "Berlin", country: "Germany", phone: "+49 30 1234567" },
  { email: "existing.customer@example.com", firstname: "Existing", lastname: "Customer", company: "Example Corp", lifecyclestage: "customer", hubspot_owner_id: "300000101", spara_lead_score: "87", spara_qualified: "true", spara_demo_date: "2025-03-04", spara_interests: "pricing;security" },
  { firstname: "Nadia", lastname: "Sin Correo", company: "Café Núñez", lifecyclestage: "lead", hubspot_owner_id: "300000103", phone: "+34 91 555 0101" },
  { email: "jose.nunez@example.com", firstname: "José", lastname: "Núñez", company: "Café Núñez", lifecyclestage: "marketingqualifiedlead", hubspot_owner_id: "300000104", city: "Ciudad de México", country: "Mexico" },
  { email: "zoe.unal@example.com", firstname: "Zoë", lastname: "Ünal", lifecyclestage: "subscriber", hs_additional_emails: "Zoe.Unal@Old-Domain.example" },
  { email: "lukasz.sorensen@example.com", firstname: "Łukasz", lastname: "Sørensen", lifecyclestage: "opportunity", hubspot_owner_id: "300000105", numemployees: "100-500" },
  { email: "li.wei@example.com", firstname: "伟", lastname: "李", lifecyclestage: "lead", hubspot_owner_id: "300000105", spara_region: "apac" },
  { email: "deactivated.owner@example.com", firstname: "Orphaned", lastname: "Owner", lifecyclestage: "lead", hubspot_owner_id: "300000109" },
  { email: "unassigned.contact@example.com", firstname: "Una", lastname: "Signed", lifecyclestage: "lead" },
  { email: "all.types@example.com", firstname: "All", lastname: "Types", lifecyclestage: "salesqualifiedlead", hubspot_owner_id: "300000101", spara_lead_score: "42.5", spara_qualified: "false", spara_demo_date: "2026-01-15", spara_last_conversation_at: "2026-02-03T14:05:00.000Z", spara_source: "email_agent", spara_interests: "api;integrations", spara_region: "amer", numemployees: "25-50", hs_lead_status: "IN_PROGRESS", spara_conversation_summary: "Asked about SSO and the HubSpot integration.", hs_analytics_num_visits: "12" },
];

export const FIXED = {
  existingLead: { id: String(FIRST_CONTACT_ID), email: "existing.lead@example.com" },
  existingCustomer: { id: String(FIRST_CONTACT_ID + 1), email: "existing.customer@example.com" },
  noEmail: { id: String(FIRST_CONTACT_ID + 2) },
  joseNunez: { id: String(FIRST_CONTACT_ID + 3), email: "jose.nunez@example.com" },
  zoeUnal: { id: String(FIRST_CONTACT_ID + 4), email: "zoe.unal@example.com" },
  lukaszSorensen: { id: String(FIRST_CONTACT_ID + 5), email: "lukasz.sorensen@example.com" },
  liWei: { id: String(FIRST_CONTACT_ID + 6), email: "li.wei@example.com" },
  deactivatedOwner: { id: String(FIRST_CONTACT_ID + 7), email: "deactivated.owner@example.com" },
  unassigned: { id: String(FIRST_CONTACT_ID + 8), email: "unassigned.contact@example.com" },
  allTypes: { id: String(FIRST_CONTACT_ID + 9), email: "all.types@example.com" },
} as const;

export type SeedFacts = {
  contacts: number;
  fixedContacts: typeof FIXED;
  firstGeneratedId: string;
  lastId: string;
  withoutEmail: number;
  lifecycleCounts: Record<string, number>;
  ownerCounts: Record<string, number>;
  unassigned: number;
  seedMs: number;
};

function ascii(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l").replace(/Ł/g, "L").replace(/[øØ]/g, "o").replace(/ß/g, "ss").replace(/[đð]/g, "d").replace(/ı/g, "i").replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

function pickWeighted<T>(rng: Rng, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) {
    if ((x -= w) < 0) return v;
  }
  return items[items.length - 1][0];
}

/**
 * Seeds `count` contacts in total (the fixed ones count towards it when count ≥ their number).
 * `memberOfList` receives (listIndex, contactId, timestamp) for the three seeded lists.
 */
export function seedContacts(store: ContactStore, seed: number, count: number, memberOfList: (list: number, id: number, at: number) => void): SeedFacts {
  const t0 = performance.now();
  const rng = createRng(seed);
  const facts: SeedFacts = { contacts: 0, fixedContacts: FIXED, firstGeneratedId: String(FIRST_GENERATED_ID), lastId: "", withoutEmail: 0, lifecycleCounts: {}, ownerCounts: {}, unassigned: 0, seedMs: 0 };
  const count1 = (rec: Record<string, string | undefined>) => {
    facts.contacts++;
    if (!rec.email) facts.withoutEmail++;
    const ls = rec.lifecyclestage ?? "(none)";
    facts.lifecycleCounts[ls] = (facts.lifecycleCounts[ls] ?? 0) + 1;
    if (rec.hubspot_owner_id) facts.ownerCounts[rec.hubspot_owner_id] = (facts.ownerCounts[rec.hubspot_owner_id] ?? 0) + 1;
    else facts.unassigned++;
  };
  const fixedCount = Math.min(count, FIXED_CONTACTS.length);
  for (let i = 0; i < fixedCount; i++) {
    const rec = FIXED_CONTACTS[i];
    const at = FIXED_CREATED + i * 3_600_000;
    const row = store.insert(rec, { id: FIRST_CONTACT_ID + i, at });
    count1(rec);
    const id = Number(store.idOf(row));
    if (rec.lifecyclestage === "lead") memberOfList(0, id, at + 86_400_000);
    if (rec.lifecyclestage === "lead" && rec.spara_region === "emea") memberOfList(1, id, at + 3_600_000);
    if (rec.lifecyclestage === "subscriber") memberOfList(2, id, Date.UTC(2026, 9, 1));
  }
  const n = count - fixedCount;
  const usedEmails = new Set<string>(FIXED_CONTACTS.map((c) => c.email).filter(Boolean));
  let id = FIRST_GENERATED_ID;
  const step = n > 1 ? (GEN_END - GEN_START) / n : 0;
  for (let i = 0; i < n; i++) {
    const rec: Record<string, string | undefined> = {};
    let first: string, last: string, localFirst: string, localLast: string;
    if (rng.chance(0.06)) {
      const c = rng.pick(D.CJK_NAMES);
      [first, last, localFirst, localLast] = c;
    } else {
      first = rng.pick(D.FIRST_NAMES);
      last = rng.pick(D.LAST_NAMES);
      localFirst = ascii(first);
      localLast = ascii(last);
    }
    const [company, domain] = rng.pick(D.COMPANIES);
    if (!rng.chance(0.03)) rec.firstname = first;
    if (!rng.chance(0.05)) rec.lastname = last;
    if (!rng.chance(0.05)) {
      const mailDomain = rng.chance(0.2) ? rng.pick(D.FREE_MAIL) : domain;
      const style = rng.int(0, 2);
      let local = style === 0 ? `${localFirst}.${localLast}` : style === 1 ? `${localFirst[0]}${localLast}` : `${localFirst}${localLast}`;
      let email = `${local}@${mailDomain}`;
      for (let k = 2; usedEmails.has(email); k++) email = `${local}${k}@${mailDomain}`;
      usedEmails.add(email);
      rec.email = email;
    }
    if (rng.chance(0.85)) rec.company = company;
    if (rng.chance(0.7)) rec.jobtitle = rng.pick(D.JOB_TITLES);
    if (rng.chance(0.6)) rec.phone = `+1 ${rng.int(200, 989)} ${rng.int(200, 999)} ${String(rng.int(0, 9999)).padStart(4, "0")}`;
    if (rng.chance(0.4)) rec.website = `https://www.${domain}`;
    const [city, country, region] = rng.pick(D.CITIES);
    if (rng.chance(0.75)) {
      rec.city = city;
      rec.country = country;
    }
    const stage = pickWeighted(rng, D.LIFECYCLE_WEIGHTS);
    if (stage) rec.lifecyclestage = stage;
    if (rng.chance(0.5)) rec.hs_lead_status = rng.pick(D.LEAD_STATUSES);
    const o = rng.next();
    if (o < 0.7) rec.hubspot_owner_id = rng.pick(ACTIVE_OWNER_IDS);
    else if (o < 0.75) rec.hubspot_owner_id = rng.pick(DEACTIVATED_OWNER_IDS);
    if (rng.chance(0.5)) rec.numemployees = rng.pick(D.EMPLOYEE_BANDS);
    if (rng.chance(0.6)) rec.spara_lead_score = String(rng.int(0, 100));
    if (rng.chance(0.5)) rec.spara_qualified = rng.chance(0.4) ? "true" : "false";
    const created = Math.round(GEN_START + i * step);
    if (rng.chance(0.2)) rec.spara_demo_date = new Date(Math.floor(created / 86_400_000) * 86_400_000 + rng.int(1, 60) * 86_400_000).toISOString().slice(0, 10);
    if (rng.chance(0.4)) rec.spara_last_conversation_at = new Date(created + rng.int(0, 30 * 86_400) * 1000).toISOString();
    if (rng.chance(0.7)) rec.spara_source = rng.pick(D.SOURCES);
    if (rng.chance(0.35)) {
      const picks = D.INTERESTS.filter(() => rng.chance(0.35));
      if (picks.length) rec.spara_interests = picks.join(";");
    }
    if (rng.chance(0.8)) rec.spara_region = region;
    if (rng.chance(0.5)) rec.hs_analytics_num_visits = String(rng.int(0, 250));
    if (rng.chance(0.3)) rec.num_contacted_notes = String(rng.int(0, 12));
    const row = store.insert(rec, { id, at: created });
    // Some contacts were edited after creation.
    const mod = Math.min(GEN_END, created + rng.int(0, 90) * 86_400_000 + rng.int(0, 86_399) * 1000);
    if (mod !== created) store.setTimes(row, created, mod);
    count1(rec);
    if (i % 7 === 0 && rec.lifecyclestage === "lead") memberOfList(0, id, created + 86_400_000);
    if (rec.spara_region === "emea" && rec.lifecyclestage === "lead") memberOfList(1, id, created + 3_600_000);
    if (rec.lifecyclestage === "subscriber") memberOfList(2, id, Date.UTC(2026, 9, 1));
    id += rng.int(1, 3); // HubSpot ids are not dense
  }
  facts.lastId = store.rowCount ? store.idOf(store.rowCount - 1) : "";
  facts.seedMs = Math.round(performance.now() - t0);
  return facts;
}
