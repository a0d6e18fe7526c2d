// The one portal (HubSpot account) this sandbox simulates, and the installing user.
export const PORTAL = {
  hubId: 48151623,
  hubDomain: "acme-demo.hubspot.com",
  name: "Acme Demo",
  installingUserEmail: "hubspot-admin@acme-demo.com",
  userId: 7001,
  // HubSpot reports the app id in token metadata; this is the sandbox app's id.
  appId: 3141592,
} as const;

// Scopes the sandbox app may request. Anything else on the authorize URL is an error, as HubSpot
// rejects scopes the app is not configured for.
export const KNOWN_SCOPES = [
  "oauth",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.owners.read",
  "crm.schemas.contacts.read",
  "crm.lists.read",
  "crm.lists.write",
] as const;
