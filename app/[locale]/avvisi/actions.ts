'use server';

import { headers } from 'next/headers';
import type { SubscribeFormState } from '@/components/alerts/subscribe-state';
import { alertEmail, requestAlerts, subjectFromAddress } from '@/lib/alerts/subscriptions';
import { frequencySchema } from '@/lib/alerts/subject';
import { db } from '@/lib/db/client';
import { localeOf, translator } from '@/lib/i18n';
import { forwardedClientAddress } from '@/lib/web/client-address';
import { field } from '@/lib/web/form-data';
import { clientNetwork } from '@/lib/web/trusted-proxies';

/*
 * A citizen asks for e-mail alerts. Whatever happened to the address (new,
 * already subscribed, past its own limit) the answer is the same; only a flood
 * from one network is told to wait. Everything typed comes back on a refusal.
 */
export async function requestAlertsAction(_previous: SubscribeFormState, data: FormData): Promise<SubscribeFormState> {
  const locale = localeOf(data.get('locale'));
  const t = translator(locale);
  const values = { email: field(data, 'email').slice(0, 1000), frequency: field(data, 'frequency').slice(0, 20) };
  const email = alertEmail.safeParse(values.email);
  const frequency = frequencySchema.safeParse(values.frequency);
  const subject = await subjectFromAddress(db(), {
    comune: field(data, 'comune').slice(0, 20) || undefined,
    tema: field(data, 'tema').slice(0, 100) || undefined,
  });
  if (!subject) return { values, sent: false, errors: { form: t('alerts.invalidLink') } };
  if (!email.success || !frequency.success) {
    return {
      values,
      sent: false,
      errors: {
        ...(email.success ? {} : { email: t('alerts.errors.email') }),
        ...(frequency.success ? {} : { frequency: t('alerts.errors.frequency') }),
      },
    };
  }
  const outcome = await requestAlerts(
    db(),
    { email: email.data, subject, frequency: frequency.data, locale },
    clientNetwork(forwardedClientAddress(await headers())),
  );
  if (!outcome.ok) {
    const minutes = outcome.reason === 'tooMany' ? Math.ceil(outcome.retryAfterSeconds / 60) : 0;
    return { values, sent: false, errors: { form: outcome.reason === 'tooMany' ? t('alerts.errors.tooMany', { minutes }) : t('alerts.invalidLink') } };
  }
  return { values: { email: '', frequency: frequency.data }, errors: {}, sent: true };
}
