'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { EmailField } from '@/components/common/EmailField';
import { ErrorSummary } from '@/components/common/ErrorSummary';
import type { ReportFormState } from './report-state';

const FIELDS = ['name', 'email', 'page', 'description'] as const;

export function ReportForm({
  action,
  locale,
  initialPage,
  exampleUrl,
}: {
  action: (state: ReportFormState, data: FormData) => Promise<ReportFormState>;
  locale: string;
  initialPage: string;
  exampleUrl: string;
}) {
  const t = useTranslations('accessibilityReport');
  const [state, formAction, pending] = useActionState(action, { values: { name: '', email: '', page: initialPage, description: '' }, errors: {}, sent: false });
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.sent) done.current?.focus();
  }, [state]);
  const errors = [
    ...(state.errors.form ? [{ field: 'form', message: state.errors.form }] : []),
    ...FIELDS.filter((field) => state.errors[field]).map((field) => ({ field, message: state.errors[field]!, target: `report-${field}` })),
  ];
  const described = (field: (typeof FIELDS)[number], hint: boolean) =>
    [hint ? `report-${field}-hint` : null, state.errors[field] ? `report-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: (typeof FIELDS)[number]) =>
    state.errors[field] ? (
      <p id={`report-${field}-error`} className="font-semibold text-red-800">
        {state.errors[field]}
      </p>
    ) : null;
  const input = 'mt-1 block w-full rounded border border-stone-500 px-2 py-1.5';

  return (
    <div className="mt-4 max-w-2xl space-y-4">
      {state.sent ? (
        <p ref={done} tabIndex={-1} role="status" className="rounded border-2 border-primary bg-primary-light p-3 font-semibold">
          {t('sent')}
        </p>
      ) : null}
      <ErrorSummary title={t('errorsTitle')} errors={errors} />
      <form action={formAction} noValidate className="space-y-4">
        <input type="hidden" name="locale" value={locale} />
        <div>
          <label htmlFor="report-name" className="block font-semibold">
            {t('name')}
          </label>
          <input
            id="report-name"
            name="name"
            autoComplete="name"
            maxLength={120}
            defaultValue={state.values.name}
            aria-invalid={Boolean(state.errors.name)}
            aria-describedby={described('name', false)}
            className={input}
          />
          {fieldError('name')}
        </div>
        <EmailField id="report-email" label={t('email')} hint={t('emailHint')} value={state.values.email} error={state.errors.email} />
        <div>
          <label htmlFor="report-page" className="block font-semibold">
            {t('page')}
          </label>
          <p id="report-page-hint" className="text-sm break-words text-stone-700">
            {t('pageHint', { example: exampleUrl })}
          </p>
          <input
            id="report-page"
            name="page"
            inputMode="url"
            maxLength={500}
            defaultValue={state.values.page}
            aria-invalid={Boolean(state.errors.page)}
            aria-describedby={described('page', true)}
            className={input}
          />
          {fieldError('page')}
        </div>
        <div>
          <label htmlFor="report-description" className="block font-semibold">
            {t('description')}
          </label>
          <p id="report-description-hint" className="text-sm text-stone-700">
            {t('descriptionHint')}
          </p>
          <textarea
            id="report-description"
            name="description"
            required
            rows={6}
            maxLength={4000}
            defaultValue={state.values.description}
            aria-invalid={Boolean(state.errors.description)}
            aria-describedby={described('description', true)}
            className={input}
          />
          {fieldError('description')}
        </div>
        <p className="text-sm">
          <Link href="/privacy" prefetch={false}>
            {t('privacy')}
          </Link>
        </p>
        <button type="submit" disabled={pending} className="rounded bg-primary px-4 py-2 font-semibold text-white disabled:opacity-60">
          {t('send')}
        </button>
      </form>
    </div>
  );
}
