import type { leads } from "@/drizzle/schema";

type Lead = typeof leads.$inferSelect;
type Team = { id: string; name: string; primary: boolean };

function when(d: Date) {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The lead's HubSpot owner: name, email, teams, since when and when last checked; "No active owner" otherwise. */
export function OwnerCard({ lead, syncOwner, teams }: { lead: Lead; syncOwner: boolean; teams: Team[] }) {
  return (
    <section className="card" aria-labelledby="owner-card" data-testid="owner-card">
      <h2 id="owner-card">Owner</h2>
      {!syncOwner && <p className="muted small">Owner sync is off in HubSpot settings; the values below are from the last sync.</p>}
      {lead.ownerId ? (
        <p>
          <strong data-testid="owner-name">{[lead.ownerFirstName, lead.ownerLastName].filter(Boolean).join(" ")}</strong>
          <br />
          <span data-testid="owner-email">{lead.ownerEmail}</span>
          {teams.length > 0 && (
            <>
              <br />
              <span className="small muted" data-testid="owner-teams">
                {teams.map((t) => t.name + (t.primary && teams.length > 1 ? " (primary)" : "")).join(", ")}
              </span>
            </>
          )}
        </p>
      ) : (
        <p data-testid="owner-name">No active owner</p>
      )}
      <p className="muted small" data-testid="owner-times">
        {lead.ownerId && lead.ownerSince && <>Owner in HubSpot since {when(lead.ownerSince)} · </>}
        {lead.ownerCheckedAt ? <>last checked {when(lead.ownerCheckedAt)}</> : <>not checked yet</>}
      </p>
    </section>
  );
}
