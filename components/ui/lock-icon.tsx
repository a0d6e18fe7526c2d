/** A small padlock (inline SVG: emoji fonts are not guaranteed on every machine). */
export function LockIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-label="Locked" role="img" style={{ verticalAlign: "-1px", marginRight: 4 }}>
      <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
    </svg>
  );
}
