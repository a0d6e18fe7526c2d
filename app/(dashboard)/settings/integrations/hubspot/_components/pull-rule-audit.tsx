export type PullRuleAuditView = { id: string; at: string; actorEmail: string; action: string; summary: string };

const actionLabels: Record<string, string> = {
  "pull_rule.created": "created",
  "pull_rule.updated": "edited",
  "pull_rule.deleted": "deleted",
  "pull_rule.enabled": "enabled",
  "pull_rule.disabled": "disabled",
  "pull_rule.run_requested": "ran",
};

/** Who changed which pull rule, and when (from the audit log). */
export function PullRuleAudit({ entries }: { entries: PullRuleAuditView[] }) {
  return (
    <div className="small" style={{ marginTop: 16 }}>
      <h3>Recent changes to pull rules</h3>
      {entries.length === 0 ? (
        <p className="muted">No changes yet.</p>
      ) : (
        <table className="table" aria-label="Pull rule changes">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="pull-rule-audit-row">
                <td>{e.at}</td>
                <td>{e.actorEmail}</td>
                <td>
                  {actionLabels[e.action] ?? e.action} {e.summary}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
