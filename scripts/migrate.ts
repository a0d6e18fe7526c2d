import { prepareDatabase } from "./prepare-db";

const { url, seeded } = await prepareDatabase();
console.log(`Database ready (${url.startsWith("postgres") ? "PostgreSQL" : `PGlite at ${url}`})${seeded ? ", demo data seeded" : ""}.`);
