"use client";

import { useState, useTransition } from "react";
import { syncOwnersNowAction } from "../_actions/sync-owners-now";

export function SyncOwnersButton() {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="row">
      <button
        className="btn"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const res = await syncOwnersNowAction({});
            setMessage(res.ok ? "Owner sync started." : res.error);
          })
        }
      >
        Sync owners now
      </button>
      {message && <span role="status" className="small muted">{message}</span>}
    </div>
  );
}
