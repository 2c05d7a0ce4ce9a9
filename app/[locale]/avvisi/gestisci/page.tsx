import Link from 'next/link';
import { frequencyWords } from '@/lib/alerts/mails';
import { subjectLabel, subscriptionByToken } from '@/lib/alerts/subscriptions';
import { FREQUENCIES } from '@/lib/alerts/subject';
import { db } from '@/lib/db/client';
import { pageLocale, titled, type LocaleParams } from '../../_shared/locale';
import { one, type SearchParams } from '../../_shared/search-params';

export const generateMetadata = titled('alerts.manageTitle', { robots: { index: false } });
export const dynamic = 'force-dynamic';

/* Where every alert mail leads: what the subscription is, how often it writes, and the way out. No sign-in: the token is the key. */
export default async function ManageAlertsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const query = await searchParams;
  const token = one(query.t) ?? '';
  const outcome = one(query.esito);
  const subscription = await subscriptionByToken(db(), token);
  const label = subscription && (await subjectLabel(db(), subscription.subject, locale));
  const status = (text: string) => (
    <p role="status" className="mt-3 rounded border-2 border-primary bg-primary-light p-3 font-semibold">
      {text}
    </p>
  );
  if (!subscription || !label) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-3xl font-bold">{t('alerts.manageTitle')}</h1>
        {outcome === 'cancellata' ? status(t('alerts.unsubscribed')) : <p className="mt-3">{t('alerts.missing')}</p>}
        <p className="mt-4">
          <Link href="/avvisi" prefetch={false}>
            {t('alerts.subscribeAgain')}
          </Link>
        </p>
      </div>
    );
  }
  const frequency = frequencyWords(t, subscription.frequency);
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('alerts.manageTitle')}</h1>
      {outcome === 'confermata' ? status(t('alerts.confirmed', { subject: label })) : null}
      {outcome === 'salvata' ? status(t('alerts.saved', { frequency })) : null}
      <p className="mt-3">{t('alerts.manageText', { email: subscription.email, subject: label, frequency })}</p>
      <form method="post" action="/api/avvisi/frequenza" className="mt-6">
        <input type="hidden" name="t" value={token} />
        <fieldset>
          <legend className="text-xl font-semibold">{t('alerts.changeFrequency')}</legend>
          {FREQUENCIES.map((f) => (
            <div key={f} className="mt-1 flex items-center gap-2">
              <input id={`frequency-${f}`} type="radio" name="frequency" value={f} defaultChecked={subscription.frequency === f} className="h-5 w-5" />
              <label htmlFor={`frequency-${f}`}>{t(`alerts.${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="mt-3 rounded bg-primary px-4 py-2 font-semibold text-white">
          {t('alerts.save')}
        </button>
      </form>
      <form method="post" action="/api/avvisi/cancella" className="mt-8">
        <input type="hidden" name="t" value={token} />
        <h2 className="text-xl font-semibold">{t('alerts.unsubscribe')}</h2>
        <p className="mt-1">{t('alerts.unsubscribeText')}</p>
        <button type="submit" className="mt-3 rounded border-2 border-red-800 bg-white px-4 py-2 font-semibold text-red-800">
          {t('alerts.unsubscribe')}
        </button>
      </form>
    </div>
  );
}
