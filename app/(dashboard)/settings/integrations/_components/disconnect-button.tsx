"use client";

import { useRef, useState, useTransition } from "react";
import { disconnectHubSpotAction } from "../_actions/disconnect-hubspot";

export function DisconnectButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <button className="btn btn-danger" onClick={() => dialog.current?.showModal()}>
        Disconnect
      </button>
      <dialog ref={dialog} aria-labelledby="disconnect-title">
        <h2 id="disconnect-title">Disconnect HubSpot?</h2>
        <p>Syncing stops at once and Spara’s access to HubSpot is revoked.</p>
        <p>Your push rules, field mappings, owner setting and pull rules are kept: authorize again to resume with the same configuration.</p>
        {error && <p className="banner banner-error">{error}</p>}
        <div className="row" style={{ justifyContent: "flex-end" }}>
          <button className="btn" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            className="btn btn-primary"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const res = await disconnectHubSpotAction({});
                if (res.ok) dialog.current?.close();
                else setError(res.error);
              })
            }
          >
            {pending ? "Disconnecting…" : "Disconnect"}
          </button>
        </div>
      </dialog>
    </>
  );
}
