import type { PullPreview } from "@/lib/sync/pull-preview";

/** What the rule would pull now: counts, and ten contacts with their values as they would land in Spara. */
export function PullPreviewPanel({ preview }: { preview: PullPreview }) {
  const labels = preview.sample[0]?.fields.map((f) => f.label) ?? [];
  const scannedAll = preview.totalExact && preview.scanned >= preview.total;
  return (
    <section aria-label="Rule preview" className="stack" data-testid="pull-preview">
      <p>
        <strong data-testid="preview-total">{preview.total.toLocaleString("en-US")}</strong> contact{preview.total === 1 ? "" : "s"} match{preview.total === 1 ? "es" : ""}
        {preview.totalExact ? " right now" : ` among the first ${preview.scanned.toLocaleString("en-US")} list members checked`};{" "}
        <strong data-testid="preview-already-leads">{preview.alreadyLeads.toLocaleString("en-US")}</strong>{" "}
        {scannedAll ? "of them are" : `of the first ${preview.scanned.toLocaleString("en-US")} are`} already leads (they would be updated, not imported again).
      </p>
      {preview.sample.length > 0 && (
        <table className="table" aria-label="Preview sample">
          <thead>
            <tr>
              <th>HubSpot contact</th>
              {labels.map((l) => (
                <th key={l}>{l}</th>
              ))}
              <th>In Spara</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((s) => (
              <tr key={s.contactId} data-testid="preview-row">
                <td>{s.contactId}</td>
                {s.fields.map((f) => (
                  <td key={f.key}>{f.value}</td>
                ))}
                <td>{s.skipped ? <span className="badge badge-warn">{s.skipped}</span> : s.alreadyLead ? <span className="badge">already a lead</span> : <span className="badge badge-ok">new lead</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
