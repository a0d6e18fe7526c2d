// CLI: `npx tsx hubspot-sandbox/main.ts` (port from HUBSPOT_SANDBOX_PORT, default 4010).
import { startSandbox } from "./server";

const port = Number(process.env.HUBSPOT_SANDBOX_PORT ?? 4010);
const contacts = Number(process.env.HUBSPOT_SANDBOX_CONTACTS ?? 2000);
const sandbox = await startSandbox({ port, host: "127.0.0.1", contacts });
console.log(`HubSpot sandbox listening on ${sandbox.url} (portal ${sandbox.portal.hubId})`);

const stop = () => {
  sandbox.close().finally(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
