'use client';

import { useRef, useState, type ReactNode } from 'react';

/**
 * A staff console form. It posts to a route handler under /api/staff; with
 * JavaScript it waits for a JSON answer, so a refusal is shown above the form
 * and what was typed stays where it was; then it moves on with a full
 * navigation (the language proxy sees it). Without JavaScript it is a plain
 * HTML form that the server answers with a redirect.
 */
export function StaffForm({
  action,
  children,
  errorsTitle,
  sendingLabel,
  className,
  id,
  encType,
}: {
  action: string;
  /** A form with a file to send. */
  encType?: 'multipart/form-data';
  children: ReactNode;
  errorsTitle: string;
  sendingLabel: string;
  className?: string;
  id?: string;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    setBusy(true);
    try {
      const response = await fetch(action, { method: 'POST', body: data, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const body = (await response.json().catch(() => ({}))) as { redirectTo?: string; errors?: Record<string, string> };
      if (response.ok && body.redirectTo) {
        window.location.assign(body.redirectTo);
        return;
      }
      show(body.errors ?? { form: `HTTP ${response.status}` });
    } catch {
      show({ form: navigator.onLine ? 'HTTP error' : 'offline' });
    }
    setBusy(false);
  }

  function show(next: Record<string, string>) {
    setErrors(next);
    for (const element of Array.from(form.current?.elements ?? [])) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
      if (next[element.name]) element.setAttribute('aria-invalid', 'true');
      else element.removeAttribute('aria-invalid');
    }
    requestAnimationFrame(() => summary.current?.focus());
  }

  const messages = Object.entries(errors);
  return (
    <form ref={form} id={id} action={action} method="post" encType={encType} onSubmit={submit} className={className} aria-busy={busy}>
      <div
        ref={summary}
        tabIndex={-1}
        role={messages.length ? 'alert' : undefined}
        className={messages.length ? 'mb-3 rounded border-2 border-red-700 bg-red-50 p-3 text-red-900' : 'sr-only'}
      >
        {messages.length ? (
          <>
            <p className="font-semibold">{errorsTitle}</p>
            <ul className="list-disc pl-5">
              {messages.map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {children}
      <p aria-live="polite" className="sr-only">
        {busy ? sendingLabel : ''}
      </p>
    </form>
  );
}

/** A one-button form acting on one item of a list (remove, retry, turn off…), named for screen readers by `itemLabel`. */
export function RowAction({
  action,
  fields,
  label,
  itemLabel,
  errorsTitle,
  sendingLabel,
  className,
}: {
  action: string;
  fields: Record<string, string | number>;
  label: string;
  itemLabel: string;
  errorsTitle: string;
  sendingLabel: string;
  className: string;
}) {
  return (
    <StaffForm action={action} errorsTitle={errorsTitle} sendingLabel={sendingLabel}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} aria-label={`${label}: ${itemLabel}`}>
        {label}
      </button>
    </StaffForm>
  );
}
