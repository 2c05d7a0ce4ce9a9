'use server';

import { forwardedClientAddress } from '@/lib/web/client-address';
import { headers } from 'next/headers';
import type { ReportFormState } from '@/components/legal/report-state';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { invalidFields, portalPage, submitReport } from '@/lib/feedback/accessibility-reports';
import { localeOf, translator, type MessageKey } from '@/lib/i18n';
import { clientNetwork } from '@/lib/web/trusted-proxies';

function text(data: FormData, name: string, max: number): string {
  const value = data.get(name);
  // Longer than any valid value by far: cut, so a huge post costs nothing more (validation refuses it anyway).
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/*
 * A citizen's accessibility report. Anyone may send one, without an account:
 * a limit per network keeps the form from becoming a flood. On any refusal
 * everything typed comes back with every wrong field's reason at once.
 */
export async function sendReportAction(_previous: ReportFormState, data: FormData): Promise<ReportFormState> {
  const locale = localeOf(data.get('locale'));
  const t = translator(locale);
  const values = {
    name: text(data, 'name', 1000),
    email: text(data, 'email', 1000),
    page: text(data, 'page', 2000),
    description: text(data, 'description', 10_000),
  };
  const { data: input, fields } = invalidFields(values);
  const page = input ? portalPage(input.page, config().publicUrl) : null;
  if (!input || page === false) {
    const wrong = page === false ? [...fields, 'page' as const] : fields;
    return { values, sent: false, errors: Object.fromEntries(wrong.map((field) => [field, t(`accessibilityReport.errors.${field}` as MessageKey)])) };
  }
  const outcome = await submitReport(db(), { ...input, page, locale }, clientNetwork(forwardedClientAddress(await headers())));
  if (!outcome.ok) {
    return { values, sent: false, errors: { form: t('accessibilityReport.errors.tooMany', { minutes: Math.ceil(outcome.retryAfterSeconds / 60) }) } };
  }
  return { values: { name: '', email: '', page: '', description: '' }, errors: {}, sent: true };
}
