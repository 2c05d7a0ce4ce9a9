import type { Translate } from '@/lib/i18n';

/*
 * The invitation to follow a comune, a theme or everything by e-mail: a plain
 * link to the sign-up page (no script, nothing added to the cached page it sits on).
 */
export function AlertsBox({ t, subject, href }: { t: Translate; subject: string; href: string }) {
  return (
    <section aria-labelledby="alerts-box-title" className="mt-6 rounded border border-stone-300 bg-white p-3">
      <h2 id="alerts-box-title" className="text-lg font-semibold">
        {t('alerts.boxTitle')}
      </h2>
      <p className="mt-1">{t('alerts.boxText', { subject })}</p>
      <p className="mt-2">
        <a href={href} rel="nofollow" className="inline-block rounded bg-primary px-3 py-1.5 font-semibold text-white no-underline hover:text-white">
          {t('alerts.boxAction')}
        </a>
      </p>
    </section>
  );
}
