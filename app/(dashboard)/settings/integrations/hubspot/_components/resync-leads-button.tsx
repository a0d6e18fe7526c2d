"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { resyncLeadsAction } from "../_actions/resync-leads";

export function ResyncLeadsButton({ leadsWithEmail, running }: { leadsWithEmail: number; running: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      const res = await resyncLeadsAction({});
      setConfirming(false);
      setMessage(res.ok ? { ok: true, text: "Resync started: leads are being marked for push." } : { ok: false, text: res.error });
      if (res.ok) router.refresh();
    });
  return (
    <div className="stack">
      {!confirming ? (
        <div className="row">
          <button type="button" className="btn" disabled={pending || running} onClick={() => (setMessage(null), setConfirming(true))}>
            Resync all leads
          </button>
        </div>
      ) : (
        <div className="row" role="group" aria-label="Confirm resync">
          <span className="small">
            Push all {leadsWithEmail} lead{leadsWithEmail === 1 ? "" : "s"} with an email to HubSpot again?
          </span>
          <button type="button" className="btn btn-primary" disabled={pending} onClick={run}>
            {pending ? "Starting…" : `Resync ${leadsWithEmail} leads`}
          </button>
          <button type="button" className="btn" disabled={pending} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p role="status" className={`banner ${message.ok ? "banner-ok" : "banner-error"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
