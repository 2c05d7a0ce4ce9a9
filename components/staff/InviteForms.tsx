'use client';

import { useActionState } from 'react';
import { useMessages, useTranslations } from 'next-intl';
import { ErrorSummary } from '../common/ErrorSummary';
import type { InviteFormState } from './invite-state';

type Action = (state: InviteFormState, data: FormData) => Promise<InviteFormState>;
const EMPTY: InviteFormState = { values: {}, errors: [], notice: null };

function Outcome({ state, title }: { state: InviteFormState; title: string }) {
  if (state.errors.length) return <ErrorSummary title={title} errors={state.errors} />;
  return state.notice ? (
    <p role="status" className="rounded border-2 border-primary bg-primary-light p-3 font-semibold">
      {state.notice}
    </p>
  ) : null;
}

/** What makes an input invalid, for aria-invalid: its id among the summary's links. */
function invalid(state: InviteFormState, id: string): true | undefined {
  return state.errors.some((e) => e.target === id) ? true : undefined;
}

export function InviteForms({ locale, inviteOne, importCsv }: { locale: string; inviteOne: Action; importCsv: Action }) {
  const labels = useTranslations('invite');
  const roles = useMessages().invite.roles;
  const [one, oneAction, onePending] = useActionState(inviteOne, EMPTY);
  const [csv, csvAction, csvPending] = useActionState(importCsv, EMPTY);
  const input = 'mt-1 w-full rounded border border-stone-500 bg-white px-2 py-2';
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <section aria-labelledby="invite-one" className="min-w-0 space-y-3">
        <h2 id="invite-one" className="text-xl font-semibold">
          {labels('oneTitle')}
        </h2>
        <Outcome state={one} title={labels('rejectedOne')} />
        <form action={oneAction} className="space-y-3" noValidate>
          <input type="hidden" name="locale" value={locale} />
          <div>
            <label htmlFor="inv-email" className="block font-semibold">
              E-mail
            </label>
            <input
              id="inv-email"
              name="email"
              type="email"
              autoComplete="off"
              required
              aria-invalid={invalid(one, 'inv-email')}
              defaultValue={one.values.email}
              className={input}
            />
          </div>
          <div>
            <label htmlFor="inv-name" className="block font-semibold">
              {labels('name')}
            </label>
            <input id="inv-name" name="name" required aria-invalid={invalid(one, 'inv-name')} defaultValue={one.values.name} className={input} />
          </div>
          <div>
            <label htmlFor="inv-role" className="block font-semibold">
              {labels('role')}
            </label>
            <select id="inv-role" name="role" aria-invalid={invalid(one, 'inv-role')} defaultValue={one.values.role ?? 'MAYOR'} className={input}>
              {Object.entries(roles).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="inv-istat" className="block font-semibold">
              {labels('comune')}
            </label>
            <input id="inv-istat" name="istatCode" aria-invalid={invalid(one, 'inv-istat')} defaultValue={one.values.istatCode} className={input} />
          </div>
          <button type="submit" disabled={onePending} className="rounded bg-primary px-4 py-2 font-semibold text-white">
            {labels('send')}
          </button>
        </form>
      </section>
      <section aria-labelledby="invite-csv" className="min-w-0 space-y-3">
        <h2 id="invite-csv" className="text-xl font-semibold">
          {labels('csvTitle')}
        </h2>
        <p id="csv-hint" className="text-sm text-stone-700">
          {labels('csvHint')}
        </p>
        <Outcome state={csv} title={labels('rejected')} />
        <form action={csvAction} className="space-y-3" noValidate>
          <input type="hidden" name="locale" value={locale} />
          <div>
            <label htmlFor="inv-csv" className="block font-semibold">
              {labels('csvFile')}
            </label>
            <input
              id="inv-csv"
              name="csv"
              type="file"
              accept=".csv,text/csv"
              required
              aria-invalid={invalid(csv, 'inv-csv')}
              aria-describedby="csv-hint"
              className="mt-1 block w-full max-w-full text-sm"
            />
          </div>
          <button type="submit" disabled={csvPending} className="rounded bg-primary px-4 py-2 font-semibold text-white">
            {labels('import')}
          </button>
        </form>
      </section>
    </div>
  );
}
