"use client";

import { useState, useTransition } from "react";
import { createApiKeyAction } from "../_actions/create-api-key";
import { revokeApiKeyAction } from "../_actions/revoke-api-key";

export type ApiKeyView = { id: string; name: string; prefix: string; createdBy: string; createdAt: string; lastUsedAt: string | null; revoked: boolean };

export function ApiKeysPanel({ keys, canManage }: { keys: ApiKeyView[]; canManage: boolean }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      {canManage && (
        <form
          className="card stack"
          aria-label="Create API key"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              setError(null);
              const res = await createApiKeyAction({ name });
              if (res.ok) {
                setCreated(res.data.key);
                setName("");
              } else setError(res.fieldErrors?.name ?? res.error);
            });
          }}
        >
          <h2>Create a key</h2>
          <div className="row">
            <div className="field" style={{ flex: 1 }}>
              <label htmlFor="key-name">Name</label>
              <input id="key-name" type="text" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(error)} />
              {error && <span className="field-error">{error}</span>}
            </div>
            <button className="btn btn-primary" type="submit" disabled={pending} style={{ alignSelf: "end" }}>
              Create key
            </button>
          </div>
          {created && (
            <div className="banner banner-ok" role="status">
              Copy this key now; it will not be shown again:
              <br />
              <code data-testid="new-api-key">{created}</code>
            </div>
          )}
        </form>
      )}
      <div className="card">
        <table className="table" aria-label="API keys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>spk_{k.prefix}_…</code>
                </td>
                <td className="small">
                  {k.createdAt} by {k.createdBy}
                </td>
                <td className="small">{k.lastUsedAt ?? "never"}</td>
                <td>
                  {k.revoked ? (
                    <span className="badge">revoked</span>
                  ) : (
                    canManage && (
                      <button
                        className="btn btn-danger"
                        disabled={pending}
                        onClick={() => {
                          if (confirm(`Revoke “${k.name}”? Agents using it will get 401 at once.`)) start(async () => void (await revokeApiKeyAction({ id: k.id })));
                        }}
                      >
                        Revoke
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {keys.length === 0 && <p className="muted">No API keys yet.</p>}
      </div>
    </>
  );
}
