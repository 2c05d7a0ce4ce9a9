import { notFound } from 'next/navigation';
import { SubscribeForm } from '@/components/alerts/SubscribeForm';
import { ClientMessages } from '@/components/common/ClientMessages';
import { CONFIRMATION_HOURS } from '@/lib/alerts/confirmation';
import { subjectFromAddress, subjectLabel } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';
import { messagesFor } from '@/lib/i18n';
import { pageLocale, titled, type LocaleParams } from '../_shared/locale';
import { one, type SearchParams } from '../_shared/search-params';
import { requestAlertsAction } from './actions';

export const generateMetadata = titled('alerts.title', { robots: { index: false } });
// What is followed comes from the address (?comune=, ?tema=).
export const dynamic = 'force-dynamic';

export default async function AlertsSignUpPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const query = await searchParams;
  const address = { comune: one(query.comune), tema: one(query.tema) };
  const subject = await subjectFromAddress(db(), address);
  const label = subject && (await subjectLabel(db(), subject, locale));
  if (!subject || !label) notFound();
  return (
    <div>
      <h1 className="text-3xl font-bold">{t('alerts.title')}</h1>
      <p className="mt-2 max-w-2xl">{t('alerts.intro', { subject: label })}</p>
      <ClientMessages locale={locale} messages={messagesFor(locale, ['alerts'])}>
        <SubscribeForm action={requestAlertsAction} locale={locale} subject={address} hours={CONFIRMATION_HOURS} />
      </ClientMessages>
    </div>
  );
}
