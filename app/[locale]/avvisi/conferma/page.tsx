import Link from 'next/link';
import { openRequest } from '@/lib/alerts/confirmation';
import { frequencyWords } from '@/lib/alerts/mails';
import { subjectLabel } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';
import { pageLocale, titled, type LocaleParams } from '../../_shared/locale';
import { one, type SearchParams } from '../../_shared/search-params';

export const generateMetadata = titled('alerts.confirmTitle', { robots: { index: false } });
export const dynamic = 'force-dynamic';

/*
 * The confirmation link's page. Opening it confirms nothing: mail scanners
 * open links too, so the citizen presses the button (which works without JavaScript).
 */
export default async function ConfirmAlertsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const sealed = one((await searchParams).t) ?? '';
  const opened = openRequest(sealed);
  const label = opened.ok ? await subjectLabel(db(), opened.request.subject, locale) : null;
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('alerts.confirmTitle')}</h1>
      {opened.ok && label ? (
        <>
          <p className="mt-2">
            {t('alerts.confirmText', { email: opened.request.email, subject: label, frequency: frequencyWords(t, opened.request.frequency) })}
          </p>
          <form method="post" action="/api/avvisi/conferma" className="mt-4">
            <input type="hidden" name="t" value={sealed} />
            <button type="submit" className="rounded bg-primary px-4 py-2 font-semibold text-white">
              {t('alerts.confirmAction')}
            </button>
          </form>
        </>
      ) : (
        <>
          <p role="alert" className="mt-2 rounded border-2 border-red-800 bg-red-50 p-3">
            {!opened.ok && opened.reason === 'expired' ? t('alerts.expiredLink') : t('alerts.invalidLink')}
          </p>
          <p className="mt-4">
            <Link href="/avvisi" prefetch={false}>
              {t('alerts.subscribeAgain')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
