'use client';

import { useEffect, useState } from 'react';
import { ErrorSummary } from '../common/ErrorSummary';

/*
 * next-auth wants a CSRF token with every sign-in request; it is fetched once
 * the page runs, and the form is an ordinary POST, so the browser handles the
 * redirects and the typed address survives a refusal (it comes back in the URL).
 */

export interface SignInLabels {
  email: string;
  errorsTitle: string;
  send: string;
  sending: string;
  oidc: string | null;
}

export function SignInForm({ labels, email, callbackUrl, error }: { labels: SignInLabels; email: string; callbackUrl: string; error: string | null }) {
  const [csrfToken, setCsrfToken] = useState('');
  const [sending, setSending] = useState(false);
  useEffect(() => {
    void fetch('/api/auth/csrf', { credentials: 'same-origin' })
      .then((r) => r.json() as Promise<{ csrfToken?: string }>)
      .then((body) => setCsrfToken(body.csrfToken ?? ''));
  }, []);
  return (
    <div className="mt-4 space-y-6">
      {/* A refused address comes back in the URL: the summary takes the focus and links to the field, as on every form. */}
      {error ? <ErrorSummary title={labels.errorsTitle} errors={[{ field: 'email', message: error, target: 'email' }]} /> : null}
      <form method="post" action="/api/auth/signin/email" onSubmit={() => setSending(true)} className="space-y-3" noValidate>
        <input type="hidden" name="csrfToken" value={csrfToken} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <div>
          <label htmlFor="email" className="block font-semibold">
            {labels.email}
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            defaultValue={email}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signin-error' : undefined}
            className="mt-1 w-full max-w-md rounded border border-stone-500 bg-white px-2 py-2"
          />
        </div>
        {error ? (
          <p id="signin-error" className="font-semibold text-red-800">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={!csrfToken || sending} className="rounded bg-primary px-4 py-2 font-semibold text-white disabled:opacity-60">
          {sending ? labels.sending : labels.send}
        </button>
      </form>
      {labels.oidc ? (
        <form method="post" action="/api/auth/signin/oidc">
          <input type="hidden" name="csrfToken" value={csrfToken} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" disabled={!csrfToken} className="rounded border border-primary px-4 py-2 font-semibold text-primary-dark">
            {labels.oidc}
          </button>
        </form>
      ) : null}
    </div>
  );
}
