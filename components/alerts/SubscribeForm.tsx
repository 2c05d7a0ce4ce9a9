'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { EmailField } from '@/components/common/EmailField';
import { ErrorSummary } from '@/components/common/ErrorSummary';
import { FREQUENCIES } from '@/lib/alerts/subject';
import type { SubscribeFormState } from './subscribe-state';

/*
 * The sign-up for e-mail alerts: an address and how often. It works without
 * JavaScript (a server action posted by the form); a refusal keeps what was
 * typed and lists every reason at once.
 */
export function SubscribeForm({
  action,
  locale,
  subject,
  hours,
}: {
  action: (state: SubscribeFormState, data: FormData) => Promise<SubscribeFormState>;
  locale: string;
  /** `comune=<istat>`, `tema=<slug>` or empty: what the citizen follows, as the page's address said it. */
  subject: { comune?: string; tema?: string };
  hours: number;
}) {
  const t = useTranslations('alerts');
  const [state, formAction, pending] = useActionState(action, { values: { email: '', frequency: 'IMMEDIATE' }, errors: {}, sent: false });
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.sent) done.current?.focus();
  }, [state]);
  const errors = [
    ...(state.errors.form ? [{ field: 'form', message: state.errors.form }] : []),
    ...(state.errors.email ? [{ field: 'email', message: state.errors.email, target: 'alerts-email' }] : []),
    ...(state.errors.frequency ? [{ field: 'frequency', message: state.errors.frequency, target: 'alerts-frequency-IMMEDIATE' }] : []),
  ];
  return (
    <div className="mt-4 max-w-2xl space-y-4">
      {state.sent ? (
        <p ref={done} tabIndex={-1} role="status" className="rounded border-2 border-primary bg-primary-light p-3 font-semibold">
          {t('sent', { hours })}
        </p>
      ) : null}
      <ErrorSummary title={t('errorsTitle')} errors={errors} />
      <form action={formAction} noValidate className="space-y-4">
        <input type="hidden" name="locale" value={locale} />
        {subject.comune ? <input type="hidden" name="comune" value={subject.comune} /> : null}
        {subject.tema ? <input type="hidden" name="tema" value={subject.tema} /> : null}
        <EmailField id="alerts-email" label={t('email')} hint={t('emailHint')} value={state.values.email} error={state.errors.email} />
        <fieldset aria-describedby={state.errors.frequency ? 'alerts-frequency-error' : undefined}>
          <legend className="font-semibold">{t('frequency')}</legend>
          {state.errors.frequency ? (
            <p id="alerts-frequency-error" className="font-semibold text-red-800">
              {state.errors.frequency}
            </p>
          ) : null}
          {FREQUENCIES.map((f) => (
            <div key={f} className="mt-1 flex items-center gap-2">
              <input id={`alerts-frequency-${f}`} type="radio" name="frequency" value={f} defaultChecked={state.values.frequency === f} className="h-5 w-5" />
              <label htmlFor={`alerts-frequency-${f}`}>{t(f)}</label>
            </div>
          ))}
        </fieldset>
        <p className="text-sm">
          {t('privacy')}
          <Link href="/privacy" prefetch={false}>
            {t('privacyLink')}
          </Link>
          .
        </p>
        <button type="submit" disabled={pending} className="rounded bg-primary px-4 py-2 font-semibold text-white disabled:opacity-60">
          {pending ? t('sending') : t('submit')}
        </button>
      </form>
    </div>
  );
}
