'use client';

import { useEffect, useState } from 'react';

export function SignOutButton({ label }: { label: string }) {
  const [csrfToken, setCsrfToken] = useState('');
  useEffect(() => {
    void fetch('/api/auth/csrf')
      .then((r) => r.json() as Promise<{ csrfToken?: string }>)
      .then((b) => setCsrfToken(b.csrfToken ?? ''));
  }, []);
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/" />
      <button type="submit" disabled={!csrfToken} className="rounded border border-stone-500 px-3 py-1">
        {label}
      </button>
    </form>
  );
}
